"""Stage 4, write: put rendered files in place atomically; a failed build changes nothing.

Files whose bytes did not change keep their inode and mtime, so sync tools send only real
changes (see `StagedOutput` for how full and incremental builds put files in place).
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sys
import zlib
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .problems import UserError

MARKER = ".pressgen-output"
PREVIEW_MARKER = ".pressgen-preview"


class OutputError(UserError):
    """The output folder cannot be used; the message says why and what to do."""


def check_output_folder(out: Path, site_root: Path, marker: str = MARKER) -> None:
    """Refuse folders that a swap would destroy: the site itself, someone else's files, or
    the other kind of output (a preview never lands in the public folder, nor the reverse)."""
    resolved = out.resolve()
    if resolved == site_root.resolve() or resolved in site_root.resolve().parents:
        raise OutputError(
            f"{out}: is the site folder or contains it, expected a separate "
            "output folder such as 'public'"
        )
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, expected a folder for the output")
    other = PREVIEW_MARKER if marker == MARKER else MARKER
    if (out / other).exists():
        kind = "an embargoed preview" if other == PREVIEW_MARKER else "the public site"
        raise OutputError(
            f"{out}: holds {kind}, expected a separate folder: previews and "
            "the public site never share one"
        )
    if out.is_dir() and any(out.iterdir()) and not (out / marker).exists():
        raise OutputError(
            f"{out}: holds files pressgen did not write, expected an empty "
            "folder or a previous pressgen output"
        )


@dataclass(frozen=True)
class Placed:
    """A file put in the staging area: where, whether its bytes are new, its size, mtime and
    inode (a resumed commit knows by the inode which moves were done)."""

    relative: str
    staged_name: str | None
    changed: bool
    size: int
    mtime_ns: int
    inode: int = 0


SPARE_SHARDS = 64


@dataclass(frozen=True)
class Placement:
    """Where files go before commit; plain values, so worker processes can place files too."""

    out: Path
    staging: Path
    in_place: bool
    made: set[str] = field(default_factory=set, compare=False, repr=False)

    def _target(self, relative: str) -> tuple[str, str | None]:
        if self.in_place:  # the spare of this output path
            name = spare_name(relative)
            shard = name.partition("/")[0]
            if shard not in self.made:
                os.makedirs(os.path.join(self.staging, shard), exist_ok=True)
                self.made.add(shard)
            return os.path.join(self.staging, name), name
        parent, _, _ = relative.rpartition("/")
        if parent and parent not in self.made:  # folders this process already made
            os.makedirs(os.path.join(self.staging, parent), exist_ok=True)
            self.made.add(parent)
        return os.path.join(self.staging, relative), None

    def link_previous(self, relative: str) -> None:
        os.link(self.out / relative, self._target(relative)[0])

    def put(self, relative: str, data: bytes) -> Placed:
        """Stage one file; unchanged bytes keep the previous file (same inode and mtime)."""
        previous = self.out / relative
        try:
            info = previous.stat()
            if info.st_size == len(data) and previous.read_bytes() == data:
                if not self.in_place:
                    self.link_previous(relative)
                return Placed(relative, None, False, info.st_size, info.st_mtime_ns)
        except OSError:
            pass
        target, name = self._target(relative)
        info = _write_spare(target, data) if self.in_place else _write_new(target, data)
        return Placed(relative, name, True, info.st_size, info.st_mtime_ns, info.st_ino)


def spare_name(relative: str) -> str:
    """The spare of an output path: one flat name, in one of a few folders (processes that
    create files in one folder wait on each other)."""
    shard = zlib.crc32(relative.encode()) % SPARE_SHARDS
    return f"s{shard:02d}/" + relative.replace("%", "%25").replace("/", "%2F")


def _write_new(path: str, data: bytes) -> os.stat_result:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        return os.fstat(handle.fileno())


def _write_spare(path: str, data: bytes) -> os.stat_result:
    """Write `data` into the spare file at `path`, reusing its inode when it has one.

    A commit swaps each staged file with the one it replaces, which becomes the spare of that
    path: rewriting a spare allocates and frees no inode, the slow part of replacing thousands
    of files on some file systems. A spare linked elsewhere (say, a snapshot of the output
    made with `cp -al`) is never written into: a new file takes its place.
    """
    try:
        fd = os.open(path, os.O_WRONLY)
        if os.fstat(fd).st_nlink > 1:
            os.close(fd)
            os.unlink(path)
            raise FileNotFoundError(path)
    except FileNotFoundError:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        return os.fstat(fd)
    finally:
        os.close(fd)


class StagedOutput:
    """The next output, prepared beside the current one and put in place only by `commit`.

    Nothing in the output folder changes before `commit`, so a build that fails leaves the
    last output as it was. Two ways to commit:

    - a full build assembles a whole new tree (unchanged files hard-linked from the old one,
      keeping their inode and mtime) and swaps it in with two renames;
    - an incremental build, told which files the last build wrote, stages only the files that
      changed, records the moves in a journal, then applies them; a build interrupted while
      applying is completed from the journal by the next one.
    """

    def __init__(
        self, out: Path, marker: str = MARKER, previous: Collection[str] | None = None
    ) -> None:
        self.out = out.absolute()
        self.marker = marker
        self.retired = self.out.with_name(f".{self.out.name}.pressgen-old")
        self.journal = self.out.with_name(f".{self.out.name}.pressgen-journal")
        finish_interrupted(self.journal)
        self.in_place = previous is not None and (self.out / marker).is_file()
        self.previous = frozenset(previous or ())
        self.paths: set[str] = set()
        self.changed = 0
        self._moves: list[tuple[str, str, int]] = []
        new_tree = self.out.with_name(f".{self.out.name}.pressgen-new")
        for leftover in (new_tree, self.retired):
            if leftover.exists():
                shutil.rmtree(leftover)
        # in place, files are staged as the spares that earlier commits left (see _write_spare)
        self.staging = spares_folder(self.out) if self.in_place else new_tree
        self.staging.mkdir(parents=True, exist_ok=self.in_place)

    def __enter__(self) -> StagedOutput:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is not None:
            self.discard()

    @property
    def placement(self) -> Placement:
        return Placement(self.out, self.staging, self.in_place)

    def _claim(self, relative: str) -> None:
        if relative in self.paths:
            raise DuplicatePathError(f"two outputs claim {relative}")
        self.paths.add(relative)

    def register(self, placed: Placed) -> Placed:
        """Account for a file put in the staging area (here or by a worker process)."""
        self._claim(placed.relative)
        if placed.staged_name is not None:
            self._moves.append((placed.staged_name, placed.relative, placed.inode))
        self.changed += placed.changed
        return placed

    def keep(self, relative: str) -> bool:
        """Keep a file known to be unchanged since the last build; False if it is gone."""
        self._claim(relative)
        if self.in_place:  # the caller has just seen it there, unchanged
            return True
        else:
            try:
                self.placement.link_previous(relative)
                return True
            except OSError:
                pass
        self.paths.discard(relative)
        return False

    def keep_all(self, relatives: list[str]) -> list[str]:
        """`keep` for many files at once (a build keeps tens of thousands); returns those
        that are gone."""
        if not self.in_place:
            return [relative for relative in relatives if not self.keep(relative)]
        paths = self.paths
        for relative in relatives:
            if relative in paths:
                raise DuplicatePathError(f"two outputs claim {relative}")
            paths.add(relative)
        return []

    def commit(self) -> int:
        """Put the new output in place; return how many files have new bytes."""
        if self.in_place:
            self._commit_in_place()
        else:
            (self.staging / self.marker).write_bytes(b"This folder is written by pressgen.\n")
            if self.out.exists():
                self.out.rename(self.retired)
            self.staging.rename(self.out)
            shutil.rmtree(self.retired, ignore_errors=True)
        return self.changed

    def _commit_in_place(self) -> None:
        # what the last build wrote and this one does not, and anything else found there
        removals = sorted(self.previous - self.paths - {self.marker})
        plan = {
            "out": str(self.out),
            "staging": str(self.staging),
            "moves": self._moves,
            "removals": removals,
        }
        with open(self.journal, "w", encoding="utf-8") as handle:
            json.dump(plan, handle)
            handle.flush()
            os.fsync(handle.fileno())
        finish_interrupted(self.journal, resumed=False)

    def discard(self) -> None:
        if not self.in_place:  # spares stay spares, whatever this build wrote into them
            shutil.rmtree(self.staging, ignore_errors=True)


def spares_folder(out: Path) -> Path:
    """Beside the output, never in it: a sync of the output never sends a spare."""
    return out.with_name(f".{out.name}.pressgen-spare")


PARALLEL_MOVES = 512
MOVE_THREADS = 4


def finish_interrupted(journal: Path, resumed: bool = True) -> None:
    """Apply (again) the moves and removals a journal lists, then forget it: idempotent.

    `resumed` says that an earlier commit may have applied part of it already."""
    if not journal.is_file():
        return
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # written only partly: nothing was applied yet
        journal.unlink(missing_ok=True)
        return
    out, staging = Path(plan["out"]), Path(plan["staging"])
    mover = _Mover(exchange_files(), resumed)
    moves = [
        (os.path.join(staging, name), os.path.join(out, target), inode)
        for name, target, inode in plan["moves"]
    ]
    if len(moves) < PARALLEL_MOVES:
        for move in moves:
            mover.move(*move)
    else:  # overlap the waits of file-system calls (ctypes and os release the GIL)
        with ThreadPoolExecutor(MOVE_THREADS) as pool:
            for _ in pool.map(mover.move, *zip(*moves, strict=True), chunksize=256):
                pass
    for target in plan["removals"]:
        (out / target).unlink(missing_ok=True)
        _prune_empty(out, (out / target).parent)
        (staging / spare_name(target)).unlink(missing_ok=True)
    journal.unlink()


Exchange = Callable[[str, str], None]
# renameat2(2) flags and errors: exchange two names atomically, or say it cannot here
AT_FDCWD = -100
RENAME_EXCHANGE = 2
EXCHANGE_UNSUPPORTED = frozenset({errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP})


def exchange_files() -> Exchange | None:
    """Linux's renameat2 with RENAME_EXCHANGE, through the C library; None where it is
    missing (then a commit replaces files, and frees the old ones)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only an in-place commit needs it

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
    renameat2.argtypes += (ctypes.c_uint,)
    renameat2.restype = ctypes.c_int

    def exchange(first: str, second: str) -> None:
        names = (os.fsencode(first), os.fsencode(second))
        if renameat2(AT_FDCWD, names[0], AT_FDCWD, names[1], RENAME_EXCHANGE) != 0:
            code = ctypes.get_errno()
            raise OSError(code, os.strerror(code), first, None, second)

    return exchange


@dataclass
class _Mover:
    """Puts staged files in place, each swapped with the file it replaces when it can."""

    exchange: Exchange | None
    resumed: bool

    def move(self, source: str, target: str, inode: int) -> None:
        """One rename in the usual case: tens of thousands of files may move in one commit.

        The replaced file stays at `source` as the spare for that path. A move already done
        (by an interrupted commit) is recognised by its inode and left as it is."""
        if self.resumed and _inode(target) == inode:
            return
        if self.exchange is not None:
            try:
                self.exchange(source, target)
                return
            except OSError as error:
                if error.errno in EXCHANGE_UNSUPPORTED:
                    self.exchange = None
                elif error.errno != errno.ENOENT:  # a new file has nothing to swap with
                    raise
        try:
            os.replace(source, target)
        except FileNotFoundError:
            if not os.path.exists(source):  # moved by an earlier, interrupted commit
                return
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(source, target)


def _inode(path: str) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class DuplicatePathError(Exception):
    """Two renderers claimed the same output path: a bug, never silently overwritten."""
