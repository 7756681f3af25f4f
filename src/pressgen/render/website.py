"""Every output of the website at archive scale, by kind, for the build engine to declare.

Each function is pure (its inputs are its arguments, and the release and site files they
name) and returns `{output path: bytes}`; `website_outputs` calls them all, for tests and for
a build that does not yet plan them one by one. See the README's "Integration notes" for
what each kind depends on and what a one-release change must render again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .. import paths
from ..assemble import Edition
from .archive import archive_pages, archive_sitemap
from .environment import template_source
from .images import release_photo_files
from .search import search_index
from .site_pages import site_assets, site_pages, site_pages_sitemap
from .sitemap import render_site_sitemap
from .views import RenderContext, SummaryLookup

# pressgen's own files under assets/ (a site's assets/ folder may replace them)
PACKAGE_ASSETS = ("style.css", "search.js")


def package_assets(ctx: RenderContext) -> dict[str, bytes]:
    """pressgen's stylesheet and search script, from the templates (a site's own win)."""
    return {
        paths.asset(name): template_source(ctx.env, f"assets/{name}").encode()
        for name in PACKAGE_ASSETS
    }


def photo_outputs(edition: Edition) -> dict[str, bytes]:
    """Every public release's photos: renditions, social card and cleaned original."""
    files: dict[str, bytes] = {}
    for release in edition.releases:
        files.update(release_photo_files(release))
    return files


def sitemap(edition: Edition, ctx: RenderContext) -> bytes:
    """The sitemap with every release page, list page, about and contacts page."""
    return render_site_sitemap(edition, [*archive_sitemap(edition), *site_pages_sitemap(ctx)])


def release_pages_for_search(
    edition: Edition, pages: dict[str, bytes]
) -> Iterable[tuple[str, str, bytes]]:
    """The public release pages among rendered files, as the search index takes them."""
    if edition.preview:  # a preview is never searchable
        return
    for release in edition.releases:
        for lang in edition.alternates(release):
            path = paths.release_page(lang, release.id)
            if path in pages:
                yield path, lang, pages[path]


def website_outputs(
    edition: Edition,
    ctx: RenderContext,
    summaries: SummaryLookup,
    assets_dir: Path | None,
    release_pages: dict[str, bytes],
) -> dict[str, bytes]:
    """Everything this module's kinds add to a build, given the release pages it rendered."""
    files: dict[str, bytes] = {}
    for lang in ctx.config.languages:
        files.update(archive_pages(edition, lang, ctx, summaries))
    files.update(site_pages(ctx))
    files.update(photo_outputs(edition))
    files.update(package_assets(ctx))
    files.update(site_assets(assets_dir))
    if not edition.preview:
        files[paths.SITEMAP] = sitemap(edition, ctx)
        files.update(search_index(release_pages_for_search(edition, release_pages)))
    return files
