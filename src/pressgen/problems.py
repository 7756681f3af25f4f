"""Problems in a user's input: collected, never raised one by one, printed as `path:line: ...`."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# A value quoted in a message may hold line breaks or control characters (a YAML "\0" escape);
# a problem must still print as one line of plain text.
_ESCAPES = {
    code: repr(chr(code))[1:-1]
    for code in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)
    if code != ord("\t")
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file the user wrote, and what was expected instead."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}".translate(_ESCAPES)


class UserError(Exception):
    """Something the user can put right (a folder, a name): the message says what and how."""


class ToolError(Exception):
    """A program pressgen runs (Typst, Pagefind) is missing or refused: the message says
    which file or what to install."""


class InputError(Exception):
    """The site's input is invalid; carries every problem found, sorted by place, and the
    warnings found beside them, so that one run lists everything there is to fix."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(set(problems), key=place))
        self.warnings: tuple[Problem, ...] = tuple(sorted(set(warnings), key=place))
        super().__init__("\n".join(str(p) for p in self.problems))


def place(problem: Problem) -> tuple[str, int, str, str]:
    """The order problems are listed in: by file, then line (the whole file's first)."""
    return (problem.path, problem.line or 0, problem.field or "", problem.message)


def display_path(path: Path, root: Path) -> str:
    """A path as the user knows it: relative to the site folder when inside it."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def file_kind(path: Path) -> str:
    """What is at `path`, as a message names it: "a link", "a folder", "a file" or "a
    special file" (a pipe, a socket)."""
    tests = {"a link": path.is_symlink, "a folder": path.is_dir, "a file": path.is_file}
    return next((name for name, test in tests.items() if test()), "a special file")


NOT_UTF8 = "is not valid UTF-8 text, save the file as UTF-8"


def line_not_utf8(error: UnicodeDecodeError) -> int:
    """The line (from 1) of the first byte that UTF-8 refused, in the bytes decoded."""
    return error.object.count(b"\n", 0, error.start) + 1


NO_SITE = "there is no such folder, expected the site's folder (check the name after --site)"


def unknown_key_message(key: str, known: Iterable[str], what: str = "field") -> str:
    """Explain an unknown key, suggesting the nearest known one (`embrago` -> `embargo`)."""
    known = sorted(known)
    hidden = [char for char in key if unicodedata.category(char) in ("Cf", "Zs", "Cc")]
    visible = "".join(char for char in key if char not in hidden)
    if hidden and visible in known:  # an editor's direction mark, a no-break space
        where = "before it" if key.startswith(hidden[0]) else "in it"
        name = unicodedata.name(hidden[0], "").lower() or "a control character"
        return (
            f"'{visible}' has an invisible character {where}, a {name} "
            f"(U+{ord(hidden[0]):04X}): delete it, or type the line again"
        )
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(known)}"
    return f"unknown {what} '{key}', {hint}"
