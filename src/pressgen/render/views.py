"""What templates show, computed in Python (labels, links and texts for one language):
templates only lay the values out. The render context is read from the site once."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property, partial
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from jinja2 import Environment
from markupsafe import Markup

from .. import paths
from ..i18n import Language, load_languages
from ..model import Release, Site, SiteConfig, Translation
from .environment import gettext_functions, make_environment
from .feed_links import feed_links
from .images import body_pictures, logo_srcset, with_picture_sizes
from .markdown import body_html, html_paragraphs, shortened
from .sanitise import absolute_html, for_summary, has_relative_links


@dataclass(frozen=True)
class RenderContext:
    """Everything a renderer may consult beyond the release itself; shared by all renders."""

    config: SiteConfig
    languages: Mapping[str, Language]
    env: Environment
    assets_dir: Path | None = None  # the site's assets/ folder, published as it is
    # a private preview: no feeds, no search, and every page tells search engines to stay away
    preview: bool = False


def script_json(value: Any) -> Markup:
    """`value` as JSON that is safe inside a <script> element (no `<`, `>` or `&` in it),
    with the text as written rather than as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render_context(site: Site) -> RenderContext:
    """Templates and catalogs, loaded once for the whole build."""
    return RenderContext(
        config=site.config,
        languages=load_languages(site.config.languages, site.locales_dir, site.config.locales),
        env=make_environment(site.templates_dir),
        assets_dir=site.assets_dir,
    )


class Bodies(Protocol):
    """The converted bodies a render may show, converted once per build or taken from the
    cache (see `engine.execute.Bodies`), and the files an earlier stage of the build put in
    the output (a press kit holds the PDFs)."""

    def body(self, release: Release, lang: str) -> Body: ...

    def summary(self, release: Release, lang: str) -> str: ...

    def built(self, path: str) -> bytes: ...


class ConvertedBodies:
    """Bodies converted when first asked for: for renders outside a build (a command that
    reads releases from their files, a test), which has its own memo and cache."""

    def __init__(self, ctx: RenderContext, hidden: Collection[str] = ()) -> None:
        self.ctx, self.hidden = ctx, hidden  # see `prepare_body`
        self.found: dict[tuple[str, str], Body] = {}

    def body(self, release: Release, lang: str) -> Body:
        if (release.id, lang) not in self.found:
            language, text = self.ctx.languages[lang], release.translations[lang]
            self.found[release.id, lang] = prepare_body(text, language, release, self.hidden)
        return self.found[release.id, lang]

    def summary(self, release: Release, lang: str) -> str:
        return self.body(release, lang).summary

    def built(self, path: str) -> bytes:
        raise LookupError(f"{path}: only a build has an output to hold")


def release_labels(release: Release, config: SiteConfig, language: Language) -> dict[str, Any]:
    """The release's vocabulary keys as labels in `language` (through the catalogs), each
    a tag ("en" for one shown untranslated) and all in one line (topics in running-text
    case: "Topics: border management"; regions are names and keep their capitals)."""
    regions = [language.gettext(config.regions[k]) for k in release.regions]
    topics = [language.running_text(config.topics[k]) for k in release.topics]
    return {
        "regions_text": language.join_list(regions),
        "topics_text": language.join_list(topics),
        "type_label": language.gettext(config.types[release.type]),
        "type_lang": language.untranslated(config.types[release.type]),
        "region_labels": regions,
        "region_langs": [language.untranslated(config.regions[k]) for k in release.regions],
        "topic_labels": [language.gettext(config.topics[k]) for k in release.topics],
    }


# What templates loop over are named tuples, not dicts: Jinja reads `item.code` with
# getattr first, and a dict answers it only after an AttributeError (ten times as slow,
# some fifty times per page).


class LanguageLink(NamedTuple):
    code: str
    name: str
    dir: str
    current: bool
    href: str
    url: str


def switcher(
    config: SiteConfig,
    languages: Mapping[str, Language],
    current: str,
    available: tuple[str, ...],
    target: Callable[[str], str],
    from_path: str,
) -> list[LanguageLink]:
    """The language switcher: every available language in site order, the current one marked."""
    items = []
    for code in available:
        other = languages[code]
        items.append(
            LanguageLink(
                code=code,
                name=other.native_name,
                dir=other.direction,
                current=code == current,
                href=paths.relative(from_path, target(code)),
                url=paths.url(config, target(code)),
            )
        )
    return items


class BrandView(NamedTuple):
    """The organisation's marks on a page (links relative to it)."""

    name: str
    logo: str | None
    logo_srcset: str
    logo_width: int
    logo_height: int
    logo_wide: bool  # a wordmark, which stands for the site's name where room is short
    favicon: str | None
    favicon_type: str | None
    stylesheet: str | None
    colours: Markup | None  # CSS custom properties for :root, from validated hex colours


class SiteLink(NamedTuple):
    label: str
    href: str
    current: bool


_ICON_TYPES = {".ico": "image/x-icon", ".png": "image/png", ".svg": "image/svg+xml"}


def brand_view(config: SiteConfig, language: Language, page_path: str) -> BrandView:
    brand = config.brand

    def asset(name: str | None) -> str | None:
        return paths.relative(page_path, paths.asset(name)) if name else None

    colours = [
        f"--{prop}: {value};"
        for prop, value in (
            ("accent", brand.accent),
            ("text", brand.text),
            ("paper", brand.background),
        )
        if value
    ]
    icon_type = None
    if brand.favicon:
        icon_type = _ICON_TYPES.get("." + brand.favicon.rsplit(".", 1)[-1].lower())
    return BrandView(
        name=language.typography(config.publisher(language.code)),
        logo=asset(brand.logo),
        logo_srcset=logo_srcset(brand.logo, brand.logo_size, page_path) if brand.logo else "",
        logo_width=brand.logo_size[0],
        logo_height=brand.logo_size[1],
        logo_wide=brand.logo_size[0] >= 2 * brand.logo_size[1],
        favicon=asset(brand.favicon),
        favicon_type=icon_type,
        stylesheet=asset(brand.stylesheet),
        colours=Markup(":root { %s }") % Markup(" ".join(colours)) if colours else None,
    )


def site_links(
    config: SiteConfig, language: Language, page_path: str, search: bool = True
) -> list[SiteLink]:
    """The site's own pages in a language: search, about (if written), media contacts."""
    code = language.code
    found = [(language.gettext("Search"), paths.search_page(code))] if search else []
    if code in config.about:
        found.append((language.gettext("About us"), paths.about_page(code)))
    if config.contacts:
        found.append((language.gettext("Media contacts"), paths.contacts_page(code)))
    return [
        SiteLink(label, paths.relative(page_path, path), path == page_path) for label, path in found
    ]


def common(
    ctx: RenderContext,
    language: Language,
    page_path: str,
    available: tuple[str, ...],
    target: Callable[[str], str],
) -> dict[str, Any]:
    """Values every HTML page of a language needs: its language, links, switcher and feeds."""
    return {
        "brand": brand_view(ctx.config, language, page_path),
        "site_links": site_links(ctx.config, language, page_path, not ctx.preview),
        "search": paths.relative(page_path, paths.search_page(language.code)),
        "search_form": not ctx.preview and page_path != paths.search_page(language.code),
        "noindex": ctx.preview,
        **gettext_functions(language),
        "lang": language,
        "site_title": language.typography(ctx.config.title(language.code)),
        "stylesheet": paths.relative(page_path, paths.STYLESHEET),
        "home": paths.relative(page_path, paths.index_page(language.code)),
        "root": paths.relative(page_path, paths.ROOT_PAGE),
        "switcher": switcher(
            ctx.config, ctx.languages, language.code, available, target, page_path
        ),
        "feeds": []
        if ctx.preview
        else feed_links(
            language, ctx.config.title(language.code), partial(paths.feed, language.code), page_path
        ),
        "scope_feeds": [],  # a list page's own feeds, advertised before the language's
        "canonical": paths.url(ctx.config, page_path),
        "banner": None,
    }


def preview_banner(release: Release, language: Language, now: datetime) -> str | None:
    """The warning a preview carries: a draft, or the instant (on the release's own clock:
    its date's zone, summer or winter time as it is at that instant) before which it must
    not be published, with its GMT time. Public releases carry none."""
    if release.status == "draft":
        return language.gettext("DRAFT – NOT FOR PUBLICATION")
    if release.is_public(now):
        return None
    local = release.scheduled_from.astimezone(release.date.tzinfo)
    return language.gettext("EMBARGOED UNTIL %(instant)s") % {
        "instant": language.long_datetime(local)
    }


def correction_lines(release: Release, language: Language) -> list[str]:
    """Each correction as one line of text: "Updated on 3 June 2021 at 10:00 CEST: note"."""
    lines, separator = [], note_separator(language)
    for correction in release.corrections:
        line = updated_line(language, correction.date)
        note = correction.notes.get(language.code)
        lines.append(f"{line}{separator}{language.typography(note)}" if note else line)
    return lines


def note_separator(language: Language) -> str:
    """Between a correction's "Updated on ..." and its note, as the language writes it."""
    return language.pgettext("between a correction's date and its note", ": ")


def updated_line(language: Language, instant: datetime) -> str:
    """The line "Updated on 3 June 2021 at 10:00 CEST": a correction's instant, on its own
    clock (its zone's name, summer or winter time as it was then)."""
    return language.gettext("Updated on %(date)s at %(time)s") % {
        "date": language.long_date(instant),
        "time": language.time_with_zone(instant),
    }


def dateline_html(body: Markup, dateline: str, space: str = " ") -> Markup:
    """Put the dateline in front of the body's first paragraph, as newsrooms print it."""
    lead = Markup('<span class="dateline">%s</span>%s') % (dateline, space)
    if body.startswith("<p>"):
        return Markup("<p>") + lead + Markup(body[3:])
    return Markup('<p class="dateline">%s</p>\n') % dateline + body


def dateline_lead(translation: Translation, language: Language, date: str | Markup) -> Markup:
    """ "Place, date –" as HTML, the place isolated (`<bdi>`): a place written in another
    script than the page's ("Geneva" on an Arabic page) would take the day to its side."""
    return Markup(language.gettext("%(place)s, %(date)s –")) % {
        "place": Markup("<bdi>%s</bdi>") % language.typography(translation.dateline),
        "date": date,
    }


def dateline_text(translation: Translation, language: Language, date: datetime) -> str:
    return language.gettext("%(place)s, %(date)s –") % {
        "place": language.typography(translation.dateline),
        "date": language.long_date(date),
    }


BodyLookup = Callable[[Release, str], "Body"]
SummaryLookup = Callable[[Release, str], str]


@dataclass(frozen=True)
class Body:
    """A release-language's text converted once, shared by every output that shows it.

    Its plain paragraphs are derived from the HTML when first asked for, and never pickled:
    a cached body is then half the size, and a page (which shows only the HTML) never
    derives them.
    """

    html: str
    summary: str

    @cached_property
    def paragraphs(self) -> tuple[str, ...]:
        return tuple(html_paragraphs(self.html))

    def __getstate__(self) -> dict[str, str]:
        return {"html": self.html, "summary": self.summary}

    @classmethod
    def converted(cls, html: str, paragraphs: tuple[str, ...], summary: str) -> Body:
        """A body whose paragraphs are already known (they were needed for its summary)."""
        body = cls(html=html, summary=summary)
        body.__dict__["paragraphs"] = paragraphs  # where cached_property keeps its value
        return body


SUMMARY_LIMIT = 300


def prepare_body(
    translation: Translation,
    language: Language,
    release: Release,
    hidden: Collection[str] = (),
) -> Body:
    """Markdown to safe HTML and to plain paragraphs: the costly step, done once.

    The release's own files named in the body link to their copy under media/ (the path is
    relative to a release page, which is the same in every language). A link to a release
    `hidden` (one this build does not publish: under embargo, say) is left out, its text
    kept: its address would give the release away, and lead nowhere.
    """
    if translation.body is None:  # a bug, never a page without its text
        raise RuntimeError(f"the body of {translation.lang} was not loaded before converting it")
    page = paths.release_page(language.code, release.id)
    media = {n: paths.relative(page, paths.media(release.id, n)) for n in release.media_files}
    linked = frozenset(hidden).intersection(release.path_words)
    unlinked = partial(paths.leads_to, linked) if linked else None
    html = body_html(translation.body, language.typography, media or None, unlinked)
    if media:
        html = with_picture_sizes(html, body_pictures(release, page), not release.photo_names)
    paragraphs = tuple(html_paragraphs(html))
    if translation.summary:
        summary = language.typography(translation.summary)
    else:
        first = paragraphs[:1]
        if first and ("<a " in html or has_relative_links(html)):
            first = tuple(html_paragraphs(for_summary(html))[:1])
        summary = first[0] if first else language.typography(translation.title)
    return Body.converted(html, paragraphs, shortened(summary, SUMMARY_LIMIT))


def text_paragraphs(
    translation: Translation, language: Language, body: Body, page_url: str
) -> list[str]:
    """The body as plain paragraphs, the dateline leading the first, as on the wire. Links
    are given by their full address: a wire service has no page to resolve them against."""
    if has_relative_links(body.html):
        paragraphs = html_paragraphs(absolute_html(body.html, page_url))
    else:
        paragraphs = list(body.paragraphs)
    if paragraphs:
        paragraphs[0] = language.gettext("%(place)s – %(text)s") % {
            "place": language.typography(translation.dateline),
            "text": paragraphs[0],
        }
    return paragraphs


def html_with_dateline(
    translation: Translation, language: Language, body: Body, date: datetime
) -> Markup:
    lead = dateline_lead(translation, language, language.long_date(date))
    return dateline_html(Markup(body.html), lead, language.space)
