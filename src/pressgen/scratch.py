"""Scratch folders for renders that need files on disk (the pictures Typst reads) and for
`pressgen serve`'s site, named after the process that made them, so that what a build or a
serve killed with `kill -9` leaves behind is removed by the next build (`sweep`), never left
to fill the temporary folder (a serve's holds drafts and embargoed releases)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .folders import remove_folder

PREFIX = "pressgen-"
KINDS = ("print", "serve")


@contextlib.contextmanager
def scratch_folder(kind: str) -> Iterator[Path]:
    """A new folder in the system's temporary folder, removed after."""
    prefix = f"{PREFIX}{kind}-{os.getpid()}-"
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        yield Path(folder)


def sweep() -> None:
    """Remove this user's scratch folders whose process no longer runs."""
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:  # not ours to read
        return
    for entry in entries:
        pid = _maker(entry.name)
        if pid is None or _running(pid):
            continue
        with contextlib.suppress(OSError):
            mine = entry.stat(follow_symlinks=False).st_uid == os.getuid()
            if mine and entry.is_dir(follow_symlinks=False):
                remove_folder(entry.path)  # whatever its depth


def _maker(name: str) -> int | None:
    """The process id in a scratch folder's name, if it is one."""
    for kind in KINDS:
        head = f"{PREFIX}{kind}-"
        if name.startswith(head):
            pid, dash, _ = name[len(head) :].partition("-")
            return int(pid) if dash and pid.isdigit() else None
    return None


def _running(pid: int) -> bool:
    """Whether the process runs: one that ended but that nobody has waited for yet (a
    zombie, as the workers of a killed build can stay for a while) does not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: running
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rpartition(b")")[2].split()[0] != b"Z"
    except (OSError, IndexError):  # no /proc: trust kill
        return True
