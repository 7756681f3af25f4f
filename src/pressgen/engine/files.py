"""One file of the output folder replaced atomically, reached from an open folder and never
through a link: what `output.OutputFolder` does to each file it writes or removes.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..folders import DIRECTORY, remove_tree


def open_folder(above: int, name: str) -> int:
    """The folder `name` below `above`, opened; made if missing, or in place of a file or
    a link that stands there."""
    try:
        return os.open(name, DIRECTORY, dir_fd=above)
    except FileNotFoundError:
        pass
    except OSError as error:  # a file, or a link, where a folder goes
        if error.errno not in (errno.ENOTDIR, errno.ELOOP):
            raise
        remove(above, name)
    os.mkdir(name, dir_fd=above)
    return os.open(name, DIRECTORY, dir_fd=above)


def open_below(above: int, name: str, umask: int | None) -> int:
    """The folder `name` below `above`, opened without following a link, with its mode put
    back to what a build makes (`umask` None: left as it is): a `chmod 700 en` by hand
    would keep a web server out of it, a `chmod 000` the build itself (given back first,
    through a handle that needs no right to read). One this user may not change (another
    owns it) stays as it is if the build can write in it."""
    try:
        opened = os.open(name, DIRECTORY, dir_fd=above)
    except PermissionError as refused:
        if umask is None or not hasattr(os, "O_PATH"):
            raise
        handle = os.open(name, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=above)
        try:
            os.chmod(f"/proc/self/fd/{handle}", 0o777 & ~umask)
        except OSError:  # another's folder, or no /proc: the first refusal says what to do
            raise refused from None
        finally:
            os.close(handle)
        opened = os.open(name, DIRECTORY, dir_fd=above)
    try:
        if umask is not None and stat.S_IMODE(os.fstat(opened).st_mode) != 0o777 & ~umask:
            _give_mode(opened, 0o777 & ~umask)
    except BaseException:
        os.close(opened)
        raise
    return opened


def _give_mode(opened: int, mode: int) -> None:
    try:
        os.fchmod(opened, mode)
    except PermissionError:
        if not os.access(f"/proc/self/fd/{opened}", os.W_OK | os.X_OK):
            raise


def holds(folder: int, name: str, data: bytes, umask: int | None) -> bool:
    """Whether the regular file `name` holds exactly `data`, with the mode a new file
    gets (`chmod 600` by hand would keep a web server from reading it). O_NONBLOCK: a file
    swapped for a pipe since the walk opens at once instead of waiting for a writer."""
    try:
        handle = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder)
    except OSError:
        return False
    with open(handle, "rb") as file:
        found = os.fstat(handle).st_mode
        as_made = umask is None or stat.S_IMODE(found) == 0o666 & ~umask
        return stat.S_ISREG(found) and as_made and file.read(len(data) + 1) == data


def process_umask() -> int | None:
    """The umask, as Linux's /proc/self/status says (it is not changed to learn it)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            return int(next(line.split()[1] for line in status if line.startswith("Umask:")), 8)
    except (OSError, ValueError, IndexError, StopIteration):
        return None


def replace(folder: int, name: str, data: bytes) -> None:
    """Write `data` as `name`, complete before it gets that name (`write_aside`, then
    `move_into_place`)."""
    move_into_place(folder, write_aside(folder, name, data, direct=True), name)


def write_aside(folder: int, name: str, data: bytes, direct: bool = False) -> str:
    """Write `data` complete under a temporary name beside `name` (or, `direct`, as `name`
    itself where nothing stands there yet); the name it got.

    The file is made without a name (O_TMPFILE) and linked once written: a build killed at
    any instant leaves no partial file behind. Where a file system cannot make unnamed
    files, the temporary name is given from the start."""
    temporary = aside_name(name)
    named = _write_unnamed(folder, name if direct else None, temporary, data)
    if named is not None:
        return named
    remove(folder, temporary)
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666, dir_fd=folder)
    with open(handle, "wb") as file:
        file.write(data)
    return temporary


def aside_name(name: str) -> str:
    """The temporary name `write_aside` gives a file beside `name`."""
    return f".{name}.pressgen-{os.getpid()}"


def move_into_place(folder: int, named: str, name: str) -> None:
    """Rename the file `named` (by `write_aside`) over `name` at once, or over a folder that
    stands there."""
    if named == name:
        return
    try:
        os.rename(named, name, src_dir_fd=folder, dst_dir_fd=folder)
    except OSError as error:
        if error.errno not in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST, errno.ENOTEMPTY):
            raise
        remove(folder, name)  # a folder where the file goes
        os.rename(named, name, src_dir_fd=folder, dst_dir_fd=folder)


@contextmanager
def named_as(place: Path) -> Iterator[None]:
    """A failure to put a file in place named by that place (by its folder, where a right is
    missing: renaming is the folder's to allow), not by the name it was written under; that
    file gone means that another program removes files in the folder."""
    try:
        yield
    except OSError as error:
        refused = error.errno in (errno.EACCES, errno.EPERM)
        error.filename = str(place.parent if refused else place)
        if error.errno == errno.ENOENT:
            error.strerror = (
                "the file written for it, or its folder, was removed by another program before "
                "it was put in place; stop that program (a clean-up or sync job) and run the "
                "command again"
            )
        raise


SYSTEM_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EIO})


def _write_unnamed(folder: int, name: str | None, temporary: str, data: bytes) -> str | None:
    """Write an unnamed file and link it as `name` if given and free, else as `temporary`;
    the name given, or None where unnamed files cannot be made or linked here."""
    try:
        handle = os.open(".", os.O_TMPFILE | os.O_WRONLY, 0o666, dir_fd=folder)
    except OSError as error:
        if error.errno in SYSTEM_ERRORS:
            raise
        return None
    with open(handle, "wb") as file:
        file.write(data)
        file.flush()
        for candidate in (name, temporary, temporary) if name else (temporary, temporary):
            try:
                os.link(f"/proc/self/fd/{handle}", candidate, dst_dir_fd=folder)
                return candidate
            except FileExistsError:
                if candidate == temporary:  # left by a build that was killed
                    remove(folder, temporary)
            except OSError as error:
                if error.errno in SYSTEM_ERRORS:
                    raise
                return None
    return None


def remove(folder: int, name: str) -> None:
    """Remove `name` from `folder`, a whole folder tree too; never follow a link."""
    try:
        info = os.stat(name, dir_fd=folder, follow_symlinks=False)
    except FileNotFoundError:
        return
    if stat.S_ISDIR(info.st_mode):
        remove_tree(folder, name)
    else:
        os.unlink(name, dir_fd=folder)
