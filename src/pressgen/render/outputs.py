"""Every output of an edition, declared as data: its files, the key of what each depends on,
and the pure function that renders it.

A unit is one render. Its files are kept as they are while their keys do not change (the
engine's memo); a key is made of the digests `Keys` gives, so each declaration below says
exactly what its bytes depend on. A new kind of output is one more function in `KINDS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from .. import paths
from ..assemble import Edition
from ..model import Release
from . import (
    feed_scopes,
    render_assets,
    render_feed_scope,
    render_index,
    render_media,
    render_release,
    render_root,
    render_sitemap_part,
)
from .views import Bodies, RenderContext

Render = Callable[[RenderContext, Bodies, frozenset[str]], dict[str, bytes]]


@dataclass(frozen=True)
class Unit:
    """One render: its files (path -> key) and the function that renders those asked for.

    Units of stage 1 show what units of stage 0 convert (indexes and feeds show bodies)."""

    name: str
    files: Mapping[str, str]
    render: Render
    stage: int = 0


class Keys(Protocol):
    """The digests keys are made of (`engine.keys.Keys`)."""

    base: str  # pressgen's code and libraries, and the site's settings
    templates: Mapping[str, str]  # each page template with those it extends or includes
    catalogs: Mapping[str, str]  # each language's catalog, the site's over the package's
    assets: str

    def kind(self, name: str, lang: str) -> str: ...  # code, settings, template, catalog

    def content(self, release: Release, lang: str) -> str: ...  # what a release-language shows

    def media(self, release: Release) -> str: ...

    def combine(self, *parts: str) -> str: ...


def plan(edition: Edition, keys: Keys) -> list[Unit]:
    """Every unit of the edition, release-languages first."""
    return [unit for kind in KINDS for unit in kind(edition, keys)]


def _releases(edition: Edition, keys: Keys) -> Iterator[Unit]:
    """Page, plain text and ninjs: each from its template (ninjs has none), the language's
    catalog and what the release-language shows."""
    kinds: dict[str, tuple[str, str, str]] = {}
    for release in edition.releases:
        for lang in edition.alternates(release):
            if lang not in kinds:
                kinds[lang] = tuple(  # type: ignore[assignment]
                    keys.kind(name, lang) for name in ("page.html", "release.txt", "ninjs")
                )
            page, text, ninjs = kinds[lang]
            content = keys.content(release, lang)
            files = {
                paths.release_page(lang, release.id): f"{page}:{content}",
                paths.release_text(lang, release.id): f"{text}:{content}",
                paths.release_ninjs(lang, release.id): f"{ninjs}:{content}",
            }
            render = partial(render_release, release.id, lang, edition)
            yield Unit(f"release {lang} {release.id}", files, render)


def _media(edition: Edition, keys: Keys) -> Iterator[Unit]:
    for release in edition.releases:
        if release.media_files:
            key = keys.combine("media", release.id, keys.media(release))
            files = {paths.media(release.id, name): key for name in release.media_files}
            yield Unit(f"media {release.id}", files, partial(render_media, release))


def _indexes(edition: Edition, keys: Keys) -> Iterator[Unit]:
    """A language's index: its template and catalog, and what each member shows."""
    for lang, releases in edition.by_language.items():
        members = (keys.content(r, lang) for r in releases)
        key = keys.combine(keys.kind("index.html", lang), str(edition.preview), *members)
        render = partial(render_index, edition, lang)
        yield Unit(f"index {lang}", {paths.index_page(lang): key}, render, stage=1)


def _feeds(edition: Edition, keys: Keys) -> Iterator[Unit]:
    """A feed's three formats: the catalog and what each member shows (feedgen writes them,
    with no template)."""
    if edition.preview:  # a preview is for reading, never for subscribing or indexing
        return
    length = edition.config.feed_length
    for scope, releases in feed_scopes(edition):
        shown = releases[:length]
        members = (keys.content(r, scope.lang) for r in shown)
        key = keys.combine(keys.kind("feeds", scope.lang), scope.path("rss"), *members)
        files = {scope.path(kind): key for kind in paths.FEED_FILES}
        render = partial(render_feed_scope, scope, shown)
        yield Unit(f"feeds {scope.path('rss')}", files, render, stage=1)


def _site(edition: Edition, keys: Keys) -> Iterator[Unit]:
    """The root page (every language's title and catalog), robots.txt, the stylesheet and
    the sitemap (every page, its languages and its last change)."""
    every = [keys.catalogs[lang] for lang in edition.config.languages]
    root = keys.combine(keys.base, keys.templates["root.html"], str(edition.preview), *every)
    yield Unit("root", {paths.ROOT_PAGE: root, paths.ROBOTS: root}, partial(render_root, edition))
    assets = keys.combine(keys.base, keys.assets)
    yield Unit("assets", {paths.STYLESHEET: assets}, render_assets)
    if not edition.preview:
        everywhere = ((r, lang) for r in edition.releases for lang in edition.alternates(r))
        members = (keys.content(r, lang) for r, lang in everywhere)
        key = keys.combine(keys.base, "sitemap", *members)
        yield Unit("sitemap", {paths.SITEMAP: key}, partial(render_sitemap_part, edition))


KINDS: Sequence[Callable[[Edition, Keys], Iterator[Unit]]] = (
    _releases,
    _media,
    _indexes,
    _feeds,
    _site,
)
