"""Plain text wrapped for mail: lines of at most ~72 columns, in every script.

`textwrap` breaks only at spaces and counts characters; a Chinese paragraph has no spaces and
each ideograph takes two columns. Here a line may break at an ordinary space (never at a
no-break space, so French « » stay whole) or between two ideographs, never inside a run of
other characters: a URL, an address or a Latin word is never cut, even when longer than a line.
"""

from __future__ import annotations

import re
import unicodedata

from ..bidi import EMBEDDINGS, ISOLATES, POP_DIRECTIONAL_FORMATTING, POP_DIRECTIONAL_ISOLATE

WIDTH = 72

_TOKENS = re.compile(r"[ \t]+|[^ \t]")
# No line starts with a closing mark, and none ends with an opening one (CJK line breaking).
_NO_BREAK_BEFORE = frozenset("、。，．：；？！）」』】〕〉》〗〙〛’”…‥ー々〻ゝゞヽヾ%‰℃),.:;!?]»")
_NO_BREAK_AFTER = frozenset("（「『【〔〈《〖〘〚‘“([«")
_LIST_ITEM = re.compile(r"( *)(?:- |\d+\. )?")
# A span set apart in its own direction (a phone number in Arabic text, `bidi.py`): broken
# across lines, its second part would lose the mark that opened it, and read backwards
_OPENS = frozenset(EMBEDDINGS + ISOLATES)
_CLOSES = frozenset(POP_DIRECTIONAL_FORMATTING + POP_DIRECTIONAL_ISOLATE)


def width_of(text: str) -> int:
    """Columns `text` takes in a fixed-width font: wide characters two, marks none."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return total


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _blank(piece: str) -> bool:
    """A space a line may break at: an ordinary one or a tab. A no-break space (U+00A0,
    U+202F before a French colon) is part of the text around it, though Python calls it a
    space."""
    return piece[:1] in (" ", "\t")


def _words(line: str) -> list[str]:
    """The unbreakable pieces of a line and the spaces between them, in order.

    Characters that are not wide and not spaces join their neighbours into one piece; a wide
    character is a piece of its own unless a closing mark follows it or an opening one
    precedes it.
    """
    pieces: list[str] = []
    apart = 0  # how many spans set apart in their own direction are open
    for char in _TOKENS.findall(line):
        previous = pieces[-1][-1] if pieces else " "
        inside = apart > 0
        apart += (char in _OPENS) - (char in _CLOSES and apart > 0)
        if inside:
            joins = True  # never broken inside the span, up to its closing mark
        elif _blank(char) or _blank(previous):
            joins = _blank(char) and _blank(previous)  # a run of spaces
        elif _is_wide(char) or _is_wide(previous):  # a break is allowed, unless at a mark
            joins = char in _NO_BREAK_BEFORE or previous in _NO_BREAK_AFTER
        else:
            joins = True  # inside a word or a URL
        if joins and pieces:
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def wrap_line(line: str, width: int = WIDTH) -> list[str]:
    """One line as lines of at most `width` columns (a longer unbreakable piece stands alone).

    A list item's continuation lines are indented under its text, as in the plain-text file.
    """
    if width_of(line) <= width:
        return [line]
    indent = " " * len(_LIST_ITEM.match(line).group(0))  # type: ignore[union-attr]
    text = line.lstrip(" ")
    lines: list[str] = []
    current = line[: len(line) - len(text)]
    for piece in _words(text):
        if _blank(piece):
            if current.strip(" \t"):
                current += piece
            continue
        if current.strip(" \t") and width_of(current + piece) > width:
            lines.append(current.rstrip(" \t"))
            current = indent
        current += piece
    if current.strip(" \t"):
        lines.append(current.rstrip(" \t"))
    return lines


def wrap_text(text: str, keep: frozenset[str] = frozenset(), width: int = WIDTH) -> str:
    """Every line of `text` wrapped, but those in `keep` (a headline, an embargo notice)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend([line] if line in keep else wrap_line(line, width))
    return "\n".join(out)
