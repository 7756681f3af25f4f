"""Time the web pages alone: ``python bench/render_time.py SITE [--count N] [--repeat K]``.

Renders, in this process, the page of each of the first N public release-languages of a
site (the bench corpus, say) and every page of its lists (its languages' indexes, years,
regions and topics), and prints the best of K rounds per page. The bodies are converted
beforehand and not counted: this is what a template or catalog change costs a build per
page, on one core, before its workers, cache and writing. A digest of the bytes of the
first round is printed too, so that two versions of the code can be shown to render the
same pages (run it with each on `PYTHONPATH`).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from pressgen.assemble import assemble
from pressgen.read import read_site
from pressgen.render.archive import archive, list_page
from pressgen.render.html import release_page
from pressgen.render.views import ConvertedBodies, render_context


def best_of(rounds: int, renders: Sequence[Callable[[], bytes]]) -> tuple[float, str]:
    """The best round's seconds per render, and the digest of the first round's bytes."""
    digest, best = hashlib.sha256(), float("inf")
    for round_number in range(rounds):
        started = time.perf_counter()
        for render in renders:
            data = render()
            if round_number == 0:
                digest.update(data)
        best = min(best, time.perf_counter() - started)
    return best / max(1, len(renders)), digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--now", default="2026-06-01T00:00:00+00:00")
    args = parser.parse_args()
    site = read_site(args.site)
    edition = assemble(site, datetime.fromisoformat(args.now).astimezone(UTC))
    ctx = render_context(site)
    bodies = ConvertedBodies(ctx)
    pairs = [(r, lang) for r in edition.releases for lang in edition.alternates(r)][: args.count]
    converted = {(r.id, lang): bodies.body(r, lang) for r, lang in pairs}
    pages = [
        lambda r=r, lang=lang: release_page(
            r, lang, edition.alternates(r), ctx, converted[r.id, lang], None, False, False
        )
        for r, lang in pairs
    ]
    found, size = archive(edition), ctx.config.page_size
    lists = [
        lambda one=one, n=n: list_page(edition, found, one, n, ctx, bodies.summary)
        for lang in ctx.config.languages
        for one in found.lists[lang]
        for n in range(1, found.pages(one, size) + 1)
    ]
    for render in lists:  # every summary converted before the clock starts
        render()
    for name, renders in (("release pages", pages), ("list pages", lists)):
        seconds, digest = best_of(args.repeat, renders)
        print(f"{len(renders)} {name}: {seconds * 1000:.3f} ms each (bytes {digest})")


if __name__ == "__main__":
    main()
