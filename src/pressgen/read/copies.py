"""A release folder copied to start another one and left as it was: the copy, marked
published like the release it came from, would go out as a second release with the same
headline and text, into the feeds, the search and journalists' e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Release, utc
from ..problems import Problem, display_path
from .text_warnings import text_of


def copied_releases(releases: Iterable[Release], root: Path) -> list[Problem]:
    """A warning for each language version with the title, dateline and text of one of an
    earlier release (by date, then id), both published: a copy being rewritten is a draft,
    and one withdrawn may come back in a new folder."""
    first_of: dict[tuple[str, str, str], Release] = {}
    found = []
    published = sorted((r for r in releases if r.status == "published"), key=_order)
    for release in published:
        for lang, translation in release.translations.items():
            first = first_of.setdefault((lang, translation.title, translation.dateline), release)
            if first is release or text_of(first.source(lang)) != text_of(release.source(lang)):
                continue
            message = (
                f"has the same title, dateline and text as {display_path(first.source(lang), root)}"
                ": a copy would go out as a second release; write the new release in it, or "
                "mark it a draft in release.yaml (status: draft) until it is written"
            )
            found.append(Problem(display_path(release.source(lang), root), None, None, message))
    return found


def _order(release: Release) -> tuple[object, str]:
    return utc(release.date), release.id
