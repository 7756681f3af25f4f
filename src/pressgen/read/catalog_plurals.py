"""The plural forms of a site catalog, counted as CLDR counts the language's: the header's
`Plural-Forms`, a form too many, a translation with some of its forms only."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.plurals import get_plural

from ..problems import Problem

_PLURAL_FORM = re.compile(r"msgstr\[(\d+)\]")
_FILLED_FORM = re.compile(r'msgstr\[\d+\]\s*"(?!"\s*$)')  # a form with some text


def unreadable_plurals(lines: list[str], lang: str, shown: str) -> Problem:
    line = next((n for n, text in enumerate(lines, 1) if "Plural-Forms:" in text), None)
    wanted = get_plural(Locale.parse(lang, sep="-"))
    return Problem(
        shown, line, "Plural-Forms", f'cannot be read: write "Plural-Forms: {wanted}\\n"'
    )


def plural_problems(catalog: Catalog, lines: list[str], shown: str) -> Iterator[Problem]:
    """A header whose plural forms are not the language's, a plural form too many, and a
    translation with some of its plural forms only. The header counts only in a catalog
    with a plural message (pressgen counts by CLDR's rules): Poedit's and msginit's French
    header says two forms, where CLDR has three."""
    locale = catalog.locale
    if not isinstance(locale, Locale):
        return
    language, wanted = locale.english_name, get_plural(locale)
    count, last = wanted.num_plurals, wanted.num_plurals - 1
    plurals = any(message.id and message.pluralizable for message in catalog)
    if catalog.num_plurals != count and plurals:
        line = next((n for n, text in enumerate(lines, 1) if "Plural-Forms:" in text), None)
        yield Problem(
            shown,
            line,
            "Plural-Forms",
            f"says nplurals={catalog.num_plurals}, but {language} has {count} plural forms"
            f'{_used_for(wanted.plural_expr, count)}: write "Plural-Forms: {wanted}\\n"',
        )  # and each translation counted as the language counts, in the same run (h135)
    for number, text in enumerate(lines, start=1):
        form = _PLURAL_FORM.match(text.strip())
        if form and int(form[1]) >= count:
            has = (
                f"{count} plural forms (msgstr[0] to msgstr[{last}])"
                if count > 1
                else "one form only (msgstr[0])"
            )
            yield Problem(
                shown, number, f"msgstr[{form[1]}]", f"{language} has {has}, remove this one"
            )
    for message in catalog:
        forms = message.string if isinstance(message.string, tuple) else ()
        written = sum(1 for form in forms if form)
        if catalog.num_plurals != count and message.lineno:  # Babel kept the header's number
            written = _forms_written(lines, message.lineno)
        if 0 < written < count and not message.fuzzy:
            yield Problem(
                shown,
                message.lineno,
                "msgstr",
                f"has {written} of the {count} plural forms {language} needs"
                f"{_used_for(wanted.plural_expr, count)}: add the missing ones, each for its "
                "numbers",
            )


def _forms_written(lines: list[str], start: int) -> int:
    """How many forms the entry whose msgid is on line `start` fills in the file itself:
    Babel keeps as many as the header says, and a header that says too few made the
    translation look short of forms it has."""
    written, msgids = 0, 0
    for text in lines[start - 1 :]:
        text = text.strip()
        msgids += text.startswith("msgid ")
        if not text or msgids > 1:  # the end of the entry: a blank line, or the next one
            break
        written += bool(_FILLED_FORM.match(text))
    return written


# Numbers that show what each form of a language is for: a translator used to gettext's
# French (two forms) learns that CLDR's second form is for a million, its third for 2.
_SAMPLES = (0, 1, 2, 3, 4, 5, 11, 21, 22, 25, 100, 101, 102, 111, 1000000)


def _used_for(plural_expr: str, count: int) -> str:
    """Each form and numbers it is used for, by the language's own rule: ', msgstr[0]
    (used for 0, 1), msgstr[1] (1000000) and msgstr[2] (2, 3, 4 ...)'."""
    rule = gettext.c2py(plural_expr)
    used: dict[int, list[int]] = {}
    for number in _SAMPLES:
        used.setdefault(rule(number), []).append(number)
    told = [
        f"msgstr[{form}] ({', '.join(map(str, used[form][:3]))}{' ...' * (len(used[form]) > 3)})"
        for form in range(count)
        if form in used
    ]
    if len(told) < 2:
        return ""
    told[0] = told[0].replace("(", "(used for ", 1)
    return f", {', '.join(told[:-1])} and {told[-1]}"
