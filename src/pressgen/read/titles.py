"""What a release's titles hold that readers of feeds and search results would not want:
a paragraph pasted in, an HTML tag. Warnings, each on the title's line."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from unicodedata import combining

from ..model import Translation
from ..problems import Problem, display_path

LONG_TITLE = 200  # characters: search results and feed readers show about 60 to 110
TITLE_KEY = re.compile(r"""(["']?)title\1[ \t]*:""")  # title:, "title":, 'title' :


def long_titles(translations: Mapping[str, Translation], folder: Path, root: Path) -> list[Problem]:
    """A title long enough to be a paragraph pasted into it (a headline runs to about 15
    words): readers of feeds and search results see its first few words only."""
    found = []
    for lang, translation in sorted(translations.items()):
        length = sum(not combining(char) for char in translation.title)
        if length <= LONG_TITLE:
            continue
        message = (
            f"is {length} characters long, more than {LONG_TITLE}: is a "
            "paragraph in it? Readers of feeds and search results see the first 60 to 110"
        )
        found.append(_title_problem(folder / f"{lang}.md", root, message))
    return found


# A tag of HTML's as a browser or feed reader would take it: an element's name, alone or
# with attributes of which one at least has a value ("A<B and C>D", "<draft 2>" are words)
_TAG_NAMES = (
    "a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|big|blink|blockquote|body|br|"
    "button|canvas|caption|center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|"
    "dialog|div|dl|dt|em|embed|fieldset|figcaption|figure|font|footer|form|frame|frameset|"
    "h[1-6]|head|header|hr|html|i|iframe|img|input|ins|kbd|label|legend|li|link|main|map|"
    "mark|marquee|math|menu|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|"
    "param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|section|select|slot|small|"
    "source|span|strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|"
    "tfoot|th|thead|time|title|tr|track|tt|u|ul|var|video|wbr"
)
_ATTRIBUTE = r"""[\s/]+[\w:-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>]+))?"""
_TAG = re.compile(
    rf"</?(?:{_TAG_NAMES})(?:\s*/?>|(?=[^<>]*=)(?:{_ATTRIBUTE})+\s*/?>)", re.IGNORECASE
)


def tagged_titles(
    translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """A title holding an HTML tag (`<b>`): a headline is text, so the page shows the tag as
    written, and feed readers, which may read a title as markup, are warned of it by the
    feed validator."""
    found = []
    for lang, translation in sorted(translations.items()):
        if tag := _TAG.search(translation.title):
            message = (
                f"holds '{tag.group()}', an HTML tag, which the page shows as written and a "
                "feed reader may take for markup: a headline has no bold or italics, write "
                "it without the tag"
            )
            found.append(_title_problem(folder / f"{lang}.md", root, message))
    return found


def _title_problem(path: Path, root: Path, message: str) -> Problem:
    """A problem on the `title:` line of a language file (read again: only such a file
    pays for it)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    line = next((n for n, text in enumerate(lines, 1) if TITLE_KEY.match(text)), None)
    return Problem(display_path(path, root), line, "title", message)
