"""The sitemap (with hreflang alternates) and the robots.txt that points to it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

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


def render_robots(edition: Edition) -> bytes:
    if edition.preview:
        return b"User-agent: *\nDisallow: /\n"
    sitemap = paths.url(edition.config, paths.SITEMAP)
    return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n".encode()
