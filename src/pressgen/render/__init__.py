"""Stage 3, render: the files of an edition, one pure function per unit of output.

Each function takes what it shows (an edition, a release, a feed's members), the render
context (templates and catalogs, loaded once per process), the converted bodies it may
consult, and the paths wanted (a release-language renders only the files that changed), and
returns `{output path: bytes}`. `engine.plan` declares which function renders which files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .. import paths
from ..assemble import Edition
from ..model import Release
from .environment import template_source
from .feeds import FeedScope, render_feeds
from .html import index_page, release_page, root_page
from .ninjs import release_ninjs
from .sitemap import render_robots, render_sitemap
from .text import release_text
from .views import Bodies, RenderContext, preview_banner

ASSETS = ("style.css",)
Files = dict[str, bytes]


def render_release(
    release_id: str,
    lang: str,
    edition: Edition,
    ctx: RenderContext,
    bodies: Bodies,
    wanted: frozenset[str],
) -> Files:
    """The files of one release in one language: page, plain text and ninjs.

    A pure function of the release, its available languages, the edition's instant (for a
    preview's banner), the render context and the converted body: what makes incremental
    and parallel builds safe.
    """
    release = edition.by_id[release_id]
    language = ctx.languages[lang]
    available = edition.alternates(release)
    banner = preview_banner(release, language, edition.now) if edition.preview else None
    body = bodies.body(release, lang)
    renderers: dict[str, Callable[[], bytes]] = {
        paths.release_page(lang, release.id): lambda: release_page(
            release, lang, available, ctx, body, banner
        ),
        paths.release_text(lang, release.id): lambda: release_text(
            release, lang, ctx, body, banner
        ),
        paths.release_ninjs(lang, release.id): lambda: release_ninjs(
            release, lang, ctx, body, banner
        ),
    }
    return {path: render() for path, render in renderers.items() if path in wanted}


def feed_scopes(edition: Edition) -> Iterator[tuple[FeedScope, tuple[Release, ...]]]:
    """A feed per language, and per region and topic used by its public releases."""
    for lang, releases in edition.by_language.items():
        yield FeedScope(lang), releases
        for vocabulary in ("regions", "topics"):
            members: dict[str, list[Release]] = {}
            for release in releases:  # newest first, and so stays each member list
                for key in dict.fromkeys(getattr(release, vocabulary)):
                    members.setdefault(key, []).append(release)
            for key in sorted(members):
                yield FeedScope(lang, vocabulary, key), tuple(members[key])


def render_feed_scope(
    scope: FeedScope,
    shown: tuple[Release, ...],
    ctx: RenderContext,
    bodies: Bodies,
    wanted: frozenset[str],
) -> Files:
    return render_feeds(scope, shown, ctx, bodies.body)


def render_index(
    edition: Edition, lang: str, ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]
) -> Files:
    return {paths.index_page(lang): index_page(edition, lang, ctx, bodies.summary)}


def render_sitemap_part(
    edition: Edition, ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]
) -> Files:
    return {paths.SITEMAP: render_sitemap(edition)}


def render_root(
    edition: Edition, ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]
) -> Files:
    return {paths.ROOT_PAGE: root_page(ctx), paths.ROBOTS: render_robots(edition)}


def render_media(
    release: Release, ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]
) -> Files:
    """The release's photo and body media, as they are (the reader checked each is a file of
    the release's own folder)."""
    return {
        paths.media(release.id, name): (release.folder / name).read_bytes()
        for name in release.media_files
    }


def render_assets(ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]) -> Files:
    return {
        f"assets/{name}": template_source(ctx.env, f"assets/{name}").encode() for name in ASSETS
    }
