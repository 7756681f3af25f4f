"""Stage 4, write: put rendered files in place atomically; a failed build changes nothing.

Files whose bytes did not change keep their inode and mtime, so sync tools send only real
changes (see `StagedOutput` for how full and incremental builds put files in place).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
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
    """A file put in the staging area: where, whether its bytes are new, its size and mtime."""

    relative: str
    staged_name: str | None
    changed: bool
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Placement:
    """Where files go before commit; plain values, so worker processes can place files too."""

    out: Path
    staging: Path
    in_place: bool
    made: set[str] = field(default_factory=set, compare=False, repr=False)

    def _target(self, relative: str) -> tuple[str, str | None]:
        if self.in_place:  # one flat folder per process, one name per output path
            shard = f"p{os.getpid()}"  # processes creating files in one folder contend for it
            if shard not in self.made:
                os.makedirs(os.path.join(self.staging, shard), exist_ok=True)
                self.made.add(shard)
            name = f"{shard}/" + relative.replace("%", "%25").replace("/", "%2F")
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
        with open(target, "wb") as handle:
            handle.write(data)
            handle.flush()
            info = os.fstat(handle.fileno())
        return Placed(relative, name, True, info.st_size, info.st_mtime_ns)


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
        self.staging = self.out.with_name(f".{self.out.name}.pressgen-new")
        self.retired = self.out.with_name(f".{self.out.name}.pressgen-old")
        self.journal = self.out.with_name(f".{self.out.name}.pressgen-journal")
        finish_interrupted(self.journal)
        self.in_place = previous is not None and (self.out / marker).is_file()
        self.previous = frozenset(previous or ())
        self.paths: set[str] = set()
        self.changed = 0
        self._moves: list[tuple[str, str]] = []
        for leftover in (self.staging, self.retired):
            if leftover.exists():
                shutil.rmtree(leftover)
        self.staging.mkdir(parents=True)

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
            self._moves.append((placed.staged_name, placed.relative))
        self.changed += placed.changed
        return placed

    def add(self, relative: str, data: bytes) -> Placed:
        """Add one file; one whose bytes are unchanged stays (or is linked) as it was."""
        return self.register(self.placement.put(relative, data))

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
        finish_interrupted(self.journal)

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


PARALLEL_MOVES = 512
MOVE_THREADS = 4


def finish_interrupted(journal: Path) -> None:
    """Apply (again) the moves and removals a journal lists, then forget it: idempotent."""
    if not journal.is_file():
        return
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # written only partly: nothing was applied yet
        journal.unlink(missing_ok=True)
        return
    out, staging = Path(plan["out"]), Path(plan["staging"])
    moves = [(os.path.join(staging, n), os.path.join(out, t)) for n, t in plan["moves"]]
    if len(moves) < PARALLEL_MOVES:
        for source, target in moves:
            _move(source, target)
    else:  # a rename over a file waits on the disk to free the old one: overlap the waits
        with ThreadPoolExecutor(MOVE_THREADS) as pool:
            for _ in pool.map(_move, *zip(*moves, strict=True), chunksize=256):
                pass
    for target in plan["removals"]:
        (out / target).unlink(missing_ok=True)
        _prune_empty(out, (out / target).parent)
    journal.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _move(source: str, target: str) -> None:
    """Put a staged file in place; already moved (a journal applied again) is done too.

    One rename in the usual case: tens of thousands of files may move in one commit."""
    try:
        os.replace(source, target)
    except FileNotFoundError:
        if not os.path.exists(source):  # moved by an earlier, interrupted commit
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        os.replace(source, target)


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class DuplicatePathError(Exception):
    """Two renderers claimed the same output path: a bug, never silently overwritten."""
