"""The search index: Pagefind bundles of the public releases, one per language and year.

Each bundle (`pagefind/LANG/YEAR/`) indexes small documents made from the releases of one
language filed under one year: the headline and the body, marked `data-pagefind-body`, at
the address of the release's page. A change to one release-language re-indexes its year
in its language (a few hundred releases at most), never the archive; the search page loads
its language's newest year and merges the others (Pagefind's `mergeIndex`), so a reader
searches their own language only. Pagefind's extended build (PyPI `pagefind[extended]`)
segments Chinese into words. Only what the caller passes is indexed: public releases.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from markupsafe import Markup

from .. import paths
from ..problems import ToolError
from ..scratch import MEMORY, scratch_folder

# Pagefind's files that a merged bundle needs no copy of: the interface (one copy, in
# `pagefind/`) and the other interfaces.
UI = ("pagefind-ui.js", "pagefind-ui.css")
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")


class SearchIndexError(ToolError):
    """Pagefind is missing or failed; the message says what to install."""


def search_document(lang: str, title: str, body_html: str) -> bytes:
    """What the index knows of a release-language: its headline and body, nothing else."""
    return (
        Markup(
            '<!DOCTYPE html><html lang="%s"><head><meta charset="utf-8"><title>%s</title></head>'
            "<body><article data-pagefind-body><h1>%s</h1>%s</article></body></html>"
        )
        % (lang, title, title, Markup(body_html))
    ).encode("utf-8")


def year_bundle(lang: str, year: str, documents: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """The bundle of one language's releases of one year: `documents` are (the release
    page's output path, `search_document`), the result is output path -> bytes."""
    found = _pagefind(lang, documents)
    prefix = paths.search_bundle(lang, year)
    return {prefix + name: data for name, data in found.items() if not name.startswith(UI)}


def search_ui_paths() -> list[str]:
    return [paths.SEARCH_BUNDLE + name for name in UI]


def search_ui() -> dict[str, bytes]:
    """Pagefind's search interface, shared by every language's search page."""
    found = _pagefind("en", [("index.html", search_document("en", "Search", "<p>Search</p>"))])
    return {paths.SEARCH_BUNDLE + name: found[name] for name in UI}


def _pagefind(lang: str, documents: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """Run Pagefind's program on a scratch folder of documents (its Python API answers one
    request per tenth of a second: minutes for a year of releases).

    Pagefind numbers documents in the order it lists the folder, so they are written in
    the order of their paths, into a memory file system where there is one (which lists
    a folder in the order its files were made): the same documents, the same bytes."""
    program = _executable()
    with scratch_folder("search", _scratch_dir()) as scratch:
        site, out = scratch / "site", scratch / "out"
        for path, html in sorted(documents):
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(html)
        command = [program, "--site", str(site), "--output-path", str(out)]
        command += ["--force-language", lang, "--silent"]
        run = subprocess.run(command, capture_output=True, check=False)
        if run.returncode != 0:
            output = (run.stdout + run.stderr).decode("utf-8", "replace").strip()
            raise SearchIndexError(f"Pagefind failed on the {lang} releases: {output}")
        return {
            p.relative_to(out).as_posix(): p.read_bytes()
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.name.startswith(UNUSED)
        }


def _executable() -> str:
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "the search index needs Pagefind: pip install 'pagefind[extended]'"
        ) from error
    found = get_executable()
    if found is None:
        raise SearchIndexError("Pagefind's program is missing: pip install 'pagefind[extended]'")
    return str(found)


def _scratch_dir() -> Path | None:
    """A memory file system when there is one: Pagefind writes a file per document."""
    return MEMORY if MEMORY.is_dir() and shutil.disk_usage(MEMORY).free > 2**28 else None
