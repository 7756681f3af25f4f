"""The send log, `SITE/.pressgen-mail/sent.jsonl`: what was sent to whom, so nothing goes twice.

One JSON object per line, appended and flushed to disk (fsync) before the next message is
sent. Before each message a `trying` line is written, after the server accepted it a `sent`
line (`failed` or `deferred` when it refused it, `unsent` when the run stopped before the
message went: the server out of reach, the sender refused): a run killed in between leaves
a `trying` alone, and the next run sends that message again under the same Message-ID (see README,
"the one window left"). A line cut short by a crash is skipped when read. The folder is the
site's, never the output's, and never git's.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from ..problems import UserError
from ..resources import MAIL_DIR, MAIL_PREVIEW_DIR
from .compose import Letter

LOG_FILE = "sent.jsonl"
LOCK_FILE = "lock"
IGNORED = (f"/{MAIL_DIR}/", f"/{MAIL_PREVIEW_DIR}/")
IGNORE_COMMENT = "# pressgen mail: send log and dry-run messages (journalists' addresses)"
WITHDRAWAL = "withdrawal"  # the `version` of a round of withdrawal notices (see plan.py)


@dataclass
class History:
    """What the log says about one release: the rounds each recipient received, the
    messages tried but never confirmed, the version of the release each --resend round
    sent, and which rounds told that the release was withdrawn."""

    sent: dict[str, set[int]] = field(default_factory=dict)  # recipient key -> rounds
    tried: set[tuple[str, int]] = field(default_factory=set)  # (recipient key, round)
    rounds: dict[str, int] = field(default_factory=dict)  # version of the release -> round
    first: dict[str, str] = field(default_factory=dict)  # recipient key -> first Message-ID
    language: dict[str, str] = field(default_factory=dict)  # recipient key -> last language
    notices: set[int] = field(default_factory=set)  # the rounds of withdrawal notices
    # recipient key -> the instant their last message said EMBARGOED UNTIL (None: public)
    until: dict[str, str | None] = field(default_factory=dict)

    @property
    def last_round(self) -> int:
        begun = (r for rounds in (*self.sent.values(), self.rounds.values()) for r in rounds)
        return max(begun, default=0)

    def unconfirmed(self, key: str, round_: int) -> bool:
        """Tried in an earlier run that stopped before the server's answer was recorded."""
        return (key, round_) in self.tried and round_ not in self.sent.get(key, set())


def read_history(site_dir: Path, release_id: str) -> History:
    history = History()
    for entry in _entries(site_dir / MAIL_DIR / LOG_FILE):
        if entry.get("release") != release_id:
            continue
        event, key, round_ = entry.get("event"), entry.get("recipient"), entry.get("round", 0)
        if event == "sent" and isinstance(key, str):
            history.sent.setdefault(key, set()).add(int(round_))
            if isinstance(entry.get("message_id"), str):
                history.first.setdefault(key, entry["message_id"])
            if isinstance(entry.get("language"), str):  # the last one they were sent
                history.language[key] = entry["language"]
            if "until" in entry and isinstance(entry["until"], str | None):
                history.until[key] = entry["until"]
        elif event == "trying" and isinstance(key, str):
            history.tried.add((key, int(round_)))
        # the server said no, or the run stopped before the message went (unreachable)
        elif event in ("failed", "deferred", "unsent") and isinstance(key, str):
            history.tried.discard((key, int(round_)))
        elif event == "round-begin" and isinstance(entry.get("version"), str):
            history.rounds[entry["version"]] = int(round_)  # its latest round
            if entry["version"] == WITHDRAWAL:
                history.notices.add(int(round_))
    return history


def embargoes_held(
    site_dir: Path, releases: Collection[str]
) -> dict[str, dict[tuple[str, str], int]]:
    """Per release of `releases`, how many recipients of each list hold it EMBARGOED UNTIL
    each instant: those whose last message of it said so (a later public one, or a
    withdrawal notice, told them otherwise). Only the log's lines that name one of them are
    read as JSON: a newsroom's log grows by a line or two for every message it ever sent."""
    if not releases:
        return {}
    last: dict[tuple[str, str], tuple[str, str | None]] = {}
    for entry in _entries_of(site_dir / MAIL_DIR / LOG_FILE, releases):
        release, key, list_name = entry.get("release"), entry.get("recipient"), entry.get("list")
        if entry.get("event") != "sent" or not all(
            isinstance(value, str) for value in (release, key, list_name)
        ):
            continue
        until = entry.get("until")
        last[(str(release), str(key))] = (str(list_name), until if isinstance(until, str) else None)
    held: dict[str, dict[tuple[str, str], int]] = {}
    for (release, _), (list_name, until) in last.items():
        if until is not None:
            counts = held.setdefault(release, {})
            counts[(list_name, until)] = counts.get((list_name, until), 0) + 1
    return held


def _entries_of(path: Path, releases: Collection[str]) -> Iterator[dict[str, Any]]:
    """The log's entries of `releases`, found by their lines' text a few megabytes at a
    time (JSON is read only for those: the log holds every message ever sent)."""
    named = "|".join(re.escape(json.dumps({"release": r})[1:-1]) for r in releases)
    pattern = re.compile(named)
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    with handle:
        rest = ""
        while chunk := handle.read(1 << 23):
            text, _, rest = (rest + chunk).rpartition("\n")
            yield from _entries_in(_lines_with(pattern, text))
        yield from _entries_in(_lines_with(pattern, rest))


def _lines_with(pattern: re.Pattern[str], text: str) -> Iterator[str]:
    """Each line of `text` in which `pattern` is found (once, however often it is)."""
    after = 0
    for found in pattern.finditer(text):
        if found.start() < after:
            continue
        start = text.rfind("\n", 0, found.start()) + 1
        after = len(text) if (end := text.find("\n", found.end())) == -1 else end
        yield text[start:after]


def _entries_in(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    for line in lines:
        try:
            entry = json.loads(line)
        except (ValueError, RecursionError):  # cut short when a run was killed writing
            continue  # it, or damaged (brackets nested past what json reads)
        if isinstance(entry, dict):
            yield entry


def _entries(path: Path) -> Iterator[dict[str, Any]]:
    try:
        handle = path.open(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return
    with handle:
        yield from _entries_in(handle)


class SendLog:
    """The log open for appending, held under an exclusive lock for the whole run."""

    def __init__(
        self, handle: TextIO, release_id: str, list_name: str, until: str | None = None
    ) -> None:
        self._handle = handle
        self.release_id = release_id
        self.list_name = list_name
        self.until = until  # the EMBARGOED UNTIL instant of the run's messages, if any

    def _append(self, entry: dict[str, Any]) -> None:
        entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), **entry}
        self._handle.write(json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n")
        self._handle.flush()
        os.fsync(self._handle.fileno())

    def letter(self, event: str, letter: Letter, error: str | None = None) -> None:
        """`trying`, `sent`, `failed` (refused for good), `deferred` (refused for now, after
        the retries) or `unsent` (the run stopped before it went) for one letter."""
        entry = {
            "event": event,
            "release": self.release_id,
            "list": self.list_name,
            "recipient": letter.recipient.key,
            "language": letter.lang,
            "message_id": letter.message_id,
            "round": letter.round,
        }
        if error is not None:
            entry["error"] = error
        if event == "sent":  # what the message told of the embargo (a notice: nothing)
            entry["until"] = self.until
        self._append(entry)

    def round(self, round_: int, version: str) -> None:
        """The start of a --resend round, and the version of the release it sends (or of a
        round of withdrawal notices: `WITHDRAWAL`)."""
        entry = {"event": "round-begin", "release": self.release_id, "list": self.list_name}
        self._append({**entry, "round": round_, "version": version})


@contextmanager
def open_log(
    site_dir: Path, release_id: str, list_name: str, until: str | None = None
) -> Iterator[SendLog]:
    """The log, locked: a second `pressgen mail` on the same site waits for nothing, it stops."""
    folder = site_dir / MAIL_DIR
    folder.mkdir(exist_ok=True)
    with (folder / LOCK_FILE).open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UserError(
                f"{MAIL_DIR}: another `pressgen mail` is sending from this site; "
                "wait for it to finish, then run this command again"
            ) from None
        path = folder / LOG_FILE
        with path.open("a", encoding="utf-8") as handle:
            if path.stat().st_size and not _ends_with_newline(path):
                handle.write("\n")  # after a line cut short, start a fresh one
            yield SendLog(handle, release_id, list_name, until)


def _ends_with_newline(path: Path) -> bool:
    with path.open("rb") as handle:
        handle.seek(-1, os.SEEK_END)
        return handle.read(1) == b"\n"
