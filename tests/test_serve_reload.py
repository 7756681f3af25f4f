"""`pressgen serve` for authors: a save rebuilds, moves the generation, and the open page
reloads by itself (in a real browser)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import pressgen.cli  # noqa: F401  (first: serve.py imports from cli.py, which registers serve)
from pressgen import serve as serve_module
from pressgen.livereload import VERSION_PATH, Generation
from pressgen.serve import Watch, build_or_error_page, serve, watch_and_rebuild

from .conftest import ENGLISH, NOW, SiteWriter
from .test_search import BROWSER_ARGS, CHROMIUM
from .test_serve import TIMEOUT, _get, _running

NEW_TITLE = "A corrected headline"


@contextmanager
def _watching(site: Path, out: Path, watch: Watch) -> Iterator[queue.Queue[str]]:
    """The rebuilding thread, seen to react to a save before the test begins; yields the
    queue of its console lines."""
    lines: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    watcher = threading.Thread(
        target=watch_and_rebuild, args=(site, out, watch, stop, lines.put), daemon=True
    )
    watcher.start()
    english = site / "releases" / "first-release" / "en.md"
    try:
        for _ in range(2 * TIMEOUT):  # the watcher reports no readiness: save until it sees one
            english.write_text(ENGLISH, encoding="utf-8")  # the same bytes: nothing to rebuild
            try:
                lines.get(timeout=0.5)
                break
            except queue.Empty:
                continue
        else:
            pytest.fail("no rebuild after saving a file")
        _drain(lines)
        yield lines
    finally:
        stop.set()
        watcher.join(TIMEOUT)
    assert not watcher.is_alive()


def _drain(lines: queue.Queue[str]) -> None:
    """Wait until the rebuilds of earlier saves are over."""
    while True:
        try:
            lines.get(timeout=1)
        except queue.Empty:
            return


def _retitle(site: Path) -> None:
    english = site / "releases" / "first-release" / "en.md"
    english.write_text(ENGLISH.replace("A headline in English", NEW_TITLE), encoding="utf-8")


def test_a_save_moves_the_generation_and_a_no_op_save_does_not(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site, out = make_site(), tmp_path / "serve" / "site"
    generation = Generation()
    build_or_error_page(site, out, NOW, preview=True)
    generation.bump()
    with (
        _watching(site, out, Watch(NOW, True, generation)) as lines,
        _running(out, generation) as url,
    ):
        before = generation.value
        assert _get(url + VERSION_PATH) == (200, str(before).encode())
        _retitle(site)
        assert lines.get(timeout=TIMEOUT).startswith("Rebuilt in ")
        _drain(lines)
        assert generation.value > before
        assert _get(url + VERSION_PATH) == (200, str(generation.value).encode())
        after = generation.value
        _retitle(site)  # saved again, unchanged: the pages stay as they are
        assert lines.get(timeout=TIMEOUT).startswith("Rebuilt in ")
        _drain(lines)
        assert generation.value == after


def test_a_page_reloads_itself_after_a_save(make_site: SiteWriter, tmp_path: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "playwright not found: pip install -e '.[test]' (it drives the system Chromium)"
        )
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    site, out = make_site(), tmp_path / "serve" / "site"
    generation = Generation()
    build_or_error_page(site, out, NOW, preview=True)
    generation.bump()
    with (
        _watching(site, out, Watch(NOW, True, generation)) as lines,
        _running(out, generation) as url,
        sync_playwright() as play,
    ):
        browser = play.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{url}/en/first-release/")
            assert page.text_content("h1") == "A headline in English"
            page.evaluate("window.notReloaded = true")  # gone once the page loads again
            _retitle(site)
            assert lines.get(timeout=TIMEOUT).startswith("Rebuilt in ")
            page.wait_for_function(
                f"() => document.querySelector('h1').textContent === '{NEW_TITLE}'",
                timeout=TIMEOUT * 1000,
            )
            assert page.evaluate("window.notReloaded === undefined")
        finally:
            browser.close()


@pytest.mark.parametrize(("options", "warned"), [([], True), (["--public"], False)])
def test_serve_warns_when_drafts_are_shown_beyond_this_computer(
    make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, options: list[str], warned: bool
) -> None:
    monkeypatch.setattr(serve_module, "_serve_until_interrupted", lambda *args: None)
    arguments = ["--site", str(make_site()), "--host", "0.0.0.0", "--port", "0", "--no-watch"]
    result = CliRunner().invoke(serve, arguments + options)
    assert result.exit_code == 0, result.output
    warning = "warning: drafts and embargoed releases are visible to anyone who can reach"
    assert (warning in result.output) is warned
    assert ("drafts and embargoed releases included; Ctrl-C" in result.output) is warned
