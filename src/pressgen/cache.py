"""The build cache: what the last build produced from which inputs, so that the next one
renders only what changed.

Every key is a hash of the inputs an output depends on (release files, templates, catalogs,
configuration, pressgen's version, the preview banner). The output folder itself holds the
bytes; the cache holds keys, summaries and converted bodies. Anything unreadable, foreign or
from another version is ignored: the build is then a full one, never a wrong one.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import sys
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .model import BODY_NOT_LOADED, Release, Site
from .resources import PACKAGE_LOCALES, PACKAGE_TEMPLATES, catalog_path

CACHE_DIR = ".pressgen-cache"
BODIES_FILE = "bodies.sqlite"
FORMAT = 6
MODEL_TAG = f"{FORMAT}:{__version__}:"

Signature = tuple[tuple[str, int, int], ...]


def digest(*parts: object) -> str:
    """A short, stable hash of values whose repr is deterministic (frozen dataclasses, tuples).

    BLAKE2b: a build computes tens of thousands of these, and it is the quickest in hashlib.
    """
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def digest_of_keys(*keys: str) -> str:
    """`digest` for parts that are digests, language codes or fixed words, none of which holds
    the separator: twice as quick, and a build plans tens of thousands of keys."""
    return hashlib.blake2b("\x1f".join(keys).encode(), digest_size=16).hexdigest()


def tree_digest(folders: Iterable[Path | None], suffixes: tuple[str, ...]) -> str:
    """The hash of every file with one of `suffixes` below the folders: names and bytes."""
    h = hashlib.sha256(__version__.encode())
    for folder in folders:
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.name.endswith(suffixes):
                h.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return h.hexdigest()[:32]


@dataclass(frozen=True)
class Inputs:
    """Hashes of the site-wide inputs, each covering what one kind of output depends on."""

    config: str
    html: str
    text: str
    assets: str
    catalogs: Mapping[str, str]

    @classmethod
    def of(cls, site: Site) -> Inputs:
        return cls.of_folder(site.root, site.config.languages)

    @classmethod
    def of_folder(cls, root: Path, languages: Iterable[str]) -> Inputs:
        site_templates, locales_dir = root / "templates", root / "locales"
        templates = (site_templates, PACKAGE_TEMPLATES)
        catalogs = {
            lang: digest(
                *(
                    _file_hash(catalog_path(folder, lang))
                    for folder in (PACKAGE_LOCALES, locales_dir)
                )
            )
            for lang in languages
        }
        return cls(
            config=config_digest(root),
            html=tree_digest(templates, (".html",)),
            text=tree_digest(templates, (".txt",)),
            assets=tree_digest([t / "assets" if t else None for t in templates], ("",)),
            catalogs=catalogs,
        )


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:32] if path.is_file() else "-"


def folder_signature(folder: Path | str) -> Signature:
    """Names, sizes and modification times of a release folder's files (sub-folders
    included, links followed to what they name): cheap to compare."""
    files = file_signatures(folder, follow_symlinks=True)
    return tuple(sorted((name, size, mtime) for name, (size, mtime) in files.items()))


def release_signatures(releases_dir: Path) -> dict[str, Signature]:
    """The signature of every release folder, by name: what tells a build which releases
    changed (the reader skips hidden folders, and so does this)."""
    try:
        scan = os.scandir(releases_dir)
    except OSError:  # no releases folder: the reader says so
        return {}
    with scan:
        return {
            entry.name: folder_signature(entry.path)
            for entry in scan
            if entry.is_dir() and not entry.name.startswith(".")
        }


def output_signatures(folder: Path) -> dict[str, tuple[int, int]]:
    """Size and mtime of every file of an output folder, by relative path."""
    return file_signatures(folder, follow_symlinks=False)


def file_signatures(folder: Path | str, follow_symlinks: bool) -> dict[str, tuple[int, int]]:
    """Size and mtime of every file below `folder`: one walk, no Path objects."""
    found: dict[str, tuple[int, int]] = {}
    pending = [(str(folder), "")]
    while pending:
        current, prefix = pending.pop()
        with os.scandir(current) as scan:
            for entry in scan:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    try:
                        info = entry.stat(follow_symlinks=follow_symlinks)
                    except OSError:  # a link to nothing: the reader reports it if it matters
                        info = entry.stat(follow_symlinks=False)
                    found[prefix + entry.name] = (info.st_size, info.st_mtime_ns)
    return found


class BackgroundWalk:
    """A walk over a folder tree (`release_signatures`, `output_signatures`), done by a forked
    child while the build goes on.

    Walking tens of thousands of files is mostly waiting on the kernel; other processes do
    it while this one loads the cache. Without fork, or if the child fails, the walk happens
    here when the result is asked for: slower, never different. A missing folder gives {}.
    """

    def __init__(
        self, walk: Callable[[Path], dict[str, Any]], folder: Path, start: bool = True
    ) -> None:
        self.walk = walk
        self.folder = folder
        self._pid = 0
        self._pipe = -1
        self._found: dict[str, Any] | None = None
        if start and hasattr(os, "fork") and folder.is_dir():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: walk, send, and leave without running any exit handler
            status = 1
            try:
                os.close(read_end)
                data = pickle.dumps(self.walk(self.folder), pickle.HIGHEST_PROTOCOL)
                with open(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> dict[str, Any]:
        """What the walk found (the same dict each time it is asked)."""
        if self._found is not None:
            return self._found
        found = None
        if self._pid:
            with open(self._pipe, "rb") as pipe:
                data = pipe.read()
            self._pipe = -1
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if status == 0 and data:
                found = pickle.loads(data)
        if found is None:
            found = self.walk(self.folder) if self.folder.is_dir() else {}
        self._found = found
        return found

    def close(self) -> None:
        """Stop a walk whose result is no longer wanted (the build ended early)."""
        if self._pipe >= 0:
            os.close(self._pipe)  # a child still writing gets a broken pipe and exits
            self._pipe = -1
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0


class ReleaseReuse:
    """Hands back releases read by the last build whose files and settings have not changed,
    and releases read ahead by worker processes (`read_ahead`)."""

    def __init__(
        self,
        previous: Mapping[str, tuple[Any, ...]],
        config: str,
        seen: Mapping[str, Signature],
    ) -> None:
        self.previous = previous
        self.config = config
        self.seen = seen  # signatures taken at the start of the build (`release_signatures`)
        self.signatures: dict[str, Signature] = {}
        self.digests: dict[str, Any] = {}
        self.without_bodies: set[str] = set()  # ids of the releases handed back from the cache
        self.read_ahead: dict[str, tuple[object, Release, Any]] = {}  # settings, release, digests

    def unmatched(self) -> list[str]:
        """The folders whose release the cache cannot give: they must be read."""
        return [name for name, signature in self.seen.items() if not self._matches(name, signature)]

    def _matches(self, name: str, signature: Signature) -> bool:
        entry = self.previous.get(name)
        return bool(entry) and entry[0] == signature and entry[1] == self.config

    def __call__(self, folder: Path, settings: object) -> Release | None:
        signature = self.seen.get(folder.name) or folder_signature(folder)
        self.signatures[folder.name] = signature
        entry = self.previous.get(folder.name)
        if self._matches(folder.name, signature) and entry[2].folder == str(folder):
            release: Release = entry[2]
            object.__setattr__(release, "folder", folder)  # kept as a string (without_bodies)
            self.digests[release.id] = entry[3]
            self.without_bodies.add(release.id)
            return release
        ahead = self.read_ahead.get(folder.name)
        if ahead and ahead[0] == settings and ahead[1].folder == folder:
            self.digests[ahead[1].id] = ahead[2]
            return ahead[1]
        return None


COMPILED_TEMPLATES = "templates"  # Jinja's bytecode cache, inside the site's cache folder

LIBRARIES = ("jinja2", "markdown", "babel", "feedgen", "nh3", "pyyaml")


def config_digest(site_root: Path) -> str:
    """pressgen.toml and the versions of pressgen and the libraries that shape its output."""
    libraries = library_versions(LIBRARIES)
    return digest(__version__, _code_digest(), libraries, _file_hash(site_root / "pressgen.toml"))


def library_versions(names: Iterable[str]) -> list[str | None]:
    """The installed version of each library, read from the name of its `.dist-info` folder
    on `sys.path`, first found first, as Python imports it. Importing importlib.metadata
    alone took 15 ms, a thirtieth of a build with nothing to do; it answers only for a
    library installed some other way (an `.egg-info`, say)."""
    found: dict[str, str | None] = {name: None for name in names}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if entry.endswith(".dist-info"):
                project, _, version = entry.removesuffix(".dist-info").partition("-")
                name = project.lower().replace("-", "_").replace(".", "_")
                if name in found and found[name] is None:
                    found[name] = version
    missing = [name for name, version in found.items() if version is None]
    if missing:
        from importlib.metadata import PackageNotFoundError, version

        for name in missing:
            with contextlib.suppress(PackageNotFoundError):
                found[name] = version(name)
    return list(found.values())


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """pressgen's own code: a changed renderer (a new release, or a developer's edit) must never
    leave pages it would now write differently."""
    package = Path(__file__).resolve().parent
    return tree_digest([package], (".py",))


def without_bodies(release: Release) -> Release:
    """The release as the cache keeps it: Markdown bodies are most of its size, and most
    builds need none of them (converted bodies are cached on their own). Its folder is kept
    as a string: unpickling 5,000 Path objects took a third of loading the cache, and
    `ReleaseReuse` gives it back the Path the reader is at."""
    return replace(
        release,
        folder=str(release.folder),
        translations={
            lang: replace(t, body=BODY_NOT_LOADED) for lang, t in release.translations.items()
        },
    )


def release_meta(release: Release) -> Release:
    """The release without its language files: what every language's outputs share."""
    return replace(release, translations={})


@dataclass
class BuildState:
    """What one build leaves for the next; saved only after a successful build."""

    out: str = ""
    preview: bool = False
    config: str = ""
    inputs: Inputs | None = None
    # each file's key (a part's digest, or a release file's digests), size and mtime
    outputs: dict[str, tuple[str | tuple[str, ...], int, int]] = field(default_factory=dict)
    parts: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    # status, date and embargo of each release, instants in microseconds since the epoch
    schedule: dict[str, tuple[str, int, int | None]] = field(default_factory=dict)
    public: frozenset[str] = frozenset()
    signatures: dict[str, Signature] = field(default_factory=dict)
    summaries: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    # each release file's catalog lookups (language, method, arguments), sets shared
    lookups: dict[str, frozenset[tuple[str | int, ...]]] = field(default_factory=dict)

    def public_at(self, now: datetime) -> frozenset[str]:
        """The releases public at `now`, judged from what the last build read."""
        instant = microseconds(now)
        return frozenset(
            release_id
            for release_id, (status, date, embargo) in self.schedule.items()
            if status == "published"
            and date <= instant
            and (embargo is None or embargo <= instant)
        )


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)


def microseconds(instant: datetime) -> int:
    """An aware instant as an exact integer: compared and pickled without asking a time
    zone for its offset each time (a no-op build compares thousands)."""
    return (instant - EPOCH) // MICROSECOND


def schedule_of(release: Release) -> tuple[str, int, int | None]:
    embargo = release.embargo
    return (
        release.status,
        microseconds(release.date),
        None if embargo is None else microseconds(embargo),
    )


class Cache:
    """The cache folder of a site: build state, releases as read, converted bodies."""

    def __init__(self, site_root: Path) -> None:
        self.site_root = site_root
        self.folder = site_root / CACHE_DIR
        self._db: sqlite3.Connection | None = None

    @staticmethod
    def _state_file(out: str) -> str:
        """One state per output folder, so that builds into several folders stay incremental."""
        return f"state-{digest(out)[:16]}.pickle"

    def load_state(self, out: Path, preview: bool) -> BuildState:
        state = self._load(self._state_file(str(out.absolute())))
        if (
            not isinstance(state, BuildState)
            or state.out != str(out.absolute())
            or (state.preview != preview)
        ):
            return BuildState()
        return state

    def load_models(self) -> dict[str, Any]:
        """Releases as the last build read them, by folder (see `ReleaseReuse`)."""
        try:
            rows = self._bodies().execute("SELECT folder, tag, model FROM models").fetchall()
            return {
                folder: pickle.loads(model)
                for folder, tag, model in rows
                if tag.startswith(MODEL_TAG)
            }
        except Exception:  # a damaged cache is no cache
            return {}

    def _save_models(self, fresh: Mapping[str, Any], folders: Collection[str]) -> None:
        """Write the releases read from their files by this build (the others are stored
        already); forget folders that are gone."""
        db = self._bodies()
        rows = (  # pickled one at a time, as SQLite takes them: memory stays flat
            (
                folder,
                MODEL_TAG + digest(model[0], model[1]),
                pickle.dumps(_kept(model), pickle.HIGHEST_PROTOCOL),
            )
            for folder, model in fresh.items()
        )
        gone = [(f,) for (f,) in db.execute("SELECT folder FROM models") if f not in folders]
        with db:
            db.executemany("INSERT OR REPLACE INTO models VALUES (?, ?, ?)", rows)
            db.executemany("DELETE FROM models WHERE folder = ?", gone)

    def body_keys(self) -> set[str]:
        """The keys of every converted body in the cache."""
        try:
            return {key for (key,) in self._bodies().execute("SELECT key FROM bodies")}
        except Exception:
            return set()

    def _load(self, name: str) -> Any:
        try:
            with open(self.folder / name, "rb") as handle:
                tag, value = pickle.load(handle)
        except Exception:  # a damaged or foreign cache is no cache: build in full
            return None
        return value if tag == (FORMAT, __version__) else None

    def _bodies(self) -> sqlite3.Connection:
        if self._db is None:
            try:
                self.folder.mkdir(exist_ok=True)
                self._db = self._open()
            except sqlite3.DatabaseError:  # damaged: start afresh
                (self.folder / BODIES_FILE).unlink(missing_ok=True)
                self._db = self._open()
            except OSError:  # a read-only site: build without a cache, never fail
                self._db = sqlite3.connect(":memory:")
                self._create_tables(self._db)
        return self._db

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.folder / BODIES_FILE)
        self._create_tables(db)
        return db

    @staticmethod
    def _create_tables(db: sqlite3.Connection) -> None:
        with db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, body BLOB NOT NULL)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS models "
                "(folder TEXT PRIMARY KEY, tag TEXT NOT NULL, model BLOB NOT NULL)"
            )

    def body(self, key: str) -> Any:
        """A body converted by an earlier build, or None."""
        try:
            row = self._bodies().execute("SELECT body FROM bodies WHERE key = ?", (key,)).fetchone()
            return decode_body(row[0]) if row else None
        except Exception:
            return None

    def save_bodies(self, bodies: Mapping[str, bytes]) -> None:
        """Store converted bodies, each already in `encode_body` form."""
        with contextlib.suppress(OSError, sqlite3.Error):  # a cache that cannot be written
            db = self._bodies()
            with db:
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", bodies.items())

    def save(
        self,
        state: BuildState,
        fresh: Mapping[str, Any],
        folders: Collection[str],
        unused_bodies: Iterable[str],
    ) -> None:
        """Record a successful build; a cache that cannot be written never fails the build.

        `fresh`: the releases this build read from their files, by folder (with what
        `ReleaseReuse` compares); `folders`: every release folder; `unused_bodies`: keys of
        converted bodies no release-language uses any more.
        """
        with contextlib.suppress(OSError, sqlite3.Error):
            self.folder.mkdir(exist_ok=True)
            self._save_models(fresh, set(folders))
            _atomic_pickle(
                self.folder / self._state_file(state.out), ((FORMAT, __version__), state)
            )
            db = self._bodies()
            with db:
                db.executemany("DELETE FROM bodies WHERE key = ?", ((k,) for k in unused_bodies))

    def subfolder(self, name: str) -> Path | None:
        """A folder of the cache for another tool's files; None where it cannot be written
        (a read-only site builds without it)."""
        folder = self.folder / name
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        return folder if os.access(folder, os.W_OK) else None

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def encode_body(body: object) -> bytes:
    """A converted body as the cache stores it: encoded where it was converted (in a worker
    process), so that the build process only passes the bytes on to the database."""
    return pickle.dumps(body, pickle.HIGHEST_PROTOCOL)


def decode_body(data: bytes) -> Any:
    return pickle.loads(data)


def _kept(model: tuple[Any, ...]) -> tuple[Any, ...]:
    signature, config, release, digests = model
    return signature, config, without_bodies(release), digests


def _atomic_pickle(path: Path, value: object) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)
