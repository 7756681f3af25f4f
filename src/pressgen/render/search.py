"""The search index: public pages in, Pagefind's static files out (under pagefind/).

Pagefind indexes only the part of a page marked `data-pagefind-body` (a release's article),
keeps one index per language (from `<html lang>`), and its search box loads the index of the
page it is on: a reader searches their own language only. Pagefind's extended build (PyPI
`pagefind[extended]`) segments Chinese into words.

Each language is indexed on its own by `language_index`, so that a change to one
release-language re-indexes one language; `merge_indexes` puts the languages together.
Pagefind cannot update an index in place: a changed page means indexing its language again.
Only what the caller passes is indexed: give it public pages only (never a preview's).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from .. import paths

ENTRY = "pagefind-entry.json"
Page = tuple[str, str, bytes]  # output path, language, HTML


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says what to install."""


def page_url(path: str) -> str:
    """The address Pagefind gives a result, from the site root: Pagefind's script puts the
    site's own base path (found from where pagefind.js is served) in front of it, so
    results work at any host and path, under `pressgen serve` too."""
    return "/" + path.removesuffix("index.html")


def language_index(lang: str, pages: Iterable[tuple[str, bytes]]) -> dict[str, bytes]:
    """The index files of one language's pages (output path -> bytes, under pagefind/)."""
    return _run({lang: list(pages)})[lang]


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


def _run(by_language: Mapping[str, list[tuple[str, bytes]]]) -> dict[str, dict[str, bytes]]:
    """Index each language in its own Pagefind process, one after the other.

    The pages are written to a scratch folder for Pagefind's own program to read: its Python
    API answers one request per tenth of a second (a sleep in its polling loop), 25 minutes
    for 15,000 pages, where the program reads a folder of them in seconds. One process at a
    time: Pagefind holds about 1 GB for 4,654 pages, so languages side by side would not fit
    the build's memory budget."""
    program = _executable()
    indexes = {}
    with tempfile.TemporaryDirectory(prefix="pressgen-search-", dir=_scratch_dir()) as scratch:
        for lang in sorted(by_language):
            site, out = Path(scratch, "site", lang), Path(scratch, "out", lang)
            site.mkdir(parents=True)
            for path, html in by_language[lang]:
                target = site / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(html)
            command = [program, "--site", str(site), "--output-path", str(out)]
            command += ["--force-language", lang, "--silent"]
            run = subprocess.run(command, capture_output=True, check=False)
            if run.returncode != 0:
                output = (run.stdout + run.stderr).decode("utf-8", "replace").strip()
                raise SearchIndexError(f"Pagefind failed on the {lang} pages: {output}")
            indexes[lang] = _read_folder(out)
            shutil.rmtree(site)
    return indexes


def _scratch_dir() -> str | None:
    """A memory file system when there is one: Pagefind writes a file per page, and on this
    project's disk that took half of its time (9 s against 22 s for 4,654 pages)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


# Pagefind's other interfaces, which the search page does not load
UNUSED = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.js")


def _read_folder(folder: Path) -> dict[str, bytes]:
    return {
        paths.SEARCH_BUNDLE + p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(UNUSED)
    }


def merge_indexes(indexes: Mapping[str, Mapping[str, bytes]]) -> dict[str, bytes]:
    """One bundle from per-language ones: their files side by side (the shared scripts are
    the same bytes in each), and one entry file listing every language."""
    files: dict[str, bytes] = {}
    entry: dict[str, object] = {}
    languages: dict[str, object] = {}
    for lang in sorted(indexes):
        for path, content in indexes[lang].items():
            if path == paths.SEARCH_BUNDLE + ENTRY:
                data = json.loads(content)
                languages.update(data.get("languages", {}))
                entry = {**data, "languages": {}}
            else:
                files[path] = content
    if entry:
        entry["languages"] = dict(sorted(languages.items()))
        files[paths.SEARCH_BUNDLE + ENTRY] = json.dumps(entry, separators=(",", ":")).encode()
    return files


def search_index(pages: Iterable[Page]) -> dict[str, bytes]:
    """The whole search bundle from the site's public pages (path, language, HTML)."""
    by_language: dict[str, list[tuple[str, bytes]]] = {}
    for path, lang, html in pages:
        by_language.setdefault(lang, []).append((path, html))
    return merge_indexes(_run(by_language))
