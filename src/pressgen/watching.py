"""Which saves are the author's: the file watching that `serve` and `publish --watch` share.

watchfiles is an optional dependency (`pip install 'pressgen[serve]'`), imported only when
watching. Output, cache and tool folders change while the site is built or used, never by
an edit: watching them would rebuild forever.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import click

from .engine.cache import CACHE_DIR
from .resources import MAIL_DIR, MAIL_PREVIEW_DIR, PUBLISH_DIR

# Output folders count only at the top of the site (a release may well be called `public`);
# tool folders count anywhere.
OUTPUT_FOLDERS = frozenset({"public", "preview", MAIL_PREVIEW_DIR})
TOOL_FOLDERS = frozenset({".git", "__pycache__", CACHE_DIR, MAIL_DIR, PUBLISH_DIR})
STAGING_SUFFIXES = (".pressgen-new", ".pressgen-old", ".pressgen-journal", ".pressgen-spare")


def is_ignored(path: Path, site_dir: Path, out_dir: Path) -> bool:
    """Whether a changed path is output or tooling rather than the author's input.

    `site_dir` and `out_dir` are resolved paths, as watchfiles reports them.
    """
    if path == out_dir or out_dir in path.parents:
        return True
    try:
        parts = path.relative_to(site_dir).parts
    except ValueError:
        return False
    if parts and parts[0] in OUTPUT_FOLDERS:
        return True
    return any(part in TOOL_FOLDERS or part.endswith(STAGING_SUFFIXES) for part in parts)


def watchfiles_module(command: str) -> ModuleType:
    """watchfiles, or a message saying how to install it (`command` is who needs it)."""
    try:
        import watchfiles
    except ImportError as error:
        raise click.ClickException(
            f"{command} needs watchfiles: in pressgen's folder, run"
            " .venv/bin/pip install -e '.[serve]' (see the README, Get started)"
        ) from error
    return watchfiles


def input_changes(
    site_dir: Path, out_dir: Path, stop: threading.Event, command: str
) -> Iterator[set[Any]]:
    """Each batch of the author's saves in `site_dir`, until `stop` is set."""
    watchfiles = watchfiles_module(command)
    site, out = site_dir.resolve(), out_dir.resolve()
    default_filter = watchfiles.DefaultFilter()  # editors' swap and backup files, .git, ...

    def is_input(change: Any, path: str) -> bool:
        return bool(default_filter(change, path)) and not is_ignored(Path(path), site, out)

    changes: Iterator[set[Any]] = watchfiles.watch(site, watch_filter=is_input, stop_event=stop)
    yield from changes


class Signalled(KeyboardInterrupt):
    """A stop asked by a signal (its name the argument), not by Ctrl-C: said as such."""


@contextlib.contextmanager
def stopped_as_by_ctrl_c() -> Iterator[None]:
    """SIGTERM (how systemd, Docker or `kill` stop a process) and SIGHUP (its terminal
    closed) end a command that runs until stopped as Ctrl-C does: it cleans up after
    itself instead of vanishing mid-step. A signal the command was started to ignore
    (`nohup` ignores SIGHUP, so that logging out leaves it running) stays ignored."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Signalled(signal.Signals(signum).name)

    previous = {
        sent: signal.signal(sent, interrupt)
        for sent in (signal.SIGTERM, signal.SIGHUP)
        if signal.getsignal(sent) is not signal.SIG_IGN
    }
    try:
        yield
    finally:
        for sent, handler in previous.items():
            signal.signal(sent, handler)
