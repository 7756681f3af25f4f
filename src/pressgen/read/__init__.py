"""Stage 1, read: a site folder on disk into a validated, immutable `Site`."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..model import Release, Site, SiteConfig
from ..problems import InputError, Problem
from ..resources import RELEASES_DIR
from .config import read_config
from .release import read_release

Reuse = Callable[[Path, SiteConfig], Release | None]


def read_site(root: Path, reuse: Reuse | None = None) -> Site:
    """Read everything a build needs, or raise InputError listing every problem found.

    `reuse` may return a release read by an earlier build whose files have not changed since,
    which spares parsing it again (see `cache.ReleaseReuse`).
    """
    config, problems = read_config(root)
    if config is None:
        raise InputError(problems)
    releases = []
    releases_dir = root / RELEASES_DIR
    if not releases_dir.is_dir():
        problems.append(
            Problem(
                RELEASES_DIR,
                None,
                None,
                "is missing, expected a folder with one sub-folder per release",
            )
        )
    for folder in _release_folders(releases_dir):
        release = reuse(folder, config) if reuse else None
        if release is None:
            release, found = read_release(folder, root, config)
            problems.extend(found)
        if release is not None:
            releases.append(release)
    if problems:
        raise InputError(problems)
    return Site(
        root=root,
        config=config,
        releases=tuple(releases),
        templates_dir=_optional_dir(root / "templates"),
        locales_dir=_optional_dir(root / "locales"),
        assets_dir=_optional_dir(root / "assets"),
    )


def _release_folders(releases_dir: Path) -> list[Path]:
    """The release folders in name order, hidden ones left out (sorted as names: sorting
    thousands of Path objects is slow)."""
    if not releases_dir.is_dir():
        return []
    with os.scandir(releases_dir) as scan:
        names = [e.name for e in scan if e.is_dir() and not e.name.startswith(".")]
    return [releases_dir / name for name in sorted(names)]


def _optional_dir(path: Path) -> Path | None:
    return path if path.is_dir() else None
