"""Where an output may go: never in the site's own folders, and a preview never inside the
public site or the reverse, at any depth (`engine.output` owns the folder itself)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

from ..folders import DIRECTORY
from ..problems import NO_SITE, InputError
from .cache import CACHE_DIR, Cache
from .files import remove, replace
from .inputs import SITE_FOLDERS
from .output import (
    APART,
    HOLDS,
    MARKERS,
    WHAT_IF,
    OutputError,
    open_locked,
    wait_for_lock,
)

PREVIEWS = ".pressgen-previews"  # the mark of a folder that holds previews, one a folder
PREVIEWS_TEXT = b"This folder holds pressgen previews, each in a folder of its own.\n"
# Its index page, for a web server that would otherwise list the previews' secret names.
PREVIEWS_INDEX = "index.html"
PREVIEWS_INDEX_HTML = (  # no words, in no language (zxx), yet valid HTML
    b'<!DOCTYPE html>\n<html lang="zxx"><head><meta charset="utf-8">'
    b'<meta name="robots" content="noindex, nofollow"><title>\xe2\x80\xa6</title></head>'
    b"<body></body></html>\n"
)
OWN_FILES = frozenset({PREVIEWS, PREVIEWS_INDEX})
# where build, publish and preview write without --out (SITE/public, SITE/preview)
DEFAULT_FOLDERS = {"public": "public", "preview": "preview"}


# What the top of a web site holds (a public build's, though its mark and the site's
# cache were deleted, or any other): no place for what is not public
SITE_ROOT = ("sitemap.xml", "robots.txt")
IN_A_SITE = (
    "(sitemap.xml, robots.txt at its top), where anyone may read what is put: expected a "
    "folder outside it"
)
WAS_PUBLIC = (
    "a public build of the site wrote into {folder} (its cache remembers it, though the "
    "folder was emptied or deleted since), and what goes there may be deployed: expected a "
    f"folder of its own (or delete the site's {CACHE_DIR} folder to forget it)"
)


@contextlib.contextmanager
def held_above(out: Path, waiting: Callable[[str], None] | None) -> Iterator[None]:
    """A shared lock on each folder above `out` (made if missing), from the top down, held
    while the block runs. A build locks its own folder alone: one into a folder above waits
    for this one, and this one for it, so two builds, one inside the other's output, never
    run at once; each checks where it is once it holds its locks (`check_folders`), or both
    found nothing, started together, and a preview was written inside the public site."""
    above = Path(os.path.realpath(out)).parent
    with contextlib.suppress(OSError):  # refused: `open_locked` says so, for `out`
        above.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        for folder in reversed((above, *above.parents)):
            try:
                handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:  # not ours to read: no build of ours writes there
                continue
            held.callback(os.close, handle)
            with contextlib.suppress(OutputError):  # a file system without locks: as before
                wait_for_lock(handle, folder, waiting, fcntl.LOCK_SH)
        yield


def check_folders(site: Path, out: Path, kind: str) -> None:
    """Refuse an output that would destroy the site or mix a preview with the public site.
    `kind` "mail" (messages written by `mail --dry-run`: addresses and embargoed text)
    is refused inside any output, and in the folder of previews too."""
    if not site.is_dir():  # a typo in --site: no output or cache is made under it
        raise OutputError(f"{site}: {NO_SITE}")
    if not (site / "pressgen.toml").is_file():  # not a site: no cache is left in it either
        from ..read.config import read_config

        raise InputError(read_config(site)[1])
    try:
        site, out = site.resolve(), out.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of links, before Python 3.13
        raise OutputError(f"{out}: its path is a loop of links, expected a folder") from None
    if out == site or out in site.parents:
        raise OutputError(f"{out}: is the site folder or contains it, expected a separate folder")
    # the site's own folders, and its hidden ones (.git, the cache, the previews' secret, the
    # records of publish and mail: deleting one, as the README may advise, would take an output)
    first = out.relative_to(site).parts[0] if site in out.parents else ""
    if first in SITE_FOLDERS or first.startswith("."):
        where = "is" if out == site / first else "is inside"
        raise OutputError(f"{out}: {where} the site's {first}/ folder, expected one outside")
    for other, folder in DEFAULT_FOLDERS.items():
        if other != kind and (out == site / folder or site / folder in out.parents):
            if kind == "what-if" and other == "public":
                raise OutputError(f"{out}: {WHAT_IF}")
            raise OutputError(f"{out}: is inside the site's {folder} folder, {APART}")
    _check_recorded(site, out, kind)
    _cache_apart(site, out)
    # messages are written into any folder given, where others replace what is there
    around = [out, *out.parents] if kind == "mail" else out.parents
    for parent in around:  # a marker is a file (SITE/.pressgen-preview/ holds a secret)
        if any((parent / marker).is_file() for marker in MARKERS.values()):
            raise OutputError(f"{out}: is inside the pressgen output {parent}, {APART}")
        if kind != "preview" and (parent / PREVIEWS).is_file():
            raise OutputError(f"{out}: is inside {parent}, a folder of previews, {APART}")
    if kind != "public":
        _refuse_in_a_site(out, kind)


def _cache_apart(site: Path, out: Path) -> None:
    """Refuse a cache folder that a link leads into an output (this one, or any marked one):
    it holds the texts of drafts and embargoed releases, which would be published there."""
    cache = site / CACHE_DIR
    if not cache.is_symlink():
        return
    with contextlib.suppress(OSError, RuntimeError):  # a loop: `Cache` replaces the link
        target = cache.resolve()
        for folder in (target, *target.parents):
            if folder == out or any((folder / mark).is_file() for mark in MARKERS.values()):
                raise OutputError(
                    f"{cache}: is a link into {target}, inside an output, where the drafts "
                    "and embargoed texts it holds would be published: expected a folder "
                    "outside every output (or delete the link)"
                )


def _refuse_in_a_site(out: Path, kind: str) -> None:
    """What is not public keeps out of any web site: a public site whose mark and cache were
    both deleted, another site's. A what-if build's own folder holds its own site; a folder
    of previews or of messages never does."""
    for folder in out.parents if kind == "what-if" else [out, *out.parents]:
        if all((folder / name).is_file() for name in SITE_ROOT):
            where = "" if folder == out else f"is inside {folder}, which "
            raise OutputError(f"{out}: {where}holds a web site {IN_A_SITE}")


def _check_recorded(site: Path, out: Path, kind: str) -> None:
    """The output folders the site's builds recorded: a public site whose mark was deleted
    by hand is still no place for a preview or a what-if build, nor a preview for a public
    site."""
    with Cache(site, writes=False) as cache:
        recorded = cache.output_folders()
        # `pressgen preview` builds each release's in a folder of the folder of previews
        in_previews = {folder for ids, folder in cache.preview_folders() if ids}
    for other, folder in recorded:
        if not _apart(kind, other):
            continue  # of the same side
        emptied = not _holds_anything(folder)  # or deleted since: free, unless public
        if emptied and other != "public":
            continue
        room = folder in in_previews
        with contextlib.suppress(OSError, RuntimeError):
            folder = folder.resolve()
        if emptied and (out == folder or folder in out.parents or out in folder.parents):
            raise OutputError(f"{out}: {WAS_PUBLIC.format(folder=folder)}")  # to deploy again
        if emptied:
            continue
        what = HOLDS[other]
        if kind == "what-if" and (out == folder or folder in out.parents):
            raise OutputError(f"{out}: {WHAT_IF}")
        if out == folder:
            raise OutputError(f"{out}: holds {what}, {APART}")
        if room:  # keep out of the whole folder of previews
            folder, what = folder.parent, "embargoed previews"
        if folder in out.parents:
            raise OutputError(f"{out}: is inside {folder}, which holds {what}, {APART}")
        if out in folder.parents:
            raise OutputError(f"{out}: holds {folder}, which holds {what}, {APART}")


def _apart(kind: str, other: str) -> bool:
    """Whether an output of `kind` must keep out of one of `other`: previews and the rest,
    and a what-if build (the embargoed shown) and the public site. (A public build may take
    a what-if folder back.)"""
    if kind == "mail" or (other == "preview") != (kind == "preview"):
        return True
    return kind == "what-if" and other == "public"


def _holds_anything(folder: Path) -> bool:
    """Whether a folder holds anything but the mark of a folder of previews."""
    try:
        with os.scandir(folder) as entries:
            return any(entry.name not in OWN_FILES for entry in entries)
    except OSError:  # deleted since, or no folder
        return False


@contextlib.contextmanager
def previews_folder(site: Path, out: Path, waiting: Callable[[str], None] | None) -> Iterator[None]:
    """Hold the folder previews go into, each in a folder of its own, for a whole
    `pressgen preview`: a public build into it at the same time waits, then finds the
    previews and is refused; a preview that waited finds the public site and is refused."""
    check_folders(site, out, "preview")
    with held_above(out, waiting):
        root, made = open_locked(out, waiting)
        yield from _previews_held(site, out, root, made)


def _previews_held(site: Path, out: Path, root: int, made: bool) -> Iterator[None]:
    try:
        for folder, _, files in os.walk(out):
            if MARKERS["public"] in files or MARKERS["what-if"] in files:
                raise OutputError(f"{folder}: holds a public build, {APART}")
        check_folders(site, out, "preview")  # again, now that no build around can start
        replace(root, PREVIEWS, PREVIEWS_TEXT)  # no public site may go below
        replace(root, PREVIEWS_INDEX, PREVIEWS_INDEX_HTML)  # never through a link
        yield
    finally:
        if made and set(os.listdir(out)) <= OWN_FILES:  # and nothing was built
            with contextlib.suppress(OSError):
                for name in OWN_FILES:
                    os.unlink(out / name)
                os.rmdir(os.path.realpath(out))  # where a link given as `out` leads
        os.close(root)


def retire_previews(
    cache: Cache, gone: Callable[[str], bool], waiting: Callable[[str], None] | None
) -> list[str]:
    """Remove each preview folder the site's builds recorded whose releases are all `gone`
    (withdrawn, or deleted): the link journalists hold showed a withdrawn text for good.
    One in use by a build is waited for (`waiting` is told); one without a preview's mark
    is left alone. Returns the releases whose previews went."""
    removed: list[str] = []
    for ids, folder in cache.preview_folders():
        if ids and all(map(gone, ids)) and _remove_preview(folder, waiting):
            removed += ids
    return removed


def retire_stale_previews(
    site: Path, out: Path, address: Callable[[str], str], waiting: Callable[[str], None] | None
) -> list[str]:
    """Remove each preview of one release in `out` that is not at the address `address`
    gives that release now: one made with a secret since deleted (the README's way to give
    every preview a new address), whose old address, leaked perhaps, would go on showing
    the embargoed text. Returns their releases."""
    with Cache(site, writes=False) as cache:
        recorded = cache.preview_folders()
    place, removed = out.resolve(), list[str]()
    for ids, folder in recorded:
        stale = len(ids) == 1 and folder.name != address(ids[0])
        if stale and folder.parent.resolve() == place and _remove_preview(folder, waiting):
            removed += ids
    return removed


def _remove_preview(folder: Path, waiting: Callable[[str], None] | None) -> bool:
    """Remove one preview folder, locked and reached without following a link."""
    try:
        parent = os.open(folder.parent, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return False
    try:
        root = os.open(folder.name, DIRECTORY, dir_fd=parent)
    except OSError:
        os.close(parent)
        return False
    try:
        wait_for_lock(root, folder, waiting)
        info = os.stat(MARKERS["preview"], dir_fd=root, follow_symlinks=False)
        if not stat.S_ISREG(info.st_mode):
            return False
        remove(parent, folder.name)
        return True
    except (OSError, OutputError):  # cannot be locked: left as it is
        return False
    finally:
        os.close(root)
        os.close(parent)
