"""The site's own pages in each language: search, about (boilerplate) and media contacts;
and the files of the site's `assets/` folder, published as they are.

Each page is a pure function of the language, the render context (settings, templates,
catalogs) and nothing of any release: a new release never re-renders them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup

from .. import paths
from ..folders import paths_below
from ..i18n import Language
from ..model import MediaContact, SiteConfig
from ..photos import clean_media
from .markdown import body_html
from .sanitise import for_page
from .sitemap import Alternate, SitemapPage
from .views import RenderContext, common, script_json


def search_page(lang: str, ctx: RenderContext, years: tuple[str, ...] = ()) -> bytes:
    """A page with Pagefind's search box, in the reader's language, searching only it: the
    index of each of its `years` (newest first) is loaded and merged with the first."""
    language = ctx.languages[lang]
    page_path = paths.search_page(lang)
    bundles = [paths.relative(page_path, paths.search_bundle(lang, year)) for year in years]
    values = {
        **common(ctx, language, page_path, ctx.config.languages, paths.search_page),
        "title": language.gettext("Search press releases"),
        "bundle": paths.relative(page_path, paths.SEARCH_BUNDLE),
        "script": paths.relative(page_path, paths.SEARCH_SCRIPT),
        "strings": script_json({**_search_messages(language), "bundles": bundles}),
        "searchable": bool(bundles),  # else nothing in this language is public yet
        "alternates": _alternates(ctx, paths.search_page, ctx.config.languages),
    }
    page: str = ctx.env.get_template("search.html").render(values)
    return page.encode("utf-8")


def _search_messages(language: Language) -> dict[str, Any]:
    """Pagefind UI's messages from our catalogs.

    Pagefind marks the query as [SEARCH_TERM] and the count as [COUNT]; our messages put the
    count after a colon, so that no language needs plural forms Pagefind cannot choose.
    `language` is the locale Pagefind counts in, with the digits of the site's pages."""
    term, count = {"term": "[SEARCH_TERM]"}, {"term": "[SEARCH_TERM]", "count": "[COUNT]"}
    strings = {
        "placeholder": language.gettext("Search press releases"),
        "search_label": language.gettext("Search press releases"),
        "clear_search": language.gettext("Clear"),
        "load_more": language.gettext("More results"),
        "filters_label": language.gettext("Filters"),
        "zero_results": language.gettext("No results for %(term)s") % term,
        "many_results": language.gettext("Results for %(term)s: %(count)s") % count,
        "one_result": language.gettext("Results for %(term)s: %(count)s") % count,
        "alt_search": language.gettext("No results for %(term)s. Results for %(other)s instead")
        % {"term": "[SEARCH_TERM]", "other": "[DIFFERENT_TERM]"},
        "search_suggestion": language.gettext("No results for %(term)s. Try another word.") % term,
        "searching": language.gettext("Searching for %(term)s…") % term,
        "language": language.number_tag,
    }
    return strings


def about_page(lang: str, ctx: RenderContext, hidden: Collection[str] = ()) -> bytes | None:
    """The organisation's boilerplate in `lang`, if `[about]` has it; else no page. A link
    to one of the releases `hidden` is left out, its text kept, as in a release's body."""
    text = ctx.config.about.get(lang)
    if text is None:
        return None
    language = ctx.languages[lang]
    unlinked = partial(paths.leads_to, hidden) if hidden else None
    page_path = paths.about_page(lang)
    available = tuple(c for c in ctx.config.languages if c in ctx.config.about)
    values = {
        **common(ctx, language, page_path, available, paths.about_page),
        "title": language.gettext("About us"),
        "body": Markup(
            for_page(
                body_html(text, language.typography, None, unlinked),
                language.direction,
            )
        ),
        "alternates": _alternates(ctx, paths.about_page, available),
    }
    page: str = ctx.env.get_template("about.html").render(values)
    return page.encode("utf-8")


class ContactView(NamedTuple):
    name: str
    role: str | None
    org: str | None
    email: str | None
    phone: str | None
    lang: str | None  # the language of all its texts, when one other than the page's
    # each text's own language, where it is not the page's (a missing translation)
    name_lang: str | None = None
    role_lang: str | None = None
    org_lang: str | None = None


def contacts_page(lang: str, ctx: RenderContext) -> bytes | None:
    """The press officers to call, in `lang`, if `[[contacts]]` lists any; else no page."""
    if not ctx.config.contacts:
        return None
    language = ctx.languages[lang]
    page_path = paths.contacts_page(lang)
    values = {
        **common(ctx, language, page_path, ctx.config.languages, paths.contacts_page),
        "title": language.gettext("Media contacts"),
        "contacts": [_contact(c, language, ctx) for c in ctx.config.contacts],
        "alternates": _alternates(ctx, paths.contacts_page, ctx.config.languages),
    }
    page: str = ctx.env.get_template("contacts.html").render(values)
    return page.encode("utf-8")


def _contact(contact: MediaContact, language: Language, ctx: RenderContext) -> ContactView:
    """A contact's texts in `language`; each one missing in the site's default language,
    else in the first it is written in, and marked with that language."""
    code, default = language.code, ctx.config.default_language

    def text(texts: Mapping[str, str]) -> tuple[str | None, str | None]:
        for source in (code, default, *texts):
            if texts.get(source):
                return language.typography(texts[source]), None if source == code else source
        return None, None

    (name, name_lang), (role, role_lang), (org, org_lang) = (
        text(contact.name),
        text(contact.role),
        text(contact.org),
    )
    shown = {
        lang for found, lang in ((name, name_lang), (role, role_lang), (org, org_lang)) if found
    }
    return ContactView(
        name=name or "",
        role=role,
        org=org,
        email=contact.email,
        phone=contact.phone,
        lang=next(iter(shown)) if len(shown) == 1 else None,
        name_lang=name_lang,
        role_lang=role_lang,
        org_lang=org_lang,
    )


def _alternates(ctx: RenderContext, target: Any, available: tuple[str, ...]) -> list[Alternate]:
    return [Alternate(code, paths.url(ctx.config, target(code))) for code in available]


def site_assets(assets_dir: Path | None) -> dict[str, bytes]:
    """The site's `assets/` folder, published under assets/ byte for byte (sub-folders too;
    hidden files are left out), but a picture's location and camera data. A file named like
    one of pressgen's replaces it."""
    if assets_dir is None:
        return {}
    files = {}
    for path in paths_below(assets_dir):  # checked by the reader: not too deep
        relative = path.relative_to(assets_dir)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            files[paths.asset(relative.as_posix())] = clean_media(path.name, path.read_bytes())
    return files


def site_pages_sitemap(config: SiteConfig) -> list[SitemapPage]:
    """The about and contacts pages for the sitemap (search pages tell robots to stay away)."""
    pages: list[SitemapPage] = []
    for target, available in (
        (paths.about_page, tuple(c for c in config.languages if c in config.about)),
        (paths.contacts_page, config.languages if config.contacts else ()),
    ):
        alternates = tuple((code, target(code)) for code in available)
        pages.extend(SitemapPage(target(code), None, alternates) for code in available)
    return pages
