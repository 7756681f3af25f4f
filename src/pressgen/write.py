"""Stage 4, write: put rendered files in place atomically; a failed build changes nothing.

The new site is assembled in a sibling folder and swapped in with two renames. Files whose bytes
did not change are hard-linked from the previous output, so they keep their inode and mtime and
sync tools see only real changes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

MARKER = ".pressgen-output"
PREVIEW_MARKER = ".pressgen-preview"


class OutputError(Exception):
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


def write_output(files: Mapping[str, bytes], out: Path, marker: str = MARKER) -> int:
    """Replace `out` by exactly `files`; return how many files have new bytes."""
    out = out.absolute()
    staging = out.with_name(f".{out.name}.pressgen-new")
    retired = out.with_name(f".{out.name}.pressgen-old")
    for leftover in (staging, retired):
        if leftover.exists():
            shutil.rmtree(leftover)
    staging.mkdir(parents=True)
    changed = 0
    try:
        for relative in sorted(files):
            changed += _place(files[relative], staging / relative, out / relative)
        (staging / marker).write_bytes(b"This folder is written by pressgen.\n")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if out.exists():
        out.rename(retired)
    staging.rename(out)
    shutil.rmtree(retired, ignore_errors=True)
    return changed


def _place(data: bytes, target: Path, previous: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if (
            previous.is_file()
            and previous.stat().st_size == len(data)
            and (previous.read_bytes() == data)
        ):
            os.link(previous, target)
            return 0
    except OSError:
        pass
    target.write_bytes(data)
    return 1
