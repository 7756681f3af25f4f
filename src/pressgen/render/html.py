"""HTML pages: a release in one language, a language's index, and the site's language choice."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, NamedTuple

from babel import Locale
from babel.core import get_global
from markupsafe import Markup, escape

from .. import paths
from ..bidi import written_the_other_way
from ..i18n import SOURCE_LANGUAGE, Language
from ..model import N_, Contact, Release, SiteConfig, Translation
from .archive import HEADINGS, ArchiveList, list_heading, release_year
from .images import card_size, photo_views, social_card
from .ninjs import withdrawal_notice
from .sanitise import for_page
from .sitemap import Alternate, x_default_language
from .views import (
    Body,
    RenderContext,
    common,
    dateline_html,
    dateline_lead,
    note_separator,
    release_labels,
    script_json,
    updated_line,
)


def release_page(
    release: Release,
    lang: str,
    available: tuple[str, ...],
    ctx: RenderContext,
    body: Body,
    banner: str | None = None,
    pdf: bool = False,
    press_kit: bool = False,
) -> bytes:
    """The web page of one release in one language.

    `pdf` and `press_kit` say whether the build makes the release's PDF and press kit: the
    page links them only then (a site with `[pdf] enabled = false` keeps its pages as they
    were)."""
    language = ctx.languages[lang]
    translation = release.translations[lang]
    page_path = paths.release_page(lang, release.id)
    summary = body.summary
    values = {
        **common(ctx, language, page_path, available, lambda c: paths.release_page(c, release.id)),
        **release_labels(release, ctx.config, language),
        "release": release,
        "banner": banner,
        "title": language.typography(translation.title),
        "title_dir": written_the_other_way(translation.title, language.direction),
        "summary": summary,
        "date_iso": release.date.isoformat(),
        "date_long": language.long_date(release.date),
        "body": _body_with_dateline(translation, language, body, release),
        "photos": photo_views(release, translation, language, page_path),
        "card": _card(release, translation, ctx),
        "regions": _links(release, "regions", ctx, language, page_path),
        "topics": _joined(_links(release, "topics", ctx, language, page_path), language),
        "year": _year_link(release, ctx, language, page_path),
        "contacts": [typeset_contact(c, language) for c in translation.contacts],
        "corrections": _corrections(release, language),
        "text_href": paths.relative(page_path, paths.release_text(lang, release.id)),
        "pdf_href": paths.relative(page_path, paths.release_pdf(lang, release.id)) if pdf else None,
        "kit_href": paths.relative(page_path, paths.press_kit(release.id)) if press_kit else None,
        "x_default": _x_default(release, available, ctx.config),
        "jsonld": _jsonld(release, translation, language, summary, available, ctx),
        "og_locale": _og_locale(str(language.locale)),
        "og_alternates": _og_alternates(language, available, ctx),
    }
    return ctx.env.get_template("page.html").render(values).encode("utf-8")


def _x_default(release: Release, available: tuple[str, ...], config: SiteConfig) -> str:
    lang = x_default_language(release, available, config)
    return paths.url(config, paths.release_page(lang, release.id))


def withdrawal_page(
    release: Release, lang: str, available: tuple[str, ...], ctx: RenderContext
) -> bytes:
    """What a withdrawn release's address says in its place: that it was withdrawn (and
    when, if release.yaml says), and none of its text, title or photos."""
    language = ctx.languages[lang]
    page_path = paths.release_page(lang, release.id)
    values = {
        **common(ctx, language, page_path, available, lambda c: paths.release_page(c, release.id)),
        "heading": language.gettext("Release withdrawn"),
        "notice": withdrawal_notice(release, language),
    }
    return ctx.env.get_template("withdrawn.html").render(values).encode("utf-8")


class LabelLink(NamedTuple):
    label: str
    path: str  # relative to the page
    msgid: str  # the English label, for its running-text form
    lang: str | None = None  # "en" for a label shown untranslated (`Language.untranslated`)


def _links(
    release: Release, vocabulary: str, ctx: RenderContext, language: Language, page_path: str
) -> list[LabelLink]:
    """A release's regions or topics, each linking to its list of releases."""
    labels = getattr(ctx.config, vocabulary)
    return [
        LabelLink(
            language.gettext(labels[key]),
            paths.relative(page_path, paths.list_page(language.code, vocabulary, key)),
            labels[key],
            language.untranslated(labels[key]),
        )
        for key in getattr(release, vocabulary)
    ]


def _year_link(
    release: Release, ctx: RenderContext, language: Language, page_path: str
) -> LabelLink:
    """The list of the releases of the release's year, under its heading ("Press releases
    from 2021"): a reader goes on from one release to its year as to its region."""
    year = ArchiveList(language.code, "years", release_year(release), ())
    label = list_heading(year, ctx, language)
    return LabelLink(label, paths.relative(page_path, year.path()), HEADINGS["years"])


def _joined(links: list[LabelLink], language: Language) -> Markup:
    """Links to the release's topics, in running-text case and joined as the language joins
    a list: "border management and counter-terrorism", "gestion des frontières et lutte
    contre le terrorisme"."""
    tokens = [f"\x00{index}\x00" for index in range(len(links))]
    joined = str(escape(language.join_list(tokens)))
    for token, link in zip(tokens, links, strict=True):
        label = language.running_text(link.msgid)
        english = language.untranslated(link.msgid, in_running_text=True)
        marked = Markup(' lang="%s"') % english if english else ""
        link_html = Markup('<a dir="auto" href="%s"%s>%s</a>') % (link.path, marked, label)
        joined = joined.replace(token, str(link_html))
    return Markup(joined)


def _body_with_dateline(
    translation: Translation, language: Language, body: Body, release: Release
) -> Markup:
    """The body led by "Place, date –", the date marked up as a <time> (shown once)."""
    date = Markup('<time datetime="%s">%s</time>') % (
        release.date.isoformat(),
        language.long_date(release.date),
    )
    return dateline_html(
        Markup(for_page(body.html, language.direction)),
        dateline_lead(translation, language, date),
        language.space,
    )


# Twitter's large summary card wants an image of at least 300×157; a smaller one is shown
# in the small summary.
LARGE_CARD = (300, 157)


class CardView(NamedTuple):
    url: str
    width: int
    height: int
    alt: str

    @property
    def large(self) -> bool:
        """Whether the card is large enough for `twitter:card` "summary_large_image"."""
        return self.width >= LARGE_CARD[0] and self.height >= LARGE_CARD[1]


def _card(release: Release, translation: Translation, ctx: RenderContext) -> CardView | None:
    """The social card of the lead photo (1200×630 unless it is smaller), for og:image and
    twitter:image."""
    path = social_card(release)
    if path is None or release.image is None:
        return None
    text = translation.image_text(release.image, release.image)
    size = card_size(release.photos[release.image])
    return CardView(paths.url(ctx.config, path), *size, alt=text.alt if text and text.alt else "")


def root_page(ctx: RenderContext) -> bytes:
    """The site root: a choice of language, each offered in its own language."""
    default = ctx.languages[ctx.config.default_language]
    values = {
        **common(ctx, default, paths.ROOT_PAGE, ctx.config.languages, paths.index_page),
        "choices": _language_choices(ctx),
        "alternates": [
            *(
                Alternate(code, paths.url(ctx.config, paths.index_page(code)))
                for code in ctx.config.languages
            ),
            Alternate("x-default", paths.url(ctx.config, paths.ROOT_PAGE)),
        ],
    }
    return ctx.env.get_template("root.html").render(values).encode("utf-8")


NOT_FOUND = N_("Page not found")
NO_PAGE = N_("There is no page at this address: it may have been mistyped, or moved.")


def not_found_page(ctx: RenderContext) -> bytes:
    """The page a web server sends for an address with none (an old link, a typo), at any
    depth: its links lead from the site's root (`<base href>`, its path only, so that a copy
    of the site on another host keeps its visitors there), whatever the address was. In the
    default language, with the choice of language; never indexed."""
    default = ctx.languages[ctx.config.default_language]
    values = {
        **common(ctx, default, paths.NOT_FOUND_PAGE, ctx.config.languages, paths.index_page),
        "choices": _language_choices(ctx),
        "notices": [  # what happened, in each other language: a reader came from any
            {
                "code": code,
                "dir": ctx.languages[code].direction,
                "title": ctx.languages[code].gettext(NOT_FOUND),
                "text": ctx.languages[code].gettext(NO_PAGE),
            }
            for code in ctx.config.languages
            if code != default.code
            and _says_in_its_own_words(ctx.languages[code], NOT_FOUND)
            and ctx.languages[code].gettext(NOT_FOUND) != default.gettext(NOT_FOUND)
        ],
        "base_href": paths.site_path(ctx.config),  # on whichever host serves it
        "switcher": [],  # the page is the choice of language
        "noindex": True,
    }
    return ctx.env.get_template("404.html").render(values).encode("utf-8")


def _says_in_its_own_words(language: Language, message: str) -> bool:
    """Whether a language's catalog translates `message` (or it is English, the words of
    the messages): the English words marked as another language would be read wrongly."""
    return language.code.split("-")[0] == SOURCE_LANGUAGE or language.gettext(message) != message


def _language_choices(ctx: RenderContext) -> list[dict[str, str]]:
    """Each language in its own words, with the site's title in it, linked from the root."""
    return [
        {
            "code": code,
            "dir": ctx.languages[code].direction,
            "name": ctx.languages[code].native_name,
            "title": ctx.languages[code].typography(ctx.config.title(code)),
            "href": paths.index_page(code),
        }
        for code in ctx.config.languages
    ]


class ContactLine(NamedTuple):
    name: str
    email: str | None
    phone: str | None
    org: str | None


class CorrectionLine(NamedTuple):
    date_iso: str
    date_long: str  # the date alone, for site templates written before `updated`
    updated: str  # "Updated on 3 June 2021 at 10:00 CEST"
    note: str | None
    separator: str  # between `updated` and the note: ": ", French " : ", Chinese "："


def typeset_contact(contact: Contact, language: Language) -> ContactLine:
    """A contact as readers see it: names in the language's typography, an address and a
    number as written (they are dialled, searched)."""
    return ContactLine(
        name=language.typography(contact.name),
        email=contact.email,
        phone=contact.phone,
        org=language.typography(contact.org) if contact.org else None,
    )


def _corrections(release: Release, language: Language) -> list[CorrectionLine]:
    return [
        CorrectionLine(
            date_iso=c.date.isoformat(),
            date_long=language.long_date(c.date),
            updated=updated_line(language, c.date),
            note=language.typography(c.notes[language.code]) if language.code in c.notes else None,
            separator=note_separator(language),
        )
        for c in release.corrections
    ]


def _og_alternates(language: Language, available: tuple[str, ...], ctx: RenderContext) -> list[str]:
    """The other versions' Open Graph locales, each once and none the page's own (pt and
    pt-BR both format as pt_BR)."""
    own = _og_locale(str(language.locale))
    others = (_og_locale(str(ctx.languages[code].locale)) for code in available)
    return [locale for locale in dict.fromkeys(others) if locale != own]


@lru_cache(maxsize=64)
def _og_locale(name: str) -> str:
    """Open Graph's language_TERRITORY for a CLDR locale: en_GB, fr_FR, zh_CN. A locale
    without a territory formats as CLDR's likely one (en as en_US: "May 1, 2024"), so the
    page says that one. Arabic, whatever its locale (ar_EG by default, for its digits), is
    Facebook's own ar_AR, the one Open Graph readers know."""
    locale = Locale.parse(name)
    territory = "AR" if locale.language == "ar" else locale.territory
    if not territory:  # CLDR's likely territory: en -> US, pt -> BR, zh_Hant -> TW
        subtags = get_global("likely_subtags")
        likely = subtags.get(f"{locale.language}_{locale.script}") or subtags.get(locale.language)
        # read as it is written (no_Latn_NO): Babel has no locale data for every such tag
        territory = likely.split("_")[-1] if likely and likely.count("_") == 2 else None
    return f"{locale.language}_{territory}" if territory else locale.language


def _jsonld(
    release: Release,
    translation: Translation,
    language: Language,
    summary: str,
    available: tuple[str, ...],
    ctx: RenderContext,
) -> Markup:
    """schema.org NewsArticle, serialised so that no text can close the <script> element."""
    config = ctx.config
    url = paths.url(config, paths.release_page(language.code, release.id))
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": translation.title,
        "description": summary,
        "inLanguage": language.code,
        "datePublished": release.date.isoformat(),
        "dateModified": release.updated_in(language.code).isoformat(),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "publisher": {
            "@type": "Organization",
            "name": config.publisher(language.code),
            "url": config.base_url,
        },
        "dateline": translation.dateline,
    }
    card = social_card(release)
    if card:
        data["image"] = [paths.url(config, card)]
    others = [
        {
            "@type": "NewsArticle",
            "@id": paths.url(config, paths.release_page(c, release.id)),
            "inLanguage": c,
        }
        for c in available
        if c != language.code
    ]
    if language.code == release.original:
        if others:
            data["workTranslation"] = others
    else:
        data["translationOfWork"] = {
            "@type": "NewsArticle",
            "@id": paths.url(config, paths.release_page(release.original, release.id)),
            "inLanguage": release.original,
        }
    return script_json(data)
