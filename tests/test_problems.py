"""Every class of bad input, as a press officer meets it: `path:line: field: message`, exit 1.

Each case writes one broken file into the small site of `make_site` (whose own release is valid)
and runs `pressgen check`. The default release.yaml has date on line 1, type 2, original 3,
regions 4, status 5; en.md has `---` on line 1, title 2, dateline 3, contacts 4-7, `---` 8.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgen.cli import main

from .conftest import ENGLISH, MINIMAL_CONFIG, RELEASE_YAML, SiteWriter

RELEASE = "releases/first-release/"
YAML = RELEASE + "release.yaml"
MD = RELEASE + "en.md"
OFFSET_HINT = "expected e.g. 2021-03-15T14:00:00+01:00"


def run_check(runner: CliRunner, site: Path) -> list[str]:
    """The problem lines of a failed `check`, after asserting it failed as a user error."""
    return problem_lines(runner.invoke(main, ["check", "--site", str(site)]))


def problem_lines(result: Result) -> list[str]:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert "internal error" not in result.output
    *problems, summary = result.output.splitlines()
    warnings = sum(line.startswith("warning: ") for line in problems)
    counts = (len(problems) - warnings, "problem"), (warnings, "warning")
    found = " and ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in counts if n)
    assert summary == f"{found} found; nothing was written."
    return problems


def assert_reported(problems: list[str], prefix: str, *words: str) -> None:
    """Exactly one problem starts with `prefix` (path:line: field:) and says all of `words`."""
    found = [line for line in problems if line.startswith(prefix + " ")]
    assert len(found) == 1, f"{prefix!r} not reported once in:\n" + "\n".join(problems)
    for word in words:
        assert word in found[0], f"{word!r} missing from {found[0]!r}"


def release_yaml(**changes: str) -> str:
    """The default release.yaml with some lines replaced (`status="status: live"`) or added."""
    lines = dict(line.split(":", 1) for line in RELEASE_YAML.splitlines())
    text = "".join(f"{changes.pop(key, f'{key}:{value}')}\n" for key, value in lines.items())
    return text + "".join(f"{line}\n" for line in changes.values())


def front_matter(*lines: str, body: str = "Body of the release.\n") -> str:
    return "---\n" + "".join(f"{line}\n" for line in lines) + "---\n" + body


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {YAML: release_yaml(regions="") + "regions: [global\n"},
            f"{YAML}:6: regions:",
            ("the '[' on this line is never closed",),
            id="unclosed-bracket-at-the-end",
        ),
        pytest.param(
            {YAML: release_yaml(regions="regions: [global")},
            f"{YAML}:4: regions:",
            ("the '[' on this line is never closed", "e.g. regions: [a, b]"),
            id="unclosed-bracket-then-more",
        ),
        pytest.param(
            {YAML: release_yaml(original="original: en: fr")},
            f"{YAML}:3: original:",
            ('put the original in quotes: original: "en: fr"',),
            id="colon-in-value",
        ),
        pytest.param(
            {YAML: release_yaml(type="  type: press-release")},
            f"{YAML}:2:",
            ("'type:' is indented further than the key above it",),
            id="indentation",
        ),
        pytest.param(
            {YAML: release_yaml(status="\tstatus: published")},
            f"{YAML}:5:",
            ("indent with spaces, not tabs",),
            id="tab",
        ),
        pytest.param(
            {YAML: RELEASE_YAML + "---\nstatus: draft\n"},
            f"{YAML}:6:",
            ("invalid YAML", "expected a single document"),
            id="two-documents",
        ),
        pytest.param(
            {MD: front_matter("title: A headline", "dateline: [Geneva")},
            f"{MD}:3: dateline:",
            ("the '[' on this line is never closed; put the dateline in quotes",),
            id="front-matter-unclosed-bracket",
        ),
        pytest.param(
            {MD: front_matter("title: A headline", "dateline: Geneva", "summary: one: two")},
            f"{MD}:4: summary:",
            ('put the summary in quotes: summary: "one: two"',),
            id="front-matter-colon-in-value",
        ),
        pytest.param(
            {MD: front_matter("title: 'A headline", "dateline: Geneva")},
            f"{MD}:2: title:",
            ("the quote ' that opens this value is never closed",),
            id="front-matter-unclosed-quote",
        ),
    ],
)
def test_yaml_syntax_error_is_reported_on_its_line(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {MD: front_matter("title: [A, headline]", "dateline: Geneva")},
            f"{MD}:2: title:",
            ("expected text",),
            id="list-for-title",
        ),
        pytest.param(
            {MD: front_matter("title: A headline", "dateline: {city: Geneva}")},
            f"{MD}:3: dateline:",
            ("expected text",),
            id="mapping-for-dateline",
        ),
        pytest.param(
            {MD: front_matter("title: A headline", "dateline: Geneva", "summary:")},
            f"{MD}:4: summary:",
            ("expected text",),
            id="nothing-for-summary",
        ),
        pytest.param(
            {MD: front_matter("title: A headline", "dateline: Geneva", "contacts: Jane Doe")},
            f"{MD}:4: contacts:",
            ("expected a list of contacts",),
            id="text-for-contacts",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "contacts:", "  - Jane Doe")},
            f"{MD}:5: contacts:",
            ("expected a list of key: value pairs",),
            id="text-for-a-contact",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: Geneva", "image: a photo")},
            f"{MD}:4: image:",
            ("expected a list of key: value pairs",),
            id="text-for-image",
        ),
        pytest.param(
            {YAML: release_yaml(regions="regions: {global: yes}")},
            f"{YAML}:4: regions:",
            ("expected a list of keys",),
            id="mapping-for-regions",
        ),
        pytest.param(
            {YAML: release_yaml(type="type: [press-release, news]")},
            f"{YAML}:2: type:",
            ("expected a key",),
            id="list-for-type",
        ),
        pytest.param(
            {YAML: release_yaml(status="status: [published]")},
            f"{YAML}:5: status:",
            ("expected a key",),
            id="list-for-status",
        ),
        pytest.param(
            {YAML: "- date: 2024-05-01T10:00:00+02:00\n"},
            f"{YAML}:1:",
            ("expected a list of key: value pairs",),
            id="list-for-the-whole-file",
        ),
    ],
)
def test_wrong_type_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {YAML: release_yaml(type="", status="")},
            f"{YAML}:1: type:",
            ("is missing", "press-release"),
            id="type",
        ),
        pytest.param(
            {YAML: release_yaml(type="", status="")},
            f"{YAML}:1: status:",
            ("is missing", "draft, published or withdrawn"),
            id="status",
        ),
        pytest.param(
            {YAML: release_yaml(date="")},
            f"{YAML}:2: date:",
            ("is missing", "2021-03-15T14:00:00+01:00"),
            id="date",
        ),
        pytest.param(
            {MD: front_matter("dateline: Geneva")},
            f"{MD}:2: title:",
            ("is missing", "headline"),
            id="title",
        ),
        pytest.param(
            {MD: front_matter("title: A headline")},
            f"{MD}:2: dateline:",
            ("is missing", "place the release is issued from"),
            id="dateline",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: B", "contacts:", "  - email: a@b.org")},
            f"{MD}:5: contacts.name:",
            ("is missing", "name"),
            id="contact-name",
        ),
    ],
)
def test_missing_required_field_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


@pytest.mark.parametrize(
    ("files", "prefix", "suggestion"),
    [
        pytest.param(
            {YAML: RELEASE_YAML + "embrago: 2024-05-01T09:00:00Z\n"},
            f"{YAML}:6: embrago:",
            "did you mean 'embargo'?",
            id="embrago",
        ),
        pytest.param(
            {YAML: RELEASE_YAML + "topic: [health]\n"},
            f"{YAML}:6: topic:",
            "did you mean 'topics'?",
            id="topic",
        ),
        pytest.param(
            {MD: ENGLISH.replace("title:", "titel:")},
            f"{MD}:2: titel:",
            "did you mean 'title'?",
            id="titel",
        ),
        pytest.param(
            {MD: ENGLISH.replace("email:", "emial:")},
            f"{MD}:6: contacts.emial:",
            "did you mean 'email'?",
            id="contact-emial",
        ),
    ],
)
def test_unknown_field_is_reported_with_a_suggestion(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str],
    prefix: str,
    suggestion: str,
) -> None:
    problems = run_check(runner, make_site(files))
    name = prefix.rsplit(" ", 1)[1].rstrip(":").rsplit(".", 1)[-1]
    assert_reported(problems, prefix, f"unknown field '{name}'", suggestion)


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        pytest.param("date", "2024-05-01T10:00:00", ("has no UTC offset",), id="date-no-offset"),
        pytest.param("date", "2024-05-01 10:00", ("has no UTC offset",), id="date-space"),
        pytest.param(
            "embargo", "2024-05-01T09:00:00", ("has no UTC offset",), id="embargo-no-offset"
        ),
    ],
)
def test_instant_without_utc_offset_is_reported(
    runner: CliRunner, make_site: SiteWriter, field: str, value: str, words: tuple[str, ...]
) -> None:
    text = release_yaml(**{field: f"{field}: {value}"})
    line = [ln.split(":")[0] for ln in text.splitlines()].index(field) + 1
    problems = run_check(runner, make_site({YAML: text}))
    assert_reported(problems, f"{YAML}:{line}: {field}:", f"'{value}'", *words, OFFSET_HINT)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("date", "2024-05-01", id="date"),
        pytest.param("date", "'2024-05-01'", id="quoted-date"),
        pytest.param("embargo", "2024-05-01", id="embargo"),
    ],
)
def test_date_without_time_is_reported(
    runner: CliRunner, make_site: SiteWriter, field: str, value: str
) -> None:
    text = release_yaml(**{field: f"{field}: {value}"})
    line = [ln.split(":")[0] for ln in text.splitlines()].index(field) + 1
    problems = run_check(runner, make_site({YAML: text}))
    told = "'2024-05-01' has no time and UTC offset, expected e.g. 2024-05-01T14:00+01:00"
    assert_reported(problems, f"{YAML}:{line}: {field}:", told)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("2024-13-01T10:00:00+02:00", "is not a valid date and time: there is no month 13"),
        (
            "2024-02-30T10:00:00+02:00",
            "is not a valid date and time: February 2024 has 29 days, not 30",
        ),
        ("2024-05-01T25:00:00+02:00", "is not a valid date and time: there is no hour 25"),
        (
            "2024-05-01T10:60:00+02:00",
            "is not a valid date and time: minutes and seconds go from 00 to 59",
        ),
        (
            "12/03/2026",
            "'12/03/2026': write it year first: 2026-03-12T14:00:00+01:00 for 12 March, "
            "or 2026-12-03T14:00:00+01:00 for 3 December",
        ),
        (
            "3.6.2026 10:00",
            "'3.6.2026 10:00': write it year first: 2026-06-03T10:00 for 3 June, "
            "or 2026-03-06T10:00 for 6 March",
        ),
        (
            "\u201c2026-12-01T10:00:00+01:00\u201d",
            "'\u201c2026-12-01T10:00:00+01:00\u201d': write it without the quotation marks "
            "\u201c\u201d: 2026-12-01T10:00:00+01:00",
        ),
        (
            "2026-12-5T9:00+01:00",
            "'2026-12-5T9:00+01:00': write each part with two digits, as in 2026-12-05T09:00+01:00",
        ),
        (  # the advice was "2026-06-31 (31 June)", a day no calendar has (h140)
            "31/06/2026 10:00",
            "'31/06/2026 10:00': is no date (no reading of it is a day of 2026): check it, "
            "then write it year first",
        ),
        ("2026-2-30T10:00+01:00", "is no date: February 2026 has 28 days, not 30"),
        (
            "25/6/2026T10:00+02:00",
            "'25/6/2026T10:00+02:00': write it year first, as in 2026-06-25T10:00+02:00 (25 June)",
        ),
        (
            "6/25/2026 10:00",
            "'6/25/2026 10:00': write it year first, as in 2026-06-25T10:00 (25 June)",
        ),
        (
            "5/5/2026 10:00",
            "'5/5/2026 10:00': write it year first, as in 2026-05-05T10:00 (5 May)",
        ),
        (
            "2024-05-01T10:00:00+25:00",
            "'2024-05-01T10:00:00+25:00': there is no UTC offset +25:00: they go from -12:00",
        ),
        (
            "2024-05-01T10:00:00-13:00",
            "'2024-05-01T10:00:00-13:00': there is no UTC offset -13:00: they go from -12:00",
        ),
        (
            "2024-05-01T10:00:00+14:30",
            "'2024-05-01T10:00:00+14:30': there is no UTC offset +14:30: they go from -12:00",
        ),
    ],
)
def test_a_date_out_of_range_or_written_day_first_says_what_to_write(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    """ "is not a valid date and time" alone left the writer to find the 13th month (h102),
    a date written day first or an offset out of range (h100)."""
    problems = run_check(runner, make_site({YAML: release_yaml(date=f"date: {written}")}))
    assert_reported(problems, f"{YAML}:1: date:", told)


def test_a_title_as_long_as_a_paragraph_is_a_warning(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A 640-character title passed check and was published (h102)."""
    long = "IOM and UNOCT sign an agreement " * 20
    text = ENGLISH.replace("title: A headline in English", f"title: {long.strip()}")
    result = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": text}))])
    assert (
        f"warning: {RELEASE}en.md:2: title: is {len(long.strip())} characters long, more "
        "than 200: is a paragraph in it?"
    ) in result.output, result.output
    ok = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": ENGLISH}))])
    assert "characters long" not in ok.output
    quoted = text.replace("title:", '"title" :')  # its line was not told (h102)
    result = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": quoted}))])
    assert f"warning: {RELEASE}en.md:2: title: is" in result.output, result.output
    accented = "e\u0301" * 150 + " a headline"  # 161 letters, 311 code points (h103)
    text = ENGLISH.replace("title: A headline in English", f"title: {accented}")
    ok = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": text}))])
    assert "characters long" not in ok.output


@pytest.mark.parametrize(
    ("title", "tag"),
    [
        ("'Floods: <b>urgent</b> appeal'", "<b>"),
        ("'Aid <br/> now'", "<br/>"),
        ("'A <img src=x onerror=alert(1) hidden>'", "<img src=x onerror=alert(1) hidden>"),
        ("'A <svg/onload=alert(1)> B'", "<svg/onload=alert(1)>"),  # h136: these two were not
    ],
)
def test_a_title_holding_an_html_tag_is_a_warning(
    runner: CliRunner, make_site: SiteWriter, title: str, tag: str
) -> None:
    """h131: a headline with `<b>` showed the tag on the page, and the feed validator warned
    of every feed that carried it ("title should not contain HTML"); `check` said nothing.
    Not a comparison ("children <5 and >10")."""
    text = ENGLISH.replace("title: A headline in English", f"title: {title}")
    result = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": text}))])
    assert (
        f"warning: {RELEASE}en.md:2: title: holds '{tag}', an HTML tag, which the page shows "
        "as written and a feed reader may take for markup: a headline has no bold or "
        "italics, write it without the tag"
    ) in result.output.splitlines(), result.output
    for words in ("Aid for children <5 and >10", "If A<B and C>D", "Budget <draft 2> ready"):
        text = ENGLISH.replace("title: A headline in English", f"title: {words}")
        ok = runner.invoke(main, ["check", "--site", str(make_site({RELEASE + "en.md": text}))])
        assert "HTML tag" not in ok.output, ok.output  # (h134: the second and third were)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        ("2024-05-01t10.30+02:00", "write the time with colons, as in 10:30"),
        ("2024-05-01_10:30+02:00", "write a T between the date and the time"),
        ("2024-05-01x10:30+02:00", "write a T between the date and the time"),
        ("2024-05-01T10:30-03.30", "write the offset with a colon, as in -03:30"),
        ("2024-05-01T10:30+05,30", "write the offset with a colon, as in +05:30"),
        ("2024-05-01T10:30+01:60", "an offset's minutes go from 00 to 59"),
    ],
)
def test_a_time_python_would_read_otherwise_is_refused(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    """Python takes any letter between date and time, and reads 10.30 as ten o'clock and
    0.3 s, an offset -03.30 as three hours and 0.3 s: each lifted an embargo half an hour
    early, and check said OK (h103)."""
    text = release_yaml(embargo=f"embargo: {written}")
    problems = run_check(runner, make_site({YAML: text}))
    assert_reported(problems, f"{YAML}:6: embargo:", f"'{written}': {told}")


@pytest.mark.parametrize("written", ["10.30", "10h30", "10,30", "9.30"])
def test_a_time_written_with_a_dot_is_refused(
    runner: CliRunner, make_site: SiteWriter, written: str
) -> None:
    """Python reads 10.30 as ten o'clock and 0.3 seconds: an embargo so written lifted half
    an hour early, and check said OK (h102)."""
    text = release_yaml(embargo=f"embargo: 2024-05-01T{written}:00+02:00".replace(":00+", "+"))
    problems = run_check(runner, make_site({YAML: text}))
    hours = written.replace(".", ":").replace("h", ":").replace(",", ":").zfill(5)
    assert_reported(problems, f"{YAML}:6: embargo:", f"write the time with colons, as in {hours}")


@pytest.mark.parametrize(
    "value",
    [
        "2021-02-30T10:00:00+01:00",
        "2021-13-01T10:00:00+01:00",
        "2021-03-15T25:00:00+01:00",
        "yesterday",
        "1615813200",
    ],
)
def test_impossible_date_is_reported(runner: CliRunner, make_site: SiteWriter, value: str) -> None:
    problems = run_check(runner, make_site({YAML: release_yaml(date=f"date: {value}")}))
    assert_reported(problems, f"{YAML}:1: date:", f"'{value}'", OFFSET_HINT)


@pytest.mark.parametrize(
    ("value", "field", "year"),
    [
        ("0021-06-02T16:00:00+02:00", "date", "21"),  # published, with an RSS date of year 21
        ("1899-12-31T10:00:00+00:00", "date", "1899"),
        ("3021-06-02T16:00:00+02:00", "date", "3021"),
        ("9999-12-31T23:59:59-05:00", "embargo", "9999"),  # `pressgen status` failed on it
    ],
)
def test_a_year_out_of_range_is_reported(
    runner: CliRunner, make_site: SiteWriter, value: str, field: str, year: str
) -> None:
    """A year from 1900 to 2999: any other is a typo, which made feeds invalid (RSS wants
    four digits) or could not be converted to UTC."""
    text = release_yaml() + f"{field}: {value}\n" if field == "embargo" else None
    yaml = text or release_yaml(date=f"date: {value}")
    problems = run_check(runner, make_site({YAML: yaml}))
    line = yaml.splitlines().index(f"{field}: {value}") + 1
    assert problems == [
        f"{YAML}:{line}: {field}: '{value}' is in the year {year}, expected a year from 1900 "
        "to 2999"
    ]


BEFORE_THE_RELEASE = (
    "is before the release's date (2024-05-01T10:00:00+02:00), expected a later instant"
)


def test_a_correction_problem_is_on_the_line_of_its_entry(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """With several corrections, each problem points at the entry that has it, not at the
    `corrections:` line above them all."""
    extra = (
        "corrections:\n"
        "  - date: 2024-06-02T10:00:00+02:00\n    note:\n      en: Fixed.\n"
        "  - date: 2020-06-02T10:00:00+02:00\n    note:\n      en: Fixed again.\n"
        "  - date: 2024-07-02T10:00:00+02:00\n    note:\n      de: Korrigiert.\n"
    )
    text = release_yaml() + extra
    second = text.splitlines().index("  - date: 2020-06-02T10:00:00+02:00") + 1
    third = text.splitlines().index("  - date: 2024-07-02T10:00:00+02:00") + 1
    problems = run_check(runner, make_site({YAML: text}))
    assert (
        f"{YAML}:{second}: corrections: the correction of 2020-06-02T10:00:00+02:00 "
        + BEFORE_THE_RELEASE
    ) in problems
    assert next(p for p in problems if "a note is in" in p).startswith(f"{YAML}:{third}: ")


def test_an_empty_required_field_says_what_it_expects(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    text = release_yaml(original="original:", status="status: ")
    assert run_check(runner, make_site({YAML: text})) == [
        f"{YAML}:3: original: is empty, expected the language the release was written in, "
        "e.g. 'fr'",
        f"{YAML}:5: status: is empty, expected draft, published or withdrawn",
    ]


def test_a_correction_dated_before_its_release_is_reported(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A slip in the year: the page would say it was updated before it was published."""
    extra = "corrections:\n  - date: 2020-06-02T10:00:00+02:00\n    note:\n      en: Fixed.\n"
    assert run_check(runner, make_site({YAML: release_yaml() + extra})) == [
        f"{YAML}:7: corrections: the correction of 2020-06-02T10:00:00+02:00 " + BEFORE_THE_RELEASE
    ]


def test_a_correction_dated_in_the_future_is_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A slip in the year (2027 for 2026): the page would say "Updated on" a day to come."""
    text = release_yaml() + "corrections:\n  - date: 2999-01-15T10:00:00+01:00\n    note:\n"
    text += "      en: The figures were corrected.\n"
    assert run_check(runner, make_site({YAML: text})) == [
        f"warning: {YAML}:6: corrections: the correction of 2999-01-15T10:00:00+01:00 is later "
        "than now: pages would say the release was updated on a day still to come; expected "
        "the instant it was corrected"
    ]


def test_a_build_warns_of_a_correction_to_come_until_its_date(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A build publishes a correction dated in days to come at once ("Updated on" a day
    still to come): it says so, as `check` does, until that day, even with nothing to do."""
    text = release_yaml() + "corrections:\n  - date: 2025-01-15T10:00:00+01:00\n    note:\n"
    text += "      en: The figures were corrected.\n"
    site = make_site({YAML: text})
    warning = f"warning: {YAML}:6: corrections: the correction of 2025-01-15T10:00:00+01:00"
    for now in ("2024-12-01T00:00:00Z", "2024-12-01T00:00:00Z", "2025-02-01T00:00:00Z"):
        arguments = ["build", "--site", str(site), "--out", str(site / "public"), "--now", now]
        built = runner.invoke(main, arguments)
        assert built.exit_code == 0, built.output
        assert (warning in built.output) == now.startswith("2024"), built.output


def test_regions_left_empty_are_told_as_a_list(runner: CliRunner, make_site: SiteWriter) -> None:
    """h86: `regions:` with nothing after it said "expected a key such as 'press-release'",
    a type's key."""
    problems = run_check(runner, make_site({YAML: release_yaml(regions="regions:")}))
    assert problems == [
        f"{YAML}:4: regions: is empty, expected a list of keys in brackets, or no line at all"
    ]


def test_a_drafts_correction_to_come_is_warned_about_until_its_date_too(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h91: a build with nothing to do repeated the warning of a draft's correction after
    its date: the instants that end a build's report left drafts out."""
    text = release_yaml(status="status: draft")
    text += "corrections:\n  - date: 2025-01-15T10:00:00+01:00\n    note:\n      en: Fixed.\n"
    site = make_site({"releases/a-draft/release.yaml": text, "releases/a-draft/en.md": ENGLISH})
    warning = "releases/a-draft/release.yaml:6: corrections: the correction of 2025-01-15"
    for now in ("2024-12-01T00:00:00Z", "2025-02-01T00:00:00Z"):
        arguments = ["build", "--site", str(site), "--out", str(site / "public"), "--now", now]
        built = runner.invoke(main, arguments)
        assert built.exit_code == 0, built.output
        assert (warning in built.output) == now.startswith("2024"), built.output


def test_a_release_withdrawn_before_its_time_without_an_instant_is_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Nothing tells a later build that the release was never public: from its date on, its
    addresses would say it was withdrawn, naming a release no reader ever saw."""
    text = release_yaml(date="date: 2999-01-15T10:00:00+01:00", status="status: withdrawn")
    warning = (
        f"warning: {YAML}:5: status: withdrawn before it was ever public (it would be from "
        "2999-01-15T10:00:00+01:00) with no 'withdrawn:' instant: from then on its addresses "
        "would say it was withdrawn; expected 'withdrawn:' with the instant it was withdrawn, "
        "so that it leaves no trace"
    )
    site = make_site({YAML: text})
    assert run_check(runner, site) == [warning]
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(site / "public")])
    assert built.exit_code == 0 and warning in built.output.splitlines(), built.output
    text += "withdrawn: 2024-12-01T10:00:00+01:00\n"
    result = runner.invoke(main, ["check", "--site", str(make_site({YAML: text}))])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


def test_a_withdrawal_dated_later_than_now_is_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`withdrawn:` does not schedule a withdrawal: the status takes the release off at the
    next build, and a later instant would be shown as the moment it was withdrawn."""
    text = release_yaml(status="status: withdrawn") + "withdrawn: 2999-01-15T10:00:00+01:00\n"
    assert run_check(runner, make_site({YAML: text})) == [
        f"warning: {YAML}:6: withdrawn: 2999-01-15T10:00:00+01:00 is later than now: 'status: "
        "withdrawn' takes the release off at the next build all the same, and its address "
        "would say it was withdrawn at an instant still to come; expected the instant it is "
        "withdrawn"
    ]


def test_an_embargo_ending_before_the_release_date_is_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A slip in the year (2023 for 2024): the release would go out at its date, though the
    officer meant it to wait; an embargo ending at the date is no slip."""
    text = release_yaml() + "embargo: 2023-05-02T09:00:00+02:00\n"
    site = make_site({YAML: text})
    assert run_check(runner, site) == [
        f"warning: {YAML}:6: embargo: ends at 2023-05-02T09:00:00+02:00, before the "
        "release's date (2024-05-01T10:00:00+02:00), so it holds nothing back: the release is "
        "public from its date; if the embargo is to end later, correct its instant"
    ]
    built = runner.invoke(main, ["build", "--site", str(site)])
    assert built.exit_code == 0 and "embargo: ends at 2023-05-02" in built.output
    (site / YAML).write_text(release_yaml() + "embargo: 2024-05-01T08:00:00Z\n", "utf-8")
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0 and "warning" not in result.output, result.output


@pytest.mark.parametrize("status", ["published", "draft"])
def test_a_withdrawal_date_without_the_withdrawn_status_is_reported(
    runner: CliRunner, make_site: SiteWriter, status: str
) -> None:
    """An officer who adds `withdrawn:` and forgets the status means to withdraw: the
    release staying online without a word would be the worse outcome."""
    text = release_yaml().replace("status: published", f"status: {status}")
    text += "withdrawn: 2024-06-02T10:00:00+02:00\n"
    assert run_check(runner, make_site({YAML: text})) == [
        f"{YAML}:6: withdrawn: is given while status is '{status}', expected 'status: "
        "withdrawn' to withdraw the release, or no 'withdrawn:' line to keep it as it is"
    ]


FRENCH = ENGLISH.replace("A headline in English", "Un titre").replace("Geneva", "Genève")


@pytest.mark.parametrize(
    "name",
    [
        "fr.md.txt",
        "fr.markdown",
        "FR.txt",
        "fr.MD",
        "FR.md",
        "fr-FR.md",
        "fr_FR.md",
        "fr (1).md",
        "French.md",
        "français.md",
        "fr.md ",
        "fr copy.md",
    ],
)
def test_a_text_saved_under_another_name_is_an_error_without_its_own_name(
    runner: CliRunner, make_site: SiteWriter, name: str, tmp_path: Path
) -> None:
    """Notepad saves `fr.md` as `fr.md.txt`: the French version would go missing, and a
    public one be taken off the site by a build that exited 0 (h100); a second download
    (`fr (1).md`), a locale's name (`fr-FR.md`) or a space after the name did the same with
    no more than a warning, or none (h138)."""
    french = "releases/first-release/fr.md"
    site = make_site({french: FRENCH})
    out = tmp_path / "public"
    assert runner.invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    (site / french).rename(site / "releases/first-release" / name)
    said = f"releases/first-release/{name}: is not read, expected the fr text in fr.md:"
    assert run_check(runner, site) == [f"{said} rename the file"]
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 1 and said in result.output
    assert (out / "fr/first-release/index.html").is_file()  # still public


@pytest.mark.parametrize(
    "name", ["fr.md.txt", "fr.markdown", "FR.txt", "fr.MD", "FR.md", "fr (copy).md", "fr-CA.md"]
)
def test_a_copy_of_a_text_under_another_name_is_warned_about(
    runner: CliRunner, make_site: SiteWriter, name: str
) -> None:
    """Beside `fr.md`, a `fr.md.txt` is a stray copy: said, and the build goes on (the
    translator's `fr.docx` beside it is not: it is where the text came from)."""
    folder = "releases/first-release"
    site = make_site({f"{folder}/fr.md": FRENCH, f"{folder}/{name}": FRENCH})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"warning: {folder}/{name}: is not read (fr.md is): delete it, or move what it adds to "
        "fr.md"  # not "rename the file", over fr.md (h103)
    )


def test_a_translators_files_stop_no_build(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`ru-draft.docx` and `ru-notes.md` in a release with no ru.md stopped every build of
    the site as "the ru text under another name" (h140); `fr.docx` without fr.md, a
    translation in the works, is a warning."""
    folder = "releases/first-release/"
    files = {
        folder + "ru-draft.docx": "PK",
        folder + "ru-notes.md": "Notes",
        folder + "fr.docx": "PK",
        folder + "ru-note.md": "Note",  # h142: any two letters were taken for a region
        folder + "fr-en.md": "Back-translation",
    }
    site = make_site(files, config=MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "ru"]'))
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (
        f"warning: {folder}fr.docx: is not read: the fr text is published from fr.md, once it "
        "is there"
    ) in result.output.splitlines()
    assert "ru-draft.docx" not in result.output


def test_the_translators_document_beside_its_text_is_not_warned_about(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    folder = "releases/first-release"
    site = make_site({f"{folder}/fr.md": FRENCH, f"{folder}/fr.docx": "PK"})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", ["Release.yaml", "release.YAML"])
def test_a_release_yaml_in_other_capitals_is_told_to_be_renamed(
    runner: CliRunner, make_site: SiteWriter, name: str
) -> None:
    site = make_site({f"releases/first-release/{name}": release_yaml()})
    (site / "releases/first-release/release.yaml").unlink()
    assert run_check(runner, site) == [
        f"releases/first-release: has no release.yaml, expected one: rename {name} release.yaml"
    ]


def test_a_release_yml_is_named_for_what_it_is(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site({"releases/first-release/release.yml": release_yaml()})
    (site / "releases/first-release/release.yaml").unlink()
    assert run_check(runner, site) == [
        "releases/first-release: has no release.yaml, expected one: rename release.yml release.yaml"
    ]


@pytest.mark.parametrize("pdf", [True, False])
def test_a_character_no_pdf_font_has_is_warned_about_on_its_line(
    runner: CliRunner, make_site: SiteWriter, pdf: bool
) -> None:
    """The page shows an emoji; the PDF cannot (no font of it has one) and leaves it out,
    which check and build say, on the line where it is first written. A site without
    PDFs hears nothing of it."""
    body = "Body.\n\nWell done 🎉 all.\n\nRain 💧 and 🎉 again.\n"
    text = front_matter("title: A title", "dateline: Geneva", body=body)
    config = MINIMAL_CONFIG + ("" if pdf else "\n[pdf]\nenabled = false\n")
    site = make_site({MD: text, "pressgen.toml": config})
    result = runner.invoke(main, ["check", "--site", str(site)])
    warned = [line for line in result.output.splitlines() if ": pdf: " in line]
    expected = [
        f"warning: {MD}:{line}: pdf: no PDF font has {shown}: the PDF leaves them out; "
        "replace them with words if they matter"
        for line, shown in ((7, "'🎉' (U+1F389)"), (9, "'💧' (U+1F4A7)"))
    ]
    assert warned == (expected if pdf else []), result.output
    assert result.exit_code == (1 if pdf else 0)


@pytest.mark.parametrize("value", ["live", "Published", "archived", "publish"])
def test_unknown_status_is_reported(runner: CliRunner, make_site: SiteWriter, value: str) -> None:
    problems = run_check(runner, make_site({YAML: release_yaml(status=f"status: {value}")}))
    assert_reported(
        problems, f"{YAML}:5: status:", "is not a status", "draft, published, withdrawn"
    )
    meant = value.lower() in ("published", "publish")  # a capital, a letter short
    assert ("did you mean 'published'?" in problems[0]) == meant, problems


def test_a_first_topic_that_toml_cannot_write_bare_is_suggested_in_quotes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """The suggested line must read as TOML (h103)."""
    config = MINIMAL_CONFIG.replace('[topics]\nhealth = "Migration health"\n', "")
    site = make_site({YAML: release_yaml(topics="topics: [santé]")}, config=config)
    said = [line for line in run_check(runner, site) if "topics:" in line]
    assert said and 'with "santé" = "..." below it' in said[0], said


def test_a_topic_on_a_site_with_no_topics_says_how_to_add_the_first(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Following the README, a site with no [topics] said "expected one of: " and nothing
    (h100)."""
    config = MINIMAL_CONFIG.replace('[topics]\nhealth = "Migration health"\n', "")
    site = make_site({YAML: release_yaml(topics="topics: [border-management]")}, config=config)
    assert (
        f"{YAML}:6: topics: unknown topic 'border-management': this site has no topics yet, "
        'add them to pressgen.toml as [topics] with border-management = "Border management" '
        "below it"
    ) in run_check(runner, site)


@pytest.mark.parametrize(
    ("change", "prefix", "words"),
    [
        pytest.param(
            {"type": "type: pres-release"},
            f"{YAML}:2: type:",
            ("unknown type 'pres-release'", "did you mean 'press-release'?"),
            id="type",
        ),
        pytest.param(
            {"type": "type: blog"},
            f"{YAML}:2: type:",
            ("unknown type 'blog'", "expected one of:", "media-advisory"),
            id="type-far-from-any",
        ),
        pytest.param(
            {"regions": "regions: [globl]"},
            f"{YAML}:4: regions:",
            ("unknown region 'globl'", "did you mean 'global'?"),
            id="region",
        ),
        pytest.param(  # a new one, not a typo: the settings name it (a typo: never, h102)
            {"regions": "regions: [sahel]"},
            f"{YAML}:4: regions:",
            ("unknown region 'sahel'", "(or add it under [regions] in pressgen.toml)"),
            id="region-new",
        ),
        pytest.param(
            {"topics": "topics: [health, helth]"},
            f"{YAML}:6: topics:",
            ("unknown topic 'helth'", "did you mean 'health'?"),
            id="topic",
        ),
        pytest.param(
            {"original": "original: xx"},
            f"{YAML}:3: original:",
            ("unknown language 'xx'",),
            id="original-language",
        ),
        pytest.param(  # gave two identical categories in feeds and subjects in ninjs (h81)
            {"regions": "regions: [global, global]"},
            f"{YAML}:4: regions:",
            ("names a region twice, expected each once",),
            id="region-twice",
        ),
        pytest.param(
            {"topics": "topics: [health, health]"},
            f"{YAML}:6: topics:",
            ("names a topic twice, expected each once",),
            id="topic-twice",
        ),
    ],
)
def test_unknown_vocabulary_key_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    change: dict[str, str],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    problems = run_check(runner, make_site({YAML: release_yaml(**change)}))
    assert_reported(problems, prefix, *words)
    if "did you mean" in problems[0]:  # not "add the typo to the settings"
        assert "pressgen.toml" not in problems[0], problems


@pytest.mark.parametrize("name", ["xx.md", "enquiries.md", "notes.md", "fin.md"])  # not EN.md
def test_file_of_an_unknown_language_is_a_warning_that_stops_no_build(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, name: str
) -> None:
    """A copy or a note in a release folder is named in a warning, and not published; it
    does not hold back every release of the site, as it did when it was an error."""
    site = make_site({RELEASE + name: ENGLISH})
    warning = (
        f"warning: {RELEASE}{name}: is named after no language of the site, so it is not "
        "published: name it after one of en.md, fr.md, or, if it is a note for the people "
        "who write the release, with a word of four capitals or more (NOTES.md)"
    )
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert warning in checked.output.splitlines(), checked.output
    out = tmp_path / "public"
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0 and warning in built.output.splitlines(), built.output
    assert (out / "en/first-release/index.html").is_file()


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {YAML: release_yaml(original="original: fr")},
            f"{YAML}:3: original:",
            ("names 'fr' but fr.md is missing",),
            id="original-without-its-file",
        ),
        pytest.param(
            {YAML: release_yaml(original="original: fr"), RELEASE + "fr.md": "---\n"},
            f"{RELEASE}fr.md:1:",
            ("front matter is not closed",),
            id="original-file-broken",
        ),
        pytest.param(  # was "must start with a '---' line", which it does (h102)
            {RELEASE + "en.md": ENGLISH.replace("\n", "\r").encode()},
            f"{RELEASE}en.md:1:",
            ("ends its lines with a carriage return alone",),
            id="old-mac-line-ends",
        ),
        pytest.param(  # and one line end of today's at the end of the file (h103)
            {RELEASE + "en.md": ENGLISH.replace("\n", "\r").encode() + b"\n"},
            f"{RELEASE}en.md:1:",
            ("ends its lines with a carriage return alone",),
            id="old-mac-line-ends-and-one-lf",
        ),
    ],
)
def test_original_language_without_its_file_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


def test_missing_image_is_reported(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site({YAML: RELEASE_YAML + "image: workshop.jpg\n"})
    problems = run_check(runner, site)
    assert_reported(
        problems, f"{YAML}:6: image:", "'workshop.jpg' does not exist", "in first-release/"
    )


@pytest.mark.parametrize(
    "image", ["../other/x.jpg", "/etc/passwd", "../../pressgen.toml", "sub/../../other/x.jpg"]
)
def test_image_outside_the_release_folder_is_reported(
    runner: CliRunner, make_site: SiteWriter, image: str
) -> None:
    site = make_site(
        {YAML: RELEASE_YAML + f"image: {image}\n", "releases/other/x.jpg": "not a photo"}
    )
    problems = run_check(runner, site)
    assert_reported(problems, f"{YAML}:6: image:", f"'{image}'", "outside the release folder")


def test_image_linked_outside_the_release_folder_is_reported(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.jpg"
    secret.write_text("not for publication")
    site = make_site({YAML: RELEASE_YAML + "image: photo.jpg\n"})
    (site / RELEASE / "photo.jpg").symlink_to(secret)
    problems = run_check(runner, site)
    assert_reported(problems, f"{YAML}:6: image:", "'photo.jpg'", "outside the release folder")


def test_a_picture_the_body_shows_from_outside_is_named_once_as_a_link(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A body's picture that is a link to a file outside the folder is reported as that,
    not also as "not a file in the release folder; put the file beside the release's text",
    which it is (h143)."""
    secret = tmp_path / "map.png"
    secret.write_text("not for publication")
    site = make_site({MD: "---\ntitle: A\ndateline: Geneva\n---\n![Map](map.png)\n"})
    (site / RELEASE / "map.png").symlink_to(secret)
    problems = [line for line in run_check(runner, site) if not line.startswith("warning: ")]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{RELEASE}map.png: is a link to "), problems


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param(
            "release.yaml",
            b"date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: \xff\n",
            id="release-yaml",
        ),
        pytest.param("en.md", b"---\ntitle: A\ndateline: Gen\xe8ve\n---\nBody\n", id="latin-1"),
        pytest.param("en.md", b"---\r\ntitle: A\r\n\xff\r\n---\r\nBody\r\n", id="crlf"),
    ],
)
def test_invalid_utf8_is_reported_on_its_line(
    runner: CliRunner, make_site: SiteWriter, name: str, content: bytes
) -> None:
    problems = run_check(runner, make_site({RELEASE + name: content}))
    assert_reported(problems, f"{RELEASE}{name}:3:", "not valid UTF-8", "save the file as UTF-8")


INVALID_ID = (
    "is not a valid release id, expected lowercase ASCII letters, digits and single hyphens"
)
# An id names files on the web server (`ID.LANG.ninjs.json`), whose names a file system
# takes up to 255 bytes: past 100 characters the id is refused, up front.
TOO_LONG_ID = (
    "is a name 101 characters long, expected a release id of at most 100 (it names files on "
    "the web server): shorten it"
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        *(
            (name, f"{INVALID_ID}: rename the folder press-release")
            for name in ("Press-Release", "press_release", "-press-release", "press--release")
        ),
        ("Crise Sécheresse (copie)", f"{INVALID_ID}: rename the folder crise-secheresse-copie"),
        ("Straße", f"{INVALID_ID}: rename the folder strasse"),  # not "strae" (h103)
        ("First-Release", f"{INVALID_ID} (e.g. 'iom-unoct-api-pnr')"),  # that one exists
        ("___", f"{INVALID_ID} (e.g. 'iom-unoct-api-pnr')"),  # nothing to suggest (h100)
        pytest.param("a" * 101, TOO_LONG_ID, id="101-characters"),
    ],
)
def test_invalid_release_id_is_reported_without_a_line(
    runner: CliRunner, make_site: SiteWriter, name: str, expected: str
) -> None:
    site = make_site(
        {f"releases/{name}/release.yaml": RELEASE_YAML, f"releases/{name}/en.md": ENGLISH}
    )
    problems = run_check(runner, site)
    assert problems == [f"releases/{name}: {expected}"]


def test_a_published_file_name_too_long_is_reported(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A media file keeps its name in the output, and its photo copies add to it: a name
    over 200 bytes (here 101 two-byte letters) is refused before anything is written."""
    name = "é" * 101 + ".pdf"
    site = make_site({f"releases/first-release/{name}": b"%PDF-1.4\n"})
    problems = run_check(runner, site)
    assert problems == [
        f"releases/first-release/{name}: has a name 206 bytes long, expected at most 200 "
        "(it is published under that name): shorten it, and the links to it"
    ]


def test_an_asset_name_too_long_to_publish_is_reported(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A file of assets/ keeps its name in the output; one of 250 bytes was published by a
    first build, and every later build that replaced it failed on its temporary name."""
    name = "a" * 246 + ".css"
    problems = run_check(runner, make_site({f"assets/fonts/{name}": "p { color: red }\n"}))
    assert problems == [
        f"assets/fonts/{name}: has a name 250 bytes long, expected at most 200 "
        "(it is published under that name): shorten it, and the links to it"
    ]


def test_missing_release_yaml_is_reported(runner: CliRunner, make_site: SiteWriter) -> None:
    problems = run_check(runner, make_site({"releases/second/en.md": ENGLISH}))
    assert problems == ["releases/second: has no release.yaml, create one (see `pressgen new`)"]


@pytest.mark.parametrize("text", ["", "\n\n", "# nothing yet\n", "---\n", "~\n"])
def test_empty_release_yaml_is_reported(
    runner: CliRunner, make_site: SiteWriter, text: str
) -> None:
    problems = run_check(runner, make_site({YAML: text}))
    assert_reported(problems, f"{YAML}:1:", "is empty", "date, type, original and status")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (front_matter("title: A", "dateline: B", body=""), 5),
        (front_matter("title: A", "dateline: B", body="\n   \n\t\n"), 5),
        ("---\ntitle: A\ndateline: B\n...\n\n", 5),
    ],
)
def test_empty_body_is_reported(
    runner: CliRunner, make_site: SiteWriter, text: str, line: int
) -> None:
    problems = run_check(runner, make_site({MD: text}))
    assert_reported(problems, f"{MD}:{line}: body:", "is empty", "text of the release")


def test_a_caption_written_in_release_yaml_is_told_where_it_goes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """It was told to put the value in quotes, as if the colon were part of a text (h127)."""
    text = RELEASE_YAML + "image:\n  caption: Workshop.\n"
    problems = run_check(runner, make_site({YAML: text}))
    line = len(RELEASE_YAML.splitlines()) + 2  # where the caption is
    assert_reported(problems, f"{YAML}:{line}: image:", "file name", "each language's file")


@pytest.mark.parametrize(
    "body",
    [
        *("&nbsp;", "<!-- x -->", "\u200b\u200b", "***", "<br>", "<p></p>"),
        "[](https://example.org)",
        "<script>alert(1)</script>",  # dropped with its content: published empty (h129)
        "<STYLE>p { color: red }</STYLE>\n<script src=x>",
    ],
)
def test_a_body_that_shows_no_text_is_reported(
    runner: CliRunner, make_site: SiteWriter, body: str
) -> None:
    """Markup alone, or characters that print as nothing, would publish a page and a PDF
    with no text."""
    problems = run_check(
        runner, make_site({MD: front_matter("title: A", "dateline: B", body=body)})
    )
    assert_reported(problems, f"{MD}:5: body:", "shows no text", "markup")


@pytest.mark.parametrize("field", ["title", "dateline"])
@pytest.mark.parametrize("value", ['"\\u200B"', '"\\u2060\\u00AD"', '"\\u200E \\u200F"'])
def test_a_title_that_shows_nothing_is_reported(
    runner: CliRunner, make_site: SiteWriter, field: str, value: str
) -> None:
    other = "dateline: B" if field == "title" else "title: A"
    text = front_matter(f"{field}: {value}", other, body="Body.")
    problems = run_check(runner, make_site({MD: text}))
    assert_reported(problems, f"{MD}:2: {field}:", "shows nothing", "U+")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param("---\ntitle: A\ndateline: B\nBody.\n", ("is not closed",), id="not-closed"),
        pytest.param("---\n", ("is not closed",), id="only-the-opening"),
        pytest.param("title: A\n---\nBody.\n", ("must start with a '---' line",), id="no-opening"),
        pytest.param("", ("is empty", "title, dateline"), id="empty-file"),
        pytest.param(" \n\n", ("is empty", "title, dateline"), id="blank-file"),
    ],
)
def test_front_matter_not_delimited_is_reported(
    runner: CliRunner, make_site: SiteWriter, text: str, words: tuple[str, ...]
) -> None:
    assert_reported(run_check(runner, make_site({MD: text})), f"{MD}:1:", *words)


def test_empty_front_matter_is_reported(runner: CliRunner, make_site: SiteWriter) -> None:
    problems = run_check(runner, make_site({MD: "---\n---\nBody.\n"}))
    assert_reported(problems, f"{MD}:2:", "front matter is empty", "title and dateline")


def test_a_front_matter_opened_twice_is_told_so(runner: CliRunner, make_site: SiteWriter) -> None:
    """It was "the front matter is empty, expected title and dateline", which are there (h138)."""
    problems = run_check(runner, make_site({MD: "---\n" + ENGLISH}))
    assert problems == [
        f"{MD}:2: '---' twice in a row, expected one: delete one (the front matter starts "
        "after the first)"
    ]


def test_a_front_matter_closed_twice_is_a_warning(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """The second '---' drew a line between the dateline and the text, unsaid (h138)."""
    site = make_site({MD: ENGLISH.replace("---\n", "---\n---\n", 2).replace("---\n", "", 1)})
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert (
        f"warning: {MD}:9: '---' twice in a row, expected one: delete one (the second draws a "
        "line above the text)"
    ) in result.output.splitlines(), result.output


SITE_TABLE = '[site]\nbase_url = "https://news.example.org/"\ndefault_language = "en"\n'


@pytest.mark.parametrize(
    ("config", "expected", "words"),
    [
        pytest.param(
            SITE_TABLE + 'languages = ["en", "fr"\n',
            "pressgen.toml:4:",
            ("never closed", 'languages = ["en", "fr"]'),
            id="unclosed-array",
        ),
        pytest.param(
            SITE_TABLE + "languages = en\n",
            "pressgen.toml:4:",
            ('languages: takes a list: write each text in double quotes, languages = ["en"]',),
            id="bare-word",
        ),
        pytest.param(
            '[site]\nbase_url = "https://a.org/"\nbase_url = "https://b.org/"\n',
            "pressgen.toml:3:",
            ("base_url: is set a second time in its section (first on line 2)",),
            id="key-twice",
        ),
        pytest.param(
            '[sit]\nbase_url = "https://news.example.org/"\n',
            "pressgen.toml: site:",
            ("is missing", "[site] section"),
            id="missing-site",
        ),
        pytest.param(
            '[sit]\nbase_url = "https://news.example.org/"\n',
            "pressgen.toml:1: sit:",
            ("unknown section 'sit'", "did you mean 'site'?"),
            id="unknown-section-sit",
        ),
        pytest.param(
            MINIMAL_CONFIG + '\n[topic]\nhealth = "Health"\n',
            "pressgen.toml:13: topic:",
            ("unknown section 'topic'", "did you mean 'topics'?"),
            id="unknown-section-topic",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace("https://news.example.org/", "news.example.org"),
            "pressgen.toml:2: site.base_url:",
            ("expected an absolute URL",),
            id="relative-base-url",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace("https://news.example.org/", "/news/"),
            "pressgen.toml:2: site.base_url:",
            ("expected an absolute URL",),
            id="path-base-url",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace("https://news.example.org/", "ftp://news.example.org/"),
            "pressgen.toml:2: site.base_url:",
            ("expected an absolute URL",),
            id="ftp-base-url",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('default_language = "en"', 'default_language = "de"'),
            "pressgen.toml:3: site.default_language:",
            ("'de' is not one of the site's languages", "en, fr"),
            id="default-not-in-languages",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('default_language = "en"\n', ""),
            "pressgen.toml: site.default_language:",
            ("is missing", "en, fr"),
            id="default-missing",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "xx"]'),
            "pressgen.toml:4: site.languages:",
            ("'xx' is not a language tag", "expected e.g. en, fr"),
            id="unknown-language-tag",
        ),
        pytest.param(  # was "'cn' is not a language tag known to CLDR, expected e.g. en, ..."
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "cn"]'),
            "pressgen.toml:4: site.languages:",
            (
                "'cn' is not a language tag known to CLDR: CN is the code of the country China; "
                "its language is written 'zh' (Chinese)",
            ),
            id="a-country-code-for-a-language",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "Español"]'),
            "pressgen.toml:4: site.languages:",
            (
                "'Español' is not a language tag known to CLDR: a language tag is a code, not a "
                "name; write 'es' (Spanish)",
            ),
            id="a-language-name-for-its-tag",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "en_US"]'),
            "pressgen.toml:4: site.languages:",
            ("'en_US' is not a language tag",),
            id="underscore-language-tag",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "FR"]'),
            "pressgen.toml:4: site.languages:",
            ("'FR' is written 'fr'", "region in capitals"),
            id="capital-language-tag",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "fr-ca", "zh-hant-tw"]'),
            "pressgen.toml:4: site.languages:",
            ("'fr-ca' is written 'fr-CA'", "'zh-hant-tw' is written 'zh-Hant-TW'"),
            id="lowercase-region-and-script",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace('["en", "fr"]', '"en"'),
            "pressgen.toml:4: site.languages:",
            ("expected a list of language tags",),
            id="languages-not-a-list",
        ),
        pytest.param(
            MINIMAL_CONFIG.replace("base_url", "base_ur"),
            "pressgen.toml:2: site.base_ur:",
            ("unknown field 'base_ur'", "did you mean 'base_url'?"),
            id="unknown-site-key",
        ),
    ],
)
def test_configuration_error_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    config: str,
    expected: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(config=config)), expected, *words)


def test_languages_written_as_one_text_is_one_problem_not_nine(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Each language named below a slip in `languages` was called unknown, and a contact's
    name missing (h138): one slip, one message, with the list to write."""
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '"en, fr"')
    config = config.replace("[site.title]", '[site.locales]\nen = "en_GB"\n\n[site.title]') + (
        '\n[about]\nen = "We help."\nfr = "Nous aidons."\n'
        '\n[[contacts]]\nname = "Ann"\nemail = "ann@example.org"\n'
        '[contacts.org]\nen = "IOM"\nfr = "OIM"\n'
    )
    assert run_check(runner, make_site(config=config)) == [
        "pressgen.toml:4: site.languages: is one text, expected a list of language tags: "
        'languages = ["en", "fr"]'
    ]


def test_missing_configuration_is_reported(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site()
    (site / "pressgen.toml").unlink()
    problems = run_check(runner, site)
    assert_reported(problems, "pressgen.toml:", "is missing", "[site] base_url")


@pytest.mark.parametrize("command", ["build", "preview"])
def test_a_build_in_a_folder_that_is_no_site_leaves_nothing_there(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    """`build` run in the wrong folder said "nothing was written" and left a
    .pressgen-cache there, which a copy of the folder then carried along (h138)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    args = [command, "--site", str(folder), "--out", str(tmp_path / "out")]
    result = runner.invoke(main, args + (["some-release"] if command == "preview" else []))
    assert result.exit_code == 1
    assert "pressgen.toml: is missing in" in result.output, result.output
    assert list(folder.iterdir()) == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["release.yaml", "front-matter"])
def test_python_object_tag_is_refused_and_never_run(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, where: str
) -> None:
    hacked = tmp_path / "HACKED"
    tag = f'!!python/object/apply:os.system ["echo hacked > {hacked}"]'
    if where == "release.yaml":
        files, prefix = {YAML: RELEASE_YAML + f"image: {tag}\n"}, f"{YAML}:6:"
    else:
        files, prefix = {MD: front_matter("title: A", f"dateline: {tag}")}, f"{MD}:3:"
    problems = run_check(runner, make_site(files))
    assert_reported(
        problems, prefix, "the YAML tag '!!python/object/apply:os.system' is not allowed"
    )
    assert not hacked.exists()


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("!!binary aGVsbG8=", "the YAML tag '!!binary' is not allowed"),
        # a local tag on a value is taken for text that starts with '!'
        ("!foo bar", "a value cannot start with '!'; put the image in quotes: image: \"!foo bar\""),
        ("[!foo bar]", "the YAML tag '!foo' is not allowed"),  # in a list: no headline to quote
        ("!!python/name:os.system", "the YAML tag '!!python/name:os.system' is not allowed"),
        ("!!set {a, b}", "the YAML tag '!!set' is not allowed"),
        ("!<tag:example.org,2024:x> y", "the YAML tag 'tag:example.org,2024:x' is not allowed"),
    ],
)
def test_other_yaml_tags_are_refused(
    runner: CliRunner, make_site: SiteWriter, value: str, said: str
) -> None:
    problems = run_check(runner, make_site({YAML: RELEASE_YAML + f"image: {value}\n"}))
    assert_reported(problems, f"{YAML}:6:", said)


BILLION_LAUGHS = (
    "\n".join(
        [
            'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
            *(
                f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]"
                for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
            ),
        ]
    )
    + "\n"
)


@pytest.mark.parametrize("where", ["release.yaml", "front-matter"])
def test_alias_bomb_is_refused(runner: CliRunner, make_site: SiteWriter, where: str) -> None:
    """Refused at its first anchor, before any alias could multiply it."""
    if where == "release.yaml":
        files, prefix = {YAML: BILLION_LAUGHS}, f"{YAML}:1:"
    else:
        files, prefix = {MD: "---\n" + BILLION_LAUGHS + "---\nBody.\n"}, f"{MD}:2:"
    problems = run_check(runner, make_site(files))
    assert_reported(problems, prefix, "YAML anchors (&name) are not allowed here; remove '&a'")


@pytest.mark.parametrize("where", ["release.yaml", "front-matter"])
def test_an_alias_is_refused(runner: CliRunner, make_site: SiteWriter, where: str) -> None:
    alias = "summary: *a\n"
    if where == "release.yaml":
        files, prefix = {YAML: RELEASE_YAML + alias}, f"{YAML}:6:"
    else:
        files, prefix = {MD: "---\ntitle: A\ndateline: B\n" + alias + "---\nBody.\n"}, f"{MD}:4:"
    problems = run_check(runner, make_site(files))
    assert_reported(problems, prefix, "YAML aliases (*name) are not allowed")


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {YAML: RELEASE_YAML + "status: draft\n"},
            f"{YAML}:6: status:",
            ("is given twice (first on line 5)", "expected it once"),
            id="release-yaml",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: B", "title: C")},
            f"{MD}:4: title:",
            ("is given twice (first on line 2)",),
            id="front-matter",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: B", "image:", "  alt: x", "  alt: y")},
            f"{MD}:6: image.alt:",
            ("is given twice (first on line 5)",),
            id="nested",
        ),
    ],
)
def test_duplicate_key_is_reported(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


@pytest.mark.parametrize(
    ("files", "prefix", "words"),
    [
        pytest.param(
            {YAML: RELEASE_YAML + "image: " + "[" * 200 + "]" * 200 + "\n"},
            f"{YAML}:6:",
            ("nested more than",),
            id="deep-nesting",
        ),
        pytest.param(
            {YAML: release_yaml(status="status: pub\x07lished")},
            f"{YAML}:5:",
            ("invalid YAML", "control character U+0007"),
            id="control-character",
        ),
        pytest.param(  # a layout program's forced line break: a PDF justified the line
            {MD: front_matter("title: A", "dateline: B", body="One line\u2028another.\n")},
            f"{MD}:5: body:",
            ("holds an invisible line separator (U+2028)", "remove it"),
            id="line-separator-in-body",
        ),
        pytest.param(
            {YAML: RELEASE_YAML + 'image: "photo\\0.jpg"\n'},
            f"{YAML}:6: image:",
            ("holds the control character U+0000, remove it",),
            id="nul-in-file-name",
        ),
        pytest.param(
            {MD: front_matter("title: A", "dateline: B", body="Text.\n\n" + "a" * 5000 + "\n")},
            f"{MD}:7: body:",
            ("holds a word of 5,000 characters", "expected at most 4,000"),
            id="giant-word-in-body",
        ),
        pytest.param(
            {MD: front_matter("title: " + "b" * 4001, "dateline: B")},
            f"{MD}:2: title:",
            ("holds a word of 4,001 characters",),
            id="giant-word-in-title",
        ),
        pytest.param(
            {MD: front_matter("title: A", 'dateline: "Geneva\\u202e"')},
            f"{MD}:3: dateline:",
            ("opens a text direction with U+202E and never closes it",),
            id="unclosed-direction-override",
        ),
        pytest.param(
            {
                MD: front_matter(
                    "title: A", "dateline: B", "contacts:", '  - name: "Evil \\u2067name"'
                )
            },
            f"{MD}:5: contacts.name:",
            ("opens a text direction with U+2067 and never closes it",),
            id="unclosed-direction-isolate",
        ),
        pytest.param(
            {YAML: RELEASE_YAML + "image: " + "a" * 300 + ".jpg\n"},
            f"{YAML}:6: image:",
            ("is not a usable file name",),
            id="file-name-too-long",
        ),
        pytest.param(
            {YAML: release_yaml(status='status: "live\\nnow"')},
            f"{YAML}:5: status:",
            ("'live\\nnow' is not a status",),
            id="line-break-in-value",
        ),
        pytest.param(
            {RELEASE + "fr.md/notes.txt": "a folder named like a language file"},
            f"{RELEASE}fr.md:",
            ("is not a file",),
            id="folder-named-fr-md",
        ),
    ],
)
def test_hostile_value_is_reported_not_crashed(
    runner: CliRunner,
    make_site: SiteWriter,
    files: dict[str, str | bytes],
    prefix: str,
    words: tuple[str, ...],
) -> None:
    assert_reported(run_check(runner, make_site(files)), prefix, *words)


@pytest.mark.parametrize(
    ("config", "prefix"),
    [
        pytest.param(
            MINIMAL_CONFIG.replace("https://news.example.org/", "http://[::1"),
            "pressgen.toml:2: site.base_url:",
            id="unclosed-ipv6-url",
        ),
        pytest.param(
            MINIMAL_CONFIG + "x = " + "[" * 2000 + "]" * 2000 + "\n",
            "pressgen.toml:",
            id="deep-toml",
        ),
    ],
)
def test_hostile_configuration_is_reported_not_crashed(
    runner: CliRunner, make_site: SiteWriter, config: str, prefix: str
) -> None:
    problems = run_check(runner, make_site(config=config))
    assert any(line.startswith(prefix + " ") for line in problems), problems


def test_every_problem_of_a_run_is_listed(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site(
        {
            YAML: release_yaml(status="status: live"),
            MD: front_matter("title: A headline"),
            "releases/second/release.yaml": RELEASE_YAML + "embrago: 2024-05-01T09:00:00Z\n",
            "releases/second/en.md": ENGLISH,
            "releases/Third/release.yaml": RELEASE_YAML,
        }
    )
    problems = run_check(runner, site)
    assert [line.split(" ", 1)[0] for line in problems] == [
        "releases/Third:",
        f"{MD}:2:",
        f"{YAML}:5:",
        "releases/second/release.yaml:6:",
    ]


def test_a_wrong_field_does_not_hide_the_other_problems_of_its_file(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A press officer fixes a file once, not once per slip: a status that is not one does
    not keep the unknown type and region of the same release.yaml from being named."""
    slips = {"type": "type: pres-release", "regions": "regions: [globl]", "status": "status: x"}
    problems = run_check(runner, make_site({YAML: release_yaml(**slips)}))
    assert [line.split(" ", 2)[:2] for line in problems] == [
        [f"{YAML}:2:", "type:"],
        [f"{YAML}:4:", "regions:"],
        [f"{YAML}:5:", "status:"],
    ]


def test_build_reports_the_same_problems_and_writes_nothing(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site(
        {
            YAML: release_yaml(date="date: 2024-05-01"),
            "releases/second/release.yaml": RELEASE_YAML,
            "releases/second/en.md": front_matter("title: [A]", "dateline: B"),
        }
    )
    out = tmp_path / "out"
    checked = run_check(runner, site)
    built = problem_lines(
        runner.invoke(
            main,
            ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00:00Z"],
        )
    )
    assert built == checked
    assert len(built) == 2
    assert not out.exists()
    assert not (site / "public").exists()


def test_a_correction_note_in_an_unknown_language_is_reported(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML
            + "corrections:\n  - date: 2024-05-02T10:00:00+02:00\n    note:\n      de: Korrektur\n",
        }
    )
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "release.yaml:7: corrections: a note is in unknown language 'de'" in result.output


@pytest.mark.parametrize(
    "authority",
    [
        "not a domain",
        "news.example.org,21",
        "2021",
        "news.example.org,2021-13-45",
        "news.example.org,2021-02-30",
        "news.example.org,0000",
    ],
)
def test_feed_authority_must_be_a_domain(
    runner: CliRunner, make_site: SiteWriter, authority: str
) -> None:
    site = make_site(config=MINIMAL_CONFIG + f'\n[feeds]\nauthority = "{authority}"\n')
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    said = "is no date from 1985 on" if "-" in authority or "0000" in authority else "a domain"
    assert "pressgen.toml:" in result.output and said in result.output, result.output


def test_feed_authority_may_give_the_tag_date(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site(config=MINIMAL_CONFIG + '\n[feeds]\nauthority = "news.example.org,2021-06"\n')
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_a_missing_pagefind_is_a_message_not_a_bug_report(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A program pressgen runs (Pagefind, Typst) that is missing or refuses is the user's
    to put right, with the message that says how: exit 1, never 'a bug in pressgen'."""
    from pressgen.render import search

    def missing() -> str:
        raise search.SearchIndexError("the search index needs Pagefind: pip install pagefind")

    monkeypatch.setattr(search, "_executable", missing)
    out = tmp_path / "public"
    result = CliRunner().invoke(main, ["build", "--site", str(make_site()), "--out", str(out)])
    assert result.exit_code == 1
    assert "the search index needs Pagefind: pip install pagefind" in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output


def test_an_os_error_without_a_reason_is_not_told_as_the_machines_refusal(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pillow and others raise OSError for what is not the machine's doing ("image file is
    truncated", no errno, no reason): it is an internal error, never "a file: None"."""

    def truncated(*args: object, **kwargs: object) -> None:
        raise OSError("image file is truncated")

    monkeypatch.setattr("pressgen.read.read_site", truncated)
    out = tmp_path / "public"
    result = CliRunner().invoke(main, ["build", "--site", str(make_site()), "--out", str(out)])
    assert result.exit_code == 3
    assert "internal error (OSError: image file is truncated)" in result.output
    assert "None" not in result.output


def test_check_lists_every_warning_beside_an_error(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A press officer fixes everything at once: an error in one release does not hide the
    warnings of the others, of the catalogs, or of the clock."""
    body = "Body.\n\nWell done 🎉 all.\n"
    later = release_yaml(status="status: withdrawn") + "withdrawn: 2999-01-15T10:00:00+01:00\n"
    site = make_site(
        {
            MD: front_matter("title: A title", "dateline: Geneva", body=body),
            YAML: later,
            "releases/broken/release.yaml": release_yaml(status="status: live"),
            "releases/broken/en.md": ENGLISH,
            "locales/fr/LC_MESSAGES/messages.po": 'msgid ""\nmsgstr ""\n',
        }
    )
    lines = run_check(runner, site)
    assert lines[0].startswith("releases/broken/release.yaml:5: status: 'live' is not")
    warned = {line.partition(": ")[2].partition(" ")[0] for line in lines[1:]}
    assert {f"{MD}:7:", f"{YAML}:6:", "locales/fr/LC_MESSAGES/messages.po:"} <= warned, lines
    assert len(lines) == len(set(lines)), lines  # each said once


def test_a_release_page_over_100_kb_is_warned_about_at_its_file(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A body long enough to make its page slow on a phone is published (nothing else would
    be the author's choice), and each build says which file makes it heavy, even one with
    nothing to do; a page under the limit says nothing."""
    paragraph = "The council welcomed the decision on border management today. " * 20
    heavy = front_matter("title: T", "dateline: D", body=f"{paragraph}\n\n" * 90)
    site = make_site({MD: heavy})
    out = site / "public"
    for _ in range(2):
        built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
        assert built.exit_code == 0, built.output
        page = out / "en/first-release/index.html"
        size = page.stat().st_size
        assert size > 100_000
        assert (
            f"warning: {MD}: its page en/first-release/index.html is {size:,} bytes of HTML, "
            "expected at most 100,000 (100 KB), which a phone opens quickly: shorten the body"
        ) in built.output
    make_site({MD: front_matter("title: T", "dateline: D", body=f"{paragraph}\n\n" * 70)})
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0 and "bytes of HTML" not in built.output, built.output
    assert 80_000 < page.stat().st_size <= 100_000


def test_files_saved_as_utf16_are_named_so(runner: CliRunner, make_site: SiteWriter) -> None:
    """h86: release.yaml in UTF-16 without its mark was "the control character U+0000 is not
    allowed", en.md in UTF-16BE "must start with a '---' line", pressgen.toml in UTF-16 "is
    not valid UTF-8 text" with no word of what to do."""
    saved = 'is saved as UTF-16 ("Unicode" in Windows\' Save As), expected UTF-8: save it '
    saved += "again with the encoding UTF-8"
    site = make_site({YAML: release_yaml().encode("utf-16-le"), MD: ENGLISH.encode("utf-16-be")})
    assert run_check(runner, site) == [f"{MD}: {saved}", f"{YAML}: {saved}"]
    config = site / "pressgen.toml"
    config.write_bytes(config.read_text(encoding="utf-8").encode("utf-16"))
    assert run_check(runner, site) == [f"pressgen.toml: {saved}"]


def test_settings_saved_in_a_windows_encoding_name_the_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A pressgen.toml saved as Windows-1252 (Notepad's "ANSI") was "is not valid UTF-8
    text" with no line: the press officer looked through the whole file for the é."""
    site = make_site()
    config = site / "pressgen.toml"
    text = config.read_text(encoding="utf-8") + "\n# Modèle\n"
    config.write_bytes(text.encode("cp1252"))
    line = text[: text.index("è")].count("\n") + 1
    assert run_check(runner, site) == [
        f"pressgen.toml:{line}: is not valid UTF-8 text, save the file as UTF-8"
    ]


def test_a_heavy_list_page_is_told_to_show_fewer_releases(make_site: SiteWriter) -> None:
    """h92: a list page over 100 KB (50 releases with long Chinese titles) was told to
    "shorten the body or show fewer photos"."""
    from pressgen.page_weight import heavy_pages
    from pressgen.read import read_site

    site = read_site(make_site())
    [warning] = heavy_pages(site, {"en/page/2/index.html": 120_000, "en/index.html": 90_000})
    assert str(warning) == (
        "en/page/2/index.html: is 120,000 bytes of HTML, expected at most 100,000 (100 KB), "
        "which a phone opens quickly: for a list of releases, set a smaller [archive] "
        "page_size in pressgen.toml"
    )


def test_a_release_folder_copied_as_it_is_is_a_warning(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Copying last week's release to start this week's published it again, headline and
    text, with no word (h138); a draft copy, or one with its own text, says nothing."""
    copy = "releases/second-release/"
    site = make_site({copy + "release.yaml": RELEASE_YAML, copy + "en.md": ENGLISH})
    said = (
        "warning: releases/second-release: has en.md as first-release has it, word for word: "
        "a copy would go out as a second release; write the new release in it, or mark it a "
        "draft in release.yaml (status: draft) until it is written"
    )
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0 and said in result.output.splitlines(), result.output
    (site / copy / "en.md").write_text(ENGLISH.replace("First paragraph", "New words"))
    assert runner.invoke(main, ["check", "--site", str(site)]).exit_code == 0
    # a copy of that copy, as it is: named, though the first has other words (h140)
    third = "releases/third-release/"
    (site / third).mkdir()
    (site / third / "release.yaml").write_text(RELEASE_YAML.replace("05-01", "05-03"))
    (site / third / "en.md").write_text((site / copy / "en.md").read_text())
    told = runner.invoke(main, ["check", "--site", str(site)]).output
    assert "releases/third-release: has en.md as second-release has it, word for word" in (told), (
        told
    )
    (site / third / "release.yaml").unlink()
    (site / third / "en.md").unlink()
    (site / third).rmdir()
    (site / copy / "en.md").write_text(ENGLISH)
    draft = RELEASE_YAML.replace("status: published", "status: draft")
    assert draft != RELEASE_YAML
    (site / copy / "release.yaml").write_text(draft)
    assert runner.invoke(main, ["check", "--site", str(site)]).exit_code == 0


def test_a_photos_file_name_in_a_language_file_is_told_where_it_goes(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """It was "is one text ('photo.jpg'), expected a list of key: value pairs" (h138)."""
    text = front_matter("title: A", "dateline: Geneva", "image: photo.jpg")
    assert run_check(runner, make_site({MD: text})) == [
        f"{MD}:4: image: 'photo.jpg': the photo's file name goes in release.yaml (image: "
        "photo.jpg); here, under image:, write its caption:, credit: and alt: in this language"
    ]


def test_field_names_written_in_the_translators_language_are_told_to_stay_english(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`titre:`, `lieu:`, `nom:` and `courriel:` gave seven lines for four slips: each
    missing field twice, and no word of English names (h138)."""
    french = front_matter(
        "titre: Un titre", "lieu: Genève", "contacts:", "  - nom: Marie", "    courriel: m@iom.int"
    )
    stay = "field names stay in English, write"
    assert run_check(runner, make_site({RELEASE + "fr.md": french})) == [
        f"{RELEASE}fr.md:2: titre: unknown field 'titre': {stay} 'title:' and translate only "
        "what follows the colon",
        f"{RELEASE}fr.md:3: lieu: unknown field 'lieu': {stay} 'dateline:' and translate only "
        "what follows the colon",
        f"{RELEASE}fr.md:5: contacts.nom: unknown field 'nom': {stay} 'name:' and translate "
        "only what follows the colon",
        f"{RELEASE}fr.md:6: contacts.courriel: unknown field 'courriel': {stay} 'email:' and "
        "translate only what follows the colon",
    ]


def test_a_text_in_a_language_the_site_lacks_says_how_to_publish_it(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`de.md` was told only to be renamed; Word's lock file `~$en.md` too (h138)."""
    site = make_site({RELEASE + "de.md": ENGLISH, RELEASE + "~$en.md": ENGLISH})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.output.splitlines() == [
        f"warning: {RELEASE}de.md: is named after no language of the site, so it is not "
        "published: name it after one of en.md, fr.md, or, if it is a note for the people who "
        "write the release, with a word of four capitals or more (NOTES.md); to publish it in "
        'this language, add "de" to languages in pressgen.toml',
        "1 warning found; nothing was written.",
    ]


def test_a_list_inside_the_regions_is_told_as_such(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """It said "expected a key such as 'press-release'", a type, not a region (h138)."""
    yaml = RELEASE_YAML.replace("regions: [global]", "regions:\n  - [global, europe]")
    assert "regions:\n  - [global" in yaml
    assert run_check(runner, make_site({YAML: yaml})) == [
        f"{YAML}:5: regions: has an item that is a list itself (or holds keys), expected one "
        "key per item"
    ]
