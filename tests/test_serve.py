"""`pressgen serve`: builds or error pages, the HTTP server, and rebuilds on save."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner

import pressgen.cli  # noqa: F401  (first: serve.py imports from cli.py, which registers serve)
from pressgen import serve_watch as serve_module
from pressgen.livereload import SCRIPT_PATH, VERSION_PATH, Generation, script_tag
from pressgen.serve import (
    Watch,
    build_or_error_page,
    error_page_path,
    serve,
    serve_folder,
    watch_and_rebuild,
)
from pressgen.watching import is_ignored

from .conftest import ENGLISH, NOW, RELEASE_YAML, SiteWriter

TIMEOUT = 10  # seconds: a bound so that a broken test fails instead of hanging

# Both values quote markup the author typed: the page must show it, never run it.
BAD_TYPE = RELEASE_YAML.replace("type: press-release", "type: <script>alert(1)</script>")
DRAFT_YAML = RELEASE_YAML.replace("status: published", "status: draft")
BAD_FIELD = "---\ntitle: A title\ndateline: Geneva\n<script>title</script>: x\n---\nBody.\n"


def _broken(make_site: SiteWriter) -> Path:
    return make_site(
        {
            "releases/first-release/release.yaml": BAD_TYPE,
            "releases/first-release/en.md": BAD_FIELD,
        }
    )


def test_a_valid_site_is_built_and_reported(make_site: SiteWriter, tmp_path: Path) -> None:
    out = tmp_path / "serve" / "site"
    status = build_or_error_page(make_site(), out, NOW).line
    assert status.startswith("Rebuilt in ") and status.endswith(" s")
    assert (out / "en" / "first-release" / "index.html").is_file()
    assert not error_page_path(out).exists()


def test_a_broken_site_gets_an_escaped_error_page(make_site: SiteWriter, tmp_path: Path) -> None:
    out = tmp_path / "serve" / "site"
    status = build_or_error_page(_broken(make_site), out, NOW).line
    assert status.startswith("2 problems: releases/first-release/en.md:4: ")
    assert status.endswith("(and 1 more, listed in the page)")
    assert not out.exists()
    source = error_page_path(out).read_text(encoding="utf-8")
    assert "<script>" not in source
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
    page = lxml.html.fromstring(source)
    assert page.get("lang") == "en"
    # no /favicon.ico asked of the server at each reload, and logged as not found (h102)
    assert page.xpath("//link[@rel='icon']/@href") == ["data:,"]
    lines = [item.text_content() for item in page.iter("li")]
    assert [line.split(": ", 1)[0] for line in lines] == [
        "releases/first-release/en.md:4",
        "releases/first-release/release.yaml:2",
    ]
    assert "unknown field '<script>title</script>'" in lines[0]
    assert "unknown type '<script>alert(1)</script>'" in lines[1]


def test_a_fixed_site_replaces_the_error_page(make_site: SiteWriter, tmp_path: Path) -> None:
    out = tmp_path / "serve" / "site"
    site = _broken(make_site)
    build_or_error_page(site, out, NOW)
    make_site()  # writes the default, valid release again
    assert build_or_error_page(site, out, NOW).line.startswith("Rebuilt in ")
    assert not error_page_path(out).exists()
    assert (out / "index.html").is_file()


def test_an_internal_error_is_one_line_in_the_page(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing_build(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom <b>")

    monkeypatch.setattr(serve_module, "build", failing_build)
    out = tmp_path / "serve" / "site"
    status = build_or_error_page(make_site(), out, NOW).line
    assert status.startswith("internal error (RuntimeError: boom <b>). This is a bug in pressgen")
    page = lxml.html.fromstring(error_page_path(out).read_text(encoding="utf-8"))
    assert [item.text_content() for item in page.iter("li")] == [status]


@contextmanager
def _running(out: Path, generation: Generation | None = None) -> Iterator[str]:
    """A real server for `out` on an ephemeral loopback port; yields its base URL."""
    server: ThreadingHTTPServer = serve_folder(out, "127.0.0.1", 0, generation)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(TIMEOUT)
        assert not thread.is_alive()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def _reload_scripts(page: bytes) -> list[str]:
    """The generations named by the reload script tags of a page."""
    tree = lxml.html.fromstring(page)
    return [
        script.get("data-generation", "")
        for script in tree.iter("script")
        if script.get("src") == SCRIPT_PATH
    ]


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError])
def test_a_browser_that_leaves_mid_answer_prints_no_traceback(
    error: type[OSError], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A browser drops requests it no longer needs (a page left before its pictures came):
    nothing is wrong, so the console keeps its one line per rebuild."""
    server = serve_folder(tmp_path, "127.0.0.1", 0)
    try:
        try:
            raise error(32, "the browser left")
        except OSError:
            server.handle_error(None, ("127.0.0.1", 1))  # type: ignore[arg-type]
        try:
            raise ValueError("a real fault")
        except ValueError:
            server.handle_error(None, ("127.0.0.1", 1))  # type: ignore[arg-type]
    finally:
        server.server_close()
    err = capsys.readouterr().err
    assert "the browser left" not in err and "a real fault" in err


def test_the_server_serves_the_build_with_the_reload_script(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    out = tmp_path / "serve" / "site"
    build_or_error_page(make_site(), out, NOW)
    generation = Generation()
    generation.bump()
    with _running(out, generation) as url:
        for address, file in (
            ("/", "index.html"),
            ("/en/first-release/", "en/first-release/index.html"),
        ):
            on_disk = (out / file).read_bytes()
            status, served = _get(url + address)
            assert status == 200
            assert _reload_scripts(served) == ["1"]
            assert _reload_scripts(on_disk) == []  # built output never reloads
            assert b"__pressgen" not in on_disk
            assert served.replace(script_tag(1), b"") == on_disk
        stylesheet = next(out.rglob("*.css")).relative_to(out).as_posix()
        assert _get(f"{url}/{stylesheet}") == (200, (out / stylesheet).read_bytes())
        assert _get(f"{url}/no-such-page.html")[0] == 404
        status, script = _get(url + SCRIPT_PATH)
        assert status == 200 and b"location.reload()" in script
        assert _get(url + VERSION_PATH) == (200, b"1")


def test_a_page_not_found_is_one_plain_line_on_the_console(
    make_site: SiteWriter, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """http.server's own words ('code 404, message File not found') meant nothing to a
    press officer watching `pressgen serve`."""
    out = tmp_path / "serve" / "site"
    build_or_error_page(make_site(), out, NOW)
    with _running(out, Generation()) as url:
        assert _get(f"{url}/en/no-such-release/")[0] == 404
    err = capfd.readouterr().err
    assert "code 404" not in err
    assert "not found: /en/no-such-release/ (no such page in this build)" in err


def test_an_address_not_built_is_a_page_that_reloads_never_a_listing(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A release folder being written holds its PDF before its page: Python's listing of
    the folder was sent, with no reload script, and the browser stayed on it. A page that
    vanished (its language deleted) was a bare error that never reloaded either."""
    out = tmp_path / "serve" / "site"
    build_or_error_page(make_site(), out, NOW)
    (out / "en" / "being-built").mkdir()
    (out / "en" / "being-built" / "being-built.en.pdf").write_bytes(b"%PDF-")
    with _running(out, Generation()) as url:
        for address in ("/en/being-built/", "/fr/first-release/", "/en/gone.html"):
            status, served = _get(url + address)
            assert status == 404, address
            assert b"Directory listing" not in served and b".pdf" not in served
            assert _reload_scripts(served) == ["0"], address
            assert f"Not in this build: {address}".encode() in served
        assert _get(url + "/en/first-release")[0] == 200  # sent on to the folder's page
        assert _get(url + "/en/being-built/being-built.en.pdf")[0] == 200


def test_the_search_page_of_a_preview_says_where_search_is(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A preview indexes nothing (drafts and embargoed releases must never be searchable):
    its search address said only "Not in this build", and the author was left to guess."""
    out = tmp_path / "serve" / "site"
    build_or_error_page(make_site(), out, NOW, preview=True)
    with _running(out, Generation()) as url:
        status, served = _get(url + "/fr/search/")
        elsewhere = _get(url + "/fr/no-such-release/")[1]
    assert status == 404
    assert b"pressgen serve --public" in served
    assert b"--public" not in elsewhere


def test_a_draft_with_problems_is_left_out_of_the_preview_not_the_rest(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A colleague's half-written draft blanked every page of the preview with its problem;
    a build leaves it out, and so does the preview: its problem is said once on the console,
    and on the page of its address."""
    broken = DRAFT_YAML.replace("date: 2024-05-01T10:00:00+02:00", "date: tomorrow")
    site = make_site(
        {
            "releases/half-written/release.yaml": broken,
            "releases/half-written/en.md": ENGLISH,
        }
    )
    out = tmp_path / "serve" / "site"
    first = build_or_error_page(site, out, NOW, preview=True)
    assert first.line.startswith("Rebuilt in ")
    assert "warning: releases/half-written/release.yaml:1: date: " in first.line
    assert "Rebuilt in " in (again := build_or_error_page(site, out, NOW, preview=True).line)
    assert "warning" not in again  # said once
    with _running(out, Generation()) as url:
        assert _get(url + "/en/first-release/")[0] == 200
        status, served = _get(url + "/en/half-written/")
        elsewhere = _get(url + "/en/no-such-release/")[1]
    assert status == 404
    assert b"releases/half-written/release.yaml:1: date: " in served
    assert b"half-written" not in elsewhere  # each address, its own release's problems
    # `--public` may be open to the network: a draft's problems are not shown there
    public = serve_folder(out, "127.0.0.1", 0, Generation(), author=False)
    thread = threading.Thread(target=public.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        status, served = _get(f"http://127.0.0.1:{public.server_address[1]}/en/half-written/")
    finally:
        public.shutdown()
        public.server_close()
    assert status == 404 and b"Not in this build" in served and b"date" not in served


def test_the_server_shows_problems_in_place_of_pages(make_site: SiteWriter, tmp_path: Path) -> None:
    out = tmp_path / "serve" / "site"
    site = make_site()
    build_or_error_page(site, out, NOW)
    _broken(make_site)
    build_or_error_page(site, out, NOW)
    problems = error_page_path(out).read_bytes()
    with _running(out) as url:
        for address in ("/", "/en/first-release/"):
            status, served = _get(url + address)
            assert status == 500
            assert served.replace(script_tag(0), b"") == problems  # fixed, it reloads itself
        stylesheet = next(out.rglob("*.css")).relative_to(out).as_posix()
        assert _get(f"{url}/{stylesheet}")[0] == 200  # the last good build stays behind it


def test_a_draft_is_shown_under_its_banner_unless_public(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site({"releases/first-release/release.yaml": DRAFT_YAML})
    author, public = tmp_path / "author" / "site", tmp_path / "public" / "site"
    build_or_error_page(site, author, NOW, preview=True)
    build_or_error_page(site, public, NOW)
    with _running(author) as url:
        status, served = _get(f"{url}/en/first-release/")
    assert status == 200
    page = lxml.html.fromstring(served)
    assert [b.text_content() for b in page.find_class("banner")] == ["DRAFT – NOT FOR PUBLICATION"]
    assert page.findtext(".//h1") == "A headline in English"
    with _running(public) as url:
        assert _get(f"{url}/en/first-release/")[0] == 404


@pytest.mark.parametrize(
    ("relative", "ignored"),
    [
        ("releases/first-release/en.md", False),
        ("releases/public/en.md", False),  # a release may be called `public`
        ("pressgen.toml", False),
        ("public/index.html", True),
        ("preview/index.html", True),
        (".public.pressgen-new/index.html", True),
        (".pressgen-cache/models.pickle", True),
        (".git/index", True),
        ("templates/__pycache__/x.pyc", True),
    ],
)
def test_outputs_and_tools_are_not_watched(relative: str, ignored: bool, tmp_path: Path) -> None:
    site, out = tmp_path / "site", tmp_path / "serve" / "site"
    assert is_ignored(site / relative, site, out) is ignored
    assert is_ignored(out / "en" / "index.html", site, out)


def test_saving_a_file_rebuilds(make_site: SiteWriter, tmp_path: Path) -> None:
    site = make_site()
    out = tmp_path / "serve" / "site"
    yaml = site / "releases" / "first-release" / "release.yaml"
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_and_rebuild,
        args=(site, out, Watch(NOW, False, Generation()), stop, lines.put),
        daemon=True,
    )
    watcher.start()
    try:
        # The watcher reports no readiness: save until it sees a save (usually the first).
        for _ in range(2 * TIMEOUT):
            yaml.write_text(BAD_TYPE, encoding="utf-8")
            try:
                assert lines.get(timeout=0.5).startswith("1 problem: ")
                break
            except queue.Empty:
                continue
        else:
            pytest.fail("no rebuild after saving a file")
        yaml.write_text(RELEASE_YAML, encoding="utf-8")
        while not (status := lines.get(timeout=TIMEOUT)).startswith("Rebuilt in "):
            assert status.startswith("1 problem: ")  # a later save of the broken file
        assert (out / "en" / "first-release" / "index.html").is_file()
    finally:
        stop.set()
        watcher.join(TIMEOUT)
    assert not watcher.is_alive()


def test_serve_without_watchfiles_says_how_to_install_it(
    make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "watchfiles", None)  # as if it were not installed
    result = CliRunner().invoke(serve, ["--site", str(make_site())])
    assert result.exit_code == 1
    assert "pressgen serve needs watchfiles: in pressgen's folder, run" in result.output
    assert ".venv/bin/pip install -e '.[serve]'" in result.output


def test_serve_refuses_an_instant_without_offset(make_site: SiteWriter) -> None:
    result = CliRunner().invoke(serve, ["--site", str(make_site()), "--now", "2024-05-01T10:00"])
    assert result.exit_code == 2
    assert "has no UTC offset" in result.output


def test_serve_in_a_folder_that_is_no_site_stops_as_build_does(tmp_path: Path) -> None:
    """`serve --site /tmp` listed the missing settings, then served and watched all of /tmp."""
    result = CliRunner().invoke(serve, ["--site", str(tmp_path), "--port", "0"])
    assert result.exit_code == 1
    assert "pressgen.toml: is missing in" in result.output
    assert "Serving" not in result.output


@pytest.mark.parametrize(
    ("sent", "nohup"), [(signal.SIGTERM, False), (signal.SIGHUP, False), (signal.SIGHUP, True)]
)
def test_a_stopped_serve_removes_its_folder(
    make_site: SiteWriter, tmp_path: Path, sent: signal.Signals, nohup: bool
) -> None:
    """Stopped by `kill`, systemd or Docker (SIGTERM) or by closing its terminal (SIGHUP),
    serve cleans up as after Ctrl-C: its temporary folder, drafts and embargoed releases
    included, is removed, and the next build's cache forgets it. Started under `nohup`
    (SIGHUP ignored), it keeps running when its terminal closes."""
    site = make_site({"releases/first-release/release.yaml": DRAFT_YAML})
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "pressgen", "serve", "--site", str(site)]
    process = subprocess.Popen(
        [*command, "--port", "0", "--no-watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "TMPDIR": str(scratch)},
        preexec_fn=(lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) if nohup else None,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        assert lines[-1].startswith("Serving http://"), lines
        assert [p.name[:15] for p in scratch.iterdir()] == ["pressgen-serve-"]
        process.send_signal(sent)
        if nohup:
            with pytest.raises(subprocess.TimeoutExpired):
                process.wait(1.0)  # still serving
            process.send_signal(signal.SIGTERM)
        assert process.wait(TIMEOUT) == 0
        assert process.stdout.read().strip() == "Stopped."
    finally:
        process.kill()
    assert not list(scratch.iterdir())


def test_what_a_serve_killed_with_kill_9_left_is_removed_by_the_next_build(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A serve killed outright cannot clean up: its folder, drafts and embargoed releases
    in it, stayed in the temporary folder for good. The next build removes it."""
    site = make_site({"releases/first-release/release.yaml": DRAFT_YAML})
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    environment = {**os.environ, "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "pressgen", "serve", "--site", str(site)]
    process = subprocess.Popen(
        [*command, "--port", "0", "--no-watch"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
    )
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]
        assert lines[-1].startswith("Serving http://"), lines
    finally:
        process.kill()
        process.wait(TIMEOUT)
    assert len(list(scratch.iterdir())) == 1  # left behind
    build = [sys.executable, "-m", "pressgen", "build", "--site", str(site)]
    out = tmp_path / "public"
    subprocess.run([*build, "--out", str(out)], env=environment, check=True, capture_output=True)
    assert list(scratch.iterdir()) == []
    # the usual next build has nothing to do: it removes what was left all the same
    (scratch / f"pressgen-serve-{process.pid}-left").mkdir()
    done = subprocess.run([*build, "--out", str(out)], env=environment, capture_output=True)
    assert done.returncode == 0 and "0 changed" in done.stdout.decode(), done.stdout
    assert list(scratch.iterdir()) == []


def test_the_first_build_runs_on_every_core_and_rebuilds_in_one_process(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A press officer previewing a decades-long archive waits for the first build, which
    renders it all: it uses the machine's cores. Rebuilds after a save run while the server
    answers from other threads, where forking workers is unsafe: one process."""
    import pressgen.serve as serving
    import pressgen.serve_watch as rebuilding

    used: list[int] = []
    real_build = rebuilding.build

    def counting(*args: Any, jobs: int = 1, **options: Any) -> Any:
        used.append(jobs)
        return real_build(*args, jobs=jobs, **options)

    monkeypatch.setattr(rebuilding, "build", counting)
    monkeypatch.setattr(serving, "cores", lambda: 2)
    monkeypatch.setattr(serving, "_serve_until_interrupted", lambda server: None)
    site, out = make_site(), tmp_path / "out"
    serving._serve_into(out, site, "127.0.0.1", 0, Watch(NOW, True, Generation()), True)
    stop = threading.Event()
    monkeypatch.setattr(rebuilding, "input_changes", lambda *args: iter([{"en.md"}]))
    watch_and_rebuild(site, out, Watch(NOW, True, Generation()), stop, lambda line: None)
    assert used == [2, 1]


@pytest.mark.parametrize("preview", [True, False], ids=["author", "public"])
def test_an_embargo_that_passes_while_serving_is_lifted_without_a_save(
    make_site: SiteWriter, tmp_path: Path, preview: bool
) -> None:
    """An author watching the preview at the embargo instant sees the banner go (with
    `--public`, the page come): the preview is rebuilt then, as `publish --watch` publishes,
    not at the next save."""
    from datetime import UTC, datetime, timedelta

    lift = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    yaml = RELEASE_YAML + f"embargo: {lift.isoformat()}\n"
    site = make_site({"releases/first-release/release.yaml": yaml})
    out = tmp_path / "serve" / "site"
    page = out / "en" / "first-release" / "index.html"
    first = build_or_error_page(site, out, datetime.now(UTC), preview=preview)
    assert first.upcoming == lift
    if preview:
        assert lxml.html.parse(str(page)).getroot().find_class("banner")
    else:
        assert not page.exists()
    generation = Generation()
    shown = generation.value
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    watch = Watch(None, preview, generation)
    watcher = threading.Thread(
        target=watch_and_rebuild, args=(site, out, watch, stop, lines.put, lift), daemon=True
    )
    watcher.start()
    try:
        assert lines.get(timeout=TIMEOUT).startswith("Rebuilt in ")
        assert datetime.now(UTC) >= lift
        assert not lxml.html.parse(str(page)).getroot().find_class("banner")
        assert generation.value > shown  # open pages reload
    finally:
        stop.set()
        watcher.join(TIMEOUT)
    assert not watcher.is_alive()


def test_serving_on_every_address_names_addresses_a_browser_can_open() -> None:
    """ "Serving http://0.0.0.0:8758/" is an address no phone can open."""
    from pressgen.serve import addresses

    assert addresses("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    shown = addresses("0.0.0.0", 8758)
    assert shown.startswith("http://127.0.0.1:8758/, from another device http://")
    assert "0.0.0.0" not in shown


def test_waiting_for_an_instant_centuries_ahead_or_past_is_no_error() -> None:
    """A release dated 2999 (the last year a date may have) is further ahead than a thread
    may wait at once; one whose instant has passed is due at once."""
    from datetime import UTC, datetime

    from pressgen.serve_watch import _next_wake

    saves: queue.Queue[bool] = queue.Queue()
    threading.Timer(0.2, saves.put, (True,)).start()
    assert _next_wake(saves, datetime(2999, 12, 31, tzinfo=UTC)) is True  # the save wakes it
    assert _next_wake(saves, datetime(2000, 1, 1, tzinfo=UTC)) is True  # due
    saves.put(False)
    assert _next_wake(saves, datetime(2999, 12, 31, tzinfo=UTC)) is False  # watching ended


def test_saves_made_during_a_build_make_one_rebuild() -> None:
    """watchfiles had gathered them into one batch while a build ran; noted one by one, each
    batch would make a rebuild of its own."""
    from pressgen.serve_watch import _next_wake

    saves: queue.Queue[bool] = queue.Queue()
    for _ in range(3):
        saves.put(True)
    assert _next_wake(saves, None) is True
    assert saves.empty()
    saves.put(True)
    saves.put(False)  # watching ended behind the save: that save still rebuilds, then stop
    assert _next_wake(saves, None) is True
    assert _next_wake(saves, None) is False


def test_watching_that_fails_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The site folder moved away: the pages are no longer rebuilt, and the console says it
    (a traceback in a thread had been all)."""
    import pressgen.serve_watch as rebuilding

    def failing(*args: Any) -> Iterator[set[str]]:
        yield {"en.md"}
        raise FileNotFoundError(2, "No such file or directory")

    monkeypatch.setattr(rebuilding, "input_changes", failing)
    saves: queue.Queue[bool] = queue.Queue()
    rebuilding._note_saves(tmp_path, tmp_path / "out", threading.Event(), saves)
    assert [saves.get_nowait(), saves.get_nowait()] == [True, False]
    assert "stopped (FileNotFoundError" in capsys.readouterr().err
