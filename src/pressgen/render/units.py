"""The render of each unit of output: what `render.outputs` declares, as pure functions.

Each takes what it shows (an edition, a release, a list, a feed's members), the render
context (templates and catalogs, loaded once per process), the converted bodies it may
consult, and the paths wanted (a release-language renders only its files that changed), and
returns `{output path: bytes}`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import lru_cache

from .. import paths
from ..assemble import Edition
from ..inside import read_inside
from ..model import Release
from .archive import Archive, archive_sitemap, list_page
from .environment import template_source
from .feeds import FeedScope, render_feeds
from .html import not_found_page, release_page, root_page, withdrawal_page
from .images import body_picture_files, logo_files, release_photo_files
from .ninjs import release_ninjs, withdrawal_ninjs
from .search import search_document, search_ui, searchable_extras, year_bundle
from .site_pages import about_page, contacts_page, search_page, site_assets, site_pages_sitemap
from .sitemap import (
    render_language_sitemap,
    render_robots,
    render_sitemap_index,
    sitemap_parts,
)
from .text import release_text
from .views import Bodies, RenderContext, preview_banner

Files = dict[str, bytes]
PACKAGE_ASSETS = ("style.css", "search.js")


def render_release(
    release_id: str,
    lang: str,
    edition: Edition,
    ctx: RenderContext,
    bodies: Bodies,
    wanted: frozenset[str],
) -> Files:
    """The web page, plain text and ninjs of one release-language: a pure function of the
    release, its languages, the edition's instant (a preview's banner), the render context
    and the converted body."""
    release = edition.by_id[release_id]
    banner = preview_banner(release, ctx.languages[lang], edition.now) if edition.preview else None
    body = bodies.body(release, lang)
    pdf = ctx.config.pdf_enabled
    renderers: dict[str, Callable[[], bytes]] = {
        paths.release_page(lang, release.id): lambda: release_page(
            release, lang, edition.alternates(release), ctx, body, banner, pdf, pdf
        ),
        paths.release_text(lang, release.id): lambda: release_text(
            release, lang, ctx, body, banner
        ),
        paths.release_ninjs(lang, release.id): lambda: release_ninjs(
            release, lang, ctx, body, banner, pdf
        ),
    }
    return {path: render() for path, render in renderers.items() if path in wanted}


def render_withdrawal(
    release: Release, lang: str, edition: Edition, ctx: RenderContext, *_: object
) -> Files:
    page = withdrawal_page(release, lang, edition.alternates(release), ctx)
    ninjs = withdrawal_ninjs(release, lang, ctx)
    return {
        paths.release_page(lang, release.id): page,
        paths.release_ninjs(lang, release.id): ninjs,
    }


def render_print(
    release_id: str, edition: Edition, ctx: RenderContext, bodies: Bodies, wanted: frozenset[str]
) -> Files:
    """The release's PDF in each language asked for."""
    from .pdf import release_pdfs

    release = edition.by_id[release_id]
    pdf_of = {lang: paths.release_pdf(lang, release_id) for lang in edition.alternates(release)}

    def banner(lang: str) -> str | None:
        language = ctx.languages[lang]
        return preview_banner(release, language, edition.now) if edition.preview else None

    langs = [lang for lang, path in pdf_of.items() if path in wanted]
    return {
        pdf_of[lang]: pdf for lang, pdf in release_pdfs(release, langs, ctx, bodies, banner).items()
    }


def render_kit(
    release_id: str, edition: Edition, ctx: RenderContext, bodies: Bodies, *_: object
) -> Files:
    """The release's press kit: every language's PDF and plain text, and its photos (without
    location data) as this build made or kept them (a new French PDF never typesets the
    English one again, nor cleans the photos again), and their credits."""
    from .presskit import KitDocuments, press_kit

    release = edition.by_id[release_id]
    documents = {
        lang: KitDocuments(
            pdf=bodies.built(paths.release_pdf(lang, release.id)),
            text=bodies.built(paths.release_text(lang, release.id)),
        )
        for lang in edition.alternates(release)
    }

    def published(name: str) -> bytes:
        return bodies.built(paths.media(release.id, name))

    return {paths.press_kit(release.id): press_kit(release, ctx, documents, published)}


def render_list(
    edition: Edition,
    found: Archive,
    lang: str,
    index: int,
    number: int,
    ctx: RenderContext,
    bodies: Bodies,
    wanted: frozenset[str],
) -> Files:
    one = found.lists[lang][index]
    return {one.path(number): list_page(edition, found, one, number, ctx, bodies.summary)}


def render_feed_scope(
    scope: FeedScope,
    shown: tuple[Release, ...],
    since: datetime | None,
    ctx: RenderContext,
    bodies: Bodies,
    wanted: frozenset[str],
) -> Files:
    return render_feeds(scope, shown, ctx, bodies.body, ctx.config.pdf_enabled, since)


def render_sitemaps(
    edition: Edition, found: Archive, lang: str | None, ctx: RenderContext, *_: object
) -> Files:
    """The sitemap index (`lang` None), or one language's sitemap files."""
    if lang is None:
        parts = {code: sitemap_files(edition, found, code) for code in edition.config.languages}
        return render_sitemap_index(edition, parts)
    pages = archive_sitemap(edition, found, lang)
    pages += [p for p in site_pages_sitemap(ctx.config) if p.path.startswith(f"{lang}/")]
    return render_language_sitemap(edition, lang, pages)


def sitemap_files(edition: Edition, found: Archive, lang: str) -> int:
    """How many files `render_sitemaps` writes for `lang`: its releases, list pages and site
    pages, counted without making them."""
    size = edition.config.page_size
    lists = sum(found.pages(one, size) for one in found.lists[lang])
    pages = sum(p.path.startswith(f"{lang}/") for p in site_pages_sitemap(edition.config))
    return sitemap_parts(len(edition.by_language[lang]) + lists + pages)


def render_root(edition: Edition, ctx: RenderContext, *_: object) -> Files:
    return {
        paths.ROOT_PAGE: root_page(ctx),
        paths.NOT_FOUND_PAGE: not_found_page(ctx),
        paths.ROBOTS: render_robots(edition),
    }


def render_search_page(lang: str, years: tuple[str, ...], ctx: RenderContext, *_: object) -> Files:
    """A language's search page, loading the indexes of `years`."""
    return {paths.search_page(lang): search_page(lang, ctx, years)}


def render_about_page(lang: str, hidden: tuple[str, ...], ctx: RenderContext, *_: object) -> Files:
    """A language's about page, its links to the releases `hidden` left out."""
    about = about_page(lang, ctx, hidden)
    return {paths.about_page(lang): about} if about is not None else {}


def render_contacts_page(lang: str, ctx: RenderContext, *_: object) -> Files:
    contacts = contacts_page(lang, ctx)
    return {paths.contacts_page(lang): contacts} if contacts is not None else {}


def render_media(release: Release, *_: object) -> Files:
    """The release's photos (renditions, social card, the original without location data),
    the smaller copies of its body's pictures, and its other files (the reader checked each
    is the release's own), pictures among them without location data too."""
    from ..photos import clean_media

    files = release_photo_files(release) | body_picture_files(release)
    for name in release.media_files:
        path = paths.media(release.id, name)
        if path not in files:
            files[path] = clean_media(name, read_inside(release.folder / name, release.folder))
    return files


def render_assets(ctx: RenderContext, *_: object) -> Files:
    """pressgen's stylesheet and search script, the logo's copies, then the site's own
    assets/ folder (a file of the site's named like one of pressgen's replaces it)."""
    files = {
        paths.asset(name): template_source(ctx.env, f"assets/{name}").encode()
        for name in PACKAGE_ASSETS
    }
    brand = ctx.config.brand
    if brand.logo and ctx.assets_dir is not None:
        files.update(logo_files(ctx.assets_dir, brand.logo, brand.logo_size))
    files.update(site_assets(ctx.assets_dir))
    return files


def render_search_bundle(
    lang: str,
    year: str,
    releases: Sequence[Release],
    ctx: RenderContext,
    bodies: Bodies,
    *_: object,
) -> Files:
    documents = [
        (
            paths.release_page(lang, release.id),
            search_document(
                lang,
                release.translations[lang].title,
                bodies.body(release, lang).html,
                searchable_extras(release.translations[lang]),
            ),
        )
        for release in releases
    ]
    return year_bundle(lang, year, documents)


@lru_cache(maxsize=1)
def _search_ui() -> Files:
    return search_ui()


def render_search_ui(*_: object) -> Files:
    return dict(_search_ui())
