"""The archive as a reader browses it: paginated lists per language, year, region and topic."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from lxml import html as lxml_html

from pressgen.engine import build
from pressgen.i18n import load_languages
from pressgen.render import sitemap
from pressgen.render.archive import ArchiveList, pagination

from .conftest import NOW, RELEASE_YAML, SiteWriter
from .sites import LANGUAGES, write_site
from .trees import sitemap_urls

PAGE_SIZE = 3  # as tests/sites.py sets it


def parse(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def resolve(page: Path, href: str) -> Path:
    target = (page.parent / href).resolve()
    return target / "index.html" if target.is_dir() else target


def walk_list(out: Path, first: str) -> list[Path]:
    """Follow rel=next from a list's first page; check every rel=prev on the way back."""
    pages = [out / first]
    while True:
        tree = parse(pages[-1])
        following = tree.xpath("//link[@rel='next']/@href")
        if not following:
            return pages
        nxt = resolve(pages[-1], following[0])
        assert nxt.is_file(), f"{pages[-1]} links a missing next page"
        assert resolve(nxt, parse(nxt).xpath("//link[@rel='prev']/@href")[0]) == pages[-1]
        pages.append(nxt)


def listed(page: Path) -> list[Path]:
    tree = parse(page)
    return [resolve(page, href) for href in tree.xpath("//ol[@class='release-list']//h2/a/@href")]


def test_each_language_index_pages_through_its_releases_only(website: Path) -> None:
    for lang in LANGUAGES:
        pages = walk_list(website, f"{lang}/index.html")
        shown = [release for page in pages for release in listed(page)]
        assert all(len(listed(page)) <= PAGE_SIZE for page in pages)
        on_disk = {
            p
            for p in (website / lang).glob("*/index.html")
            if (p.parent / f"{p.parent.name}.{lang}.txt").is_file()
        }
        assert set(shown) == on_disk and len(shown) == len(on_disk), lang
        assert all(page.parent.parent.parent.name != "embargoed" for page in shown)


def test_years_regions_and_topics_have_pages_where_they_have_releases(website: Path) -> None:
    en = walk_list(website, "en/regions/asia-pacific/index.html")
    assert len(en) == 2  # five releases in Asia and the Pacific, three a page
    assert (website / "en/topics/health/index.html").is_file()
    assert (website / "en/years/2021/page/2/index.html").is_file()
    # no French release is filed under Asia and the Pacific: no such French page, no link
    assert not (website / "fr/regions/asia-pacific").exists()
    browse = parse(website / "fr/index.html").xpath("//section[@class='browse']//a/@href")
    assert browse and all(resolve(website / "fr/index.html", h).is_file() for h in browse)
    assert not any("asia-pacific" in h for h in browse)
    switcher = parse(website / "en/regions/asia-pacific/index.html").xpath(
        "//nav[@class='language-switcher']//a[@hreflang='fr']/@href"
    )
    assert switcher == ["../../../fr/"] or resolve(
        website / "en/regions/asia-pacific/index.html", switcher[0]
    ) == (website / "fr/index.html")


def test_every_list_page_lists_only_its_own_releases(website: Path) -> None:
    pages = walk_list(website, "ar/regions/asia-pacific/index.html")
    assert listed(pages[0])
    for page in pages:
        for release in listed(page):
            assert release.parent.parent.name == "ar"
            text = release.read_text(encoding="utf-8")
            assert "regions/asia-pacific/" in text  # the release's region label links here


def test_the_index_offers_its_years_newest_first(website: Path) -> None:
    """A reader browsing by year looks for the latest first, as the lists show releases;
    each year links its own list."""
    page = website / "en/index.html"
    links = parse(page).xpath(
        "//section[@class='browse']/h3[.='By year']/following-sibling::ul[1]//a"
    )
    assert [a.text for a in links] == ["2022", "2021", "2020"]
    for a in links:
        assert resolve(page, a.get("href")) == website / f"en/years/{a.text}/index.html"


def test_release_labels_link_to_their_lists(website: Path) -> None:
    page = website / "en/release-3/index.html"
    tree = parse(page)
    links = [
        *tree.xpath("//p[@class='release-kind']//a/@href"),
        *tree.xpath("//p[@class='release-topics']/a/@href"),
        *tree.xpath("//p[@class='release-year']/a/@href"),  # its year too (h104)
    ]
    assert [resolve(page, h).relative_to(website).as_posix() for h in links] == [
        "en/regions/asia-pacific/index.html",
        "en/topics/health/index.html",
        f"en/years/{parse(page).xpath('string(//time/@datetime)')[:4]}/index.html",
    ]
    assert all(resolve(page, h).is_file() for h in links)
    kind = tree.xpath("string(//p[@class='release-kind'])")
    assert kind == "Press release · Asia and the Pacific"  # type and region apart


def test_list_pages_number_their_pages_and_say_which_one(website: Path) -> None:
    tree = parse(website / "en/page/2/index.html")
    assert tree.xpath("string(//p[@class='page-number'])") == "Page 2 of 4"
    assert tree.xpath("string(//nav[@class='pagination']//*[@aria-current='page'])") == "2"
    assert "(page 2 of 4)" in tree.xpath("string(//title)")
    russian = parse(website / "ru/page/2/index.html").xpath("string(//title)")
    assert "(страница 2 из " in russian  # a page's own label ("Страница") is capitalised
    assert not tree.xpath("//p[@class='release-count']")  # no "N releases" line
    first = parse(website / "en/index.html")
    assert sorted(first.xpath("//link[@hreflang]/@hreflang")) == sorted([*LANGUAGES, "x-default"])


def test_each_language_index_and_the_choice_of_language_name_each_other(website: Path) -> None:
    """For a reader of no language the site has, search engines send the choice of
    language (`x-default`), from every language's index and from the sitemaps."""
    root = "https://news.example.org/"
    versions = {code: f"{root}{code}/" for code in LANGUAGES} | {"x-default": root}
    for page in [website / "index.html", *(website / code / "index.html" for code in LANGUAGES)]:
        links = parse(page).xpath("/html/head/link[@rel='alternate'][@hreflang]")
        assert {link.get("hreflang"): link.get("href") for link in links} == versions, page
    assert _sitemap_versions(website)[f"{root}ru/"] == [*LANGUAGES, "x-default"]


def _listed_ids(page: Path) -> list[str]:
    return [path.parent.name for path in listed(page)] if page.is_file() else []


def test_a_later_page_names_its_versions_where_they_show_the_same_releases(
    website: Path,
) -> None:
    """Page 2 of a list is a version of another language's page 2 when it lists the same
    releases (as when every release has every language): `hreflang`, the switcher and the
    sitemap say so; where the pages differ, they do not. The switcher links each of those
    versions (the reader of page 2 lands on page 2 in their language, not on page 1)."""
    entries = _sitemap_versions(website)
    linked_somewhere = False
    for page in sorted(website.glob("*/**/page/*/index.html")):
        inside = page.relative_to(website).parts[1:]
        same = sorted(
            code
            for code in LANGUAGES
            if _listed_ids(website.joinpath(code, *inside)) == _listed_ids(page)
        )
        tree = parse(page)
        assert sorted(tree.xpath("/html/head/link[@hreflang]/@hreflang")) == (
            same if len(same) > 1 else []
        ), page
        url = "https://news.example.org/" + page.relative_to(website).parent.as_posix() + "/"
        assert sorted(entries[url]) == (same if len(same) > 1 else []), url
        for code in same:
            if code == page.relative_to(website).parts[0]:
                continue  # the page's own language: named, not linked
            switch = tree.xpath(f"//nav[@class='language-switcher']//a[@hreflang='{code}']/@href")
            assert switch, (page, code)
            assert resolve(page, switch[0]) == website.joinpath(code, *inside)
        linked_somewhere |= len(same) > 1
    assert linked_somewhere  # the test newsroom has such pages (es, ru, ar: page 2)


def _sitemap_versions(website: Path) -> dict[str, list[str]]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    return {
        url.findtext("s:loc", namespaces=ns): [
            link.get("hreflang") for link in url.findall("x:link", ns)
        ]
        for url in sitemap_urls(website)
    }


def test_page_numbers_use_the_locales_digits() -> None:
    languages = load_languages(["ar-EG", "zh"], None)
    one = ArchiveList("ar-EG", None, None, ())
    arabic = pagination(one, 12, 30, languages["ar-EG"])
    assert [link.label for link in arabic.links] == [
        "١",
        "…",
        "١٠",
        "١١",
        "١٢",
        "١٣",
        "١٤",
        "…",
        "٣٠",
    ]
    assert arabic.prev == "../11/index.html" and arabic.next == "../13/index.html"
    chinese = pagination(ArchiveList("zh", None, None, ()), 1, 2, languages["zh"])
    assert [link.label for link in chinese.links] == ["1", "2"] and chinese.prev is None


def test_dates_and_times_use_the_locales_digits_as_page_numbers_do() -> None:
    """A PDF or page in `ar-EG` numbered its pages ١, ٢ but dated the release 10 مارس
    2025: one script of digits on a page."""
    arabic = load_languages(["ar-EG"], None)["ar-EG"]
    instant = datetime(2025, 3, 10, 9, 30, tzinfo=ZoneInfo("Africa/Cairo"))
    for text in (
        arabic.long_date(instant),
        arabic.time_with_zone(instant),
        arabic.long_datetime(instant),
    ):
        assert not any(char in "0123456789" for char in text), text
    assert "١٠" in arabic.long_date(instant) and "٢٠٢٥" in arabic.long_date(instant)
    house = load_languages(["ar"], None)["ar"]  # as release-format.md: "١٥ مارس ٢٠٢١"
    assert house.long_date(instant) == "١٠ مارس ٢٠٢٥"
    latin = load_languages(["ar"], None, {"ar": "ar_001"})["ar"]  # CLDR's `ar`: Latin digits
    assert latin.long_date(instant) == "10 مارس 2025"


def test_sitemap_has_every_list_page_with_its_language_versions(website: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.findtext("s:loc", namespaces=ns): [
            link.get("hreflang") for link in url.findall("x:link", ns)
        ]
        for url in sitemap_urls(website)
    }
    base = "https://news.example.org/"
    pages = {
        base + p.relative_to(website).as_posix().removesuffix("index.html")
        for p in website.rglob("index.html")
        if "search" not in p.parts
    }
    assert pages <= set(entries)  # every page, list pages included (search pages excepted)
    assert sorted(entries[base + "en/regions/asia-pacific/"]) == sorted(
        lang for lang in LANGUAGES if (website / lang / "regions/asia-pacific").is_dir()
    )
    assert entries[base + "en/page/2/"] == []  # no other language lists the same releases
    assert not any("embargoed" in loc for loc in entries)


def test_a_long_sitemap_goes_on_in_files_of_its_own(
    website: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A decades-long archive passes the addresses one sitemap file may hold: a language's
    go on in `sitemap-2.xml` and so on, each named by the index, none left out."""
    monkeypatch.setattr(sitemap, "PART_SIZE", 4)
    out = tmp_path / "public"
    build(write_site(tmp_path / "site"), out, NOW)
    ns = {"s": sitemap.SITEMAP_NS}
    named = [loc.text for loc in etree.parse(out / "sitemap.xml").iterfind("s:sitemap/s:loc", ns)]
    assert "https://news.example.org/en/sitemap-3.xml" in named
    found = [*out.glob("sitemap-*.xml"), *out.glob("*/sitemap*.xml")]
    files = sorted(p.relative_to(out).as_posix() for p in found)
    assert files == sorted(str(n).removeprefix("https://news.example.org/") for n in named)
    for path in files:
        assert 1 <= len(etree.parse(out / path).findall("s:url", ns)) <= 4, path
    everywhere = [url.findtext(f"{{{sitemap.SITEMAP_NS}}}loc") for url in sitemap_urls(out)]
    in_one_file = [url.findtext(f"{{{sitemap.SITEMAP_NS}}}loc") for url in sitemap_urls(website)]
    assert sorted(everywhere) == sorted(in_one_file)


def test_no_page_is_over_100_kb(website: Path) -> None:
    sizes = {p: p.stat().st_size for p in website.rglob("*.html")}
    assert sizes and max(sizes.values()) < 100_000


FEED_KINDS = (
    ("application/rss+xml", "rss.xml", "RSS"),
    ("application/atom+xml", "atom.xml", "Atom"),
    ("application/feed+json", "feed.json", "JSON Feed"),
)


def test_every_page_advertises_the_languages_three_feeds(website: Path) -> None:
    """A reader whose feed finder prefers JSON Feed finds it on the home page and on a
    release, as it finds RSS and Atom."""
    for path in ("en/index.html", "en/page/2/index.html", "fr/release-2/index.html"):
        page = website / path
        links = parse(page).xpath("/html/head/link[@rel='alternate'][@type][@title]")
        found = [(link.get("type"), resolve(page, link.get("href"))) for link in links]
        lang = website / path.split("/")[0]
        assert found == [(kind, lang / name) for kind, name, _ in FEED_KINDS], path


def test_region_and_topic_pages_advertise_their_own_feeds_first(website: Path) -> None:
    """A feed finder on a region's or topic's page offers that list's feeds, titled as they
    title themselves, then the language's."""
    pages = sorted(website.glob("*/regions/*/index.html")) + sorted(
        website.glob("*/topics/*/index.html")
    )
    assert pages
    for page in pages:
        links = parse(page).xpath("/html/head/link[@rel='alternate'][@type][@title]")
        found = [(link.get("type"), resolve(page, link.get("href"))) for link in links]
        own = [(kind, page.parent / name) for kind, name, _ in FEED_KINDS]
        language = [(kind, page.parents[2] / name) for kind, name, _ in FEED_KINDS]
        assert found == own + language, page
        name = etree.parse(page.parent / "rss.xml").findtext("channel/title")
        assert all(name in link.get("title") for link in links[:3]), page
    health = parse(website / "en/topics/health/index.html")
    titles = health.xpath("/html/head/link[@rel='alternate'][@title]/@title")
    assert titles[:3] == [f"Example Newsroom: Migration health ({k})" for _, _, k in FEED_KINDS]


def test_a_language_with_no_release_yet_has_no_empty_browse_section(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The default release is in English alone: the French index said "Browse the archive"
    over nothing."""
    out = tmp_path / "out"
    build(make_site(), out, NOW)
    assert parse(out / "en/index.html").xpath("//section[@class='browse']//a")
    assert parse(out / "fr/index.html").xpath("//section[@class='browse']") == []


def test_a_topic_page_names_its_topic_as_running_text(project_output: Path) -> None:
    """h88: "Press releases on Border management", a capital in the middle of a sentence."""
    headings = {
        lang: parse(project_output / lang / "topics/border-management/index.html").findtext(".//h1")
        for lang in ("en", "fr")
    }
    assert headings == {
        "en": "Press releases on border management",
        "fr": "Communiqués de presse\u202f: gestion des frontières",
    }


ARABIC_SITE = """\
[site]
base_url = "https://news.example.org/"
default_language = "ar"
languages = ["ar", "en"]

[site.title]
ar = "المركز الإعلامي"
en = "Newsroom"

[regions]
mena = "Middle East & North Africa <2>"
"""


def test_a_label_written_the_other_way_keeps_its_order_in_a_heading(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h122: an English region name ending in ">" lost its order in an Arabic heading and
    title ("Middle East / <2 & North Africa>"); isolated, it reads as written. A label
    written the page's way needs no marks."""
    release = RELEASE_YAML.replace("original: en", "original: ar").replace("global", "mena")
    arabic = "---\ntitle: عنوان\ndateline: جنيف\n---\nفقرة أولى.\n"
    files = {"releases/one/release.yaml": release, "releases/one/ar.md": arabic}
    files["releases/one/en.md"] = "---\ntitle: A title\ndateline: Geneva\n---\nA paragraph.\n"
    out = tmp_path / "out"
    build(make_site(files, ARABIC_SITE, with_default_release=False), out, NOW)
    page = parse(out / "ar/regions/mena/index.html")
    label = "\u2068Middle East & North Africa <2>\u2069"
    heading, title = (page.findtext(f".//{tag}").replace("\xa0", " ") for tag in ("h1", "title"))
    assert label in heading and label in title
    english = parse(out / "en/regions/mena/index.html").findtext(".//h1").replace("\xa0", " ")
    assert "Middle East & North Africa <2>" in english and "\u2068" not in english


ORDER_CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en"]

[archive]
page_size = 2
"""


def _dated(date: str) -> str:
    return RELEASE_YAML.replace("2024-05-01T10:00:00+02:00", date)


def test_an_index_pages_through_its_releases_newest_first_ties_by_id(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Newest first across pages, two releases of the same instant (written in two zones)
    by their ids: a reader paging on meets each release once, in the order of the feeds."""
    dates = {
        "oldest": "2024-01-10T10:00:00+01:00",
        "tie-b": "2024-03-01T09:00:00Z",
        "tie-a": "2024-03-01T10:00:00+01:00",
        "newest": "2024-06-01T10:00:00+02:00",
    }
    files: dict[str, str | bytes] = {}
    for name, date in dates.items():
        files[f"releases/{name}/release.yaml"] = _dated(date)
        files[f"releases/{name}/en.md"] = f"---\ntitle: {name}\ndateline: Geneva\n---\nText.\n"
    out = tmp_path / "out"
    build(make_site(files, ORDER_CONFIG, with_default_release=False), out, NOW)
    pages = walk_list(out, "en/index.html")
    assert [[release.parent.name for release in listed(page)] for page in pages] == [
        ["newest", "tie-a"],
        ["tie-b", "oldest"],
    ]
