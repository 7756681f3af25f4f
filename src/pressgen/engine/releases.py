"""Release folders read again only when a file in them changed: the memo around the
reader, which a build and `pressgen check` share (`memo` is the one around rendering)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from pathlib import Path

from .. import plain
from ..model import Release, Site, SiteConfig
from ..problems import Problem
from ..read import ReadRelease, read_site_as_far_as_possible
from ..read.release import read_release_and_warnings
from .cache import Cache
from .execute import map_folders
from .inputs import (
    PACKAGE,
    Inputs,
    digest,
    group,
    library_versions,
    release_folders,
    scan_inputs,
    settings_digest,
)


class ReleaseMemo:
    """Reads release folders for `read_site`, taking from the cache each release whose
    files, settings and code have not changed, and reading the others across processes."""

    def __init__(self, inputs: Inputs, libraries: str, cache: Cache, jobs: int) -> None:
        self.code = digest(group(inputs, PACKAGE), libraries)
        self.base = self.code
        self.files = release_folders(inputs)
        self.cache, self.jobs = cache, jobs
        self.known = cache.releases()
        self.fresh: dict[str, str] = {}

    def key(self, folder: Path) -> str:
        files = self.files.get(folder.name, {})
        return digest(self.base, str(folder), *(f"{n}={d}" for n, d in files.items()))

    def __call__(self, root: Path, config: SiteConfig, folders: list[Path]) -> list[ReadRelease]:
        self.base = digest(self.code, settings_digest(config))
        results: dict[Path, ReadRelease] = {
            path: (found, [], list(found.warnings))
            for path in folders
            if (found := self._known(path))
        }
        unread = [path for path in folders if path not in results]
        reader = partial(read_release_and_warnings, root=root, config=config)
        for path, result in zip(unread, map_folders(reader, unread, self.jobs), strict=True):
            results[path] = result
            if result[0] is not None and not result[1] and self.cache.writes:
                self.fresh[self.key(path)] = plain.dumps(_without_bodies(result[0]))
        return [results[path] for path in folders]

    def _known(self, folder: Path) -> Release | None:
        text = self.known.get(self.key(folder))
        try:
            return None if text is None else plain.loads(Release, text)
        except ValueError:  # written by another version: read the files again
            return None

    def save(self) -> None:
        """Cache the releases read from their files by this build."""
        self.cache.put_releases(self.fresh)


def read_site_remembered(
    root: Path, jobs: int
) -> tuple[Site, list[Problem], list[Problem], dict[str, dict[str, str]]]:
    """The site as `read_site_as_far_as_possible` reads it (the releases that read well,
    the problems of the others, every warning), taking from the build's cache each release
    whose files, settings and code have not changed, and reading the others across
    processes; and each release folder's files' digests. The cache is only read: `pressgen
    check` writes nothing."""
    root = root.absolute()  # as a build names release folders in its keys
    with Cache(root, writes=False) as cache:
        latest = cache.latest_state()
        inputs = scan_inputs(root, latest.inputs if latest else {})
        memo = ReleaseMemo(inputs, library_versions(), cache, jobs)
        return (*read_site_as_far_as_possible(root, memo), memo.files)


def _without_bodies(release: Release) -> Release:
    """The release as the cache keeps it: converted bodies are cached on their own."""
    translations = {lang: replace(t, body=None) for lang, t in release.translations.items()}
    return replace(release, translations=translations)
