"""Release facts read against the clock: dates a build accepts, but that say something the
press officer did not mean. `pressgen check` and `pressgen build` warn of each."""

from __future__ import annotations

from collections.abc import Iterable, Set
from datetime import datetime
from pathlib import Path

from ..model import Release, Site, utc
from ..problems import Problem, display_path
from .release import RELEASE_FILE


def dates_to_come(site: Site, now: datetime) -> list[Problem]:
    """Every date later than now that a build accepts but warns of (`check` and `build`)."""
    return (
        corrections_to_come(site, now)
        + translations_to_come(site, now)
        + withdrawals_dated_later(site, now)
        + withdrawals_to_come(site, now)
    )


def corrections_to_come(site: Site, now: datetime) -> list[Problem]:
    """A correction dated later than now (a slip in the year): a build publishes it at
    once, and its page says the release was updated on a day still to come."""
    return [
        _on_its_line(
            site,
            release,
            "corrections",
            f"the correction of {correction.date.isoformat()} is later than now: pages would "
            "say the release was updated on a day still to come; expected the instant it "
            "was corrected",
        )
        for release in site.releases
        for correction in release.corrections
        if utc(correction.date) > utc(now)
    ]


def translations_to_come(site: Site, now: datetime) -> list[Problem]:
    """A translation's `published:` later than now (a slip in the year, or a hope that the
    line schedules it: it does not): a build publishes the translation at once, and its
    language's feeds would date it on a day still to come."""
    return [
        Problem(
            display_path(release.source(lang), site.root),
            key_line(release, "published", release.source(lang)),
            "published",
            f"{added.isoformat()} is later than now: the translation is published at the "
            "next build all the same, and its language's feeds would date it on a day still "
            "to come; expected the instant it was added",
        )
        for release in site.releases
        for lang, added in sorted(release.added.items())
        if utc(added) > utc(now)
    ]


def undated_translations(
    site: Site, added: Iterable[tuple[Release, str]], now: datetime
) -> list[Problem]:
    """A translation put online after its release went out in other languages, whose file
    does not say when (`published:`): its language's feeds date it at its release's date,
    below the newer releases, where a feed of the newest few may never show it."""
    return [
        Problem(
            display_path(release.source(lang), site.root),
            None,
            "published",
            f"this translation went out after its release ({release.scheduled_from.isoformat()}),"
            " and its language's feeds date it then, below the releases since, where a feed of "
            "the newest may not show it; to show it among the newest, write in its front "
            f"matter the instant it went out: published: {now.isoformat(timespec='minutes')}",
        )
        for release, lang in added
    ]


def withdrawals_dated_later(site: Site, now: datetime) -> list[Problem]:
    """A `withdrawn:` instant later than now: the status withdraws the release at the next
    build all the same, and its address would say it was withdrawn at an instant still to
    come (a slip, or a hope that the line schedules the withdrawal: it does not)."""
    return [
        _on_its_line(
            site,
            release,
            "withdrawn",
            f"{release.withdrawn.isoformat()} is later than now: 'status: withdrawn' takes "
            "the release off at the next build all the same, and its address would say it was "
            "withdrawn at an instant still to come; expected the instant it is withdrawn",
        )
        for release in site.releases
        if release.status == "withdrawn"
        and release.withdrawn is not None
        and utc(release.withdrawn) > utc(now)
    ]


def withdrawals_to_come(site: Site, now: datetime) -> list[Problem]:
    """A release withdrawn before it was ever public leaves no trace only if `withdrawn:`
    says so: without it, no later build can tell, and from its date on its addresses would
    say it was withdrawn, naming a release no reader ever saw."""
    return [
        _on_its_line(
            site,
            release,
            "status",
            f"withdrawn before it was ever public (it would be from "
            f"{release.scheduled_from.isoformat()}) with no 'withdrawn:' instant: from then on "
            "its addresses would say it was withdrawn; expected 'withdrawn:' with the instant "
            "it was withdrawn, so that it leaves no trace",
        )
        for release in site.releases
        if release.status == "withdrawn"
        and release.withdrawn is None
        and utc(release.scheduled_from) > utc(now)
    ]


def taken_back(
    site: Site, now: datetime, recorded: Iterable[tuple[Set[tuple[str, str]], datetime | None]]
) -> list[Problem]:
    """A published release public at a last build (`recorded`: the release-languages public
    then, all public from the instant given beside them) that its date or embargo now dates
    later than that instant and now: the build takes it off the site without a word (an
    embargo moved on purpose: it was out too early), and a slip in a year would too. A build
    at an earlier instant (`--now`) moves no date and is not named."""
    problems = []
    for release in site.releases:
        if release.status == "withdrawn":
            problems += _withdrawn_unseen(site, release, recorded)
            continue
        if release.status != "published" or release.is_public(now):
            continue
        langs = [
            lang
            for public, since in recorded
            if since is not None and utc(release.scheduled_from) > utc(since)
            for lang in site.config.languages  # in the site's order, as a build names them
            if lang in release.translations and (release.id, lang) in public
        ]
        if not langs:
            continue
        message = (
            f"{release.scheduled_from.isoformat()} is later than now, but the release was "
            f"public ({', '.join(dict.fromkeys(langs))}): a build takes it off the site until "
            "then, with no notice; if the year is a slip, correct it (to take a release "
            "down with a notice, write 'status: withdrawn')"
        )
        field = "embargo" if release.held_by_embargo else "date"
        problems.append(_on_its_line(site, release, field, message))
    return problems


def _withdrawn_unseen(
    site: Site, release: Release, recorded: Iterable[tuple[Set[tuple[str, str]], datetime | None]]
) -> list[Problem]:
    """A release public at a last build, withdrawn at an instant before it went public (a
    slip of the hour, of the zone): it goes with no notice, its address says nothing, though
    readers saw it and journalists may be told it was withdrawn."""
    if release.withdrawn is None or utc(release.withdrawn) >= utc(release.scheduled_from):
        return []
    langs = [
        lang
        for public, _ in recorded
        for lang in site.config.languages
        if lang in release.translations and (release.id, lang) in public
    ]
    if not langs:
        return []
    message = (
        f"{release.withdrawn.isoformat()} is before the release went public "
        f"({release.scheduled_from.isoformat()}), which takes it off the site with no notice, "
        f"as if no reader saw it; but it was public ({', '.join(dict.fromkeys(langs))}): "
        "expected the instant it was withdrawn, after it went public, so that its address "
        "says it was withdrawn"
    )
    return [_on_its_line(site, release, "withdrawn", message)]


def _on_its_line(site: Site, release: Release, key: str, message: str) -> Problem:
    path = display_path(release.folder / RELEASE_FILE, site.root)
    return Problem(path, key_line(release, key), key, message)


def key_line(release: Release, key: str, path: Path | None = None) -> int | None:
    """The line of release.yaml (or of the file `path`) where `key:` is written, for a
    problem found after reading (the release keeps its values, not their lines): only such
    a release pays for it."""
    try:
        found = path or release.folder / RELEASE_FILE
        lines = found.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)
