"""`pressgen translations`: which language versions exist, and which lag behind their original.

A translation records in its front matter what it was made from (`translated_from:`), written
by `pressgen translations mark`, never by hand. Comparing that record with the original as it
is now tells whether the original changed since, without git or any other history.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal, TypeVar

from .front_matter import read_back, with_key
from .model import Release, SiteConfig, Translation
from .problems import InputError, Problem, display_path
from .read import read_one_release, read_site_as_far_as_possible
from .translation_review import RECORDS_DIR as RECORDS
from .translation_review import Change, changes, keep_original, record_path, review
from .zones import Zone, site_zone

State = Literal["original", "current", "stale", "unknown", "missing"]
NEEDS_WORK: frozenset[State] = frozenset({"stale", "unknown"})
FINGERPRINT_KEY = "translated_from"
FINGERPRINT_PREFIX = "sha256:"

# The Translation fields a translator carries over from the original; the others say where
# the text is, not what it says. tests/test_translations.py checks that every field is in one.
HASHED_FIELDS = ("title", "dateline", "summary", "image", "contacts", "body", "images")
UNHASHED_FIELDS = ("lang", "translated_from", "published")  # when, not what it says

F = TypeVar("F", bound=Callable[..., Any])


# --- Status: pure functions of the read model -------------------------------------------


@dataclass(frozen=True)
class ReleaseStatus:
    """The state of each of the site's languages for one release, in the site's order."""

    id: str
    original: str
    languages: tuple[tuple[str, State], ...]


def fingerprint(original: Translation, lang: str) -> str:
    """What a translation into `lang` records as made from: a hash of the original's text.

    It hashes the text as read, not the file's bytes, so that re-saving the original with
    other line endings, trailing spaces, YAML quoting or Unicode normal form marks nothing
    stale. The target language is hashed too: a translation copied to start another
    language then does not pass as current in its new file.
    """
    content = {
        "for": lang,
        "text": {
            name: _normal(getattr(original, name))
            for name in HASHED_FIELDS
            if name != "images" or original.images  # so fingerprints made before it hold
        },
    }
    data = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return FINGERPRINT_PREFIX + hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _normal(value: Any) -> Any:
    """Text as Markdown reads it: NFC, `\\n` line ends, no trailing blanks, blank lines single."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
        text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
        return re.sub(r"\n{3,}", "\n\n", text)
    if isinstance(value, tuple):
        return [_normal(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _normal(item) for key, item in sorted(value.items())}
    if value is not None and hasattr(value, "__dataclass_fields__"):
        return {key: _normal(item) for key, item in asdict(value).items()}
    return value


def state(release: Release, lang: str) -> State:
    """Where the `lang` version of a release stands against its original."""
    if lang == release.original:
        return "original"
    translation = release.translations.get(lang)
    if translation is None:
        return "missing"
    if translation.translated_from is None:
        return "unknown"
    expected = fingerprint(release.translations[release.original], lang)
    return "current" if translation.translated_from == expected else "stale"


def release_status(release: Release, languages: Iterable[str]) -> ReleaseStatus:
    return ReleaseStatus(
        id=release.id,
        original=release.original,
        languages=tuple((lang, state(release, lang)) for lang in languages),
    )


def needs_work(statuses: Iterable[ReleaseStatus]) -> int:
    """How many translations are stale or never marked: what `--check` fails on."""
    return sum(s in NEEDS_WORK for status in statuses for _, s in status.languages)


def to_json(statuses: Sequence[ReleaseStatus]) -> str:
    releases = [
        {"id": s.id, "original": s.original, "languages": dict(s.languages)} for s in statuses
    ]
    return json.dumps({"releases": releases}, ensure_ascii=False, indent=2)


def to_table(statuses: Sequence[ReleaseStatus]) -> str:
    """One block per release, one line per language, and a count of each state."""
    if not statuses:
        return "No releases."
    width = max(len(lang) for s in statuses for lang, _ in s.languages)
    lines: list[str] = []
    for status in statuses:
        lines.append(f"{status.id} (original: {status.original})")
        lines.extend(f"  {lang:<{width}}  {s}" for lang, s in status.languages)
        lines.append("")
    counts = {name: 0 for name in ("current", "stale", "unknown", "missing")}
    for status in statuses:
        for _, s in status.languages:
            if s in counts:
                counts[s] += 1
    plural = "s" if len(statuses) != 1 else ""
    lines.append(
        f"{len(statuses)} release{plural}: " + ", ".join(f"{n} {k}" for k, n in counts.items())
    )
    stale = [(s.id, lang) for s in statuses for lang, st in s.languages if st == "stale"]
    if stale:  # marking it before updating it would hide what changed
        lines.append(
            "To see what changed in the original since a stale translation was made: "
            + "pressgen translations diff {} {}".format(*stale[0])
        )
    behind = [(s.id, lang) for s in statuses for lang, st in s.languages if st in _BEHIND]
    if behind:
        example = "pressgen translations mark {} {}".format(*behind[0])
        lines.append(
            "Once a translation is up to date with its original, record it, as in: " + example
        )
    return "\n".join(lines)


_BEHIND = ("stale", "unknown")


# --- Reading ----------------------------------------------------------------------------


def read_statuses(
    root: Path, release_id: str | None = None
) -> tuple[tuple[ReleaseStatus, ...], list[Problem]]:
    """Every release's status, sorted by id, or only `release_id`'s, and the problems of
    the releases that did not read (one broken release hides no other); raises InputError
    when the settings, or the one release asked for, cannot be read."""
    if release_id is not None:
        release, config = read_one_release(root, release_id)
        return (release_status(release, config.languages),), []
    site, problems, _ = read_site_as_far_as_possible(root)
    statuses = tuple(
        release_status(release, site.config.languages)
        for release in sorted(site.releases, key=lambda r: r.id)
    )
    return statuses, problems


# --- Marking: the only writer of translated_from ----------------------------------------


@dataclass(frozen=True)
class Marked:
    """A translation recorded as made from the original as it is now."""

    path: Path
    fingerprint: str
    was: State
    changed: bool
    warnings: tuple[str, ...] = ()


def mark_translations(root: Path, release_id: str, langs: Iterable[str]) -> tuple[Marked, ...]:
    """Record each `langs` version as up to date with the original, keeping a copy of the
    original for `translations diff`; writes all or nothing."""
    release, config = read_one_release(root, release_id)
    langs = tuple(dict.fromkeys(langs))
    problems = [p for lang in langs for p in _refusals(release, config, lang, root)]
    if problems:
        raise InputError(problems)
    edits = [_edit(release, lang, root, site_zone(config.timezone)) for lang in langs]
    for marked, text in edits:
        if marked.changed:
            marked.path.write_bytes(text.encode("utf-8"))
    for lang in langs:
        keep_original(release.folder, release.original, lang)
    return tuple(marked for marked, _ in edits)


def _refusals(release: Release, config: SiteConfig, lang: str, root: Path) -> list[Problem]:
    path = display_path(release.folder / f"{lang}.md", root)
    if lang not in config.languages:  # no such file to name: the release's folder
        message = f"'{lang}' is not a language of this site, expected one of: "
        folder = display_path(release.folder, root)
        return [Problem(folder, None, None, message + ", ".join(config.languages))]
    if lang == release.original:
        return [
            Problem(
                path,
                None,
                None,
                f"is the original (release.yaml says original: {lang}), not a translation; "
                "mark the translations made from it",
            )
        ]
    if lang not in release.translations:
        return [
            Problem(
                path,
                None,
                None,
                f"does not exist; translate {release.original}.md into it first, then mark it",
            )
        ]
    return []


def _edit(release: Release, lang: str, root: Path, zone: Zone | None) -> tuple[Marked, str]:
    """The marked file's new text, checked to read back as before apart from translated_from."""
    translation = release.translations[lang]
    source = release.source(lang)
    value = fingerprint(release.translations[release.original], lang)
    text = source.read_bytes().decode("utf-8")
    new_text = with_translated_from(text, value)
    if new_text != text and read_back(new_text, source.name, lang, zone) != replace(
        translation, translated_from=value
    ):
        message = (
            "could not be set without changing anything else in the file; "
            f"write 'translated_from: {value}' in its front matter by hand"
        )
        path = display_path(source, root)
        raise InputError([Problem(path, None, FINGERPRINT_KEY, message)])
    was = state(release, lang)
    notes = tuple(review(release.translations[release.original], translation))
    return Marked(source, value, was, new_text != text, notes), new_text


# --- What changed in the original since a translation was marked --------------------------


def original_changes(root: Path, release_id: str, lang: str) -> tuple[Release, list[Change]]:
    """The changes to the original since the `lang` translation was marked, read from the
    copy `mark` kept; raises InputError when there is nothing to compare with."""
    release, config = read_one_release(root, release_id)
    problems = _refusals(release, config, lang, root)
    if problems:
        raise InputError(problems)
    shown = display_path(release.source(lang), root)
    marked = release.translations[lang].translated_from
    kept = record_path(release.folder, lang)
    where = f"{RECORDS}/{kept.name}"
    old = _kept_original(kept, release.original, site_zone(config.timezone))
    if marked is None:
        why = "was never marked, so nothing says which version of the original it follows"
    elif not kept.is_file():
        why = (
            f"has no copy of the original kept in {where} to compare with (it was marked "
            "before pressgen kept one, or its translated_from line came from another file)"
        )
    elif old is None:
        why = f"the copy of the original kept in {where} cannot be read (edited or damaged)"
    elif fingerprint(old, lang) != marked:
        why = f"says it was made from another version of the original than the copy in {RECORDS}"
    else:
        return release, changes(old, release.translations[release.original])
    fix = (
        "; compare it with the original by hand, then run: pressgen translations mark "
        f"{release_id} {lang}"
    )
    raise InputError([Problem(shown, None, FINGERPRINT_KEY, why + fix)])


def _kept_original(kept: Path, lang: str, zone: Zone | None) -> Translation | None:
    """The original as `mark` kept it, or None: missing, not UTF-8, not a release file."""
    try:
        return read_back(kept.read_bytes().decode("utf-8"), kept.name, lang, zone)
    except (OSError, UnicodeDecodeError):
        return None


def with_translated_from(text: str, value: str) -> str:
    """`text` with its front matter's translated_from set to `value`, every other byte kept
    (see `front_matter.with_key`)."""
    return with_key(text, FINGERPRINT_KEY, value)
