"""Rendering release-languages across processes: same files, in the same order, for any count.

Workers are forked, so they inherit the edition and the render context (templates compiled,
catalogs loaded) instead of receiving them pickled; each worker keeps them for its lifetime.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from .assemble import Edition
from .render import ReleaseOutput, render_release
from .render.views import Body, RenderContext

Job = tuple[str, str, Body | None, frozenset[str]]
Result = tuple[str, str, ReleaseOutput]

CHUNK = 32
MIN_PARALLEL = 64

# The one piece of module state: set once in each worker process by `_start_worker`.
_worker_inputs: tuple[Edition, RenderContext] | None = None


def _start_worker(edition: Edition, ctx: RenderContext) -> None:
    global _worker_inputs
    _worker_inputs = (edition, ctx)


def _render_chunk(jobs: list[Job]) -> list[Result]:
    assert _worker_inputs is not None
    edition, ctx = _worker_inputs
    return [_render(job, edition, ctx) for job in jobs]


def _render(job: Job, edition: Edition, ctx: RenderContext) -> Result:
    release_id, lang, body, wanted = job
    return release_id, lang, render_release(release_id, lang, edition, ctx, body, wanted)


def render_jobs(
    jobs: list[Job],
    edition: Edition,
    ctx: RenderContext,
    workers: int,
    progress: Callable[[Iterable[Job]], Iterable[Job]] | None = None,
) -> Iterator[Result]:
    """Render every job, in order; across `workers` processes when there are enough jobs."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL or "fork" not in (
        multiprocessing.get_all_start_methods()
    ):
        for job in progress(jobs) if progress else jobs:
            yield _render(job, edition, ctx)
        return
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(edition, ctx)
    ) as pool:
        results = pool.map(_render_chunk, chunks)
        done = iter(progress(_flatten(chunks)) if progress else ())
        for chunk in results:
            for result in chunk:
                next(done, None)
                yield result


def _flatten(chunks: list[list[Job]]) -> Iterator[Job]:
    for chunk in chunks:
        yield from chunk
