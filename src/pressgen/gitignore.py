"""Lines of the site's .gitignore for what pressgen writes inside the site and git must
never hold: journalists' addresses, releases under embargo, the previews' secret.

A .gitignore is opened as a plain file only: never through a link (which would write in a
file outside the site) nor a pipe (which would wait for a reader forever)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from .problems import UserError, file_kind

_PLAIN = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def ignore_in_git(site_dir: Path, entries: Sequence[str], comment: str) -> None:
    """Add `entries` (with `comment` above them) to the site's .gitignore, created if need
    be; an entry already there is not added again."""
    path = site_dir / ".gitignore"
    try:  # read first: one the user may not write in is fine when it has the entries
        with os.fdopen(_open_plain(path, os.O_RDONLY), encoding="utf-8") as file:
            text = file.read()
    except FileNotFoundError:
        text = ""
    present = {line.strip() for line in text.splitlines()}
    said = {line.strip("/") for line in present}  # `preview/` keeps `/preview/` out too
    missing = [entry for entry in entries if entry.strip("/") not in said]
    if not missing:
        return
    lead = "" if not text or text.endswith("\n") else "\n"
    lines = ([comment] if comment not in present else []) + missing
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT
    try:
        handle = _open_plain(path, flags)
    except PermissionError:
        raise UserError(
            f"{path}: pressgen may not write in it: add the line {missing[0]} to it (which "
            "keeps that folder out of git), or give your user the right to write it"
        ) from None
    with os.fdopen(handle, "a", encoding="utf-8") as file:
        file.write(lead + "\n".join(lines) + "\n")


def ignore_all(folder: Path, comment: str) -> None:
    """`folder/.gitignore` (a folder of pressgen's own in the site) written to keep all of
    the folder out of git, with `comment` above."""
    path = folder / ".gitignore"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    with os.fdopen(_open_plain(path, flags), "w", encoding="utf-8") as file:
        file.write(f"{comment}\n*\n")


def _open_plain(path: Path, flags: int) -> int:
    """A descriptor of the plain file at `path`; UserError for a link, a folder, a pipe or
    another special file there."""
    try:
        handle = os.open(path, flags | _PLAIN, 0o644)
    except OSError as error:
        if error.errno not in (errno.ELOOP, errno.EISDIR, errno.ENXIO, errno.EOPNOTSUPP):
            raise
        handle = None
    if handle is not None and stat.S_ISREG(os.fstat(handle).st_mode):
        return handle
    if handle is not None:
        os.close(handle)
    raise UserError(
        f"{path}: is {file_kind(path)}, expected a plain file, in which pressgen writes what "
        "git must leave out (never through a link): remove it and run the command again"
    )
