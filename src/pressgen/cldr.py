"""What CLDR (through Babel) says about one locale, beyond what its catalog says.

Time zone names, the time in GMT, lists and running-text case: pure functions of an instant
or of labels and a `babel.Locale`. Catalog messages decide how these pieces are put together
in a sentence; these functions only give the pieces, so no date or time format is written by
hand anywhere in pressgen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (
    format_date,
    format_time,
    get_date_format,
    get_timezone_gmt,
    get_timezone_name,
    match_skeleton,
)
from babel.lists import format_list

NO_OFFSET = timedelta(0)


def long_date(instant: datetime, locale: Locale, first: str = "1") -> str:
    """CLDR long date of the instant's own calendar day: "2 June 2021", "2 juin 2021"; the
    first of a month with `first` in the day's place ("1er" in French, which CLDR does not
    write)."""
    return _date(instant, get_date_format("long", locale=locale).pattern, locale, first)


def day_and_month(instant: datetime, locale: Locale, first: str = "1") -> str:
    """The day without the year ("1 June", "1er juin", "6月1日"), for a time on a nearby day."""
    skeletons = locale.datetime_skeletons
    pattern = skeletons[match_skeleton("MMMMd", skeletons) or "MMMMd"].pattern
    return _date(instant, pattern, locale, first)


def _date(instant: datetime, pattern: str, locale: Locale, first: str) -> str:
    if instant.day == 1 and first != "1":
        pattern = _DAY_FIELD.sub(_day_as_text, pattern)
    return format_date(instant.date(), format=pattern, locale=locale).replace(_DAY_MARK, first)


_DAY_MARK = "\ue000"  # not a letter, so no pattern field, and in no locale's patterns
# a quoted text of a date pattern (kept), or its day of the month (d, dd)
_DAY_FIELD = re.compile(r"'(?:[^']|'')*'|(?<![A-Za-z])dd?(?![A-Za-z])")


def _day_as_text(found: re.Match[str]) -> str:
    return found[0] if found[0].startswith("'") else _DAY_MARK


def short_time(instant: datetime, locale: Locale) -> str:
    """CLDR short time on the locale's clock, in the instant's own zone: "16:00", "4:00 PM";
    with its seconds when it has some ("10:00:30"): an embargo shown as 10:00 would end
    half a minute later than it says."""
    length = "medium" if instant.second or instant.microsecond else "short"
    return format_time(instant, length, tzinfo=instant.tzinfo, locale=locale)


def zone_name(instant: datetime, locale: Locale) -> str:
    """The name the locale gives the instant's time zone at that instant.

    A named zone (a `ZoneInfo`) gets its CLDR abbreviation where the locale has one ("CEST",
    "BST", "EDT" in British English; "CET" in Spanish), else its long name, which says
    summer or winter ("heure d’été d’Europe centrale", "中欧夏令时间"): Babel would
    otherwise fall back to a bare "+0200". A bare UTC offset names no zone, so it gets the
    locale's GMT format ("GMT+02:00", "UTC+05:30", "غرينتش+02:00"), and a zero offset the
    locale's own word for GMT ("GMT", "UTC").
    """
    if isinstance(instant.tzinfo, ZoneInfo):
        short = get_timezone_name(instant, "short", locale=locale)
        if short != get_timezone_gmt(instant, "short", locale=locale):
            return short
        return get_timezone_name(instant, "long", locale=locale)
    if instant.utcoffset() == NO_OFFSET:
        return gmt_word(locale)
    return get_timezone_gmt(instant, "long", locale=locale)


def gmt_word(locale: Locale) -> str:
    """The locale's name for the zero offset: CLDR's GMT format without an offset."""
    gmt_format: str = locale.zone_formats["gmt"]
    return gmt_format.replace("%s", "")


def in_gmt(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def is_gmt(instant: datetime) -> bool:
    """Whether the instant's own clock is GMT's, so that giving its GMT time adds nothing."""
    return instant.utcoffset() == NO_OFFSET


# --- Lists ------------------------------------------------------------------------------

# Spanish "y" becomes "e" before the sound /i/ ("Migración e integración", but "agua y
# hielo"): ICU does this in code, CLDR's list data cannot say it.
_I_SOUND = re.compile(r"[hH]?[iIíÍ](?![aeouáéóú])")


def join_list(items: Sequence[str], locale: Locale) -> str:
    """Labels joined as the language joins a list: "A, B and C", "A, B et C", "A وB"."""
    if not items:
        return ""
    text = format_list(list(items), style="standard", locale=locale)
    last = items[-1]
    spanish_i = locale.language == "es" and len(items) > 1 and _I_SOUND.match(last)
    if spanish_i and text.endswith(" y " + last):
        text = text[: -len(last) - 3] + " e " + last
    return text


# Languages that write common nouns with a capital in running text.
_NOUNS_CAPITALISED = frozenset({"de", "lb"})
_FIRST_WORD = re.compile(r"\w+")


def running_text(label: str, locale: Locale) -> str:
    """A label as written inside a sentence: "Border management" -> "border management".

    Labels are written for headings and tags, with a capital. Inside a sentence ("Topics:
    border management and counter-terrorism") a common noun takes none; a first word that is
    an acronym or has a capital inside ("COVID-19", "IOM", "eHealth") is kept as written,
    and so is every label in German, which capitalises nouns. A proper name ("Africa")
    is given its running-text form in the catalogs (see `Language.running_text`).
    """
    if locale.language in _NOUNS_CAPITALISED or not label:
        return label
    first = _FIRST_WORD.match(label)
    word = first.group() if first else ""
    if len(word) < 2 or not word[0].isupper() or not word[1:].islower():
        return label
    return label[0].lower() + label[1:]
