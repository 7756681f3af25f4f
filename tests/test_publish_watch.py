"""`pressgen publish --watch`: a real process publishing at the embargo instant and after
saves, and the watcher's recovery from failed deploys and broken files."""

from __future__ import annotations

import math
import os
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pytest

from pressgen.publish.cycle import Log
from pressgen.publish.watch import Watcher

from .conftest import ENGLISH, RELEASE_YAML, SiteWriter
from .publishing import Deploys

TIMEOUT = 60.0  # seconds: a bound so that a broken test fails instead of hanging
EMBARGOED_PAGE = "en/embargoed-one/index.html"
# The watch must wake at the instant itself: without that it would look again only after
# its cap (60 s). This bound tells the two apart on a busy machine; it measures no speed.
WOKE_AT_THE_INSTANT = 5.0


def _wait_for(condition: Callable[[], Any], what: str, timeout: float = TIMEOUT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"timed out waiting for {what}")


def _add_embargoed_release(site: Path, embargo: datetime) -> None:
    """Add a release under embargo until `embargo` in one step (a hidden folder renamed)."""
    hidden = site / "releases" / ".embargoed-one"
    hidden.mkdir()
    yaml = RELEASE_YAML + f"embargo: {embargo.isoformat()}\n"
    (hidden / "release.yaml").write_text(yaml, encoding="utf-8")
    (hidden / "en.md").write_text(ENGLISH.replace("A headline", "Embargoed"), encoding="utf-8")
    hidden.rename(site / "releases" / "embargoed-one")


@contextmanager
def _watching(site: Path, out: Path) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """`pressgen publish --watch` in a process of its own; yields it and its log lines."""
    command = ["publish", "--watch", "--site", str(site), "--out", str(out)]
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    lines: list[str] = []
    assert process.stdout is not None
    reader = threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True)
    reader.start()
    try:
        yield process, lines
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(TIMEOUT)
        reader.join(TIMEOUT)


def _read_lines(stream: IO[str], lines: list[str]) -> None:
    for line in stream:
        lines.append(line.rstrip("\n"))


def _logged(lines: list[str], text: str) -> Callable[[], bool]:
    return lambda: any(text in line for line in lines)


def test_watch_publishes_at_the_embargo_instant_and_after_a_save(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    with _watching(site, out) as (process, lines):
        _wait_for(lambda: len(deploys.runs()) == 1, "the first deploy")
        # the command as it runs, the output folder in place of {output}
        assert lines[0].endswith(f"deploying with: {shlex.join(deploys.command(out))}"), lines
        embargo = datetime.fromtimestamp(math.ceil(time.time()) + 5, UTC)
        _add_embargoed_release(site, embargo)
        _wait_for(_logged(lines, "next publication: "), "the embargo to be seen")
        runs = _wait_for(lambda: len(r := deploys.runs()) >= 2 and r, "the embargo deploy")
        assert len(runs) == 2, lines  # adding an embargoed release changed nothing public
        at_instant = runs[1]
        assert EMBARGOED_PAGE in at_instant["files"]
        assert at_instant["time"] >= embargo.timestamp()
        assert at_instant["time"] - embargo.timestamp() < WOKE_AT_THE_INSTANT, lines
        assert all(EMBARGOED_PAGE not in run["files"] for run in runs[:1])
        _wait_for(_logged(lines, "published: embargoed-one (en)"), "the publication log line")

        english = site / "releases" / "first-release" / "en.md"
        english.write_text(ENGLISH.replace("A headline in English", "Saved"), "utf-8")
        _wait_for(lambda: len(deploys.runs()) == 3, "a deploy after a save")
        assert "<h1>Saved</h1>" in (out / "en/first-release/index.html").read_text("utf-8")

        process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0
    assert lines[-1].endswith(" stopped"), lines
    shown = f"{embargo:%Y-%m-%d %H:%M}" + (f":{embargo:%S}" if embargo.second else "")
    assert any(f"next publication: {shown} UTC: embargoed-one" in line for line in lines), lines


@contextmanager
def _watcher_thread(site: Path, out: Path, first_retry: float = 0.2) -> Iterator[list[str]]:
    """A Watcher in a thread of this process, retrying after `first_retry` seconds; yields
    its log lines."""
    lines: list[str] = []
    log = Log(echo=lambda text, err: lines.append(text))
    watcher = Watcher(site, out, log, first_retry=first_retry)
    thread = threading.Thread(target=watcher.run, daemon=True)
    thread.start()
    try:
        yield lines
    finally:
        watcher.stop()
        thread.join(TIMEOUT)
        assert not thread.is_alive()


def test_watch_tries_a_failed_deploy_again(make_site: SiteWriter, tmp_path: Path) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    deploys.fail_with("ssh: connect to host web port 22: Connection refused\n")
    with _watcher_thread(site, out) as lines:
        _wait_for(_logged(lines, "trying again in 0.4 s"), "a second failure")
        deploys.fail_with(None)
        _wait_for(lambda: deploys.runs(), "the deploy to succeed")
        _wait_for(_logged(lines, "published: first-release (en)"), "the publication")
    assert any("    ssh: connect to host web port 22: Connection refused" in x for x in lines)
    assert any(x.endswith(" trying again in 0.2 s") for x in lines)


def test_watch_survives_broken_files(make_site: SiteWriter, tmp_path: Path) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    yaml = site / "releases" / "first-release" / "release.yaml"
    yaml.write_text(RELEASE_YAML.replace("type: press-release", "type: pres-release"), "utf-8")
    with _watcher_thread(site, out) as lines:
        _wait_for(_logged(lines, "waiting for the files to be fixed"), "the problem to be logged")
        assert any("release.yaml:2: type: unknown type 'pres-release'" in x for x in lines)
        assert deploys.runs() == []

        def fixed() -> bool:  # saved until the watcher sees a save: it says when it is ready
            yaml.write_text(RELEASE_YAML, encoding="utf-8")
            return _wait_until(deploys.runs, 0.5)

        _wait_for(fixed, "a deploy once the file is fixed")


def _wait_until(condition: Callable[[], Any], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_an_instant_that_passes_during_a_deploy_is_published_next(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    embargo = datetime.fromtimestamp(math.ceil(time.time()) + 2, UTC)
    _add_embargoed_release(site, embargo)
    deploys.take(4)  # the first copy is still running when the embargo passes
    with _watcher_thread(site, out) as lines:
        runs = _wait_for(lambda: len(r := deploys.runs()) >= 2 and r, "a second deploy")
        assert EMBARGOED_PAGE not in runs[0]["files"]
        assert EMBARGOED_PAGE in runs[1]["files"], lines


def test_a_deploy_waiting_to_be_tried_again_still_wakes_at_the_next_embargo(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A failed deploy is tried again after a delay that grows to minutes; an embargo that
    ends meanwhile is published at its instant, not at the next try."""
    deploys = Deploys(tmp_path / "deploy")
    site, out = make_site(config=deploys.config()), tmp_path / "public"
    embargo = datetime.fromtimestamp(math.ceil(time.time()) + 6, UTC)
    _add_embargoed_release(site, embargo)
    deploys.fail_with("rsync: connection unexpectedly closed\n")
    with _watcher_thread(site, out, first_retry=TIMEOUT) as lines:
        _wait_for(_logged(lines, f"trying again in {TIMEOUT:g} s"), "the failed deploy")
        assert time.time() < embargo.timestamp(), lines  # failed before the instant
        deploys.fail_with(None)
        runs = _wait_for(deploys.runs, "a deploy at the embargo instant")
    assert EMBARGOED_PAGE in runs[0]["files"]
    assert runs[0]["time"] - embargo.timestamp() < WOKE_AT_THE_INSTANT, lines
