"""The pages `pressgen serve` shows in place of the site's: what keeps the site from being
built, and what an address missing from the build may mean.

They are for the author at their desk, not for the site's readers: tiny f-string pages
(pressgen's Jinja environment and catalogs are the site's), their few words in English. Each
is kept beside the output, which a build replaces file by file, and replaced in one step.
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from .paths import SEARCH_DIR
from .resources import RELEASES_DIR

NOT_BUILT = "The site was not rebuilt. Fix the files and save: this page reloads by itself."
NOT_FOUND = (
    "No page of the site as built has this address. It may be a language the release is not "
    "written in, a release folder that was renamed (its address changed with it), or a release "
    "left out of the build (then the reason is below). This page reloads by itself after each "
    "rebuild."
)
NO_SEARCH = (
    "A preview has no search: it shows drafts and releases under embargo, which are never "
    "indexed. pressgen serve --public has the public site's search."
)


def error_page_path(out_dir: Path) -> Path:
    """Where the error page goes: beside the output."""
    return out_dir.with_name(f"{out_dir.name}.problems.html")


def warnings_path(out_dir: Path) -> Path:
    """Where the last good build's warnings go, for the page of an address not found."""
    return out_dir.with_name(f"{out_dir.name}.warnings.txt")


def author_page(heading: str, lines: Sequence[str], closing: str) -> str:
    """An HTML page of `lines` under `heading`, every line escaped."""
    items = "\n".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>pressgen: {html.escape(heading)}</title>
<style>body {{ font-family: sans-serif; margin: 2em; }} li {{ margin: 0.5em 0; }}</style>
</head>
<body>
<h1>{html.escape(heading)}</h1>
<ul>
{items}
</ul>
<p>{html.escape(closing)}</p>
</body>
</html>
"""


def error_page(heading: str, lines: Sequence[str]) -> str:
    """The page listing what keeps the site from being built."""
    return author_page(heading, lines, NOT_BUILT)


def not_found_page(address: str, out_dir: Path | None) -> str:
    """The page of an address the build has no page for, with the warnings of the build in
    `out_dir` (None: none) about the release the address names (a draft left out for its
    problems says why)."""
    parts = address.strip("/").split("/")
    folder = f"{RELEASES_DIR}/{parts[1]}/" if len(parts) > 1 else None
    try:
        warnings = (
            warnings_path(out_dir).read_text(encoding="utf-8").splitlines() if out_dir else []
        )
    except FileNotFoundError:
        warnings = []
    about = [w for w in warnings if folder is not None and w.startswith(folder)]
    closing = (
        NO_SEARCH
        if out_dir and parts[1:] in ([SEARCH_DIR], [SEARCH_DIR, "index.html"])
        else NOT_FOUND
    )
    return author_page(f"Not in this build: {address}", about, closing)


def replace_text(path: Path, text: str | None) -> None:
    """Put `text` at `path` in one step, so that the server never sends half of it; None
    removes the file."""
    if text is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
