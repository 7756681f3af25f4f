"""Stage 3, render: an Edition into `{output path: bytes}`, one pure function per page kind."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from .. import paths
from ..assemble import Edition
from ..i18n import Lookup
from ..model import Release
from .feeds import FeedScope, render_feeds
from .html import index_page, release_page, root_page
from .ninjs import release_ninjs
from .sitemap import render_robots, render_sitemap
from .text import release_text
from .views import Body, BodyLookup, RenderContext, SummaryLookup, prepare_body, preview_banner

ASSETS = ("style.css",)


Lookups = frozenset[Lookup]


@dataclass(frozen=True)
class ReleaseOutput:
    """The files of one release-language, the catalog lookups each file made, and its
    converted body for indexes and feeds."""

    files: dict[str, bytes]
    lookups: dict[str, Lookups]
    body: Body


def render_release(
    release_id: str,
    lang: str,
    edition: Edition,
    ctx: RenderContext,
    body: Body | None = None,
    wanted: frozenset[str] | None = None,
) -> ReleaseOutput:
    """The files of one release in one language: page, plain text and ninjs.

    A pure function of the release, its available languages, the edition's instant (for a
    preview's banner) and the render context: what makes incremental and parallel builds safe.
    An incremental build passes the body converted earlier, and the files it needs.
    """
    release = edition.by_id[release_id]
    language = ctx.languages[lang]
    available = edition.alternates(release)
    banner = preview_banner(release, language, edition.now) if edition.preview else None
    if body is None:
        body = prepare_body(release.translations[lang], language, release)
    renderers: dict[str, Callable[[RenderContext], bytes]] = {
        paths.release_page(lang, release.id): lambda ctx: release_page(
            release, lang, available, ctx, body, banner
        ),
        paths.release_text(lang, release.id): lambda ctx: release_text(
            release, lang, ctx, body, banner
        ),
        paths.release_ninjs(lang, release.id): lambda ctx: release_ninjs(
            release, lang, ctx, body, banner
        ),
    }
    files, lookups = {}, {}
    for path, render in renderers.items():
        if wanted is None or path in wanted:
            used: set[Lookup] = set()
            files[path] = render(ctx.recording(used))
            lookups[path] = frozenset(used)
    return ReleaseOutput(files=files, lookups=lookups, body=body)


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


FeedScopes = list[tuple[FeedScope, tuple[Release, ...]]]


def feed_members(scopes: FeedScopes, length: int) -> frozenset[tuple[str, str]]:
    """The release-languages some feed will show (each feed shows its newest `length`)."""
    return frozenset(
        (release.id, scope.lang) for scope, releases in scopes for release in releases[:length]
    )


@dataclass(frozen=True)
class SitePart:
    """A group of site-wide files, and the release-languages whose change would change it."""

    name: str
    members: tuple[tuple[str, str], ...]
    render: Callable[[], dict[str, bytes]]
    shows_bodies: bool = False  # whether it shows its members' whole text (feeds do)


def site_parts(
    edition: Edition,
    ctx: RenderContext,
    bodies: BodyLookup,
    summaries: SummaryLookup,
    scopes: FeedScopes,
) -> list[SitePart]:
    """Indexes, feeds, sitemap, root page, robots.txt, media and assets, as separate parts."""
    parts = []
    for lang, releases in edition.by_language.items():
        members = tuple((r.id, lang) for r in releases)
        parts.append(
            SitePart(f"index:{lang}", members, partial(_index, edition, lang, ctx, summaries))
        )
    if not edition.preview:  # a preview is for reading, never for subscribing or indexing
        for scope, releases in scopes:
            shown = releases[: ctx.config.feed_length]
            parts.append(
                SitePart(
                    f"feeds:{scope.path('rss')}",
                    tuple((r.id, scope.lang) for r in shown),
                    partial(render_feeds, scope, shown, ctx, bodies),
                    shows_bodies=True,
                )
            )
        everything = tuple((r.id, lang) for r in edition.releases for lang in edition.alternates(r))
        parts.append(SitePart("sitemap", everything, partial(_sitemap, edition)))
    parts.append(SitePart("root", (), partial(_root, ctx, edition)))
    for release in edition.releases:
        if release.media_files:
            parts.append(
                SitePart(f"media:{release.id}", ((release.id, ""),), partial(_media, release))
            )
    parts.append(SitePart("assets", (), partial(_assets, ctx)))
    return parts


def _index(
    edition: Edition, lang: str, ctx: RenderContext, summaries: SummaryLookup
) -> dict[str, bytes]:
    return {paths.index_page(lang): index_page(edition, lang, ctx, summaries)}


def _sitemap(edition: Edition) -> dict[str, bytes]:
    return {paths.SITEMAP: render_sitemap(edition)}


def _root(ctx: RenderContext, edition: Edition) -> dict[str, bytes]:
    return {paths.ROOT_PAGE: root_page(ctx), paths.ROBOTS: render_robots(edition)}


def _media(release: Release) -> dict[str, bytes]:
    return {
        paths.media(release.id, name): (release.folder / name).read_bytes()
        for name in release.media_files
    }


def _assets(ctx: RenderContext) -> dict[str, bytes]:
    return {
        f"assets/{name}": ctx.env.loader.get_source(ctx.env, f"assets/{name}")[0].encode()
        for name in ASSETS
    }
