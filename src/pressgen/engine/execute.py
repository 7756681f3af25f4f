"""Execution: render the units that changed, in this process or across a pool, in order.

Workers are forked, so they inherit the edition, the plan and the render context instead of
receiving them pickled; they hand back bytes (and the bodies they converted), and only this
process writes. A worker whose parent died (killed, say) ends itself at once; workers
ignore Ctrl-C, which the build answers by telling them to stop after the unit in hand.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from multiprocessing.synchronize import Event as EventType
from pathlib import Path
from typing import Any, TypeVar

from ..model import Release, Site
from ..problems import UserError
from ..read.release import read_release
from ..render.outputs import KITS, LISTS, PAGES, PRINT, STAGE_NAMES, Unit
from ..render.template_errors import located
from ..render.views import Body, RenderContext, prepare_body
from .cache import Cache
from .output import Written, signals_held

Job = tuple[int, frozenset[str]]  # a unit's index in the plan, and the files wanted
Converted = dict[str, tuple[str, str]]  # body key -> HTML and summary
Result = tuple[int, dict[str, bytes], Converted]
# Shows the jobs of a stage going by, under the stage's name (`outputs.STAGE_NAMES`)
Progress = Callable[[Iterable[Job], str], Iterable[Job]]

CHUNK = 32
# Below this many units of a stage, starting processes costs more than it saves: a PDF,
# a list or a year of search index takes as long as dozens of pages.
MIN_PARALLEL = {PRINT: 8, PAGES: 64, LISTS: 8, KITS: 64}
MIN_PARALLEL_READ = 200
T = TypeVar("T")


class Bodies:
    """Converted bodies: this build's, the cache's, or converted now and handed back.

    `keys` gives each release-language's body key (see `keys.Keys.body`), and `hidden` the
    releases the build does not publish, whose links bodies leave out. A body that must be
    converted and whose release came from the cache without its Markdown is read again from
    the release's files, which have not changed since (their digests say so).

    A body is kept in memory for the unit being rendered only (`take_converted` ends it),
    unless `learn` keeps it for later stages (the feeds show some in full): a worker that
    kept every body it converted or read held a third of the archive's HTML.
    """

    def __init__(
        self,
        site: Site,
        ctx: RenderContext,
        keys: Callable[[Release, str], str],
        cache: Cache,
        hidden: frozenset[str] = frozenset(),
    ) -> None:
        self.site, self.ctx, self.keys, self.cache = site, ctx, keys, cache
        self.hidden = hidden
        self.known: dict[str, Body] = {}
        self.in_hand: dict[str, Body] = {}  # those of the unit being rendered
        self.summaries: dict[str, str] | None = None
        self.converted: Converted = {}
        self.written: Written | None = None  # the output so far, for a later stage's renders

    def body(self, release: Release, lang: str) -> Body:
        key = self.keys(release, lang)
        found = self.known.get(key) or self.in_hand.get(key)
        if found is None:
            stored = self.cache.body(key)
            found = Body(*stored) if stored else self._convert(release, lang, key)
            self.in_hand[key] = found
        return found

    def summary(self, release: Release, lang: str) -> str:
        key = self.keys(release, lang)
        if held := self.known.get(key) or self.in_hand.get(key):
            return held.summary
        if self.summaries is None:
            self.summaries = self.cache.summaries()
        found = self.summaries.get(key)
        return found if found is not None else self.body(release, lang).summary

    def _convert(self, release: Release, lang: str, key: str) -> Body:
        translation = release.translations[lang]
        if translation.body is None:
            fresh, _ = read_release(release.folder, self.site.root, self.site.config)
            if fresh is None or lang not in fresh.translations:
                raise RuntimeError(f"{release.folder}: changed during the build, build again")
            translation = fresh.translations[lang]
        body = prepare_body(translation, self.ctx.languages[lang], release, self.hidden)
        self.converted[key] = (body.html, body.summary)
        return body

    def built(self, path: str) -> bytes:
        if self.written is None:
            raise LookupError(f"{path}: asked for before the build wrote anything")
        return self.written.read(path)

    def take_converted(self) -> Converted:
        """The bodies converted for the unit just rendered; the next starts empty-handed."""
        converted, self.converted = self.converted, {}
        self.in_hand = {}
        return converted

    def learn(self, converted: Converted, keep: Callable[[str], bool]) -> None:
        """Bodies converted elsewhere: their summaries, and the whole of those `keep` asks."""
        if self.summaries is not None:
            self.summaries.update((key, summary) for key, (_, summary) in converted.items())
        for key, (html, summary) in converted.items():
            if keep(key):
                self.known[key] = Body(html, summary)

    def for_worker(self) -> Bodies:
        """The same bodies for a forked worker, with a database connection of its own."""
        worker = Bodies(self.site, self.ctx, self.keys, self.cache.worker(), self.hidden)
        worker.known, worker.written = self.known, self.written
        return worker


def execute(
    units: Sequence[Unit],
    jobs: Sequence[Job],
    bodies: Bodies,
    workers: int,
    progress: Progress | None = None,
) -> Iterator[Result]:
    """Render every job, in order; across `workers` processes when there are enough."""
    stage = units[jobs[0][0]].stage if jobs else PAGES
    name = STAGE_NAMES[stage]
    if workers <= 1 or len(jobs) < MIN_PARALLEL[stage] or not can_fork():
        for index, wanted in progress(jobs, name) if progress else jobs:
            files = _render(units[index], bodies, wanted)
            yield index, files, bodies.take_converted()
        return
    chunks = list(_chunks(jobs, workers))
    done = iter(progress(jobs, name) if progress else ())
    with _pool(workers, _start_worker, (units, bodies)) as pool:
        for results in pool.map(_render_chunk, chunks):
            for result in results:
                next(done, None)
                yield result


def _chunks(jobs: Sequence[Job], workers: int) -> Iterator[Sequence[Job]]:
    """Jobs in chunks of `CHUNK`, smaller and smaller towards the end, so that the workers
    finish together: the last units of a plan (a year of search index, say) can each take
    as long as a hundred release pages, and a full chunk of them would leave one worker
    busy alone for seconds."""
    start = 0
    while start < len(jobs):
        size = min(CHUNK, max(1, (len(jobs) - start) // (workers * 4)))
        yield jobs[start : start + size]
        start += size


def map_folders(read: Callable[[Path], T], folders: Sequence[Path], workers: int) -> Iterator[T]:
    """`read` applied to each folder, in order; across processes when there are many (a
    first build reads thousands of releases). `read` must be picklable."""
    if workers <= 1 or len(folders) < MIN_PARALLEL_READ or not can_fork():
        yield from map(read, folders)
        return
    with _pool(workers, None, ()) as pool:
        yield from pool.map(partial(_unless_stopped, read), folders, chunksize=64)


@contextlib.contextmanager
def _pool(
    workers: int, start: Callable[..., None] | None, arguments: tuple[Any, ...]
) -> Iterator[ProcessPoolExecutor]:
    """Forked workers, which inherit `arguments` (not pickled) and die with this process.
    A build that fails or is stopped cancels the chunks not yet started, tells the workers
    to hand back at once the chunks they hold, and waits for them: a worker ended while it
    hands back its result would leave half a message in the pipe they share, which the pool
    would wait forever to read whole."""
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    others = set(multiprocessing.active_children())  # not this pool's: `_watch` leaves them
    pool = ProcessPoolExecutor(
        workers,
        mp_context=context,
        initializer=_start,
        initargs=(os.getpid(), stop, start, arguments),
    )
    left = threading.Event()  # set once this build no longer waits on the pool
    try:
        _start_workers(pool)
        forked = [p for p in multiprocessing.active_children() if p not in others]
        threading.Thread(target=_watch, args=(forked, left), daemon=True).start()
        yield pool
    except BaseException as error:
        left.set()
        stop.set()
        pool.shutdown(wait=True, cancel_futures=True)
        if isinstance(error, BrokenProcessPool):
            raise UserError(WORKER_KILLED) from None
        raise
    left.set()
    pool.shutdown(wait=True)


WATCH_GRACE = 10.0  # seconds the pool has to tell that a worker ended, before `_watch` does


def _watch(workers: list[multiprocessing.process.BaseProcess], left: threading.Event) -> None:
    """The build's last resort when a worker is killed (by the system, when memory runs
    short) while it hands back its result: the pool then waits forever for the rest of the
    message in the pipe the workers share (CPython's ProcessPoolExecutor), holding the
    output folder's lock. If the pool has not said so `WATCH_GRACE` after a worker ended,
    the build ends as a `kill -9` would end it (the folder as it was, completed by the next
    build), saying why, and takes its other workers with it."""
    sentinels = [worker.sentinel for worker in workers]
    while not left.is_set() and not multiprocessing.connection.wait(sentinels, timeout=0.5):
        pass
    if left.wait(WATCH_GRACE):
        return
    os.write(2, f"{WORKER_KILLED}\n".encode())
    for worker in workers:
        if worker.pid is not None:
            with contextlib.suppress(OSError):  # gone already
                os.kill(worker.pid, signal.SIGKILL)
    os._exit(1)


WORKER_KILLED = (
    "a worker process of this build ended before its work was done (killed by hand, or by the "
    "system when memory runs short): the output folder is as it was; build again, with "
    "--jobs 1 to use less memory"
)


_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}  # while workers are forked

# Set once in each worker process, by `_start` and `_start_worker`: what it inherited.
_stop: EventType | None = None
_worker: tuple[Sequence[Unit], Bodies] | None = None


def _start_workers(pool: ProcessPoolExecutor) -> None:
    """Fork every worker now (a pool that forks starts them all with its first task), with
    Ctrl-C and the stop signals held back: one that came in the middle of a fork would reach
    the new worker before it sets its own answers, and run the build's (a traceback on the
    terminal, seen once when the pool ended its workers). It reaches this process once the
    workers run."""
    with signals_held(_HELD):
        pool.submit(int).result()


def _start(
    parent: int, stop: EventType, start: Callable[..., None] | None, arguments: tuple[Any, ...]
) -> None:
    global _stop
    _stop = stop
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to answer
    # A stop signal ends a worker, as the pool expects when it ends those of a broken pool:
    # the build's own handler (`watching.stopped_as_by_ctrl_c`) would have one wait forever
    # to hand back its chunk. A signal the build was started to ignore (nohup) stays ignored.
    for sent in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sent) is not signal.SIG_IGN:
            signal.signal(sent, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if start is not None:
        start(*arguments)


def _start_worker(units: Sequence[Unit], bodies: Bodies) -> None:
    global _worker
    _worker = (units, bodies.for_worker())


def _exit_with(parent: int) -> None:
    """End this worker as soon as the build that started it is gone."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _unless_stopped(read: Callable[[Path], T], folder: Path) -> T:
    """`read(folder)` in a worker; once the build is over, nothing (nobody waits for it)."""
    if _stop is not None and _stop.is_set():
        raise RuntimeError("the build was stopped")  # never read: the build has ended
    return read(folder)


def _render_chunk(jobs: list[Job]) -> list[Result]:
    assert _worker is not None and _stop is not None
    units, bodies = _worker
    results = []
    for index, wanted in jobs:
        if _stop.is_set():  # the build is over: what comes back is not used
            break
        files = _render(units[index], bodies, wanted)
        results.append((index, files, bodies.take_converted()))
    return results


def _render(unit: Unit, bodies: Bodies, wanted: frozenset[str]) -> dict[str, bytes]:
    """A unit's files; a mistake in one of the site's own templates is the site's problem,
    named by its file and line (`render.template_errors`), never a bug of pressgen's."""
    try:
        return unit.render(bodies.ctx, bodies, wanted)
    except Exception as error:
        mistake = located(error, bodies.ctx.env, unit.name)
        if mistake is None:
            raise
        raise mistake from None


def can_fork() -> bool:
    """Whether worker processes can start as copies of this one; elsewhere everything runs
    in this process."""
    return "fork" in multiprocessing.get_all_start_methods()
