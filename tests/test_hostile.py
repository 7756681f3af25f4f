"""Hostile text in every field: escaped everywhere, sanitised bodies, nothing executable."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import lxml.html

from pressgen.engine import build

from .conftest import SiteWriter

EVIL = "</script><script>alert(1)</script>\"'><img src=x onerror=alert(2)>&amp;"
QUOTED = json.dumps(EVIL)  # a JSON string is a valid YAML double-quoted scalar
HOSTILE_TEXT = (
    f"---\ntitle: {QUOTED}\ndateline: {QUOTED}\nsummary: {QUOTED}\n"
    f"image:\n  caption: {QUOTED}\n  credit: {QUOTED}\n  alt: {QUOTED}\n"
    f'contacts:\n  - name: {QUOTED}\n    email: "o\'hara@example.org"\n    org: {QUOTED}\n'
    "---\n"
    'A paragraph with <script>alert(4)</script> and <b onclick="alert(5)">bold</b>.\n\n'
    '<a href="javascript:alert(6)">a link</a> <iframe src="https://evil.example/"></iframe>\n\n'
    '<object data="x.swf"></object><embed src="y.swf"><form action="/steal"><input></form>\n\n'
    "<table><tr><td>kept</td></tr></table> <figure><figcaption>kept too</figcaption></figure>\n"
)


def test_hostile_text_is_escaped_and_bodies_sanitised(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site({"releases/first-release/en.md": HOSTILE_TEXT})
    out = tmp_path / "out"
    build(site, out, datetime(2025, 1, 1, tzinfo=UTC))
    raw = (out / "en/first-release/index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(raw)
    scripts = tree.xpath("//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"]
    assert json.loads(scripts[0].text)["headline"] == EVIL
    assert not tree.xpath("//@*[starts-with(name(), 'on')]")
    assert not [h for h in tree.xpath("//@href | //@src") if "javascript:" in h.split("mailto:")[0]]
    body = tree.xpath("//div[@class='release-body']")[0]  # the site's own search form aside
    assert not body.xpath(".//iframe | .//object | .//embed | .//form | .//input")
    assert tree.xpath("//td[text()='kept']") and tree.xpath("//figcaption[text()='kept too']")
    assert tree.xpath("string(//h1)") == EVIL
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((out / "en" / name).read_bytes())
        assert not feed.bozo
        assert feed.entries[0].title == EVIL
        content = feed.entries[0].content[0].value
        assert "<script" not in content and "onclick" not in content
        assert "javascript:" not in content
    data = json.loads((out / "en/feed.json").read_text(encoding="utf-8"))
    assert data["items"][0]["title"] == EVIL
    assert "<script" not in data["items"][0]["content_html"]
    text = (out / "en/first-release/first-release.en.txt").read_text(encoding="utf-8")
    assert EVIL in text  # plain text is not HTML: the words stay as written
    assert "<script>alert(4)" not in text


def test_raw_images_are_valid_html_or_words(make_site: SiteWriter, tmp_path: Path) -> None:
    """h87: an `<img>` written without `alt`, once its handler was removed, failed the Nu
    Html Checker and axe ("image-alt"); one whose `data:` address was removed stayed as an
    image with no address. Now the first says nothing (alt=""), the second leaves its
    words."""
    body = (
        'See <img src="https://pictures.example/x.png" onerror="alert(1)"> and '
        '<img alt="a dot" src="data:image/png;base64,AAAA"> here<img src=""><img src=" ">.\n'
    )
    text = "---\ntitle: T\ndateline: D\n---\n" + body
    site = make_site({"releases/first-release/en.md": text})
    out = tmp_path / "out"
    build(site, out, datetime(2025, 1, 1, tzinfo=UTC))
    tree = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    images = tree.xpath("//div[@class='release-body']//img")
    assert [(image.get("src"), image.get("alt")) for image in images] == [
        ("https://pictures.example/x.png", "")
    ]
    assert "See  and a dot here." in tree.xpath("string(//div[@class='release-body'])")


def test_links_the_cleaner_leaves_without_an_address_are_words(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h131: `[x](javascript:…)`, `<a href="data:…">` and `<a name="x">` stayed as `<a
    rel="noopener noreferrer">` with no address: the Nu Html Checker's "missing required
    attribute href", and link-coloured words that lead nowhere, on the page and in feeds."""
    body = (
        'One [script](javascript:alert(1)), two <a href="data:text/html,x">data</a>, '
        'three <a name="x">anchor</a>, four [kept](https://example.org/).\n'
    )
    site = make_site({"releases/first-release/en.md": "---\ntitle: T\ndateline: D\n---\n" + body})
    out = tmp_path / "out"
    build(site, out, datetime(2025, 1, 1, tzinfo=UTC))
    tree = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    body_links = tree.xpath("//div[@class='release-body']//a")
    assert [(a.text, a.get("href")) for a in body_links] == [("kept", "https://example.org/")]
    said = " ".join(tree.xpath("string(//div[@class='release-body'])").split())
    assert said.endswith(" One script, two data, three anchor, four kept.")
    content = feedparser.parse((out / "en/atom.xml").read_bytes()).entries[0].content[0].value
    assert content.count("<a ") == 1 and "anchor" in content
