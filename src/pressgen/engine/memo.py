"""The memo around rendering: output files rendered again only when their key changed or
someone touched them; whatever is rendered is written aside at once and put in place when
all is rendered, and bodies go to the cache (`releases` is the memo around reading).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..assemble import Edition
from ..model import Release
from ..render.feeds import feed_scopes
from ..render.outputs import STAGES, Unit
from .cache import Record
from .execute import Bodies, Converted, Progress, execute
from .keys import Keys
from .output import OutputFolder, Written
from .releases import ReleaseMemo

SAVE_BATCH = 500
STALE_SHARE = 0.25  # rows no release uses, as a share of those in use, a cache may keep


def render_and_write(
    units: Sequence[Unit],
    records: Mapping[str, Record],
    folder: OutputFolder,
    bodies: Bodies,
    shown: set[str],
    jobs: int,
    progress: Progress | None,
) -> tuple[dict[str, Record], int, set[str]]:
    """Keep each file written from the same key and still as written; render the others,
    stage by stage (see `outputs.STAGES`: lists and feeds show the bodies that release
    pages convert; press kits hold the PDFs). Each file rendered is set aside and put in
    place once all are: a render that fails (a site template, Typst) leaves the folder as
    the last build made it.

    Returns what the folder now holds (path -> key and signature), how many units were
    rendered and which files got new bytes."""
    kept = Kept(units, records, folder)
    rendered, changed = 0, set()
    folder.claim()
    bodies.written = Written(folder.root, kept.written, folder.staged)
    for stage in STAGES:
        todo = []
        for index, unit in enumerate(units):
            stale = kept.stale(unit) if unit.stage == stage else None
            if stale:
                todo.append((index, frozenset(stale)))
        converted: Converted = {}
        for index, files, fresh in execute(units, todo, bodies, jobs, progress):
            rendered += 1
            for path, data in sorted(files.items()):
                signature, new = folder.stage(path, data)
                kept.written[path] = (_key_of(units[index], path), signature)
                if new:
                    changed.add(path)
            converted.update(fresh)
            if len(converted) >= SAVE_BATCH:
                _remember(converted, bodies, shown)
        _remember(converted, bodies, shown)
    for path, signature in folder.commit().items():  # every file rendered: now in place
        kept.written[path] = (kept.written[path][0], signature)
    return kept.written, rendered, changed


class Kept:
    """The files this build keeps as the last one wrote them (in `written`, with the files
    it writes): those whose key is the same and which are still as written. A folder
    output (a path ending in "/") is kept whole or rendered whole."""

    def __init__(
        self, units: Sequence[Unit], records: Mapping[str, Record], folder: OutputFolder
    ) -> None:
        self.records, self.present = records, folder.present
        self.written: dict[str, Record] = {}
        owned = {path for unit in units for path in unit.files if path.endswith("/")}
        self.inside = _files_inside(owned, [*records, *folder.present])

    def stale(self, unit: Unit) -> list[str]:
        """The files of a unit to render; the others are kept."""
        stale = []
        for path, key in unit.files.items():
            if not (self._keep_folder(path, key) if path.endswith("/") else self._keep(path, key)):
                stale.append(path)
        return stale

    def _keep(self, path: str, key: str) -> bool:
        record = self.records.get(path)
        if record is not None and record[0] == key and self.present.get(path) == record[1]:
            self.written[path] = record
            return True
        return False

    def _keep_folder(self, prefix: str, key: str) -> bool:
        inside = self.inside.get(prefix, set())
        found = {path: self.records[path] for path in inside if path in self.records}
        if not found or len(found) != len(inside):  # none yet, or one added by hand
            return False
        if any(r[0] != key or self.present.get(p) != r[1] for p, r in found.items()):
            return False
        self.written.update(found)
        return True


def _files_inside(folders: set[str], names: Sequence[str]) -> dict[str, set[str]]:
    """The names below each of `folders` (a name below none is left out)."""
    found: dict[str, set[str]] = {folder: set() for folder in folders}
    tops = {folder.partition("/")[0] for folder in folders}
    for name in names:
        if name.partition("/")[0] not in tops:
            continue
        parent = name
        while "/" in parent:
            parent = parent.rpartition("/")[0]
            if parent + "/" in found:
                found[parent + "/"].add(name)
                break
    return found


def _key_of(unit: Unit, path: str) -> str:
    """The key a file was rendered from: its own, or that of the folder it is in."""
    key = unit.files.get(path)
    while key is None and "/" in path:
        path = path.rpartition("/")[0]
        key = unit.files.get(path + "/")
    if key is None:
        raise RuntimeError(f"{unit.name} rendered {path}, which it does not declare")
    return key


def _remember(converted: Converted, bodies: Bodies, shown: set[str]) -> None:
    """Cache bodies converted by this build; keep in memory those that feeds show."""
    bodies.cache.put_bodies(converted)
    bodies.learn(converted, shown.__contains__)
    converted.clear()


def shown_in_feeds(edition: Edition, keys: Keys) -> set[str]:
    """The body keys of the release-languages some feed shows in full."""
    return {keys.body(r, scope.lang) for scope, shown in feed_scopes(edition) for r in shown}


def forget_unused(memo: ReleaseMemo, keys: Keys, releases: Iterable[Release]) -> None:
    """Drop from the cache what no release of the site uses any more, once that is more
    than `STALE_SHARE` of what they use (an edit leaves one old release and one old body
    behind: sweeping every key for them at each build is a few per cent of a one-file
    build)."""
    releases = list(releases)
    languages = sum(len(r.translations) for r in releases)
    cache = memo.cache
    if (
        cache.count("releases") > (1 + STALE_SHARE) * len(releases)
        or cache.count("bodies") > (1 + STALE_SHARE) * languages
    ):
        used = {keys.body(r, lang) for r in releases for lang in r.translations}
        cache.keep_only({memo.key(r.folder) for r in releases}, used)
