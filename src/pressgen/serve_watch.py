"""The rebuilding side of `pressgen serve`: a build or the page saying why not, and the
thread that rebuilds after each save and at the instant a release becomes public.

Saves are noted by a thread of their own (watchfiles), so that the rebuilding thread can
wait for a save or for an instant, whichever comes first.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import click

from .engine import BuildReport, build
from .livereload import Generation
from .params import ISSUES_URL
from .problems import InputError, ToolError, UserError
from .serve_pages import error_page, error_page_path, replace_text, warnings_path
from .watching import input_changes

LOOK_AGAIN = 60.0  # seconds between readings of the clock while waiting for an instant


class Rebuild(NamedTuple):
    """What a rebuild says on the console, whether the served site changed with it, and the
    next instant at which a release becomes public (its banner goes, `--public` shows it)."""

    line: str
    changed: bool
    upcoming: datetime | None = None


def build_or_error_page(
    site_dir: Path, out_dir: Path, now: datetime, *, preview: bool = False, jobs: int = 1
) -> Rebuild:
    """Build the site into `out_dir`, or write the page saying why not.

    Never raises for a bad build: the preview outlives typos and pressgen's own bugs alike.
    """
    page = error_page_path(out_dir)
    started = time.perf_counter()
    try:
        report = build(site_dir, out_dir, now, preview=preview, jobs=jobs)
    except InputError as error:
        count = len(error.problems)
        summary = f"{count} problem{'s' if count != 1 else ''}"
        replace_text(page, error_page(summary, [str(problem) for problem in error.problems]))
        more = f" (and {count - 1} more, listed in the page)" if count > 1 else ""
        return Rebuild(f"{summary}: {error.problems[0]}{more}" if count else summary, True)
    except (UserError, ToolError) as error:  # a folder, a font, Typst or Pagefind refused
        replace_text(page, error_page("1 problem", [str(error)]))
        return Rebuild(f"1 problem: {error}", True)
    except Exception as error:
        line = (
            f"internal error ({type(error).__name__}: {error}). This is a bug in pressgen, "
            f"not in your files: please report it at {ISSUES_URL}"
        )
        replace_text(page, error_page("Internal error", [line]))
        return Rebuild(line, True)
    had_problems = page.exists()
    page.unlink(missing_ok=True)
    line = f"Rebuilt in {time.perf_counter() - started:.2f} s"
    line += "".join(f"\nwarning: {warning}" for warning in _new_warnings(out_dir, report))
    upcoming = report.upcoming[0] if report.upcoming else None
    return Rebuild(line, had_problems or report.changed > 0, upcoming)


def _new_warnings(out_dir: Path, report: BuildReport) -> list[str]:
    """The build's warnings not given by the last good build (said once, not at every save),
    kept for the author's page of an address not found."""
    kept = warnings_path(out_dir)
    try:
        said = set(kept.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        said = set()
    replace_text(kept, "".join(f"{warning}\n" for warning in report.warnings) or None)
    return [warning for warning in report.warnings if warning not in said]


class Watch(NamedTuple):
    """What the rebuilding thread needs besides the folders."""

    now: datetime | None
    preview: bool
    generation: Generation


def watch_and_rebuild(
    site_dir: Path,
    out_dir: Path,
    watch: Watch,
    stop: threading.Event,
    report: Callable[[str], None] = click.echo,
    due: datetime | None = None,
) -> None:
    """Rebuild after each batch of saves, reporting one line per build, until `stop` is set;
    each rebuild that changed the site moves the generation, which reloads open pages.

    Without `now`, each build is judged at the real time, and the preview is rebuilt at the
    instant a release becomes public (`due`, then as each build finds it), saved or not: an
    author watching the page at the embargo sees its banner go, as `publish --watch` would
    publish it then.
    """
    saves: queue.Queue[bool] = queue.Queue()
    files = threading.Thread(
        target=_note_saves, args=(site_dir, out_dir, stop, saves), name="pressgen-watch-files"
    )
    files.start()
    try:
        while _next_wake(saves, None if watch.now else due):
            now = watch.now or datetime.now(UTC)
            rebuilt = build_or_error_page(site_dir, out_dir, now, preview=watch.preview)
            due = rebuilt.upcoming
            if rebuilt.changed:
                watch.generation.bump()
            report(rebuilt.line)
    finally:
        stop.set()
        files.join()


def _note_saves(
    site_dir: Path, out_dir: Path, stop: threading.Event, saves: queue.Queue[bool]
) -> None:
    """Put True for each batch of saves, and False once watching ends; a failure to watch
    (the site folder moved away) is said, since the pages are no longer rebuilt."""
    try:
        for _changes in input_changes(site_dir, out_dir, stop, "pressgen serve"):
            saves.put(True)
    except Exception as error:
        sys.stderr.write(
            f"watching {site_dir} stopped ({type(error).__name__}: {error}): saves are no "
            "longer rebuilt; start pressgen serve again\n"
        )
    finally:
        saves.put(False)


def _next_wake(saves: queue.Queue[bool], due: datetime | None) -> bool:
    """Wait for a save or for `due`, whichever comes first: True then, False once watching
    has ended. The clock is read again every `LOOK_AGAIN` seconds: a wait counts time the
    computer was asleep out, and an instant centuries ahead is longer than a wait may be."""
    while True:
        left = None if due is None else (due - datetime.now(UTC)).total_seconds()
        try:
            saved = saves.get(timeout=None if left is None else min(max(0.0, left), LOOK_AGAIN))
        except queue.Empty:
            if left is not None and left <= LOOK_AGAIN:
                return True
            continue
        return saved and _all_saved(saves)


def _all_saved(saves: queue.Queue[bool]) -> bool:
    """Take the batches of saves that came during the last build as one (watchfiles had
    gathered them so, before saves were noted apart): True; an end of watching among them
    stays for the next wait."""
    while True:
        try:
            saved = saves.get_nowait()
        except queue.Empty:
            return True
        if not saved:
            saves.put(False)
            return True
