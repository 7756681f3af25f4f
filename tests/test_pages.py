"""Web pages as a reader and a search engine see them, parsed back from the built site."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from .conftest import SiteWriter
from .test_content_checks import build, english

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")


def page(output: Path, lang: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((output / lang / "oim-blt-api-pnr" / "index.html").read_bytes())


def text_of(tree: lxml.html.HtmlElement, xpath: str) -> str:
    return " ".join(" ".join(e.text_content().split()) for e in tree.xpath(xpath))


def test_french_page_shows_the_release(project_output: Path) -> None:
    tree = page(project_output, "fr")
    assert tree.get("lang") == "fr" and tree.get("dir") == "ltr"
    assert text_of(tree, "//h1") == (
        "L'OIM et le BLT signent un accord de collaboration en matière d'assistance technique "
        "API/PNR"
    )
    assert text_of(tree, "//*[@class='release-type']") == "Communiqué"
    assert text_of(tree, "//*[@class='release-region']") == "Global"
    assert text_of(tree, "//time")[:11] == "2 juin 2021"
    assert text_of(tree, "//*[@class='dateline']") == "New York/Genève, 2 juin 2021 –"
    # the photo file is not there: its caption and credit are text, not an empty figure
    assert "Photo : OIM/2017" in text_of(tree, "//p[@class='photo-note']")
    assert not tree.xpath("//figure")
    assert text_of(tree, "//*[@class='end-mark']") == "***"


def test_french_page_lists_the_three_media_contacts(project_output: Path) -> None:
    tree = page(project_output, "fr")
    heading = text_of(tree, "//section[@class='contacts']/h2")
    assert heading == "Pour plus d'informations, veuillez contacter :"
    emails = [a.get("href") for a in tree.xpath("//li[@class='contact']/a")]
    assert emails == ["mailto:gerardl@un.org", "mailto:cttravel@un.org", "mailto:kokoth@iom.int"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_links_every_other(project_output: Path, lang: str) -> None:
    tree = page(project_output, lang)
    hreflangs = {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath("//head/link[@rel='alternate'][@hreflang]")
    }
    assert set(hreflangs) == {*LANGUAGES, "x-default"}
    assert all(url.startswith("https://newsroom.example.org/") for url in hreflangs.values())
    switcher = tree.xpath("//nav[contains(@class, 'language-switcher')]//a")
    assert sorted(a.get("hreflang") for a in switcher) == sorted(set(LANGUAGES) - {lang})
    for link in switcher:
        assert (project_output / lang / "oim-blt-api-pnr" / link.get("href")).resolve().is_file()


def test_arabic_page_is_right_to_left(project_output: Path) -> None:
    tree = page(project_output, "ar")
    assert tree.get("lang") == "ar" and tree.get("dir") == "rtl"
    # Arabic-Indic digits, as release-format.md shows ("١٥ مارس ٢٠٢١"), though CLDR's `ar`
    # writes Latin ones (`HOUSE_LOCALES`)
    assert text_of(tree, "//*[@class='dateline']/time") == "٢ يونيو ٢٠٢١"
    assert len(tree.xpath("//main//time")) == 1  # the date is shown once, in the dateline
    # the place isolated: a place in Latin letters ("Geneva") would take the day to its side
    [place] = tree.xpath("//*[@class='dateline']/bdi")
    assert place.text == "نيويورك/جنيف"


def test_structured_data_describes_a_news_article(project_output: Path) -> None:
    tree = page(project_output, "en")
    data = json.loads(tree.xpath("//script[@type='application/ld+json']")[0].text)
    assert data["@type"] == "NewsArticle"
    assert data["inLanguage"] == "en"
    assert data["datePublished"] == "2021-06-02T16:00:00+02:00"
    assert data["translationOfWork"]["inLanguage"] == "fr"
    assert tree.xpath("//meta[@property='og:locale']/@content") == ["en_GB"]


def test_index_lists_releases_newest_first(project_output: Path) -> None:
    tree = lxml.html.fromstring((project_output / "fr" / "index.html").read_bytes())
    links = tree.xpath("//ol[@class='release-list']//h2/a/@href")
    assert links[0] == "oim-blt-api-pnr/index.html"


def test_root_offers_every_language_in_its_own_name(project_output: Path) -> None:
    tree = lxml.html.fromstring((project_output / "index.html").read_bytes())
    names = [" ".join(e.text_content().split()) for e in tree.xpath("//*[@class='language-name']")]
    assert names == ["English", "Français", "Español", "العربية", "中文", "Русский"]


def test_a_site_catalog_overrides_one_message(make_site, tmp_path: Path) -> None:
    from pressgen.engine import build

    from .conftest import NOW

    catalog = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Press release"\nmsgstr "News release"\n'
    )
    site = make_site({"locales/en/LC_MESSAGES/messages.po": catalog})
    build(site, tmp_path / "out", NOW)
    tree = lxml.html.fromstring((tmp_path / "out/en/first-release/index.html").read_bytes())
    assert text_of(tree, "//*[@class='release-type']") == "News release"
    assert text_of(tree, "//section[@class='contacts']/h2") == (
        "For more information, please contact:"
    )


def test_body_images_point_to_the_releases_media(make_site, tmp_path: Path) -> None:
    import feedparser

    from pressgen.engine import build

    from .conftest import NOW
    from .test_publishing import PNG

    site = make_site(
        {
            "releases/first-release/en.md": "---\ntitle: Map\ndateline: Geneva\n---\n"
            "See the map: ![Map of the routes](routes.png)\n",
            "releases/first-release/routes.png": PNG,
        }
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    tree = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    src = tree.xpath("//div[@class='release-body']//img/@src")
    assert src == ["../../media/first-release/routes.png"]
    assert (out / "en/first-release" / src[0]).resolve().read_bytes() == PNG
    feed = feedparser.parse((out / "en/atom.xml").read_bytes())
    assert 'src="https://news.example.org/media/first-release/routes.png"' in (
        feed.entries[0].content[0].value
    )


def test_a_site_catalog_overrides_a_message_with_a_context(make_site, tmp_path: Path) -> None:
    """A site's translation of one of pressgen's messages with a context (the words between
    a correction's date and its note) was ignored: the page kept pressgen's ": "."""
    from pressgen.engine import build

    from .conftest import NOW, RELEASE_YAML

    catalog = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgctxt "between a correction\'s date and its note"\n'
        'msgid ": "\nmsgstr " — "\n'
    )
    correction = "corrections:\n  - date: 2024-05-02T10:00:00+02:00\n    note:\n"
    correction += "      en: The date was wrong.\n"
    site = make_site(
        {
            "locales/en/LC_MESSAGES/messages.po": catalog,
            "releases/first-release/release.yaml": RELEASE_YAML + correction,
        }
    )
    build(site, tmp_path / "out", NOW)
    tree = lxml.html.fromstring((tmp_path / "out/en/first-release/index.html").read_bytes())
    assert text_of(tree, "//p[@class='release-updated']").endswith(" — The date was wrong.")


def test_table_columns_keep_their_alignment_in_valid_html(make_site, tmp_path: Path) -> None:
    """`--:` right-aligns a column of figures: sanitising removed Markdown's style, so the
    figures stood left on the page; a table pasted with `align`, `char` or `summary` kept
    attributes HTML has made obsolete (the Nu Html Checker warns of each)."""
    from pressgen.engine import build

    from .conftest import NOW

    body = (
        "| Country | People |\n|---|--:|\n| Chad | 1,200 |\n\n"
        '<table summary="s"><tr><td align="center" char="." charoff="2">9</td>'
        '<td align=" RIGHT ">8</td><td align="char">7</td></tr></table>\n'
    )
    site = make_site(
        {"releases/first-release/en.md": "---\ntitle: T\ndateline: Geneva\n---\n" + body}
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    html = (out / "en/first-release/index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(html)
    cells = tree.xpath("//div[@class='release-body']//td")
    assert [cell.get("class") for cell in cells] == [
        *(None, "align-right"),
        *("align-center", "align-right", None),  # pasted: in capitals, or a value none knows
    ]
    assert tree.xpath("//div[@class='release-body']//th/@class") == ["align-right"]
    for obsolete in (" align=", " char=", " charoff=", " summary="):
        assert obsolete not in html
    css = (out / "assets/style.css").read_text(encoding="utf-8")
    assert ".align-right { text-align: right; }" in css


def test_a_table_takes_the_keyboards_focus_on_the_page_only(make_site, tmp_path: Path) -> None:
    """h131: a table wider than the screen scrolls by itself, and axe-core called it
    serious that a keyboard could not reach it to scroll ("scrollable-region-focusable").
    A feed reader or newsroom system gets the table as written."""
    from pressgen.engine import build

    from .conftest import NOW

    body = "| " + " | ".join("ABCDEFGHIJKL") + " |\n" + "|---" * 12 + "|\n"
    body += "| " + " | ".join(f"{n}000000" for n in range(1, 13)) + " |\n"
    site = make_site(
        {"releases/first-release/en.md": "---\ntitle: T\ndateline: Geneva\n---\n" + body}
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    tree = lxml.html.fromstring((out / "en/first-release/index.html").read_bytes())
    assert tree.xpath("//div[@class='release-body']//table/@tabindex") == ["0"]
    for feed in ("atom.xml", "rss.xml", "feed.json"):
        text = (out / "en" / feed).read_text(encoding="utf-8")
        assert "<table" in text.replace("&lt;", "<") and "tabindex" not in text


def test_the_about_page_keeps_table_alignment_in_valid_html(make_site, tmp_path: Path) -> None:
    """The about page's Markdown gets the same cells as a release body's."""
    from pressgen.engine import build

    from .conftest import MINIMAL_CONFIG, NOW

    about = '\n[about]\nen = """\n| Office | Staff |\n|:--|--:|\n| Geneva | 12 |\n"""\n'
    site = make_site(config=MINIMAL_CONFIG + about)
    build(site, tmp_path / "out", NOW)
    html = (tmp_path / "out/en/about/index.html").read_text(encoding="utf-8")
    assert ' align="' not in html
    assert 'class="align-right"' in html and 'class="align-left"' in html
    assert '<table tabindex="0">' in html


def test_a_pasted_table_keeps_only_spans_html_allows(make_site, tmp_path: Path) -> None:
    """rowspan="99999" or colspan="0" reached the page, where the Nu Html Checker refuses
    them: such a span goes (the cell spans one), one HTML allows stays."""
    from pressgen.engine import build

    from .conftest import NOW

    table = (
        '<table><tr><td colspan="0" rowspan="99999">a</td><td colspan="2" rowspan="0">b</td>'
        '<td colspan="\u0663">c</td><td colspan=" 3">d</td><td rowspan="0000070000">e</td>'
        "</tr></table>\n"
    )
    site = make_site(
        {"releases/first-release/en.md": "---\ntitle: T\ndateline: Geneva\n---\n" + table}
    )
    build(site, tmp_path / "out", NOW)
    tree = lxml.html.fromstring((tmp_path / "out/en/first-release/index.html").read_bytes())
    cells = tree.xpath("//div[@class='release-body']//td")
    assert [(c.get("colspan"), c.get("rowspan")) for c in cells] == [
        (None, None),
        ("2", "0"),
        (None, None),
        ("3", None),  # as browsers read " 3"
        (None, None),  # 70,000
    ]


def test_a_body_of_a_list_or_a_heading_alone_is_set_apart_in_its_direction() -> None:
    """A body without any paragraph (a list alone, a heading and a table) had its English
    items left in the Arabic page's direction: the pass that sets them apart ran only
    where a paragraph was, and a heading's only where a list or a table was."""
    from pressgen.render.sanitise import for_page

    assert for_page("<ul>\n<li>One item.</li>\n</ul>", "rtl") == (
        '<ul>\n<li><span dir="ltr">One item.</span></li>\n</ul>'
    )
    assert for_page("<h2>A heading</h2>\n<p>نص</p>", "rtl") == (
        '<h2><span dir="ltr">A heading</span></h2>\n<p>نص</p>'
    )


def test_body_headings_follow_the_headline_without_skipping_a_level(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`### Notes to editors` under the page's h1 made an h3: the HTML checker's error
    "skipping 1 heading level", and a screen reader's outline with a hole. The page numbers
    the body's headings as the PDF does."""
    body = "Text.\n\n### Notes to editors\n\nMore.\n\n##### Deeper\n\nEnd.\n\n# Back up\n\nLast.\n"
    site = make_site({"releases/first-release/en.md": english(body)})
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 0, built.output
    tree = lxml.html.fromstring(
        (tmp_path / "out" / "en" / "first-release" / "index.html").read_bytes()
    )
    body_headings = tree.xpath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
    shown = [(h.tag, h.text_content().strip()) for h in body_headings]
    assert shown[:5] == [
        ("h1", "A headline"),
        ("h2", "Notes to editors"),
        ("h3", "Deeper"),
        ("h2", "Back up"),
        ("h2", "For more information, please contact:"),
    ]


def test_a_headline_in_latin_letters_on_arabic_pages_runs_left_to_right(
    make_site, tmp_path: Path
) -> None:
    """h150: an Arabic release headlined "Who are we?" showed "?Who are we" on its page.
    The headline's words are set apart left to right, on the page and in the lists; an
    Arabic headline that starts with "IOM" stays right to left."""
    from pressgen.engine import build

    from .conftest import NOW

    config = (
        '[site]\nbase_url = "https://news.example.org/"\ndefault_language = "en"\n'
        'languages = ["en", "ar"]\n\n[site.title]\nen = "News"\nar = "أخبار"\n'
    )
    yaml = "date: 2024-05-0{day}T10:00:00Z\ntype: press-release\noriginal: ar\nstatus: published\n"
    files = {
        "releases/latin/release.yaml": yaml.format(day=1),
        "releases/latin/ar.md": "---\ntitle: Who are we?\ndateline: جنيف\n---\nنص البيان.\n",
        "releases/mixed/release.yaml": yaml.format(day=2),
        "releases/mixed/ar.md": "---\ntitle: IOM تدعو\ndateline: جنيف\n---\nنص البيان.\n",
    }
    build(make_site(files, config=config, with_default_release=False), tmp_path / "out", NOW)

    def headlines(path: str) -> dict[str, str | None]:
        tree = lxml.html.fromstring((tmp_path / "out" / path).read_bytes())
        found = tree.xpath("//main//h1 | //main//h2[a]")
        return {" ".join(h.text_content().split()): h.xpath("string(.//span/@dir)") for h in found}

    assert headlines("ar/latin/index.html") == {"Who are we?": "ltr"}
    assert headlines("ar/mixed/index.html") == {"IOM تدعو": ""}
    listed = headlines("ar/index.html")
    assert listed["Who are we?"] == "ltr" and listed["IOM تدعو"] == ""
