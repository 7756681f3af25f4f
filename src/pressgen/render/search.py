"""The search index: public pages in, Pagefind's static files out (under pagefind/).

Pagefind indexes only the part of a page marked `data-pagefind-body` (a release's article),
keeps one index per language (from `<html lang>`), and its search box loads the index of the
page it is on: a reader searches their own language only. Pagefind's extended build (PyPI
`pagefind[extended]`) segments Chinese into words.

Each language is indexed on its own by `language_index`, so that a change to one
release-language re-indexes one language; `merge_indexes` puts the languages together.
Only what the caller passes is indexed: give it public pages only (never a preview's).
"""

from __future__ import annotations

import asyncio
import json
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
    try:
        from pagefind.index import PagefindIndex
    except ImportError as error:
        raise SearchIndexError(
            "the search index needs Pagefind: pip install 'pagefind[extended]'"
        ) from error
    chosen = sorted(pages)

    async def run() -> dict[str, bytes]:
        with tempfile.TemporaryDirectory(prefix="pressgen-search-") as folder:
            # written to a folder, not returned through the pipe: Pagefind's own docs warn
            # that `get_files` can deadlock on a large index; leaving the context writes it
            config = {"force_language": lang, "output_path": folder}
            async with PagefindIndex(config=config) as index:  # type: ignore[arg-type]
                for path, html in chosen:
                    await index.add_html_file(
                        content=html.decode("utf-8"), url=page_url(path), source_path=path
                    )
            return _read_folder(Path(folder))

    try:
        return asyncio.run(run())
    except FileNotFoundError as error:  # the pagefind binary
        raise SearchIndexError(f"Pagefind could not run ({error})") from error


def _read_folder(folder: Path) -> dict[str, bytes]:
    return {
        paths.SEARCH_BUNDLE + p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
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
    return merge_indexes({lang: language_index(lang, got) for lang, got in by_language.items()})
