"""What was last deployed from each output folder, and the lock that takes turns between
publishers of one site: `SITE/.pressgen-publish/`.

The record is what makes `publish` safe to run every minute: a deploy that failed is not
recorded, so the next run deploys again even though its build changed nothing; a new deploy
command (a new server) deploys the whole output once; and the list of public releases says,
at the next deploy, what became public and what left. The folder is this machine's state,
never the site's content: it ignores itself in git. A record that cannot be read counts as
none: the worst that follows is one deploy more.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..gitignore import ignore_all
from ..resources import PUBLISH_DIR

RECORD_FILE = "deployed.json"
LOCK_FILE = "lock"
Public = Mapping[str, tuple[str, ...]]  # release id -> its public languages


@dataclass(frozen=True)
class Deployment:
    """One output folder as it was last deployed (or built, when there is no deploy command)."""

    command: tuple[str, ...] | None
    fingerprint: str
    public: Public
    at: datetime


def _folder(site_dir: Path) -> Path:
    folder = site_dir / PUBLISH_DIR
    folder.mkdir(exist_ok=True)
    if not os.path.lexists(folder / ".gitignore"):
        ignore_all(folder, "# pressgen publish: this machine's state, not the site's")
    return folder


def last_deployment(site_dir: Path, out_dir: Path) -> Deployment | None:
    """The record of `out_dir`, or None (never deployed, or the record is unreadable)."""
    entry = _read(site_dir / PUBLISH_DIR / RECORD_FILE).get(str(out_dir.absolute()))
    if not isinstance(entry, dict):
        return None
    try:
        return Deployment(
            command=tuple(entry["command"]) if entry["command"] is not None else None,
            fingerprint=str(entry["fingerprint"]),
            public={key: tuple(langs) for key, langs in entry["public"].items()},
            at=datetime.fromisoformat(entry["at"]),
        )
    except (TypeError, KeyError, ValueError, AttributeError):
        return None


def record_deployment(site_dir: Path, out_dir: Path, deployment: Deployment) -> None:
    """Remember `deployment` for `out_dir`, replacing the record file in one step."""
    path = _folder(site_dir) / RECORD_FILE
    records = _read(path)
    records[str(out_dir.absolute())] = {
        "command": list(deployment.command) if deployment.command is not None else None,
        "fingerprint": deployment.fingerprint,
        "public": {key: list(langs) for key, langs in sorted(deployment.public.items())},
        "at": deployment.at.isoformat(),
    }
    temporary = path.with_name(f"{RECORD_FILE}.tmp")
    temporary.write_text(json.dumps(records, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # gone, cut short, or damaged
        return {}
    return data if isinstance(data, dict) else {}


@contextmanager
def publisher_turn(site_dir: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the site's publish lock: a `publish` from cron and one from a person (or a
    `--watch`) take turns instead of building and copying over each other."""
    with (_folder(site_dir) / LOCK_FILE).open("a") as lock:
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting("another `pressgen publish` is at work on this site: waiting for it")
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        yield
