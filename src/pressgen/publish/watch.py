"""`pressgen publish --watch`: publish at every publication instant and after every save.

After each publication the watcher reads when the next release becomes public
(`Release.public_from`, the one publication rule) and sleeps until exactly then, or until a
file of the site is saved, or until a failed attempt is due again, whichever comes first.
No sleep is longer than `cap`: the clock is looked at again, so a computer that slept or a
clock set right never makes a publication late by more than that. Input problems are logged
and wait for the next save (until then the build would fail the same); a failed deploy, an
output folder that cannot be used and pressgen's own errors are logged and tried again after
10 s, 20 s, 40 s ... up to 5 minutes between tries. Nothing but stopping the process ends
the watch.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..engine import BuildReport
from ..params import ISSUES_URL
from ..problems import InputError, ToolError, UserError
from ..status import when
from ..watching import input_changes
from .cycle import Log, publish_once

CAP = 60.0  # seconds: the longest sleep before the clock is read again
FIRST_RETRY = 10.0
LAST_RETRY = 300.0


@dataclass(frozen=True)
class Wake:
    """When to publish again, short of a save: the next publication instant (real time),
    and the next try after a failure (monotonic clock)."""

    instant: datetime | None
    retry_at: float | None


class Backoff:
    """Delays between tries that double from `first` up to `last`."""

    def __init__(self, first: float, last: float) -> None:
        self.first, self.last = first, last
        self.delay = first

    def next(self) -> float:
        delay, self.delay = self.delay, min(self.delay * 2, self.last)
        return delay

    def reset(self) -> None:
        self.delay = self.first


class Watcher:
    """Publishes `site_dir` into `out_dir` until `stop()` (from another thread) or an
    interruption (Ctrl-C, SIGTERM as the command arranges it)."""

    def __init__(
        self,
        site_dir: Path,
        out_dir: Path,
        log: Log,
        *,
        jobs: int = 1,
        first_retry: float = FIRST_RETRY,
    ) -> None:
        self.site_dir, self.out_dir, self.log, self.jobs = site_dir, out_dir, log, jobs
        self.backoff = Backoff(first_retry, LAST_RETRY)
        self.cap = CAP
        self._saved = threading.Event()
        self._stopped = threading.Event()
        # the next publication instant the last build found: a failed deploy waiting to
        # be tried again still wakes for it
        self._next: datetime | None = None

    def stop(self) -> None:
        self._stopped.set()
        self._saved.set()  # wakes the sleep

    def run(self) -> None:
        files = threading.Thread(target=self._watch_files, name="pressgen-watch", daemon=True)
        files.start()
        try:
            while not self._stopped.is_set():
                # The build reports the next instant after the one it ran at: one that
                # passed while it built or copied is due at once, never missed.
                retry_at = self._attempt()
                self._sleep(Wake(self._next, retry_at))
        finally:
            self.stop()
            files.join(5)

    def _watch_files(self) -> None:
        try:
            for _changes in input_changes(
                self.site_dir, self.out_dir, self._stopped, "pressgen publish --watch"
            ):
                self._saved.set()
        except Exception as error:  # a vanished site folder: publish at the instants still
            self.log.error(f"watching files stopped ({type(error).__name__}: {error})")

    def _attempt(self) -> float | None:
        """Publish once and note the next publication instant; return when to try again
        after a failure (None: no need). Files with problems wait for a save only."""
        try:
            publish_once(self.site_dir, self.out_dir, self.log, self.jobs, self._built)
        except InputError as error:
            for problem in error.problems:
                self.log.error(str(problem))
            for warning in error.warnings:
                self.log.error(f"warning: {warning}")
            count = len(error.problems)
            self.log.error(
                f"{count} problem{'s' if count != 1 else ''}: nothing was published; "
                "waiting for the files to be fixed"
            )
            self._next = None
            return None
        except Exception as error:
            delay = self.backoff.next()
            self.log.error(_failure(error))
            self.log.error(f"trying again in {delay:g} s")
            if self._next is not None and self._next <= datetime.now(UTC):
                self._next = None  # the try again is due first, and will find the next one
            return time.monotonic() + delay
        self.backoff.reset()
        return None

    def _built(self, report: BuildReport) -> None:
        """Note and log the next publication instant the build found (before its deploy,
        which may fail and wait to be tried again)."""
        if report.upcoming is None:
            self.log.routine("nothing is waiting to become public; watching for saves")
            self._next = None
            return
        self._next, ids = report.upcoming
        self.log.info(f"next publication: {when(self._next)}: {', '.join(ids)}")

    def _sleep(self, wake: Wake) -> None:
        """Until a save, the next instant or the next try; never longer than `cap` at once."""
        while not self._stopped.is_set():
            if self._saved.is_set():
                self._saved.clear()
                return
            timeout = self.cap
            if wake.instant is not None:
                timeout = min(timeout, (wake.instant - datetime.now(UTC)).total_seconds())
            if wake.retry_at is not None:
                timeout = min(timeout, wake.retry_at - time.monotonic())
            if timeout <= 0:
                return
            self._saved.wait(timeout)


def _failure(error: Exception) -> str:
    if isinstance(error, (UserError, ToolError)):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        from ..cli import SYSTEM_ADVICE

        advice = SYSTEM_ADVICE.get(error.errno or 0, "")
        return f"{error.filename or 'a file'}: {error.strerror}. {advice}".rstrip()
    return (
        f"internal error ({type(error).__name__}: {error}). This is a bug in pressgen, not "
        f"in your files: please report it at {ISSUES_URL}"
    )
