"""Pages too heavy to open on a phone: no page of the site passes 100 KB of HTML.

List pages stay under it by their size limit (`[archive] page_size`); a release page grows
with its body and its photos, which only its author can cut. The figure is measured on the
pages as written (the bytes a reader downloads), after the build, so it is never a guess.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import paths
from .model import Site
from .problems import Problem, display_path

MAX_PAGE_BYTES = 100_000
_CUT = (
    f"expected at most {MAX_PAGE_BYTES:,} (100 KB), which a phone opens quickly: shorten the "
    "body (publish long annexes as a PDF in the release folder and link to it) or show "
    "fewer photos"
)


_FEWER = (
    f"expected at most {MAX_PAGE_BYTES:,} (100 KB), which a phone opens quickly: for a list "
    "of releases, set a smaller [archive] page_size in pressgen.toml"
)


def heavy_pages(site: Site, sizes: Mapping[str, int]) -> list[Problem]:
    """A warning for each page over `MAX_PAGE_BYTES`, `sizes` being output path -> bytes,
    told at the release file that makes it (or at the page, for any other)."""
    releases = {release.id: release for release in site.releases}
    found = []
    for path, size in sorted(sizes.items()):
        if size > MAX_PAGE_BYTES and path.endswith(".html"):
            weight = f"{size:,} bytes of HTML"
            owner = paths.release_of_page(path, site.config.languages)
            release = releases.get(owner[0]) if owner else None
            if release is None or owner is None:  # a list of releases, say: fewer on a page
                found.append(Problem(path, None, None, f"is {weight}, {_FEWER}"))
                continue
            where = display_path(release.source(owner[1]), site.root)
            found.append(Problem(where, None, None, f"its page {path} is {weight}, {_CUT}"))
    return found
