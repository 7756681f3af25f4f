"""The line a YAML error points at, and the advice given on it: shared by the modules that
explain PyYAML's errors in a press officer's words."""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTES = "'\""
LIST_MARK = re.compile(r"^(?:-\s+)+")


@dataclass(frozen=True)
class Advice:
    """Where to look and what to do; `field` is the key on that line, when there is one."""

    line: int
    field: str | None
    message: str


def quoted(text: str) -> str:
    """`text` as a YAML scalar in quotes that keep every character as typed."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Line:
    """The line an error points at, split into its key and the value as typed."""

    text: str
    column: int

    @property
    def content(self) -> str:
        """The line without indentation and list dashes (`  - name: X` -> `name: X`)."""
        return LIST_MARK.sub("", self.text.strip())

    @property
    def key(self) -> str | None:
        key, colon, _ = self.content.partition(":")
        return key.strip() if colon and key.strip() else None

    @property
    def value(self) -> str:
        return self.content.partition(":")[2].strip()

    @property
    def before(self) -> str:
        """The line's content up to the place the error points at."""
        start = len(self.text) - len(self.text.lstrip())
        return LIST_MARK.sub("", self.text[start : self.column])


def line_at(text: str, index: int) -> Line:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    line = text[start : end if end != -1 else len(text)].rstrip("\r")
    return Line(line, index - start)
