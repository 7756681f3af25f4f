"""A folder tree removed whatever its depth, never following a link: for the output, the
cache and the scratch folders, where a person may have left any tree."""

from __future__ import annotations

import errno
import os

DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW


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
