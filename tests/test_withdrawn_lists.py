"""A region's or topic's list and feeds stay when every release in them is withdrawn: a
subscriber to the region's feed got a "not found" for its address, and a reader following
the list's address a missing page, once its only release was withdrawn (h144); a
language's index and feeds already stayed, saying that none is available at present."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html

from pressgen.engine import build

from .conftest import NOW, SiteWriter

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr"]

[regions]
asia-pacific = "Asia and the Pacific"

[topics]
health = "Migration health"
"""
GONE = (
    "date: 2025-05-01T10:00:00+02:00\ntype: news\noriginal: en\nregions: [asia-pacific]\n"
    "topics: [health]\nstatus: withdrawn\nwithdrawn: 2025-06-01T10:00:00+02:00\n"
)
STAYS = "date: 2025-05-02T10:00:00+02:00\ntype: news\noriginal: en\nstatus: published\n"


@pytest.fixture
def built(make_site: SiteWriter, tmp_path: Path) -> Path:
    site = make_site(
        {
            "releases/gone/release.yaml": GONE,
            "releases/gone/en.md": "---\ntitle: Gone\ndateline: Bangkok\n---\nText.\n",
            "releases/stays/release.yaml": STAYS,
            "releases/stays/en.md": "---\ntitle: Stays\ndateline: Geneva\n---\nText.\n",
            "releases/stays/fr.md": "---\ntitle: Reste\ndateline: Genève\n---\nTexte.\n",
        },
        config=CONFIG,
        with_default_release=False,
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    return out


@pytest.mark.parametrize("scope", ["regions/asia-pacific", "topics/health"])
def test_the_feeds_of_a_list_whose_releases_were_withdrawn_stay_empty(
    built: Path, scope: str
) -> None:
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((built / "en" / scope / name).read_bytes())
        assert not feed.bozo and feed.entries == [], name
        assert feed.feed.link == f"https://news.example.org/en/{scope}/"
    assert json.loads((built / "en" / scope / "feed.json").read_text("utf-8"))["items"] == []
    assert not (built / "fr" / scope).exists()  # never had a release in French


@pytest.mark.parametrize("scope", ["regions/asia-pacific", "topics/health"])
def test_its_page_says_none_is_available_there(built: Path, scope: str) -> None:
    tree = lxml_html.fromstring((built / "en" / scope / "index.html").read_bytes())
    main = " ".join(tree.xpath("string(//main)").split())
    assert "No releases are available here at present." in main
    assert "release" not in tree.xpath("string(//*[@class='list-count'])")


def test_the_index_does_not_offer_it_to_browse(built: Path) -> None:
    page = (built / "en/index.html").read_text("utf-8")
    assert "regions/asia-pacific" not in page and "topics/health" not in page
