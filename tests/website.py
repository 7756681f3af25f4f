"""Test helper: a site built by today's `pressgen build`, completed with the website outputs
(archive, site pages, photos, assets, sitemap, search index) that the new engine will plan.

Until the engine declares them, tests (and a developer: `python -m tests.website SITE OUT
[ISO-INSTANT]`) call `build_website`, which writes what `render.website.website_outputs`
returns over the engine's output. It is the contract the engine must keep.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from pressgen import paths
from pressgen.assemble import assemble
from pressgen.engine import build
from pressgen.model import Release
from pressgen.read import read_site
from pressgen.render.views import prepare_body, render_context
from pressgen.render.website import website_outputs


def build_website(site_dir: Path, out: Path, now: datetime) -> dict[str, bytes]:
    """Build `site_dir` into `out` and add the website outputs; return what was added."""
    build(site_dir, out, now)
    site = read_site(site_dir)
    edition = assemble(site, now)
    ctx = render_context(site)

    def summary(release: Release, lang: str) -> str:
        return prepare_body(release.translations[lang], ctx.languages[lang], release).summary

    pages = {
        path: (out / path).read_bytes()
        for release in edition.releases
        for lang in edition.alternates(release)
        if (out / (path := paths.release_page(lang, release.id))).is_file()
    }
    files = website_outputs(edition, ctx, summary, site.assets_dir, pages)
    for path, content in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    return files


if __name__ == "__main__":
    when = datetime.fromisoformat(sys.argv[3]) if len(sys.argv) > 3 else datetime.now(UTC)
    added = build_website(Path(sys.argv[1]), Path(sys.argv[2]), when)
    print(f"{len(added)} website files written into {sys.argv[2]}")
