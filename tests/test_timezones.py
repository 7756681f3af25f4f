"""Times written with an IANA zone, or in the site's zone, as a Geneva press officer writes them:
summer time included, the hour that happens twice or never refused with both readings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.read import read_site

from .conftest import ENGLISH, MINIMAL_CONFIG, SiteWriter

YAML = "releases/first-release/release.yaml"
GENEVA_CONFIG = MINIMAL_CONFIG.replace("[site]\n", '[site]\ntimezone = "Europe/Geneva"\n')


def release(date: str, *more: str) -> str:
    lines = [f"date: {date}", "type: press-release", "original: en", "status: published", *more]
    return "\n".join(lines) + "\n"


def page_at(runner: CliRunner, site: Path, out: Path, now: str) -> bool:
    """Whether the release's English page is in a build made at `now` (each instant in a
    folder of its own: one later than the clock is a what-if build)."""
    folder = out / now.replace(":", "-")
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(folder), "--now", now])
    assert result.exit_code == 0, result.output
    return (folder / "en" / "first-release" / "index.html").is_file()


@pytest.mark.parametrize(
    ("date", "utc"),
    [
        pytest.param("2026-12-02T10:00 Europe/Geneva", "2026-12-02T09:00:00+00:00", id="winter"),
        pytest.param("2026-07-02T10:00 Europe/Geneva", "2026-07-02T08:00:00+00:00", id="summer"),
        pytest.param("2026-07-02T10:00:30 Europe/Geneva", "2026-07-02T08:00:30+00:00", id="secs"),
        pytest.param("2026-07-02 10:00 America/New_York", "2026-07-02T14:00:00+00:00", id="space"),
    ],
)
def test_a_named_zone_sets_the_instant_and_travels_with_it(
    make_site: SiteWriter, date: str, utc: str
) -> None:
    site = make_site({YAML: release(date)})
    [read] = read_site(site).releases
    assert read.date.astimezone(UTC).isoformat() == utc
    assert isinstance(read.date.tzinfo, ZoneInfo)


def test_the_site_zone_applies_to_local_times_in_winter_and_summer(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(
        {YAML: release("2026-07-02T10:00", "embargo: 2026-07-02T11:00")}, config=GENEVA_CONFIG
    )
    [read] = read_site(site).releases
    assert read.date.isoformat() == "2026-07-02T10:00:00+02:00"
    assert read.date.tzname() == "CEST" and read.embargo is not None
    assert read.embargo.tzname() == "CEST"
    out = tmp_path / "out"
    assert not page_at(runner, site, out, "2026-07-02T08:59:59Z")
    assert page_at(runner, site, out, "2026-07-02T09:00:00Z")
    # the same local time in winter is an hour later in UTC
    (site / YAML).write_text(release("2026-12-02T10:00"), encoding="utf-8")
    assert not page_at(runner, site, out, "2026-12-02T08:59:59Z")
    assert page_at(runner, site, out, "2026-12-02T09:00:00Z")


def test_an_offset_that_is_the_site_zones_keeps_the_zone_and_another_stays_as_written(
    make_site: SiteWriter,
) -> None:
    site = make_site(
        {YAML: release("2026-12-02T10:00:00+01:00", "embargo: 2026-12-02T09:00:00Z")},
        config=GENEVA_CONFIG,
    )
    [read] = read_site(site).releases
    assert read.date.tzname() == "CET"
    assert read.embargo == datetime(2026, 12, 2, 9, tzinfo=UTC)
    assert read.embargo is not None and read.embargo.utcoffset() == timedelta(0)
    assert read.embargo.tzname() == "UTC"


def check_problems(runner: CliRunner, site: Path) -> list[str]:
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1, result.output
    return result.output.splitlines()[:-1]


def test_a_time_that_happens_twice_names_both_readings(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site({YAML: release("2026-10-25T02:30 Europe/Geneva")})
    assert check_problems(runner, site) == [
        f"{YAML}:1: date: 02:30 happens twice on 2026-10-25 in Europe/Geneva: "
        "02:30 CEST (00:30 UTC) or 02:30 CET (01:30 UTC); write the offset, "
        "e.g. 2026-10-25T02:30:00+02:00"
    ]


def test_a_time_skipped_by_the_summer_change_names_both_readings(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site(
        {YAML: release("2026-01-01T10:00:00+01:00", "embargo: 2026-03-29T02:30")},
        config=GENEVA_CONFIG,
    )
    assert check_problems(runner, site) == [
        f"{YAML}:5: embargo: 02:30 does not exist on 2026-03-29 in Europe/Geneva "
        "(the clocks go forward from 02:00 to 03:00): 02:30 CET would be 01:30 UTC "
        "(03:30 CEST), 02:30 CEST would be 00:30 UTC (01:30 CET); write a time that exists, "
        "or the offset, e.g. 2026-03-29T02:30:00+01:00"
    ]


def test_the_offset_written_for_the_repeated_hour_is_accepted(make_site: SiteWriter) -> None:
    site = make_site({YAML: release("2026-10-25T02:30:00+01:00 Europe/Geneva")})
    [read] = read_site(site).releases
    assert read.date.astimezone(UTC) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert read.date.tzname() == "CET"


def test_a_correction_date_takes_a_zone_too(make_site: SiteWriter) -> None:
    correction = "corrections:\n  - date: 2026-12-03T08:00 Asia/Bangkok\n    note: {en: Fixed.}"
    site = make_site({YAML: release("2026-12-02T10:00 Europe/Geneva", correction)})
    [read] = read_site(site).releases
    assert read.corrections[0].date.astimezone(UTC) == datetime(2026, 12, 3, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param(
            "2026-12-02T10:00 Europe/Genva",
            f"{YAML}:1: date: unknown time zone 'Europe/Genva', did you mean 'Europe/Geneva'?",
            id="typo",
        ),
        pytest.param(
            "2026-12-02T10:00 Geneva",
            f"{YAML}:1: date: unknown time zone 'Geneva', did you mean 'Europe/Geneva'?",
            id="city-alone",
        ),
        pytest.param(
            "2026-12-02T10:00 america/new_york",
            f"{YAML}:1: date: unknown time zone 'america/new_york', "
            "did you mean 'America/New_York'?",
            id="lowercase",
        ),
        pytest.param(
            "2026-12-02T10:00 New York",
            f"{YAML}:1: date: unknown time zone 'New York', did you mean 'America/New_York'?",
            id="city-in-two-words",  # h86: "unknown time zone 'York'"
        ),
        pytest.param(
            "2026-12-02T10:00 São Paulo",
            f"{YAML}:1: date: unknown time zone 'São Paulo', did you mean 'America/Sao_Paulo'?",
            id="city-with-accents",  # h93: "is not a valid date and time"
        ),
        pytest.param(
            "2026-12-02T10:00+02:00 Europe/Geneva",
            f"{YAML}:1: date: '2026-12-02T10:00+02:00 Europe/Geneva': the offset +02:00 is "
            "not Europe/Geneva's at that time (+01:00, CET); write the offset or the time "
            "zone, not both",
            id="offset-against-zone",
        ),
        pytest.param(
            "2026-12-02T10:00",
            f"{YAML}:1: date: '2026-12-02T10:00' has no UTC offset, expected e.g. "
            "2021-03-15T14:00:00+01:00, or a time zone after the time: "
            "2021-03-15T14:00 Europe/Geneva (or set [site] timezone in pressgen.toml)",
            id="no-offset-no-site-zone",
        ),
    ],
)
def test_a_wrong_zone_is_reported_with_a_suggestion(
    runner: CliRunner, make_site: SiteWriter, written: str, expected: str
) -> None:
    assert check_problems(runner, make_site({YAML: release(written)})) == [expected]


ABBREVIATION = "is an abbreviation, which pressgen does not guess at"


TWELVE_HOUR = "after the time is a 12-hour clock, which pressgen does not read"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # 'AM EST' was told "did you mean 'MST'?" (two hours west), 'PM CET' 'MET' (and the
        # PM lost: twelve hours early)
        ("10:00 AM EST", f"'AM' {TWELVE_HOUR}: write the hour from 00 to 23 (2026-12-02T10:00)"),
        ("10:00 PM CET", f"'PM' {TWELVE_HOUR}: write the hour from 00 to 23 (2026-12-02T22:00)"),
        ("12:30 a.m.", f"'a.m.' {TWELVE_HOUR}: write the hour from 00 to 23 (2026-12-02T00:30)"),
        ("10:00 pm Europe/Geneva", "00 to 23 (2026-12-02T22:00 Europe/Geneva)"),
    ],
)
def test_a_twelve_hour_time_is_told_the_hour_it_means_and_never_a_zone_by_spelling(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    [problem] = check_problems(runner, make_site({YAML: release(f"2026-12-02T{written}")}))
    assert problem.startswith(f"{YAML}:1: date: "), problem
    assert told in problem
    assert "did you mean" not in problem
    if "EST" in written:
        assert f"and for the zone: 'EST' {ABBREVIATION}" in problem


@pytest.mark.parametrize(
    ("written", "told", "offset", "zone"),
    [
        ("GMT-5", "'GMT-5' is not the name of a time zone", "-05:00", "America/New_York"),
        ("UTC+3", "'UTC+3' is not the name of a time zone", "+03:00", "America/New_York"),
        ("GMT+0530", "'GMT+0530' is not the name of a time zone", "+05:30", "America/New_York"),
        ("Z", "'Z' is not the name of a time zone", "+00:00", "America/New_York"),  # not 'NZ'
        (
            "etc/gmt-5",
            "'etc/gmt-5' means UTC+05:00 (these names turn the sign round)",
            "+05:00",
            "America/New_York",
        ),
        ("EDT", f"'EDT' {ABBREVIATION}: in America/New_York", "-04:00", "America/New_York"),
        ("CEST", f"'CEST' {ABBREVIATION}: in Europe/Paris it means", "+02:00", "Europe/Paris"),
        ("IST", "'IST' is an abbreviation several zones share", "+01:00", "Asia/Kolkata"),
        # zones of the tz database, but written as abbreviations: CET keeps summer time
        ("CET", f"'CET' {ABBREVIATION}: in Europe/Paris it means UTC+01:00", "+01:00", "Paris"),
        ("EST", f"'EST' {ABBREVIATION}: in America/New_York", "-05:00", "America/New_York"),
    ],
)
def test_an_offset_or_abbreviation_as_a_zone_gets_no_guess(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str, offset: str, zone: str
) -> None:
    """A guess by spelling moves an embargo by hours ('GMT-5' was taken for 'Etc/GMT-5',
    UTC+05:00; 'EDT' for 'WET'; 'CET' for the zone that keeps summer time): the message
    asks for the offset or a place's zone, with the offset the abbreviation stands for."""
    [problem] = check_problems(runner, make_site({YAML: release(f"2026-12-02T10:00 {written}")}))
    assert problem.startswith(f"{YAML}:1: date: {told}"), problem
    assert "did you mean" not in problem
    assert f"(2026-12-02T10:00{offset}" in problem or f"such as 2026-12-02T10:00{offset}" in problem
    assert zone in problem


LOOKALIKE = "but is another character: write the date and time with the keyboard's digits"


@pytest.mark.parametrize(
    ("written", "told"),
    [
        # Word's non-breaking hyphen, an Arabic keyboard's digits, a Chinese input method's
        # colon, a typographer's minus: each was "is not a valid date and time, expected
        # e.g. 2021-03-15T14:00 Europe/Geneva", which looked like what had been written
        ("2026\u201112\u201102T10:00 Europe/Geneva", "'\u2011' (U+2011, non-breaking hyphen)"),
        ("\u0662\u0660\u0662\u0666-12-02T10:00 Europe/Geneva", "(U+0662, arabic-indic digit two)"),
        (
            "2026-12-02T10\uff1a00 Europe/Geneva",
            "'\uff1a' (U+FF1A, fullwidth colon) looks like ':'",
        ),
        ("2026-12-02T10:00\u221205:00", "'\u2212' (U+2212, minus sign) looks like '-'"),
    ],
)
def test_a_lookalike_character_in_an_instant_is_named_with_the_instant_to_write(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    [problem] = check_problems(runner, make_site({YAML: release(written)}))
    assert problem.startswith(f"{YAML}:1: date: '{written}': '"), problem
    assert told in problem
    assert LOOKALIKE in problem
    plain = "2026-12-02T10:00" + ("-05:00" if "\u2212" in written else " Europe/Geneva")
    assert problem.endswith(f"as in {plain}"), problem


@pytest.mark.parametrize(
    ("written", "told"),
    [
        (
            "2026-12-02T10:00 CEST",
            "in Europe/Paris it means UTC+02:00, but on 2026-12-02 Europe/Paris is on CET, "
            "UTC+01:00; write the offset you mean after the time (2026-12-02T10:00+02:00 or "
            "2026-12-02T10:00+01:00), or the place's zone (2026-12-02T10:00 Europe/Paris, "
            "which is UTC+01:00 that day)",
        ),
        (
            "2026-07-02T10:00 CET",
            "in Europe/Paris it means UTC+01:00, but on 2026-07-02 Europe/Paris is on CEST, "
            "UTC+02:00; write the offset you mean after the time (2026-07-02T10:00+01:00 or "
            "2026-07-02T10:00+02:00), or the place's zone (2026-07-02T10:00 Europe/Paris, "
            "which is UTC+02:00 that day)",
        ),
    ],
)
def test_a_summer_abbreviation_of_a_winter_day_says_the_two_advices_differ(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    """'10:00 CEST' in December was told to write +02:00 or Europe/Paris, as if both were the
    same instant: that day Europe/Paris is an hour from +02:00, so an embargo taken from the
    second advice went out an hour later than the first."""
    [problem] = check_problems(runner, make_site({YAML: release(written)}))
    assert problem.startswith(f"{YAML}:1: date: "), problem
    assert told in problem


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("Europe/Genève", "unknown time zone 'Europe/Genève', did you mean timezone = "),
        # the advice for a release's date (an offset after the time) is none in a setting
        ("CET", "'CET' is an abbreviation, which pressgen does not guess at: write the zone"),
        ("UTC+1", "'UTC+1' is an offset, which does not follow summer time: write the zone"),
        ("+01:00", "'+01:00' is an offset, which does not follow summer time: write the zone"),
    ],
)
def test_an_unknown_site_zone_is_reported_in_the_settings(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    config = MINIMAL_CONFIG.replace("[site]\n", f'[site]\ntimezone = "{written}"\n')
    [problem] = check_problems(runner, make_site(config=config))
    assert problem.startswith(f"pressgen.toml:2: site.timezone: {told}"), problem
    assert "after the time" not in problem
    assert 'timezone = "Europe/' in problem


@pytest.mark.parametrize(
    ("now", "public"),
    [
        ("2026-12-02T09:59 Europe/Geneva", False),
        ("2026-12-02T10:00 Europe/Geneva", True),
        ("2026-12-02T09:59:59", False),  # in the site's zone
        ("2026-12-02T10:00:00", True),
    ],
)
def test_now_takes_the_same_forms(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, now: str, public: bool
) -> None:
    site = make_site({YAML: release("2026-12-02T09:00:00Z")}, config=GENEVA_CONFIG)
    assert page_at(runner, site, tmp_path / "out", now) is public


def test_a_date_of_thousands_of_characters_is_refused_at_once(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """60 KB in `date:` ("1 a1 a1 a…") took `check` 10 s, each "1 a" tried as a time and a
    zone's name, and the message quoted all of it; `--now` too (bench/hostile.py)."""
    written = "1 a" * 20_000 + "!"
    assert check_problems(runner, make_site({YAML: release(f'"{written}"')})) == [
        f"{YAML}:1: date: '1 a1 a1 a1 a1 a1 a1 a1 a…' is 60,001 characters long, expected a "
        "date and time of at most 100, e.g. 2021-03-15T14:00 Europe/Geneva"
    ]
    result = runner.invoke(main, ["status", "--now", written, "--site", str(make_site())])
    assert result.exit_code == 2
    assert "is 60,001 characters long" in result.output


def test_now_in_a_repeated_hour_is_a_usage_error(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site(config=GENEVA_CONFIG)
    result = runner.invoke(main, ["build", "--now", "2026-10-25T02:30", "--site", str(site)])
    assert result.exit_code == 2
    assert "02:30 happens twice on 2026-10-25 in Europe/Geneva" in result.output


@pytest.mark.parametrize(
    "command",
    [
        ["build"],
        ["preview", "first-release"],
        ["status"],
        ["mail", "first-release", "--list", "journalists", "--dry-run"],
    ],
    ids=lambda command: command[0],
)
def test_a_local_now_before_site_is_read_in_that_sites_zone(
    runner: CliRunner,
    make_site: SiteWriter,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    """`--now` may come before `--site` on the line; its local time is still the site's
    (the command is run from a folder that is not a site)."""
    site = make_site({YAML: release("2026-12-02T09:00:00Z")}, config=GENEVA_CONFIG)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = runner.invoke(main, [*command, "--now", "2026-12-02T10:00", "--site", str(site)])
    assert "'--now'" not in result.output and result.exit_code != 2, result.output


def test_a_time_zone_typed_without_quotes_is_told_to_take_them(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """The shell splits `--now 2026-12-02T09:00 Europe/Geneva` in two: pressgen gets a
    time without its zone, and says how to keep them together."""
    site = make_site()
    command = ["status", "--site", str(site), "--now", "2026-12-02T09:00", "Europe/Geneva"]
    result = runner.invoke(main, command)
    assert result.exit_code == 2
    assert 'in quotes: --now "2026-12-02T09:00 Europe/Geneva"' in result.output


def test_zoned_releases_survive_the_build_cache(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site({YAML: release("2026-07-02T10:00")}, config=GENEVA_CONFIG)
    out = tmp_path / "out"
    assert page_at(runner, site, out, "2026-08-01T00:00:00Z")
    (site / "releases" / "second").mkdir()
    (site / "releases" / "second" / "release.yaml").write_text(release("2026-07-03T10:00"))
    (site / "releases" / "second" / "en.md").write_text(ENGLISH)
    assert page_at(runner, site, out, "2026-08-01T00:00:00Z")  # the first one from the cache
    rss = (out / "2026-08-01T00-00-00Z" / "en" / "rss.xml").read_text(encoding="utf-8")
    assert "Thu, 02 Jul 2026 10:00:00 +0200" in rss and "Fri, 03 Jul 2026 10:00:00 +0200" in rss


# The autumn night's repeated hour: 02:45 CEST (00:45 UTC) comes before 02:30 CET (01:30 UTC),
# though its clock reads later. Two times in one zone compare by their clock readings in
# Python, so each comparison of instants must be made in UTC.
FIRST_0245 = "2027-10-31T02:45:00+02:00"  # 00:45 UTC
SECOND_0230 = "2027-10-31T02:30:00+01:00"  # 01:30 UTC


@pytest.mark.parametrize(
    "now", ["2027-10-31T01:00:00Z", f"{FIRST_0245} Europe/Geneva"], ids=["utc", "geneva"]
)
def test_an_embargo_in_the_repeated_hour_holds_until_its_instant(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, now: str
) -> None:
    yaml = release(FIRST_0245, f"embargo: {SECOND_0230}")
    site = make_site({YAML: yaml}, config=GENEVA_CONFIG)
    [read] = read_site(site).releases
    assert read.scheduled_from.astimezone(UTC) == datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    assert not page_at(runner, site, tmp_path / "out", now)
    status = runner.invoke(main, ["status", "--site", str(site), "--now", now, "--json"])
    assert '"state": "embargoed"' in status.output, status.output


def test_now_in_the_repeated_hour_is_judged_as_the_instant_it_names(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Published at 02:30 CET (01:30 UTC): a build at 02:45 CEST (00:45 UTC) comes before."""
    site = make_site({YAML: release(SECOND_0230)}, config=GENEVA_CONFIG)
    assert not page_at(runner, site, tmp_path / "out", f"{FIRST_0245} Europe/Geneva")
    assert page_at(runner, site, tmp_path / "out", "2027-10-31T02:31:00+01:00 Europe/Geneva")


def test_the_next_releases_are_those_of_the_next_instant_not_of_its_clock_reading(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """02:45 summer time and 02:45 winter time read alike and are an hour apart."""
    files: dict[str, str | bytes] = {YAML: release(FIRST_0245)}
    files["releases/later-one/release.yaml"] = release("2027-10-31T02:45:00+01:00")
    files["releases/later-one/en.md"] = ENGLISH
    site = make_site(files, config=GENEVA_CONFIG)
    now = "2027-10-31T00:00:00Z"
    result = runner.invoke(main, ["status", "--site", str(site), "--now", now, "--json"])
    report = json.loads(result.output)
    assert report["next"] == "2027-10-31T02:45:00+02:00"
    assert report["next_releases"] == ["first-release"]


@pytest.mark.parametrize(
    ("now", "told"),
    [
        (["2026-12-02", "09:00"], 'a date and its time go in quotes: --now "2026-12-02 10:00"'),
        (
            ["2026-12-02T09:00", "Europe/Geneva"],  # the site's zone reads the first half
            'if "Europe/Geneva" belongs to --now, put both in quotes: '
            '--now "2026-12-02T09:00 Europe/Geneva"',
        ),
    ],
)
def test_a_date_and_time_typed_without_quotes_are_told_to_take_them(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, now: list[str], told: str
) -> None:
    """`--now 2026-12-02 09:00` was told the date has no time; with a site's zone, the zone
    typed after the time was only "Got unexpected extra argument" (h127)."""
    site = make_site(config=GENEVA_CONFIG)
    command = ["build", "--site", str(site), "--out", str(tmp_path / "out"), "--now", *now]
    result = runner.invoke(main, command)
    assert result.exit_code == 2 and told in result.output, result.output


def test_a_word_left_over_elsewhere_is_not_taken_for_part_of_now(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`--now T --site . stray` was told to put "--site" in quotes with the time (h130)."""
    site = make_site()
    command = ["status", "--now", "2026-12-05T10:00Z", "--site", str(site), "stray"]
    result = runner.invoke(main, command)
    assert result.exit_code == 2 and "belongs to --now" not in result.output, result.output
