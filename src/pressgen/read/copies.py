"""A release folder copied to start another one and left as it was: the copy, marked
published like the release it came from, would go out as a second release with the same
headline and text, into the feeds, the search and journalists' e-mail.

A copy is told by its language files' digests, which the build has already taken (every
input's, to know what changed): no release is read again, and no language version decoded
from the cache, to look for copies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..model import Release, utc
from ..problems import Problem, display_path

Digests = Mapping[str, Mapping[str, str]]  # a release folder's files' digests, by its name


def copied_releases(releases: Iterable[Release], digests: Digests, root: Path) -> list[Problem]:
    """A warning for each release with a language file the same, byte for byte, as an
    earlier release's (by date, then id), both published: a copy being rewritten is a
    draft, and one withdrawn may come back in a new folder."""
    first_with: dict[tuple[str, str], Release] = {}
    found = []
    for release in sorted((r for r in releases if r.status == "published"), key=_order):
        files = digests.get(release.folder.name, {})
        copied: dict[str, list[str]] = {}  # the earlier release's id -> the language files
        for lang in release.languages:  # their names only: nothing decoded
            digest = files.get(f"{lang}.md")
            first = first_with.setdefault((lang, digest), release) if digest else release
            if first is not release:
                copied.setdefault(first.id, []).append(f"{lang}.md")
        for first_id, names in copied.items():
            message = (
                f"has {', '.join(names)} as {first_id} has it, word for word: a copy would go "
                "out as a second release; write the new release in it, or mark it a draft in "
                "release.yaml (status: draft) until it is written"
            )
            found.append(Problem(display_path(release.folder, root), None, None, message))
    return found


def _order(release: Release) -> tuple[object, str]:
    return utc(release.date), release.id
