"""The site's catalogs (`locales/LANG/LC_MESSAGES/messages.po`), as translators edit them by
hand: what in them would publish a broken text or stop a build, on its line.

Babel reads a PO file leniently: a quote left open loses the last letter of the text
("Gestion des frontière"), and a translation that names a placeholder its message does not
have (`%(lieu)s` for `%(place)s`) only fails when a page is rendered. Both are found here,
before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ..i18n import read_catalog
from ..problems import Problem, display_path
from ..resources import catalog_path

# A line of a PO file that is not blank or a comment: a keyword and a text in double quotes,
# or a text alone that continues the one above.
_ENTRY_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*"'
)


def catalog_problems(locales: Path | None, languages: Iterable[str], root: Path) -> list[Problem]:
    """Every line of the site's catalogs that is not PO, and every translation whose
    placeholders its message does not have."""
    problems: list[Problem] = []
    for lang in languages:
        path = catalog_path(locales, lang) if locales else None
        if path is not None and path.is_file():
            problems += _problems(path, lang, display_path(path, root))
    return problems


_NOT_PO = (
    'is not a line of a PO file, expected msgid "...", msgstr "..." or a "..." that '
    "continues the text above (is a quote left open?)"
)


def _problems(path: Path, lang: str, shown: str) -> list[Problem]:
    """The lines that are not PO, then the translations whose placeholders are wrong: a
    translator hears of every slip in the file at once."""
    data = path.read_bytes()
    lines = data.decode("utf-8", "replace").split("\n")  # quotes are ASCII in any encoding
    found = [
        Problem(shown, number, None, _NOT_PO)
        for number, line in enumerate(lines, start=1)
        if (text := line.strip()) and not text.startswith("#") and not _ENTRY_LINE.fullmatch(text)
    ]
    catalog = read_catalog(path, lang)
    return found + [
        Problem(
            shown,
            message.lineno,
            "msgstr",
            f"{error}: the translation must keep the placeholders of its msgid as written",
        )
        for message, errors in (catalog.check() if catalog else ())
        if message.string and not message.fuzzy
        for error in errors
    ]
