"""Where a build with nothing to do spends its time, part by part, in one process.

    .venv/bin/python bench/noop_parts.py SITE OUT [--now INSTANT] [--repeat K]

SITE and OUT must have been built together (`pressgen build --site SITE --out OUT --now
INSTANT`) so that the next build has nothing to do. Prints, for each run, the seconds spent
importing the command line, reading the cache's state, reading the site's input files,
walking the output folder, and deciding that nothing changed; the parts are those of
`engine/build.py`'s `_build`, called one by one. Imports pressgen (run it with the Python
of the environment pressgen is installed in).
"""

from __future__ import annotations

import argparse
import importlib
import time
from datetime import datetime
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--now", default="2026-01-01T00:00:00+00:00")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    importlib.import_module("pressgen.cli")
    imported = time.perf_counter() - started
    for _ in range(args.repeat):
        print(
            one_run(
                args.site.absolute(),
                args.out.absolute(),
                datetime.fromisoformat(args.now),
                imported,
            )
        )


def one_run(site: Path, out: Path, now: datetime, imported: float) -> str:
    build = importlib.import_module("pressgen.engine.build")
    from pressgen.engine.cache import Cache
    from pressgen.engine.inputs import scan_inputs
    from pressgen.engine.output import OutputFolder

    marks = [time.perf_counter()]
    cache = Cache(site)
    state = cache.state(out, "public []")
    marks.append(time.perf_counter())
    if state is None:
        raise SystemExit(f"{out}: no state in the cache of {site}: build it first")
    inputs = scan_inputs(site, state.inputs)
    marks.append(time.perf_counter())
    with OutputFolder(out, "public", None, None) as folder:
        marks.append(time.perf_counter())
        unchanged = build._nothing_changed(state, inputs, folder, now)
        marks.append(time.perf_counter())
    cache.close()
    names = ("state", "inputs", "output walk", "nothing changed")
    parts = ", ".join(f"{n} {b - a:.3f}" for n, a, b in zip(names, marks, marks[1:], strict=False))
    return f"import {imported:.3f}, {parts} (s); nothing to do: {unchanged}"


if __name__ == "__main__":
    main()
