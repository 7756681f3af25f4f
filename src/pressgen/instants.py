"""Instants as a press officer writes them: with a UTC offset, with an IANA time zone, or as a
local time in the site's zone (`[site] timezone`).

A time named in a zone keeps the zone (a `ZoneInfo` tzinfo), so that pages can say "10:00 CET"
rather than "10:00 UTC+01:00". A local time that the zone skips (the spring change) or
passes twice (the autumn change) is refused with both readings spelled out: guessing would
move an embargo by an hour.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .zones import InstantError, Zone, load_zone

EXAMPLE_INSTANT = "2021-03-15T14:00:00+01:00"
EXAMPLE_ZONED = "2021-03-15T14:00 Europe/Geneva"
# Any other year is a typo ("0021", "20211"): feeds want four digits, and an instant at the
# end of year 9999 cannot even be written in UTC.
FIRST_YEAR, LAST_YEAR = 1900, 2999
# The zone's name follows the time, which ends in a digit (or Z); a name written with a
# space ("New York") is taken whole, to be told its spelling.
# The longest an instant is written: a date, a time to the microsecond, an offset and the
# longest zone name take 65 characters; a longer text is none, and reading it for a zone's
# name took time growing with its square (60 KB: 10 s)
_LONGEST = 100
_WITH_ZONE = re.compile(r"(?P<local>.+?[\dZz])\s+(?P<zone>[^\W\d_][\w+\-/. ]*)")
# A time written 10.30, 10,30 or 10h30: Python reads 10.30 as ten o'clock and 0.3 of a
# second, which would publish half an hour early.
_NOT_COLON = re.compile(r"(?<=[Tt ])(?:(\d{1,2})|(\d\d:\d\d))[.,hH](\d+)(?![\d:])")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PARTS = re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?")
_DOTTED_OFFSET = re.compile(r"([+-])(\d\d)[.,hH](\d\d)$")  # +05.30: 5 hours and 0.3 s
_OFFSET_MINUTES = re.compile(r"([+-]\d\d):?(\d\d)$")
_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"  # a word processor's, French ones
# A date and time with a one-digit month, day or hour (2026-12-5, T9:00)
_ONE_DIGIT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt ](\d{1,2}):)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")  # 12/03/2026, 12.03.2026


def parse_instant(raw: str, site_zone: Zone | None = None) -> datetime:
    """An aware datetime from `2021-03-15T14:00:00+01:00`, `2021-03-15T14:00 Europe/Geneva`,
    or `2021-03-15T14:00` when the site has a time zone; raises InstantError.

    A time written with an offset keeps it, but carries the named (or site) zone when the
    offset is that zone's at that moment, so that the zone's name can be shown.
    """
    raw = raw.strip()
    if len(raw) > _LONGEST:
        raise InstantError(
            f"'{raw[:24]}…' is {len(raw):,} characters long, expected a date and time of at "
            f"most {_LONGEST}, e.g. {EXAMPLE_ZONED}"
        )
    found = _WITH_ZONE.fullmatch(raw)
    local = found.group("local") if found else raw
    zone = load_zone(found.group("zone"), local) if found else None
    example = EXAMPLE_ZONED if zone else EXAMPLE_INSTANT
    if slip := _lookalike(local):
        raise InstantError(f"'{raw}': {slip}{raw[len(local) :]}")
    if slip := _shape_slip(local):
        raise InstantError(f"'{raw}': {slip}")
    try:
        value = datetime.fromisoformat(local)
    except ValueError:
        why = _out_of_range(local)
        message = f"'{raw}' is not a valid date and time{why}, expected e.g. {example}"
        raise InstantError(message) from None
    if len(local) <= len("2021-03-15"):
        what = "time" if zone or site_zone else "time and UTC offset"
        meant = f"{local}T14:00" + (f" {zone.name}" if zone else "" if site_zone else "+01:00")
        raise InstantError(f"'{raw}' has no {what}, expected e.g. {meant}")
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise InstantError(
            f"'{raw}' is in the year {value.year}, expected a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    if value.tzinfo is not None:
        return _with_offset(raw, value, zone, site_zone)
    zone = zone or site_zone
    if zone is None:
        raise InstantError(
            f"'{raw}' has no UTC offset, expected e.g. {EXAMPLE_INSTANT}, or a time zone "
            f"after the time: {EXAMPLE_ZONED} (or set [site] timezone in pressgen.toml)"
        )
    return localise(value, zone)


# What a word processor, an input method or an Arabic keyboard types for the characters an
# instant is written with: the text looks right, and Python reads none of it.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_PLAIN = str.maketrans(dict.fromkeys(_DASHES, "-") | {"\u2236": ":"})


def _lookalike(local: str) -> str | None:
    """A character that looks like a digit, '-', ':' or '+' and is another (an Arabic-Indic
    or full-width digit, a hyphen or dash from Word, a full-width colon), said with the
    instant written with the plain ones (the rest of the text, a zone, follows it)."""
    odd = next((c for c in local if not (c.isascii() or c.isspace()) and _plain(c) != c), None)
    if odd is None:
        return None
    name = unicodedata.name(odd, "").lower()
    return (
        f"'{odd}' (U+{ord(odd):04X}, {name}) looks like '{_plain(odd)}' but is another "
        f"character: write the date and time with the keyboard's digits and '-', ':' and '+', "
        f"as in {''.join(map(_plain, local))}"
    )


def _plain(char: str) -> str:
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    folded = unicodedata.normalize("NFKC", char.translate(_PLAIN))
    return folded if folded.isascii() and len(folded) == 1 else char


def _out_of_range(local: str) -> str:
    """Which part of a date and time written in the right shape is out of its range
    (`2026-13-01`, `T25:00`), said after a colon; else nothing."""
    found = _PARTS.match(local)
    if found is None:
        return ""
    year, month, day = (int(part) for part in found.groups()[:3])
    if not 1 <= month <= 12:
        return f": there is no month {month}"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f": {calendar.month_name[month]} {year} has {days} days, not {day}"
    hour, minute, second = (int(part or 0) for part in found.groups()[3:])
    if hour > 23:
        return f": there is no hour {hour} (hours go from 00 to 23; 24:00 is 00:00 of the next day)"
    if minute > 59 or second > 59:
        return ": minutes and seconds go from 00 to 59"
    return ""


def _shape_slip(local: str) -> str | None:
    """What Python's `fromisoformat` would read as another instant than the one meant: a
    date and time joined by a letter other than T (it takes any), a time or an offset
    written with a dot (10.30 is ten o'clock and 0.3 s), an offset's minutes over 59."""
    after = local[11:]
    if (short := _ONE_DIGIT.match(local)) and any(len(part) == 1 for part in short.groups("00")):
        padded = _two_digits(short, local)
        if why := _out_of_range(padded):  # 2026-2-30: no date to write with two digits
            return f"is no date{why}"
        return f"write each part with two digits, as in {padded}"
    if local[:1] in _QUOTES and local[-1:] in _QUOTES:  # “2026-12-01T10:00”, from Word
        return f"write it without the quotation marks {local[0]}{local[-1]}: {local[1:-1]}"
    if _DATE.match(local) and after and local[10] not in "Tt ":
        return f"write a T between the date and the time, as in {local[:10]}T{after}"
    if found := _NOT_COLON.search(local):
        return f"write the time with colons, {_with_colons(found)}"
    if found := _DOTTED_OFFSET.search(after):
        return f"write the offset with a colon, as in {found[1]}{found[2]}:{found[3]}"
    if (found := _OFFSET_MINUTES.search(after)) and int(found[2]) > 59:
        return "an offset's minutes go from 00 to 59"
    if found and not -720 <= int(found[1]) * 60 + int(found[1][0] + found[2]) <= 840:
        return f"there is no UTC offset {found[1]}:{found[2]}: they go from -12:00 to +14:00"
    if found := _DAY_FIRST.match(local):
        rest = local[found.end() :].strip().lstrip("Tt") or "14:00:00+01:00"
        return _year_first(int(found[1]), int(found[2]), found[3], rest)
    return None


def _year_first(first: int, second: int, year: str, rest: str) -> str:
    """How to write a date written day or month first ("12/08/2026"): most of the world
    writes the day first, the United States the month. When both readings are dates, both
    are named: copying the wrong one would publish months early."""
    from babel.dates import get_month_names

    months = get_month_names("wide", locale="en")
    readings = [(d, m) for d, m in ((first, second), (second, first)) if 1 <= m <= 12]
    readings = list(dict.fromkeys(r for r in readings if _a_day(int(year), r[1], r[0])))
    if not readings:  # 31/06/2026: no reading is a day of the calendar
        return (
            f"is no date (no reading of it is a day of {year}): check it, then write it year first"
        )
    written = [(f"{year}-{m:02}-{d:02}T{rest}", f"{d} {months[m]}") for d, m in readings]
    if len(written) == 1:
        return f"write it year first, as in {written[0][0]} ({written[0][1]})"
    (one, one_day), (other, other_day) = written
    return f"write it year first: {one} for {one_day}, or {other} for {other_day}"


def _two_digits(short: re.Match[str], local: str) -> str:
    """`local` with its month, day and hour in two digits (2026-12-05T09:00)."""
    year, month, day, hour = short.groups()
    written = f"{year}-{int(month):02}-{int(day):02}"
    if hour is not None:
        written += f"{local[short.end(3)]}{int(hour):02}:"
    return written + local[short.end() :]


def _a_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _with_colons(found: re.Match[str]) -> str:
    """The time `found` written with colons, when that is sure (10.30 is 10:30)."""
    before = f"{int(found[1]):02}" if found[1] else found[2]
    if len(found[3]) != 2:
        return "as in 14:05 for five past two"
    return f"as in {before}:{found[3]}"


def _with_offset(raw: str, value: datetime, zone: Zone | None, site_zone: Zone | None) -> datetime:
    """`value` as written; in `zone` (or the site's) when the offset is that zone's then."""
    for candidate in (zone, site_zone):
        if candidate is None:
            continue
        there = value.astimezone(candidate.info)
        if there.replace(tzinfo=None) == value.replace(tzinfo=None):
            return there
        if candidate is zone:
            raise InstantError(
                f"'{raw}': the offset {_offset(value)} is not {candidate.name}'s at that time "
                f"({_offset(there)}, {there.tzname()}); write the offset or the time zone, "
                "not both"
            )
    return value


def localise(local: datetime, zone: Zone) -> datetime:
    """A wall-clock time in `zone`, refused if the zone skips it or passes it twice."""
    early = local.replace(tzinfo=zone.info, fold=0)
    late = local.replace(tzinfo=zone.info, fold=1)
    if early.utcoffset() == late.utcoffset():
        return early
    if _exists(early):
        raise InstantError(_twice(local, early, late, zone))
    raise InstantError(_skipped(local, early, late, zone))


def _exists(instant: datetime) -> bool:
    """Whether the wall time survives a round trip through UTC (not in a spring gap)."""
    back = instant.astimezone(UTC).astimezone(instant.tzinfo)
    return back.replace(tzinfo=None) == instant.replace(tzinfo=None)


def _twice(local: datetime, early: datetime, late: datetime, zone: Zone) -> str:
    when = _clock(local)
    return (
        f"{when} happens twice on {local.date().isoformat()} in {zone.name}: "
        f"{when} {early.tzname()} ({_clock(early.astimezone(UTC))} UTC) or "
        f"{when} {late.tzname()} ({_clock(late.astimezone(UTC))} UTC); "
        f"write the offset, e.g. {early.isoformat(timespec='seconds')}"
    )


def _skipped(local: datetime, early: datetime, late: datetime, named: Zone) -> str:
    """The spring gap: name the change, and where each offset would put the time."""
    zone = named.info
    change = _transition(late.astimezone(UTC), early.astimezone(UTC), zone)
    before, after = change - timedelta(microseconds=1), change
    jump = (
        f"the clocks go forward from {_clock(before.astimezone(zone) + timedelta(microseconds=1))} "
        f"to {_clock(after.astimezone(zone))}"
    )
    when = _clock(local)
    readings = []
    for reading in (early, late):
        utc = reading.astimezone(UTC)
        readings.append(
            f"{when} {reading.tzname()} would be {_clock(utc)} UTC "
            f"({_clock(utc.astimezone(zone))} {utc.astimezone(zone).tzname()})"
        )
    return (
        f"{when} does not exist on {local.date().isoformat()} in {named.name} ({jump}): "
        f"{readings[0]}, {readings[1]}; write a time that exists, or the offset, "
        f"e.g. {early.isoformat(timespec='seconds')}"
    )


def _transition(start: datetime, end: datetime, zone: ZoneInfo) -> datetime:
    """The first UTC instant in (start, end] whose offset in `zone` differs from start's."""
    offset = start.astimezone(zone).utcoffset()
    low, high = start, end
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(zone).utcoffset() == offset:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0)


def _clock(instant: datetime) -> str:
    """'02:30', or '02:30:15' when the seconds were written."""
    return instant.strftime("%H:%M:%S" if instant.second else "%H:%M")


def _offset(instant: datetime) -> str:
    return instant.isoformat()[-6:] if instant.utcoffset() else "+00:00"
