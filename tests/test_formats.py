"""Formats for machines: IPTC ninjs against the official schema, sitemap, robots.txt."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from pressgen.engine import build
from pressgen.render.sanitise import has_relative_links

from .conftest import ENGLISH, NOW, SiteWriter
from .trees import sitemap_urls

SCHEMA = Path(__file__).resolve().parent / "schemas" / "ninjs-schema_3.1.json"
LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ninjs_is_valid_against_the_iptc_schema(project_output: Path, lang: str) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    path = project_output / lang / "oim-blt-api-pnr" / f"oim-blt-api-pnr.{lang}.ninjs.json"
    item = json.loads(path.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(item))
    assert not errors, [e.message for e in errors]
    assert item["language"] == lang
    assert item["uri"].endswith(f":release:oim-blt-api-pnr:{lang}")
    assert [b["contentType"] for b in item["bodies"]] == ["text/html", "text/plain"]
    assert len(item["infoSources"]) == 3
    # a newsroom system shows the HTML without the page that says which way it runs
    assert item["bodies"][0]["value"].startswith('<div dir="rtl">') == (lang == "ar")


def test_ninjs_carries_the_french_original(project_output: Path) -> None:
    path = project_output / "fr" / "oim-blt-api-pnr" / "oim-blt-api-pnr.fr.ninjs.json"
    item = json.loads(path.read_text(encoding="utf-8"))
    assert item["located"] == "New York/Genève"
    assert item["headlines"][0]["value"].startswith("L'OIM et le BLT signent")
    assert item["bodies"][1]["value"].startswith("New York/Genève\u00a0– L'Organisation")
    assert item["associations"][0]["by"] == "OIM/2017"
    assert item["firstCreated"] == "2021-06-02T16:00:00+02:00"


def test_ninjs_of_an_embargoed_release_is_withheld_until_its_embargo_in_a_preview(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A wire partner handed a preview's ninjs must see it is not to be used yet, and until
    when: said `usable` with no embargo, it could go out on the wire before the embargo.
    A release already public in the preview, and any in a public build, is `usable`."""
    from .conftest import RELEASE_YAML

    embargoed = RELEASE_YAML + "embargo: 2026-02-01T09:00:00+01:00\n"
    site = make_site(
        {
            "releases/first-release/release.yaml": embargoed,
            "releases/second-release/release.yaml": RELEASE_YAML,
            "releases/second-release/en.md": ENGLISH,
        }
    )

    def item(out: Path, release: str) -> dict[str, Any]:
        path = out / "en" / release / f"{release}.en.ninjs.json"
        return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

    build(site, tmp_path / "preview", NOW, preview=True)
    withheld = item(tmp_path / "preview", "first-release")
    assert withheld["pubStatus"] == "withheld"
    assert withheld["embargoedUntil"] == "2026-02-01T09:00:00+01:00"
    assert item(tmp_path / "preview", "second-release")["pubStatus"] == "usable"
    build(site, tmp_path / "public", NOW)
    assert not (tmp_path / "public/en/first-release").exists()
    public = item(tmp_path / "public", "second-release")
    assert public["pubStatus"] == "usable"
    assert "embargoedUntil" not in public


def test_ninjs_names_the_regions_topics_and_phone_of_a_release(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A newsroom system files an item by its subjects and calls its contact from the
    item: a release about health in the world must say both, and the contact's phone."""
    from .conftest import RELEASE_YAML

    english = ENGLISH.replace(
        "    email: jdoe@example.org\n", "    email: jdoe@example.org\n    phone: +41 22 717 9111\n"
    )
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "topics: [health]\n",
            "releases/first-release/en.md": english,
        }
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    item = json.loads((out / "en/first-release/first-release.en.ninjs.json").read_text())
    assert [(s["literal"], s["name"]) for s in item["subjects"]] == [
        ("regions:global", "Global"),
        ("topics:health", "Migration health"),
    ]
    [contact] = item["infoSources"]
    assert contact["contactInfo"] == [
        {"type": "email", "value": "jdoe@example.org"},
        {"type": "phone", "value": "+41 22 717 9111"},
    ]


def test_sitemap_lists_every_page_with_its_alternates(project_output: Path) -> None:
    urls = sitemap_urls(project_output)
    locs = [u.findtext(f"{SITEMAP}loc") for u in urls]
    for lang in LANGUAGES:
        assert f"https://newsroom.example.org/{lang}/oim-blt-api-pnr/" in locs
    release = urls[locs.index("https://newsroom.example.org/en/oim-blt-api-pnr/")]
    assert release.findtext(f"{SITEMAP}lastmod") == "2021-06-02T16:00:00+02:00"
    hreflangs = {link.get("hreflang") for link in release.findall(f"{XHTML}link")}
    assert hreflangs == {*LANGUAGES, "x-default"}


def test_the_sitemap_lists_the_page_every_page_names_for_readers_of_no_language(
    project_output: Path,
) -> None:
    """h122: every page named the root (the choice of language) as its `x-default` version,
    and no sitemap listed it; a language's sitemap may not, being below it."""
    urls = sitemap_urls(project_output)
    root = [u for u in urls if u.findtext(f"{SITEMAP}loc") == "https://newsroom.example.org/"]
    assert len(root) == 1
    versions = {link.get("hreflang"): link.get("href") for link in root[0].findall(f"{XHTML}link")}
    assert versions == {
        **{lang: f"https://newsroom.example.org/{lang}/" for lang in LANGUAGES},
        "x-default": "https://newsroom.example.org/",
    }


def test_a_release_has_the_same_alternates_in_the_sitemap_as_in_its_page(
    project_output: Path,
) -> None:
    """Search engines read a page's language versions from its head and from the sitemap:
    both name the same, `x-default` (for readers of no language it has) included."""
    import lxml.html

    base = "https://newsroom.example.org/"
    for url in sitemap_urls(project_output):
        loc = url.findtext(f"{SITEMAP}loc") or ""
        if "/oim-blt-api-pnr/" not in loc:
            continue
        in_sitemap = {(a.get("hreflang"), a.get("href")) for a in url.findall(f"{XHTML}link")}
        page = lxml.html.parse(str(project_output / loc.removeprefix(base) / "index.html"))
        links = page.getroot().xpath("//head/link[@rel='alternate'][@hreflang]")
        assert in_sitemap == {(a.get("hreflang"), a.get("href")) for a in links}, loc


def test_a_release_embargoed_past_its_date_is_modified_when_it_went_out(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h131: dated 1 May under embargo until 3 May, a page's `lastmod` in the sitemap (and
    its dateModified, its ninjs version, its feed entry's update) was 1 May: a change two
    days before the page was there."""
    from .conftest import RELEASE_YAML

    embargoed = RELEASE_YAML + "embargo: 2024-05-03T09:00:00+02:00\n"
    site = make_site({"releases/first-release/release.yaml": embargoed})
    out = tmp_path / "out"
    build(site, out, NOW)
    [url] = [
        u for u in sitemap_urls(out) if "/en/first-release/" in (u.findtext(f"{SITEMAP}loc") or "")
    ]
    assert url.findtext(f"{SITEMAP}lastmod") == "2024-05-03T09:00:00+02:00"
    item = json.loads((out / "en/first-release/first-release.en.ninjs.json").read_text())
    assert item["versionCreated"] == "2024-05-03T09:00:00+02:00"
    page = (out / "en/first-release/index.html").read_text(encoding="utf-8")
    assert '"dateModified": "2024-05-03T09:00:00+02:00"' in page


def test_every_url_in_feeds_and_sitemap_is_absolute_and_resolves(project_output: Path) -> None:
    """A feed reader or a search engine reads an address without the page it was on: each
    link, location and `href` of every feed and sitemap is a full address, and each of
    the site resolves to a file or page of the output (found by its text alone, a relative
    address was never looked at)."""
    import xml.etree.ElementTree as ET

    base = "https://newsroom.example.org/"
    for path in sorted(project_output.rglob("*.xml")):
        named = [
            value.strip()
            for element in ET.parse(path).getroot().iter()
            for value in (
                element.get("href"),
                element.text if element.tag.rpartition("}")[2] in ("loc", "link") else None,
            )
            if value and value.strip()
        ]
        resolved = [url for url in named if url.startswith(base)]
        assert resolved and all(url.startswith("https://") for url in named), (path, named)
        for url in resolved:
            target = project_output / url.removeprefix(base).partition("#")[0]
            assert target.is_file() or (target / "index.html").is_file(), url


def test_robots_points_to_the_sitemap(project_output: Path) -> None:
    robots = (project_output / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://newsroom.example.org/sitemap.xml" in robots


def test_a_preview_forbids_every_crawler_and_names_no_sitemap(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A preview put on a test server holds embargoed releases: a robots.txt that let
    search engines in, or pointed them to its sitemap, would have them indexed early."""
    out = tmp_path / "preview"
    build(make_site(), out, NOW, preview=True)
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nDisallow: /\n"
    assert "Sitemap" not in robots


def test_text_and_ninjs_link_the_release_files_by_their_web_address(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A wire service or a newsroom system gets the text without the page: a link to the
    release's report must be its full address there, never `../../media/...`."""
    body = "Read [the report](report.pdf) and [the other](../other-release/).\n"
    site = make_site(
        {
            "releases/first-release/en.md": ENGLISH + "\n" + body,
            "releases/first-release/report.pdf": b"%PDF-1.4\n",
        }
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    report = "https://news.example.org/media/first-release/report.pdf"
    other = "https://news.example.org/en/other-release/"
    text = (out / "en/first-release/first-release.en.txt").read_text("utf-8")
    assert f"the report ({report})" in text and f"the other ({other})" in text
    item = json.loads((out / "en/first-release/first-release.en.ninjs.json").read_bytes())
    html, plain = (b["value"] for b in item["bodies"])
    assert f'href="{report}"' in html and f'href="{other}"' in html
    assert f"the report ({report})" in plain
    assert "../" not in html + plain


@pytest.mark.parametrize(
    ("html", "relative"),
    [
        ('<p>No link at all, "quoted" = text.</p>', False),
        ('<a href="https://example.org/">x</a> <a href="mailto:a@b.org">y</a>', False),
        ('<a href="#notes">x</a> <img src="HTTPS://example.org/a.png">', False),
        ('<a href="https://example.org/">x</a> <img src="../../media/r/a.png">', True),
        ('<a href="/en/other/">x</a>', True),
        ('<a href="?page=2">x</a>', True),
    ],
)
def test_a_body_with_relative_links_is_told_apart(html: str, relative: bool) -> None:
    assert has_relative_links(html) is relative


def test_ninjs_counts_the_words_of_chinese_as_a_newsroom_does(project_output: Path) -> None:
    """Chinese has no spaces between words: counted by spaces, the project's 1,500-character
    release had 18 words. Each Han character counts as one, a Latin word or a number as one."""
    bodies = {}
    for lang in ("zh", "en"):
        path = project_output / lang / "oim-blt-api-pnr" / f"oim-blt-api-pnr.{lang}.ninjs.json"
        bodies[lang] = json.loads(path.read_text(encoding="utf-8"))["bodies"][1]
    assert bodies["en"]["wordCount"] == len(bodies["en"]["value"].split())
    assert bodies["zh"]["wordCount"] > 1200


def test_the_plain_text_gives_phone_numbers_and_addresses_as_written(
    make_site: Any, tmp_path: Path
) -> None:
    """French typography grouped '22 717' of '+41 22 717 9111' with a narrow no-break space
    and left the other spaces: a wire editor's dialler or search found no such number."""
    from click.testing import CliRunner

    from pressgen.cli import main

    french = (
        "---\ntitle: Un titre\ndateline: Genève\ncontacts:\n  - name: Jeanne Dupont\n"
        "    phone: +41 22 717 9111\n    email: j.dupont@example.org\n---\nTexte : 1 000 mots.\n"
    )
    site = make_site({"releases/first-release/fr.md": french})
    out = tmp_path / "out"
    args = ["build", "--site", str(site), "--out", str(out), "--now", "2026-01-01T00:00:00Z"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (text,) = (out / "fr" / "first-release").glob("*.txt")
    written = text.read_text(encoding="utf-8")
    assert "+41 22 717 9111" in written
    assert "Texte\u202f: 1\u202f000 mots." in written  # the body keeps its typography
