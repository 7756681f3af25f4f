"""The PDF of a release, read back with poppler-utils as a journalist's tools would read it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from pressgen.model import Release
from pressgen.problems import InputError
from pressgen.render.pdf import PdfSettings, printable, release_pdf
from pressgen.render.pdffonts import FONT_FILES, PdfError, Typesetter, covered
from pressgen.render.views import RenderContext, prepare_body

from .conftest import PROJECT, SiteWriter
from .pdftools import context, pdf_text, poppler

LANGUAGES = ("en", "fr", "es", "ar", "zh", "ru")
PUNCTUATION = ".,;:!?«»()[]\"'“”‘’،؛–—…"
CJK = re.compile(r"[\u3400-\u9fff]")
HOSTILE = '#set page(width: 1cm) ] $x^2$ \\ @ref <lbl> #read("/etc/passwd") // /* `raw` = - +'


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    return Typesetter()


@pytest.fixture(scope="module")
def seed() -> tuple[Release, RenderContext]:
    site, ctx = context(PROJECT)
    return site.releases[0], ctx


@pytest.fixture(scope="module")
def seed_pdfs(
    seed: tuple[Release, RenderContext],
    typesetter: Typesetter,
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, Path]:
    release, ctx = seed
    folder = tmp_path_factory.mktemp("pdf")
    found = {}
    for lang in LANGUAGES:
        path = folder / f"{release.id}.{lang}.pdf"
        path.write_bytes(_render(release, lang, ctx, typesetter))
        found[lang] = path
    return found


def _render(
    release: Release, lang: str, ctx: RenderContext, typesetter: Typesetter, **options: object
) -> bytes:
    body = prepare_body(release.translations[lang], ctx.languages[lang], release)
    return release_pdf(release, lang, ctx, body, typesetter, **options)  # type: ignore[arg-type]


def found_share(paragraphs: tuple[str, ...], text: str, lang: str) -> float:
    """The share of the body's words that pdftotext finds (Chinese: of its characters)."""
    body = " ".join(paragraphs)
    if lang == "zh":
        wanted, got = Counter(CJK.findall(body)), Counter(CJK.findall(text))
        return sum(min(n, got[c]) for c, n in wanted.items()) / sum(wanted.values())
    plain = " ".join(text.split())
    words = [w.strip(PUNCTUATION) for w in body.split()]
    words = [w for w in words if w]
    return sum(1 for w in words if w in plain) / len(words)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdftotext_finds_the_body_in_every_language(
    seed: tuple[Release, RenderContext], seed_pdfs: dict[str, Path], lang: str
) -> None:
    release, ctx = seed
    body = prepare_body(release.translations[lang], ctx.languages[lang], release)
    text = pdf_text(seed_pdfs[lang])
    assert found_share(body.paragraphs, text, lang) >= 0.95
    title = "".join(release.translations[lang].title.split()[:3])
    assert title in "".join(text.split())  # pdftotext spaces Chinese from Latin (Typst does)


def test_a_photo_credit_is_italic_but_in_chinese(seed_pdfs: dict[str, Path]) -> None:
    """Chinese has no italics: the seed's credit, "图片：国际移民组织/2017", came out slanted,
    its Latin digits in Noto Sans Italic (h101)."""
    fonts = {lang: poppler("pdffonts", seed_pdfs[lang]) for lang in ("fr", "zh")}
    assert "NotoSans-Italic" in fonts["fr"] and "Italic" not in fonts["zh"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded(seed_pdfs: dict[str, Path], lang: str) -> None:
    rows = poppler("pdffonts", seed_pdfs[lang]).splitlines()[2:]
    assert rows, "no font at all"
    for row in rows:
        name, embedded = row.split()[0], row.split()[-5]
        assert embedded == "yes", name
    expected = {"ar": "Amiri", "zh": "NotoSansSC"}.get(lang, "NotoSans-")
    assert any(expected in row for row in rows)


def test_arabic_runs_right_to_left_and_english_left_to_right(
    seed: tuple[Release, RenderContext], seed_pdfs: dict[str, Path]
) -> None:
    release, _ = seed
    for lang, edge in (("ar", "right"), ("en", "left")):
        words = _words_with_boxes(seed_pdfs[lang])
        first = release.translations[lang].title.split()[0]
        # the headline's first word: the largest text spelling it (pdftotext -bbox writes
        # right-to-left words in visual order)
        x_min, y_min, x_max, _ = max(
            ((x0, y0, x1, y1 - y0) for w, x0, y0, x1, y1 in words if first in (w, w[::-1])),
            key=lambda box: box[3],
        )
        line = [(x0, x1) for w, x0, y0, x1, _ in words if abs(y0 - y_min) < 2]
        if edge == "right":  # the headline's first word ends its line on the right margin
            assert x_max == max(x1 for _, x1 in line) and x_max > 500
        else:
            assert x_min == min(x0 for x0, _ in line) and x_min < 80


def _words_with_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    html = poppler("pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-")
    number = r'"([\d.]+)"'
    pattern = f"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [
        (word.strip("\u200e\u200f\u202a\u202b\u202c"), float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


def test_metadata_title_language_author_date_and_standards(seed_pdfs: dict[str, Path]) -> None:
    info = poppler("pdfinfo", "-isodates", seed_pdfs["fr"])
    assert "Title:           L'OIM et le BLT signent un accord" in info
    assert "Author:          Organisation internationale pour les migrations" in info
    assert "CreationDate:    2021-06-02T14:00:00Z" in info  # the release's date, 16:00+02:00
    assert "Tagged:          yes" in info
    assert "Page size:       595.276 x 841.89 pts (A4)" in info
    xmp = poppler("pdfinfo", "-meta", seed_pdfs["fr"])
    assert "<pdfaid:part>2</pdfaid:part>" in xmp and "<pdfaid:conformance>A" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<rdf:li>fr</rdf:li>" in xmp


def test_page_numbers_and_address_in_the_readers_language(seed_pdfs: dict[str, Path]) -> None:
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", seed_pdfs["fr"])).group(1))  # type: ignore[union-attr]
    assert pages >= 2
    first = pdf_text(seed_pdfs["fr"], "-f", "1", "-l", "1")
    assert f"Page 1 sur {pages}" in first
    assert "https://newsroom.example.org/fr/oim-blt-api-pnr/" in first
    assert f"第1页，共{pages}页" in "".join(pdf_text(seed_pdfs["zh"], "-f", "1", "-l", "1").split())
    assert "Pour plus d'informations, veuillez contacter" in pdf_text(seed_pdfs["fr"])


def test_the_date_is_printed_once_in_the_dateline(seed_pdfs: dict[str, Path]) -> None:
    """h97: the date was printed under the headline and again in the dateline."""
    text = " ".join(pdf_text(seed_pdfs["fr"]).split())
    assert text.count("2 juin 2021") == 1
    assert "New York/Genève, 2 juin 2021" in text


def test_the_same_release_gives_the_same_bytes(
    seed: tuple[Release, RenderContext], typesetter: Typesetter, seed_pdfs: dict[str, Path]
) -> None:
    release, ctx = seed
    for lang in ("ar", "zh"):
        again = _render(release, lang, ctx, typesetter)
        fresh = _render(release, lang, ctx, Typesetter())  # another process would do this
        assert again == fresh == seed_pdfs[lang].read_bytes()


def test_a_preview_banner_heads_every_page(
    seed: tuple[Release, RenderContext], typesetter: Typesetter, tmp_path: Path
) -> None:
    release, ctx = seed
    pdf = tmp_path / "preview.pdf"
    banner = "SOUS EMBARGO JUSQU'AU 2 juin 2021, 16:00 UTC+02:00"
    pdf.write_bytes(_render(release, "fr", ctx, typesetter, banner=banner))
    pages = int(re.search(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf)).group(1))  # type: ignore[union-attr]
    for page in range(1, pages + 1):
        assert banner in pdf_text(pdf, "-f", str(page), "-l", str(page))


def test_us_letter_when_the_site_asks_for_it(
    seed: tuple[Release, RenderContext], typesetter: Typesetter, tmp_path: Path
) -> None:
    release, ctx = seed
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(
        _render(release, "en", ctx, typesetter, settings=PdfSettings(paper="us-letter"))
    )
    assert "612 x 792 pts (letter)" in poppler("pdfinfo", pdf)


RICH = """\
---
title: "TITLE"
dateline: Geneva
image:
  caption: Health workers at a clinic.
  credit: IOM/2024
  alt: Health workers
contacts:
  - name: Jane Doe
    email: jdoe@example.org
    phone: +41 22 717 9111
---
First paragraph with *emphasis*, **strong** and a [link](https://example.org/a?b=1&c=2).

## Background

In the body: BODY_HOSTILE and [the report](report.pdf).

#### Detail

1. One
2. Two
    - nested

> A quote.

| Country | Cases |
|---|---:|
| Chad | 12 |

![A map](map.png)

An emoji 😀 and a smile.
"""


@pytest.fixture
def rich_site(make_site: SiteWriter) -> Path:
    text = RICH.replace("TITLE", HOSTILE.replace("\\", "\\\\").replace('"', '\\"'))
    return make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: press-release\noriginal: en\nregions: [global]\nstatus: published\n"
            "image: photo.png\n",
            "releases/first-release/en.md": text.replace(
                "BODY_HOSTILE", HOSTILE.replace("*", "\\*")
            ),
            "releases/first-release/photo.png": png(64, 40),
            "releases/first-release/map.png": png(32, 32),
            "releases/first-release/report.pdf": b"%PDF-1.4\n",
        }
    )


def test_a_credit_no_pdf_font_can_print_leaves_no_photo_label_alone(
    rich_site: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    """A credit of emoji alone prints nothing: its "Photo:" goes with it, and the
    caption stays."""
    text = rich_site / "releases/first-release/en.md"
    written = text.read_text(encoding="utf-8")
    text.write_text(written.replace("credit: IOM/2024", "credit: \U0001f4f8\u200d\U0001f3a5"))
    site, ctx = context(rich_site)
    pdf = tmp_path / "credit.pdf"
    pdf.write_bytes(_render(site.releases[0], "en", ctx, typesetter))
    printed = " ".join(pdf_text(pdf).split())
    assert "Health workers at a clinic." in printed
    assert "Photo" not in printed


def test_hostile_text_is_printed_as_text(
    rich_site: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    site, ctx = context(rich_site)
    pdf = tmp_path / "hostile.pdf"
    pdf.write_bytes(_render(site.releases[0], "en", ctx, typesetter))
    text = " ".join(pdf_text(pdf).split())
    assert HOSTILE in text  # the headline, character for character
    # the body, as Markdown reads it (`raw` is code, <lbl> an HTML tag that nh3 removes)
    assert (
        'In the body: #set page(width: 1cm) ] $x^2$ \\ @ref #read("/etc/passwd") // /* raw' in text
    )
    assert "root:" not in text
    assert "595.276 x 841.89 pts (A4)" in poppler("pdfinfo", pdf)


def test_body_structure_links_and_images(
    rich_site: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    site, ctx = context(rich_site)
    pdf = tmp_path / "rich.pdf"
    pdf.write_bytes(_render(site.releases[0], "en", ctx, typesetter))
    urls = poppler("pdfinfo", "-url", pdf)
    assert "https://example.org/a?b=1&c=2" in urls
    assert "https://news.example.org/media/first-release/report.pdf" in urls
    assert "mailto:jdoe@example.org" in urls
    images = poppler("pdfimages", "-list", pdf).splitlines()[2:]
    assert {(row.split()[3], row.split()[4]) for row in images} == {("64", "40"), ("32", "32")}
    text = " ".join(pdf_text(pdf).split())
    for expected in (
        "Health workers at a clinic. Photo: IOM/2024",
        "Geneva, May 1, 2024 – First",
        "Background",
        "Detail",
        "1. One",
        "A quote.",
        "Country Cases",
        "Chad 12",
        "***",
        "For more information, please contact:",
        "Jane Doe",
    ):
        assert expected in text, expected


def test_characters_no_font_has_are_left_out_with_a_warning(
    rich_site: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    site, ctx = context(rich_site)
    release = site.releases[0]
    body = prepare_body(release.translations["en"], ctx.languages["en"], release)
    text = (rich_site / "releases/first-release/en.md").read_text(encoding="utf-8")
    line = text.partition("😀")[0].count("\n") + 1
    problems = [p for p in release.warnings if p.field == "pdf"]
    assert [str(p) for p in problems] == [
        f"releases/first-release/en.md:{line}: pdf: no PDF font has '😀' (U+1F600): the PDF "
        "leaves them out; replace them with words if they matter"
    ]
    pdf = tmp_path / "emoji.pdf"
    pdf.write_bytes(release_pdf(release, "en", ctx, body, typesetter))
    assert "An emoji and a smile." in " ".join(pdf_text(pdf).split())


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("🎉 IOM scales up its response", "IOM scales up its response"),
        ("Well done 🎉 all.", "Well done all."),
        ("A new line\n😀 starts here", "A new line\nstarts here"),
        ("It ends 🎉", "It ends"),
        ("Joined🎉 to a word", "Joined to a word"),
        ("A family 👨\u200d👩\u200d👧 photo", "A family photo"),
    ],
)
def test_a_character_left_out_leaves_no_extra_space(written: str, printed: str) -> None:
    """An emoji left out of the PDF takes a space with it: no line or title begins with a
    space, and no two words are set apart by two."""
    dropped: dict[str, None] = {}
    assert printable(written, covered(), dropped) == printed
    assert dropped


def test_a_missing_font_is_an_error_not_empty_boxes(seed: tuple[Release, RenderContext]) -> None:
    release, ctx = seed
    without_chinese = Typesetter([f for f in FONT_FILES if "notosanssc" not in f.path])
    # Typst reports the missing family; PDF/A, the text it could not set: either stops it
    pattern = r"^releases/oim-blt-api-pnr/zh.md: pdf: .*(unknown font family|could not be display)"
    with pytest.raises(PdfError, match=pattern):
        _render(release, "zh", ctx, without_chinese)


def test_an_unreadable_image_is_a_message_before_any_pdf(make_site: SiteWriter) -> None:
    """The reader opens every photo: one that cannot be read never reaches Typst."""
    site_dir = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: press-release\noriginal: en\nstatus: published\nimage: photo.jpg\n",
            "releases/first-release/photo.jpg": b"not a jpeg",
        }
    )
    with pytest.raises(
        InputError,
        match=r"releases/first-release/photo.jpg: is not a JPEG, PNG, WebP or GIF picture",
    ):
        context(site_dir)


def test_a_site_template_replaces_the_packaged_one(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    template = (
        "#let data = json(bytes(sys.inputs.release))\n#set document(title: data.meta.title)\n"
        '#set text(font: "Noto Sans", lang: data.lang)\nSITE TEMPLATE: #data.title\n'
    )
    site, ctx = context(make_site({"templates/release.typ": template}))
    pdf = tmp_path / "site.pdf"
    pdf.write_bytes(_render(site.releases[0], "en", ctx, typesetter))
    assert pdf_text(pdf).strip() == "SITE TEMPLATE: A headline in English"


def test_a_corrected_release_shows_its_corrections(
    seed: tuple[Release, RenderContext], typesetter: Typesetter, tmp_path: Path
) -> None:
    release, ctx = seed
    from datetime import datetime, timedelta, timezone

    from pressgen.model import Correction

    when = datetime(2021, 6, 3, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    corrected = replace(release, corrections=(Correction(when, {"es": "Se corrigió un nombre."}),))
    pdf = tmp_path / "corrected.pdf"
    pdf.write_bytes(_render(corrected, "es", ctx, typesetter))
    assert (
        "Actualizado el 3 de junio de 2021 a las 9:00 GMT+02:00: Se corrigió un nombre."
        in " ".join(pdf_text(pdf).split())
    )


def png(width: int, height: int) -> bytes:
    """A small RGB PNG, written with zlib (no imaging library needed)."""
    import struct
    import zlib

    rows = b"".join(
        b"\x00" + b"".join(bytes((x * 255 // width, y * 255 // height, 128)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_the_same_site_in_another_folder_gives_the_same_bytes(
    rich_site: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    import shutil

    moved = shutil.copytree(rich_site, tmp_path / "elsewhere" / "deeper")
    first, second = (context(folder) for folder in (rich_site, moved))
    assert _render(first[0].releases[0], "en", first[1], typesetter) == _render(
        second[0].releases[0], "en", second[1], typesetter
    )
