"""Feeds read back by feedparser, the parser behind many subscribers' readers."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


@pytest.mark.parametrize("kind", ["rss.xml", "atom.xml"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_feed_carries_the_seed(project_output: Path, lang: str, kind: str) -> None:
    feed = feedparser.parse((project_output / lang / kind).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.language == lang
    assert len(feed.entries) == 1
    entry = feed.entries[0]
    assert entry.link == f"https://newsroom.example.org/{lang}/oim-blt-api-pnr/"
    assert entry.id == f"tag:newsroom.example.org,2021:release:oim-blt-api-pnr:{lang}"
    assert entry.published_parsed[:3] == (2021, 6, 2)
    assert entry.title


def test_feed_dates_come_from_content_not_the_clock(project_output: Path) -> None:
    rss = (project_output / "fr" / "rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Wed, 02 Jun 2021 16:00:00 +0200</lastBuildDate>" in rss


def test_feed_content_links_are_absolute(project_output: Path) -> None:
    feed = feedparser.parse((project_output / "en" / "atom.xml").read_bytes())
    for link in feed.entries[0].links:
        assert link.href.startswith("https://")
