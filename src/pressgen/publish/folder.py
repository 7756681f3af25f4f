"""The folder `publish` copies: a public output, held still while it is copied, and its
fingerprint, which says whether it changed since it was last deployed.

A folder is deployed only if it is a public output (it holds the engine's `.pressgen-output`
marker) and holds no preview (`.pressgen-preview`) nor what-if build (`.pressgen-what-if`)
marker anywhere: whatever `--out` says, embargoed or future releases never go out. While the
deploy command runs, the folder is locked as the engine locks it, so a build started
meanwhile waits and the copy never mixes two editions.

The fingerprint is rsync's quick check over the whole tree (path, size and modification
time of every file): the engine rewrites only files whose bytes changed, so it moves exactly
when the output does, and it survives the folder being restored by a copy that keeps dates
(a CI cache), where inodes and status-change times do not.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..engine.output import MARKERS
from ..problems import UserError

PUBLIC_MARKER = MARKERS["public"]
NEVER_DEPLOYED = {
    MARKERS["preview"]: "an embargoed preview",
    MARKERS["what-if"]: "a what-if build (made with a --now later than the real time)",
}


class NotDeployable(UserError):
    """The folder is not a public output; the message says what it is."""


@contextmanager
def held_still(out: Path, waiting: Callable[[str], None]) -> Iterator[str]:
    """Lock the public output `out` against builds; yield its fingerprint.

    Raises NotDeployable when it is not a public output, or holds a preview or what-if build.
    """
    try:
        folder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    except (FileNotFoundError, NotADirectoryError):
        raise NotDeployable(f"{out}: is not a folder, expected pressgen's public output") from None
    try:
        try:
            fcntl.flock(folder, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"a build is writing into {out}: waiting for it to end before deploying")
            fcntl.flock(folder, fcntl.LOCK_SH)
        yield fingerprint(out)
    finally:
        os.close(folder)  # and the lock with it


def fingerprint(out: Path) -> str:
    """A digest of every path, size and modification time below `out`, after checking that
    it is a public output and nothing else."""
    top = out / PUBLIC_MARKER
    if not top.is_file() or top.is_symlink():
        raise NotDeployable(
            f"{out}: is not a pressgen public output (it has no {PUBLIC_MARKER}), "
            "expected a folder written by `pressgen build` or `pressgen publish`"
        )
    digest = hashlib.blake2b(digest_size=16)
    for line in _entries(str(out), ""):
        digest.update(line.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def _entries(folder: str, prefix: str) -> Iterator[str]:
    """One line per entry below `folder`, in name order, never through a link."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda entry: entry.name)
    for entry in entries:
        what = NEVER_DEPLOYED.get(entry.name)
        if what is not None:
            raise NotDeployable(
                f"{folder}: holds {what} ({entry.name}), expected the public output: "
                "publish never deploys one; build the public site into a folder of its own"
            )
        info = entry.stat(follow_symlinks=False)
        path = prefix + entry.name
        if stat.S_ISDIR(info.st_mode):
            yield f"{path}/"
            yield from _entries(entry.path, path + "/")
        else:
            yield f"{path} {stat.S_IFMT(info.st_mode)} {info.st_size} {info.st_mtime_ns}"
