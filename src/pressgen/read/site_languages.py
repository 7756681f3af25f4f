"""`[site] languages` in pressgen.toml: the language tags a site publishes in, each known
to CLDR and written as BCP 47 writes it, as files, folders and addresses name it."""

from __future__ import annotations

import re
from typing import Any

from babel import Locale, UnknownLocaleError, localedata
from babel.languages import get_official_languages


def site_languages(value: Any) -> tuple[tuple[str, ...], list[str]]:
    """The languages `value` lists, and what is wrong with it (each a message for
    `site.languages`); no languages when it is no list of tags."""
    if isinstance(value, str) and value.strip():  # languages = "en, fr": one text
        tags = ", ".join(f'"{tag}"' for tag in re.split(r"[\s,;]+", value.strip()) if tag)
        return (), [f"is one text, expected a list of language tags: languages = [{tags}]"]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        return (), ['expected a list of language tags, e.g. ["en", "fr"]']
    slips, cased = [], []
    for tag in value:
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            slips.append(
                f"'{tag}' is not a language tag known to CLDR"
                + (_meant(tag) or ", expected e.g. en, fr, es, ar, zh, ru")
            )
            continue
        if tag != bcp47_case(tag):
            cased.append(f"'{tag}' is written '{bcp47_case(tag)}'")
    if cased:
        slips.append(
            f"{', '.join(cased)}: the language in lowercase, a script with a capital, "
            "a region in capitals (fr-CA, zh-Hant-TW), as files, folders and addresses name it"
        )
    if len(set(value)) != len(value):
        slips.append("lists a language twice, expected each once")
    return tuple(value), slips


def _meant(tag: str) -> str:
    """What a tag that is no language most likely meant, said after it: a country's code
    ('cn', 'jp', 'ua'), which is not its language's ('zh', 'ja', 'uk'), or a language's name
    in English or in itself ('French', 'Español')."""
    english = Locale("en")
    country = english.territories.get(tag.upper())
    spoken = [code for code in get_official_languages(tag.upper()) if "_" not in code]
    if country and spoken:
        return (
            f": {tag.upper()} is the code of the country {country}; its language is written "
            f"'{spoken[0]}' ({english.languages.get(spoken[0], spoken[0])})"
        )
    code = _language_named(tag.strip().casefold(), english)
    return (
        f": a language tag is a code, not a name; write '{code}' ({english.languages[code]})"
        if code
        else ""
    )


def _language_named(name: str, english: Locale) -> str | None:
    """The code of the language called `name` in English, else in its own language (read
    only for a word longer than a code: loading every language's names takes a second)."""
    for code, said in english.languages.items():
        if "_" not in code and str(said).casefold() == name:
            return str(code)
    if len(name) <= 3 or not name.isalpha():
        return None
    for code in sorted(localedata.locale_identifiers()):
        known = "_" not in code and code in english.languages
        if known and str(Locale(code).language_name).casefold() == name:
            return code
    return None


def bcp47_case(tag: str) -> str:
    """`tag` in the case BCP 47 writes it (RFC 5646, 2.1.1): `fr-CA`, `zh-Hant-TW`, `es-419`."""
    first, *rest = tag.split("-")
    return "-".join([first.lower(), *map(_subtag_case, rest)])


def _subtag_case(part: str) -> str:
    if part.isalpha() and len(part) == 4:  # a script
        return part.title()
    if part.isalpha() and len(part) == 2:  # a region
        return part.upper()
    return part.lower()  # a region in digits (419), a variant
