"""Text written the other way inside a line: a Latin name in an Arabic heading, an Arabic
place in an English PDF."""

from __future__ import annotations

import unicodedata

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def isolated(text: str, direction: str) -> str:
    """`text` between first-strong isolates when it holds letters written the other way,
    which would otherwise turn its line around (where markup can, `<bdi>` does the same);
    only then, as a reader copying the text copies the marks too."""
    other = ("L",) if direction == "rtl" else ("R", "AL")
    if any(unicodedata.bidirectional(character) in other for character in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


LEFT_TO_RIGHT_OVERRIDE, POP_DIRECTIONAL_FORMATTING = "\u202d", "\u202c"


def left_to_right(number: str) -> str:
    """A phone number in Arabic-Indic digits ("+٤١ ٢٢ ٧١٧ ٩١١١") shown in the order it is
    written: Unicode lays out such digits with the spaces between them as right-to-left
    text, and the groups came out in reverse ("+٩١١١ ٧١٧ ٢٢ ٤١"), even in a left-to-right
    line. Only then, as a reader copying the number copies the marks too (where markup
    can, `<bdo dir="ltr">` does the same)."""
    if any(unicodedata.bidirectional(character) == "AN" for character in number):
        return f"{LEFT_TO_RIGHT_OVERRIDE}{number}{POP_DIRECTIONAL_FORMATTING}"
    return number
