"""Around the PDF: the body's structure, the press kit, the links to the PDF, the settings."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import lxml.html
import pytest

import pressgen
from pressgen.model import Release
from pressgen.problems import InputError
from pressgen.read import read_site
from pressgen.render.feeds import FeedScope, render_feeds
from pressgen.render.html import release_page
from pressgen.render.markdown import body_html
from pressgen.render.ninjs import release_ninjs
from pressgen.render.pdf import release_pdf
from pressgen.render.pdfbody import MAX_DEPTH, BodyLinks, body_blocks
from pressgen.render.pdfcoverage import COVERAGE
from pressgen.render.pdffonts import PdfError, measure_coverage
from pressgen.render.typstd import TypstProcess as Typesetter
from pressgen.render.views import prepare_body

from .conftest import ENGLISH, MINIMAL_CONFIG, PROJECT, RELEASE_YAML, SiteWriter
from .pdftools import context
from .test_pdf import png

LINKS = BodyLinks(
    link=lambda href: "https://news.example.org/en/r/" + href if "//" not in href else href,
    image=lambda src: "/map.png" if src == "map.png" else None,
)


def blocks(markdown: str) -> list[dict[str, object]]:
    return body_blocks(body_html(markdown, lambda text: text), LINKS)


def test_the_body_becomes_blocks_and_runs() -> None:
    found = blocks("Some *emphasis*, **strong** and [a link](x.pdf).\n\n![Map](map.png)\n")
    assert found == [
        {
            "k": "p",
            "c": [
                "Some ",
                {"k": "em", "c": ["emphasis"]},
                ", ",
                {"k": "strong", "c": ["strong"]},
                " and ",
                {"k": "link", "href": "https://news.example.org/en/r/x.pdf", "c": ["a link"]},
                ".",
            ],
        },
        {"k": "figure", "path": "/map.png", "alt": "Map"},
    ]


def test_lists_tables_and_quotes_keep_their_structure() -> None:
    found = blocks("3. three\n4. four\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 |\n")
    assert found[0] == {
        "k": "list",
        "ordered": True,
        "start": 3,
        "items": [[{"k": "p", "c": ["three"]}], [{"k": "p", "c": ["four"]}]],
    }
    assert found[1] == {"k": "quote", "c": [{"k": "p", "c": ["quoted"]}]}
    table = found[2]
    assert (table["k"], table["columns"], table["header"]) == ("table", 2, 1)
    assert [[cell["c"] for cell in row] for row in table["rows"]] == [  # type: ignore[index]
        [[{"k": "p", "c": ["a"]}], [{"k": "p", "c": ["b"]}]],
        [[{"k": "p", "c": ["1"]}], []],  # the missing cell is filled in
    ]


def _table(html: str) -> dict[str, object]:
    (table,) = blocks(html + "\n")
    return table


def test_merged_cells_make_the_grid_a_browser_makes() -> None:
    """An empty row under cells merged down is a row of the grid (a spreadsheet writes one):
    dropped, the next row moved up beside the merged cells. A span of zero runs to the last
    row; one written in other digits (٣) is 1, as browsers read it."""
    grid = _table(
        '<table><tr><td rowspan="2">A</td><td rowspan="2">B</td><td>C</td><td>D</td></tr>'
        '<tr></tr><tr><td>Africa</td><td rowspan="0">10</td><td colspan="\u0663">x</td></tr>'
        "<tr><td>y</td></tr></table>"
    )
    rows = grid["rows"]
    assert isinstance(rows, list) and len(rows) == 4
    assert [cell["c"] for cell in rows[1]] == [[], []]  # beside A and B, under C and D
    assert [(cell["colspan"], cell["rowspan"]) for cell in rows[2]][:3] == [(1, 1), (1, 2), (1, 1)]


def test_merged_cells_never_widen_a_grid_past_a_hundred_columns() -> None:
    """Twenty cells each 100 columns wide over forty rows: 80,000 empty cells to lay out,
    minutes of typesetting for 1.3 KB of text."""
    grid = _table(
        "<table><tr>"
        + '<td colspan="100">w</td>' * 20
        + "</tr>"
        + "<tr><td>x</td></tr>" * 40
        + "</table>"
    )
    assert grid["columns"] == 100 + 19  # the first spans 100, the others one each


def test_a_span_over_a_cell_merged_down_is_cut_where_that_cell_stands() -> None:
    """Browsers let such cells overlap; Typst stopped the build ("cell would span a
    previously placed cell")."""
    grid = _table(
        '<table><tr><td>a</td><td rowspan="3">b</td></tr><tr><td colspan="3">c</td></tr>'
        "<tr><td>d</td><td>e</td><td>f</td></tr></table>"
    )
    rows = grid["rows"]
    assert isinstance(rows, list)
    assert [cell["colspan"] for cell in rows[1]][:1] == [1]


def test_a_row_span_to_the_end_reaches_a_hundred_rows_at_most() -> None:
    """rowspan="0" over 400 empty rows kept them all, 40,000 empty cells: a minute."""
    grid = _table(
        '<table><tr><td rowspan="0">A</td>'
        + "<td>x</td>" * 99
        + "</tr>"
        + "<tr></tr>" * 400
        + "</table>"
    )
    rows = grid["rows"]
    assert isinstance(rows, list) and len(rows) == 100


def test_a_column_of_chinese_sentences_has_no_long_word() -> None:
    """A Chinese cell is no word wider than its column: its characters break anywhere."""
    sentence = "国际移民组织今天在日内瓦发布了年度报告API"
    grid = _table(f"| 地区 | 说明 |\n|---|---|\n| 亚洲 | {sentence} |\n")
    assert grid["longest"] == ["地", "API"]


def test_a_column_aligned_left_or_right_is_so_in_every_direction() -> None:
    """`--:` is the right side of the page in Arabic too, as the page shows it."""
    grid = _table("| a | b | c |\n|:--|--:|---|\n| 1 | 2 | 3 |\n")
    rows = grid["rows"]
    assert isinstance(rows, list)
    assert [cell["align"] for cell in rows[1]] == ["left", "right", "start"]


def test_heading_levels_never_skip() -> None:
    found = blocks("#### Deep\n\n## Up\n\n### Down\n\n# Top\n")
    assert [b["level"] for b in found] == [2, 2, 3, 2]


def test_deep_nesting_is_laid_flat() -> None:
    found = blocks("> " * 30 + "deep\n")
    depth, block = 0, found[0]
    while block["k"] == "quote":
        depth += 1
        block = block["c"][0]  # type: ignore[index]
    assert depth == MAX_DEPTH and block == {"k": "p", "c": ["deep"]}


def test_chinese_lines_join_without_a_space() -> None:
    assert blocks("第一行\n第二行。\nEnglish\nwords\n") == [
        {"k": "p", "c": ["第一行第二行。 English words"]}
    ]


def test_a_line_after_a_hard_break_starts_without_a_space() -> None:
    """The line break of two trailing spaces left the next line's leading space in the
    PDF (" line break here."), which the web page does not show."""
    found = blocks("A first line  \nthe second,  \n**a third**.\n")
    assert found == [
        {
            "k": "p",
            "c": [
                "A first line",
                {"k": "br"},
                "the second,",
                {"k": "br"},
                {"k": "strong", "c": ["a third"]},
                ".",
            ],
        }
    ]


def test_the_coverage_table_matches_the_fonts() -> None:
    pytest.importorskip("fontTools", reason="fontTools not found: pip install -e '.[test]'")
    assert " ".join(COVERAGE.split()) == measure_coverage()


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    return Typesetter()


def test_the_press_kit_holds_every_language_the_photos_and_credits(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    from pressgen.engine import build

    from .trees import CLOCK, NOW, full_build

    site_dir = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: press-release\noriginal: en\nstatus: published\nimage: photo.png\n",
            "releases/first-release/en.md": "---\ntitle: Hello\ndateline: Geneva\n"
            "image:\n  caption: A clinic.\n  credit: IOM/2024\n---\nText ![Map](map.png)\n",
            "releases/first-release/fr.md": "---\ntitle: Bonjour\ndateline: Genève\n"
            "image:\n  caption: Une clinique.\n  credit: OIM/2024\n---\nTexte.\n",
            "releases/first-release/photo.png": png(40, 30),
            "releases/first-release/map.png": png(20, 20),
        }
    )
    out = tmp_path / "public"
    build(site_dir, out, NOW, clock=CLOCK)
    kit = (out / "media/first-release/first-release-press-kit.zip").read_bytes()
    again = full_build(site_dir, tmp_path / "again")
    assert kit == (again / "media/first-release/first-release-press-kit.zip").read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(kit))
    folder = "first-release-press-kit/"
    assert archive.namelist() == [
        folder + name
        for name in (
            "first-release.en.pdf",
            "first-release.en.txt",
            "first-release.fr.pdf",
            "first-release.fr.txt",
            "photos/photo.png",
            "photos/map.png",
            "photos/CREDITS.txt",
        )
    ]
    fr_pdf = (out / "fr/first-release/first-release.fr.pdf").read_bytes()
    assert archive.read(folder + "first-release.fr.pdf") == fr_pdf
    en_text = (out / "en/first-release/first-release.en.txt").read_bytes()
    assert archive.read(folder + "first-release.en.txt") == en_text
    # the photo at full size, as published: the same pixels, without location data
    from PIL import Image

    kept = Image.open(io.BytesIO(archive.read(folder + "photos/photo.png")))
    assert kept.tobytes() == Image.open(io.BytesIO(png(40, 30))).tobytes()
    assert not kept.getexif().get_ifd(0x8825)  # no GPS block
    assert archive.read(folder + "photos/CREDITS.txt").decode() == (
        "photo.png\n  en: A clinic. Photo: IOM/2024\n"
        "  fr: Une clinique. Photo\u202f: OIM/2024\n\nmap.png\n"
    )
    assert {info.date_time for info in archive.infolist()} == {(2024, 5, 1, 10, 0, 0)}
    assert archive.testzip() is None


def printed_photo(
    make_site: SiteWriter, tmp_path: Path, name: str, photo: bytes
) -> tuple[Path, list[list[str]]]:
    """The output of a build of a release whose photo is `photo`, and `pdfimages -list`'s
    rows for its English PDF."""
    from pressgen.engine import build

    from .pdftools import poppler
    from .trees import CLOCK, NOW

    site_dir = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            f"type: press-release\noriginal: en\nstatus: published\nimage: {name}\n",
            f"releases/first-release/{name}": photo,
        }
    )
    out = tmp_path / "public"
    build(site_dir, out, NOW, clock=CLOCK)
    pdf = out / "en/first-release/first-release.en.pdf"
    return out, [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]


def test_a_photographers_dpi_does_not_shrink_a_picture_in_the_pdf(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The JPEG a PDF embeds keeps the original's bytes, "300 dpi" too, and Typst printed
    such a picture a third of the column wide: every picture is sized by its pixels."""
    from PIL import Image

    from pressgen.engine import build

    from .pdftools import poppler
    from .trees import CLOCK, NOW

    def jpeg(dpi: int) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (1200, 800), (122, 31, 92)).save(out, "JPEG", dpi=(dpi, dpi))
        return out.getvalue()

    site_dir = make_site(
        {
            "releases/first-release/dense.jpg": jpeg(300),
            "releases/first-release/plain.jpg": jpeg(72),
            "releases/first-release/en.md": ENGLISH
            + "\n![Dense](dense.jpg)\n\n![Plain](plain.jpg)\n",
        }
    )
    out = tmp_path / "public"
    build(site_dir, out, NOW, clock=CLOCK)
    pdf = out / "en/first-release/first-release.en.pdf"
    rows = [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]
    [dense, plain] = [int(row[12]) for row in rows if row[2] == "image"]
    assert dense == plain
    assert Image.open(out / "media/first-release/dense.jpg").info["dpi"] == (300, 300)


def test_a_small_photo_prints_small_and_sharp(make_site: SiteWriter, tmp_path: Path) -> None:
    """h131: a 320x200 photo was blown up to the column's width, 53 pixels per inch, blurred
    on paper. It prints at 150 per inch, 5.4 cm wide (a large one fills the column:
    `test_a_large_photo_is_printed_at_300_ppi_and_kept_whole_in_the_kit`)."""
    from PIL import Image

    photo = io.BytesIO()
    Image.new("RGB", (320, 200), (122, 31, 92)).save(photo, "JPEG")
    _, images = printed_photo(make_site, tmp_path, "small.jpg", photo.getvalue())
    assert [(row[3], row[12], row[13]) for row in images] == [("320", "150", "150")]


def test_a_cmyk_photo_from_an_agency_is_printed_in_rgb(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """PDF/A wants a CMYK profile for CMYK pixels: the print copy is turned into sRGB, as
    the web copies are, and the release is published with its PDF."""
    from PIL import Image

    cmyk = io.BytesIO()
    Image.new("CMYK", (120, 80), (0, 100, 200, 0)).save(cmyk, "JPEG")
    _, images = printed_photo(make_site, tmp_path, "agency.jpg", cmyk.getvalue())
    assert [(row[3], row[4], row[6]) for row in images] == [("120", "80", "3")]  # RGB


def test_a_large_photo_is_printed_at_300_ppi_and_kept_whole_in_the_kit(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A 3000x2000 photo prints at most 16.6 cm wide: the PDF embeds 2000x1333 pixels (about
    300 per inch), the press kit the original."""
    from PIL import Image

    photo = io.BytesIO()
    Image.effect_noise((3000, 2000), 40).convert("RGB").save(photo, "JPEG", quality=90)
    out, images = printed_photo(make_site, tmp_path, "big.jpg", photo.getvalue())
    assert [(row[3], row[4]) for row in images] == [("2000", "1333")]
    kit = zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip")
    kept = Image.open(io.BytesIO(kit.read("first-release-press-kit/photos/big.jpg")))
    assert kept.size == (3000, 2000)


def test_a_pdf_that_cannot_be_made_leaves_the_pages_as_they_were(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Typst is the one renderer a release can make fail: a build it stops has written
    no page, list or feed, so no page links a PDF that is not there or disagrees with it."""
    from click.testing import CliRunner

    from pressgen.cli import main

    site = make_site()
    out = tmp_path / "public"
    command = ["build", "--site", str(site), "--out", str(out)]
    assert CliRunner().invoke(main, command).exit_code == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    text = site / "releases/first-release/en.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    (site / "templates").mkdir()
    (site / "templates/release.typ").write_text('#panic("a broken template")\n')
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 1
    assert "templates/release.typ:1: panicked with: a broken template (typesetting " in (
        checked.output
    )
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "templates/release.typ:1: panicked with: a broken template (typesetting " in (
        result.output
    )
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before


def test_a_font_the_site_template_names_but_no_file_has_is_told_at_its_line(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Typst only warns of an unknown font (its text would print as boxes); the build
    refuses it and names the line of the site's template that asks for it."""
    from click.testing import CliRunner

    from pressgen.cli import main

    site = make_site()
    shipped = Path(pressgen.__file__).parent / "templates/release.typ"
    lines = shipped.read_text(encoding="utf-8").splitlines()
    font = next(n for n, line in enumerate(lines, 1) if line.strip() == "font: fonts,")
    lines[font - 1] = '  font: ("Comic Sans Nowhere",),'
    (site / "templates").mkdir()
    (site / "templates/release.typ").write_text("\n".join(lines), encoding="utf-8")
    for command in (
        ["check", "--site", str(site)],
        ["build", "--site", str(site), "--out", str(tmp_path / "public")],
    ):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, result.output
        assert f"templates/release.typ:{font}: unknown font family: comic sans nowhere" in (
            result.output
        )


def test_a_build_that_fails_on_one_release_changes_no_file_of_another(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """One release's text corrected, another added that the site's PDF template cannot
    typeset: the build stops, and the corrected release's PDF is still the one its page
    and press kit match (it was rewritten before the failure, with the page left old)."""
    from click.testing import CliRunner

    from pressgen.cli import main
    from pressgen.resources import PACKAGE_TEMPLATES

    layout = (PACKAGE_TEMPLATES / "release.typ").read_text(encoding="utf-8")
    refusing = '#if data.title == "Refused" { panic("not this one") }\n'
    site = make_site({"templates/release.typ": layout + refusing})
    out = tmp_path / "public"
    command = ["build", "--site", str(site), "--out", str(out)]
    assert CliRunner().invoke(main, command).exit_code == 0
    before = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    text = site / "releases/first-release/en.md"
    text.write_text(text.read_text(encoding="utf-8") + "\nA correction.\n", encoding="utf-8")
    (site / "releases/second").mkdir()
    (site / "releases/second/release.yaml").write_text(RELEASE_YAML, encoding="utf-8")
    (site / "releases/second/en.md").write_text(
        ENGLISH.replace("A headline in English", "Refused"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1
    assert "panicked with: not this one (typesetting releases/second/en.md)" in result.output
    after = {path: path.read_bytes() for path in out.rglob("*") if path.is_file()}
    assert after == before


def test_a_gallery_photo_keeps_its_caption_and_credit_in_pdf_kit_and_ninjs(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """With `images:` (a gallery), each language describes each photo by file name: the PDF
    and ninjs show the lead photo's words, the press kit's credits every photo's. The PDF
    says where the other photos are (a release without a gallery does not)."""
    from pressgen.engine import build

    from .pdftools import poppler
    from .trees import CLOCK, NOW

    site_dir = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: press-release\noriginal: en\nstatus: published\n"
            "images: [workshop.png, harbour.png]\n",
            "releases/first-release/en.md": "---\ntitle: Hello\ndateline: Geneva\nimages:\n"
            "  workshop.png:\n    caption: The workshop.\n    credit: IOM/Alice\n"
            "  harbour.png:\n    caption: The harbour.\n    credit: IOM/Bob\n---\nText.\n",
            "releases/first-release/workshop.png": png(40, 30),
            "releases/first-release/harbour.png": png(30, 40),
        }
    )
    out = tmp_path / "public"
    build(site_dir, out, NOW, clock=CLOCK)
    pdf = out / "en/first-release/first-release.en.pdf"
    text = " ".join(poppler("pdftotext", pdf, "-").split())
    assert "The workshop. Photo: IOM/Alice" in text
    # the sheet shows the lead photo only, and says where the others are
    assert "More photos of this release are in its press kit and on its web page." in text
    assert "The harbour." not in text
    kit = zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip")
    credits = kit.read("first-release-press-kit/photos/CREDITS.txt").decode()
    assert credits == (
        "workshop.png\n  en: The workshop. Photo: IOM/Alice\n\n"
        "harbour.png\n  en: The harbour. Photo: IOM/Bob\n"
    )
    ninjs = json.loads((out / "en/first-release/first-release.en.ninjs.json").read_text())
    feature = ninjs["associations"][0]
    assert feature["by"] == "IOM/Alice"
    assert feature["descriptions"] == [{"role": "caption", "value": "The workshop."}]
    folder = site_dir / "releases/first-release"
    yaml = (folder / "release.yaml").read_text(encoding="utf-8")
    (folder / "release.yaml").write_text(yaml.replace(", harbour.png", ""), encoding="utf-8")
    english = (folder / "en.md").read_text(encoding="utf-8")
    kept = english.replace("  harbour.png:\n    caption: The harbour.\n    credit: IOM/Bob\n", "")
    (folder / "en.md").write_text(kept, encoding="utf-8")
    build(site_dir, out, NOW, clock=CLOCK)
    assert "More photos" not in " ".join(poppler("pdftotext", pdf, "-").split())


def test_check_accepts_a_site_template_that_typesets(make_site: SiteWriter) -> None:
    from click.testing import CliRunner

    from pressgen.cli import main
    from pressgen.resources import PACKAGE_TEMPLATES

    template = (PACKAGE_TEMPLATES / "release.typ").read_text(encoding="utf-8")
    site = make_site({"templates/release.typ": template.replace("0.5pt", "0.6pt")})
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_check_tries_a_site_template_in_each_direction_and_script(make_site: SiteWriter) -> None:
    """The site's template was tried on one release in its original language: a mistake
    in its right-to-left (or Chinese) branch passed `check` and stopped the build."""
    from click.testing import CliRunner

    from pressgen.cli import main
    from pressgen.resources import PACKAGE_TEMPLATES

    template = (PACKAGE_TEMPLATES / "release.typ").read_text(encoding="utf-8")
    rtl = '#let is-rtl = data.dir == "rtl"\n'
    broken = template.replace(rtl, rtl + '#if is-rtl { panic("only in Arabic") }\n')
    assert broken != template
    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "ar"]')
    arabic = "---\ntitle: عنوان\ndateline: جنيف\n---\nنص.\n"
    site = make_site(
        {"templates/release.typ": broken, "releases/first-release/ar.md": arabic}, config=config
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "panicked with: only in Arabic (typesetting first-release, ar)" in result.output


def test_pages_link_the_pdf_only_when_the_build_makes_it() -> None:
    site, ctx = context(PROJECT)
    release = site.releases[0]
    body = prepare_body(release.translations["ar"], ctx.languages["ar"], release)
    plain = release_page(release, "ar", release.languages, ctx, body)
    linked = release_page(release, "ar", release.languages, ctx, body, pdf=True, press_kit=True)
    assert b".pdf" not in plain and b"press-kit" not in plain
    tree = lxml.html.fromstring(linked)
    (pdf,) = tree.xpath('//a[@type="application/pdf"]')
    assert pdf.get("href") == "oim-blt-api-pnr.ar.pdf" and pdf.text == "تنزيل ملف PDF"
    (kit,) = tree.xpath('//a[@type="application/zip"]')
    assert kit.get("href") == "../../media/oim-blt-api-pnr/oim-blt-api-pnr-press-kit.zip"
    assert tree.xpath('//link[@rel="alternate"][@type="application/pdf"]/@href') == [
        "oim-blt-api-pnr.ar.pdf"
    ]


def test_ninjs_and_json_feed_list_the_pdf_only_when_the_build_makes_it() -> None:
    site, ctx = context(PROJECT)
    release = site.releases[0]
    url = "https://newsroom.example.org/es/oim-blt-api-pnr/oim-blt-api-pnr.es.pdf"
    body = prepare_body(release.translations["es"], ctx.languages["es"], release)
    without = json.loads(release_ninjs(release, "es", ctx, body))
    item = json.loads(release_ninjs(release, "es", ctx, body, pdf=True))
    assert url not in json.dumps(without)
    assert item["renditions"][-1] == {"name": "pdf", "href": url, "contentType": "application/pdf"}
    for pdf in (False, True):
        feeds = render_feeds(FeedScope("es"), (release,), ctx, lambda r, lang: body, pdf=pdf)
        entry = json.loads(feeds["es/feed.json"])["items"][0]
        expected = [{"url": url, "mime_type": "application/pdf"}] if pdf else None
        assert entry.get("attachments") == expected
        assert url.encode() not in feeds["es/rss.xml"] + feeds["es/atom.xml"]


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('paper = "a5"', "pdf.paper: 'a5' is not a paper size pressgen knows"),
        ('enabled = "yes"', "pdf.enabled: expected true or false"),
        ("papr = 'a4'", "pdf.papr: unknown field 'papr', did you mean 'paper'?"),
    ],
)
def test_pdf_settings_are_checked(make_site: SiteWriter, section: str, message: str) -> None:
    site_dir = make_site(config=MINIMAL_CONFIG + f"\n[pdf]\n{section}\n")
    with pytest.raises(InputError) as raised:
        read_site(site_dir)
    assert message in str(raised.value)


def test_pdf_settings_are_read(make_site: SiteWriter) -> None:
    config = read_site(make_site()).config
    assert (config.pdf_enabled, config.pdf_paper) == (True, "a4")
    site_dir = make_site(config=MINIMAL_CONFIG + '\n[pdf]\nenabled = false\npaper = "us-letter"\n')
    config = read_site(site_dir).config
    assert (config.pdf_enabled, config.pdf_paper) == (False, "us-letter")


def test_a_site_on_us_letter_gets_letter_pdfs_from_its_build(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """An American office sets `[pdf] paper = "us-letter"`: its journalists print the
    release on Letter paper; an A4 PDF is cut at its foot or shrunk by their printer."""
    from pressgen.engine import build

    from .pdftools import poppler
    from .trees import CLOCK, NOW

    site = make_site(config=MINIMAL_CONFIG + '\n[pdf]\npaper = "us-letter"\n')
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    info = poppler("pdfinfo", out / "en/first-release/first-release.en.pdf")
    assert "Page size:       612 x 792 pts (letter)" in info


def test_a_logo_heads_the_letterhead(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    from pressgen.render.pdf import PdfSettings

    from .pdftools import poppler

    site_dir = make_site({"assets/logo.png": png(50, 50)})
    site, ctx = context(site_dir)
    release = site.releases[0]
    body = prepare_body(release.translations["en"], ctx.languages["en"], release)
    pdf = tmp_path / "logo.pdf"
    settings = PdfSettings(logo=site_dir / "assets" / "logo.png")
    pdf.write_bytes(release_pdf(release, "en", ctx, body, typesetter, settings=settings))
    images = poppler("pdfimages", "-list", pdf).splitlines()[2:]
    assert [(row.split()[3], row.split()[4]) for row in images] == [("50", "50")]


def count_typesetting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The languages of the PDFs typeset from now on, one entry a PDF, in order."""
    import pressgen.render.pdf as pdf_module

    typeset: list[str] = []
    original = pdf_module.release_pdf

    def counting(release: Release, lang: str, *rest: object, **options: object) -> bytes:
        typeset.append(lang)
        return original(release, lang, *rest, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "release_pdf", counting)
    return typeset


def test_a_change_in_one_language_typesets_only_that_language(
    make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The press kit takes the other languages' PDFs as the output holds them: a French
    fix does not typeset the English PDF again, and the kit still equals a full build's."""
    from pressgen.engine import build

    from .trees import CLOCK, NOW, assert_same_tree, full_build

    site = make_site(
        {"releases/first-release/fr.md": "---\ntitle: Bonjour\ndateline: Genève\n---\nTexte.\n"}
    )
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    typeset = count_typesetting(monkeypatch)
    (site / "releases/first-release/fr.md").write_text(
        "---\ntitle: Bonjour\ndateline: Genève\n---\nTexte corrigé.\n", "utf-8"
    )
    build(site, out, NOW, clock=CLOCK)
    assert typeset == ["fr"]
    kit = zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip")
    for lang in ("en", "fr"):
        pdf = (out / lang / "first-release" / f"first-release.{lang}.pdf").read_bytes()
        assert kit.read(f"first-release-press-kit/first-release.{lang}.pdf") == pdf
    assert b"corrig" in kit.read("first-release-press-kit/first-release.fr.txt")
    monkeypatch.undo()
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def test_settings_no_pdf_shows_and_a_new_translation_typeset_nothing_again(
    make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A PDF is made again when its release, template, fonts or Typst change: any edit of
    pressgen.toml (the list's page size, a colour) typeset every PDF again, and so did a
    translation added beside them. What a PDF shows (its address, its paper) still does."""
    from pressgen.engine import build

    from .trees import CLOCK, NOW, assert_same_tree, full_build

    site = make_site()
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    typeset = count_typesetting(monkeypatch)
    config = site / "pressgen.toml"
    web_only = '\n[archive]\npage_size = 5\n\n[brand]\naccent = "#004488"\n'
    config.write_text(config.read_text("utf-8") + web_only, "utf-8")
    (site / "releases/first-release/fr.md").write_text(
        "---\ntitle: Bonjour\ndateline: Genève\n---\nTexte.\n", "utf-8"
    )
    build(site, out, NOW, clock=CLOCK)
    assert typeset == ["fr"]
    config.write_text(config.read_text("utf-8") + '\n[pdf]\npaper = "us-letter"\n', "utf-8")
    build(site, out, NOW, clock=CLOCK)
    assert sorted(typeset) == ["en", "fr", "fr"]
    config.write_text(config.read_text("utf-8").replace("news.example.org", "x.example.org"))
    build(site, out, NOW, clock=CLOCK)
    assert len(typeset) == 5
    monkeypatch.undo()
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def test_only_the_logo_of_the_assets_makes_the_pdfs_again(
    make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A PDF shows one file of `assets/`, the logo: the site's stylesheet changing leaves
    every PDF as it is, a new logo makes every PDF again."""
    from pressgen.engine import build

    from .trees import CLOCK, NOW, assert_same_tree, full_build

    site = make_site(
        {"assets/logo.png": png(50, 50), "assets/site.css": "p { margin: 0; }\n"},
        config=MINIMAL_CONFIG + '\n[brand]\nlogo = "logo.png"\n',
    )
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    typeset = count_typesetting(monkeypatch)
    (site / "assets/site.css").write_text("p { margin: 1em; }\n", "utf-8")
    build(site, out, NOW, clock=CLOCK)
    assert typeset == []
    (site / "assets/logo.png").write_bytes(png(60, 60))
    build(site, out, NOW, clock=CLOCK)
    assert typeset == ["en"]
    monkeypatch.undo()
    assert_same_tree(out, full_build(site, tmp_path / "full"))


def test_a_large_logo_is_printed_from_a_copy_its_size_needs(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A logo exported for a billboard (4000×1000) was embedded whole in every PDF of the
    site, thousands of them; the letterhead prints it 1.5 cm high, for which 400 pixels
    are more than 600 per inch."""
    from pressgen.engine import build

    from .pdftools import poppler
    from .trees import CLOCK, NOW

    site = make_site(
        {"assets/logo.png": png(4000, 1000)},
        config=MINIMAL_CONFIG + '\n[brand]\nlogo = "logo.png"\n',
    )
    out = tmp_path / "public"
    build(site, out, NOW, clock=CLOCK)
    pdf = out / "en/first-release/first-release.en.pdf"
    images = [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]
    assert [(row[3], row[4]) for row in images if row[2] == "image"] == [("1600", "400")]


def test_ctrl_c_while_the_typst_process_starts_shows_no_traceback(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A terminal's Ctrl-C reaches every process of the command's group. The Typst process
    is a fresh interpreter that takes a moment to start: stopped in that moment, it printed
    a Python traceback under the build's own message. It now runs apart from the terminal,
    and ends when the build closes its pipe."""
    site = make_site()
    for attempt in range(5):  # on a busy machine the moment can pass unseen: build again
        process, typst = _build_caught_starting_typst(site, tmp_path / f"out-{attempt}")
        if typst:
            break
    assert typst, "five builds ended before their Typst process was seen loading Python"
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (130, -signal.SIGINT), stderr
    assert "Traceback" not in stderr and "stopped by Ctrl-C" in stderr, stderr
    for pid in typst:  # and it ended with the build
        with contextlib.suppress(ChildProcessError, ProcessLookupError):
            assert _wait_gone(pid), f"the Typst process {pid} outlived the build"


def _build_caught_starting_typst(site: Path, out: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """A build started as from a terminal, and its Typst processes once the first is seen
    loading Python (none if the build ended first)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen", "build", "--site", str(site), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # as a terminal
    )
    deadline = time.monotonic() + 60
    while not (typst := _typst_processes_below(process.pid)) or not _answers_ctrl_c(typst[0]):
        if process.poll() is not None:
            process.communicate()
            return process, []
        assert time.monotonic() < deadline, "no Typst process loading Python in 60 s"
        time.sleep(0.001)
    return process, typst


def _typst_processes_below(pid: int) -> list[int]:
    """The Typst processes the build `pid` started (its children running typstd)."""
    found = []
    for name in filter(str.isdigit, os.listdir("/proc")):
        try:
            parent = int(Path(f"/proc/{name}/stat").read_text().rpartition(")")[2].split()[1])
            arguments = Path(f"/proc/{name}/cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if parent == pid and b"pressgen.render.typstd" in arguments:
            found.append(int(name))
    return found


def _answers_ctrl_c(pid: int) -> bool:
    """Whether Python has set its Ctrl-C handler in `pid` (and the Typst process not yet
    its own, which ignores it): the moment it loads its modules."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1)))


def _wait_gone(pid: int, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        if state == "Z":  # ended, its parent gone or not yet reaping it
            return True
        time.sleep(0.05)
    return not Path(f"/proc/{pid}").exists()


def test_a_failure_in_the_typst_process_is_told_to_the_build_not_printed() -> None:
    """The Typst process shares the build's terminal: whatever fails in it goes back to the
    build as an answer (reported as pressgen's own failure), not as a traceback on the
    terminal, and the process goes on to the next PDF."""
    typesetter = Typesetter()
    created = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(RuntimeError, match="the Typst process failed: FileNotFoundError"):
        typesetter.typeset("Text", Path("/nonexistent/folder"), {}, created)
    with pytest.raises(PdfError, match="missing document title"):  # still answering
        typesetter.typeset("Text", Path("/"), {}, created)


def _wait_until_it_ignores_ctrl_c(pid: int) -> None:
    """Until the process has set Ctrl-C aside (a second on an idle machine; a busy one took
    longer, and the signal came while Python was still importing)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = Path(f"/proc/{pid}/status").read_text()
        ignored = int(re.search(r"SigIgn:\s*([0-9a-f]+)", status)[1], 16)  # type: ignore[index]
        if ignored & (1 << (signal.SIGINT - 1)):
            return
        time.sleep(0.05)
    raise AssertionError("the Typst process never set Ctrl-C aside")


@pytest.mark.parametrize("how", ["the build gone", "Ctrl-C"])
def test_the_typst_process_ends_quietly_when_the_build_ends(how: str) -> None:
    """Killed, the build leaves its Typst process a closed pipe; on Ctrl-C the terminal
    signals the whole group. Either way the terminal shows no traceback of it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pressgen.render.typstd", "[]"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None and process.stdout is not None
    if how == "Ctrl-C":
        _wait_until_it_ignores_ctrl_c(process.pid)  # started, waiting for a request
        process.send_signal(signal.SIGINT)
        process.stdin.close()
    else:
        process.stdout.close()  # the build is gone: nobody reads the answer
        request = {"template": "", "root": "/", "inputs": {}, "created": "2026-01-01T00:00:00"}
        process.stdin.write(json.dumps(request).encode() + b"\n")
        process.stdin.close()
    process.wait(timeout=60)
    assert process.stderr is not None
    errors = process.stderr.read()
    assert b"Traceback" not in errors, errors.decode(errors="replace")


@pytest.mark.parametrize(
    ("date", "stamp"),
    [
        (datetime(1970, 6, 1, 12, 0, tzinfo=UTC), (1980, 1, 1, 0, 0, 0)),
        (datetime(2024, 5, 1, 10, 0, 7, tzinfo=UTC), (2024, 5, 1, 10, 0, 6)),
        (datetime(2206, 12, 4, 12, 0, tzinfo=UTC), (2107, 12, 31, 23, 59, 58)),
    ],
)
def test_a_press_kit_is_dated_within_what_a_zip_can_carry(
    date: datetime, stamp: tuple[int, ...]
) -> None:
    """A release dated 2206 (a slip for 2026) stopped every build that made it public: a
    zip entry's year is seven bits from 1980 (h81)."""
    from pressgen.render.presskit import _zip

    archive = zipfile.ZipFile(io.BytesIO(_zip({"a.txt": b"a"}, date)))
    assert archive.infolist()[0].date_time == stamp  # zip keeps even seconds


def test_an_svg_whose_text_no_pdf_font_has_is_warned_of_and_printed_without_it(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """An SVG chart or logo drawing an emoji: check said nothing, and every build stopped
    at Typst's "could not be displayed with a font" (the logo's naming a release). Check
    now names the file, and the PDF leaves the characters out, as it does from the text."""
    from click.testing import CliRunner

    from pressgen.cli import main

    drawn = '<text x="0" y="30">Growth &#x2705; \U0001f600</text>'
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">{drawn}</svg>'
    site = make_site(
        {
            "assets/logo.svg": svg,
            "releases/first-release/chart.svg": svg,
            "releases/first-release/en.md": ENGLISH + "\n![A chart](chart.svg)\n",
        },
        config=MINIMAL_CONFIG + '\n[brand]\nlogo = "logo.svg"\n',
    )
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert "warning: releases/first-release/chart.svg: pdf: no PDF font has '✅'" in (
        checked.output
    ), checked.output
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert (out / "en/first-release/first-release.en.pdf").read_bytes().startswith(b"%PDF")
