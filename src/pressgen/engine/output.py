"""The output folder: the engine's own, one build at a time, every file replaced atomically.

A build locks the folder, reads what is in it, writes each changed file under a temporary
name and renames it into place (a reader sees the old file or the new one, never a part),
then removes whatever the edition does not have. Unchanged bytes are not rewritten, so files
keep their inode and date and `rsync` sends only real changes. Every operation starts from
the folder itself and never follows a link inside it: what a person did there (an edited
page, a folder where a file goes, a link to elsewhere, a chmod) is undone, never written
through. A build killed at any instant leaves complete files of the old or new edition.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import signal
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from ..folders import DIRECTORY, MAX_DEPTH
from ..problems import UserError
from .files import (
    aside_name,
    holds,
    move_into_place,
    named_as,
    open_below,
    open_folder,
    process_umask,
    remove,
    write_aside,
)
from .inputs import Signature, seal, signature_of

MARKERS = {
    "public": ".pressgen-output",
    "preview": ".pressgen-preview",
    "what-if": ".pressgen-what-if",  # a public build at an instant the clock has not reached
}
HOLDS = {
    "public": "the public site",
    "preview": "an embargoed preview",
    "what-if": "a what-if build",
}
MARKED = ".pressgen-"  # in every marker's name: the names worth a closer look
MARKER_TEXT = b"This folder is written by pressgen: each build replaces what is in it.\n"
UNTOUCHED = frozenset({"lost+found"})  # a file system's own, where the output is a mount point
Present = dict[str, Signature | None]  # None: not a regular file (a link, a pipe)
Waiting = Callable[[str], None] | None  # told when the build waits for another
# Whether the files found are ones the last build of this kind wrote here (a folder whose
# mark was deleted by hand is still the engine's own)
Known = Callable[[Present], bool] | None


class OutputError(UserError):
    """The output folder cannot be used; the message says why and what to do."""


APART = (
    "expected a folder of its own: no output folder holds another, and previews and the "
    "public site never share one"
)
ODD_MARK = (
    "bears the name of the mark of another kind of output, though not its text: if a person "
    "put it there, remove it; else choose another --out"
)
WHAT_IF = (
    "a build at an instant the clock has not reached shows what is still under embargo: it "
    "never writes into the public site, expected a new or empty folder given with --out"
)


def open_locked(out: Path, waiting: Callable[[str], None] | None) -> tuple[int, bool]:
    """The folder `out` opened and locked, made if missing (and whether it was). An `out`
    that is a link, which a person made to a folder elsewhere, leads to that folder, made
    if missing too (a build into it at the same time is waited for, as any other)."""
    folder = out.resolve() if os.path.islink(out) else out  # (`places` refused a loop)
    while True:
        made = not folder.exists()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            root = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileExistsError:
            raise OutputError(f"{out}: is a file, expected a folder") from None
        except OSError as error:  # the disk's refusals (full, read-only) are told as such
            if error.errno not in (errno.ENOTDIR, errno.ENAMETOOLONG, errno.ELOOP):
                raise
            raise OutputError(
                f"{out}: cannot be a folder ({error.strerror}), expected a folder"
            ) from None
        try:
            wait_for_lock(root, out, waiting)
            if os.path.samestat(os.fstat(root), os.stat(folder)):
                return root, made
        except FileNotFoundError:  # removed by the build that held it: again
            pass
        except BaseException:
            os.close(root)
            raise
        os.close(root)


def wait_for_lock(root: int, out: Path, waiting: Waiting, how: int = fcntl.LOCK_EX) -> None:
    try:
        fcntl.flock(root, how | fcntl.LOCK_NB)
    except BlockingIOError:
        if waiting:
            waiting(f"another build is writing into {out}: waiting for it to end")
        fcntl.flock(root, how)
    except OSError as error:
        raise OutputError(
            f"{out}: cannot be locked ({error.strerror}), expected a folder on a "
            "local disk: build there and copy it"
        ) from error


@contextlib.contextmanager
def signals_held(stops: Iterable[int] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[None]:
    """Ctrl-C and SIGTERM (or `stops`) held by this thread while the block runs (not by
    another thread: `OutputFolder.stage` names a file before writing it)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, stops)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class OutputFolder:
    """An output folder, locked for one build (`with OutputFolder(...) as folder`)."""

    def __init__(
        self, out: Path, kind: str, waiting: Callable[[str], None] | None, known: Known = None
    ) -> None:
        self.out, self.kind, self.waiting, self.known = out, kind, waiting, known
        self.marker = MARKERS[kind]
        self.root = -1
        self.made = False
        self.mount_point = False
        self.present: Present = {}
        self.umask = process_umask()  # a hand-made chmod is put back to what it makes
        self._folders: set[str] = set()
        self._chain: list[tuple[str, int]] = []
        self.staged: dict[str, tuple[str, Signature]] = {}  # path -> its new file, aside
        self._pending: tuple[int, str] | None = None  # (folder, name) of the one being set aside

    def __enter__(self) -> OutputFolder:
        self.root, self.made = open_locked(self.out, self.waiting)
        self.mount_point = os.path.ismount(os.path.realpath(self.out))  # `out` may be a link
        try:
            self._walk()
            if self.kind == "public" and MARKERS["what-if"] in self.present:
                self._empty_what_if()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *error: object) -> None:
        if self.staged or self._pending:  # a build that failed: its files go, the folder stays
            with contextlib.suppress(OSError):
                self._discard()
        self._leave_folders(0)
        if self.made and self.marker not in self.present:  # failed before its first write
            with contextlib.suppress(OSError):
                os.rmdir(os.path.realpath(self.out))
        os.close(self.root)  # and the lock with it

    def _walk(self) -> None:
        """Read what is in the folder, refusing one that is not a pressgen output of our kind.

        Folders are opened one below the other, never through a link; as many stay open as
        the tree is deep (a tree deeper than `MAX_DEPTH` is removed whole, unread)."""
        stack = [(os.dup(self.root), "", self._scan(self.root, ""))]
        while stack:
            folder, prefix, below = stack[-1]
            if not below:
                os.close(folder)
                stack.pop()
                continue
            name = below.pop()
            path = prefix + name
            if len(stack) >= MAX_DEPTH:
                self.present[path] = None
                continue
            self._folders.add(path)
            try:
                opened = open_below(folder, name, self.umask)
            except OSError as error:  # named by its place in a folder: say which it is
                error.filename = str(self.out / path)
                raise
            stack.append((opened, path + "/", self._scan(opened, path + "/")))
        self._check_kind()

    def _scan(self, folder: int, prefix: str) -> list[str]:
        """Note the files of one folder; return its sub-folders' names."""
        below, present = [], self.present
        with os.scandir(folder) as entries:
            for entry in entries:
                if not prefix and self.mount_point and entry.name in UNTOUCHED:
                    continue
                if entry.is_dir(follow_symlinks=False):
                    below.append(entry.name)
                    continue
                info = entry.stat(follow_symlinks=False)
                regular = stat.S_ISREG(info.st_mode)
                present[prefix + entry.name] = signature_of(info) if regular else None
        return below

    def _check_kind(self) -> None:
        """Refuse another kind of output, at any depth; a public build takes a what-if
        folder back (whatever is not public now goes)."""
        for name in [name for name in self.present if MARKED in name]:
            base = name.rpartition("/")[2]
            taken_back = self.kind == "public" and name == MARKERS["what-if"]
            if base in MARKERS.values() and "/" in name and not self._marks(name):
                continue  # a file that bears a marker's name only: removed as any other
            if base in MARKERS.values() and name != self.marker and not taken_back:
                where = self.out / name.rpartition("/")[0]
                if self.kind == "what-if" and base == MARKERS["public"]:
                    raise OutputError(f"{where}: {WHAT_IF}")
                kind = next(kind for kind, marker in MARKERS.items() if marker == base)
                if not self._marks(name):  # kept all the same: a damaged mark is still one
                    raise OutputError(f"{self.out / name}: {ODD_MARK}")
                raise OutputError(f"{where}: holds {HOLDS[kind]}, {APART}")
        ours = self.marker in self.present or (
            self.kind == "public" and MARKERS["what-if"] in self.present
        )
        if self.present and not ours and not (self.known and self.known(self.present)):
            raise OutputError(
                f"{self.out}: holds files pressgen did not write, expected an empty folder "
                "or a previous pressgen output"
            )

    def _marks(self, name: str) -> bool:
        """Whether the file `name` below the top is a marker as a build writes it."""
        if self.present.get(name) is None:  # a link, a folder: no build made it
            return False
        return holds(self.root, name, MARKER_TEXT, None)

    def _empty_what_if(self) -> None:
        """Remove what a what-if build wrote, all but its mark, before this public build
        marks the folder as its own: killed at any instant, no folder marked public holds
        anything of it. (The mark goes with the build's other leftovers, at its end.)"""
        kept = MARKERS["what-if"]
        self.remove_all_but([kept])
        self.present = {kept: self.present[kept]}
        self._folders = set()

    def seal(self) -> str | None:
        """The seal of what the folder holds, its mark too (see `seal`); None if unmarked."""
        if self.present.get(self.marker) is None:
            return None
        return seal(self.present, self._folders)

    def claim(self) -> None:
        """Mark the folder as a pressgen output of this kind, first of all writes (so the
        mark is the one file staged and put in place here)."""
        signature, _ = self.stage(self.marker, MARKER_TEXT)
        self.present[self.marker] = self.commit().get(self.marker, signature)

    def stage(self, path: str, data: bytes) -> tuple[Signature, bool]:
        """Write `data` beside `path`, to take its place at `commit`: a build that fails
        before then leaves every file as the last build made it. The signature of what will
        be at `path`, and whether its bytes change."""
        parent, _, name = path.rpartition("/")
        try:
            folder = self._folder(parent)
            current = self.present.get(path)
            same_size = current is not None and current[0] == len(data)
            if current is not None and same_size and holds(folder, name, data, self.umask):
                return current, False
            # Named before it is written: a signal held here may reach a pool's thread, and
            # Python runs its handler here all the same; `_discard` removes this one too.
            self._pending = (folder, aside_name(name))
            with signals_held():
                aside = write_aside(folder, name, data)
                signature = signature_of(os.stat(aside, dir_fd=folder, follow_symlinks=False))
                self.staged[path] = (aside, signature)
            self._pending = None
        except OSError as error:  # named by its place: the file, or the folder that refused
            reached = "/".join(name for name, _ in self._chain)  # the deepest folder opened
            refused = error.errno in (errno.EACCES, errno.EPERM)
            error.filename = str(self.out / (reached if refused else path))
            raise
        return signature, True

    def commit(self) -> dict[str, Signature]:
        """Every staged file renamed into place, each at once; their signatures now."""
        done = {}
        for path, (aside, _) in sorted(self.staged.items()):
            parent, _, name = path.rpartition("/")
            folder = self._folder(parent)
            with signals_held(), named_as(self.out / path):  # in place: not one to discard
                move_into_place(folder, aside, name)
                del self.staged[path]
            done[path] = signature_of(os.stat(name, dir_fd=folder, follow_symlinks=False))
        return done

    def _discard(self) -> None:
        if self._pending is not None:
            remove(*self._pending)
        for path, (aside, _) in sorted(self.staged.items()):
            remove(self._folder(path.rpartition("/")[0]), aside)
        self.staged.clear()

    def remove_all_but(self, wanted: Iterable[str]) -> list[str]:
        """Remove every file and folder but those wanted (and their folders); return the
        files removed."""
        keep = {self.marker, *wanted}
        needed = folders_of(keep)
        removed = []
        for path in sorted(self.present.keys() - keep - needed):
            parent, _, name = path.rpartition("/")
            if not parent or parent in needed:
                remove(self._folder(parent), name)
                removed.append(path)
        for path in sorted(self._folders - needed - keep):
            parent, _, name = path.rpartition("/")
            if not parent or parent in needed:
                remove(self._folder(parent), name)
        return removed

    def _folder(self, parent: str) -> int:
        """An open folder of the output (made if missing, or replacing what stands there),
        reached from the top one name at a time; the last one reached is kept open."""
        parts = parent.split("/") if parent else []
        shared = 0
        while (
            shared < len(parts)
            and shared < len(self._chain)
            and self._chain[shared][0] == parts[shared]
        ):
            shared += 1
        self._leave_folders(shared)
        for part in parts[shared:]:
            above = self._chain[-1][1] if self._chain else self.root
            self._chain.append((part, open_folder(above, part)))
        return self._chain[-1][1] if self._chain else self.root

    def _leave_folders(self, depth: int) -> None:
        while len(self._chain) > depth:
            os.close(self._chain.pop()[1])


class Written:
    """The files this build has put in its output folder so far, read back as written, for
    the renders of a later stage (a press kit holds the PDFs). `records` maps each path to
    its key and signature; a file changed since (by hand, during the build) is refused."""

    def __init__(
        self,
        root: int,
        records: Mapping[str, tuple[str, Signature]],
        staged: Mapping[str, tuple[str, Signature]],
    ) -> None:
        self.root, self.records, self.staged = root, records, staged

    def read(self, path: str) -> bytes:
        record = self.records.get(path)
        if record is None:
            raise LookupError(f"{path}: not in the output yet")
        *parents, name = path.split("/")
        if path in self.staged:  # written by this build, not yet in place
            name = self.staged[path][0]
        folder = os.dup(self.root)
        try:
            for parent in parents:
                below = os.open(parent, DIRECTORY, dir_fd=folder)
                os.close(folder)
                folder = below
            handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
        finally:
            os.close(folder)
        with open(handle, "rb") as file:
            if signature_of(os.fstat(handle)) != record[1]:
                raise OutputError(f"{path}: changed while the build ran, build again")
            return file.read()


def folders_of(paths: Iterable[str]) -> set[str]:
    """Every folder that holds one of `paths`, at any depth."""
    found: set[str] = set()
    for parent in {path.rpartition("/")[0] for path in paths}:
        while parent and parent not in found:
            found.add(parent)
            parent = parent.rpartition("/")[0]
    return found
