"""Stage 3, render: an Edition into `{output path: bytes}`, one pure function per page kind."""

from __future__ import annotations

from collections.abc import Iterator

from .. import paths
from ..assemble import Edition
from .feeds import FeedScope, render_feeds
from .html import index_page, release_page, root_page
from .ninjs import release_ninjs
from .sitemap import render_robots, render_sitemap
from .text import release_text
from .views import RenderContext, preview_banner

ASSETS = ("style.css",)


def render_release(
    release_id: str, lang: str, edition: Edition, ctx: RenderContext
) -> dict[str, bytes]:
    """Every file of one release in one language: page, plain text and ninjs."""
    release = edition.by_id[release_id]
    available = edition.alternates(release)
    banner = preview_banner(release, ctx.languages[lang], edition.now) if edition.preview else None
    return {
        paths.release_page(lang, release.id): release_page(release, lang, available, ctx, banner),
        paths.release_text(lang, release.id): release_text(release, lang, ctx, banner),
        paths.release_ninjs(lang, release.id): release_ninjs(release, lang, ctx, banner),
    }


def feed_scopes(edition: Edition) -> Iterator[tuple[FeedScope, tuple]]:
    """A feed per language, and per region and topic used by its public releases."""
    for lang, releases in edition.by_language.items():
        yield FeedScope(lang), releases
        for vocabulary in ("regions", "topics"):
            keys = sorted({k for r in releases for k in getattr(r, vocabulary)})
            for key in keys:
                members = tuple(r for r in releases if key in getattr(r, vocabulary))
                yield FeedScope(lang, vocabulary, key), members


def render_site_files(edition: Edition, ctx: RenderContext) -> dict[str, bytes]:
    """Files that depend on the whole edition: indexes, feeds, sitemap, root, media, assets."""
    files: dict[str, bytes] = {}
    for lang in edition.config.languages:
        files[paths.index_page(lang)] = index_page(edition, lang, ctx)
    if not edition.preview:  # a preview is for reading, never for subscribing or indexing
        for scope, releases in feed_scopes(edition):
            files.update(render_feeds(scope, releases, ctx))
        files[paths.SITEMAP] = render_sitemap(edition)
    files[paths.ROOT_PAGE] = root_page(ctx)
    files[paths.ROBOTS] = render_robots(edition)
    for release in edition.releases:
        if release.image:
            files[paths.media(release.id, release.image)] = (
                release.folder / release.image
            ).read_bytes()
    for name in ASSETS:
        source = ctx.env.loader.get_source(ctx.env, f"assets/{name}")[0]
        files[f"assets/{name}"] = source.encode("utf-8")
    return files
