"""Time the PDFs alone: ``python bench/pdf_time.py SITE [COUNT]``.

Typesets the first COUNT release-languages of a site (the bench corpus, say) in this
process, with one Typst compiler as a build's worker has, and prints the CPU time per PDF
(Typst's threads included; converting the bodies beforehand is not counted). A build's
workers do the same work in a Typst process of their own.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from pressgen.i18n import load_languages
from pressgen.read import read_site
from pressgen.render.environment import make_environment
from pressgen.render.pdf import release_pdf
from pressgen.render.pdffonts import Typesetter
from pressgen.render.views import RenderContext, prepare_body


def main(root: Path, count: int) -> None:
    site = read_site(root)
    languages = load_languages(site.config.languages, site.locales_dir)
    ctx = RenderContext(site.config, languages, make_environment(site.templates_dir))
    work = [
        (release, lang, prepare_body(translation, languages[lang], release))
        for release in site.releases
        for lang, translation in sorted(release.translations.items())
    ][:count]
    started = time.process_time()
    typesetter = Typesetter()
    setup = time.process_time() - started
    costs = []
    for release, lang, body in work:
        started = time.process_time()
        release_pdf(release, lang, ctx, body, typesetter)
        costs.append(time.process_time() - started)
    print(
        f"{len(costs)} PDFs: mean {statistics.mean(costs) * 1000:.1f} ms, "
        f"median {statistics.median(costs) * 1000:.1f} ms, max {max(costs) * 1000:.1f} ms "
        f"of CPU each; the typesetter's set-up {setup * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 150)
