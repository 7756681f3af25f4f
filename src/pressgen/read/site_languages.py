"""`[site] languages` in pressgen.toml: the language tags a site publishes in, each known
to CLDR and written as BCP 47 writes it, as files, folders and addresses name it."""

from __future__ import annotations

import re
from typing import Any

from babel import Locale, UnknownLocaleError


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
                f"'{tag}' is not a language tag known to CLDR, expected e.g. en, fr, es, ar, zh, ru"
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
