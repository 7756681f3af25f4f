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


# Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko...), and any other
# word character that is no digit; each found is asked whether it is a letter (Arabic-Indic
# digits and "،" are in the first ranges, `½` and `²` are word characters). One class each,
# no lookahead: an English paragraph is searched whole for the first, at every build.
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff"
_RIGHT_TO_LEFT_LETTER = re.compile(f"[{_RTL}]")
_LEFT_TO_RIGHT_LETTER = re.compile(f"[^\\W\\d_{_RTL}]")


def _has_letter(pattern: re.Pattern[str], text: str) -> bool:
    return any(found.group().isalpha() for found in pattern.finditer(text))


def written_the_other_way(text: str, direction: str) -> str | None:
    """The direction of a paragraph all of whose letters run the other way than its page
    (`direction`): an English quotation on an Arabic page, laid out right to left, had its
    full stop at its start. None for a paragraph with a letter of the page's direction (an
    Arabic one that begins with "IOM" stays right to left), or none at all."""
    other = _OTHER_WAY.get(direction)
    # most paragraphs have no letter of the other direction: one search, not two
    if other and _has_letter(_LETTERS[other], text) and not _has_letter(_LETTERS[direction], text):
        return other
    return None


def has_letters_against(text: str, direction: str) -> bool:
    """Whether `text` holds a letter written the other way than `direction`: a body
    without one has no paragraph that `written_the_other_way` would turn, which one search
    of the body tells, not one a paragraph."""
    other = _OTHER_WAY.get(direction)
    return other is not None and _has_letter(_LETTERS[other], text)


_OTHER_WAY = {"ltr": "rtl", "rtl": "ltr"}
_LETTERS = {"ltr": _LEFT_TO_RIGHT_LETTER, "rtl": _RIGHT_TO_LEFT_LETTER}


def number_in_right_to_left_text(number: str) -> str:
    """A phone number in a right-to-left plain text, isolated left to right: its groups,
    with the spaces, brackets and dashes between them, took the line's direction ("+41 (22)
    717-91-11" read "717-91-11 (22) 41+"). Arabic-Indic digits need the override
    (`left_to_right`)."""
    if number != (overridden := left_to_right(number)):
        return overridden
    return f"{LEFT_TO_RIGHT_ISOLATE}{number}{POP_DIRECTIONAL_ISOLATE}"


# Groups of digits (Latin, Arabic-Indic, Persian), one between brackets too ("(022)",
# "(0)22"), each after a space, a hyphen or a dot (or straight after a bracket); never
# inside a word, an address or a number. A span its writer set apart already is found
# first, and left as it is. Linear: groups are taken as they come, never given back, and a
# number is looked for only from its first group.
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
_SPACES = " \u00a0\u2009\u202f"  # between a number's groups: a space, a no-break or thin one
_GROUP = rf"(?:\([{_DIGITS}]+\)|[{_DIGITS}]+)"
_BETWEEN = rf"(?:[{_SPACES}.-]|(?<=\)))"
_GROUPED_NUMBER = re.compile(
    rf"[{EMBEDDINGS}{ISOLATES}][^{POP_DIRECTIONAL_FORMATTING}{POP_DIRECTIONAL_ISOLATE}]*"
    rf"|(?<![\w+\-./,:\u066b\u066c])(?<![{_DIGITS})][{_SPACES}])"
    rf"\+?{_GROUP}(?:{_BETWEEN}{_GROUP})++(?!\w|[.\-\u066b\u066c][{_DIGITS}])"
)
_SPACES_AND_BRACKETS = frozenset(_SPACES + "()")


def _turned_around(number: str) -> bool:
    """Whether a right-to-left line shows a number's groups from its end: a space or a
    bracket between them, or a plus before them, takes the line's direction. Digits joined
    by hyphens or dots alone stay as written: Latin ones are one left-to-right run already
    ("2026-12-05"), and an Arabic-Indic range or date reads right to left ("١٩٩٠-٢٠٠٠")."""
    if number[0] == "+" or "(" in number:
        return True
    if _SPACES_AND_BRACKETS.isdisjoint(number):  # "2026-12-05", "١٩٩٠-٢٠٠٠": as written
        return False
    return _one_number(number)


def _one_number(number: str) -> bool:
    """Whether numbers with spaces between them are one: a phone number written from its
    trunk prefix ("022 717 91 11"; one with "+" or an area code in brackets is taken before)
    or a figure grouped by thousands ("1 000 000", "12 500"), not numbers side by side
    ("2021 25" or "2024 500", a year and a count; "12 13 14", pages), read one by one."""
    first, *groups = _DIGIT_RUN.findall(number)
    if first[0] in "0\u0660\u06f0" and len(first) > 1 and len(groups) >= 2:
        return True
    return len(first) <= 3 and bool(groups) and all(len(group) == 3 for group in groups)


def _area_code_first(number: str) -> bool:
    """A group between brackets is an area code when two groups or more follow it:
    "(022) 717-91-11", not "2178 (2014)" (a resolution and its year) or "(2019) 50"."""
    after = number.rpartition(")")[2]
    return ")" not in number or len(_DIGIT_RUN.findall(after)) >= 2


_DIGIT_RUN = re.compile(f"[{_DIGITS}]+")


def numbers_in_written_order(text: str) -> str:
    """Right-to-left text with each number written in groups ("+41 22 717 9111",
    "(022) 717-91-11", "1 000 000", "+٤١ ٢٢ ٧١٧ ٩١١١") set apart left to right
    (`number_in_right_to_left_text`), as the media contacts are: the spaces and brackets
    between its groups took the text's direction, and the groups read backwards. A lone
    number, a date ("2026-12-05") and numbers between words stay as written."""
    if not any(character.isdigit() for character in text):
        return text

    def in_order(found: re.Match[str]) -> str:
        number = found.group()
        if number[0] in EMBEDDINGS + ISOLATES:
            return number
        if not _turned_around(number):  # "2023 1 200": a year, then a figure in groups
            return _figure_after(number)
        return number_in_right_to_left_text(number) if _area_code_first(number) else number

    return _GROUPED_NUMBER.sub(in_order, text)


def _figure_after(numbers: str) -> str:
    """Numbers side by side, the last ones a figure grouped by thousands ("2023 1 200"):
    that figure set apart, the numbers before it as written. The figure after each space is
    judged from the digit runs after it, counted once from the end: in time linear in the
    number's length, however many groups a hostile text strings together."""
    runs = [(found.start(), len(found.group())) for found in _DIGIT_RUN.finditer(numbers)]
    threes = [True] * (len(runs) + 1)  # whether every run from the n-th on has 3 digits
    for n in range(len(runs) - 1, -1, -1):
        threes[n] = threes[n + 1] and runs[n][1] == 3
    last_mark = max(numbers.rfind("-"), numbers.rfind("("))
    spaces = [i for i, character in enumerate(numbers) if character in _SPACES]
    first = 0  # the first run after the space
    for space in spaces[:-1]:  # a figure after the last space holds no space: no groups
        while first < len(runs) and runs[first][0] < space:
            first += 1
        if space > last_mark and _grouped_from(numbers, runs, first, threes):
            return numbers[: space + 1] + number_in_right_to_left_text(numbers[space + 1 :])
    return numbers


def _grouped_from(
    numbers: str, runs: list[tuple[int, int]], first: int, threes: list[bool]
) -> bool:
    """`_one_number` of the runs from `first` on, without slicing the text again."""
    if first >= len(runs):
        return False
    start, length = runs[first]
    after = len(runs) - first - 1
    if numbers[start] in "0\u0660\u06f0" and length > 1 and after >= 2:
        return True
    return length <= 3 and after >= 1 and threes[first + 1]
