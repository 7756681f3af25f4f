"""The HTML part of the Arabic and Chinese messages, looked at in headless Chromium: direction,
text, and a layout that fits a phone. Screenshots go to tmp/artifacts/ (not in git)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import PROJECT
from .mailsite import RELEASE, TITLES, Received, write_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = PROJECT / "tmp" / "artifacts"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "playwright not found: pip install -e '.[test]' (it drives the system Chromium)"
        )
    if not shutil.which(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="module")
def previews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dry run's messages (the same bytes --send sends, the Date apart)."""
    root = tmp_path_factory.mktemp("mail-browser")
    site = write_site(root, 25)
    out = root / "eml"
    result = CliRunner().invoke(
        main,
        [
            "mail",
            RELEASE,
            "--list",
            "journalists",
            "--dry-run",
            "--out",
            str(out),
            "--now",
            "2026-01-01T00:00:00Z",
            "--site",
            str(site),
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("address", "lang", "direction"),
    [("ali@example.org", "ar", "rtl"), ("li@example.org", "zh", "ltr")],
)
def test_html_part_in_chromium(
    browser: Any, previews: Path, tmp_path: Path, address: str, lang: str, direction: str
) -> None:
    message = Received(address, (previews / f"{address}.eml").read_bytes()).message
    html = message.get_body(("html",))
    assert html is not None
    page_file = tmp_path / f"mail-{lang}.html"
    page_file.write_text(html.get_content(), encoding="utf-8")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    page.goto(page_file.as_uri())
    content = page.locator("table[dir]").nth(1)
    assert content.evaluate("e => getComputedStyle(e).direction") == direction
    assert page.evaluate("document.documentElement.lang") == lang
    heading = page.locator("h1")
    assert heading.inner_text() == TITLES[lang]
    assert heading.evaluate("e => getComputedStyle(e).textAlign") in (
        "right" if direction == "rtl" else "left",
        "start",
    )
    # the layout fits a phone: nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator("script").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"mail-{lang}.png"), full_page=True)
    page.set_viewport_size({"width": 800, "height": 900})
    page.screenshot(path=str(ARTIFACTS / f"mail-{lang}-desktop.png"), full_page=True)
    page.close()
