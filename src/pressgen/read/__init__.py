"""Stage 1, read: a site folder on disk into a validated, immutable `Site`."""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from dataclasses import replace
from pathlib import Path

from ..folders import paths_below
from ..model import Release, Site, SiteConfig
from ..paths import RELEASE_ID
from ..problems import InputError, Problem, UserError
from ..resources import RELEASES_DIR
from .catalogs import catalog_problems
from .config import read_config
from .release import is_draft, read_release, read_release_and_warnings
from .release_checks import linked_out, long_names, unknown_release

# A release as read, or None, with its problems (errors) and its warnings.
ReadRelease = tuple[Release | None, list[Problem], list[Problem]]
FolderReader = Callable[[Path, SiteConfig, list[Path]], list[ReadRelease]]
# Why a release that did not read well may be left out of a build, or None if it may not.
LeaveOut = Callable[[Path], str | None]


def drafts_left_out(folder: Path) -> str | None:
    """A build of every release, public or preview, leaves out a draft with problems:
    nothing of it is published, and it holds back no other release."""
    return "a draft: builds leave it out until this is fixed" if is_draft(folder) else None


def not_previewed(shown: Collection[str]) -> LeaveOut:
    """A preview of some releases leaves out the others, whatever their problems."""
    return lambda folder: None if folder.name in shown else "not in this preview"


def read_folders(root: Path, config: SiteConfig, folders: list[Path]) -> list[ReadRelease]:
    """Each release folder read from its files, in order."""
    return [read_release_and_warnings(folder, root, config) for folder in folders]


def read_one_release(root: Path, release_id: str) -> tuple[Release, SiteConfig]:
    """One release and the site settings, for a command about that release alone (preview,
    mail, translations): other releases' problems do not block it."""
    config, problems = read_config(root)
    if config is None:
        raise InputError(problems)
    folder = root / RELEASES_DIR / release_id
    if not RELEASE_ID.match(release_id) or not folder.is_dir():
        raise UserError(unknown_release(root, release_id))
    release, problems = read_release(folder, root, config)
    if release is None:
        raise InputError(problems)
    return release, config


def read_site(
    root: Path, read: FolderReader = read_folders, *, may_leave_out: LeaveOut | None = None
) -> Site:
    """Read everything a build needs, or raise InputError listing every problem found.

    `read` reads the release folders; the build passes one that takes from its cache the
    releases whose files have not changed, and reads the others across processes.
    `may_leave_out` names the releases whose problems leave them out instead, and says
    why (`drafts_left_out`, `not_previewed`): a colleague's half-written draft must not
    hold back another release at its embargo. Their problems are in `Site.left_out`,
    shown as warnings.
    """
    site, problems, warnings = read_site_as_far_as_possible(root, read, may_leave_out)
    if problems:  # with every warning: everything there is to fix, at once
        raise InputError(problems, warnings)
    return site


def read_site_as_far_as_possible(
    root: Path, read: FolderReader = read_folders, may_leave_out: LeaveOut | None = None
) -> tuple[Site, list[Problem], list[Problem]]:
    """The site with the releases that read well, the problems of the others (errors), and
    every warning; raises InputError only when pressgen.toml itself is unusable."""
    config, problems = read_config(root)
    if config is None:
        raise InputError(problems)
    linked = _linked_out_of_the_site(root)  # never read, not even for `status`
    problems.extend(linked.values())
    releases = []
    releases_dir = root / RELEASES_DIR
    if not releases_dir.is_dir() and RELEASES_DIR not in linked:
        problems.append(
            Problem(
                RELEASES_DIR,
                None,
                None,
                "is missing, expected a folder with one sub-folder per release",
            )
        )
    warnings: list[Problem] = []
    left_out: list[Problem] = []
    folders = [] if RELEASES_DIR in linked else _release_folders(releases_dir)
    for folder, (release, found, noticed) in zip(folders, read(root, config, folders), strict=True):
        why = may_leave_out(folder) if found and may_leave_out and release is None else None
        if why:
            left_out += [replace(p, message=f"{p.message} ({why})") for p in found]
            found = []
        problems.extend(found)
        warnings.extend(noticed)
        if release is not None:
            releases.append(release)
    locales = None if "locales" in linked else _optional_dir(root / "locales")
    problems.extend(catalog_problems(locales, config.languages, root))
    assets = None if "assets" in linked else _optional_dir(root / "assets")
    problems.extend(_assets_problems(assets, root) if assets is not None else ())
    site = Site(
        root=root,
        config=config,
        releases=tuple(releases),
        templates_dir=None if "templates" in linked else _optional_dir(root / "templates"),
        locales_dir=locales,
        assets_dir=assets,
        left_out=tuple(left_out),
    )
    return site, problems, warnings


def _linked_out_of_the_site(root: Path) -> dict[str, Problem]:
    """Each folder of the site that is a link leading out of it, with its problem: nothing
    outside the site is read as its content, through one of its folders either."""
    inside, found = root.resolve(), {}
    for name in (RELEASES_DIR, "templates", "locales", "assets"):
        path = root / name
        if not path.is_symlink():
            continue
        try:
            target = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
            found[name] = Problem(name, None, None, "is a link that leads round in a loop")
            continue
        if not target.is_relative_to(inside):
            message = f"is a link to {target}, outside the site, expected a folder of the site"
            found[name] = Problem(name, None, None, message)
    return found


def _release_folders(releases_dir: Path) -> list[Path]:
    """The release folders in name order, hidden ones left out (sorted as names: sorting
    thousands of Path objects is slow), and links that lead to no file (a folder deleted
    or a drive not mounted: the reader says what is wrong)."""
    if not releases_dir.is_dir():
        return []
    with os.scandir(releases_dir) as scan:
        names = [e.name for e in scan if _may_be_a_release(e) and not e.name.startswith(".")]
    return [releases_dir / name for name in sorted(names)]


def _may_be_a_release(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link that does not lead to a file: to a folder, to nothing, in a loop
    (`os.path.isfile` follows it without raising)."""
    return not os.path.isfile(entry.path) if entry.is_symlink() else entry.is_dir()


def _assets_problems(assets: Path, root: Path) -> list[Problem]:
    """Published as it is: nothing in it may lead elsewhere, or have a name too long."""
    linked = linked_out(assets, root)
    return list(linked.values()) or long_names(paths_below(assets), root)


def _optional_dir(path: Path) -> Path | None:
    return path if path.is_dir() else None
