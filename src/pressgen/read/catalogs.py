"""The site's catalogs (`locales/LANG/LC_MESSAGES/messages.po`), as translators edit them by
hand: what in them would publish a broken text or stop a build, on its line.

Babel reads a PO file leniently: a quote left open loses the last letter of the text
("Gestion des frontière"), a plural form too many is dropped with a printed warning, one too
few is an empty one, and a translation whose placeholders its message does not have
(`%(lieu)s` for `%(place)s`, `%(date) –` for `%(date)s –`) only fails when a page is
rendered. All are found here, before anything is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from ..i18n import BYTE_ORDER_MARK, read_catalog
from ..problems import Problem, display_path
from ..resources import catalog_path

# A line of a PO file that is not blank or a comment: a keyword and a text in double quotes,
# or a text alone that continues the one above.
_ENTRY_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*"'
)
_PLURAL_FORM = re.compile(r"msgstr\[(\d+)\]")
# A placeholder as Python's % operator reads it, named or not, and %% (a percent sign).
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def catalog_problems(locales: Path | None, languages: Iterable[str], root: Path) -> list[Problem]:
    """Every line of the site's catalogs that is not PO, and every translation that would
    not print as its message does."""
    problems: list[Problem] = []
    for lang in languages:
        path = catalog_path(locales, lang) if locales else None
        if path is not None and path.is_file():
            problems += file_problems(path, lang, display_path(path, root))
    return problems


# An entry's line whose text is opened and never closed: `msgstr "Monde`.
_OPENED = re.compile(r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*')
_OPEN_QUOTE = 'opens a quote and never closes it: end the text with " on the same line'
_NOT_PO = (
    'is not a line of a PO file, expected msgid "...", msgstr "..." or a "..." that '
    "continues the text above (is a quote left open?)"
)


def file_problems(path: Path, lang: str, shown: str) -> list[Problem]:
    """The slips of one catalog, in the order of its lines: a translator hears of every
    slip in the file at once."""
    data = path.read_bytes().removeprefix(BYTE_ORDER_MARK)
    lines = data.decode("utf-8", "replace").split("\n")  # quotes are ASCII in any encoding
    found = [
        Problem(shown, number, None, _OPEN_QUOTE if _OPENED.fullmatch(text) else _NOT_PO)
        for number, line in enumerate(lines, start=1)
        if (text := line.strip()) and not text.startswith("#") and not _ENTRY_LINE.fullmatch(text)
    ]
    try:
        catalog = read_catalog(path, lang)
    except UnicodeDecodeError:  # saved as Latin-1, say, under a header that says UTF-8
        return [Problem(shown, _first_line_not_utf8(data), None, _NOT_UTF8)]
    if catalog is None:
        return found
    found += _plural_problems(catalog, lines, shown)
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            found += [Problem(shown, message.lineno, "msgstr", e) for e in _misprinted(message)]
    return sorted(found, key=lambda problem: problem.line or 0)


_NOT_UTF8 = "is not valid UTF-8 text, save the file as UTF-8"


def _first_line_not_utf8(data: bytes) -> int:
    for number, line in enumerate(data.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return 1


def _plural_problems(catalog: Catalog, lines: list[str], shown: str) -> Iterator[Problem]:
    """A header whose plural forms are not the language's, a plural form too many, and a
    translation with some of its plural forms only."""
    locale = catalog.locale
    if not isinstance(locale, Locale):
        return
    language, wanted = locale.english_name, get_plural(locale)
    count, last = wanted.num_plurals, wanted.num_plurals - 1
    if catalog.num_plurals != count:
        line = next((n for n, text in enumerate(lines, 1) if "Plural-Forms:" in text), None)
        yield Problem(
            shown,
            line,
            "Plural-Forms",
            f"says nplurals={catalog.num_plurals}, but {language} has {count} plural forms: "
            f'write "Plural-Forms: {wanted}\\n"',
        )
        return
    for number, text in enumerate(lines, start=1):
        form = _PLURAL_FORM.match(text.strip())
        if form and int(form[1]) >= count:
            yield Problem(
                shown,
                number,
                f"msgstr[{form[1]}]",
                f"{language} has {count} plural forms (msgstr[0] to msgstr[{last}]), "
                "remove this one",
            )
    for message in catalog:
        forms = message.string if isinstance(message.string, tuple) else ()
        written = sum(1 for form in forms if form)
        if 0 < written < count and not message.fuzzy:
            yield Problem(
                shown,
                message.lineno,
                "msgstr",
                f"has {written} of the {count} plural forms {language} needs (msgstr[0] to "
                f"msgstr[{last}]), add the missing ones",
            )


def _misprinted(message: Message) -> list[str]:
    """How the translation of a message with placeholders would fail to print: every page
    fills them in (`translation % values`, as Jinja's i18n does)."""
    if not message.python_format:
        return []
    ids = _texts(message.id)
    strings = _texts(message.string)
    names = {found[1] for text in ids for found in _PLACEHOLDER.finditer(text) if found[1]}
    shown = ", ".join(sorted(f"%({name})s" for name in names))
    for text in filter(None, strings):
        try:
            text % dict.fromkeys(names, 0)
        except KeyError as error:
            return [
                f"unknown named placeholder {error}: the translation must keep the "
                f"placeholders of its msgid as written ({shown})"
            ]
        except (ValueError, TypeError):
            return [
                f"'{text}' has a % that is no placeholder: write each placeholder as its "
                f"msgid does ({shown}), and a percent sign as %%"
            ]
    if len(ids) == 1:  # a plural form may leave the number out ("بيانان": two releases)
        kept = {found[1] for found in _PLACEHOLDER.finditer(strings[0]) if found[1]}
        return [
            f"leaves out %({name})s of its msgid: readers would never see it, keep it"
            for name in sorted(names - kept)
        ]
    return []


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or translation as its texts: one, or one per plural form."""
    found = value if isinstance(value, tuple | list) else (value,)
    return tuple(text for text in found if isinstance(text, str))
