"""Reading a file of a release folder as it is when it is read.

The reader refuses a link that leads out of its release folder, but a file can be swapped
for such a link after that check, while the build runs. So what is read is judged by what
was opened: Linux names the file behind an open descriptor (/proc/self/fd), and that file
must lie in the release folder, as the folder's own parent names it (a release folder made
a link is outside too).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .problems import UserError


class LinkedOut(UserError):
    """A release file that leads outside its release folder as it is read."""


def read_inside(path: Path, folder: Path) -> bytes:
    """The bytes of `path`, a file of the release folder `folder`."""
    home = folder.parent.resolve() / folder.name
    # O_NONBLOCK: a pipe put in the file's place opens at once, and is refused below
    with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise LinkedOut(f"{path}: is not a file (it was changed while the build ran)")
        try:
            opened = Path(os.readlink(f"/proc/self/fd/{file.fileno()}"))
        except OSError:  # no /proc: the check of links made when the release was read stands
            return file.read()
        if not opened.is_relative_to(home):
            raise LinkedOut(
                f"{path}: leads outside {folder.name}/ to {opened}, expected a file of the "
                "release folder (it was changed while the build ran: build again)"
            )
        return file.read()
