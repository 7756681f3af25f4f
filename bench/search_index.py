"""Time the search index on a built site: ``python bench/search_index.py PUBLIC_DIR``.

Indexes every release page (``LANG/ID/index.html``) of the folder, all languages at once,
then one language alone (what a one-release change costs when each language is indexed on
its own), and prints the index's size. Run it after building the bench corpus once.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pressgen.render.search import language_index, search_index


def main(public: Path) -> None:
    pages = [
        (p.relative_to(public).as_posix(), p.relative_to(public).parts[0], p.read_bytes())
        for p in sorted(public.glob("*/*/index.html"))
    ]
    started = time.perf_counter()
    files = search_index(pages)
    whole = time.perf_counter() - started
    size = sum(len(content) for content in files.values())
    print(f"{len(pages)} pages: {whole:.1f} s, {len(files)} files, {size / 2**20:.1f} MiB")
    lang = pages[0][1]
    mine = [(path, html) for path, code, html in pages if code == lang]
    started = time.perf_counter()
    language_index(lang, mine)
    print(f"one language ({lang}, {len(mine)} pages): {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
