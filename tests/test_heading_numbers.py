"""A number written in groups in the headline, summary or photo caption of a right-to-left
release reads in the order written, as in its body (tests/test_body_numbers.py): the
headline "لمساعدة 1 200 000 نازح" showed "000 200 1" on the page, in feed readers, in the
plain text and in the PDF, and a phone number "+41 22 717 9111" read "9111 717 22 41+"
(h144)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html

from pressgen.engine import build

from .conftest import NOW, SiteWriter
from .pdftools import poppler
from .sites import png

LRI, PDI = "\u2066", "\u2069"
FIGURE, PHONE = f"{LRI}1 200 000{PDI}", f"{LRI}+41 22 717 9111{PDI}"
CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "ar"
languages = ["ar", "en"]
"""
YAML = (
    "date: 2025-05-01T10:00:00+02:00\ntype: press-release\noriginal: ar\nstatus: published\n"
    "image: camp.png\n"
)
ARABIC = """\
---
title: "نداء لمساعدة 1 200 000 نازح"
dateline: جنيف
summary: "للاتصال: +41 22 717 9111"
image:
  caption: "مخيم يؤوي 1 200 000 شخص"
  credit: المنظمة/2025
  alt: خيام
---
نص البيان.
"""


@pytest.fixture
def built(make_site: SiteWriter, tmp_path: Path) -> Path:
    site = make_site(
        {
            "releases/appeal/release.yaml": YAML,
            "releases/appeal/camp.png": png(40, 30),
            "releases/appeal/ar.md": ARABIC,
            "releases/appeal/en.md": "---\ntitle: Help for 1 200 000 people\n"
            "dateline: Geneva\n---\nText.\n",
        },
        config=CONFIG,
        with_default_release=False,
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    return out


def test_the_arabic_page_sets_the_numbers_of_its_headline_apart(built: Path) -> None:
    tree = lxml_html.fromstring((built / "ar/appeal/index.html").read_bytes())
    assert tree.findtext(".//h1") == f"نداء لمساعدة {FIGURE} نازح"
    assert tree.findtext(".//title").startswith(f"نداء لمساعدة {FIGURE} نازح")
    caption = tree.xpath("string(//figure//figcaption)")
    assert f"مخيم يؤوي {FIGURE} شخص" in caption
    description = tree.xpath("string(//meta[@name='description']/@content)")
    assert description == f"للاتصال: {PHONE}"


def test_the_arabic_feeds_and_plain_text_set_them_apart(built: Path) -> None:
    for name in ("rss.xml", "atom.xml"):
        entry = feedparser.parse((built / "ar" / name).read_bytes()).entries[0]
        assert entry.title == f"نداء لمساعدة {FIGURE} نازح", name
    item = json.loads((built / "ar/feed.json").read_text("utf-8"))["items"][0]
    assert item["title"] == f"نداء لمساعدة {FIGURE} نازح"
    text = (built / "ar/appeal/appeal.ar.txt").read_text("utf-8")
    assert f"\u200fنداء لمساعدة {FIGURE} نازح\n" in text
    assert f"مخيم يؤوي {FIGURE} شخص" in text


def test_the_arabic_pdf_lays_the_headline_figure_out_in_its_order(built: Path) -> None:
    words = re.findall(
        r"<word [^>]*>([^<]*)</word>",
        poppler("pdftotext", "-bbox", built / "ar/appeal/appeal.ar.pdf", "-"),
    )
    digits = [w.strip(LRI + PDI + " ") for w in words if any(c.isdigit() for c in w)]
    assert digits[:3] == ["1", "200", "000"], digits


def test_an_english_headline_is_as_written(built: Path) -> None:
    tree = lxml_html.fromstring((built / "en/appeal/index.html").read_bytes())
    assert tree.findtext(".//h1") == "Help for 1 200 000 people"
