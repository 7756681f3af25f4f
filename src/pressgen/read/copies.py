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
    """A warning for each release with the title, dateline and text of an earlier one (by
    date, then id) in some language, both published: a copy being rewritten is a draft,
    and one withdrawn may come back in a new folder. Texts are read only for releases
    whose title and dateline are another's."""
    earlier: dict[tuple[str, str, str], list[Release]] = {}
    texts: dict[Path, str | None] = {}

    def text(path: Path) -> str | None:
        if path not in texts:
            texts[path] = text_of(path)
        return texts[path]

    found = []
    for release in sorted((r for r in releases if r.status == "published"), key=_order):
        copied: dict[str, list[str]] = {}  # the earlier release's id -> the languages
        for lang, translation in sorted(release.translations.items()):
            same = earlier.setdefault((lang, translation.title, translation.dateline), [])
            first = next(
                (r for r in same if text(r.source(lang)) == text(release.source(lang))), None
            )
            if first is not None:
                copied.setdefault(first.id, []).append(lang)
            same.append(release)
        for first_id, langs in copied.items():
            message = (
                f"has the same title, dateline and text as {first_id} in {', '.join(langs)}: "
                "a copy would go out as a second release; write the new release in it, or mark "
                "it a draft in release.yaml (status: draft) until it is written"
            )
            found.append(Problem(display_path(release.folder, root), None, None, message))
    return found


def _order(release: Release) -> tuple[object, str]:
    return utc(release.date), release.id
