"""Feeds read back by feedparser, the parser behind many subscribers' readers."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest
from lxml import etree

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
ATOM = "{http://www.w3.org/2005/Atom}"


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_content_says_its_direction(project_output: Path, lang: str) -> None:
    """A reader that shows an item's HTML out of its page knows only what the HTML says:
    Arabic content came out left to right."""
    import json

    atom = etree.parse(project_output / lang / "atom.xml").find(f"{ATOM}entry/{ATOM}content")
    jsonfeed = json.loads((project_output / lang / "feed.json").read_text(encoding="utf-8"))
    for html in (atom.text, jsonfeed["items"][0]["content_html"]):
        assert html.startswith('<div dir="rtl">') == (lang == "ar"), html[:80]


def test_feed_dates_come_from_content_not_the_clock(project_output: Path) -> None:
    rss = (project_output / "fr" / "rss.xml").read_text(encoding="utf-8")
    assert "<lastBuildDate>Wed, 02 Jun 2021 16:00:00 +0200</lastBuildDate>" in rss


def test_feed_content_links_are_absolute(project_output: Path) -> None:
    feed = feedparser.parse((project_output / "en" / "atom.xml").read_bytes())
    for link in feed.entries[0].links:
        assert link.href.startswith("https://")


def test_atom_entries_link_their_page_and_image_enclosure(make_site, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import RELEASE_YAML
    from .test_publishing import PNG

    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: photo.png\n",
            "releases/first-release/photo.png": PNG,
        }
    )
    build(site, tmp_path / "out", datetime(2025, 1, 1, tzinfo=UTC))
    feed = feedparser.parse((tmp_path / "out" / "en" / "atom.xml").read_bytes())
    links = {link.rel: link for link in feed.entries[0].links}
    assert links["alternate"].href == "https://news.example.org/en/first-release/"
    assert links["enclosure"].href == "https://news.example.org/media/first-release/photo.png"
    assert links["enclosure"].type == "image/png"
    assert int(links["enclosure"].length) == len(PNG)
    rss = feedparser.parse((tmp_path / "out" / "en" / "rss.xml").read_bytes())
    assert rss.entries[0].enclosures[0].href == links["enclosure"].href


def test_json_feed_carries_the_seed(project_output: Path) -> None:
    import json

    feed = json.loads((project_output / "fr" / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["language"] == "fr"
    assert feed["feed_url"] == "https://newsroom.example.org/fr/feed.json"
    item = feed["items"][0]
    assert item["id"] == "tag:newsroom.example.org,2021:release:oim-blt-api-pnr:fr"
    assert item["url"] == "https://newsroom.example.org/fr/oim-blt-api-pnr/"
    assert item["date_published"] == "2021-06-02T16:00:00+02:00"
    assert item["title"].startswith("L'OIM et le BLT")
    assert "Communiqué" in item["tags"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rss_channel_links_its_html_page_and_itself_only_as_self(
    project_output: Path, lang: str
) -> None:
    """RSS 2.0: the channel <link> is the website the channel stands for, not the feed."""
    channel = etree.parse(project_output / lang / "rss.xml").find("channel")
    base = "https://newsroom.example.org/"
    assert channel.findtext("link") == f"{base}{lang}/"
    selves = channel.findall(f"{ATOM}link[@rel='self']")
    assert [link.get("href") for link in selves] == [f"{base}{lang}/rss.xml"]


def test_region_and_topic_feeds_link_their_own_page(website: Path) -> None:
    """A region's or topic's feed stands for that region's or topic's page, which exists."""
    import json

    folders = sorted(p.parent for p in website.glob("*/*/*/rss.xml"))
    assert {f.parent.name for f in folders} == {"regions", "topics"}
    for folder in folders:
        assert (folder / "index.html").is_file()
        page = f"https://news.example.org/{folder.relative_to(website).as_posix()}/"
        assert etree.parse(folder / "rss.xml").findtext("channel/link") == page
        atom = etree.parse(folder / "atom.xml").findall(f"{ATOM}link[@rel='alternate']")
        assert [link.get("href") for link in atom] == [page]
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        assert feed["home_page_url"] == page


def test_a_language_without_releases_dates_its_feeds_by_the_sites_newest(
    make_site, tmp_path: Path
) -> None:
    """French has no release yet (the default site's one release is English): its empty
    feeds are dated as the site's newest release, not 1970 (the W3C validator's "Implausible
    date"), and they change when a newer release is published in another language."""
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import ENGLISH, RELEASE_YAML

    site = make_site()
    out = tmp_path / "out"
    build(site, out, datetime(2025, 1, 1, tzinfo=UTC))
    rss = etree.fromstring((out / "fr" / "rss.xml").read_bytes())
    atom = etree.fromstring((out / "fr" / "atom.xml").read_bytes())
    assert rss.findtext("channel/item") is None
    assert rss.findtext("channel/lastBuildDate") == "Wed, 01 May 2024 10:00:00 +0200"
    assert atom.findtext(f"{ATOM}updated") == "2024-05-01T10:00:00+02:00"
    newer = tmp_path / "site" / "releases" / "newer-release"
    newer.mkdir()
    (newer / "release.yaml").write_text(RELEASE_YAML.replace("2024-05-01", "2024-06-03"))
    (newer / "en.md").write_text(ENGLISH)
    build(site, out, datetime(2025, 1, 1, tzinfo=UTC))
    atom = etree.fromstring((out / "fr" / "atom.xml").read_bytes())
    assert atom.findtext(f"{ATOM}updated") == "2024-06-03T10:00:00+02:00"


@pytest.mark.parametrize(
    ("feeds", "host", "date"),
    [
        ("", "news.example.org", "2000-01-01"),
        ('authority = "x.org,2021-06"', "news.example.org", "2021-06-01"),
        ("", "news,room.example.org", "2000-01-01"),  # no date after the comma (h107)
    ],
)
def test_a_site_with_nothing_public_yet_dates_its_feeds_when_its_tags_begin(
    make_site, tmp_path: Path, feeds: str, host: str, date: str
) -> None:
    """A new newsroom whose first release is under embargo had every feed dated 1 January
    1970, which the W3C validator calls an implausible date (h106). Nothing has been
    published: the feeds are dated by the date of their items' tags (`[feeds] authority`),
    never by the release held back, which no feed may tell of."""
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import MINIMAL_CONFIG, RELEASE_YAML

    held = RELEASE_YAML + "embargo: 2024-06-01T09:00:00Z\n"
    config = MINIMAL_CONFIG.replace("[topics]", f"[feeds]\n{feeds}\n\n[topics]").replace(
        "news.example.org", host
    )
    site = make_site({"releases/first-release/release.yaml": held}, config=config)
    out = tmp_path / "out"
    build(site, out, datetime(2024, 5, 2, tzinfo=UTC))
    for lang in ("en", "fr"):
        rss = feedparser.parse((out / lang / "rss.xml").read_bytes())
        atom = etree.fromstring((out / lang / "atom.xml").read_bytes())
        assert rss.entries == [] and rss.feed.updated_parsed[:3] == tuple(
            int(part) for part in date.split("-")
        )
        assert atom.findtext(f"{ATOM}updated") == f"{date}T00:00:00+00:00"


def test_a_site_whose_only_release_was_withdrawn_dates_its_feeds_by_the_withdrawal(
    make_site, tmp_path: Path
) -> None:
    """Its feeds went back to the date of the tags, years before the release (h107)."""
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import RELEASE_YAML

    gone = RELEASE_YAML.replace("published", "withdrawn") + "withdrawn: 2025-02-01T10:00:00Z\n"
    site = make_site({"releases/first-release/release.yaml": gone})
    build(site, tmp_path / "out", datetime(2025, 3, 1, tzinfo=UTC))
    atom = etree.fromstring((tmp_path / "out" / "en" / "atom.xml").read_bytes())
    assert atom.findtext(f"{ATOM}updated") == "2025-02-01T10:00:00+00:00"


def test_a_release_held_under_embargo_comes_out_as_new_in_feeds(make_site, tmp_path: Path) -> None:
    """Dated 1 May but under embargo until 1 June, a release reaches subscribers on 1 June:
    its feed item is dated then, comes first, and moves the feed's date; with a feed of one
    item it is that item (a release dated later took the place before)."""
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import ENGLISH, MINIMAL_CONFIG, RELEASE_YAML

    held = RELEASE_YAML + "embargo: 2024-06-01T09:00:00Z\n"  # dated 2024-05-01T10:00+02:00
    later = RELEASE_YAML.replace("2024-05-01", "2024-05-20")
    site = make_site(
        {
            "releases/first-release/release.yaml": held,
            "releases/later-release/release.yaml": later,
            "releases/later-release/en.md": ENGLISH,
        },
        config=MINIMAL_CONFIG.replace("[topics]", "[feeds]\nlength = 1\n\n[topics]"),
    )
    out = tmp_path / "out"
    build(site, out, datetime(2024, 6, 1, 9, tzinfo=UTC))
    rss = feedparser.parse((out / "en" / "rss.xml").read_bytes())
    assert [e.link.rstrip("/").rpartition("/")[2] for e in rss.entries] == ["first-release"]
    assert rss.entries[0].published_parsed[:4] == (2024, 6, 1, 9)
    assert rss.feed.updated_parsed[:4] == (2024, 6, 1, 9)
    atom = feedparser.parse((out / "en" / "atom.xml").read_bytes())
    assert atom.entries[0].updated_parsed[:4] == (2024, 6, 1, 9)
    assert "2024-06-01T09:00:00" in (out / "en" / "feed.json").read_text(encoding="utf-8")


def test_a_correction_dates_the_items_update_and_the_feeds(make_site, tmp_path: Path) -> None:
    """A release corrected after it came out: its item says it was updated then, in Atom and
    JSON Feed, and the feeds' own date moves with it, so that readers show it again."""
    import json
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import RELEASE_YAML

    corrected = RELEASE_YAML + (
        "corrections:\n  - date: 2024-05-03T09:30:00+02:00\n    note:\n      en: Fixed.\n"
    )
    site = make_site({"releases/first-release/release.yaml": corrected})
    out = tmp_path / "out"
    build(site, out, datetime(2024, 6, 1, tzinfo=UTC))
    atom = etree.fromstring((out / "en" / "atom.xml").read_bytes())
    [entry] = atom.findall(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}published") == "2024-05-01T10:00:00+02:00"
    assert entry.findtext(f"{ATOM}updated") == "2024-05-03T09:30:00+02:00"
    assert atom.findtext(f"{ATOM}updated") == "2024-05-03T09:30:00+02:00"
    [item] = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))["items"]
    assert item["date_modified"] == "2024-05-03T09:30:00+02:00"
    rss = feedparser.parse((out / "en" / "rss.xml").read_bytes())
    assert rss.feed.updated_parsed[:5] == (2024, 5, 3, 7, 30)


def test_every_feed_holds_the_newest_of_its_releases_as_many_as_the_length_says(
    make_site, tmp_path: Path
) -> None:
    """A topic's and a region's feeds are cut as the language's is."""
    from datetime import UTC, datetime

    from pressgen.engine import build

    from .conftest import ENGLISH, MINIMAL_CONFIG, RELEASE_YAML

    files = {}
    for day in ("02", "03", "04"):
        files[f"releases/day-{day}/release.yaml"] = (
            RELEASE_YAML.replace("2024-05-01", f"2024-05-{day}") + "topics: [health]\n"
        )
        files[f"releases/day-{day}/en.md"] = ENGLISH
    site = make_site(
        files, config=MINIMAL_CONFIG.replace("[topics]", "[feeds]\nlength = 2\n\n[topics]")
    )
    out = tmp_path / "out"
    build(site, out, datetime(2024, 6, 1, tzinfo=UTC))
    feeds = [out / "en" / "rss.xml", *sorted((out / "en").glob("*/*/rss.xml"))]
    assert len(feeds) == 3  # the language's, the topic's, the region's
    for feed in feeds:
        entries = feedparser.parse(feed.read_bytes()).entries
        shown = [e.link.rstrip("/").rpartition("/")[2] for e in entries]
        assert shown == ["day-04", "day-03"], feed


@pytest.mark.parametrize(
    "new_date",
    [
        "2025-05-01T10:00:00+02:00",  # a year put right after publishing
        "2024-04-30T23:30:00-01:00",  # the same instant written from another time zone
        "2023-12-31T23:30:00-01:00",  # an instant that is 2024 in UTC, 2023 where written
    ],
)
def test_an_item_keeps_its_identity_when_its_release_date_is_corrected(
    make_site, tmp_path: Path, new_date: str
) -> None:
    """A subscriber must never see an item twice: the id of a release-language in RSS,
    Atom, JSON Feed and ninjs comes from the release and its language, not from its date."""
    import json

    from click.testing import CliRunner

    from pressgen.cli import main

    from .conftest import RELEASE_YAML

    def ids() -> list[str]:
        out = tmp_path / "out"
        args = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00:00Z"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        atom = feedparser.parse((out / "en" / "atom.xml").read_bytes())
        rss = feedparser.parse((out / "en" / "rss.xml").read_bytes())
        items = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))["items"]
        (ninjs,) = (out / "en").glob("*/*.ninjs.json")
        return [
            atom.entries[0].id,
            rss.entries[0].id,
            items[0]["id"],
            json.loads(ninjs.read_text(encoding="utf-8"))["uri"],
        ]

    site = make_site()
    before = ids()
    release = site / "releases" / "first-release" / "release.yaml"
    release.write_text(RELEASE_YAML.replace("2024-05-01T10:00:00+02:00", new_date))
    assert ids() == before
    assert len(set(before)) == 1


def test_a_summary_taken_from_the_body_names_no_address(make_site, tmp_path: Path) -> None:
    """Without a `summary`, the first paragraph is the item's description in feeds and the
    page's description for search engines and link previews, all read far from the page:
    a link to the release's own file must not leave '../../media/...' there; nor is any
    other link's address written out as the wire's text does (h131: "a link
    (https://example.org/ar?a=1&b=2)" in the middle of a teaser)."""
    import json

    from click.testing import CliRunner

    from pressgen.cli import main

    from .conftest import ENGLISH

    body = ENGLISH.split("---\n")
    first = "Read [the report](report.pdf) and [the site](https://example.org/a) today.\n\n"
    english = "---\n".join([*body[:2], first + body[2]])
    site = make_site({"releases/first-release/en.md": english})
    (site / "releases" / "first-release" / "report.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = tmp_path / "out"
    args = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00:00Z"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rss = feedparser.parse((out / "en" / "rss.xml").read_bytes())
    items = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))["items"]
    page = etree.HTML((out / "en" / "first-release" / "index.html").read_bytes())
    descriptions = [
        rss.entries[0].summary,
        items[0]["summary"],
        *page.xpath("//meta[@name='description' or @property='og:description']/@content"),
    ]
    assert len(descriptions) == 4
    for description in descriptions:
        assert "Read the report and the site today." in description
        assert "media" not in description and "example.org" not in description


def test_a_chinese_summary_is_cut_near_its_limit_not_at_the_last_space(
    make_site, tmp_path: Path
) -> None:
    """Chinese is written without spaces: a first paragraph of 400 characters after
    `截至 2024年，` was cut back to its last space, `截至…`, in lists, feeds and the
    page's description (h80)."""
    import json

    from click.testing import CliRunner

    from pressgen.cli import main
    from pressgen.render.views import SUMMARY_LIMIT

    from .conftest import ENGLISH

    head, _, _ = ENGLISH.rpartition("---\n")
    paragraph = "截至 2024年，" + "移民组织在边境地区为返乡家庭提供了住所与医疗服务。" * 16
    site = make_site({"releases/first-release/en.md": f"{head}---\n{paragraph}\n"})
    out = tmp_path / "out"
    args = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00:00Z"]
    assert CliRunner().invoke(main, args).exit_code == 0
    summary = json.loads((out / "en" / "feed.json").read_text(encoding="utf-8"))["items"][0][
        "summary"
    ]
    assert summary.endswith("…") and paragraph.startswith(summary[:-1])
    assert len(summary) == SUMMARY_LIMIT + 1  # it may break between any two characters


@pytest.mark.parametrize(
    "text",
    [
        "word " * 100,
        "wordy" * 100,
        "截至 2024年，" + "这是中文" * 100,
        "Согласно докладу " * 30,
        "通过CT Travel的" * 40,
    ],
)
def test_a_summary_is_cut_between_words_within_its_limit(text: str) -> None:
    from pressgen.render.markdown import shortened

    cut = shortened(text, 300)
    assert cut.endswith("…") and text.startswith(cut[:-1])
    assert 200 < len(cut) <= 301
    rest = text[len(cut) - 1 :]
    ends_a_word = rest[:1].isspace() or cut[-2] in "，。" or not cut[-2].isascii()
    assert ends_a_word or text == "wordy" * 100  # no break in reach: cut at the limit


def test_a_summary_cut_inside_a_direction_override_closes_it() -> None:
    """h87: a body may open an override (U+202E) and close it 800 characters on; a summary
    cut between them left it open in feeds and meta descriptions, turning around what a
    page or reader shows after it, as `check` refuses in what people write."""
    from pressgen.read.characters import first_unclosed_direction
    from pressgen.render.markdown import shortened

    text = "Opening words \u2067isolated \u202ereversed words here " + "more " * 200
    cut = shortened(text + "\u202c\u2069 end.", 300)
    assert cut.endswith("\u202c\u2069…") and text.startswith(cut[:-3])
    assert list(first_unclosed_direction(cut, 1)) == []
    closed = "Opening \u202eclosed\u202c " + "more " * 100
    assert shortened(closed, 300).count("\u202c") == 1  # closed in the text: nothing added


@pytest.mark.parametrize("number", ["1.500.000", "3,5", "20,372"])
def test_a_summary_is_never_cut_inside_a_number(number: str) -> None:
    """h82: "…son 1.…" where the limit fell in "1.500.000"."""
    from pressgen.render.markdown import shortened

    for start in range(280, 300):
        text = "a" * start + " " + number + " personas" + " más" * 40
        kept = shortened(text, 300).removesuffix("…")
        assert text.startswith(kept) and text[len(kept)].isspace(), kept[-20:]
