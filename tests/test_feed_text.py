"""Feeds keep text as text: a title, summary, site title or topic label holding "<b>",
"</script><script>", "&amp;" or quotes reaches every reader as those characters, never as
markup; checked with feedparser, an XML parser, and the W3C Feed Validation Service's code."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest

from pressgen.engine import build

from .conftest import PROJECT, RELEASE_YAML, SiteWriter

# beside the project as CI lays it out, or where PRESSGEN_CHECKERS says (a worktree elsewhere)
CHECKERS = Path(os.environ.get("PRESSGEN_CHECKERS", PROJECT.parent / "shared" / "checkers"))
VALIDATE_FEEDS = CHECKERS / "validate-feeds"
HOSTILE = [
    "<b>Bold</b> & \"quoted\" 'single'",
    "</script><script>alert(1)</script>",
    "Tom &amp; Jerry &lt;3",
    "a < b > c & d",
]
# text that looks like HTML only by its entities or angle brackets, without a closing tag:
# the validator then has nothing to warn about in plain-text elements
TAG_FREE = ["Tom &amp; Jerry &lt;3", 'a < b > c & d "e"']


def hostile_site(make_site: SiteWriter, text: str) -> Path:
    quoted = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    config = f"""\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en"]

[site.title]
en = {quoted}

[topics]
health = {quoted}
"""
    english = (
        f"---\ntitle: {quoted}\ndateline: Geneva\nsummary: {quoted}\n---\nBody with <b>bold</b>.\n"
    )
    files = {
        "releases/first-release/release.yaml": RELEASE_YAML + "topics: [health]\n",
        "releases/first-release/en.md": english,
        "locales/fr/LC_MESSAGES/messages.po": "",
    }
    return make_site(files, config=config)


def built(make_site: SiteWriter, tmp_path: Path, text: str) -> Path:
    out = tmp_path / "out"
    build(hostile_site(make_site, text), out, datetime(2025, 1, 1, tzinfo=UTC))
    return out / "en"


def html_text(fragment: str) -> str:
    """What a reader shows of an HTML fragment."""
    return str(lxml.html.fragment_fromstring(fragment, create_parent="div").text_content())


@pytest.mark.parametrize("text", HOSTILE)
def test_feedparser_reads_hostile_text_as_written(
    make_site: SiteWriter, tmp_path: Path, text: str
) -> None:
    out = built(make_site, tmp_path, text)
    for name in ("rss.xml", "atom.xml", "topics/health/rss.xml", "topics/health/atom.xml"):
        feed = feedparser.parse((out / name).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        entry = feed.entries[0]
        assert entry.title == text
        assert text in [tag.term for tag in entry.tags]
        subtitle = feed.feed.subtitle
        if feed.feed.subtitle_detail.type == "text/html":
            subtitle = html_text(subtitle)
        assert subtitle == f"Press releases – {text}"
        if name.endswith("rss.xml"):
            assert entry.summary_detail.type == "text/html"
            assert html_text(entry.summary) == text  # the summary's HTML shows the text
        content = entry.content[0].value
        assert "<script" not in content and "<b>bold</b>" in content
    assert feedparser.parse((out / "atom.xml").read_bytes()).feed.title == text
    assert feedparser.parse((out / "rss.xml").read_bytes()).feed.title == text


@pytest.mark.parametrize("text", HOSTILE)
def test_an_xml_reader_sees_text_in_titles_and_html_in_descriptions(
    make_site: SiteWriter, tmp_path: Path, text: str
) -> None:
    out = built(make_site, tmp_path, text)
    rss = lxml.etree.fromstring((out / "rss.xml").read_bytes())
    assert rss.findtext("channel/title") == text
    assert rss.findtext("channel/item/title") == text
    assert text in [c.text for c in rss.iterfind("channel/item/category")]
    # <description> holds HTML: parsed as HTML, it is the text, with no element in it
    for path, expected in (
        ("channel/description", f"Press releases – {text}"),
        ("channel/item/description", text),
    ):
        description = rss.findtext(path)
        fragment = lxml.html.fragment_fromstring(description, create_parent="div")
        assert len(fragment) == 0 and fragment.text_content() == expected
    atom = lxml.etree.fromstring((out / "atom.xml").read_bytes())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:title", namespaces=ns) == text
    assert atom.find("a:title", namespaces=ns).get("type") in (None, "text")
    assert atom.findtext("a:entry/a:title", namespaces=ns) == text
    assert atom.findtext("a:author/a:name", namespaces=ns) == text
    data = json.loads((out / "feed.json").read_text(encoding="utf-8"))
    assert data["title"] == text and data["items"][0]["title"] == text
    assert data["items"][0]["summary"] == text and text in data["items"][0]["tags"]


def validate(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    if not VALIDATE_FEEDS.is_file():
        pytest.skip(
            f"W3C feed validator not found: {VALIDATE_FEEDS}; put the shared checkers "
            "beside the project or set PRESSGEN_CHECKERS"
        )
    result = subprocess.run(
        [str(VALIDATE_FEEDS), str(folder), *options], capture_output=True, text=True, timeout=300
    )
    if result.returncode == 2:
        pytest.skip("W3C feed validator could not be set up here:\n" + result.stdout[-500:])
    return result


@pytest.mark.parametrize("text", HOSTILE)
def test_the_w3c_validator_finds_no_error_in_hostile_feeds(
    make_site: SiteWriter, tmp_path: Path, text: str
) -> None:
    result = validate(built(make_site, tmp_path, text))
    assert result.returncode == 0, result.stdout
    assert "(0 errors," in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("text", TAG_FREE)
def test_the_w3c_validator_reads_entities_and_brackets_as_text(
    make_site: SiteWriter, tmp_path: Path, text: str
) -> None:
    """Without --strict-warnings passing, "&amp;" in a title would be flagged as HTML."""
    result = validate(built(make_site, tmp_path, text), "--strict-warnings")
    assert result.returncode == 0, result.stdout
