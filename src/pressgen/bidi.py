"""Text written the other way inside a line: a Latin name in an Arabic heading, an Arabic
place in an English PDF."""

from __future__ import annotations

import re
import unicodedata

FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
LEFT_TO_RIGHT_OVERRIDE, POP_DIRECTIONAL_FORMATTING = "\u202d", "\u202c"
# What opens a span in a direction of its own (embeddings and overrides, isolates), and what
# closes one
EMBEDDINGS, ISOLATES = "\u202a\u202b\u202d\u202e", "\u2066\u2067\u2068"


def isolated(text: str, direction: str) -> str:
    """`text` between first-strong isolates when it holds letters written the other way,
    which would otherwise turn its line around (where markup can, `<bdi>` does the same);
    only then, as a reader copying the text copies the marks too."""
    other = ("L",) if direction == "rtl" else ("R", "AL")
    if any(unicodedata.bidirectional(character) in other for character in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def left_to_right(number: str) -> str:
    """A phone number in Arabic-Indic digits ("+٤١ ٢٢ ٧١٧ ٩١١١") shown in the order it is
    written: Unicode lays out such digits with the spaces between them as right-to-left
    text, and the groups came out in reverse ("+٩١١١ ٧١٧ ٢٢ ٤١"), even in a left-to-right
    line. Only then, as a reader copying the number copies the marks too (where markup
    can, `<bdo dir="ltr">` does the same)."""
    if any(unicodedata.bidirectional(character) == "AN" for character in number):
        return f"{LEFT_TO_RIGHT_OVERRIDE}{number}{POP_DIRECTIONAL_FORMATTING}"
    return number


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko...), and any other:
# word characters that are no digit (Arabic-Indic ones neither) nor punctuation ("،", "؟");
# each found is asked whether it is a letter (`½`, `²` are word characters too)
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"
_RIGHT_TO_LEFT_LETTER = re.compile(f"(?=[^\\W\\d_])[{_RTL}]")
_LEFT_TO_RIGHT_LETTER = re.compile(f"(?![{_RTL}])[^\\W\\d_]")


def _has_letter(pattern: re.Pattern[str], text: str) -> bool:
    return any(found.group().isalpha() for found in pattern.finditer(text))


def written_the_other_way(text: str, direction: str) -> str | None:
    """The direction of a paragraph all of whose letters run the other way than its page
    (`direction`): an English quotation on an Arabic page, laid out right to left, had its
    full stop at its start. None for a paragraph with a letter of the page's direction (an
    Arabic one that begins with "IOM" stays right to left), or none at all."""
    right_to_left = _has_letter(_RIGHT_TO_LEFT_LETTER, text)
    left_to_right = _has_letter(_LEFT_TO_RIGHT_LETTER, text)
    if direction == "rtl" and left_to_right and not right_to_left:
        return "ltr"
    if direction == "ltr" and right_to_left and not left_to_right:
        return "rtl"
    return None


def number_in_right_to_left_text(number: str) -> str:
    """A phone number in a right-to-left plain text, isolated left to right: its groups,
    with the spaces, brackets and dashes between them, took the line's direction ("+41 (22)
    717-91-11" read "717-91-11 (22) 41+"). Arabic-Indic digits need the override
    (`left_to_right`)."""
    if number != (overridden := left_to_right(number)):
        return overridden
    return f"{LEFT_TO_RIGHT_ISOLATE}{number}{POP_DIRECTIONAL_ISOLATE}"
