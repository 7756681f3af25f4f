"""`pressgen preview ID ...`: a private preview of chosen releases, for journalists.

Each release is built on its own (every language, plain text, PDF; no other release, no
feeds, no search, every page `noindex`) into a folder named by a token that only this
site's secret can give: the folder can go on a public server and its address to a
journalist, and nobody finds it from the release's id. The token is the same at every
rebuild, so a link once sent keeps working. The secret lives in `SITE/.pressgen-preview/`,
a folder that keeps itself out of git.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import hmac
import os
import secrets
import tempfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path

from .engine import BuildReport, build
from .engine.places import previews_folder, retire_stale_previews
from .gitignore import ignore_all, ignore_in_git
from .problems import UserError, file_kind
from .read import read_one_release
from .resources import RELEASES_DIR

SECRET_DIR = ".pressgen-preview"
SECRET_FILE = "secret"
MIN_SECRET = 32  # characters (pressgen writes 64 hexadecimal digits, 256 bits)


def site_secret(site: Path) -> bytes:
    """The site's preview secret, made on first use (and never put in git). A secret that
    cannot keep an address from being guessed (an empty file from a first preview stopped
    by a full disk, zeros) is made anew: previews then get new addresses. Two previews at
    once take turns, so that both use the one secret left on disk."""
    folder = site / SECRET_DIR
    path = folder / SECRET_FILE
    _refuse_odd(folder, "the folder", folder.is_dir)
    try:
        folder.mkdir(exist_ok=True)
        with _locked(folder):
            _refuse_odd(path, "the file", path.is_file)
            secret = path.read_bytes().strip() if path.exists() else b""
            if not _usable(secret):
                ignore_all(folder, "# pressgen preview: the site's secret, never in git")
                secret = _write_secret(path)
    except OSError as error:  # a full disk: say where (a write names no file)
        if error.errno == errno.EROFS:  # "choose another --out" would be no answer
            raise UserError(
                f"{folder}: cannot be written ({error.strerror}): a preview keeps the site's "
                "secret there, in the site folder; preview from a copy of the site on a disk "
                "you can write to"
            ) from None
        error.filename = error.filename or str(folder)
        raise
    return secret


def _usable(secret: bytes) -> bool:
    """Whether `secret` keeps an address from being guessed: long enough, printable, and not
    a few characters repeated (a file a crash left full of zero bytes is as good as empty)."""
    printable = all(byte >= 0x20 and byte != 0x7F for byte in secret)  # a team's passphrase too
    return len(secret) >= MIN_SECRET and printable and len(set(secret)) >= 8  # hex has 16


def _refuse_odd(place: Path, what: str, expected: Callable[[], bool]) -> None:
    """Refuse a link, or another kind of file, where the secret or its folder goes."""
    if place.is_symlink() or (place.exists() and not expected()):
        raise UserError(
            f"{place}: is {file_kind(place)}, expected {what} that holds the site's preview secret "
            "(never read or written through a link): remove it and preview again; "
            "previews then get new addresses"
        )


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """The folder of the secret held by this process alone (an advisory lock)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)


def _write_secret(path: Path) -> bytes:
    """A new secret, written whole under another name and then put in place, so that no
    stop halfway leaves a short one."""
    secret = secrets.token_hex(32)
    handle, temporary = tempfile.mkstemp(prefix=".secret-", dir=path.parent)
    try:
        with open(handle, "w", encoding="ascii") as file:
            file.write(secret + "\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    return secret.encode("ascii")


def preview_token(secret: bytes, release_id: str) -> str:
    """The folder name of a release's preview: 96 bits no one guesses from the id."""
    return hmac.new(secret, f"preview {release_id}".encode(), hashlib.sha256).hexdigest()[:24]


def build_previews(
    site: Path,
    out: Path,
    release_ids: Iterable[str],
    now: datetime,
    jobs: int,
    waiting: Callable[[str], None] | None = None,
) -> tuple[dict[str, tuple[Path, BuildReport]], list[str]]:
    """Each release's preview folder, built; by release id. And the releases whose previews
    at an older address (an earlier secret's) were removed."""
    ids = list(dict.fromkeys(release_ids))
    _check_releases(site, ids)
    built = {}
    with previews_folder(site, out, waiting):  # a folder refused here is no site's business
        _ignored_in_git(site, out)
        secret = site_secret(site)
        for release_id in ids:
            target = out / preview_token(secret, release_id)
            only = {release_id}
            report = build(
                site, target, now, preview=True, only=only, jobs=jobs, waiting=waiting, held=True
            )
            built[release_id] = (target, report)
        address = partial(preview_token, secret)
        return built, retire_stale_previews(site, out, address, waiting)


def _ignored_in_git(site: Path, out: Path) -> None:
    """A previews folder inside the site (`preview/` by default) in the site's .gitignore:
    `git add -A` would put releases under embargo in the site's history."""
    site, out = site.resolve(), out.resolve()
    if out.is_relative_to(site):
        entry = f"/{out.relative_to(site).as_posix()}/"
        ignore_in_git(site, [entry], "# pressgen preview: releases under embargo")


def _check_releases(site: Path, ids: list[str]) -> None:
    """Each id names a release of the site that reads well and is not withdrawn."""
    for release_id in ids:
        where = f"{RELEASES_DIR}/{release_id}"
        release, _ = read_one_release(site, release_id)
        if release.status == "withdrawn":
            raise UserError(f"{where}: is withdrawn, and a withdrawn release is never previewed")
