"""Reading releases and rendering release-languages across processes: same result for any count.

Workers are forked, so they inherit the edition and the render context (templates compiled,
catalogs loaded) instead of receiving them pickled; each worker keeps them for its lifetime.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .assemble import Edition
from .cache import Cache, encode_body
from .incremental import Digests, release_digests
from .model import Release, SiteConfig
from .read.release import read_release
from .render import Lookups, render_release
from .render.views import Body, RenderContext
from .write import Placed, Placement

Job = tuple[str, str, str, frozenset[str]]  # release id, language, body key, files wanted
# release id, language, the body if converted now (encoded for the cache; None if it came
# from the cache), its summary, the files staged, and the catalog lookups of each file
Result = tuple[str, str, bytes | None, str, tuple[Placed, ...], dict[str, Lookups]]
BodyLoader = Callable[[str], object]

CHUNK = 32
MIN_PARALLEL = 64

# Set once in each worker process that renders release-languages, by `_start_worker`.
_worker_inputs: tuple[Edition, RenderContext, Placement, BodyLoader] | None = None


def _start_worker(
    edition: Edition, ctx: RenderContext, placement: Placement, cache_root: Path
) -> None:
    global _worker_inputs
    # a connection of its own: one inherited through fork must not be used
    _worker_inputs = (edition, ctx, placement, Cache(cache_root).body)


def _render_chunk(jobs: list[Job]) -> list[Result]:
    assert _worker_inputs is not None
    shared: dict[Lookups, Lookups] = {}  # pickled once per chunk: most pages ask the same
    return [_render(job, *_worker_inputs, shared) for job in jobs]


def _render(
    job: Job,
    edition: Edition,
    ctx: RenderContext,
    placement: Placement,
    load: BodyLoader,
    shared: dict[Lookups, Lookups],
) -> Result:
    """Render one release-language and stage its files: only small records travel back."""
    release_id, lang, body_key, wanted = job
    cached = load(body_key)
    body = cached if isinstance(cached, Body) else None
    output = render_release(release_id, lang, edition, ctx, body, wanted)
    placed = _stage(output.files, placement)
    fresh = encode_body(output.body) if body is None else None
    lookups = {path: shared.setdefault(found, found) for path, found in output.lookups.items()}
    return release_id, lang, fresh, output.body.summary, placed, lookups


def render_jobs(
    jobs: list[Job],
    edition: Edition,
    ctx: RenderContext,
    placement: Placement,
    cache: Cache,
    workers: int,
    progress: Callable[[Iterable[Job]], Iterable[Job]] | None = None,
) -> Iterator[Result]:
    """Render and stage every job, in order; across `workers` processes when there are enough
    jobs. Workers write the files themselves, so pages never travel between processes."""
    if workers <= 1 or len(jobs) < MIN_PARALLEL or not can_fork():
        shared: dict[Lookups, Lookups] = {}
        for job in progress(jobs) if progress else jobs:
            yield _render(job, edition, ctx, placement, cache.body, shared)
        return
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start_worker,
        initargs=(edition, ctx, placement, cache.site_root),
    ) as pool:
        results = pool.map(_render_chunk, chunks)
        done = iter(progress(_flatten(chunks)) if progress else ())
        for chunk in results:
            for result in chunk:
                next(done, None)
                yield result


PartRender = Callable[[], dict[str, bytes]]
# Below this many parts (a few feeds after one release changed), starting worker processes
# costs more than it saves: measured 1.07 s serial against 1.17 s for 4 feed scopes.
MIN_PARALLEL_PARTS = 8

# Set once in each worker process that renders site parts, by `_start_part_worker`.
_worker_parts: tuple[list[PartRender], Placement] | None = None


def render_parts(
    parts: list[PartRender], placement: Placement, workers: int
) -> Iterator[tuple[Placed, ...]]:
    """Render and stage site-wide parts (indexes, feeds, sitemap), in order; across
    processes when there are several. Each part must find everything it shows in memory:
    a worker never opens the build's cache."""
    if workers <= 1 or len(parts) < MIN_PARALLEL_PARTS or not can_fork():
        for render in parts:
            yield _stage(render(), placement)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        min(workers, len(parts)),
        mp_context=context,
        initializer=_start_part_worker,
        initargs=(parts, placement),
    ) as pool:
        yield from pool.map(_render_part, range(len(parts)))


def _start_part_worker(parts: list[PartRender], placement: Placement) -> None:
    global _worker_parts
    _worker_parts = (parts, placement)


def _render_part(index: int) -> tuple[Placed, ...]:
    assert _worker_parts is not None
    parts, placement = _worker_parts
    return _stage(parts[index](), placement)


def _stage(files: dict[str, bytes], placement: Placement) -> tuple[Placed, ...]:
    return tuple(placement.put(path, data) for path, data in sorted(files.items()))


MIN_PARALLEL_READ = 200
READ_CHUNK = 64


def read_releases(
    root: Path, folders: list[Path], config: SiteConfig, workers: int
) -> Iterator[tuple[str, Release, Digests]]:
    """Read release folders across processes, with their digests.

    Only releases read without a problem come back: the build reads the others itself, so
    that their problems are reported as a serial build reports them.
    """
    chunks = [folders[i : i + READ_CHUNK] for i in range(0, len(folders), READ_CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for chunk in pool.map(_read_chunk, chunks, [root] * len(chunks), [config] * len(chunks)):
            yield from chunk


def _read_chunk(
    folders: list[Path], root: Path, config: SiteConfig
) -> list[tuple[str, Release, Digests]]:
    found = []
    for folder in folders:
        release, problems = read_release(folder, root, config)
        if release is not None and not problems:
            found.append((folder.name, release, release_digests(release)))
    return found


def can_fork() -> bool:
    """Whether worker processes can start as copies of this one (they inherit the build's
    state instead of receiving it pickled); elsewhere everything runs in this process."""
    return "fork" in multiprocessing.get_all_start_methods()


def _flatten(chunks: list[list[Job]]) -> Iterator[Job]:
    for chunk in chunks:
        yield from chunk
