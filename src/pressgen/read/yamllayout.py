"""Slips in the layout of keys that YAML notices only on a later line, named on the line
that has them: a key typed without its colon."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .yamllines import LIST_MARK, Advice

# `status published`, `embargo 2026-12-03T10:00 Europe/Geneva`: keys are lower case; the value
# may hold colons, but none followed by a space or ending the line (YAML would read a key).
_KEY_WITHOUT_COLON = re.compile(r"([a-z_][a-z0-9_]*) +((?:[^:]|:(?=\S))+)")


def colon_missing(content: str, line_of: int) -> Advice | None:
    """Advice for a line's `content` (without indentation and dashes) that is a key and its
    value without the colon between them."""
    found = _KEY_WITHOUT_COLON.fullmatch(content)
    if found is None:
        return None
    key, value = found.groups()
    return Advice(line_of, key, f"put a colon after the key: {key}: {value}")


def key_without_colon_above(text: str, line_of: int) -> Advice | None:
    """`date 2026-12-02T10:00:00+01:00` on the first line, `- name Jane Doe` in a list,
    `caption Workshop` first under `image:`: the key without its colon starts a text, which
    YAML reads on into the line below (line `line_of`), and stumbles on that line's key."""
    lines = text.split("\n")
    above = _nearest_above(lines, line_of - 1, skip_comments=False)
    if above is None:
        return None
    raw = lines[above].rstrip("\r")
    advice = colon_missing(LIST_MARK.sub("", raw.strip()), above + 1)
    if advice is None or _key_column(lines[line_of - 1]) < _key_column(raw):
        return None
    return advice if _starts_a_value(lines, above) else None


def _nearest_above(lines: Sequence[str], index: int, *, skip_comments: bool) -> int | None:
    """The index of the nearest line above `index` with text on it."""
    for above in range(index - 1, -1, -1):
        text = lines[above].strip()
        if text and not (skip_comments and text.startswith("#")):
            return above
    return None


def _starts_a_value(lines: Sequence[str], index: int) -> bool:
    """Whether line `index` is the first of a value (the first line, a list item, the first
    line under a key written alone), not a line YAML reads as part of a text above it."""
    line = lines[index]
    if LIST_MARK.match(line.strip()):
        return True
    before = _nearest_above(lines, index, skip_comments=True)
    if before is None:
        return True
    opener = lines[before].split(" #")[0].rstrip()
    return _indent(opener) < _indent(line) and (opener.endswith(":") or opener.strip() == "-")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """The column a line's key starts at, after any list dashes (`  - name:` -> 4)."""
    stripped = line.lstrip(" ")
    dashes = LIST_MARK.match(stripped)
    return _indent(line) + (dashes.end() if dashes else 0)
