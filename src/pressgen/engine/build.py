"""`pressgen build`, as a table of contents: the pipeline with one thin memo around it.

    lock the output folder -> digest the inputs -> nothing changed? answer at once
    -> read (each release folder memoised) -> assemble -> plan every output with its key
    -> render what changed (in a pool) -> write it -> remove what is gone -> record

The result is byte for byte what a build without any cache gives; `incremental=False`
ignores the cache and compares every file it renders with the folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import Cache, State
from .inputs import Inputs, library_versions, scan_inputs
from .output import OutputFolder, check_folders

if TYPE_CHECKING:
    from ..model import Release
    from .execute import Progress


@dataclass(frozen=True)
class BuildReport:
    releases: int
    pages: int
    files: int
    changed: int
    rendered: int = 0
    warnings: tuple[str, ...] = ()  # missing translations: shown, never fatal


def build(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    progress: Progress | None = None,
    *,
    preview: bool = False,
    jobs: int = 1,
    incremental: bool = True,
    waiting: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the site at `site_dir` as public at `now` into `out_dir`.

    With `preview`, drafts, scheduled and embargoed releases are included, each page under a
    banner, into a folder that can never become the public output. `waiting` is told when
    another build holds the folder (this one then waits for it).
    """
    site_dir, out_dir = site_dir.absolute(), out_dir.absolute()
    kind = "preview" if preview else "public"
    check_folders(site_dir, out_dir, kind)
    cache = Cache(site_dir)
    try:
        with OutputFolder(out_dir, kind, waiting) as folder:
            state = cache.state(out_dir, kind) if incremental else None
            inputs = scan_inputs(site_dir, state.inputs if state else {})
            if state is not None and _nothing_changed(state, inputs, folder, now):
                if inputs != state.inputs:  # signatures only: trusted from now on
                    cache.save_state(out_dir, kind, replace(state, inputs=inputs))
                return BuildReport(**state.report, changed=0)
            report, new = _run(site_dir, folder, cache, state, inputs, now, preview, jobs, progress)
            cache.save_state(out_dir, kind, new)
            return report
    finally:
        cache.close()


def _nothing_changed(state: State, inputs: Inputs, folder: OutputFolder, now: datetime) -> bool:
    start, end = state.window
    instant = microseconds(now)
    return (
        (start is None or start <= instant)
        and (end is None or instant < end)
        and state.libraries == library_versions()
        and {k: f.digest for k, f in inputs.items()}
        == {k: f.digest for k, f in state.inputs.items()}
        and folder.unchanged({path: signature for path, (_, signature) in state.outputs.items()})
    )


def _run(
    site_dir: Path,
    folder: OutputFolder,
    cache: Cache,
    state: State | None,
    inputs: Inputs,
    now: datetime,
    preview: bool,
    jobs: int,
    progress: Progress | None,
) -> tuple[BuildReport, State]:
    # Imported only now: a build with nothing to do never loads the template engine,
    # Markdown, Babel or feedgen, which are most of the command's start-up time.
    from ..assemble import assemble
    from ..i18n import site_missing_translations
    from ..read import read_site
    from ..render.outputs import plan
    from ..render.views import render_context
    from .execute import Bodies
    from .keys import Keys
    from .memo import ReleaseMemo, forget_unused, render_and_write, shown_in_feeds

    libraries = library_versions()
    memo = ReleaseMemo(inputs, libraries, cache, jobs)
    site = read_site(site_dir, memo)
    memo.save()
    edition = assemble(site, now, preview=preview)
    ctx = render_context(site)
    keys = Keys(inputs, libraries, ctx.env, edition)
    units = plan(edition, keys)
    bodies = Bodies(site, ctx, keys.body, cache)
    records = state.outputs if state else {}
    shown = shown_in_feeds(edition, keys)
    written, rendered, changed = render_and_write(
        units, records, folder, bodies, shown, jobs, progress
    )
    changed += len(folder.remove_all_but(written))
    forget_unused(memo, keys, site.releases)
    summary: dict[str, Any] = {
        "releases": len(edition.releases),
        "pages": sum(1 for path in written if path.endswith(".html")),
        "files": len(written),
        "warnings": tuple(str(problem) for problem in site_missing_translations(site)),
    }
    new = State(inputs, libraries, written, _window(site.releases, now), summary)
    return BuildReport(**summary, changed=changed, rendered=rendered), new


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def microseconds(instant: datetime) -> int:
    return (instant - EPOCH) // timedelta(microseconds=1)


def _window(releases: Iterable[Release], now: datetime) -> tuple[int | None, int | None]:
    """The instants between which the same releases are public as at `now`: the last
    publication before it and the next after it."""
    instants = [microseconds(r.public_from) for r in releases if r.public_from is not None]
    instant = microseconds(now)
    before = [i for i in instants if i <= instant]
    after = [i for i in instants if i > instant]
    return (max(before) if before else None, min(after) if after else None)
