"""The site's catalogs (`locales/LANG/LC_MESSAGES/messages.po`), as translators edit them by
hand: what in them would publish a broken text or stop a build, on its line.

Babel reads a PO file leniently: a quote left open loses the last letter of the text
("Gestion des frontière"), a plural form too many is dropped with a printed warning, one too
few is an empty one, and a translation whose placeholders its message does not have
(`%(lieu)s` for `%(place)s`, `%(date) –` for `%(date)s –`) only fails when a page is
rendered. All are found here, before anything is built.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message

from .. import resources
from ..i18n import BYTE_ORDER_MARK, every_catalog_tag, package_template, read_catalog
from ..problems import NOT_UTF8, Problem, display_path, line_not_utf8
from ..resources import catalog_path
from .braces import brace_fields
from .catalog_plurals import plural_problems, unreadable_plurals
from .characters import UTF16, control_character, saved_as_utf16

# A line of a PO file that is not blank or a comment: a keyword and a text in double quotes,
# or a text alone that continues the one above.
_ENTRY_LINE = re.compile(
    r'(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s*)?"(?:[^"\\]|\\.)*"'
)
# A placeholder as Python's % operator reads it, named or not, and %% (a percent sign).
_PLACEHOLDER = re.compile(r"%(?:\((\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")


def catalog_problems(locales: Path | None, languages: Iterable[str], root: Path) -> list[Problem]:
    """Every line of the site's catalogs (in `locales`) and of pressgen's own (as its
    translators edit them: the README's Babel workflow) that is not PO, and every
    translation that would not print as its message does."""
    problems: list[Problem] = []
    for folder in (locales, resources.PACKAGE_LOCALES):  # read when called (tests set it)
        for tag in every_catalog_tag(languages):
            path = catalog_path(folder, tag) if folder else None  # fr's too, for fr-CA's
            if path is not None and path.is_file():
                problems += file_problems(path, tag, display_path(path, root))
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
    slip in the file at once (but a charset header the file is not saved in: the rest of
    it reads as mojibake until that is mended)."""
    data = path.read_bytes().removeprefix(BYTE_ORDER_MARK)
    lines = data.decode("utf-8", "replace").split("\n")  # quotes are ASCII in any encoding
    found = [
        Problem(shown, number, None, _OPEN_QUOTE if _OPENED.fullmatch(text) else _NOT_PO)
        for number, line in enumerate(lines, start=1)
        if (text := line.strip()) and not text.startswith("#") and not _ENTRY_LINE.fullmatch(text)
    ]
    if saved_as_utf16(data):
        return [Problem(shown, None, None, UTF16)]
    try:
        catalog = read_catalog(path, lang)
    except UnicodeDecodeError:  # saved as Latin-1, say, under a header that says UTF-8
        return [Problem(shown, _first_line_not_utf8(data), None, NOT_UTF8)]
    except ValueError:  # Babel reads nplurals with int(): "nplurals=INTEGER", a template's
        return [*found, unreadable_plurals(lines, lang, shown)]
    found += _entry_problems(lines, shown)
    charset = _charset_problems(data, lines, shown)  # the rest of it read as mojibake
    if catalog is None or charset:
        return found + charset
    found += plural_problems(catalog, lines, shown)
    found += _plural_as_pressgen_has_it(catalog, shown)
    many = _forms_for_many_numbers(catalog)
    for message in catalog:
        if message.id and message.string and not message.fuzzy:
            errors = _misprinted(message, many, catalog.locale) + _tagged(message)
            if message.python_brace_format:  # Babel's reading of the msgid: {name} fields
                errors += brace_fields(_texts(message.id), _texts(message.string))
            errors += _controlled(message)
            found += [
                Problem(shown, _line_of(lines, message.lineno, field), field, error)
                for field, error in errors
            ]
    return sorted(found, key=lambda problem: problem.line or 0)


_ESCAPE = re.compile(r"\\(.?)")  # within a quoted text: a backslash and what follows it
_ITSELF = "write the character itself, or \\\\ for a backslash"
_ESCAPES = frozenset('\\"abfnrtv')  # as Babel reads them: not \x41 or \101, printed as typed
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s*\"")


def _entry_problems(lines: list[str], shown: str) -> Iterator[Problem]:
    """What Babel reads without a word and msgfmt refuses: a message twice (the first is
    used, the second edited in vain), a msgid without msgstr, plural forms on a message
    without a msgid_plural, and an escape that is none (it prints as written)."""
    seen: dict[tuple[str, str], int] = {}
    entry: dict[str, int] = {}  # keyword -> its line, for the entry being read
    texts: dict[str, str] = {}
    current = ""
    for number, line in enumerate([*lines, 'msgid ""'], start=1):  # the last, to end one
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if not _ENTRY_LINE.fullmatch(text):  # said by `file_problems`, once
            entry["broken"] = number
            continue
        keyword = _KEYWORD.match(text)
        if keyword and keyword[1] in ("msgctxt", "msgid") and "msgid" in entry:
            yield from _finished(entry, texts, seen, shown)
            entry, texts = {}, {}
        if keyword:
            current = keyword[1]
            if current in entry:
                yield Problem(shown, number, current, _twice(entry[current]))
            entry.setdefault(current, number)
        if number <= len(lines):
            quoted = text[text.find('"') + 1 : -1]
            texts[current] = texts.get(current, "") + quoted
            for escape in _ESCAPE.finditer(quoted):
                if escape[1] not in _ESCAPES:
                    message = f"\\{escape[1]} is no escape pressgen reads: {_ITSELF}"
                    yield Problem(shown, number, current, message)


def _twice(first: int) -> str:
    return (
        f"is written a second time for one message (first on line {first}), and only the "
        'first is used: keep one, or continue a text on lines of their own that hold only "..."'
    )


def _finished(
    entry: dict[str, int], texts: dict[str, str], seen: dict[tuple[str, str], int], shown: str
) -> Iterator[Problem]:
    """The slips of one entry as a whole, once all its lines are read."""
    if not any(k.startswith("msgstr") for k in entry) and "broken" not in entry:
        message = 'has no msgstr: write msgstr "..." on the line below it'
        yield Problem(shown, entry["msgid"], "msgid", message)
    forms = [k for k in entry if k.startswith("msgstr[")]
    if forms and "msgid_plural" not in entry:
        first = min(forms, key=entry.__getitem__)
        yield Problem(
            shown,
            entry[first],
            first,
            'belongs to a message with a msgid_plural, which this one has not: write msgstr "..."',
        )
    key = (texts.get("msgctxt", ""), texts.get("msgid", ""))
    line = entry.get("msgid")
    if key[1] and line is not None:
        if key in seen:
            yield Problem(
                shown,
                line,
                "msgid",
                f"'{key[1]}' is translated on line {seen[key]} already, and only the first is "
                "used: keep one",
            )
        seen.setdefault(key, line)


def _pressgen_plurals() -> dict[str, str]:
    """pressgen's plural messages: the singular of each, and its plural."""
    return {
        m.id[0]: m.id[1]
        for m in package_template()
        if isinstance(m.id, tuple) and len(m.id) == 2 and m.context is None
    }


def _plural_as_pressgen_has_it(catalog: Catalog, shown: str) -> Iterator[Problem]:
    """A message pressgen counts with (`%(count)s release`) written as a single one: Babel
    files it where no count looks, and pages showed pressgen's English."""
    plurals = _pressgen_plurals()
    last = catalog.num_plurals - 1
    for message in catalog:
        if isinstance(message.id, str) and message.id in plurals and message.context is None:
            yield Problem(
                shown,
                message.lineno,
                "msgid",
                f"'{message.id}' is a plural message (msgid_plural \"{plurals[message.id]}\"): "
                f"write its msgid_plural and msgstr[0] to msgstr[{last}]",
            )


def _forms_for_many_numbers(catalog: Catalog) -> frozenset[int]:
    """The plural forms the catalog's rule uses for more than one number (French uses its
    first for 0 and 1; Arabic its first three for 0, 1 and 2 alone)."""
    try:  # a header's rule may divide by zero (n/0): pages count by CLDR's rule all the same
        rule = gettext.c2py(catalog.plural_expr)
        counts = Counter(map(rule, [*range(1001), 1_000_000, 2_000_000]))
    except (ValueError, ArithmeticError, RecursionError):
        return frozenset()
    return frozenset(form for form, count in counts.items() if count > 1)


_CHARSET = re.compile(r'"Content-Type:.*charset=([^\\"\s;]+)', re.IGNORECASE)


def _charset_problems(data: bytes, lines: list[str], shown: str) -> list[Problem]:
    """A file saved as UTF-8 under a header that names another charset: Babel believes the
    header, and every page shows the translation as mojibake."""
    found = next(((n, m) for n, t in enumerate(lines, 1) if (m := _CHARSET.search(t))), None)
    named = found[1][1].lower().replace("-", "").replace("_", "") if found else ""
    if found is None or named == "utf8" or data.isascii():
        return []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:  # saved in the charset it names
        return []
    said = f"says charset={found[1][1]}, but the file is saved as UTF-8: write charset=UTF-8"
    return [Problem(shown, found[0], "Content-Type", said)]


def _first_line_not_utf8(data: bytes) -> int:
    """(Babel decodes a catalog line by line: its error holds one line's bytes.)"""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        return line_not_utf8(error)
    return 1


def _line_of(lines: list[str], start: int | None, field: str) -> int | None:
    """The line of `field` (`msgstr`, `msgstr[2]`) in the entry whose msgid is on line
    `start`: where the translator puts it right."""
    if start is None:
        return start
    written = re.compile(re.escape(field) + r'\s*"')  # msgstr: not msgstr[0]
    for number in range(start, len(lines) + 1):
        text = lines[number - 1].strip()
        if written.match(text):
            return number
        if not text:  # the entry's end: a plural message's problem stays on its msgid
            break
    return start


# What a browser reads as the start of a tag: '<' and a letter ("<b>", "<svg onload=...>",
# and "<presse@oim.int>" too, whose words it would hide); "< 5 %" is text.
_TAG_START = re.compile(r"</?[a-zA-Z][^\s<>/]*")


def _controlled(message: Message) -> list[tuple[str, str]]:
    """A character a page, a feed or a PDF cannot hold, in a translation (h96: a NUL in one
    stopped the build that wrote the feeds, with no word from check)."""
    found = next(filter(None, map(control_character, _texts(message.string))), None)
    return [("msgstr", f"holds {found}, which no page can show: remove it")] if found else []


def _tagged(message: Message) -> list[tuple[str, str]]:
    """A tag in a translation: templates take translations as markup (Jinja's i18n marks
    them safe), so a reader would get the tag's effect, or lose the words it hides."""

    def tags(texts: tuple[str, ...]) -> list[str]:
        return [m[0] for text in texts for m in _TAG_START.finditer(text)]

    if tags(_texts(message.id)):
        return []  # a message of markup, translated as such
    found = tags(_texts(message.string))
    if not found:
        return []
    return [
        (
            "msgstr",
            f"holds '{found[0]}', which a page reads as the start of an HTML tag (and "
            "hides what it holds): write the words without '<' and '>' around them (the "
            "site's stylesheet sets the look)",
        )
    ]


def _misprinted(message: Message, many: frozenset[int], locale: object) -> list[tuple[str, str]]:
    """How the translation of a message with placeholders would fail to print: every page
    fills them in (`translation % values`, as Jinja's i18n does). A plural form used for
    more than one number (`many`) must show the number."""
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
            said = f"unknown named placeholder {error}: the translation must keep the "
            return [("msgstr", f"{said}placeholders of its msgid as written ({shown})")]
        except (ValueError, TypeError):
            said = f"'{text}' has a % that is no placeholder: write each placeholder as its "
            return [("msgstr", f"{said}msgid does ({shown}), and a percent sign as %%")]
    written = {found[0] for text in ids for found in _PLACEHOLDER.finditer(text) if found[1]}
    for text in filter(None, strings):
        odd = next((f[0] for f in _PLACEHOLDER.finditer(text) if f[1] and f[0] not in written), "")
        if odd:  # "%(number) sur": Python reads "%(number) s", then "ur"
            said = f"writes the placeholder '{odd}', which its msgid writes otherwise ({shown}):"
            return [("msgstr", f"{said} write it as the msgid does, with nothing inside it")]
    if len(ids) == 1:
        kept = {found[1] for found in _PLACEHOLDER.finditer(strings[0]) if found[1]}
        return [
            ("msgstr", f"leaves out %({name})s of its msgid: readers would never see it, keep it")
            for name in sorted(names - kept)
        ]
    return _number_hidden(strings, names, many, locale)


def _number_hidden(
    strings: tuple[str, ...], names: set[str], many: frozenset[int], locale: object
) -> list[tuple[str, str]]:
    """The plural forms used for more than one number that leave a placeholder out (a form
    for one number may leave the number out: "بيانان", two releases)."""
    language = locale.english_name if isinstance(locale, Locale) else "this language"
    problems = []
    for form in sorted(many):
        text = strings[form] if form < len(strings) else ""
        kept = {found[1] for found in _PLACEHOLDER.finditer(text or "") if found[1]}
        problems += [
            (
                f"msgstr[{form}]",
                f"leaves out %({name})s, and {language} uses that form for more than one "
                "number: readers would not see which, keep it",
            )
            for name in sorted(names - kept)
            if text
        ]
    return problems


def _texts(value: object) -> tuple[str, ...]:
    """A message's id or translation as its texts: one, or one per plural form."""
    found = value if isinstance(value, tuple | list) else (value,)
    return tuple(text for text in found if isinstance(text, str))
