"""The archive a reader browses: each language's index, years, regions and topics, paginated.

Every list is newest first and shows only releases available in its language; page 1 of a
list is its own address (`fr/`, `fr/years/2021/`, `fr/regions/global/`), the next ones are
`…/page/N/`. `list_page` renders one page of a list: a pure function of the edition, the
list's releases (their labels, dates, titles and summaries), the templates, the catalogs and
`[archive] page_size`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from math import ceil
from typing import Any, NamedTuple

from .. import paths
from ..assemble import Edition
from ..bidi import isolated, written_the_other_way
from ..i18n import Language
from ..model import N_, Release, utc
from .feed_links import FeedLink
from .feeds import FeedScope, scope_feed_links
from .sitemap import Alternate, SitemapPage
from .views import (
    RenderContext,
    SummaryLookup,
    common,
    preview_banner,
    release_labels,
)

VOCABULARIES = paths.VOCABULARY_DIRS
HEADINGS = {
    "years": N_("Press releases from %(year)s"),
    "regions": N_("Press releases: %(region)s"),
    "topics": N_("Press releases on %(topic)s"),
}
WINDOW = 2  # page numbers shown on each side of the current one


class ArchiveList(NamedTuple):
    """One list of releases: the index (no vocabulary), a year, a region or a topic."""

    lang: str
    vocabulary: str | None
    key: str | None
    releases: tuple[Release, ...]

    def path(self, number: int = 1) -> str:
        return paths.list_page(self.lang, self.vocabulary, self.key, number)


def release_year(release: Release) -> str:
    """The year a release is filed under: that of its date, in its own UTC offset."""
    return str(release.date.year)


def archive_lists(edition: Edition, lang: str) -> list[ArchiveList]:
    """The index, then every year, region and topic that has releases in `lang`."""
    releases = edition.by_language[lang]
    lists = [ArchiveList(lang, None, None, releases)]
    for vocabulary in VOCABULARIES:
        for key, members in _grouped(edition, lang, releases, vocabulary):
            lists.append(ArchiveList(lang, vocabulary, key, members))
    return lists


def _grouped(
    edition: Edition, lang: str, releases: tuple[Release, ...], vocabulary: str
) -> Iterator[tuple[str, tuple[Release, ...]]]:
    members: dict[str, list[Release]] = {}
    for release in releases:  # newest first, and so stays each member list
        keys = (release_year(release),) if vocabulary == "years" else getattr(release, vocabulary)
        for key in dict.fromkeys(keys):
            members.setdefault(key, []).append(release)
    if vocabulary != "years":  # a region or topic all of whose releases were withdrawn
        for key in edition.withdrawn_keys(lang, vocabulary):
            members.setdefault(key, [])
    if vocabulary == "years":
        order = sorted(members, reverse=True)
    else:  # as pressgen.toml lists them
        order = [k for k in getattr(edition.config, vocabulary) if k in members]
    for key in order:
        yield key, tuple(members[key])


def page_count(releases: tuple[Release, ...], size: int) -> int:
    return max(1, ceil(len(releases) / size))


class Archive(NamedTuple):
    """Every list of every language, and the languages that have each list: worked out
    once per build (a list page asks both, and there are thousands of pages)."""

    lists: Mapping[str, list[ArchiveList]]  # by language: the index, years, regions, topics
    languages_of: Mapping[tuple[str | None, str | None], tuple[str, ...]]
    by_language: Mapping[tuple[str, str | None, str | None], ArchiveList]

    def pages(self, one: ArchiveList, size: int) -> int:
        return page_count(one.releases, size)

    def same_page_in(self, one: ArchiveList, number: int, size: int) -> tuple[str, ...]:
        """The languages in which page `number` of the list is a version of this one (for
        `hreflang` and the switcher): page 1 wherever the list exists; a later page where it
        shows the same releases, as when every release has every language."""
        having = self.languages_of.get((one.vocabulary, one.key), ())
        if number == 1:
            return having
        ids = _ids_on_page(one, number, size)
        same = tuple(
            code
            for code in having
            if _ids_on_page(self.by_language[code, one.vocabulary, one.key], number, size) == ids
        )
        return same if len(same) > 1 else ()  # a page alone has no versions to name


def _ids_on_page(one: ArchiveList, number: int, size: int) -> list[str]:
    return [release.id for release in one.releases[(number - 1) * size : number * size]]


def archive(edition: Edition) -> Archive:
    lists = {lang: archive_lists(edition, lang) for lang in edition.config.languages}
    having: dict[tuple[str | None, str | None], list[str]] = {}
    for lang, found in lists.items():
        for one in found:
            having.setdefault((one.vocabulary, one.key), []).append(lang)
    languages_of = {list_id: tuple(langs) for list_id, langs in having.items()}
    by_language = {(one.lang, one.vocabulary, one.key): one for ls in lists.values() for one in ls}
    return Archive(lists, languages_of, by_language)


class NavLink(NamedTuple):
    label: str
    path: str  # output path; each page makes it relative
    lang: str | None = None  # "en" for a label shown untranslated (`Language.untranslated`)


class Browse(NamedTuple):
    years: list[NavLink]
    regions: list[NavLink]
    topics: list[NavLink]


def browse_links(lang: str, ctx: RenderContext, lists: list[ArchiveList]) -> Browse | None:
    """Every year, region and topic of a language, for the index's "Browse" section; none
    in a language that has no release yet (a heading over nothing)."""
    language = ctx.languages[lang]
    found: dict[str, list[NavLink]] = {v: [] for v in VOCABULARIES}
    for one in lists:
        if one.vocabulary and one.key and one.releases:  # not a list with none left
            found[one.vocabulary].append(_browse_link(one, ctx, language))
    return Browse(**found) if any(found.values()) else None


def _key_label(one: ArchiveList, ctx: RenderContext, language: Language) -> str:
    if one.vocabulary == "years":
        return language.year(int(str(one.key)))
    return language.gettext(getattr(ctx.config, str(one.vocabulary))[one.key])


def _browse_link(one: ArchiveList, ctx: RenderContext, language: Language) -> NavLink:
    """A year, region or topic in the index's "Browse" section; a label shown untranslated
    says it is English."""
    label = _key_label(one, ctx, language)
    if one.vocabulary == "years":
        return NavLink(label, one.path())
    english = language.untranslated(getattr(ctx.config, str(one.vocabulary))[one.key])
    return NavLink(label, one.path(), english)


def list_heading(one: ArchiveList, ctx: RenderContext, language: Language) -> str:
    """A list's heading in the language ("Press releases from 2021"), its label isolated
    when written the other way: "Middle East & North Africa <2>" in an Arabic heading would
    otherwise lose its order, in the page's heading and in its title."""
    if one.vocabulary is None:
        return language.gettext("Press releases")
    if one.vocabulary == "topics":  # inside a sentence: "Press releases on border management"
        label = language.running_text(ctx.config.topics[str(one.key)])
    else:
        label = _key_label(one, ctx, language)
    label = isolated(label, language.direction)
    message = HEADINGS[one.vocabulary]
    return language.gettext(message) % {"year": label, "region": label, "topic": label}


class PageLink(NamedTuple):
    label: str
    href: str | None  # None: a gap (…) in the list of pages
    current: bool


class Pagination(NamedTuple):
    number: int
    total: int
    label: str  # "Page 2 of 13"
    prev: str | None
    next: str | None
    links: list[PageLink]


def pagination(one: ArchiveList, number: int, count: int, language: Language) -> Pagination:
    """Links to the previous, next, first, last and nearby pages, numbered in the locale."""
    here = one.path(number)

    def href(n: int) -> str:
        return paths.relative(here, one.path(n))

    shown = sorted({1, count, *range(max(1, number - WINDOW), min(count, number + WINDOW) + 1)})
    links: list[PageLink] = []
    previous = 0
    for n in shown:
        if n > previous + 1:
            links.append(PageLink("…", None, False))
        links.append(PageLink(language.number(n), href(n), n == number))
        previous = n
    return Pagination(
        number=number,
        total=count,
        label=language.gettext("Page %(number)s of %(count)s")
        % {"number": language.number(number), "count": language.number(count)},
        prev=href(number - 1) if number > 1 else None,
        next=href(number + 1) if number < count else None,
        links=links,
    )


def list_page(
    edition: Edition,
    found: Archive,
    one: ArchiveList,
    number: int,
    ctx: RenderContext,
    summaries: SummaryLookup,
) -> bytes:
    """Page `number` of one list: `page_size` releases, linked to the others in order."""
    language = ctx.languages[one.lang]
    size = ctx.config.page_size
    count = found.pages(one, size)
    page_path = one.path(number)
    shown = one.releases[(number - 1) * size : number * size]
    heading = list_heading(one, ctx, language)
    pages = pagination(one, number, count, language)
    browse = None
    if one.vocabulary is None:
        browse = _relative_browse(browse_links(one.lang, ctx, found.lists[one.lang]), page_path)
    values: dict[str, Any] = {
        **common(
            ctx, language, page_path, ctx.config.languages, _switch_target(found, one, number, size)
        ),
        "heading": heading,
        # how many releases a year, region or topic has (the language's index says none)
        "count": len(one.releases) if one.vocabulary and one.releases else None,
        "title": heading if count == 1 else _paged_title(heading, pages, language),
        "items": [_entry(r, one.lang, page_path, edition, ctx, summaries) for r in shown],
        # an empty index: none published yet, or none available now (all withdrawn)
        "withdrawn_only": not shown and edition.withdrew_in(one.lang),
        "pagination": pages,
        "alternates": _alternates(found, one, number, ctx),
        "browse": browse,
        "scope_feeds": _scope_feeds(one, page_path, ctx),
        "up": None
        if one.vocabulary is None
        else paths.relative(page_path, paths.index_page(one.lang)),
    }
    return ctx.env.get_template("index.html").render(values).encode("utf-8")


def _scope_feeds(one: ArchiveList, page_path: str, ctx: RenderContext) -> list[FeedLink]:
    """A region's or topic's own feeds (a year has none; the index's are the language's)."""
    if ctx.preview or one.vocabulary not in ("regions", "topics"):
        return []
    return scope_feed_links(FeedScope(one.lang, one.vocabulary, one.key), ctx, page_path)


def _switch_target(found: Archive, one: ArchiveList, number: int, size: int) -> Any:
    """The language switcher leads to the same page in another language where it shows the
    same releases, else to the same list where it exists there, else to that language's
    index."""
    having = found.languages_of.get((one.vocabulary, one.key), ())
    same = found.same_page_in(one, number, size)

    def target(code: str) -> str:
        if one.vocabulary and code not in having:
            return paths.index_page(code)
        shown = number if code in same else 1
        return paths.list_page(code, one.vocabulary, one.key, shown)

    return target


def _paged_title(heading: str, pages: Pagination, language: Language) -> str:
    """A list's title when it has several pages: "Regions (page 2 of 13)", a message of its
    own (in a title, Russian and Spanish write "page" in lower case)."""
    title = language.pgettext(
        "a list's title, when the list has several pages",
        "%(list)s (page %(number)s of %(count)s)",
    )
    numbers = {"number": language.number(pages.number), "count": language.number(pages.total)}
    return title % {"list": heading, **numbers}


def _alternates(
    found: Archive, one: ArchiveList, number: int, ctx: RenderContext
) -> list[Alternate]:
    """The same page in each language where it is a version of this one (for `hreflang`),
    and for a language's home page the site's root, the choice of language (`x-default`)."""
    same = found.same_page_in(one, number, ctx.config.page_size)
    return [
        Alternate(code, paths.url(ctx.config, path))
        for code, path in _versions(one, number, [c for c in ctx.config.languages if c in same])
    ]


def _versions(one: ArchiveList, number: int, languages: Iterable[str]) -> list[tuple[str, str]]:
    found = [(code, paths.list_page(code, one.vocabulary, one.key, number)) for code in languages]
    if one.vocabulary is None and number == 1:  # a language's home page
        found.append(("x-default", paths.ROOT_PAGE))
    return found


def _relative_browse(browse: Browse | None, page_path: str) -> Browse | None:
    if browse is None:
        return None
    return Browse(
        *(
            [link._replace(path=paths.relative(page_path, link.path)) for link in links]
            for links in browse
        )
    )


class ListEntry(NamedTuple):
    """One release in a list: labels, title, summary, link and date."""

    type_label: str
    type_lang: str | None  # "en" for a type shown untranslated
    regions: list[NavLink]
    title: str
    title_dir: str | None  # "ltr" for a headline in Latin letters on an Arabic list, say
    summary: str
    href: str
    date_iso: str
    date_long: str
    banner: str | None


def _entry(
    release: Release,
    lang: str,
    page_path: str,
    edition: Edition,
    ctx: RenderContext,
    summaries: SummaryLookup,
) -> ListEntry:
    language = ctx.languages[lang]
    labels = release_labels(release, ctx.config, language)
    title = release.translations[lang].title
    return ListEntry(
        type_label=labels["type_label"],
        type_lang=labels["type_lang"],
        regions=[
            NavLink(
                label, paths.relative(page_path, paths.list_page(lang, "regions", key)), english
            )
            for key, label, english in zip(
                release.regions, labels["region_labels"], labels["region_langs"], strict=True
            )
        ],
        title=language.typography(title),
        title_dir=written_the_other_way(title, language.direction),
        summary=summaries(release, lang),
        href=paths.relative(page_path, paths.release_page(lang, release.id)),
        date_iso=release.date.isoformat(),
        date_long=language.long_date(release.date),
        banner=preview_banner(release, language, edition.now) if edition.preview else None,
    )


def archive_sitemap(edition: Edition, found: Archive, lang: str) -> list[SitemapPage]:
    """Every list page of one language for its sitemap, each with its versions in the
    other languages (`Archive.same_page_in`)."""
    size = edition.config.page_size
    pages = []
    for one in found.lists[lang]:
        for number in range(1, found.pages(one, size) + 1):
            shown = (
                one.releases[(number - 1) * size : number * size] if number > 1 else one.releases
            )
            newest = max((r.updated_in(lang) for r in shown), default=None, key=utc)
            alternates = tuple(_versions(one, number, found.same_page_in(one, number, size)))
            pages.append(SitemapPage(one.path(number), newest, alternates))
    return pages
