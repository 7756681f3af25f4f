"""Every output of an edition, declared as data: its files, the key of what each depends on,
and the pure function that renders it.

A unit is one render (`render.units`). Its files are kept as they are while their keys do
not change (the engine's memo); a key is made of the digests `Keys` gives, so each
declaration below says exactly what its bytes depend on. A path ending in "/" is a folder
whose files only the render knows (a search index). A new kind of output needs no change
to the engine: its paths in `paths.py`, its pure render (a module of `render/`), an adapter
in `units.py`, and one more function in `KINDS`; a templated kind names its template in
its key (`Keys.kind`) and in `docs/templates.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from .. import paths
from ..assemble import Edition
from ..model import Release
from .archive import Archive, archive, release_year
from .feeds import empty_feed_date, feed_scopes
from .search import search_ui_paths
from .units import (
    render_about_page,
    render_assets,
    render_contacts_page,
    render_feed_scope,
    render_kit,
    render_list,
    render_media,
    render_print,
    render_release,
    render_root,
    render_search_bundle,
    render_search_page,
    render_search_ui,
    render_sitemaps,
    render_withdrawal,
    sitemap_files,
)
from .views import Bodies, RenderContext

Render = Callable[[RenderContext, Bodies, frozenset[str]], dict[str, bytes]]


# The stages a build renders in, one after the other. PDFs come first: Typst is the
# renderer a site's template most likely makes fail, and a build that fails should fail
# before it spends minutes on pages (it puts no file in place before all are rendered).
# Lists and feeds show bodies that pages convert; a press kit holds the PDFs.
PRINT, PAGES, LISTS, KITS = STAGES = (0, 1, 2, 3)
# as a progress bar on a terminal names them
STAGE_NAMES = {
    PRINT: "Typesetting PDFs",
    PAGES: "Rendering release pages",
    LISTS: "Rendering lists, feeds and search",
    KITS: "Packing press kits",
}


@dataclass(frozen=True)
class Unit:
    """One render: its files (path -> key), the function that renders those asked for,
    and its stage (see `STAGES`)."""

    name: str
    files: Mapping[str, str]
    render: Render
    stage: int = PAGES


class Keys(Protocol):
    """The digests keys are made of (`engine.keys.Keys`)."""

    @property
    def base(self) -> str: ...  # pressgen's code and libraries, and the site's settings

    def template(self, name: str) -> str: ...  # a template with those it uses

    @property
    def catalogs(self) -> Mapping[str, str]: ...  # the site's catalog over the package's

    @property
    def assets(self) -> str: ...  # the site's assets/ folder (its logo among them)

    @property
    def logo(self) -> str: ...  # the logo alone (the letterhead of every PDF)

    def kind(self, name: str, lang: str) -> str: ...  # code, settings, template, catalog

    def print_kind(self, lang: str) -> str: ...  # `kind` of PDFs: the settings they show

    def content(self, release: Release, lang: str) -> str: ...  # what a release-language shows

    def printed(self, release: Release, lang: str) -> str: ...  # `content` but its languages

    def meta(self, release: Release) -> str: ...  # release.yaml, the languages it has

    def media(self, release: Release) -> str: ...

    def combine(self, *parts: str) -> str: ...

    def linked(self, text: str) -> tuple[str, ...]: ...  # releases not public it may name


def plan(edition: Edition, keys: Keys) -> list[Unit]:
    """Every unit of the edition, release-languages first."""
    found = archive(edition)
    units = [unit for kind in KINDS for unit in kind(edition, keys, found)]
    if len({path for unit in units for path in unit.files}) != sum(len(u.files) for u in units):
        raise RuntimeError(_declared_twice(units))  # one path, one owner: else one is lost
    return units


def _declared_twice(units: Sequence[Unit]) -> str:
    owners: dict[str, str] = {}
    for unit in units:
        for path in unit.files:
            if path in owners:
                return f"{path}: declared by {owners[path]} and {unit.name}"
            owners[path] = unit.name
    return "no path declared twice"


def _releases(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """Page, plain text and ninjs: each from its template (ninjs has none), the language's
    catalog and what the release-language shows."""
    kinds: dict[str, list[str]] = {}
    for release in edition.releases:
        for lang in edition.alternates(release):
            if lang not in kinds:
                kinds[lang] = [keys.kind(n, lang) for n in ("page.html", "release.txt", "ninjs")]
            page, text, ninjs = kinds[lang]
            content = keys.content(release, lang)
            files = {
                paths.release_page(lang, release.id): f"{page}:{content}",
                paths.release_text(lang, release.id): f"{text}:{content}",
                paths.release_ninjs(lang, release.id): f"{ninjs}:{content}",
            }
            render = partial(render_release, release.id, lang, edition)
            yield Unit(f"release {lang} {release.id}", files, render)


def _withdrawals(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """At each address of a release withdrawn after it was public (its page and its ninjs),
    a notice: its template (the ninjs has none), the catalog, and the release's facts (when
    it was withdrawn, its languages)."""
    for release in edition.withdrawn:
        for lang in edition.alternates(release):
            meta = keys.meta(release)
            files = {
                paths.release_page(lang, release.id): keys.combine(
                    keys.kind("withdrawn.html", lang), meta
                ),
                paths.release_ninjs(lang, release.id): keys.combine(keys.kind("ninjs", lang), meta),
            }
            render = partial(render_withdrawal, release, lang, edition)
            yield Unit(f"withdrawn {lang} {release.id}", files, render)


def _prints(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """A PDF per release-language (its Typst template, catalog, text, the logo) and, once
    the PDFs are in the output, the release's press kit (every language's PDF and text, its
    photos)."""
    if not edition.config.pdf_enabled:
        return
    for release in edition.releases:
        files, parts = {}, []
        for lang in edition.alternates(release):
            pdf = keys.combine(keys.print_kind(lang), keys.printed(release, lang), keys.logo)
            files[paths.release_pdf(lang, release.id)] = pdf
            parts += [pdf, keys.kind("release.txt", lang), keys.content(release, lang)]
        yield Unit(f"print {release.id}", files, partial(render_print, release.id, edition), PRINT)
        kit = {paths.press_kit(release.id): keys.combine("kit", *parts, keys.media(release))}
        yield Unit(f"kit {release.id}", kit, partial(render_kit, release.id, edition), KITS)


def _media(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    for release in edition.releases:
        if release.media_files:
            key = keys.combine("media", release.id, keys.media(release))
            files = dict.fromkeys(_media_paths(release), key)
            yield Unit(f"media {release.id}", files, partial(render_media, release))


def _media_paths(release: Release) -> list[str]:
    from .images import photo_plan, picture_plan

    found = [paths.media(release.id, name) for name in release.media_files]
    for name in release.photo_names:
        photo = release.photos[name]
        found += [copy.path for copy in photo_plan(release.id, photo, name == release.image)]
    for name, size in release.media_sizes.items():
        found += [copy.path for copy in picture_plan(release.id, name, size)]
    return found


def _lists(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """A page of a list: its template and catalog, its members, where it stands among the
    list's pages, how many releases the list counts, and which languages have the list
    (the switcher, `hreflang`)."""
    size = edition.config.page_size
    for lang, lists in found.lists.items():
        kind = keys.kind("index.html", lang)
        browse = " ".join(f"{one.vocabulary}/{one.key}" for one in lists)
        for index, one in enumerate(lists):
            count = found.pages(one, size)
            having = " ".join(found.languages_of[one.vocabulary, one.key])
            where = f"{one.vocabulary}/{one.key}"
            if not one.releases and edition.withdrew_in(lang):  # says none is available now
                where += " withdrawn"
            shared = (kind, str(edition.preview), where, str(count), str(len(one.releases)), having)
            for number in range(1, count + 1):
                members = (
                    keys.content(r, lang) for r in one.releases[(number - 1) * size : number * size]
                )
                extra = browse if one.vocabulary is None else ""
                versions = " ".join(found.same_page_in(one, number, size))
                key = keys.combine(*shared, str(number), extra, versions, *members)
                render = partial(render_list, edition, found, lang, index, number)
                yield Unit(f"list {one.path(number)}", {one.path(number): key}, render, LISTS)


def _feeds(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """A feed's three formats: the catalog and what each member shows (feedgen writes them,
    with no template)."""
    if edition.preview:  # a preview is for reading, never for subscribing or indexing
        return
    newest = empty_feed_date(edition)
    for scope, shown in feed_scopes(edition):
        members = (keys.content(r, scope.lang) for r in shown)
        since = None if shown else newest  # an empty feed is as new as the site
        key = keys.combine(keys.kind("feeds", scope.lang), scope.path("rss"), str(since), *members)
        files = {scope.path(kind): key for kind in paths.FEED_FILES}
        render = partial(render_feed_scope, scope, shown, since)
        yield Unit(f"feeds {scope.path('rss')}", files, render, LISTS)


def _site_pages(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """Each language's search page (its template, catalog, and the years it searches),
    about and contacts pages (the settings, template and catalog)."""
    for lang in edition.config.languages:
        if not edition.preview:
            years = _years(edition, lang)
            key = keys.combine(keys.kind("search.html", lang), *years)
            render = partial(render_search_page, lang, years)
            yield Unit(f"search {lang}", {paths.search_page(lang): key}, render)
        if lang in edition.config.about:  # and the releases not public its links may name
            linked = keys.linked(edition.config.about[lang])
            key = keys.combine(keys.kind("about.html", lang), *linked)
            render = partial(render_about_page, lang, linked)
            yield Unit(f"about {lang}", {paths.about_page(lang): key}, render)
        if edition.config.contacts:
            key = keys.kind("contacts.html", lang)
            render = partial(render_contacts_page, lang)
            yield Unit(f"contacts {lang}", {paths.contacts_page(lang): key}, render)


def _years(edition: Edition, lang: str) -> tuple[str, ...]:
    return tuple(sorted({release_year(r) for r in edition.by_language[lang]}, reverse=True))


def _search(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """The search interface (Pagefind's version, in the libraries), and an index per language
    and year: what each of its releases shows."""
    if edition.preview:
        return
    key = keys.combine("search ui", keys.base)
    yield Unit("search ui", dict.fromkeys(search_ui_paths(), key), render_search_ui)
    for lang in edition.config.languages:
        by_year: dict[str, list[Release]] = {}
        for release in edition.by_language[lang]:
            by_year.setdefault(release_year(release), []).append(release)
        for year, releases in by_year.items():
            members = (keys.content(release, lang) for release in releases)
            key = keys.combine("search", keys.base, lang, year, *members)
            render = partial(render_search_bundle, lang, year, releases)
            yield Unit(
                f"search {lang} {year}", {paths.search_bundle(lang, year): key}, render, LISTS
            )


def _site(edition: Edition, keys: Keys, found: Archive) -> Iterator[Unit]:
    """The root page and the page of addresses not found (every language's title and
    catalog), robots.txt, the stylesheets and assets, and the sitemaps (each language's
    pages, their languages and last change)."""
    every = [keys.catalogs[lang] for lang in edition.config.languages]
    pages = (keys.template("root.html"), keys.template("404.html"))
    root = keys.combine(keys.base, *pages, str(edition.preview), *every)
    files = dict.fromkeys((paths.ROOT_PAGE, paths.NOT_FOUND_PAGE, paths.ROBOTS), root)
    yield Unit("root and 404", files, partial(render_root, edition))
    assets = keys.combine(keys.base, keys.assets)
    yield Unit("assets", {"assets/": assets}, render_assets)
    if edition.preview:
        return
    parts = {lang: sitemap_files(edition, found, lang) for lang in edition.config.languages}
    index = keys.combine(keys.base, "sitemap index", *(f"{n}" for n in parts.values()))
    files = dict.fromkeys((paths.SITEMAP, paths.ROOT_SITEMAP), index)
    yield Unit("sitemap", files, partial(render_sitemaps, edition, found, None))
    for lang in edition.config.languages:
        # a page's last change: release.yaml's dates, and a translation's own (`out_in`)
        members = (f"{r.id} {keys.meta(r)} {r.added.get(lang)}" for r in edition.by_language[lang])
        versions = _list_versions(found, lang, edition.config.page_size)
        key = keys.combine(keys.base, "sitemap", lang, versions, *members)
        files = {paths.language_sitemap(lang, part): key for part in range(1, parts[lang] + 1)}
        yield Unit(f"sitemap {lang}", files, partial(render_sitemaps, edition, found, lang))


def _list_versions(found: Archive, lang: str, size: int) -> str:
    """Where each page of a language's lists has versions in other languages, which other
    languages' releases decide (see `Archive.same_page_in`): a year or region that another
    language gains or loses changes this language's sitemap too."""
    return " ".join(
        f"{one.path(number)}={','.join(found.same_page_in(one, number, size))}"
        for one in found.lists[lang]
        for number in range(1, found.pages(one, size) + 1)
    )


KINDS: Sequence[Callable[[Edition, Keys, Archive], Iterator[Unit]]] = (
    _releases,
    _withdrawals,
    _media,
    _site_pages,
    _site,
    _lists,
    _feeds,
    _prints,
    _search,
)
