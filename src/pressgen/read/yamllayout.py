"""Slips in the layout of keys that YAML notices only on a later line, or in its own words,
named on the line that has them: a key typed without its colon, a key of a list item lined
up with the item's dash, an indentation of no-break spaces."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from .yamllines import LIST_MARK, Advice, Line

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


def key_under_the_dash(text: str, line_of: int) -> Advice | None:
    """`  - name: Jane Doe` then `  email: ...`: the second key of an item lined up with the
    item's dash, not with its first key, which YAML takes for neither the item nor a new one."""
    lines = text.split("\n")
    line = lines[line_of - 1].rstrip("\r")
    if joined := _DASH_JOINED.match(line):  # `  -name: Amy Pope`, a second item
        return Advice(line_of, None, dash_joined_message(f"-{joined[1]}:"))
    key, column = Line(line, 0).key, _indent(line)
    for above in range(line_of - 2, -1, -1):
        raw = lines[above].rstrip("\r")
        if not raw.strip() or raw.lstrip().startswith("#") or _indent(raw) > column:
            continue  # the item's other keys and the values under them
        first = Line(raw, 0).key
        if (
            key is None
            or first is None
            or _indent(raw) < column
            or not LIST_MARK.match(raw.lstrip())
        ):
            return None
        more = _key_column(raw) - column
        spaces = "1 space" if more == 1 else f"{more} spaces"
        return Advice(
            line_of,
            None,
            f"'{key}:' is lined up with the '-' of the item above it; indent it {spaces} "
            f"more, to line up with '{first}:' (the key after the '-')",
        )
    return None


# `  -name: Jane Doe`, `  -asia`: a dash typed without the space after it, which YAML reads
# as part of a key ('-name') or of a text ('-asia'), so that no list item starts there.
_DASH_JOINED = re.compile(r"\s*-([^\W\d][\w-]*)[ \t]*:(?:\s|$)")
_DASH_JOINED_ITEM = re.compile(r"\s*-([^\W\d][\w-]*)\s*")


def dash_joined(text: str) -> bool:
    """Whether a key or a text is a list item typed with its dash joined to it ('-name',
    '-asia'): a '-' then a letter, as no key or vocabulary key begins."""
    return text[:1] == "-" and text[1:2].isalpha()


def dash_joined_message(written: str) -> str:
    """What to write for a list item whose dash has no space after it: `written` is the
    item as typed, '-name:' (a key) or '-asia' (a text)."""
    read_as = "a key" if written.endswith(":") else "text"
    return (
        f"'{written}' has no space after its '-', so YAML reads it as {read_as} and starts "
        f"no list item; write '- {written[1:]}' (a '-', a space, then the item)"
    )


def dash_joined_item(line: str, line_of: int) -> Advice | None:
    """Advice for a line that is a text item typed with its dash joined to it (`  -asia`)."""
    found = _DASH_JOINED_ITEM.fullmatch(line)
    return Advice(line_of, None, dash_joined_message(f"-{found[1]}")) if found else None


def dash_joined_above(text: str, line_of: int) -> Advice | None:
    """`  -name: Jane Doe` then `    email: ...`: YAML stumbles on the second line, which
    only looks indented too far because the dash above it starts no list item."""
    lines = text.split("\n")
    column = _indent(lines[line_of - 1])
    for above in range(line_of - 2, -1, -1):
        raw = lines[above].rstrip("\r")
        if not raw.strip() or raw.lstrip().startswith("#") or _indent(raw) >= column:
            continue
        found = _DASH_JOINED.match(raw)
        return Advice(above + 1, None, dash_joined_message(f"-{found[1]}:")) if found else None
    return None


# Spaces YAML does not take for spaces: no-break, narrow no-break, ideographic, thin... that
# Outlook and Word paste; a line indented with them, before a key or a list item's dash.
_ODD_SPACES = "\u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
_BLANK = f"[ \\t{_ODD_SPACES}]"
_ODD_INDENT = re.compile(f"({_BLANK}*)(?:-{_BLANK}|([^\\W\\d][\\w-]*)[ \\t]*:(?:{_BLANK}|$))")
_TEXT_BLOCK = re.compile(r"[^#]*:[ \t]*[|>][-+0-9]*[ \t]*(?:#.*)?")  # `summary: |`


def odd_indentation(text: str) -> Advice | None:
    """The first key or list item indented with spaces YAML does not take for spaces: it
    reads them as the start of a key, and says so of another line, or of an unknown key."""
    lines = text.split("\n")
    block = None  # the indentation of a `key: |` whose text block the lines are in
    for number, line in enumerate(lines, start=1):
        width = len(line) - len(line.lstrip(f" \t{_ODD_SPACES}"))
        if block is not None and (width > block or not line.strip()):
            continue
        block = width if _TEXT_BLOCK.fullmatch(line.rstrip("\r")) else None
        found = _ODD_INDENT.match(line)
        if found is not None and found[1].strip(" \t"):
            return Advice(number, None, _odd_indentation_message(lines, number, found))
    return None


def _odd_indentation_message(lines: Sequence[str], number: int, found: re.Match[str]) -> str:
    char = found[1].strip(" \t")[0]
    said = (
        f"this line is indented with {unicodedata.name(char).lower()}s (U+{ord(char):04X}), "
        "which YAML does not take for spaces (text pasted from Outlook or Word may hold them)"
    )
    above = _nearest_above(lines, number - 1, skip_comments=True)
    opener = lines[above].split(" #")[0].rstrip() if above is not None else ""
    if found[2] and _indent(opener) == 0 and not opener.endswith(":") and opener[:1] != "-":
        where = f"'{found[2]}:' starts at the beginning of the line, as the keys above it do"
        return f"{said}; delete them: {where}"
    return f"{said}; type its indentation again with ordinary spaces"


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
