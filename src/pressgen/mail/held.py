"""Journalists who hold a release under an embargo it no longer has: sent it EMBARGOED
UNTIL one instant, they publish then, though the release was put back to draft or its
embargo moved since. `pressgen mail` warns of it when it runs for that release; `check`
and the refusal to mail a draft say it too, so that nobody has to think of running it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from ..model import Release, Site
from ..problems import Problem
from ..resources import RELEASES_DIR
from .log import embargoes_held


def held_otherwise(site: Site, now: datetime) -> list[Problem]:
    """A warning for each release not public at `now` (a draft, or dated or embargoed
    later) and list whose recipients hold it EMBARGOED UNTIL an instant that is no longer
    when it goes out: they may publish it early. (A release public already, whatever they
    were told, has nothing left to go out early.)"""
    waiting = [r for r in site.releases if r.status != "withdrawn" and not r.is_public(now)]
    held = embargoes_held(site.root, [release.id for release in waiting])
    found = []
    for release in waiting:
        for (list_name, until), count in sorted(held.get(release.id, {}).items()):
            message = _held_message(release, list_name, until, count, now)
            if message is not None:
                path = f"{RELEASES_DIR}/{release.id}/release.yaml"
                found.append(Problem(path, None, None, message))
    return found


def held_as_draft(site_dir: Path, release_id: str) -> str:
    """What the refusal to mail a draft adds when journalists hold it under embargo."""
    counts = embargoes_held(site_dir, [release_id]).get(release_id, {})
    held = [f"{count} of list {name} until {until}" for (name, until), count in counts.items()]
    if not held:
        return ""
    return (
        f" (though {', '.join(sorted(held))} were sent it under embargo: to tell them, mark it "
        f"withdrawn ({_withdrawn_lines(datetime.now(UTC))}) and mail the list, which sends them "
        "a withdrawal notice, or give it its new embargo and mail it with --resend)"
    )


def _held_message(
    release: Release, list_name: str, until: str, count: int, now: datetime
) -> str | None:
    try:
        told = datetime.fromisoformat(until)
    except ValueError:  # a line written by hand
        return None
    lifts = release.public_from
    if release.status == "withdrawn" or (lifts is not None and lifts == told):
        return None
    who = f"{count} recipient{'s' if count != 1 else ''} of list {list_name}"
    if lifts is None:
        return (
            f"{who} were sent it EMBARGOED UNTIL {until} and may publish it then, but it is a "
            f"draft now: to tell them, mark it withdrawn ({_withdrawn_lines(now)}) and run "
            f"`pressgen mail {release.id} --list {list_name} --send` (a withdrawal notice), or "
            "give it its new embargo and send it again with --resend --embargoed"
        )
    return (
        f"{who} were sent it EMBARGOED UNTIL {until}, and it now goes out at "
        f"{lifts.isoformat()}: tell them with `pressgen mail {release.id} --list {list_name} "
        "--send --resend --embargoed`"
    )


def _withdrawn_lines(now: datetime) -> str:
    """What release.yaml says of a release withdrawn now, before it was ever public: the
    instant too, so that no address of it ever says it was withdrawn."""
    return f"status: withdrawn, and withdrawn: {now.astimezone(UTC).isoformat(timespec='seconds')}"
