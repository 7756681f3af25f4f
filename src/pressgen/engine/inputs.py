"""What a build reads, and whether it changed: the content digest of every input file.

Inputs are the site's settings, release folders, templates and catalogs, and pressgen's own
package (code, templates, catalogs). A file is hashed again only when its signature changed:
size, modification time, status-change time and inode together (git's rule). Restoring a
modification time (`touch -r`, `cp -p`, `rsync -t`, tar) still moves the status-change time,
which no user can set, so an edit is never hidden. A file changed in the seconds before the
scan may change again within the same clock tick: its signature is not trusted next time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import stat
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .. import plain
from ..folders import IGNORED, MAX_DEPTH, TOO_DEEP, name_problem, shown_name
from ..model import Brand, PublishSettings, SiteConfig
from ..problems import InputError, Problem
from ..resources import PACKAGE_DIR, RELEASES_DIR

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode
SITE_FOLDERS = (RELEASES_DIR, "templates", "locales", "assets")  # never an output's place
SITE_INPUTS = ("pressgen.toml", *SITE_FOLDERS)
SITE, PACKAGE = "site/", "package/"
RACY_NS = 3_000_000_000  # coarse file systems tick in 1 or 2 seconds
UNREADABLE = "unreadable"  # a link to nothing, a loop: the reader says what is wrong
# what shapes the output's bytes: a new version of any may write other bytes
LIBRARIES = (
    *("jinja2", "markdown", "babel", "feedgen", "lxml", "nh3", "pyyaml", "pillow", "pagefind"),
    *("typst", "fontpkg-noto-sans", "fontpkg-amiri", "justmytype-intl-cjk"),
)


class InputFile(NamedTuple):
    """An input's digest, and the signature under which it may be trusted next time."""

    signature: Signature | None
    digest: str


Inputs = dict[str, InputFile]  # "site/releases/x/en.md", "package/render/html.py", ...


def digest(*parts: str) -> str:
    """A short, stable hash of strings (none of which holds the separator)."""
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def scan_inputs(site: Path, previous: Mapping[str, InputFile]) -> Inputs:
    """Every input file with its digest, hashing only what changed since `previous`."""
    trusted_before = time.time_ns() - RACY_NS
    found: Inputs = {}
    for name, info, path, link in _input_files(site):
        signature = signature_of(info)
        known = previous.get(name)
        if link:  # where it leads counts (out of its release is an error), not its bytes only
            found[name] = InputFile(None, digest("link", _target(path), _hash_file(path)))
            continue
        if known is not None and known.signature == signature:
            value = known.digest
        else:
            value = _hash_file(path)
        settled = max(info.st_mtime_ns, info.st_ctime_ns) < trusted_before
        found[name] = InputFile(signature if settled else None, value)
    return found


def signature_of(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def _target(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return UNREADABLE


Found = tuple[str, os.stat_result, str, bool]  # name, its stat, its path, whether a link


def _input_files(site: Path) -> Iterator[Found]:
    for name in SITE_INPUTS:
        path = site / name
        if name in SITE_FOLDERS and path.is_symlink():  # where it leads counts (see the reader)
            yield SITE + name, _stat(str(path)), str(path), True
        if name == RELEASES_DIR:
            yield from _walk(str(path), SITE + name + "/", skip_hidden=True)
        elif path.is_dir():  # a linked folder in it (catalogs several sites share) is read
            inside = os.path.realpath(site)
            yield from _walk(str(path), SITE + name + "/", skip_hidden=False, follow=inside)
        elif path.exists():
            yield SITE + name, _stat(str(path)), str(path), path.is_symlink()
    yield from _walk(str(PACKAGE_DIR), PACKAGE, skip_hidden=True)


def _walk(
    folder: str, prefix: str, skip_hidden: bool, follow: str | None = None
) -> Iterator[Found]:
    """Files below `folder` in name order; links are followed to what they name (the reader
    refuses those that lead out of their release), links to folders only into the folder
    `follow` (the site; a release folder's are refused; under `follow`, a link out of it is
    an error). Hidden release folders are not read.
    One folder after the other, not by recursion: a tree deeper than `MAX_DEPTH` is a
    problem named with its path, never a crash."""
    levels = [(iter(_entries(folder)), prefix, skip_hidden)]
    while levels:
        entries, at, hide = levels[-1]
        entry = next(entries, None)
        if entry is None:
            levels.pop()
        elif entry.name in IGNORED or (hide and entry.name.startswith(".")):
            continue
        elif problem := name_problem(entry.name):
            where = shown_name(at + entry.name).removeprefix(SITE)
            raise InputError([Problem(where, None, None, problem)])
        elif follow and entry.is_symlink() and not _leads_into(entry.path, follow):
            raise InputError([_linked_out(at + entry.name, entry.path)])
        elif stat.S_ISDIR((info := _stat(entry.path)).st_mode) and (
            not entry.is_symlink() or _leads_into(entry.path, follow)
        ):
            if len(levels) > MAX_DEPTH:
                where = (at + entry.name).removeprefix(SITE)
                raise InputError([Problem(where, None, None, TOO_DEEP)])
            levels.append((iter(_entries(entry.path)), f"{at}{entry.name}/", False))
        else:
            yield at + entry.name, info, entry.path, entry.is_symlink()


def _linked_out(name: str, path: str) -> Problem:
    """A template, catalog or asset read through a link from outside the site: its edits
    went unseen (a folder's), and nothing outside the site is read as its content."""
    where = shown_name(name).removeprefix(SITE)
    target = os.path.realpath(path)
    return Problem(where, None, None, f"is a link to {target}, outside the site: copy it in")


def _leads_into(link: str, folder: str | None) -> bool:
    return folder is not None and os.path.realpath(link).startswith(folder + os.sep)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        return sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return []


def _stat(path: str) -> os.stat_result:
    try:
        return os.stat(path)
    except OSError:
        return os.lstat(path)


def _hash_file(path: str) -> str:
    """The digest of a regular file; anything else (a pipe, a device, a folder, a file that
    cannot be read) is UNREADABLE, for the reader to report. O_NONBLOCK: a pipe opens at once
    instead of waiting for a writer that never comes."""
    try:
        with open(os.open(path, os.O_RDONLY | os.O_NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return UNREADABLE
            return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return UNREADABLE


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The versions of the libraries that shape pressgen's output: a new Markdown or Jinja may
    write other bytes, so every output depends on them."""
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=-")
    return " ".join(found)


def group(inputs: Mapping[str, InputFile], prefix: str) -> str:
    """One digest for every input whose name starts with `prefix` (a folder, a file)."""
    return digest(*(f"{name}={f.digest}" for name, f in inputs.items() if name.startswith(prefix)))


def release_folders(inputs: Mapping[str, InputFile]) -> dict[str, dict[str, str]]:
    """Each release folder's files (by path inside the folder) and their digests."""
    folders: dict[str, dict[str, str]] = {}
    for name, found in inputs.items():
        if in_release := release_file(name):
            folders.setdefault(in_release[0], {})[in_release[1]] = found.digest
    return folders


def release_file(name: str) -> tuple[str, str] | None:
    """An input's release folder and path inside it ("site/releases/x/en.md": "x",
    "en.md"); None for an input outside the releases."""
    if not name.startswith(SITE + RELEASES_DIR + "/"):
        return None
    folder, _, inside = name[len(SITE + RELEASES_DIR + "/") :].partition("/")
    return folder, inside


def seal(files: Mapping[str, Signature | None], folders: Iterable[str]) -> str:
    """A digest of a folder's listing: each file's name and signature, each folder's name.
    Equal seals: no file was added, removed, replaced or written to since (the signature
    moves on any write), so a build with nothing to do loads no list of files to compare.
    (marshal writes plain values in C, fast. Its version 2 writes equal values as equal
    bytes; later ones mark interned strings and objects met twice, so that two equal
    listings built apart could seal differently. A seal that changes with Python's version
    only costs a build that finds nothing to do.)"""
    listing = (sorted(files.items()), sorted(folders))
    return hashlib.blake2b(marshal.dumps(listing, 2), digest_size=16).hexdigest()


def settings_digest(config: SiteConfig) -> str:
    """pressgen.toml as read, but for what no output shows (how to send e-mail, how to
    deploy)."""
    return digest(plain.dumps(replace(config, mail=None, publish=PublishSettings())))


def print_settings_digest(config: SiteConfig) -> str:
    """What of pressgen.toml a PDF shows: not the web's lists, feeds, colours, site pages,
    nor which other languages the site has (a PDF names none)."""
    shown = replace(
        config,
        languages=(),
        feed_length=0,
        feed_authority=None,
        page_size=0,
        about={},
        contacts=(),
        brand=Brand(logo=config.brand.logo),
        mail=None,
        publish=PublishSettings(),
    )
    return digest(plain.dumps(shown))
