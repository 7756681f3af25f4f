"""The sitemap (with hreflang alternates) and the robots.txt that points to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from .. import paths
from ..assemble import Edition

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def render_sitemap(edition: Edition) -> bytes:
    """Every public page once, each with its language alternates and last change."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    config = edition.config
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for release in edition.releases:
        available = edition.alternates(release)
        for lang in available:
            entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = paths.url(
                config, paths.release_page(lang, release.id)
            )
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = release.updated.isoformat()
            for other in available:
                ET.SubElement(
                    entry,
                    f"{{{XHTML_NS}}}link",
                    rel="alternate",
                    hreflang=other,
                    href=paths.url(config, paths.release_page(other, release.id)),
                )
    for lang in config.languages:
        entry = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = paths.url(
            config, paths.index_page(lang)
        )
        newest = edition.by_language[lang]
        if newest:
            ET.SubElement(entry, f"{{{SITEMAP_NS}}}lastmod").text = max(
                r.updated for r in newest
            ).isoformat()
        for other in config.languages:
            ET.SubElement(
                entry,
                f"{{{XHTML_NS}}}link",
                rel="alternate",
                hreflang=other,
                href=paths.url(config, paths.index_page(other)),
            )
    ET.indent(urlset)
    return bytes(ET.tostring(urlset, encoding="utf-8", xml_declaration=True)) + b"\n"


class SitemapPage(NamedTuple):
    """A page of the site other than a release: its path, last change and the same page in
    other languages (language, path), itself included, for `hreflang`."""

    path: str
    lastmod: datetime | None
    alternates: tuple[tuple[str, str], ...] = ()


def render_site_sitemap(edition: Edition, pages: Sequence[SitemapPage]) -> bytes:
    """Every public release page and every given page (archive lists, site pages, the
    language indexes among them), each with its language alternates."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for release in edition.releases:
        available = edition.alternates(release)
        others = tuple((lang, paths.release_page(lang, release.id)) for lang in available)
        for lang in available:
            _entry(urlset, edition, paths.release_page(lang, release.id), release.updated, others)
    for page in pages:
        _entry(urlset, edition, page.path, page.lastmod, page.alternates)
    ET.indent(urlset)
    text: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
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
