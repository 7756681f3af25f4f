"""Time zones as a press officer names them, and what to say when a name is none.

A name is never guessed at by its spelling when a guess could move an embargo: abbreviations
('EST', 'CET'), offsets written as names ('GMT+1'), a 12-hour clock ('10:00 PM EST') are
refused with the offset or the place's zone to write instead; a typo in a place's name
('Europe/Genva') is told its nearest place.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

# keys that load but name this machine's own setting, not a place: never the same everywhere
_MACHINE_KEYS = frozenset({"localtime", "posixrules", "Factory"})
# Cities where newsrooms are that the IANA database files under another city of the same
# zone: `Europe/Geneva` is what a Geneva press officer writes (and what the release format
# shows), `Europe/Zurich` is what the database knows.
CITY_ZONES = {
    "Europe/Geneva": "Europe/Zurich",
    "Europe/The_Hague": "Europe/Amsterdam",
    "Europe/Bonn": "Europe/Berlin",
    "Europe/Strasbourg": "Europe/Paris",
    "America/Washington": "America/New_York",
    "Asia/New_Delhi": "Asia/Kolkata",
}
_BARE_OFFSET = re.compile(r"[+-]\d{1,2}(?::?\d\d)?")


class InstantError(ValueError):
    """What is wrong with a written instant, in words a press officer can act on."""


@dataclass(frozen=True)
class Zone:
    """A time zone as the press officer named it, and the IANA zone that keeps its rules."""

    name: str
    info: ZoneInfo


def site_zone(timezone: str | None) -> Zone | None:
    """The zone of a site's `timezone` setting, in which times written without an offset
    are read; None for a site without one."""
    return load_zone(timezone) if timezone else None


def load_zone(key: str, local: str = "2021-03-15T14:00") -> Zone:
    """The zone `key` names, or InstantError suggesting the nearest real name; `local` is
    the time written before it, for the examples of a message."""
    if key not in _MACHINE_KEYS and not _SIGN_REVERSED.fullmatch(key) and not _legacy(key):
        try:
            return Zone(key, ZoneInfo(CITY_ZONES.get(key, key)))
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    raise InstantError(_unknown_zone(key, local))


def load_setting_zone(key: str) -> Zone:
    """The zone a site's `timezone` setting names, or InstantError saying which place's
    zone to write there (an offset after a time, the advice for a release's date, is no
    answer in a setting)."""
    try:
        return load_zone(key)
    except InstantError:
        pass
    named = _ABBREVIATION.fullmatch(key) or _legacy(key)
    zones = list(dict.fromkeys(_meanings(key, "2021-03-15").values())) if named else []
    if zones:
        raise InstantError(
            f"'{key}' is an abbreviation, which pressgen does not guess at: write the zone "
            f'of the newsroom\'s place, such as timezone = "{zones[0]}"'
        )
    if _OFFSET_NAME.fullmatch(key) or _SIGN_REVERSED.fullmatch(key) or _BARE_OFFSET.fullmatch(key):
        raise InstantError(
            f"'{key}' is an offset, which does not follow summer time: write the zone of "
            'the newsroom\'s place, such as timezone = "Europe/Geneva"'
        )
    close = suggest_zone(key)
    hint = (
        f'did you mean timezone = "{close}"?'
        if close
        else 'expected a place\'s zone such as timezone = "Europe/Geneva"'
    )
    raise InstantError(f"unknown time zone '{key}', {hint}")


# What is no zone's name, and must never be guessed at by its spelling: a guess moves an
# embargo by hours ('GMT-5' is close to 'Etc/GMT-5', which is UTC+05:00; 'EDT' to 'WET').
_OFFSET_NAME = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2}):?(\d\d)?|(Z|UT)", re.IGNORECASE)
_SIGN_REVERSED = re.compile(r"Etc/GMT([+-])(\d{1,2})", re.IGNORECASE)
_ABBREVIATION = re.compile(r"[A-Z]{2,5}")
_TWELVE_HOUR = re.compile(r"([AaPp])\.?[Mm]\.?(?:\s+(.+))?")  # AM, p.m. EST
_HOUR_AT_END = re.compile(r"(\d{1,2}):(\d\d)(?::\d\d)?$")
# Old names in the tz database that read as abbreviations: "10:00 CET" meant as UTC+01:00
# is 10:00 UTC+02:00 in July (the zone CET keeps summer time), "EST" is -05:00 all year.
_LEGACY = re.compile(r"[A-Z]{3}(?:\d[A-Z]{3})?")  # CET, MET, EET, WET, EST, EST5EDT, ...
_UNIVERSAL = frozenset({"UTC", "GMT", "UCT"})
# Zones whose abbreviations a press officer may write ("10:00 CEST"): the tz database says
# which offset each stands for, so that the message can show the one meant.
_ABBREVIATED = (
    *("Europe/London", "Europe/Dublin", "Europe/Paris", "Europe/Athens", "Europe/Moscow"),
    *("Africa/Lagos", "Africa/Nairobi", "Africa/Johannesburg", "Asia/Jerusalem"),
    *("Asia/Karachi", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney"),
    *("America/Halifax", "America/New_York", "America/Chicago", "America/Denver"),
    *("America/Los_Angeles", "Pacific/Honolulu"),
)
_PLACE = "or a place's zone such as America/New_York"


def _legacy(key: str) -> bool:
    return key not in _UNIVERSAL and _LEGACY.fullmatch(key) is not None


def _unknown_zone(key: str, local: str) -> str:
    if found := _TWELVE_HOUR.fullmatch(key):
        return _twelve_hour_message(found, local)
    if found := _OFFSET_NAME.fullmatch(key):
        offset = "+00:00" if found[4] else f"{found[1]}{int(found[2]):02}:{found[3] or '00'}"
        return (
            f"'{key}' is not the name of a time zone: write the offset after the time "
            f"({local}{offset}), {_PLACE}"
        )
    if found := _SIGN_REVERSED.fullmatch(key):
        offset = f"{'-' if found[1] == '+' else '+'}{int(found[2]):02}:00"
        return (
            f"'{key}' means UTC{offset} (these names turn the sign round): write the offset "
            f"after the time ({local}{offset} if that is what you mean), {_PLACE}"
        )
    if _ABBREVIATION.fullmatch(key) or _legacy(key):
        return _abbreviation_message(key, local)
    close = suggest_zone(key)
    hint = (
        f"did you mean '{close}'?"
        if close
        else "expected an IANA time zone name such as Europe/Geneva or America/New_York"
    )
    return f"unknown time zone '{key}', {hint}"


def _twelve_hour_message(found: re.Match[str], local: str) -> str:
    """'10:00 PM EST': the hour as it is meant, on a 24-hour clock, then what to write for
    the zone (a guess at 'PM EST' by its spelling would be another zone, hours away)."""
    hour = _HOUR_AT_END.search(local)
    meant = local
    if hour:
        number = int(hour[1]) % 12 + (12 if found[1].lower() == "p" else 0)
        meant = f"{local[: hour.start()]}{number:02}:{hour[2]}"
    message = (
        f"'{found[0].split()[0]}' after the time is a 12-hour clock, which pressgen does not "
        f"read: write the hour from 00 to 23 ({meant}"
    )
    if not found[2]:
        return message + ")"
    try:
        load_zone(found[2], meant)
    except InstantError as error:
        return f"{message}), and for the zone: {error}"
    return f"{message} {found[2]})"


def _abbreviation_message(key: str, local: str) -> str:
    """No guess, but the offsets `key` stands for in the tz database, to write instead."""
    meanings = _meanings(key, local)
    if len(meanings) == 1:
        [(offset, zone)] = meanings.items()
        said = f"'{key}' is an abbreviation, which pressgen does not guess at: in {zone} it "
        on_day = _zone_on_day(zone, local)
        if on_day is not None and on_day[0] != key:  # 'CEST' written of a day in winter
            name, other = on_day
            return (
                f"{said}means UTC{offset}, but on {local[:10]} {zone} is on {name}, "
                f"UTC{other}; write the offset you mean after the time ({local}{offset} or "
                f"{local}{other}), or the place's zone ({local} {zone}, which is UTC{other} "
                "that day)"
            )
        return (
            f"{said}means UTC{offset}; write the offset after the time ({local}{offset}), or "
            f"the place's zone ({local} {zone})"
        )
    if meanings:
        listed = ", ".join(f"UTC{offset} in {zone}" for offset, zone in meanings.items())
        offset, zone = next(iter(meanings.items()))
        return (
            f"'{key}' is an abbreviation several zones share ({listed}): write the offset "
            f"after the time (such as {local}{offset}), or a place's zone such as {zone}"
        )
    return (
        f"'{key}' is an abbreviation, which pressgen does not guess at: write the offset "
        f"after the time (such as {local}+01:00 for one hour ahead of UTC), {_PLACE}"
    )


def _zone_on_day(zone: str, local: str) -> tuple[str, str] | None:
    """The abbreviation and offset `zone` has at the time written, when it is a full date
    and time: a summer abbreviation written of a winter day means another instant than the
    place's zone does, and the message must say which is which."""
    try:
        instant = datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone))
    except ValueError:
        return None
    name, offset = instant.tzname(), instant.utcoffset()
    return (name, _offset_text(offset)) if name and offset is not None else None


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"


def _meanings(key: str, local: str) -> dict[str, str]:
    """Offset -> zone, for each offset that `key` names in `_ABBREVIATED`'s zones, on the
    day written or in that year's winter or summer."""
    try:
        day = datetime.fromisoformat(local[:10])
    except ValueError:
        day = datetime(2021, 3, 15)
    found: dict[str, str] = {}
    for name in _ABBREVIATED:
        zone = ZoneInfo(name)
        for when in (day, day.replace(month=1, day=15), day.replace(month=7, day=15)):
            instant = when.replace(hour=12, tzinfo=zone)
            offset = instant.utcoffset()
            if instant.tzname() == key and offset is not None:
                found.setdefault(_offset_text(offset), name)
    return found


@lru_cache(maxsize=1)
def _zone_names() -> tuple[str, ...]:
    return tuple(sorted((available_timezones() | set(CITY_ZONES)) - _MACHINE_KEYS))


def suggest_zone(key: str) -> str | None:
    """The zone name a typo most likely meant: same letters in another case, the same city
    under its region ('Geneva' -> 'Europe/Geneva'), or the closest spelling of a place's
    zone (never 'MST' for 'AM EST', nor 'EST', nor an 'Etc/' name such as 'Etc/GMT-5')."""
    names = _zone_names()
    by_lower = {name.lower(): name for name in names}
    wanted = _unaccented(key.strip().replace(" ", "_").lower())  # 'Genève', 'São Paulo'
    if wanted in by_lower:
        return by_lower[wanted]
    places = [name for name in names if "/" in name and not name.startswith("Etc/")]
    city = wanted.rsplit("/", 1)[-1]
    cities = {name.lower().rsplit("/", 1)[-1]: name for name in reversed(places)}
    close = difflib.get_close_matches(city, cities, n=1, cutoff=0.8) or difflib.get_close_matches(
        key, places, n=1, cutoff=0.6
    )
    return cities.get(close[0], close[0]) if close else None


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
