"""The sitemap (with hreflang alternates) and the robots.txt that points to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from .. import paths
from ..assemble import Edition
from ..model import Release, SiteConfig

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


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


def render_sitemap_index(edition: Edition) -> bytes:
    """The sitemap at the site's root: an index of each language's own sitemap (a language
    changes alone, and a sitemap may hold 50,000 addresses at most)."""
    ET.register_namespace("", SITEMAP_NS)
    index = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for lang in edition.config.languages:
        entry = ET.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
        location = paths.url(edition.config, paths.language_sitemap(lang))
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = location
    return _xml(index)


def render_language_sitemap(edition: Edition, lang: str, pages: Sequence[SitemapPage]) -> bytes:
    """One language's public release pages and its other pages (archive lists, site pages),
    each with its language alternates."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for release in edition.by_language[lang]:
        available = edition.alternates(release)
        others = tuple((code, paths.release_page(code, release.id)) for code in available)
        default = x_default_language(release, available, edition.config)
        others += (("x-default", paths.release_page(default, release.id)),)
        _entry(urlset, edition, paths.release_page(lang, release.id), release.updated, others)
    for page in pages:
        _entry(urlset, edition, page.path, page.lastmod, page.alternates)
    return _xml(urlset)


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _entry(
    urlset: ET.Element,
    edition: Edition,
    path: str,
    lastmod: datetime | None,
    alternates: tuple[tuple[str, str], ...],
) -> None:
    entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = paths.url(edition.config, path)
    if lastmod is not None:
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = lastmod.isoformat()
    for lang, other in alternates:
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
