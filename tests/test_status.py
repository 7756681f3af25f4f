"""`pressgen status` as a press officer and a script read it: each release's state, when it
goes out, its languages, and the next instant something becomes public."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import ENGLISH, MINIMAL_CONFIG, SiteWriter

FRENCH = "---\ntitle: Un titre\ndateline: Genève\n---\nTexte.\n"
GENEVA = MINIMAL_CONFIG.replace("[site]\n", '[site]\ntimezone = "Europe/Geneva"\n')


def release(date: str, status: str = "published", *more: str) -> str:
    lines = [f"date: {date}", "type: press-release", "original: en", f"status: {status}", *more]
    return "\n".join(lines) + "\n"


def site_with(make_site: SiteWriter, releases: dict[str, str], config: str = GENEVA) -> Path:
    files: dict[str, str | bytes] = {}
    for name, yaml in releases.items():
        files[f"releases/{name}/release.yaml"] = yaml
        files[f"releases/{name}/en.md"] = ENGLISH
    if "old-news" in releases:
        files["releases/old-news/fr.md"] = FRENCH
    return make_site(files, with_default_release=False, config=config)


KNOWN = {
    "old-news": release("2026-06-01T10:00"),
    "embargoed-one": release("2026-11-30T10:00", "published", "embargo: 2026-12-02T10:00"),
    "scheduled-one": release("2026-12-05T09:00 Europe/Geneva"),
    "embargo-before-date": release("2026-12-10T10:00", "published", "embargo: 2026-12-03T10:00"),
    "draft-one": release("2026-12-01T10:00", "draft"),
    "taken-down": release("2026-05-01T10:00", "withdrawn"),
}


def status_json(runner: CliRunner, site: Path, now: str) -> dict[str, Any]:
    result = runner.invoke(main, ["status", "--site", str(site), "--now", now, "--json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def test_json_gives_every_state_and_the_next_instant(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    data = status_json(runner, site_with(make_site, KNOWN), "2026-12-01T12:00:00Z")
    states = {r["id"]: r["state"] for r in data["releases"]}
    assert states == {
        "draft-one": "draft",
        "embargo-before-date": "scheduled",
        "embargoed-one": "embargoed",
        "old-news": "public",
        "scheduled-one": "scheduled",
        "taken-down": "withdrawn",
    }
    assert [r["id"] for r in data["releases"]] == sorted(states)
    assert data["next"] == "2026-12-02T10:00:00+01:00"
    assert data["next_releases"] == ["embargoed-one"]
    by_id = {r["id"]: r for r in data["releases"]}
    assert by_id["embargoed-one"]["public_from"] == "2026-12-02T10:00:00+01:00"
    assert by_id["embargo-before-date"]["public_from"] == "2026-12-10T10:00:00+01:00"
    assert by_id["draft-one"]["public_from"] is None
    assert by_id["taken-down"]["public_from"] is None
    assert by_id["old-news"]["languages"] == {"en": "original", "fr": "unknown"}
    assert by_id["draft-one"]["languages"] == {"en": "original", "fr": "missing"}


@pytest.mark.parametrize(
    ("now", "state", "next_instant"),
    [
        ("2026-12-02T08:59:59Z", "embargoed", "2026-12-02T10:00:00+01:00"),
        ("2026-12-02T09:00:00Z", "public", "2026-12-05T09:00:00+01:00"),
        ("2026-12-02T10:00 Europe/Geneva", "public", "2026-12-05T09:00:00+01:00"),
        ("2026-12-02T09:59", "embargoed", "2026-12-02T10:00:00+01:00"),  # the site's zone
        ("2027-01-01T00:00:00Z", "public", None),
    ],
)
def test_the_embargo_lifts_at_its_instant(
    runner: CliRunner,
    make_site: SiteWriter,
    now: str,
    state: str,
    next_instant: str | None,
) -> None:
    data = status_json(runner, site_with(make_site, KNOWN), now)
    assert {r["id"]: r["state"] for r in data["releases"]}["embargoed-one"] == state
    assert data["next"] == next_instant


def test_an_embargo_at_the_releases_own_date_is_a_schedule_not_an_embargo(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A release dated 5 December 10:00 with its embargo at that same instant is only
    scheduled: called embargoed, `status` told the press officer journalists held it under
    an embargo before its date, which nothing gives them."""
    same = release("2026-12-05T10:00", "published", "embargo: 2026-12-05T10:00")
    site = site_with(make_site, {"at-its-date": same})
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T12:00:00Z"])
    assert result.exit_code == 0, result.output
    assert "scheduled  on 2026-12-05 10:00 CET (09:00 UTC)  at-its-date" in result.output
    assert result.output.splitlines()[-1].startswith("1 scheduled. Next: 2026-12-05 10:00 CET")


def test_summer_time_in_the_site_zone(runner: CliRunner, make_site: SiteWriter) -> None:
    site = site_with(make_site, {"summer": release("2026-07-02T10:00")})
    assert status_json(runner, site, "2026-07-02T07:59:59Z")["next"] == (
        "2026-07-02T10:00:00+02:00"
    )
    data = status_json(runner, site, "2026-07-02T08:00:00Z")
    assert data["releases"][0]["state"] == "public" and data["next"] is None


def test_the_table_says_what_goes_out_next_first(runner: CliRunner, make_site: SiteWriter) -> None:
    site = site_with(make_site, KNOWN)
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T12:00:00Z"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["STATE", "PUBLIC", "RELEASE", "LANGUAGES"]
    assert [line.split()[0] for line in lines[1:7]] == [
        "embargoed",
        "scheduled",
        "scheduled",
        "draft",
        "public",
        "withdrawn",
    ]
    assert lines[1].split()[1:8] == [
        "until",
        "2026-12-02",
        "10:00",
        "CET",
        "(09:00",
        "UTC)",
        "embargoed-one",
    ]
    assert "on 2026-12-05 09:00 CET (08:00 UTC)" in lines[2] and "scheduled-one" in lines[2]
    assert "since 2026-06-01 10:00 CEST (08:00 UTC)" in lines[5]
    assert lines[5].endswith("en original, fr unknown")
    assert lines[-1] == (
        "1 embargoed, 2 scheduled, 1 draft, 1 public, 1 withdrawn. "
        "Next: 2026-12-02 10:00 CET (09:00 UTC), embargoed-one."
    )


def test_a_broken_release_does_not_hide_the_others(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = site_with(make_site, {"fine": release("2026-12-05T09:00"), "broken": "date: soon\n"})
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T00:00:00Z"])
    assert result.exit_code == 1
    assert "scheduled  on 2026-12-05 09:00 CET (08:00 UTC)  fine" in result.output.splitlines()[1]
    assert "releases/broken/release.yaml:1: date: 'soon' is not a valid date and time" in (
        result.output
    )


def test_a_broken_embargoed_release_is_named_below_nothing_is_waiting(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h86: the only release waiting has a mistake: "Nothing is waiting to become public"
    alone read as if nothing were under embargo."""
    broken = release("2026-11-30T10:00", "published", "embargo: 2026-12-02T10:00", "regions: 3")
    site = site_with(make_site, {"old-news": KNOWN["old-news"], "embargoed-one": broken})
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T00:00:00Z"])
    assert result.exit_code == 1
    (site / "releases" / "no-yaml-yet").mkdir()  # h92: a problem on the folder itself
    (site / "releases" / "no-yaml-yet" / "en.md").write_text("---\ntitle: T\n---\nB\n", "utf-8")
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T00:00:00Z"])
    lines = result.output.splitlines()
    at = lines.index("1 public. Nothing is waiting to become public.")
    assert lines[at + 1] == (
        "Not in the table, for the problems below: embargoed-one, no-yaml-yet (fix them to see "
        "when they go out)."
    )


def test_a_site_whose_every_release_has_a_problem_says_so_not_no_releases(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h94: "No releases." came first, above the release it then named."""
    broken = release("2026-11-30T10:00", "published", "embargo: 2026-12-02T10:00", "regions: 3")
    site = site_with(make_site, {"embargoed-one": broken})
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T00:00:00Z"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "No release to show, for the problems below: embargoed-one (fix them to see when they "
        "go out)."
    )


def test_an_empty_site_has_nothing_next(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site(with_default_release=False, config=MINIMAL_CONFIG)
    data = status_json(runner, site, "2026-12-01T00:00:00Z")
    assert data["releases"] == [] and data["next"] is None


@pytest.mark.parametrize("loop", [False, True])
def test_releases_through_a_link_out_of_the_site_are_not_read(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, loop: bool
) -> None:
    """`releases/` a link to another folder: `status` listed the releases it found there (h143
    saw `build` and `check` refuse it, as they should), and a link that leads round in a loop
    was also "missing". Nothing outside the site is read; the link is the one problem."""
    site = site_with(make_site, {"old-news": KNOWN["old-news"]})
    elsewhere = tmp_path / "elsewhere"
    (site / "releases").rename(elsewhere)
    (site / "releases").symlink_to(site / "releases" if loop else elsewhere)
    result = runner.invoke(main, ["status", "--site", str(site), "--now", "2026-12-01T12:00:00Z"])
    assert result.exit_code == 1, result.output
    assert "old-news" not in result.output
    said = "is a link that leads round in a loop" if loop else f"is a link to {elsewhere}"
    assert [line for line in result.output.splitlines() if line.startswith("releases")] == [
        line for line in result.output.splitlines() if line.startswith(f"releases: {said}")
    ], result.output
    assert f"releases: {said}" in result.output
