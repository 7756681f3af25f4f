"""The sitemap (with hreflang alternates) and the robots.txt that points to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import datetime
from math import ceil
from typing import NamedTuple

from .. import paths
from ..assemble import Edition
from ..model import Release, SiteConfig

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Addresses in one sitemap file. The protocol allows 50,000 and 50 MB; each address carries a
# link per language, about 1.5 KB with a dozen languages, which would reach 50 MB near 33,000.
PART_SIZE = 10_000


class Alternate(NamedTuple):
    """The same page in another language (a language code, or "x-default"), for `hreflang`."""

    code: str
    url: str


class SitemapPage(NamedTuple):
    """A page of the site other than a release: its path, last change and the same page in
    other languages (language, path), itself included, for `hreflang`."""

    path: str
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...] = ()


def x_default_language(release: Release, available: Sequence[str], config: SiteConfig) -> str:
    """The version for readers of no language the release has (`hreflang="x-default"`):
    the site's default language, else the original."""
    default = config.default_language
    return default if default in available else release.original


def sitemap_parts(addresses: int) -> int:
    """How many files a language's sitemap of this many addresses takes (see `PART_SIZE`)."""
    return max(1, ceil(addresses / PART_SIZE))


def render_sitemap_index(edition: Edition, parts: Mapping[str, int]) -> dict[str, bytes]:
    """The sitemap at the site's root: an index of the root's own sitemap and of each
    language's sitemap files, `parts` of them for each language (a language changes alone).
    The root's own lists its page, the choice of language that each language's home page
    names as its version for readers of no language the site has (`x-default`); a
    language's sitemap may list only addresses below its folder."""
    ET.register_namespace("", SITEMAP_NS)
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    every = [paths.ROOT_SITEMAP]
    every += [
        paths.language_sitemap(lang, part)
        for lang in edition.config.languages
        for part in range(1, parts[lang] + 1)
    ]
    for sitemap in every:
        entry = ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = paths.url(edition.config, sitemap)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    languages = [(code, paths.index_page(code)) for code in edition.config.languages]
    own = (*languages, ("x-default", paths.ROOT_PAGE))
    _entry(root, edition, SitemapPage(paths.ROOT_PAGE, None, own))
    return {paths.SITEMAP: _xml(index), paths.ROOT_SITEMAP: _xml(root)}


def render_language_sitemap(
    edition: Edition, lang: str, pages: Sequence[SitemapPage]
) -> dict[str, bytes]:
    """One language's public release pages and its other pages (archive lists, site pages),
    each with its language alternates, `PART_SIZE` addresses to a file."""
    entries = [_release_page(edition, lang, release) for release in edition.by_language[lang]]
    entries += pages
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    files = {}
    for part in range(1, sitemap_parts(len(entries)) + 1):
        urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        for page in entries[(part - 1) * PART_SIZE : part * PART_SIZE]:
            _entry(urlset, edition, page)
        files[paths.language_sitemap(lang, part)] = _xml(urlset)
    return files


def _release_page(edition: Edition, lang: str, release: Release) -> SitemapPage:
    available = edition.alternates(release)
    others = tuple((code, paths.release_page(code, release.id)) for code in available)
    default = x_default_language(release, available, edition.config)
    others += (("x-default", paths.release_page(default, release.id)),)
    return SitemapPage(paths.release_page(lang, release.id), release.updated_in(lang), others)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _entry(urlset: ET.Element, edition: Edition, page: SitemapPage) -> None:
    entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = paths.url(edition.config, page.path)
    if page.lastmod is not None:
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = page.lastmod.isoformat()
    for lang, other in page.alternates:
        ET.SubElement(
            entry,
            f"{{{XHTML_NS}}}link",
            rel="alternate",
            hreflang=lang,
            href=paths.url(edition.config, other),
        )


def render_robots(edition: Edition) -> bytes:
    if edition.preview:
        return b"User-agent: *\nDisallow: /\n"
    sitemap = paths.url(edition.config, paths.SITEMAP)
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode()
