"""Folder trees a person may have left anywhere: read to a limited depth, and removed
whatever their depth, never following a link (no recursion: Python 3.11's rglob and rmtree
recurse, and a tree a thousand folders deep made commands crash)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
MAX_DEPTH = 32  # folders below a site or output folder: neither needs more
TOO_DEEP = f"holds folders nested more than {MAX_DEPTH} deep, expected a flatter folder"


# What a machine leaves in a folder, never the site's: Python's caches, and the file macOS
# writes beside a folder given a custom icon (`Icon` and a carriage return)
IGNORED = frozenset({"__pycache__", "Icon\r"})


def name_problem(name: str) -> str | None:
    """What is wrong with a file's or folder's name in a site, if anything: one that is not
    UTF-8 (an old zip, a Windows share) or holds a line break or another control character
    can be named in no page, feed or message as it is."""
    if not name.isprintable() and any(c < " " or "\x7f" <= c <= "\x9f" for c in name):
        return "its name holds a control character (a line break, a tab): rename it"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not written in UTF-8 (an old zip or a Windows share): rename it"
    return None


def shown_name(path: str) -> str:
    """A path as a message can print it: bytes that are not UTF-8 as U+FFFD."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class TooDeep(Exception):
    """A tree deeper than `MAX_DEPTH`; `path` is its first folder too deep."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def paths_below(folder: Path) -> list[Path]:
    """Every file, folder and link below `folder`, sorted (as `sorted(folder.rglob("*"))`),
    never going into a link to a folder; raises TooDeep below `MAX_DEPTH` folders."""
    found: list[Path] = []
    pending = [(folder, 0)]
    while pending:
        current, depth = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:  # gone, or not ours to read: the reader says so where it matters
            continue
        for entry in entries:
            path = Path(entry.path)
            found.append(path)
            if entry.is_dir(follow_symlinks=False):
                if depth >= MAX_DEPTH:
                    raise TooDeep(path)
                pending.append((path, depth + 1))
    return sorted(found)


def remove_tree(folder: int, name: str) -> None:
    """Remove the folder `name` and all below it, never following a link, whatever its
    depth: each sub-folder is moved up into the top one before it is emptied, so two
    folders are open at a time and nothing recurses (Python 3.11's rmtree does, and a tree
    a thousand folders deep stopped every build)."""
    top = os.open(name, DIRECTORY, dir_fd=folder)
    try:
        moved = 0
        while below := [e.name for e in os.scandir(top) if e.is_dir(follow_symlinks=False)]:
            for sub in below:
                inner = os.open(sub, DIRECTORY, dir_fd=top)
                try:
                    for entry in os.scandir(inner):
                        if entry.is_dir(follow_symlinks=False):
                            moved = _move_up(inner, entry.name, top, moved)
                        else:
                            os.unlink(entry.name, dir_fd=inner)
                finally:
                    os.close(inner)
                os.rmdir(sub, dir_fd=top)
        for entry in os.scandir(top):
            os.unlink(entry.name, dir_fd=top)
    finally:
        os.close(top)
    os.rmdir(name, dir_fd=folder)


def _move_up(inner: int, name: str, top: int, moved: int) -> int:
    """Move the folder `name` of `inner` into `top`, under a name no entry there has."""
    while True:
        moved += 1
        try:
            os.rename(name, f".gone-{moved}", src_dir_fd=inner, dst_dir_fd=top)
            return moved
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR, errno.EISDIR):
                raise


def remove_folder(path: str | os.PathLike[str]) -> None:
    """Remove the folder at `path` and all below it (see `remove_tree`)."""
    parent, name = os.path.split(os.path.abspath(path))
    handle = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        remove_tree(handle, name)
    finally:
        os.close(handle)
