"""The build engine tried as a careful user and a security reviewer would (issue 11).

Two builds at once, kill -9 at random instants, withdrawals whose modification time is put
back, hand edits of every kind inside the output, links out of the site, output folders in
the wrong place or on a mount point, damaged caches, a full or read-only disk, hostile
bodies. Builds run as `python -m pressgen` in processes of their own, so that a crash, a
hang or a worker left behind shows as a user would see it. After each, the output must equal
a clean build without cache into a new folder (`trees.full_build`), and nothing that is not
public may appear anywhere under the output or beside it.

Some checks need root (a tmpfs mounted as the output, a read-only or full disk), strace
(kills at an exact system call), rsync or tar; without them they say so and are skipped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import random
import re
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.engine import build, inputs
from pressgen.engine.cache import CACHE_DIR, DATABASE, Cache
from pressgen.engine.files import process_umask
from pressgen.folders import remove_folder
from pressgen.inside import read_inside
from pressgen.problems import UserError

from .conftest import FRENCH_LABELS, MINIMAL_CONFIG, SiteWriter
from .trees import (
    NOW,
    NOW_OPTION,
    PRIVATE,
    assert_nothing_private,
    assert_same_tree,
    english,
    french_catalog,
    full_build,
    many_releases,
    page_template,
    png,
    pressgen,
    private_releases,
    release_yaml,
    tree,
)

Tree = dict[str, bytes | str]
WAITING = "another build is writing into"
OLD_NS = 1_500_000_000_000_000_000  # 2017: a time long settled


def newsroom_files(count: int) -> dict[str, str | bytes]:
    """`count` public releases in English and French (one with a PDF) and four private ones."""
    files = {**many_releases(count), **private_releases()}
    files["releases/release-001/doc.pdf"] = b"%PDF-1.4 the release's own document\n"
    return files


def newsroom(make_site: SiteWriter, count: int = 4) -> Path:
    return make_site(newsroom_files(count), with_default_release=False)


def write_site(site: Path, files: dict[str, str | bytes]) -> Path:
    """As the `make_site` fixture writes a site, for fixtures shared by several tests."""
    everything = {
        "pressgen.toml": MINIMAL_CONFIG,
        "locales/fr/LC_MESSAGES/messages.po": FRENCH_LABELS,
        **files,
    }
    for name, content in everything.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        data = content.encode() if isinstance(content, str) else content
        (site / name).write_bytes(data)
    return site


def build_command(site: Path, out: Path, *options: str) -> list[str | Path]:
    return ["build", "--site", site, "--out", out, *NOW_OPTION, *options]


def assert_alone(out: Path, *others: str) -> None:
    """The output's parent holds the output (and `others`) and nothing else: no staging
    folder, no spares, no journal beside it."""
    assert sorted(os.listdir(out.parent)) == sorted([out.name, *others])


def assert_clean(out: Path, site: Path, *others: str) -> None:
    """The output is what a clean build gives, alone in its folder, with nothing private."""
    full = full_build(site, out.parent.parent / f"full-of-{out.name}")
    try:
        assert_same_tree(out, full)
    finally:
        shutil.rmtree(full)
    assert_alone(out, *others)
    assert_nothing_private(out.parent)


def assert_problem(result: subprocess.CompletedProcess[str], where: str) -> None:
    """Exit 1, a message naming `where`, and neither a traceback nor an internal error."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert where in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def set_old_times(site: Path) -> None:
    for path in [site, *site.rglob("*")]:
        os.utime(path, ns=(OLD_NS, OLD_NS), follow_symlinks=False)


# 1. Two builds at once.


def run_at_once(commands: list[list[str | Path]]) -> list[subprocess.CompletedProcess[str]]:
    """Start every command at once; wait for all of them."""
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "pressgen", *map(str, command)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for command in commands
    ]
    results = []
    for process, command in zip(started, commands, strict=True):
        try:
            stdout, stderr = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            for other in started:
                other.kill()
            raise AssertionError(f"{command} still ran after 120 s") from None
        results.append(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    return results


def change_site(site: Path, change: str, number: int) -> None:
    """One of the changes a newsroom makes between two builds ("cold": none)."""
    if change == "template":  # every release page changes
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates/page.html").write_text(page_template(number), encoding="utf-8")
    elif change == "withdraw-and-add":
        folder = site / f"releases/release-{number:03d}"
        (folder / "release.yaml").write_text(
            release_yaml().replace("published", "withdrawn"), encoding="utf-8"
        )
        (site / f"releases/added-{number}").mkdir()
        (site / f"releases/added-{number}/release.yaml").write_text(release_yaml())
        (site / f"releases/added-{number}/en.md").write_text(english(f"added {number}"))
    elif change == "catalog":
        catalog = site / "locales/fr/LC_MESSAGES/messages.po"
        catalog.write_text(french_catalog(number), encoding="utf-8")


@pytest.mark.slow
def test_two_builds_at_once_into_one_folder_wait_for_each_other(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The README suggests a build every few minutes, so builds overlap: the second waits
    and says so, both succeed, and the folder is exactly the site."""
    site = newsroom(make_site, 150)
    out = tmp_path / "work" / "public"
    rounds = ("cold", "template", "withdraw-and-add", "cold")
    for number, change in enumerate(rounds, start=1):
        if change == "cold":  # no output, no cache
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(site / CACHE_DIR, ignore_errors=True)
        change_site(site, change, number)
        results = run_at_once([build_command(site, out, "--jobs", "2")] * 2)
        for result in results:
            assert result.returncode == 0, (change, result.stderr)
        waited = [result for result in results if WAITING in result.stderr]
        assert len(waited) == 1, (change, [result.stderr for result in results])
        assert_clean(out, site)


def test_two_builds_at_once_into_two_folders_share_the_cache_safely(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = newsroom(make_site, 60)
    work = tmp_path / "work"
    first, second = work / "public", work / "mirror"
    for change, number in (("cold", 0), ("withdraw-and-add", 2)):
        change_site(site, change, number)  # the first build of both is cold
        commands = [build_command(site, out, "--jobs", "2") for out in (first, second)]
        for result in run_at_once(commands):
            assert result.returncode == 0, result.stderr
            assert WAITING not in result.stderr
        assert_clean(first, site, "mirror")
        assert_clean(second, site, "public")


# `pressgen preview` of the release under embargo, into a folder of its own below --out.
PREVIEW = ["preview", "zebuembargo"]


def test_a_build_and_a_preview_at_once_into_one_folder_never_mix(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Whichever takes the folder first writes it whole; the other waits, finds the other
    kind there and is refused. Embargoed pages never land in a public folder."""
    site = newsroom(make_site, 60)
    out = tmp_path / "work" / "both"
    for _ in range(3):
        shutil.rmtree(out, ignore_errors=True)
        # and the record of the public build there, which alone now refuses the preview
        shutil.rmtree(site / ".pressgen-cache", ignore_errors=True)
        preview: list[str | Path] = [*PREVIEW, "--site", site, "--out", out, *NOW_OPTION]
        results = run_at_once([build_command(site, out, "--jobs", "2"), preview])
        assert sorted(result.returncode for result in results) == [0, 1], results
        refused = next(result for result in results if result.returncode == 1)
        assert "previews and the public site never share one" in refused.stderr
        if results[0].returncode == 0:  # the public build won
            assert_clean(out, site)
        else:
            assert [*out.glob("*/.pressgen-preview")], "the preview of the release is there"
            assert not (out / ".pressgen-output").exists()
            assert not [path for path in tree(out) if path.endswith(("rss.xml", "sitemap.xml"))]


@pytest.mark.parametrize("inside", ["preview", "what-if"])
def test_a_build_inside_a_public_build_started_at_once_waits_and_is_refused(
    make_site: SiteWriter, tmp_path: Path, inside: str
) -> None:
    """Started together before the public folder existed, a preview into public/sub (or a
    what-if build into public/later) found no public site around it, nor did the public
    build find it: both wrote, embargoed pages inside the public site (h126). Now the inner
    one waits for the build around it, then finds it and is refused."""
    import fcntl
    import threading

    from pressgen.engine.output import MARKER_TEXT, MARKERS
    from pressgen.preview import build_previews

    site = newsroom(make_site, 3)
    public = tmp_path / "public"
    public.mkdir()
    holder = os.open(public, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # a public build under way, its mark not yet written
    waited, failed = threading.Event(), []
    later = datetime(2031, 1, 1, tzinfo=UTC)

    def start() -> None:
        said = lambda _: waited.set()  # noqa: E731
        try:
            if inside == "preview":
                build_previews(site, public / "sub", ["zebuembargo"], NOW, 1, said)
            else:
                build(site, public / "later", later, clock=NOW, waiting=said)
        except UserError as error:
            failed.append(str(error))

    thread = threading.Thread(target=start)
    thread.start()
    assert waited.wait(30), "the inner build did not wait for the public one"
    (public / MARKERS["public"]).write_bytes(MARKER_TEXT)
    os.close(holder)  # the public build ends
    thread.join(60)
    assert len(failed) == 1 and "public site" in failed[0], failed
    assert not [path for path in tree(public) if "sub/" in path or "later/" in path]


def test_a_public_build_around_another_is_refused_for_what_it_is(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A public build into the folder above another public build's was refused with
    "previews and the public site never share one", though no preview was there (h143)."""
    site = newsroom(make_site, 2)
    inner = tmp_path / "work" / "inner"
    build(site, inner, NOW)
    written = tree(inner)
    with pytest.raises(UserError, match="no output folder holds another") as refused:
        build(site, tmp_path / "work", NOW)
    assert str(refused.value).startswith(f"{inner}: holds the public site"), refused.value
    assert tree(inner) == written


def test_a_folder_above_that_cannot_be_locked_is_passed_by(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder above the output on a file system without locks (NFS without its lock
    service): the build was refused, "/: cannot be locked" (h130)."""
    import errno as errors
    import fcntl

    flock = fcntl.flock

    def no_shared_locks(handle: int, how: int) -> None:
        if how & fcntl.LOCK_SH:
            raise OSError(errors.ENOLCK, "No locks available")
        flock(handle, how)

    monkeypatch.setattr(fcntl, "flock", no_shared_locks)
    site = newsroom(make_site, 2)
    report = build(site, tmp_path / "public", NOW)
    assert report.releases > 0


# 2. kill -9 at random instants.

TEMPORARY = re.compile(r"\.(.+)\.pressgen-(\d+)")


def set_edition(site: Path, new: bool) -> None:
    """Two editions of one site, far apart: in the new one every release page has another
    template, the French catalog differs, ten releases are withdrawn and ten added."""
    template = site / "templates" / "page.html"
    if new:
        template.parent.mkdir(exist_ok=True)
        template.write_text(page_template(1), encoding="utf-8")
    else:
        template.unlink(missing_ok=True)
    catalog = site / "locales/fr/LC_MESSAGES/messages.po"
    catalog.write_text(french_catalog(1 if new else 0), encoding="utf-8")
    for n in range(10):
        status = "withdrawn" if new else "published"
        (site / f"releases/release-{n:03d}/release.yaml").write_text(
            release_yaml(f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00+00:00").replace(
                "published", status
            )
        )
        added = site / f"releases/added-{n}"
        if new:
            added.mkdir(exist_ok=True)
            (added / "release.yaml").write_text(release_yaml())
            (added / "en.md").write_text(english(f"added {n}"))
            (added / "fr.md").write_text(english(f"ajouté {n}"))
        else:
            shutil.rmtree(added, ignore_errors=True)


def process_stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name: state, parent, ..., start time."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rpartition(")")[2].split()


def descendants(pid: int) -> dict[int, tuple[int, str]]:
    """Every process below `pid`: its parent and its start time (a pid may be given again
    to another process later), read from /proc."""
    children: dict[int, list[tuple[int, str]]] = {}
    for name in os.listdir("/proc"):
        fields = process_stat(int(name)) if name.isdigit() else None
        if fields:
            children.setdefault(int(fields[1]), []).append((int(name), fields[19]))
    found, pending = {}, [pid]
    while pending:
        parent = pending.pop()
        for child, started in children.get(parent, []):
            found[child] = (parent, started)
            pending.append(child)
    return found


def runs_pressgen(pid: int) -> bool:
    """Whether the process runs `python -m pressgen` (not strace, nor a fork of it)."""
    try:
        arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return arguments[:3] == [os.fsencode(sys.executable), b"-m", b"pressgen"]


def still_running(processes: dict[int, tuple[int, str]]) -> list[int]:
    running = []
    for pid, (_, started) in processes.items():
        fields = process_stat(pid)
        if fields and fields[19] == started and fields[0] not in "ZX":
            running.append(pid)
    return running


def assert_old_or_new(out: Path, old: Tree, new: Tree, killed: int | None) -> None:
    """Every entry of the output is the old edition's or the new one's at its path.

    One exception, which no writer that renames can avoid: killed between naming a finished
    file and renaming it, a build leaves that file under its temporary name. It must then be
    a complete copy of the new file (the next build removes it)."""
    for path, content in tree(out).items():
        if content in (old.get(path), new.get(path)):
            continue
        folder, _, name = path.rpartition("/")
        temporary = TEMPORARY.fullmatch(name)
        assert temporary, f"{path}: neither edition's"
        assert killed is None or int(temporary[2]) == killed, f"{path}: another build's"
        target = f"{folder}/{temporary[1]}" if folder else temporary[1]
        assert content == new.get(target), f"{path}: not a complete copy of {target}"


def assert_ended(workers: dict[int, tuple[int, str]]) -> None:
    for _ in range(50):
        if not still_running(workers):
            return
        time.sleep(0.1)
    raise AssertionError(f"workers {still_running(workers)} outlived their build by 5 s")


class Editions:
    """A site switched between two editions, with a clean build of each to compare with."""

    def __init__(self, make_site: SiteWriter, tmp_path: Path, count: int = 200) -> None:
        self.site = newsroom(make_site, count)
        self.work = tmp_path / "work"
        self.out = self.work / "public"
        self.trees: dict[bool, Tree] = {}
        for new in (True, False):
            set_edition(self.site, new)
            self.trees[new] = tree(full_build(self.site, tmp_path / f"edition-{new}", jobs=2))
        self.current = False

    def switch(self) -> tuple[Tree, Tree]:
        self.current = not self.current
        set_edition(self.site, self.current)
        return self.trees[not self.current], self.trees[self.current]

    def complete(self) -> float:
        """Build to the end; check it gives the current edition; return how long it took."""
        started = time.monotonic()
        result = pressgen(*build_command(self.site, self.out, "--jobs", "2"))
        took = time.monotonic() - started
        assert result.returncode == 0, result.stderr
        got, expected = tree(self.out), self.trees[self.current]
        assert got == expected, sorted(
            p for p in got.keys() | expected if got.get(p) != expected.get(p)
        )
        assert_alone(self.out)
        assert_nothing_private(self.work)
        return took

    def after_kill(
        self, killed: int | None, old: Tree, new: Tree, workers: dict[int, tuple[int, str]]
    ) -> None:
        assert self.out.is_dir(), "the output folder is gone"
        assert_old_or_new(self.out, old, new, killed)
        assert_alone(self.out)
        assert_nothing_private(self.work)
        assert_ended(workers)
        self.complete()


# (who is killed, how the build runs)
KILLS = (
    ("main", ()),
    ("group", ()),
    ("main", ("--full",)),
    ("group", ("--full",)),
    ("main", "no cache"),
    ("group", "no cache"),
)


@pytest.mark.slow
def test_kill_9_at_random_instants_leaves_old_or_new_files(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    editions = Editions(make_site, tmp_path, 120)
    editions.complete()
    editions.switch()
    span = editions.complete()  # how long a build from one edition to the other takes
    rng = random.Random(20250301)
    for who, how in KILLS:
        old, new = editions.switch()
        if how == "no cache":
            shutil.rmtree(editions.site / CACHE_DIR)
        options = ("--jobs", "2", *(how if isinstance(how, tuple) else ()))
        command = build_command(editions.site, editions.out, *options)
        process = subprocess.Popen(
            [sys.executable, "-m", "pressgen", *map(str, command)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, which may be killed whole
        )
        time.sleep(span * rng.uniform(0.3, 1.1))  # its writes come in the later part
        workers = descendants(process.pid)
        with contextlib.suppress(ProcessLookupError):
            if who == "main":
                os.kill(process.pid, signal.SIGKILL)
            else:
                os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        editions.after_kill(process.pid, old, new, workers)


@pytest.mark.slow
def test_kill_9_at_an_exact_system_call_leaves_old_or_new_files(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """strace kills the main process (only) on entry to the Nth call that renames, links,
    removes or makes a folder: the instants between two steps of one file's replacement."""
    if shutil.which("strace") is None:
        pytest.skip(
            "strace not found: install it (apt-get install strace) to kill builds at exact calls"
        )
    editions = Editions(make_site, tmp_path)
    editions.complete()
    rng = random.Random(7)
    calls = (("renameat", 400), ("linkat", 400), ("unlinkat", 50), ("mkdirat", 20))
    killed = 0
    for call, most in calls:
        old, new = editions.switch()
        command = [
            "strace", "-o", "/dev/null", "-e", f"trace={call}",
            "-e", f"inject={call}:error=EIO:signal=KILL:when={rng.randint(1, most)}",
            sys.executable, "-m", "pressgen",
            *map(str, build_command(editions.site, editions.out, "--jobs", "2")),
        ]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        workers: dict[int, tuple[int, str]] = {}
        main = None  # the build: strace's child that runs Python (strace forks probes first)
        deadline = time.monotonic() + 120
        while process.poll() is None and time.monotonic() < deadline:
            for pid, (parent, started) in descendants(process.pid).items():
                workers[pid] = (parent, started)  # the build and its workers, as they come
                if main is None and parent == process.pid and runs_pressgen(pid):
                    main = pid
            time.sleep(0.02)
        _, stderr = process.communicate(timeout=1)
        if b"Operation not permitted" in stderr and b"PTRACE" in stderr:
            pytest.skip(f"strace cannot trace here: {stderr.decode()[:200]}")
        killed += process.returncode != 0
        editions.after_kill(main, old, new, workers)
    assert killed >= len(calls) // 2, "most builds ended before their Nth call: choose lower N"


def _build_with_workers(
    editions: Editions, start_new_session: bool = False
) -> tuple[subprocess.Popen[str], dict[int, tuple[int, str]]]:
    """A build of the editions' site started, once its two workers render."""
    command = build_command(editions.site, editions.out, "--jobs", "2")
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen", *map(str, command)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=start_new_session,
    )
    workers: dict[int, tuple[int, str]] = {}
    while process.poll() is None and len(workers := descendants(process.pid)) < 2:
        time.sleep(0.005)
    return process, workers


def test_ctrl_c_while_workers_render_ends_the_build_cleanly(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Ctrl-C at a few instants while the pool renders: the build ends within 10 s with a
    message and no traceback, leaves old or new files, no worker, and the next build
    completes the output."""
    editions = Editions(make_site, tmp_path, 60)  # 140 pages to render: the pool renders
    editions.complete()
    rng = random.Random(3)
    for _ in range(8):
        old, new = editions.switch()
        process, workers = _build_with_workers(editions, start_new_session=True)
        time.sleep(rng.uniform(0.0, 0.15))
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        try:
            _, stderr = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError("the build still ran 10 s after Ctrl-C") from None
        assert process.returncode in (0, 1, 130, -signal.SIGINT), stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        editions.after_kill(process.pid, old, new, workers)


def test_a_stop_signal_while_workers_render_ends_the_build_as_ctrl_c_does(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """SIGTERM (systemd stopping a service, cron's `timeout`, `kill`) ended the build at
    once: the new files it had ready stayed in the output under hidden temporary names,
    which a deploy would copy. It now stops as Ctrl-C does, and takes them away."""
    editions = Editions(make_site, tmp_path, 60)
    editions.complete()
    stopped = 0
    for delay in (0.05, 0.3):
        old, new = editions.switch()
        process, workers = _build_with_workers(editions)
        time.sleep(delay)
        process.terminate()
        _, stderr = process.communicate(timeout=30)
        assert process.returncode in (0, 130), stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        if process.returncode:  # said as what it was: no one pressed Ctrl-C
            assert "pressgen: stopped by SIGTERM; run the command again" in stderr, stderr
            stopped += 1
        assert list(editions.out.rglob(".*.pressgen-*")) == []
        editions.after_kill(process.pid, old, new, workers)
    assert stopped, "both builds ended before the signal: the stop was never tried (h132)"


def test_a_stop_while_a_file_is_set_aside_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file set aside was recorded only once written, with stop signals held by this
    thread; with a pool's threads about, SIGTERM reached one of them and Python ran the
    build's handler here all the same, between the two: the file stayed in the output
    under its temporary name (seen once in a full run of the test above)."""
    from pressgen.engine import output

    def written_then_stopped(folder: int, name: str, data: bytes) -> str:
        output.write_aside.__wrapped__(folder, name, data)  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    written_then_stopped.__wrapped__ = output.write_aside  # type: ignore[attr-defined]
    monkeypatch.setattr(output, "write_aside", written_then_stopped)
    out = tmp_path / "public"
    with pytest.raises(KeyboardInterrupt), output.OutputFolder(out, "public", None) as folder:
        folder.claim()
        folder.stage("en/index.html", b"<p>new</p>")
    assert list(tmp_path.rglob(".*.pressgen-*")) == []


def test_a_file_removed_before_it_is_put_in_place_is_named_by_its_place(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """h121: a clean-up job removing hidden files while a build ran ended it with
    "pressgen: .404.html.pressgen-22287: No such file or directory.", a name no one knows
    and no sentence; the file's place and what happened now, and the next build completes."""
    from pressgen.cli import main
    from pressgen.engine import output

    def removed_first(folder: int, named: str, name: str) -> None:
        os.unlink(named, dir_fd=folder)  # as another program does, between two steps
        move_into_place(folder, named, name)

    site, out = newsroom(make_site), tmp_path / "work" / "public"
    move_into_place = output.move_into_place
    monkeypatch.setattr(output, "move_into_place", removed_first)
    arguments = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00Z"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1, result.output
    assert f"pressgen: {out}/" in result.output and "removed by another program" in result.output
    assert not re.search(r"pressgen-\d", result.output), result.output  # a temporary name
    assert "internal error" not in result.output
    monkeypatch.undo()
    build(site, out, NOW)
    assert_clean(out, site)


def test_a_folder_refusing_a_rename_is_named_as_the_one_to_give_rights_on(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Renaming a file into place is its folder's right to give: the message names the
    folder (as it does when writing aside is refused), never the hidden name."""
    from pressgen.cli import main
    from pressgen.engine import output

    def refused(folder: int, named: str, name: str) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", named)

    site, out = newsroom(make_site), tmp_path / "work" / "public"
    monkeypatch.setattr(output, "move_into_place", refused)
    arguments = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00Z"]
    result = CliRunner().invoke(main, arguments)
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"pressgen: {out}: Permission denied. Give your user"), (
        result.output
    )


def test_a_worker_killed_alone_ends_the_build_with_a_message(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A worker killed on its own (the kernel's out-of-memory killer picks the largest
    process) left the build waiting forever for the other, holding the output folder's lock,
    so that every later build waited too. The build now ends with a sentence, and leaves old
    or new files, no worker, and an output the next build completes."""
    editions = Editions(make_site, tmp_path, 60)
    editions.complete()
    for delay in (0.0, 0.1, 0.3):
        old, new = editions.switch()
        process, workers = _build_with_workers(editions)
        time.sleep(delay)
        with contextlib.suppress(ProcessLookupError, StopIteration):
            os.kill(next(p for p, (parent, _) in workers.items() if parent == process.pid), 9)
        try:
            _, stderr = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            for pid in [*descendants(process.pid), process.pid]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.communicate()
            raise AssertionError("the build still ran 30 s after a worker was killed") from None
        assert process.returncode in (0, 1), stderr
        assert "Traceback" not in stderr and "internal error" not in stderr, stderr
        assert process.returncode == 0 or "worker process" in stderr, stderr
        editions.after_kill(process.pid, old, new, workers)


KILLED_WHILE_HANDING_BACK = """
import multiprocessing, os, sys, time
from pressgen.engine import execute

execute.WATCH_GRACE = 1.0  # the build's own is 10 s
with execute._pool(2, None, ()) as pool:
    worker = multiprocessing.active_children()[0]
    results = [pool.submit(bytes, 30_000_000) for _ in range(6)]  # each handed back in pieces
    time.sleep(float(sys.argv[1]))
    os.kill(worker.pid, 9)
    for result in results:
        result.result()
"""


def test_a_worker_killed_while_it_hands_back_its_result_ends_the_build(tmp_path: Path) -> None:
    """Killed while it wrote its result into the pipe the workers share, a worker left half
    a message there, and the pool waited forever for the rest, the build with it (about half
    the tries hung, CPython 3.11). The build ends now, saying why, within seconds."""
    script = tmp_path / "killed.py"
    script.write_text(KILLED_WHILE_HANDING_BACK, encoding="utf-8")
    for delay in (0.0, 0.02, 0.05, 0.1, 0.15, 0.2):
        try:
            ended = subprocess.run(
                [sys.executable, str(script), str(delay)],
                capture_output=True,
                text=True,
                timeout=30,
            )
        except subprocess.TimeoutExpired:
            raise AssertionError(f"waiting 30 s after a worker was killed {delay} s in") from None
        assert ended.returncode != 0 and "a worker process of this build ended" in (
            ended.stdout + ended.stderr
        ), ended.stdout + ended.stderr


class SlowUnit:
    """A unit that takes 30 ms to render and leaves a file saying it was rendered."""

    stage = 0

    def __init__(self, index: int, folder: Path) -> None:
        self.index, self.folder = index, folder

    def render(self, ctx: object, bodies: object, wanted: object) -> dict[str, bytes]:
        time.sleep(0.03)
        (self.folder / str(self.index)).touch()
        return {}


class NoBodies:
    ctx = None

    def for_worker(self) -> NoBodies:
        return self

    def take_converted(self) -> dict[str, tuple[str, str]]:
        return {}


def test_workers_render_nothing_more_once_the_build_is_stopped(tmp_path: Path) -> None:
    """Ctrl-C as the first chunk's pages come back (chunks of 32 units here): the workers
    end the chunks they are in and those queued at once, instead of rendering them all."""
    from pressgen.engine.execute import execute

    units = [SlowUnit(index, tmp_path) for index in range(400)]
    jobs = [(index, frozenset[str]()) for index in range(400)]

    def stopped_after_one(jobs: list[tuple[int, frozenset[str]]], _: str) -> Iterator[object]:
        yield jobs[0]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        for _ in execute(units, jobs, NoBodies(), 2, stopped_after_one):  # type: ignore[arg-type]
            pass
    rendered = len(list(tmp_path.iterdir()))
    assert 32 <= rendered < 3 * 32, f"{rendered} units rendered after Ctrl-C"


# 3. Withdrawals and edits whose modification time is put back.


def restore_with(method: str, path: Path, data: bytes, scratch: Path) -> None:
    """Give `path` the bytes `data` and put its modification time back, as `method` does."""
    before = path.stat()
    edited = scratch / "edited"
    edited.write_bytes(data)
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))  # the copy's old date
    if method == "touch -r":
        shutil.copy2(path, scratch / "reference")
        path.write_bytes(data)
        run_tool("touch", "-r", scratch / "reference", path)
    elif method == "cp -p":  # over the file in place: same inode, same size, same date
        run_tool("cp", "-p", edited, path)
    elif method.startswith("rsync"):  # rsync skips same size and date unless told to look
        run_tool("rsync", "-t", "--checksum", *method.split()[2:], edited, path)
    elif method == "tar":  # a tar of the edited site, unpacked over it
        run_tool("tar", "-C", scratch, "-cf", scratch / "edit.tar", "edited")
        staging = scratch / "unpacked"
        staging.mkdir()
        run_tool("tar", "-C", staging, "-xf", scratch / "edit.tar")
        (staging / "edited").rename(path)
    after = path.stat()
    assert path.read_bytes() == data and after.st_mtime_ns == before.st_mtime_ns, method
    assert after.st_size == before.st_size


def run_tool(tool: str, *arguments: str | Path) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install it (apt-get install {tool}) to test it")
    subprocess.run([tool, *map(str, arguments)], check=True, capture_output=True)


@pytest.mark.parametrize("method", ["touch -r", "cp -p", "rsync -t", "rsync -t --inplace", "tar"])
@pytest.mark.parametrize("change", ["withdraw", "edit"])
def test_a_change_with_its_modification_time_put_back_is_published(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, change: str
) -> None:
    """Same size, same modification time: only the status-change time (and, for rsync and
    tar, the inode) tells. Every signature is trusted at once here, as hours later."""
    monkeypatch.setattr(inputs, "RACY_NS", -(10**18))
    site = newsroom(make_site)
    set_old_times(site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    assert (out / "en/release-002/index.html").is_file()
    folder = site / "releases/release-002"
    if change == "withdraw":
        path = folder / "release.yaml"
        data = path.read_bytes().replace(b"published", b"withdrawn")
    else:
        path = folder / "fr.md"
        data = path.read_bytes().replace(b"Body of release", b"Bodi of release")
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    restore_with(method, path, data, scratch)
    build(site, out, NOW)
    if change == "withdraw":
        notice = (out / "en/release-002/index.html").read_bytes()
        assert b"Headline en2" not in notice and b"noindex" in notice
        assert_nothing_private(out.parent, (*PRIVATE, "release-002", "Headline en2"))
    else:
        assert b"Bodi of release" in (out / "fr/release-002/index.html").read_bytes()
    assert_clean(out, site)


def test_a_site_unpacked_from_a_tar_with_its_cache_is_built_as_its_files_say(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A tar round trip of the whole site, cache included: every date put back, every
    inode new, and one withdrawal of the same size and date inside."""
    monkeypatch.setattr(inputs, "RACY_NS", -(10**18))
    site = newsroom(make_site)
    set_old_times(site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    yaml_file = site / "releases/release-003/release.yaml"
    restore_with(
        "cp -p", yaml_file, yaml_file.read_bytes().replace(b"published", b"withdrawn"), tmp_path
    )
    run_tool("tar", "-C", tmp_path, "-cf", tmp_path / "site.tar", "site")
    shutil.rmtree(site)
    run_tool("tar", "-C", tmp_path, "-xf", tmp_path / "site.tar")
    assert (site / CACHE_DIR / DATABASE).is_file()
    build(site, out, NOW)
    assert b"Headline en3" not in (out / "en/release-003/index.html").read_bytes()
    assert_clean(out, site)


# 4. Hand edits inside the output.

OUTSIDE = {  # what the links put inside the output lead to; never written through
    "secret.txt": b"outside: never overwritten\n",
    "folder/index.html": b"outside folder: never overwritten\n",
    "en-copy/index.html": b"outside en: never overwritten\n",
    "en-copy/release-000/index.html": b"outside en release: never overwritten\n",
    "assets-copy/style.css": b"outside assets: never overwritten\n",
}


def make_outside(root: Path) -> Path:
    for name, data in OUTSIDE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def replace_by_link(path: Path, target: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
    path.symlink_to(target)


def edit_in_place(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"Headline", b"Edited by hand", 1) + b"<!-- -->")


def same_size_edit_with_date_put_back(path: Path) -> None:
    before = path.stat()
    path.write_bytes(path.read_bytes().replace(b"Headline", b"Deadline", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def hard_link_out(out: Path, outside: Path) -> None:
    """A page that is also linked from outside the output, then edited in place: the next
    build must give the output a new file, leaving the outside name as it was."""
    (outside / "hard.html").unlink(missing_ok=True)
    os.link(out / "en/release-003/index.html", outside / "hard.html")
    edit_in_place(out / "en/release-003/index.html")


def read_only(out: Path) -> None:
    edit_in_place(out / "sitemap.xml")
    (out / "sitemap.xml").chmod(0o444)
    (out / "fr/release-003").chmod(0o555)


def character_device(path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device file needs root")
    path.unlink()
    os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(1, 5))  # as /dev/zero: endless


def deep_folders(out: Path) -> None:
    deep = out / "en" / "/".join(["deep"] * 40)
    deep.mkdir(parents=True, exist_ok=True)
    (deep / "bottom.html").write_bytes(b"very deep")


def add_files(out: Path) -> None:
    for name in ("stray.html", "en/added.html", "en/.htaccess", "media/release-001/x.pdf"):
        (out / name).write_bytes(b"added by hand")


def add_empty_folders(out: Path) -> None:
    for name in ("empty", "en/empty", "en/release-000/empty"):
        (out / name).mkdir()


def file_to_folder(path: Path) -> None:
    path.unlink(missing_ok=True)  # (all edits at once: the marker is deleted first)
    (path / "inside").mkdir(parents=True)


def folder_to_file(path: Path) -> None:
    shutil.rmtree(path)
    path.write_bytes(b"a file where a folder was")


def file_with_odd_name(folder: Path) -> None:
    (folder / os.fsdecode(b"\xff.html")).write_bytes(b"a name that is not UTF-8")


def file_to_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


# What a person may do inside the output: (output, folder outside it) -> None.
HAND_EDITS: dict[str, Callable[[Path, Path], None]] = {
    "content changed": lambda out, _: edit_in_place(out / "en/index.html"),
    "same size, date put back": lambda out, _: same_size_edit_with_date_put_back(
        out / "fr/release-002/index.html"
    ),
    "file deleted": lambda out, _: (out / "en/rss.xml").unlink(),
    "folder deleted": lambda out, _: shutil.rmtree(out / "fr/release-001"),
    "files added": lambda out, _: add_files(out),
    "empty folders added": lambda out, _: add_empty_folders(out),
    "file replaced by a folder": lambda out, _: file_to_folder(out / "en/release-001/index.html"),
    "folder replaced by a file": lambda out, _: folder_to_file(out / "fr/release-002"),
    "link to a file outside": lambda out, outside: replace_by_link(
        out / "en/release-000/index.html", outside / "secret.txt"
    ),
    "link to a folder outside": lambda out, outside: replace_by_link(
        out / "en/release-002", outside / "folder"
    ),
    "marker replaced by a link": lambda out, outside: replace_by_link(
        out / ".pressgen-output", outside / "secret.txt"
    ),
    "marker edited": lambda out, _: edit_in_place(out / ".pressgen-output"),
    "marker made unreadable": lambda out, _: (out / ".pressgen-output").chmod(0o000),
    "marker deleted": lambda out, _: (out / ".pressgen-output").unlink(),
    "marker replaced by a folder": lambda out, _: file_to_folder(out / ".pressgen-output"),
    "an empty file named as a preview's marker": lambda out, _: (
        out / "en/.pressgen-preview"
    ).write_bytes(b""),
    "fifo": lambda out, _: file_to_fifo(out / "en/feed.json"),
    "character device": lambda out, _: character_device(out / "fr/rss.xml"),
    "read-only file and folder": lambda out, _: read_only(out),
    "hard link from outside": hard_link_out,
    "folders 40 deep": lambda out, _: deep_folders(out),
    "name that is not UTF-8": lambda out, _: file_with_odd_name(out / "en"),
    "en/ replaced by a link to a folder outside": lambda out, outside: replace_by_link(
        out / "en", outside / "en-copy"
    ),
}


@pytest.mark.parametrize("what", HAND_EDITS)
def test_a_hand_edit_in_the_output_is_repaired_never_written_through(
    make_site: SiteWriter, tmp_path: Path, what: str
) -> None:
    site = newsroom(make_site)
    outside = make_outside(tmp_path / "outside")
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    HAND_EDITS[what](out, outside)
    before = tree(outside)
    result = pressgen(*build_command(site, out))  # 60 s at most: never hangs
    assert result.returncode == 0, result.stderr
    assert tree(outside) == before, "written through a link"
    assert_clean(out, site)


@pytest.mark.parametrize("options", [(), ("--full",)])
def test_every_hand_edit_at_once_is_repaired(
    make_site: SiteWriter, tmp_path: Path, options: tuple[str, ...]
) -> None:
    """Every edit above in one folder (but with assets/ rather than en/ made a link, so
    that the edits inside en/ stay), then an incremental build or a --full one."""
    site = newsroom(make_site)
    outside = make_outside(tmp_path / "outside")
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    for what, edit in HAND_EDITS.items():
        if what == "character device" and os.geteuid() != 0:
            continue
        if what != "en/ replaced by a link to a folder outside":
            edit(out, outside)
    replace_by_link(out / "assets", outside / "assets-copy")
    before = tree(outside)
    result = pressgen(*build_command(site, out, *options))
    assert result.returncode == 0, result.stderr
    assert tree(outside) == before, "written through a link"
    assert_clean(out, site)


def test_a_page_held_open_across_a_build_keeps_its_bytes(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A web server sending a page while a build replaces it sends the old page whole: the
    build gives the path a new file and never rewrites the old one in place."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    page = out / "en/release-001/index.html"
    old = page.read_bytes()
    with page.open("rb") as reader:
        first = reader.read(100)
        set_edition_small(site, True)
        build(site, out, NOW)
        rest = reader.read()
    assert first + rest == old != page.read_bytes()
    assert_clean(out, site)


def test_a_lost_and_found_folder_put_by_hand_is_removed(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    (out / "lost+found").mkdir()
    (out / "lost+found/page.html").write_bytes(b"put here by hand, not by a file system")
    build(site, out, NOW)
    assert_clean(out, site)


# 5. Links out of the site.

SECRET = "wombatsecret"  # in every file the links below lead to


def outside_release(root: Path) -> Path:
    """A complete, valid release folder outside the site, and loose files beside it."""
    folder = root / "release"
    folder.mkdir(parents=True)
    (folder / "release.yaml").write_text(release_yaml())
    (folder / "en.md").write_text(english(SECRET))
    (root / "secret.pdf").write_bytes(f"%PDF-1.4 {SECRET}\n".encode())
    (root / "en.md").write_text(english(SECRET))
    (root / "release.yaml").write_text(release_yaml(extra=f"# {SECRET}\n"))
    (root / "photo.png").write_bytes(png(99) + SECRET.encode())
    return root


LINKS_OUT = {  # the link, relative to the site, and where it leads (None: /etc/passwd)
    "a PDF to /etc/passwd": ("releases/release-000/x.pdf", None),
    "a PDF to a secret file": ("releases/release-000/x.pdf", "secret.pdf"),
    "a language file": ("releases/release-000/fr.md", "en.md"),
    "release.yaml": ("releases/release-000/release.yaml", "release.yaml"),
    "a release folder": (f"releases/{SECRET}", "release"),
    "a folder in a release": ("releases/release-000/annexes", "release"),
    "a photo": ("releases/release-002/photo.png", "photo.png"),
    "a file of another release": ("releases/release-000/x.pdf", "../release-001/doc.pdf"),
    "nothing": ("releases/release-000/x.pdf", "missing.pdf"),
    "itself (a loop)": ("releases/release-000/x.pdf", "./x.pdf"),
}


@pytest.mark.parametrize("case", LINKS_OUT)
def test_a_link_out_of_its_release_folder_is_a_problem_and_never_published(
    make_site: SiteWriter, tmp_path: Path, case: str
) -> None:
    site = newsroom(make_site)
    outside = outside_release(tmp_path / "outside")
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    before, outside_before = tree(out), tree(outside)
    name, target = LINKS_OUT[case]
    link = site / name
    if link.exists():
        link.unlink()
    if target is None:
        link.symlink_to("/etc/passwd")
    elif target.startswith("."):
        link.symlink_to(target)  # relative, inside the site
    else:
        link.symlink_to(outside / target)
    if case == "a photo":
        yaml_file = site / "releases/release-002/release.yaml"
        yaml_file.write_text(yaml_file.read_text() + "image: photo.png\n")
    result = pressgen(*build_command(site, out))
    assert_problem(result, f"{name}:")
    assert tree(out) == before, "a build with a problem changed the output"
    assert tree(outside) == outside_before
    assert_alone(out)
    assert_nothing_private(out.parent, (*PRIVATE, SECRET))
    leaked = [Path("/etc/passwd").read_bytes(), *(v for v in outside_before.values())]
    published = [content for content in tree(out).values() if isinstance(content, bytes)]
    assert not [data for data in leaked if isinstance(data, bytes) and data in published]


@pytest.mark.parametrize("target", ["a folder deleted since", "a drive not mounted", "itself"])
def test_a_release_folder_that_is_a_link_leading_nowhere_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, target: str
) -> None:
    """A release folder linked to a folder outside is refused, but one whose link led
    nowhere was passed over without a word, by `check` and `build` alike (h149): a public
    release left the site unannounced."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    assert pressgen(*build_command(site, out)).returncode == 0
    before = tree(out)
    folder = site / "releases/release-001"
    shutil.rmtree(folder)
    leads_to = {"a folder deleted since": tmp_path / "gone", "itself": folder}
    folder.symlink_to(leads_to.get(target, Path("/media/usb-drive/release-001")))
    for command in (["check", "--site", site], build_command(site, out)):
        result = pressgen(*command)
        assert_problem(result, "releases/release-001: is a link")
    assert tree(out) == before


@pytest.mark.parametrize("kind", ["a link to a draft outside", "a pipe", "a link to a device"])
def test_a_release_yaml_that_is_no_file_of_the_folder_is_no_draft(
    make_site: SiteWriter, tmp_path: Path, kind: str
) -> None:
    """h96: a release whose release.yaml did not read was asked whether it is a draft by a
    reader that followed links and opened anything: a pipe hung the build, /dev/zero filled
    the memory, and a link to a file outside that said `status: draft` left it out quietly."""
    site = newsroom(make_site)
    yaml_file = site / "releases/release-000/release.yaml"
    yaml_file.unlink()
    if kind == "a pipe":
        os.mkfifo(yaml_file)
    elif kind == "a link to a device":
        yaml_file.symlink_to("/dev/zero")
    else:
        (tmp_path / "draft.yaml").write_text("status: draft\n", encoding="utf-8")
        yaml_file.symlink_to(tmp_path / "draft.yaml")
    result = pressgen(*build_command(site, tmp_path / "public"))
    assert_problem(result, "releases/release-000")


@pytest.mark.parametrize(
    "name", ["releases/release-000/en.md", "releases/release-000/release.yaml"]
)
def test_a_file_swapped_for_a_link_to_the_same_bytes_outside_is_a_problem_too(
    make_site: SiteWriter, tmp_path: Path, name: str
) -> None:
    """The cache knew the release by the bytes of its files, read through links: a file
    replaced by a link to an identical copy outside the release went on being published,
    `--full` too, until the cache was deleted."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    copy = tmp_path / "outside" / name.rsplit("/", 1)[1]
    copy.parent.mkdir()
    shutil.copyfile(site / name, copy)
    (site / name).unlink()
    (site / name).symlink_to(copy)
    for full in ([], ["--full"]):
        assert_problem(pressgen(*build_command(site, out), *full), f"{name}:")


@pytest.mark.parametrize("case", ["a PDF to a secret file", "a language file", "release.yaml"])
def test_a_link_made_after_the_links_were_checked_is_never_read(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """A file swapped for a link while the build runs (after the check of its links): what
    is read is what was opened, and that must lie inside the release folder."""
    site = newsroom(make_site)
    outside = outside_release(tmp_path / "outside")
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    before = tree(out)
    name, target = LINKS_OUT[case]
    (site / name).unlink(missing_ok=True)
    (site / name).symlink_to(outside / str(target))
    monkeypatch.setattr("pressgen.read.release.linked_out", lambda folder, root: {})
    with pytest.raises(UserError, match=f"{name.rsplit('/', 1)[1]}: .*outside"):
        build(site, out, NOW)
    assert tree(out) == before
    assert_nothing_private(out.parent, (SECRET,))


@pytest.mark.parametrize("name", ["releases", "templates", "locales", "assets"])
def test_a_site_folder_that_is_a_link_out_of_the_site_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, name: str
) -> None:
    """Nothing outside the site is read as its content: not through one of its folders."""
    site = newsroom(make_site)
    elsewhere = tmp_path / "elsewhere" / name
    elsewhere.parent.mkdir()
    folder = site / name
    if folder.is_dir():
        shutil.move(folder, elsewhere)
    else:
        elsewhere.mkdir()
    folder.symlink_to(elsewhere)
    out = tmp_path / "work" / "public"
    result = pressgen(*build_command(site, out))
    assert_problem(result, f"{name}: is a link to {elsewhere}, outside the site")
    assert not out.exists()


@pytest.mark.parametrize("name", ["releases", "templates", "locales", "assets"])
def test_a_site_folder_made_a_link_out_of_the_site_after_a_build_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, name: str
) -> None:
    """Moved out of the site with its files unchanged and linked back, a folder was taken
    by the next build as "nothing changed" (exit 0), though `check` and `build --full`
    refused it (h149)."""
    site = newsroom(make_site)
    (site / "templates").mkdir(exist_ok=True)
    (site / "assets").mkdir(exist_ok=True)
    out = tmp_path / "work" / "public"
    assert pressgen(*build_command(site, out)).returncode == 0
    before = tree(out)
    elsewhere = tmp_path / "elsewhere" / name
    elsewhere.parent.mkdir()
    shutil.move(site / name, elsewhere)
    (site / name).symlink_to(elsewhere)
    result = pressgen(*build_command(site, out))
    assert_problem(result, f"{name}: is a link to {elsewhere}, outside the site")
    assert tree(out) == before


@pytest.mark.parametrize(
    "name", ["templates/partials", "templates/page.html", "locales/fr", "assets/leak.css"]
)
def test_a_link_out_of_the_site_inside_its_folders_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, name: str
) -> None:
    """A template or catalog read through a link from outside the site was published, and a
    folder's later edits went unseen: the next build said "0 changed" (h126)."""
    site = newsroom(make_site)
    elsewhere = tmp_path / "elsewhere" / name.rsplit("/", 1)[1]
    elsewhere.parent.mkdir()
    if "." in elsewhere.name:
        elsewhere.write_text("{% extends 'base.html' %}" if name.endswith(".html") else "p {}\n")
    else:
        elsewhere.mkdir()
    (site / name).parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(site / name, ignore_errors=True)
    (site / name).symlink_to(elsewhere)
    out = tmp_path / "work" / "public"
    for command in (build_command(site, out), ["check", "--site", site]):
        result = pressgen(*command)
        assert_problem(result, f"{name}: is a link to {elsewhere}, outside the site")
    assert not out.exists()


def test_a_file_swapped_for_a_pipe_after_the_checks_is_refused_at_once(tmp_path: Path) -> None:
    """Opened as a file is read, a pipe would wait for a writer that never comes."""
    folder = tmp_path / "release"
    folder.mkdir()
    os.mkfifo(folder / "en.md")
    with pytest.raises(UserError, match=r"en\.md: is not a file"):
        read_inside(folder / "en.md", folder)


def test_a_link_to_a_file_of_the_same_release_folder_is_published(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = newsroom(make_site)
    (site / "releases/release-001/annex.pdf").symlink_to("doc.pdf")
    (site / "releases/release-001/summary.pdf").symlink_to(site / "releases/release-001/doc.pdf")
    out = tmp_path / "work" / "public"
    result = pressgen(*build_command(site, out))
    assert result.returncode == 0, result.stderr
    document = (site / "releases/release-001/doc.pdf").read_bytes()
    for name in ("annex.pdf", "summary.pdf", "doc.pdf"):
        assert (out / "media/release-001" / name).read_bytes() == document
        assert not (out / "media/release-001" / name).is_symlink()
    assert_clean(out, site)


def test_a_fifo_in_a_release_folder_never_hangs_a_build(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A named pipe left in a release folder (and a PDF linked to one outside): ignored or a
    problem, but the build ends (5 s is fifteen times what this build takes)."""
    site = newsroom(make_site)
    os.mkfifo(site / "releases/release-000/notes.txt")
    os.mkfifo(tmp_path / "pipe")
    (site / "releases/release-003/x.pdf").symlink_to(tmp_path / "pipe")
    out = tmp_path / "work" / "public"
    result = pressgen(*build_command(site, out), timeout=5)
    assert_problem(result, "releases/release-003/x.pdf:")


# 6. Where an output may go.

LATER = ("--now", "2031-01-01T00:00:00Z")  # a what-if: the site as it will be in 2031


def prepare_folders(site: Path, work: Path) -> None:
    """A public build at SITE/public and one elsewhere (work/pub), a what-if build, a
    preview, a preview deep inside a folder, and a public site holding a copied preview."""
    (site / "templates").mkdir()
    (site / "templates/page.html").write_text(page_template(1))
    build(site, site / "public", NOW)
    build(site, work / "pub", NOW)
    (work / "alias").symlink_to(work / "pub")
    (work / "to-releases").symlink_to(site / "releases")
    build(site, work / "whatif", datetime(2031, 1, 1, tzinfo=UTC))
    build(site, work / "pv", NOW, preview=True)
    build(site, work / "host/deep/pv", NOW, preview=True)
    build(site, work / "y/deep/pub", NOW)
    build(site, work / "pub-with-preview", NOW)
    shutil.copytree(work / "pv", work / "pub-with-preview/archive/pv")


# (command, "site" or "work", the output below it, whether a what-if in 2031)
FOLDER_RULES = {
    "inside releases/": ("build", "site", "releases/out", False),
    "releases/ itself": ("build", "site", "releases", False),
    "inside releases/, by ..": ("build", "site", "releases/x/../out", False),
    "inside releases/, by a link": ("build", "work", "to-releases/out", False),
    "inside a release": ("build", "site", "releases/release-000/out", False),
    "inside templates/": ("build", "site", "templates/out", False),
    "inside locales/": ("build", "site", "locales/out", False),
    "inside the cache": ("build", "site", f"{CACHE_DIR}/out", False),
    "inside the previews' secret": ("build", "site", ".pressgen-preview/out", False),
    "inside the publish records": ("preview", "site", ".pressgen-publish/out", False),
    "inside .git": ("build", "site", ".git/out", False),
    "a hidden folder of the site": ("build", "site", ".out", False),
    "the site folder": ("build", "site", ".", False),
    "above the site": ("build", "site", "..", False),
    "preview into SITE/public/embargo": ("preview", "site", "public/embargo", False),
    "preview into SITE/public": ("preview", "site", "public", False),
    "public build into SITE/preview": ("build", "site", "preview", False),
    "preview inside a public build": ("preview", "work", "pub/embargo", False),
    "preview inside a public build, by a link": ("preview", "work", "alias/embargo", False),
    "preview inside a what-if": ("preview", "work", "whatif/p", False),
    "what-if inside the public site": ("build", "site", "public/whatif", True),
    "what-if inside a public build": ("build", "work", "pub/w", True),
    "preview into a public build": ("preview", "work", "pub", False),
    "public build into a preview": ("build", "work", "pv", False),
    "public build inside a preview": ("build", "work", "pv/sub", False),
    "public build above a deep preview": ("build", "work", "host", False),
    "public build holding a copied preview": ("build", "work", "pub-with-preview", False),
    "preview above a deep public build": ("preview", "work", "y", False),
}


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folders of `prepare_folders`, made once: no refused build may change them."""
    root = tmp_path_factory.mktemp("folders")
    prepare_folders(write_site(root / "site", newsroom_files(4)), root / "work")
    return root


@pytest.mark.parametrize("case", FOLDER_RULES)
def test_an_output_in_the_wrong_place_is_refused_and_nothing_is_written(
    folders: Path, case: str
) -> None:
    site, work = folders / "site", folders / "work"
    command, base, below, later = FOLDER_RULES[case]
    out = (site if base == "site" else work) / below
    before = tree(folders)
    arguments = PREVIEW if command == "preview" else [command]
    result = pressgen(*arguments, "--site", site, "--out", out, *(LATER if later else NOW_OPTION))
    assert_problem(result, "expected")
    assert result.stderr.startswith(str(folders)), result.stderr  # the folder, first
    assert tree(folders) == before, "a refused build wrote something"
    for public in (site / "public", work / "pub"):
        assert_nothing_private(public)


def test_a_preview_into_the_public_site_is_refused_before_it_is_built(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`preview --out public/embargo` when the public site has not been built yet."""
    site = newsroom(make_site)
    before = tree(tmp_path)
    result = pressgen(*PREVIEW, "--site", site, *NOW_OPTION, "--out", site / "public/embargo")
    assert_problem(result, "expected")
    assert tree(tmp_path) == before
    assert not (site / "public").exists()


@contextlib.contextmanager
def mounted(target: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at `target` for the block; the test is skipped, saying why, where
    mounting is not allowed."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root: run the tests as root to check this")
    if shutil.which("mount") is None:
        pytest.skip("mount not found: install util-linux to check this")
    target.mkdir(parents=True, exist_ok=True)
    command = ["mount", "-t", "tmpfs", "-o", options, "pressgen-test", str(target)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def remount(target: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(target)], check=True)


def test_a_mount_point_works_as_an_output_folder(make_site: SiteWriter, tmp_path: Path) -> None:
    """A Docker volume, say: the folder itself can be neither removed nor renamed, and
    holds the file system's lost+found, which the build leaves alone."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    with mounted(out, "size=16m"):
        (out / "lost+found").mkdir()
        (out / "lost+found/kept").write_bytes(b"the file system's own")
        for options, change in (((), None), ((), "template"), (("--full",), "catalog")):
            if change:
                change_site(site, change, 3)
            result = pressgen(*build_command(site, out, *options))
            assert result.returncode == 0, result.stderr
            assert (out / "lost+found/kept").read_bytes() == b"the file system's own"
            full = full_build(site, tmp_path / "full")
            shutil.rmtree(out / "lost+found")  # for the comparison only
            assert_same_tree(out, full)
            shutil.rmtree(full)
            (out / "lost+found").mkdir()
            (out / "lost+found/kept").write_bytes(b"the file system's own")
        assert_alone(out)


def test_a_mount_point_reached_through_a_link_keeps_its_lost_and_found(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """`--out` a link to a mount point: the first build refused its lost+found as files
    pressgen did not write, and once the folder was built through its own path, the next
    build through the link removed it (h113)."""
    site = newsroom(make_site)
    out, link = tmp_path / "volume", tmp_path / "link"
    link.symlink_to(out)
    with mounted(out, "size=16m"):
        (out / "lost+found").mkdir()
        (out / "lost+found/kept").write_bytes(b"the file system's own")
        for _ in range(2):
            result = pressgen(*build_command(site, link))
            assert result.returncode == 0, result.stderr
            assert (out / "lost+found/kept").read_bytes() == b"the file system's own"


# 7. Damaged caches.


def flip_bits(path: Path, rng: random.Random, count: int) -> None:
    data = bytearray(path.read_bytes())
    for _ in range(count if data else 0):
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(data))


def cache_files(cache: Path) -> list[Path]:
    return sorted(path for path in cache.rglob("*") if path.is_file() and not path.is_symlink())


def add_to_schema(database: Path, sql: str) -> None:
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        db.execute(sql)


def foreign_database(database: Path) -> None:
    database.unlink()
    with contextlib.closing(sqlite3.connect(database)) as db, db:
        db.execute("CREATE TABLE states (key TEXT, value BLOB)")
        db.execute("INSERT INTO states VALUES ('public', x'80049500')")  # a pickle's start


def leave_a_journal(database: Path) -> None:
    """A process that wrote to the cache and died before SQLite folded its journal (-wal,
    -shm) back into the database."""
    code = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "with db:\n"
        "    db.execute(\"INSERT OR REPLACE INTO releases VALUES ('k', 'v', 'c')\")\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(database)], check=True)
    assert Path(f"{database}-wal").exists()


def damage(cache: Path, how: str, rng: random.Random, saved: Path) -> None:
    """Damage the cache folder as `how` says (see DAMAGES)."""
    database = cache / DATABASE
    if database.is_dir() or cache.is_file():  # a folder or file left by an earlier round
        shutil.rmtree(database) if database.is_dir() else cache.unlink()
    if how == "bit flips in a journal too" and database.exists():
        leave_a_journal(database)
    files = cache_files(cache)
    if how.startswith("bit flips") and how != "bit flips in the first pages":
        for path in files:
            flip_bits(path, rng, rng.choice((1, 3, 16, 200)))
    elif how == "bit flips in the first pages":
        for path in files:
            data = bytearray(path.read_bytes())
            for _ in range(8 if data else 0):
                position = rng.randrange(min(len(data), 8192))
                data[position] ^= 1 << rng.randrange(8)
            path.write_bytes(bytes(data))
    elif how == "truncated":
        for path in files:
            os.truncate(path, rng.randrange(path.stat().st_size + 1))
    elif how == "zeroed":
        for path in files:
            size = path.stat().st_size
            start = rng.randrange(size + 1)
            with path.open("r+b") as handle:
                handle.seek(start)
                handle.write(bytes(rng.randrange(size - start + 1)))
    elif how == "empty":
        for path in files:
            path.write_bytes(b"")
    elif how == "a folder" and database.exists():
        database.unlink()
        (database / "inside").mkdir(parents=True)
    elif how == "the folder a file":
        shutil.rmtree(cache)
        cache.write_bytes(b"not a folder")
    elif how == "foreign database" and database.exists():
        foreign_database(database)
    elif how == "a trigger" and database.exists():
        add_to_schema(
            database,
            "CREATE TRIGGER spy AFTER INSERT ON bodies BEGIN DELETE FROM states; END",
        )
    elif how == "a view" and database.exists():
        add_to_schema(database, "CREATE VIEW releases_seen AS SELECT key FROM releases")
    elif how == "an old cache put back" and saved.exists():
        shutil.rmtree(cache)
        shutil.copytree(saved, cache)


DAMAGES = (
    "bit flips",
    "bit flips in a journal too",
    "bit flips in the first pages",
    "truncated",
    "zeroed",
    "empty",
    "a folder",
    "the folder a file",
    "foreign database",
    "a trigger",
    "a view",
    "an old cache put back",
)
EDITS = ("nothing", "body", "template", "withdrawal", "catalog")


def edit_site(site: Path, edit: str, number: int) -> None:
    if edit == "body":
        text = site / f"releases/release-{number % 40:03d}/fr.md"
        text.write_text(english(f"fr{number % 40} edited {number}"))
    elif edit == "template":
        (site / "templates").mkdir(exist_ok=True)
        (site / "templates/page.html").write_text(page_template(number % 3))
    elif edit == "withdrawal":
        yaml_file = site / f"releases/release-{number % 40:03d}/release.yaml"
        old, new = ("published", "withdrawn")[:: 1 if number % 2 else -1]
        yaml_file.write_text(yaml_file.read_text().replace(old, new))
    elif edit == "catalog":
        catalog = site / "locales/fr/LC_MESSAGES/messages.po"
        catalog.write_text(french_catalog(number % 4), encoding="utf-8")


@pytest.mark.slow
def test_a_damaged_cache_never_crashes_a_build_nor_changes_its_output(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Every kind of damage, many times over, each followed by an edit or none: every
    build ends well (no exit 3, no signal) with what a clean build gives."""
    site = newsroom(make_site, 40)  # 80 release pages: more than a pool's minimum
    out = tmp_path / "work" / "public"
    cache, saved = site / CACHE_DIR, tmp_path / "saved-cache"
    rng = random.Random(404)
    assert pressgen(*build_command(site, out, "--jobs", "2")).returncode == 0
    shutil.copytree(cache, saved)  # the cache of the first edition
    for number, how in enumerate((*DAMAGES, *DAMAGES[:2])):
        edit = rng.choice(EDITS)
        damage(cache, how, rng, saved)
        edit_site(site, edit, number)
        jobs = rng.choice(("1", "2"))
        result = pressgen(*build_command(site, out, "--jobs", jobs, *rng.choice(((), ("--full",)))))
        assert result.returncode == 0, (how, edit, result.returncode, result.stderr)
        assert_clean(out, site)


def test_cache_rows_nested_past_what_json_reads_are_forgotten(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A cache brought with a site whose rows hold brackets nested 200,000 deep, each with
    its checksum right (no bit flip makes that; a person can): `build --full` and `check`
    stopped with "internal error (RecursionError)". Such a row is read as none."""
    from pressgen.engine.inputs import digest

    site = newsroom(make_site, 2)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    nested = "[" * 200_000
    with contextlib.closing(sqlite3.connect(site / CACHE_DIR / DATABASE)) as db, db:
        for table in ("releases", "states"):
            for (key,) in db.execute(f"SELECT key FROM {table}").fetchall():
                db.execute(
                    f"UPDATE {table} SET value = ?, checksum = ? WHERE key = ?",
                    (nested, digest(key, nested), key),
                )
    result = pressgen(*build_command(site, out, "--full"))
    assert result.returncode == 0, result.stderr
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))
    checked = pressgen("check", "--site", site)  # the newsroom's draft has its problems
    assert checked.returncode == 1 and "internal error" not in checked.stderr, checked.stderr


FUZZ_CACHE = """
import random, shutil, sys
from pathlib import Path
from pressgen.engine.cache import CACHE_DIR, DATABASE, Cache, State
from pressgen.engine.inputs import InputFile
site, pristine = Path(sys.argv[1]), Path(sys.argv[2])
rng = random.Random(int(sys.argv[3]))
database = site / CACHE_DIR / DATABASE
for _ in range(int(sys.argv[4])):
    shutil.copyfile(pristine, database)
    data = bytearray(database.read_bytes())
    for _ in range(rng.choice((1, 2, 5, 40))):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    database.write_bytes(bytes(data))
    cache = Cache(site)
    cache.state(Path(sys.argv[5]), "public []")
    releases = cache.releases()
    summaries = cache.summaries()
    for key in list(summaries)[:5]:
        cache.body(key)
    cache.put_bodies({"k": ("<p>html</p>", "summary")})
    cache.put_releases({"k": "value"})
    cache.keep_only(list(releases)[:10], list(summaries)[:10])
    cache.forget_gone_folders()
    inputs = {"site/x": InputFile((1, 2, 3, 4), "digest")}
    state = State(inputs, "", "", (None, None), {})
    files = cache.outputs(Path(sys.argv[5]), "public []")
    written = dict(list(files.items())[5:]) | {"x": ("key", (1, 2, 3, 4))}
    cache.save_state(Path(sys.argv[5]), "public []", state, written, files)
    cache.save_state(Path(sys.argv[5]), "public", state, written)
    cache.close()
"""


def test_the_cache_survives_hundreds_of_bit_flips(make_site: SiteWriter, tmp_path: Path) -> None:
    """Every operation of the cache on a database with bits flipped, in a process of its
    own (a crash is a return code): none may raise, whatever it finds."""
    site = newsroom(make_site, 40)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    pristine = tmp_path / "pristine.sqlite"
    shutil.copyfile(site / CACHE_DIR / DATABASE, pristine)
    arguments = [site, pristine, "2025", "300", out]
    command = [sys.executable, "-c", FUZZ_CACHE, *map(str, arguments)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]


def build_after_damage(site: Path, out: Path, tmp_path: Path) -> None:
    """A cache damaged by the caller, then builds (one with --full) after an edit."""
    (site / "releases/release-001/fr.md").write_text(english("fr1 edited"))
    for options in ((), ("--full",)):
        result = pressgen(*build_command(site, out, *options))
        assert result.returncode == 0, result.stderr
        assert_clean(out, site)


def test_a_cache_key_that_turned_to_bytes_is_ignored(make_site: SiteWriter, tmp_path: Path) -> None:
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    with contextlib.closing(sqlite3.connect(site / CACHE_DIR / DATABASE)) as db, db:
        for table in ("releases", "bodies"):
            db.execute(
                f"UPDATE {table} SET key = CAST(key AS BLOB) "
                f"WHERE rowid = (SELECT min(rowid) FROM {table})"
            )
    build_after_damage(site, out, tmp_path)


@pytest.mark.parametrize("made", ["a file", "a link to a file outside", "a dead link"])
def test_a_cache_folder_replaced_by_hand_is_made_again(
    made: str, make_site: SiteWriter, tmp_path: Path
) -> None:
    """h121: SITE/.pressgen-cache made a file was never used nor replaced: every build after
    rendered the whole site again, and forgot what the cache keeps (the public builds' marks).
    A file outside that the link led to stays as it was."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    cache, outside = site / CACHE_DIR, tmp_path / "outside.txt"
    outside.write_text("kept\n")
    shutil.rmtree(cache)
    if made == "a file":
        cache.write_text("junk\n")
    else:
        cache.symlink_to(outside if made == "a link to a file outside" else tmp_path / "none")
    build_after_damage(site, out, tmp_path)
    assert cache.is_dir() and not cache.is_symlink() and Cache(site).count("releases") > 0
    assert outside.read_text() == "kept\n"


@pytest.mark.parametrize("into", ["the output", "a folder of the output", "another output"])
def test_a_cache_folder_linked_into_an_output_is_refused(
    into: str, make_site: SiteWriter, tmp_path: Path
) -> None:
    """h149: SITE/.pressgen-cache made a link into a public output (to keep the cache on
    another disk, the wrong folder chosen): the build wrote its cache, which holds the texts
    of drafts and embargoed releases, into the public site, for the next deploy to publish."""
    site = newsroom(make_site)
    out, other = tmp_path / "work" / "public", tmp_path / "other" / "public"
    build(site, out, NOW)
    build(site, other, NOW)
    before = tree(out)
    shutil.rmtree(site / CACHE_DIR)
    leads_to = {"the output": out, "a folder of the output": out / "en", "another output": other}
    (site / CACHE_DIR).symlink_to(leads_to[into])
    result = pressgen(*build_command(site, out))
    assert_problem(result, f"{site / CACHE_DIR}: is a link into {leads_to[into]}")
    assert tree(out) == before
    assert_nothing_private(out.parent)
    assert_nothing_private(other.parent)


def test_a_bit_flip_in_the_cache_schema_is_ignored(make_site: SiteWriter, tmp_path: Path) -> None:
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    database = site / CACHE_DIR / DATABASE
    data = bytearray(database.read_bytes())
    data[data.index(b"CREATE TABLE states") + len(b"CREATE")] ^= 0x80
    database.write_bytes(bytes(data))
    build_after_damage(site, out, tmp_path)


# 8. What the machine refuses: a full disk, a read-only one, a cache that cannot be written.


def assert_sentence(result: subprocess.CompletedProcess[str], advice: str) -> None:
    """Exit 1 with a sentence saying what to do: not an internal error, not a traceback."""
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert advice in result.stderr, result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_a_full_disk_is_a_sentence_and_the_next_build_completes_the_output(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The output on a small disk that a file beside it fills: first a cold build, then
    one from the old edition to the new, each stopped by the full disk part way."""
    site = newsroom(make_site, 40)
    with mounted(tmp_path / "disk", "size=24m") as disk:
        out, filler = disk / "public", disk / "filler"
        empty: Tree = {}
        for old in (empty, None):  # None: the edition the last build completed
            before = tree(out) if old is None else empty
            set_edition_small(site, old is None)
            new = tree(full_build(site, tmp_path / f"full-{old is None}"))
            fill(filler, leave=96 * 1024)
            result = pressgen(*build_command(site, out))
            assert_sentence(
                result, "Free some space on that disk (or, if it has space left, remove files"
            )
            assert f"pressgen: {out}/" in result.stderr  # the file it could not write
            assert out.is_dir()
            assert_old_or_new(out, before, new, None)
            filler.unlink()
            result = pressgen(*build_command(site, out))
            assert result.returncode == 0, result.stderr
            assert tree(out) == new
            assert_alone(out)
        assert_nothing_private(disk)


def test_a_first_preview_on_a_full_disk_names_its_secret_and_leaves_none_cut_short(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The secret was made, then written: a full disk left it empty, said "a file" and
    "build again", and the next preview used the empty secret (h98)."""
    with mounted(tmp_path / "disk", "size=8m") as disk:
        site = disk / "site"
        shutil.copytree(newsroom(make_site), site)
        out, filler = tmp_path / "previews", disk / "filler"
        fill(filler, leave=0)
        result = pressgen(*PREVIEW, "--site", site, "--out", out, *NOW_OPTION)
        assert_sentence(result, "Free some space on that disk")
        assert result.stderr.startswith(f"pressgen: {site / '.pressgen-preview'}"), result.stderr
        assert "run the command again" in result.stderr
        filler.unlink()
        result = pressgen(*PREVIEW, "--site", site, "--out", out, *NOW_OPTION)
        assert result.returncode == 0, result.stderr
        secret = (site / ".pressgen-preview/secret").read_text().strip()
        assert re.fullmatch("[0-9a-f]{64}", secret), secret


def set_edition_small(site: Path, new: bool) -> None:
    """A second edition where every release page has another template, and which has
    twenty more releases (so that it needs more room than the first)."""
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates/page.html").write_text(page_template(2 if new else 1))
    for n in range(20):
        added = site / f"releases/added-{n}"
        if new:
            added.mkdir(exist_ok=True)
            (added / "release.yaml").write_text(release_yaml())
            (added / "en.md").write_text(english(f"added {n}"))
        else:
            shutil.rmtree(added, ignore_errors=True)


def fill(filler: Path, leave: int) -> None:
    """Fill the disk of `filler` but for about `leave` bytes."""
    free = os.statvfs(filler.parent)
    filler.write_bytes(bytes(max(0, free.f_bavail * free.f_frsize - leave)))


def test_a_read_only_output_is_a_sentence_and_the_next_build_completes_it(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = newsroom(make_site)
    with mounted(tmp_path / "disk", "size=16m") as disk:
        out = disk / "public"
        assert pressgen(*build_command(site, out)).returncode == 0
        before = tree(out)
        remount(disk, "ro")
        set_edition_small(site, True)
        result = pressgen(*build_command(site, out))
        assert_sentence(result, "That disk is read-only")
        assert tree(out) == before
        result = pressgen(*build_command(site, disk / "new-folder"))
        assert_sentence(result, "That disk is read-only")
        remount(disk, "rw")
        assert pressgen(*build_command(site, out)).returncode == 0
        assert_clean(out, site)


def test_a_preview_of_a_site_on_a_read_only_disk_says_the_site_must_be_writable(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The site's preview secret could not be written, and the advice was to choose another
    --out, which cannot help (h126)."""
    with mounted(tmp_path / "disk", "size=16m") as disk:
        site = newsroom(make_site)
        shutil.copytree(site, disk / "site")
        remount(disk, "ro")
        out = tmp_path / "previews"
        result = pressgen(*PREVIEW, "--site", disk / "site", "--out", out, *NOW_OPTION)
        assert_sentence(result, "a preview keeps the site's secret there, in the site folder")
        assert "--out" not in result.stderr


def test_an_empty_read_only_disk_as_output_is_a_sentence(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = newsroom(make_site)
    with mounted(tmp_path / "disk", "size=1m,ro") as disk:
        assert_sentence(pressgen(*build_command(site, disk)), "That disk is read-only")
        assert os.listdir(disk) == []


@pytest.mark.parametrize(
    "what", ["a link to a file elsewhere", "a folder", "a pipe", "a deep tree"]
)
def test_a_cache_file_made_a_link_or_a_folder_is_replaced(
    make_site: SiteWriter, tmp_path: Path, what: str
) -> None:
    """The cache folder is the engine's own: a link is never written through (the file it
    names stays as it was), and a folder in the database's place does not leave every
    later build without a cache."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    database = site / CACHE_DIR / DATABASE
    database.parent.mkdir()
    elsewhere = tmp_path / "elsewhere.sqlite"
    elsewhere.write_bytes(b"")
    if what == "a folder":
        (database / "inside").mkdir(parents=True)
    elif what == "a pipe":  # every build rendered everything again, and left it there
        os.mkfifo(database)
    elif what == "a deep tree":
        database.mkdir()
        _deep(database)
    else:
        database.symlink_to(elsewhere)
    try:
        build(site, out, NOW)
    finally:  # pytest's own clean-up of old temporary folders would stop at a deep tree
        if database.is_dir() and not database.is_symlink():
            remove_folder(database)
    assert database.is_file() and not database.is_symlink()
    assert elsewhere.read_bytes() == b""
    assert build(site, out, NOW).rendered == 0  # the cache was kept


def test_a_cache_folder_that_cannot_be_written_still_builds(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """SITE/.pressgen-cache on a read-only disk, empty and then holding a good cache: the
    build goes on without a cache, or reads it, and gives what a clean build gives."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    cache = site / CACHE_DIR
    with mounted(cache, "size=8m,ro"):
        result = pressgen(*build_command(site, out))
        assert result.returncode == 0, result.stderr
        assert_clean(out, site)
        remount(cache, "rw")
        shutil.rmtree(out)
        assert pressgen(*build_command(site, out)).returncode == 0  # fills the cache
        remount(cache, "ro")
        for edit in ("body", "template", "nothing"):
            edit_site(site, edit, 1)
            result = pressgen(*build_command(site, out))
            assert result.returncode == 0, result.stderr
            assert_clean(out, site)


# 9. Hostile bodies.

HOSTILE_BODIES = {
    "a list nested 500 deep": "- " * 500 + "x\n",
    "a list nested 500 deep by indentation": "".join(
        "  " * depth + "- x\n" for depth in range(500)
    ),
    "a list nested 10,000 deep": "- " * 10_000 + "x\n",
    "quotes nested 10,000 deep": "> " * 10_000 + "x\n",
    "10,000 [": "[" * 10_000 + "\n",
    "a 300 KB body": "A long sentence of a long release. " * 9_000,
    "HTML nested 10,000 deep": "<div>" * 10_000 + "x" + "</div>" * 10_000 + "\n",
    "a NUL in the title": None,  # see below
}


@pytest.mark.parametrize("case", HOSTILE_BODIES)
def test_a_hostile_body_is_a_problem_on_its_line_and_stays_cheap(
    make_site: SiteWriter, tmp_path: Path, case: str
) -> None:
    """Each is a `path:line:` problem and exit 1, long before the 60 s a timeout allows."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    before = tree(out)
    body = HOSTILE_BODIES[case]
    text = english("hostile") if body is None else f"---\ntitle: Hostile\ndateline: X\n---\n{body}"
    if body is None:
        text = text.replace("title: Headline hostile", "title: Headline \x00 hostile")
    (site / "releases/release-002/en.md").write_text(text)
    result = pressgen(*build_command(site, out), timeout=60)
    assert_problem(result, "releases/release-002/en.md:")
    assert re.search(r"^releases/release-002/en\.md:\d+: ", result.stderr, re.M), result.stderr
    assert tree(out) == before


def test_bodies_of_comments_never_closed_are_a_problem_on_their_line_and_stay_cheap(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """39,000 `<!--` that never close, under the body limit, in each of a site's eight
    texts: each took half a minute to read (h149), the whole build far beyond the 60 s
    that every hostile body is given."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    before = tree(out)
    text = "---\ntitle: Hostile\ndateline: X\n---\n" + "<!-- " * 39_000 + "x\n"
    for page in site.glob("releases/*/*.md"):
        page.write_text(text)
    result = pressgen(*build_command(site, out), timeout=60)
    assert_problem(result, "releases/release-002/en.md:5: body: shows no text")
    assert tree(out) == before


@pytest.mark.slow
def test_a_body_of_unclosed_tags_stays_cheap(make_site: SiteWriter, tmp_path: Path) -> None:
    """198,000 bytes, under the body limit, of `<a ` that never closes: converted, or
    refused on its line, within the 60 s that every hostile body is given."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    text = "---\ntitle: Hostile\ndateline: X\n---\n" + "<a " * 66_000 + "\n"
    (site / "releases/release-002/en.md").write_text(text)
    result = pressgen(*build_command(site, out), timeout=60)
    assert result.returncode in (0, 1), result.stderr
    if result.returncode == 1:
        assert re.search(r"^releases/release-002/en\.md:\d+: ", result.stderr, re.M)


def impossible_output(kind: str, root: Path) -> Path:
    """An --out that no build can use, as a typing slip gives."""
    if kind == "below a file":
        (root / "site.zip").write_bytes(b"a file")
        return root / "site.zip" / "public"
    if kind == "a name too long":
        return root / ("x" * 300)
    (root / "loop").symlink_to("loop")
    return root / "loop"


@pytest.mark.parametrize("kind", ["below a file", "a name too long", "a link loop"])
def test_an_impossible_output_folder_is_a_sentence(
    make_site: SiteWriter, tmp_path: Path, kind: str
) -> None:
    site = newsroom(make_site)
    out = impossible_output(kind, tmp_path)
    result = pressgen(*build_command(site, out))
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert str(out)[:40] in result.stderr, result.stderr


def _deep(folder: Path, levels: int = 1100) -> None:
    """A tree `levels` folders deep below `folder`, made one level at a time (a path that
    long is beyond what one call may name)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for _ in range(levels):
            os.mkdir("d", dir_fd=handle)
            below = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=handle)
            os.close(handle)
            handle = below
    finally:
        os.close(handle)


@pytest.mark.parametrize("where", ["releases/release-000", "assets"])
def test_a_tree_thousands_of_folders_deep_in_the_site_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, where: str
) -> None:
    """1,000 folders deep in a release folder or assets/: every build and check exited 3
    (RecursionError) until it was removed."""
    site = newsroom(make_site)
    (site / where).mkdir(exist_ok=True)
    _deep(site / where)
    out = tmp_path / "work" / "public"
    commands = [build_command(site, out), ["check", "--site", site]]
    if where != "assets":  # the commands that read one release alone
        commands += [["status", "--site", site], ["translations", "--site", site]]
        commands += [["preview", "release-000", "--site", site, "--out", tmp_path / "p"]]
    try:
        for command in commands:
            result = pressgen(*command)
            assert result.returncode == 1, (command, result.stdout + result.stderr)
            assert f"{where}" in result.stdout + result.stderr
            assert "folders nested more than 32 deep" in result.stdout + result.stderr
    finally:  # pytest's own clean-up of old temporary folders would stop at it
        remove_folder(site / where / "d")


def test_a_tree_thousands_of_folders_deep_in_the_output_is_removed(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A stray tree 1,100 folders deep in the output: every build exited 3 (Python 3.11's
    rmtree recurses), --full too, and the folder was never repaired."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    _deep(out / "en")
    try:
        result = pressgen(*build_command(site, out))
        assert result.returncode == 0, result.stdout + result.stderr
        assert not (out / "en" / "d").exists()
    finally:  # pytest's own clean-up of old temporary folders would stop at it
        if (out / "en" / "d").exists():
            remove_folder(out / "en" / "d")
    assert_same_tree(out, full_build(site, tmp_path / "full", NOW))


def test_a_scratch_folder_thousands_of_folders_deep_does_not_stop_builds(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dead process's scratch folder holding a tree 1,100 deep: its sweep (rmtree with
    ignore_errors, which does not catch RecursionError) made every build exit 3. (In a
    temporary folder of the test's own: any other build on the machine sweeps the shared
    one, and took the tree away under this test.)"""
    own = tmp_path / "tmp"
    own.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own))
    scratch = own / "pressgen-print-3999999-test"
    scratch.mkdir()
    try:
        _deep(scratch)
        build(newsroom(make_site), tmp_path / "work" / "public", NOW)
        assert not scratch.exists()
    finally:
        if scratch.exists():
            remove_folder(scratch)


def _without_root_powers(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -m pressgen` as root without the powers that override file permissions: a
    user's view of folders another user owns. Skipped, saying why, where it cannot run."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv (util-linux) to act as a user without powers")
    drop = "-dac_override,-dac_read_search,-fowner"
    command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}"]
    return subprocess.run(
        [*command, sys.executable, "-m", "pressgen", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("mode", [0o777, 0o555])
def test_a_folder_of_the_output_another_user_owns(
    make_site: SiteWriter, tmp_path: Path, mode: int
) -> None:
    """Owned by another user, `en/` could not get its mode back: a folder open to all
    (777) was refused although the build could write in it, and one it cannot write in
    (555) was told as "a file: Operation not permitted", without its path."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    os.chown(out / "en", 65534, 65534)  # nobody
    os.chmod(out / "en", mode)
    (site / "releases/release-000/en.md").write_text(english("release-000") + "More.\n")
    result = _without_root_powers(*build_command(site, out))
    if mode == 0o777:
        assert result.returncode == 0, result.stderr
    else:
        assert_sentence(result, f"{out / 'en'}: ")


def test_an_output_folder_another_user_owns_and_closed_is_named_not_its_first_file(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The folder refused the new files, and the sentence named the first of them (h98)."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    config = site / "pressgen.toml"  # a new title: the page at the root changes too
    config.write_text(config.read_text("utf-8").replace("Example Newsroom", "Newsroom"))
    os.chown(out, 65534, 65534)  # nobody
    os.chmod(out, 0o555)
    result = _without_root_powers(*build_command(site, out))
    assert_sentence(result, f"pressgen: {out}: Permission denied. Give")
    os.chown(out, os.getuid(), os.getgid())
    os.chmod(out, 0o755)
    os.chown(out / "en", 65534, 65534)  # a new release needs a folder there (h100)
    (site / "releases/release-new").mkdir()
    (site / "releases/release-new/release.yaml").write_text(release_yaml())
    (site / "releases/release-new/en.md").write_text(english("release-new"))
    result = _without_root_powers(*build_command(site, out))
    assert_sentence(result, f"pressgen: {out / 'en'}: Permission denied. Give")


def test_an_output_folder_the_user_may_not_read_is_told_as_such_not_as_a_usage_error(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """click refused it before the build began: exit 2, the command's usage, "is not
    readable" (h101); a folder it cannot write in was told with a sentence (exit 1)."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    os.chown(out, 65534, 65534)  # nobody
    os.chmod(out, 0o000)
    result = _without_root_powers(*build_command(site, out))
    assert "Usage:" not in result.stderr
    assert_sentence(result, f"pressgen: {out}: Permission denied. Give")


def test_a_site_gitignore_the_user_may_not_write_in_is_fine_when_it_holds_the_entry(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The .gitignore is opened as a plain file (a link there was written through, h101):
    only for reading first, so that one that already keeps the previews out of git does
    not need the right to write."""
    site = newsroom(make_site)
    ignore = site / ".gitignore"
    ignore.write_text("# pressgen preview: releases under embargo\n/pv/\n", encoding="utf-8")
    secret = site / ".pressgen-preview"
    secret.mkdir()
    (secret / "secret").write_text("0123456789abcdef" * 4 + "\n")
    os.chown(ignore, 65534, 65534)  # nobody
    os.chmod(ignore, 0o444)
    result = _without_root_powers(*PREVIEW, "--site", site, "--out", site / "pv", *NOW_OPTION)
    assert result.returncode == 0, result.stderr
    os.chmod(ignore, 0o644)
    ignore.write_text("pv/\n", encoding="utf-8")  # the same folder, written another way
    os.chmod(ignore, 0o444)
    result = _without_root_powers(*PREVIEW, "--site", site, "--out", site / "pv", *NOW_OPTION)
    assert result.returncode == 0, result.stderr
    result = _without_root_powers(*PREVIEW, "--site", site, "--out", site / "p2", *NOW_OPTION)
    assert_sentence(result, "pressgen may not write in it: add the line /p2/ to it")


def test_a_secret_folder_the_user_may_not_write_in_asks_for_that_right(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Its .gitignore could not be written, and the sentence asked for the right to read."""
    site = newsroom(make_site)
    folder = site / ".pressgen-preview"
    folder.mkdir()
    (folder / "secret").write_text("short\n")  # to be made anew
    os.chown(folder, 65534, 65534)  # nobody
    os.chmod(folder, 0o555)
    result = _without_root_powers(*PREVIEW, "--site", site, "--out", tmp_path / "pv", *NOW_OPTION)
    assert_sentence(result, "Give your user the right to read and write it")


@pytest.mark.parametrize("mode", [0o000, 0o100, 0o300])
def test_a_folder_of_the_output_its_owner_made_unreadable_gets_its_mode_back(
    make_site: SiteWriter, tmp_path: Path, mode: int
) -> None:
    """`chmod 000 public/fr` by its owner, who may give the mode back: the build said
    "Permission denied" at every run, where `chmod 700` was mended."""
    site = newsroom(make_site)
    out = tmp_path / "work" / "public"
    build(site, out, NOW)
    os.chmod(out / "fr", mode)
    result = _without_root_powers(*build_command(site, out))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((out / "fr").stat().st_mode) == 0o777 & ~process_umask()
    assert_same_tree(out, full_build(site, tmp_path / "full"))


@pytest.mark.parametrize(
    ("name", "shown", "problem"),
    [
        (b"releases/release-000/photo\xe9.jpg", "photo\ufffd.jpg", "not written in UTF-8"),
        (b"releases/r\xff", "releases/r\ufffd", "not written in UTF-8"),
        (b"templates/page\xe9.html", "templates/page\ufffd.html", "not written in UTF-8"),
        (b"releases/release-000/new\nline.jpg", "new", "holds a control character"),
    ],
)
def test_a_name_not_in_utf8_or_holding_a_line_break_is_a_problem(
    make_site: SiteWriter, tmp_path: Path, name: bytes, shown: str, problem: str
) -> None:
    """A Latin-1 name from an old zip stopped every command with exit 3 (h81); a name with
    a line break was published under media/."""
    site = newsroom(make_site)
    path = os.path.join(os.fsencode(site), name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if name.startswith(b"releases/r\xff"):
        os.mkdir(path)
    else:
        with open(path, "wb") as file:
            file.write(b"x")
    out = tmp_path / "public"
    for command in (build_command(site, out), ["check", "--site", site]):
        result = pressgen(*command)
        assert result.returncode == 1, (command, result.stdout + result.stderr)
        assert problem in result.stderr and shown in result.stderr, result.stderr
    assert not out.exists()


def test_the_icon_file_macos_leaves_in_a_folder_is_not_the_sites(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Finder writes `Icon` and a carriage return beside a folder given a custom icon: a
    name with a control character, which stopped the whole site (h82)."""
    site = newsroom(make_site)
    (site / "releases" / "release-000" / "Icon\r").write_bytes(b"")
    out = tmp_path / "public"
    result = pressgen(*build_command(site, out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not [path for path in out.rglob("*") if "Icon" in path.name]
