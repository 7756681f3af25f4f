"""`pressgen build`: answer at once when nothing changed, else run the pipeline.

Incremental by default: outputs whose inputs did not change since the last build into the same
folder are kept as they are (see `incremental` and `cache`); the result is byte for byte what a
full build gives. The stages themselves, read -> assemble -> render -> write, are in `pipeline`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .cache import (
    BackgroundWalk,
    BuildState,
    Cache,
    Inputs,
    Signature,
    config_digest,
    output_signatures,
    release_signatures,
)
from .resources import RELEASES_DIR
from .write import MARKER, PREVIEW_MARKER

Progress = Callable[[Iterable[Any]], Iterable[Any]]


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
) -> BuildReport:
    """Build the site at `site_dir` as public at `now` into `out_dir`, atomically.

    With `preview`, drafts, scheduled and embargoed releases are included, each page under a
    banner, and the folder is marked so that it can never become the public output.
    """
    with _cycle_collector_paused():
        return _build(site_dir, out_dir, now, progress, preview, jobs, incremental)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """A build makes hundreds of thousands of objects that live to its end and almost no
    reference cycles (peak memory is the same without the collector), so the collector's
    passes over them are pure cost: a fifth of an incremental build. Cycles left over are
    collected once the build is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _build(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    progress: Progress | None,
    preview: bool,
    jobs: int,
    incremental: bool,
) -> BuildReport:
    site_dir, out_dir = site_dir.absolute(), out_dir.absolute()
    marker = PREVIEW_MARKER if preview else MARKER
    cache = Cache(site_dir)
    # taken first, so that a file saved during the build counts as changed next time; by a
    # child, while this process loads the last build's state
    releases = BackgroundWalk(release_signatures, site_dir / RELEASES_DIR)
    state = cache.load_state(out_dir, preview) if incremental else BuildState()
    # compared with what the last build wrote, if there was one; walked by a child meanwhile
    outputs = BackgroundWalk(output_signatures, out_dir, start=state.inputs is not None)
    try:
        signatures = releases.result()
        unchanged = _nothing_changed(state, signatures, outputs, site_dir, out_dir, marker, now)
        if unchanged is not None:
            return unchanged
        # Imported only now: a build with nothing to do never loads the template engine,
        # Markdown, Babel or feedgen, which are most of the command's start-up time.
        from .pipeline import run

        models = cache.load_models() if incremental else {}
        return run(
            site_dir,
            out_dir,
            now,
            cache,
            state,
            models,
            signatures,
            outputs,
            progress,
            preview,
            jobs,
        )
    finally:
        releases.close()
        outputs.close()
        cache.close()


def _nothing_changed(
    state: BuildState,
    signatures: dict[str, Signature],
    outputs: BackgroundWalk,
    site_dir: Path,
    out_dir: Path,
    marker: str,
    now: datetime,
) -> BuildReport | None:
    """The report of a build that would change nothing, or None if anything may have changed."""
    if state.inputs is None or not (out_dir / marker).is_file():
        return None
    if state.public_at(now) != state.public or config_digest(site_dir) != state.config:
        return None
    if signatures != state.signatures:
        return None
    if Inputs.of_folder(site_dir, state.inputs.catalogs) != state.inputs:
        return None
    present = dict(outputs.result())
    present.pop(marker, None)
    # a file added, removed or changed by hand in the output: the next build puts it right
    if present != {path: record[1:] for path, record in state.outputs.items()}:
        return None
    pages = sum(1 for path in state.outputs if path.endswith(".html"))
    return BuildReport(len(state.public), pages, len(state.outputs), 0, 0, state.warnings)
