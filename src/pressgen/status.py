"""`pressgen status`: what is waiting to go out, and when.

Every release with its state (draft, scheduled, embargoed, public, withdrawn), the instant it
becomes public, the state of its languages, and the next instant at which anything becomes
public. The publication rule is `Release.public_from`'s; this module only names its answers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import click

from .assemble import next_public
from .model import Release, Site
from .params import Instant, site_option
from .problems import InputError, Problem
from .read import read_site_as_far_as_possible
from .translations import release_status

State = Literal["draft", "scheduled", "embargoed", "public", "withdrawn"]
# the order of the human table: what needs attention first
STATES: tuple[State, ...] = ("embargoed", "scheduled", "draft", "public", "withdrawn")


def release_state(release: Release, now: datetime) -> State:
    """The state of a release at `now`, from the one publication rule."""
    if release.status == "withdrawn":
        return "withdrawn"
    if release.public_from is None:
        return "draft"
    if release.is_public(now):
        return "public"
    return "embargoed" if release.held_by_embargo else "scheduled"


@dataclass(frozen=True)
class ReleaseLine:
    """One release as `status` shows it."""

    id: str
    state: State
    public_from: datetime | None
    title: str
    original: str
    languages: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Status:
    now: datetime
    releases: tuple[ReleaseLine, ...]
    next: datetime | None
    next_ids: tuple[str, ...] = ()  # the releases that become public at `next`


def site_status(site: Site, now: datetime) -> Status:
    """Every release's line, sorted by id, and the next instant something becomes public."""
    lines = []
    for release in sorted(site.releases, key=lambda r: r.id):
        original = release.translations.get(release.original)
        lines.append(
            ReleaseLine(
                id=release.id,
                state=release_state(release, now),
                public_from=release.public_from,
                title=original.title if original else "",
                original=release.original,
                languages=release_status(release, site.config.languages).languages,
            )
        )
    at, ids = next_public(site.releases, now) or (None, ())
    return Status(now, tuple(lines), at, ids)


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def to_json(status: Status) -> str:
    releases = [
        {
            "id": line.id,
            "state": line.state,
            "public_from": _iso(line.public_from),
            "title": line.title,
            "original": line.original,
            "languages": dict(line.languages),
        }
        for line in status.releases
    ]
    data = {
        "now": _iso(status.now),
        "releases": releases,
        "next": _iso(status.next),
        "next_releases": list(status.next_ids),
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def when(instant: datetime) -> str:
    """'2026-12-02 10:00 CET (09:00 UTC)': the time as written, with its zone, and in UTC;
    its seconds too when it has some (an embargo at 17:35:44 is not public at 17:35)."""
    clock = "%H:%M:%S" if instant.second or instant.microsecond else "%H:%M"
    local = f"{instant.strftime(f'%Y-%m-%d {clock}')} {instant.tzname()}"
    if instant.utcoffset():
        local += f" ({instant.astimezone(UTC).strftime(clock)} UTC)"
    return local


_PHRASES: Mapping[State, str] = {
    "embargoed": "until {}",
    "scheduled": "on {}",
    "public": "since {}",
}


def to_table(status: Status) -> str:
    """A table a person reads: what goes out next first, then drafts, public, withdrawn."""
    if not status.releases:
        return "No releases."
    rows = [("STATE", "PUBLIC", "RELEASE", "LANGUAGES")]
    ordered = sorted(
        status.releases,
        key=lambda r: (STATES.index(r.state), _order(r, status.now), r.id),
    )
    for line in ordered:
        phrase = _PHRASES.get(line.state)
        public = phrase.format(when(line.public_from)) if phrase and line.public_from else "-"
        languages = ", ".join(f"{lang} {state}" for lang, state in line.languages)
        rows.append((line.state, public, line.id, languages))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    text = [
        "  ".join([*(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])), row[3]]).rstrip()
        for row in rows
    ]
    text += ["", _summary(status)]
    return "\n".join(text)


def _order(line: ReleaseLine, now: datetime) -> float:
    """Soonest first for what is coming, newest first for what is public."""
    if line.public_from is None:
        return 0.0
    seconds = line.public_from.timestamp()
    return -seconds if line.state == "public" else seconds


def _summary(status: Status) -> str:
    counts = {state: 0 for state in STATES}
    for line in status.releases:
        counts[line.state] += 1
    parts = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    if status.next is None:
        return f"{parts}. Nothing is waiting to become public."
    return f"{parts}. Next: {when(status.next)}, {', '.join(status.next_ids)}."


def read_status(site_dir: Path, now: datetime) -> tuple[Status, list[Problem]]:
    """The status of the releases that read well, and the problems of the others: one
    broken release does not hide when the rest go out. Raises InputError only when the
    settings are unusable."""
    site, problems, _ = read_site_as_far_as_possible(site_dir)
    return site_status(site, now), problems


@click.command()
@site_option()
@click.option(
    "--now",
    type=Instant(),
    default=None,
    help="Judge the releases at this instant (default: the real time).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def status(site: Path, now: datetime | None, as_json: bool) -> None:
    """Show every release's state and when it becomes public.

    \b
    draft      never public until its status is published
    scheduled  published, dated later
    embargoed  published, under embargo until a later instant
    public     public now
    withdrawn  taken down

    Each language is original, current, stale, unknown or missing (as in
    `pressgen translations`). The last line says what becomes public next, and when.
    """
    from .cli import reports_problems

    reports_problems(_show)(site, now or datetime.now(UTC), as_json)


def _show(site: Path, now: datetime, as_json: bool) -> None:
    result, problems = read_status(site, now)
    if as_json or result.releases or not problems:  # not "No releases." when none read well
        click.echo(to_json(result) if as_json else to_table(result))
    left_out = _left_out(problems, bool(result.releases))
    if left_out and not as_json:
        click.echo(left_out)
    if problems:
        raise InputError(problems)  # listed after the table; exit status 1


def _left_out(problems: list[Problem], table: bool) -> str | None:
    """The line naming the releases the table leaves out: one that does not read well may
    be under embargo, which "Nothing is waiting to become public" would hide."""
    parts = (problem.path.split("/") for problem in problems)
    folders = sorted({path[1] for path in parts if len(path) > 1 and path[0] == "releases"})
    if not folders:
        return None
    where = "Not in the table" if table else "No release to show"
    return (
        f"{where}, for the problems below: {', '.join(folders)} (fix them to see when they go out)."
    )
