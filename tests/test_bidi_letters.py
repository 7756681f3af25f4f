"""Which way a paragraph runs (`bidi.written_the_other_way`) follows its letters alone:
digits, Arabic-Indic ones too, punctuation ("،", "؟") and signs (`½`, `²`) never turn an
English paragraph on an Arabic page around, nor the reverse. Checked against the Unicode
classes of the letters, on text mixed from the scripts a newsroom writes in."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from pressgen.bidi import written_the_other_way

PIECES = [
    "IOM",
    "é",
    "Ж",
    "移民",
    "منظمة",
    "שלום",
    "ߞߊ",
    "١٢٣",
    "2026",
    "،",
    "؟",
    "½",
    "²",
    "_",
    " ",
]


def expected(text: str, direction: str) -> str | None:
    letters = [unicodedata.bidirectional(c) for c in text if c.isalpha()]
    right_to_left = any(kind in ("R", "AL") for kind in letters)
    left_to_right = any(kind not in ("R", "AL") for kind in letters)
    if direction == "rtl" and left_to_right and not right_to_left:
        return "ltr"
    if direction == "ltr" and right_to_left and not left_to_right:
        return "rtl"
    return None


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join), st.sampled_from(["ltr", "rtl"]))
def test_a_paragraph_turns_by_its_letters_alone(text: str, direction: str) -> None:
    assert written_the_other_way(text, direction) == expected(text, direction)


def test_an_english_quotation_on_an_arabic_page_runs_left_to_right() -> None:
    assert written_the_other_way("“We welcome it,” she said. 2026 ١٢٣ ½", "rtl") == "ltr"
    assert written_the_other_way("قالت: «نرحب به» IOM", "rtl") is None
    assert written_the_other_way("منظمة ١٢٣ ، ؟", "ltr") == "rtl"
