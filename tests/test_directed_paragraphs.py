"""A body none of whose letters runs against its page is left as it is after one search
(`sanitise.directed_paragraphs`), not asked paragraph by paragraph. Held, on bodies mixed
from scripts, tags, attributes and character references, to the answer the paragraphs give
one by one: a body the shortcut passes has no paragraph, item, heading or cell to turn."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pressgen.render.sanitise import _directed_each, directed_paragraphs, for_page

PIECES = [
    "<p>",
    "</p>",
    "<li>",
    "</li>",
    "<h2>",
    "</h2>",
    "<td>",
    "</td>",
    "<ul>",
    "</ul>",
    '<img alt="خريطة">',
    '<a href="https://example.org/عربي">',
    "</a>",
    "IOM",
    "é",
    "移民",
    "منظمة",
    "שלום",
    "١٢٣",
    "2026",
    "&#1575;",
    "&#x5d0;",
    "&amp;",
    "&rlm;",
    "&#",
    "1575;",
    "’",
    " ",
]

bodies = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


@given(bodies, st.sampled_from(["ltr", "rtl"]))
def test_the_one_search_answers_as_the_paragraphs_do(html: str, direction: str) -> None:
    assert directed_paragraphs(html, direction) == _directed_each(html, direction)


def test_an_arabic_paragraph_written_as_references_still_turns() -> None:
    """Its letters are in no raw character: the search reads the references too."""
    html = "<p>&#1605;&#1606;&#1592;&#1605;&#1577;</p>\n<p>English.</p>"
    assert for_page(html, "ltr") == (
        '<p dir="rtl">&#1605;&#1606;&#1592;&#1605;&#1577;</p>\n<p>English.</p>'
    )


def test_an_english_body_with_no_letter_against_it_is_left_as_it_is() -> None:
    html = "<p>The “report” – 2026 ١٢٣.</p>\n<ul>\n<li>One.</li>\n</ul>"
    assert for_page(html, "ltr") == html
