"""The folder a dry run writes its messages to, and the list of what it wrote there.

`--out` may name a folder that holds other files (Downloads, with mail the press officer
saved): a run replaces or removes only the `.eml` files an earlier dry run wrote, which it
lists in `MANIFEST` beside them, never another file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection
from pathlib import Path

from ..problems import UserError

MANIFEST = ".pressgen-mail-preview"
_HEADING = (
    "# The messages `pressgen mail --dry-run` wrote in this folder: its next run replaces or\n"
    "# removes these files, and no other.\n"
)
_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]")


def file_name(address: str) -> str:
    """The address as a file name; one with signs a file name cannot safely hold gets a
    digest of it too, so that `a'b@` and `a_b@` are two files."""
    safe = _UNSAFE.sub("_", address)
    if safe != address:
        safe += "-" + hashlib.blake2b(address.encode(), digest_size=4).hexdigest()
    return f"{safe}.eml"


def write_previews(
    folder: Path, names: Collection[str], write: Callable[[str], bytes], owned: bool
) -> None:
    """Write `write(name)` to each of `names` in `folder`, then remove the messages an
    earlier dry run wrote there that this one did not. `owned`: the folder is pressgen's
    own (`mail-preview/ID`), whose `.eml` files are all a dry run's, listed or not."""
    folder.mkdir(parents=True, exist_ok=True)
    before = _written_before(folder, owned)
    _refuse_others(folder, names, before)
    _list(folder, before | set(names))  # first: an interrupted run leaves nothing unlisted
    for name in names:
        (folder / name).write_bytes(write(name))
    for stale in sorted(before - set(names)):
        (folder / stale).unlink(missing_ok=True)
    _list(folder, set(names))


def _written_before(folder: Path, owned: bool) -> set[str]:
    """The messages an earlier dry run wrote in `folder`, as its list says."""
    try:
        lines = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = [path.name for path in folder.glob("*.eml")] if owned else []
    except (OSError, UnicodeDecodeError):
        lines = []
    return {line for line in lines if _is_message_name(line)}


def _is_message_name(name: str) -> bool:
    return name.endswith(".eml") and not _UNSAFE.search(name)  # no '/': a name in the folder


def _refuse_others(folder: Path, names: Collection[str], before: set[str]) -> None:
    """A file of the same name that no dry run wrote is someone's: never written over."""
    taken = sorted(name for name in names if name not in before and (folder / name).exists())
    if taken:
        shown = folder / taken[0]
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise UserError(
            f"{shown}{more}: was not written by pressgen mail --dry-run, and this run would "
            "write over it; nothing was written. Expected --out to name a folder of its own "
            "(or move that file)"
        )


def _list(folder: Path, names: set[str]) -> None:
    text = _HEADING + "".join(f"{name}\n" for name in sorted(names))
    (folder / MANIFEST).write_text(text, encoding="utf-8")
