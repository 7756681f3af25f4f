"""The build cache, SITE/.pressgen-cache: the one module that knows that folder.

One SQLite file of plain values: each output folder's state (what its last build read, as
JSON) and files, releases as read (without their Markdown), converted bodies. A damaged row
fails its checksum and is a missing one; a file's row counts only if its key and signature
match. A damaged or foreign database is replaced by an empty one. So a cache can make a
build fuller, never wrong, never crash one or run code; deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..folders import remove_folder
from ..gitignore import ignore_all
from .inputs import InputFile, Inputs, Signature, digest

CACHE_DIR = ".pressgen-cache"
DATABASE = "cache-v11.sqlite"
SCHEMA = {
    "states": "CREATE TABLE states (key TEXT PRIMARY KEY, value TEXT, checksum TEXT)",
    "releases": "CREATE TABLE releases (key TEXT PRIMARY KEY, value TEXT, checksum TEXT)",
    # the summary before the HTML: an index reads thousands of summaries, and SQLite reads a
    # row's columns in order, through the pages of a long HTML to a summary after it
    "bodies": "CREATE TABLE bodies (key TEXT PRIMARY KEY, summary TEXT, summary_checksum TEXT, "
    "value TEXT, checksum TEXT)",
    "outputs": "CREATE TABLE outputs (folder TEXT, path TEXT, key TEXT, size INTEGER, "
    "mtime INTEGER, ctime INTEGER, inode INTEGER, PRIMARY KEY (folder, path))",
}
# Every object of the schema but the indexes SQLite makes for primary keys.
OUR_TABLES = "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL"
CORRUPT = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_FORMAT"})
# SQLite's own error messages quote the schema: a flipped bit there makes one that is not
# UTF-8, which Python's sqlite3 fails to decode.
FAILURES = (sqlite3.Error, UnicodeDecodeError)
Record = tuple[str, Signature]  # an output file's key, and its signature once written
# A state's key: `memo_kind` (a build's kind and the releases it shows), then its folder
STATE_KEY = re.compile(r"(public|what-if|preview) \[([^\]]*)\] (.+)", re.DOTALL)
SITE_KEY = "site"  # the row of states that names the site folder whose builds they are
PUT = "INSERT OR REPLACE INTO {table} VALUES (?, ?, ?)"


@dataclass(frozen=True)
class State:
    """What a successful build into one output folder read, and the seal of what it wrote
    there (see `inputs.seal`): all that a build with nothing to do reads."""

    inputs: Inputs
    libraries: str
    seal: str
    window: tuple[int | None, int | None]  # now, in µs, for which the edition is the same
    report: Mapping[str, Any]


class Cache:
    """The cache of one site, opened on first use; every failure makes it an empty memo."""

    def __init__(self, site: Path, writes: bool = True) -> None:
        """`writes=False` reads the cache as it is, if there is one, and never changes it
        (not even to delete a damaged one): `pressgen check` writes nothing."""
        self.path, self.writes = site / CACHE_DIR / DATABASE, writes
        self._db: sqlite3.Connection | None = None
        self._opened = False
        self._foreign = False  # read-only, a cache copied from another site: no records

    def state(self, out: Path, kind: str) -> State | None:
        """The state of the last build of `kind` into `out`, or None."""
        found = self._value("states", f"{kind} {out}")
        return None if self._foreign else _parsed_state(found)

    def latest_state(self) -> State | None:
        """The state the last build saved, into whichever folder: its inputs' signatures
        spare `check` hashing again the files that have not changed since."""
        sql = "SELECT key, value, checksum FROM states WHERE key != ? ORDER BY rowid DESC LIMIT 1"
        rows = self._rows(sql, [SITE_KEY])
        return _parsed_state(next((v for k, v, c in rows if _checked(k, v, c)), None))

    def save_state(
        self,
        out: Path,
        kind: str,
        state: State,
        outputs: Mapping[str, Record] | None = None,
        previous: Mapping[str, Record] | None = None,
    ) -> None:
        """Save the state and, when given, the files written, in one transaction. With
        `previous` (the files as `outputs` gave them to this build) only the rows that
        changed are written; without, every row of the folder is replaced."""
        value = _encoded(state)
        key = f"{kind} {out}"
        writes = [(PUT.format(table="states"), [(key, value, digest(key, value))])]
        if outputs is not None:
            writes += _file_writes(key, outputs, previous)
        self._write(writes)

    def outputs(self, out: Path, kind: str) -> dict[str, Record]:
        """The files the last build of `kind` into `out` wrote: each one's key and signature."""
        sql = "SELECT path, key, size, mtime, ctime, inode FROM outputs WHERE folder = ?"
        rows = self._rows(sql, [f"{kind} {out}"])
        return {  # a flipped bit may make a text a blob; a copy's records are none of ours
            row[0]: (row[1], (row[2], row[3], row[4], row[5]))
            for row in rows
            if isinstance(row[0], str) and isinstance(row[1], str) and not self._foreign
        }

    def releases(self) -> dict[str, str]:
        """Every release as read by an earlier build, by key (see `releases.ReleaseMemo`)."""
        rows = self._rows("SELECT key, value, checksum FROM releases")
        return {key: value for key, value, check in rows if _checked(key, value, check)}

    def put_releases(self, values: Mapping[str, str]) -> None:
        rows = [(k, v, digest(k, v)) for k, v in values.items()]
        self._write([(PUT.format(table="releases"), rows)])

    def body(self, key: str) -> tuple[str, str] | None:
        """A converted body's HTML and summary, or None."""
        sql = "SELECT value, checksum, summary, summary_checksum FROM bodies WHERE key = ?"
        for html, check, summary, summary_check in self._rows(sql, [key]):
            if _checked(key, html, check) and _checked(key, summary, summary_check):
                return html, summary
        return None

    def summaries(self) -> dict[str, str]:
        """The summary of every converted body, by key: an index shows thousands."""
        rows = self._rows("SELECT key, summary, summary_checksum FROM bodies")
        return {key: summary for key, summary, check in rows if _checked(key, summary, check)}

    def put_bodies(self, bodies: Mapping[str, tuple[str, str]]) -> None:
        rows = [(k, s, digest(k, s), h, digest(k, h)) for k, (h, s) in bodies.items()]
        self._write([("INSERT OR REPLACE INTO bodies VALUES (?, ?, ?, ?, ?)", rows)])

    def count(self, table: str) -> int:
        """How many rows `table` ("releases" or "bodies") holds (0 without a cache)."""
        rows = self._rows(f"SELECT count(*) FROM {table}")
        return int(rows[0][0]) if rows else 0

    def keep_only(self, releases: Collection[str], bodies: Collection[str]) -> None:
        """Forget what no release of the site uses any more."""
        for table, wanted in (("releases", releases), ("bodies", bodies)):
            gone = [(k,) for (k,) in self._rows(f"SELECT key FROM {table}") if k not in wanted]
            self._write([(f"DELETE FROM {table} WHERE key = ?", gone)])

    def forget_gone_folders(self) -> None:
        """Forget the builds into folders since deleted (`serve` makes one a run), but that a
        public build wrote one and what it made public (built again, it has nothing new)."""
        gone = [(found[0],) for found in self._state_keys() if not os.path.lexists(found[3])]
        marks = [_mark(k, self._value("states", k)) for (k,) in gone if k[:7] == "public "]
        forget = "DELETE FROM states WHERE key = ? AND key NOT LIKE 'public %'"
        mark = "UPDATE states SET value = ?, checksum = ? WHERE key = ?"
        self._write([(forget, gone), (mark, marks), ("DELETE FROM outputs WHERE folder = ?", gone)])

    def output_folders(self) -> list[tuple[str, Path]]:
        """Each output folder the builds recorded, with their kind: public, what-if, preview."""
        return [(found[1], Path(found[3])) for found in self._state_keys()]

    def preview_folders(self) -> list[tuple[tuple[str, ...], Path]]:
        """Each folder a preview was built into, with the releases it shows."""
        return [
            (tuple(re.findall(r"'([a-z0-9-]+)'", found[2])), Path(found[3]))
            for found in self._state_keys()
            if found[1] == "preview"
        ]

    def _state_keys(self) -> list[re.Match[str]]:
        """The key of each state, read as `STATE_KEY` (another shape is left alone)."""
        keys = [key for (key,) in self._rows("SELECT key FROM states") if isinstance(key, str)]
        return [found for key in keys if (found := STATE_KEY.fullmatch(key)) and not self._foreign]

    def worker(self) -> Cache:
        """The same cache with a connection of its own, for a forked process."""
        return Cache(self.path.parent.parent, self.writes)

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *error: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
        self._db = None

    def _value(self, table: str, key: str) -> str | None:
        rows = self._rows(f"SELECT value, checksum FROM {table} WHERE key = ?", [key])
        return next((value for value, check in rows if _checked(key, value, check)), None)

    def _rows(self, sql: str, arguments: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            db = self._connection()
            return [] if db is None else db.execute(sql, tuple(arguments)).fetchall()
        except FAILURES as error:
            self._give_up(error)
            return []

    def _write(self, writes: list[tuple[str, list[tuple[Any, ...]]]]) -> None:
        """Run each statement over its rows, all in one transaction."""
        try:
            db = self._connection() if self.writes else None
            if db is not None and any(rows for _, rows in writes):
                with db:
                    for sql, rows in writes:
                        db.executemany(sql, rows)
        except FAILURES as error:
            self._give_up(error)

    def _connection(self) -> sqlite3.Connection | None:
        if not self._opened:
            self._opened = True
            try:
                self._db = _open(self.path, self.writes)
            except (sqlite3.DatabaseError, UnicodeDecodeError) as error:  # damaged, foreign
                self._give_up(error)
                if not self.writes:
                    return None
                self._opened = False
                with contextlib.suppress(sqlite3.Error, OSError):
                    self._db = _open(self.path)
                self._opened = True
            except (sqlite3.Error, OSError):  # a read-only site: build without a cache
                pass
            if self._db is not None:
                self._claim(self._db)
        return self._db

    def _claim(self, db: sqlite3.Connection) -> None:
        """Take the records of a site moved (`mv`) or copied with its cache (`cp -a`) from
        another folder: output folders and previews inside it are now inside this one; those
        outside are the original's if it is still there (a copy's build would take them for
        its own, and remove previews journalists hold), and are forgotten. Read-only, a
        copy's are left out. A damaged row is a missing one: ours."""
        site = os.path.realpath(self.path.parent.parent)
        try:
            rows = db.execute("SELECT value, checksum FROM states WHERE key = ?", [SITE_KEY])
            found = [str(v) for v, c in rows.fetchall() if _checked(SITE_KEY, v, c)]
            old = found[0] if found else site
            if old == site and (found or not self.writes):
                return
            copied = old != site and self._still_there(old)
            if not self.writes:
                self._foreign = copied
                return
            with db:
                _moved_records(db, old, site, keep_outside=not copied)
                db.execute(PUT.format(table="states"), (SITE_KEY, site, digest(SITE_KEY, site)))
        except FAILURES as error:
            self._give_up(error)

    def _still_there(self, site: str) -> bool:
        """Whether a site folder holds a cache other than this one (a copy's original)."""
        other = Path(site) / CACHE_DIR / DATABASE
        try:
            return other.is_file() and not os.path.samefile(other, self.path)
        except OSError:
            return False

    def _give_up(self, error: Exception) -> None:
        """Go on without the cache; delete a damaged one, so that the next build starts a
        new one (one that is busy or cannot be written is left as it is)."""
        self.close()
        self._opened = True
        damaged = getattr(error, "sqlite_errorname", None) in CORRUPT or not isinstance(
            error, sqlite3.OperationalError
        )
        if damaged and self.writes:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(f"{self.path}{suffix}")


def memo_kind(kind: str, only: Collection[str] | None = None) -> str:
    """Which of the builds into a folder the cache remembers: public, what-if, or which
    preview (`STATE_KEY` reads it back)."""
    return f"{kind} {sorted(only or ())}"


def _moved_records(db: sqlite3.Connection, old: str, new: str, keep_outside: bool) -> None:
    """The records of builds into folders inside `old` made those of the same folders inside
    `new` (a damaged one forgotten); the others kept or forgotten."""
    rows = db.execute("SELECT * FROM states WHERE key != ?", [SITE_KEY]).fetchall()
    for key, value, check in rows:
        found = STATE_KEY.fullmatch(key) if _checked(key, value, check) else None
        out = found[3] if found else None  # the output folder the key names
        if out is not None and out.startswith(old + os.sep) and old != new:
            moved = key[: len(key) - len(out)] + new + out[len(old) :]
            db.execute(PUT.format(table="states"), (moved, value, digest(moved, value)))
            db.execute("UPDATE outputs SET folder = ? WHERE folder = ?", (moved, key))
        elif out is not None and keep_outside:
            continue
        db.execute("DELETE FROM states WHERE key = ?", [key])
        db.execute("DELETE FROM outputs WHERE folder = ?", [key])


def _file_writes(
    folder: str, outputs: Mapping[str, Record], previous: Mapping[str, Record] | None
) -> list[tuple[str, list[tuple[Any, ...]]]]:
    """The statements that make the rows of `folder` those of `outputs`."""
    changed: Iterable[tuple[str, Record]]
    if previous is None:
        gone, clear = [], [(folder,)]
        changed = outputs.items()
    else:
        gone, clear = [(folder, path) for path in previous.keys() - outputs.keys()], []
        changed = [(path, r) for path, r in outputs.items() if previous.get(path) != r]
    return [
        ("DELETE FROM outputs WHERE folder = ?", clear),
        ("DELETE FROM outputs WHERE folder = ? AND path = ?", gone),
        (
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(folder, path, key, *signature) for path, (key, signature) in changed],
        ),
    ]


def _open(path: Path, create: bool = True) -> sqlite3.Connection:
    """The database, with exactly our tables: no trigger, view or other layout is trusted.
    Without `create`, only one that exists, opened immutable: nothing is written, and what
    a build left in its WAL is not seen (those releases are read from their files)."""
    if create:
        if os.path.lexists(path.parent) and not path.parent.is_dir():  # a file, a dead link
            path.parent.unlink()
        path.parent.mkdir(exist_ok=True)
        if not os.path.lexists(path.parent / ".gitignore"):  # embargoed texts: never in git
            ignore_all(path.parent, "# pressgen's build cache, made again when deleted")
        for file in path.parent.glob("cache-v*.sqlite*"):
            if file.is_dir() and not file.is_symlink():  # made by hand where a file goes
                remove_folder(file)
            elif file.is_symlink() or not file.is_file() or not file.name.startswith(path.name):
                file.unlink(missing_ok=True)  # a link or a pipe made by hand, another version's
        db = sqlite3.connect(path, timeout=60)
    elif not path.is_file():
        raise FileNotFoundError(path)
    else:  # read as it is: no lock, no journal made or removed, no WAL folded in
        db = sqlite3.connect(f"{path.absolute().as_uri()}?immutable=1", uri=True)
    db.text_factory = _text  # a value that is not UTF-8 fails its checksum: a missing row
    try:
        db.execute("PRAGMA trusted_schema = OFF")
        db.execute("PRAGMA cell_size_check = ON")
        found = dict(db.execute(OUR_TABLES).fetchall())
        if not found and create:
            db.execute("PRAGMA journal_mode = WAL")
            for sql in SCHEMA.values():
                db.execute(sql)
        elif found != SCHEMA:
            raise sqlite3.DatabaseError("not a pressgen cache")
    except BaseException:
        db.close()
        raise
    return db


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _checked(key: object, value: object, check: object) -> bool:
    """Whether a row is as written: a bit flipped may make any field another type."""
    return isinstance(key, str) and isinstance(value, str) and check == digest(key, value)


def _mark(key: str, value: str | None) -> tuple[str, str, str]:
    """Of a deleted public folder's state, the releases public there: no build's own."""
    public = state.report.get("public") if (state := _parsed_state(value)) else None
    kept = _encoded(State({}, "", "", (None, None), {"public": public}))
    return kept, digest(key, kept), key


def _encoded(state: State) -> str:  # a state as its row holds it (`_state_from` reads it)
    data = [state.inputs, state.libraries, state.seal, state.window, dict(state.report)]
    return json.dumps(data, separators=(",", ":"))


def _parsed_state(text: str | None) -> State | None:
    try:
        data = json.loads(text) if text else None
        return None if data is None else _state_from(data)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
        return None


def _state_from(data: list[Any]) -> State:
    inputs, libraries, seal, (start, end), report = data
    files = {
        name: InputFile(tuple(sig) if sig else None, str(found))
        for name, (sig, found) in inputs.items()
    }
    return State(files, str(libraries), str(seal), (start, end), dict(report))
