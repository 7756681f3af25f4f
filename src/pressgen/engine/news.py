"""What a build changed for readers, against the last build into the same folder: pages
put online, releases edited, withdrawal notices, and pages gone without one (`BuildReport`)."""

from __future__ import annotations

from collections.abc import Mapping, Set
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from .cache import Cache, Record, State, memo_kind
from .inputs import Inputs, release_file

if TYPE_CHECKING:
    from ..assemble import Edition
    from ..model import Release

ReleaseLanguage = tuple[str, str]  # release id, language
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class Before(NamedTuple):
    """The output folder before a build: its files, their keys as the last build recorded
    them, the release-languages public then (None: no record of the last build), whether
    the build may keep the files whose keys did not change (not with `--full`), the first
    instant at which the last build's releases were all public (its window), and the
    releases whose own files changed since (none without a record of the last build, which
    then has no records of files either: no page of it is an update)."""

    files: Set[str]
    records: Mapping[str, Record]
    public: Set[ReleaseLanguage] | None
    reuse: bool
    public_since: datetime | None
    edited: Mapping[str, Set[str]]  # release id -> its files that changed


def last_build(
    state: State | None,
    files: Set[str],
    records: Mapping[str, Record],
    reuse: bool,
    inputs: Inputs,
) -> Before:
    """What the last build recorded (`state`, None if nothing), beside the folder's files
    and the site's `inputs` now."""
    edited = edited_since(state.inputs, inputs) if state is not None else {}
    return Before(files, records, public_in(state), reuse, public_since(state), edited)


def edited_since(before: Inputs, now: Inputs) -> dict[str, set[str]]:
    """The release folders any of whose files (release.yaml, a language's text, a photo, a
    note kept beside them) changed between two scans, with those files: a page of any
    other release that changed was made again for the site (a template, a catalog,
    pressgen.toml), which is no update of the release."""
    changed = {
        name
        for name, found in now.items()
        if (old := before.get(name)) is None or old.digest != found.digest
    }
    edited: dict[str, set[str]] = {}
    for place in map(release_file, changed | (before.keys() - now.keys())):
        if place:
            edited.setdefault(place[0], set()).add(place[1])
    return edited


def _edited_for(lang: str, files: Set[str]) -> bool:
    """Whether a release-language is edited, its release's changed `files` said: not when
    only the text of other languages changed (a translation added, or taken away, makes the
    others' pages again for their language switcher, which is no update of them)."""
    return any(not name.endswith(".md") or name == f"{lang}.md" for name in files)


def public_since(state: State | None) -> datetime | None:
    """The first instant at which the releases public at the last build all were."""
    start = state.window[0] if state is not None else None
    return EPOCH + timedelta(microseconds=start) if isinstance(start, int) else None


def recorded_publics(cache: Cache) -> list[tuple[Set[ReleaseLanguage], datetime | None]]:
    """What each public output folder the cache knows held at its last build, with the
    instant from which it all was public (see `read.clock.taken_back`)."""
    found = []
    for kind, out in cache.output_folders():
        state = cache.state(out, memo_kind("public")) if kind == "public" else None
        if public := public_in(state):
            found.append((public, public_since(state)))
    return found


def public_in(state: State | None) -> Set[ReleaseLanguage] | None:
    try:
        listed = state.report["public"] if state else None
        return None if listed is None else {(i, lang) for i, langs in listed for lang in langs}
    except (KeyError, TypeError, ValueError):  # written by hand
        return None


def news(
    edition: Edition,
    before: Before,
    written: Mapping[str, Record],
    changed: Set[str],
    since: datetime | None = None,
) -> dict[str, tuple[ReleaseLanguage, ...]]:
    """What a reader finds new: pages put online, pages changed, withdrawal notices, and
    release pages gone without one. A what-if build (at a later instant than `since`, the
    real time) names as published or withdrawn only what becomes so between the two."""
    from .. import paths

    found_news: dict[str, list[ReleaseLanguage]] = {"published": [], "updated": [], "withdrawn": []}
    recorded = before.public is not None or since is not None
    for kind, releases in (("published", edition.releases), ("withdrawn", edition.withdrawn)):
        for release in releases:
            for lang in edition.alternates(release):
                page = paths.release_page(lang, release.id)
                found = news_of(kind, release, lang, page, before, written, since)
                # a release public (or withdrawn) since the last build recorded is news,
                # though a build killed before it could record wrote its page already
                if found and (page in changed or (found != "updated" and recorded)):
                    found_news[found].append((release.id, lang))
    order = {lang: index for index, lang in enumerate(edition.config.languages)}
    removed = before.files - written.keys()
    dropped = {lang for _, lang in before.public or ()} - order.keys()  # from the site's list
    languages = [*edition.config.languages, *sorted(dropped)]
    gone = (paths.release_of_page(path, languages) for path in removed)
    found_news["unpublished"] = sorted(  # each release's languages in the site's order
        (found for found in gone if found is not None),
        key=lambda found: (found[0], order.get(found[1], len(order))),
    )
    if before.public is not None:
        gone_now = found_news["unpublished"]
        found_news["unpublished"] = [found for found in gone_now if found in before.public]
    return {kind: tuple(found) for kind, found in found_news.items()}


def news_of(
    kind: str,
    release: Release,
    lang: str,
    page: str,
    before: Before,
    written: Mapping[str, Record],
    since: datetime | None,
) -> str | None:
    """What a release-language's changed page is news of, if anything. A page put back as
    the last build made it (a hand edit mended) is none, nor a page of a release whose
    files did not change (made again for the site), nor a notice of a release that was not
    public at the last build (a notice made again, for a new site title say)."""
    if since is not None:  # a what-if build: news against the public site at `since`
        if kind == "withdrawn" or not release.is_public(since):
            return None if release.withdrawn_at(since) else kind
        if page not in before.files:  # public already, and new to this folder only
            return None
        was_public = True
    elif before.public is None:  # no record of the last build: its files say
        was_public = page in before.files
    else:
        was_public = (release.id, lang) in before.public
    if kind == "withdrawn":
        return kind if was_public else None
    if not was_public:
        return "published"
    old = before.records.get(page)  # none: the cache forgot the folder (deleted): no news
    if old is None or old[0] == written[page][0]:
        return None
    return "updated" if _edited_for(lang, before.edited.get(release.id, set())) else None
