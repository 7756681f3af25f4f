"""Texts without inline syntax skip Python-Markdown's inline patterns: the HTML must be
exactly what the patterns would have made, whatever the body holds."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pressgen.i18n import load_languages
from pressgen.render.markdown import _converter

LANGUAGES = load_languages(("en", "fr", "ar", "zh"), None)

# Pieces of Markdown that start or end every inline pattern, block syntax, abbreviations and
# attribute lists (which run after the inline stage), placeholders' neighbours (raw HTML),
# typography's targets, and plain words in several scripts.
PIECES = st.sampled_from(
    [
        "word",
        "mot",
        "كلمة",
        "词语",
        " ",
        "  \n",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "__",
        "`",
        "``",
        "\\",
        "[",
        "]",
        "(",
        ")",
        "[link](https://example.org/a)",
        "![alt](photo.jpg)",
        "[ref]",
        "\n\n[ref]: https://example.org/r\n\n",
        "<",
        ">",
        "<b>",
        "</b>",
        "<https://example.org>",
        "<press@example.org>",
        "&",
        "&amp;",
        "&#169;",
        "- ",
        "1. ",
        "> ",
        "## ",
        "    ",
        "| a | b |\n|---|---|\n| c | d |\n",
        "{: .note }",
        "\n\n*[UN]: United Nations\n\n",
        "UN",
        "Term\n: Definition\n",
        ":",
        ";",
        "?",
        "!",
        "«",
        "»",
        "'",
        '"',
        "<div>\nblock\n</div>\n\n",
        "<!-- note -->",
    ]
)


def _convert(typography: Callable[[str], str], body: str, shortcut: bool) -> str:
    md = _converter(typography, shortcut)
    try:
        return md.convert(body)
    finally:
        md.reset()


@settings(max_examples=400, deadline=None)
@given(pieces=st.lists(PIECES, max_size=40), lang=st.sampled_from(sorted(LANGUAGES)))
@example(pieces=["UN", " ", "word", "\n\n*[UN]: United Nations\n\n"], lang="en")
@example(pieces=["word", "  \n", "word"], lang="fr")
@example(pieces=["`", "UN", "`", " UN", "\n\n*[UN]: United Nations\n\n"], lang="en")
def test_the_shortcut_changes_no_html(pieces: list[str], lang: str) -> None:
    body = "".join(pieces)
    typography = LANGUAGES[lang].typography
    assert _convert(typography, body, True) == _convert(typography, body, False)


def test_abbreviations_still_apply_to_text_that_skipped_the_patterns() -> None:
    html = _convert(str, "The UN met.\n\n*[UN]: United Nations", True)
    assert '<abbr title="United Nations">UN</abbr>' in html


def test_the_shortcut_is_on_with_the_installed_markdown() -> None:
    """Off only when Python-Markdown has an inline pattern the shortcut does not know: then
    bodies convert right but slower, and this says which version to look at."""
    import markdown

    md = _converter(str, True)
    if "mark_plain" not in md.treeprocessors:
        pytest.fail(
            f"Python-Markdown {markdown.__version__} has inline patterns that "
            "render/markdown.py's _NEEDS does not name: add what each needs"
        )
