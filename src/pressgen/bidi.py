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
