"""Time the search index alone: ``python bench/search_time.py SITE [LANG]``.

Converts the bodies of every release in LANG (default: the site's first language) first,
untimed, then runs Pagefind on each year's releases as a build does, one year after the
other, and prints the wall time and the CPU time of Pagefind's processes (the CPU a build
spends on that language's search bundles, whichever of its workers runs them).
"""

from __future__ import annotations

import resource
import sys
import time
from collections import defaultdict
from pathlib import Path

from pressgen import paths
from pressgen.i18n import load_languages
from pressgen.read import read_site
from pressgen.render.archive import release_year
from pressgen.render.search import search_document, year_bundle
from pressgen.render.views import prepare_body


def main(root: Path, lang: str | None) -> None:
    site = read_site(root)
    lang = lang or site.config.languages[0]
    language = load_languages(site.config.languages, site.locales_dir)[lang]
    years: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for release in site.releases:
        translation = release.translations.get(lang)
        if translation is None:
            continue
        html = prepare_body(translation, language, release).html
        document = search_document(lang, translation.title, html)
        years[release_year(release)].append((paths.release_page(lang, release.id), document))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    size = sum(
        len(data)
        for year, documents in sorted(years.items())
        for data in year_bundle(lang, year, documents).values()
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    count = sum(map(len, years.values()))
    print(
        f"{lang}: {count} releases in {len(years)} years: {wall:.1f} s wall, {cpu:.1f} s of "
        f"Pagefind's CPU ({cpu / count * 1000:.2f} ms per release), {size / 2**20:.1f} MiB"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
