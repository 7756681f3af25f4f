"""What a reader sees of the PDF's layout: nothing past the text area, no page holding only
the release's last line, the title as written in the metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pressgen.model import Release
from pressgen.render.pdf import release_pdf
from pressgen.render.pdffonts import Typesetter
from pressgen.render.views import RenderContext, prepare_body

from .conftest import SiteWriter
from .pdftools import context, pdf_text, poppler
from .sites import png as sized_png
from .trees import png

LONG = "pneumonoultramicroscopicsilicovolcanoconiosis" + "Xylophonequartz" * 8  # 165 letters
LONG_ARABIC = "والمستشفيات" * 12  # one Arabic word wider than the line
COMPOUND = "Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz"  # fits a line
CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "ar", "zh", "ru"]

[topics]
health = "Migration health"
"""
YAML = (
    "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: en\n"
    "regions: [global]\ntopics: [health]\nstatus: published\n"
)
TEXT = """\
---
title: "TITLE LONG"
dateline: DATELINE
contacts:
  - name: Jane Doe
    email: jdoe@example.org
---
BODY LONG and COMPOUND.

## A heading LONG

- A list item LONG
> A quote LONG

| 1 | LONG |
|---|---|
| x | y |
"""
WORDS = {
    "en": ("A headline", "Geneva", "The body"),
    "ar": ("عنوان البيان", "جنيف", "نص البيان"),
    "zh": ("新闻稿标题", "日内瓦", "新闻稿正文"),
    "ru": ("Заголовок", "Женева", "Текст"),
}


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    return Typesetter()


def render(release: Release, lang: str, ctx: RenderContext, typesetter: Typesetter) -> bytes:
    body = prepare_body(release.translations[lang], ctx.languages[lang], release)
    return release_pdf(release, lang, ctx, body, typesetter)


def _release_text(lang: str, long: str) -> str:
    title, dateline, body = WORDS[lang]
    text = TEXT.replace("TITLE", title).replace("DATELINE", dateline).replace("BODY", body)
    return text.replace("COMPOUND", COMPOUND).replace("LONG", long)


@pytest.fixture
def long_words(make_site: SiteWriter) -> Path:
    files: dict[str, str | bytes] = {"releases/long-words/release.yaml": YAML}
    for lang in WORDS:
        files[f"releases/long-words/{lang}.md"] = _release_text(lang, LONG)
    files["releases/long-words/ar.md"] += f"\n{WORDS['ar'][2]} {LONG_ARABIC}.\n"
    return make_site(files, config=CONFIG, with_default_release=False)


def _one_release_pdf(
    make_site: SiteWriter,
    typesetter: Typesetter,
    tmp_path: Path,
    lang: str,
    text: str,
    files: dict[str, str | bytes] | None = None,
) -> Path:
    """The PDF of a site's one release, written in `lang` alone (with `files` beside it)."""
    written: dict[str, str | bytes] = {
        "releases/one/release.yaml": YAML.replace("original: en", f"original: {lang}"),
        f"releases/one/{lang}.md": text,
    }
    written.update({f"releases/one/{name}": data for name, data in (files or {}).items()})
    site, ctx = context(make_site(written, config=CONFIG, with_default_release=False))
    pdf = tmp_path / f"one.{lang}.pdf"
    pdf.write_bytes(render(site.releases[0], lang, ctx, typesetter))
    return pdf


def _boxes(pdf: Path) -> list[tuple[str, float, float]]:
    """Every word pdftotext finds, with its left and right edges."""
    html = poppler("pdftotext", "-bbox", pdf, "-")
    number = r'"(-?[\d.]+)"'
    pattern = f"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [(word, float(x0), float(x1)) for x0, _, x1, _, word in re.findall(pattern, html)]


@pytest.mark.parametrize("lang", WORDS)
def test_a_word_wider_than_the_line_stays_inside_the_text_area(
    long_words: Path, typesetter: Typesetter, tmp_path: Path, lang: str
) -> None:
    site, ctx = context(long_words)
    pdf = tmp_path / f"long.{lang}.pdf"
    pdf.write_bytes(render(site.releases[0], lang, ctx, typesetter))
    margin = 2.2 / 2.54 * 72  # the template's 2.2 cm, in points
    outside = [w for w, x0, x1 in _boxes(pdf) if x0 < margin - 1 or x1 > 595.28 - margin + 1]
    assert outside == []
    text = pdf_text(pdf)
    assert COMPOUND in text  # a long word that fits a line is never broken
    # the word's letters, and nothing else, follow each other (pdftotext reads a
    # right-to-left line's Arabic words, digits and list markers between its lines)
    assert re.sub("[^A-Za-z\u00ad\u200b\u2060]", "", text).count(LONG) == 6
    if lang == "ar":  # zero-width spaces break it, keeping its letters joined
        assert LONG_ARABIC in re.sub(r"[\s.\u200b]", "", text)  # (its full stop comes first)


def _wide_table(columns: int, rows_count: int = 3, cell: str = "cell{r}x{c}value") -> str:
    head = "| " + " | ".join(f"Column{c}" for c in range(1, columns + 1)) + " |\n"
    rows = "".join(
        "| " + " | ".join(cell.format(r=r, c=c) for c in range(1, columns + 1)) + " |\n"
        for r in range(1, rows_count + 1)
    )
    return head + "|" + " --- |" * columns + "\n" + rows


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_table_of_many_columns_is_made_smaller_to_fit(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, lang: str
) -> None:
    """Fourteen columns of figures cannot break their cells: the table is printed smaller,
    inside the margins, every cell readable (not printed over its neighbours)."""
    title, dateline, body = WORDS[lang]
    text = f"---\ntitle: {title}\ndateline: {dateline}\n---\n{body}:\n\n{_wide_table(14)}"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, lang, text)
    margin = 2.2 / 2.54 * 72
    boxes = _boxes(pdf)
    outside = [w for w, x0, x1 in boxes if x0 < margin - 1 or x1 > 595.28 - margin + 1]
    assert outside == []
    cells = {word for word, _, _ in boxes if word.startswith("cell")}
    assert len(cells) == 3 * 14  # each cell a word of its own: none runs into the next


def test_a_smaller_table_still_runs_over_several_pages(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Made smaller to fit, a table of 14 columns and 70 rows keeps every row, across the
    pages it needs."""
    table = _wide_table(14, 70, "cell{r}x{c}")
    text = f"---\ntitle: A\ndateline: B\n---\nFigures:\n\n{table}"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
    html = poppler("pdftotext", "-bbox", pdf, "-")
    pages = [re.findall(r'yMax="([\d.]+)">(cell[^<]*)<', page) for page in html.split("<page ")]
    cells = [(float(bottom), word) for page in pages for bottom, word in page]
    assert len({word for _, word in cells}) == 70 * 14
    assert sum(1 for page in pages if page) > 1  # the table goes on over the page's end
    lowest = 841.89 - 2.2 / 2.54 * 72  # the bottom margin, in points
    assert max(bottom for bottom, _ in cells) < lowest


ENDING = """\
---
title: A release of NUMBER lines
dateline: Geneva
contacts:
  - name: Jane Doe
    email: jdoe@example.org
  - name: John Roe
    phone: +41 22 717 9111
---
"""


@pytest.fixture
def lengths(make_site: SiteWriter) -> Path:
    """Releases one line longer than each other, so that a page ends at every point of
    their last lines in one of them."""
    files: dict[str, str | bytes] = {}
    for lines in range(15, 50):
        folder = f"releases/lines-{lines:02}"
        files[f"{folder}/release.yaml"] = YAML
        paragraphs = "".join(f"Line {n} of the release.\n\n" for n in range(lines))
        files[f"{folder}/en.md"] = ENDING.replace("NUMBER", str(lines)) + paragraphs
    return make_site(files, config=CONFIG, with_default_release=False)


def test_the_end_mark_contacts_and_topics_stay_together(
    lengths: Path, typesetter: Typesetter, tmp_path: Path
) -> None:
    site, ctx = context(lengths)
    split = []
    for release in site.releases:
        pdf = tmp_path / f"{release.id}.pdf"
        pdf.write_bytes(render(release, "en", ctx, typesetter))
        pages = int(re.findall(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf))[0])
        last = " ".join(pdf_text(pdf, "-f", str(pages), "-l", str(pages)).split())
        wanted = ("***", "For more information", "Jane Doe", "John Roe", "Topics:")
        if not all(line in last for line in wanted):
            split.append(release.id)
    assert split == []


FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji of three joined
EMOJI_TITLE = f"Families reunited {FAMILY} and 👍🏽 café ❤️ fine"


def test_the_title_metadata_is_the_title_as_written(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    site, ctx = context(
        make_site(
            {
                "releases/first-release/en.md": f"""\
---
title: "{EMOJI_TITLE}"
dateline: Geneva
---
A body with {FAMILY} in it.
"""
            }
        )
    )
    pdf = tmp_path / "emoji.pdf"
    pdf.write_bytes(render(site.releases[0], "en", ctx, typesetter))
    info = poppler("pdfinfo", pdf)
    assert f"Title:           {EMOJI_TITLE}\n" in info  # metadata needs no glyph
    text = pdf_text(pdf)  # the printed text leaves the emoji out, and their joiners too
    assert "Families reunited and café fine" in " ".join(text.split())
    assert not any(mark in text for mark in "\u200d\ufe0f")


STRUCTURES = """\
---
title: TITLE
dateline: DATELINE
---
BODY.

Termone
: Definitionone of the first term

## ![Pictureword alone in a heading](pic.png)

DEEP
"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_structure_a_body_may_hold_is_printed(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, lang: str
) -> None:
    """A definition list (Markdown's glossary syntax) stopped every build with Typst's
    "unexpected argument: start"; a heading that is only a picture stopped it as an empty
    heading (PDF/UA). Lists and quotes nested as deep as a body may (16 levels) print every
    word inside the margins: past eight levels, flat."""
    title, dateline, body = WORDS[lang]
    deep = "".join("    " * n + f"- Level{n + 1} Internationalisation\n" for n in range(16))
    deep += "\n" + "> " * 15 + "- Quoted sixteen levels deep: Internationalisation\n"
    deep += "\n" + "> " * 15 + f"- {LONG}\n"  # wider than the line: broken inside it
    text = STRUCTURES.replace("TITLE", title).replace("DATELINE", dateline)
    text = text.replace("BODY", body).replace("DEEP", deep)
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, lang, text, {"pic.png": png(3)})
    words = pdf_text(pdf).split()
    assert {"Termone", "Definitionone", "Level1", "Level16", "Quoted"} <= set(words)
    assert words.count("•") + words.count("‣") + words.count("–") >= 8  # each level's to 8
    margin = 2.2 / 2.54 * 72
    outside = [w for w, x0, x1 in _boxes(pdf) if x0 < margin - 1 or x1 > 595.28 - margin + 1]
    assert outside == []


MERGED = """\
---
title: A table with merged cells
dateline: Geneva
---
Figures:

<table>
<tr><th colspan="2">Widehead</th><th>Rhead</th></tr>
<tr><td rowspan="2">Tallcell</td><td>Onecell</td><td>Twocell</td></tr>
<tr><td>Threecell</td><td>Fourcell</td></tr>
</table>
"""


def test_merged_cells_keep_every_figure_under_its_heading(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Tables pasted from a spreadsheet merge cells: the PDF ignored colspan and rowspan,
    and each figure after a merged cell moved into the next column."""
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", MERGED)
    left = {word: x0 for word, x0, _ in _boxes(pdf)}
    assert abs(left["Twocell"] - left["Rhead"]) < 1
    assert abs(left["Fourcell"] - left["Rhead"]) < 1  # below the merged cell's second row
    assert abs(left["Threecell"] - left["Onecell"]) < 1
    assert left["Widehead"] == pytest.approx(left["Tallcell"], abs=1)


def test_a_right_aligned_column_is_right_aligned_in_the_pdf(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Markdown's `--:` reached the PDF as a style that sanitising removed."""
    text = "---\ntitle: A\ndateline: B\n---\nFigures:\n\n| Country | Peoplecount |\n|---|--:|\n"
    text += "| Chad | 7 |\n"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
    right = {word: x1 for word, _, x1 in _boxes(pdf)}
    assert right["7"] == pytest.approx(right["Peoplecount"], abs=1)


@pytest.mark.parametrize(
    ("lang", "dateline", "order"),
    [
        ("ru", "القاهرة", ["PLACE", "1", "мая", "2024"]),  # from the left
        ("ar", "Geneva", ["٢٠٢٤", "١", "Geneva"]),  # ١ مايو ٢٠٢٤, read from the left
    ],
)
def test_a_place_in_the_other_direction_keeps_the_date_together(
    make_site: SiteWriter,
    typesetter: Typesetter,
    tmp_path: Path,
    lang: str,
    dateline: str,
    order: list[str],
) -> None:
    """An Arabic place in a Russian release took the date's day to its side of the line
    ("1 ,القاهرة мая 2024"), as "Geneva" did in an Arabic one: the page isolates the place
    (<bdi>), and so does the PDF now."""
    # a paragraph in both directions' letters: its direction is the release's
    text = f"---\ntitle: A\ndateline: {dateline}\n---\nThe first paragraph, نص.\n"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, lang, text)
    html = poppler("pdftotext", "-bbox", pdf, "-")
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    line = next(y for _, y, word in found if word == "first")  # the dateline's line
    lefts = {_word(word): float(x) for x, y, word in found if abs(float(y) - float(line)) < 6}
    positions = [lefts[word] for word in order]
    assert positions == sorted(positions), lefts


def _word(found: str) -> str:
    """A word of the dateline, without punctuation; PLACE if it is Arabic (which pdftotext
    gives in the order of its glyphs)."""
    word = found.strip("\u2068\u2069،,")
    return "PLACE" if re.search("[\u0621-\u064a]", word) and len(word) > 3 else word


def test_a_word_that_sets_its_column_is_never_broken_apart(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """A word as wide as its column measured a hair wider than the column it had set, and
    was broken apart: zero-width spaces between its letters, in the copied text too (a
    search for "المرتبة" found nothing), and a word cut in two under its heading."""
    text = "---\ntitle: جدول\ndateline: عمان\n---\nالجدول.\n\n| البلد | المرتبة |\n|---|---|\n"
    text += "| الفلبين | 1 |\n| ابت | 2 |\n"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "ar", text)
    words = pdf_text(pdf).split()
    assert not [word for word in words if "\u200b" in word]
    assert {"المرتبة", "الفلبين", "ابت"} <= set(words)


@pytest.mark.parametrize("title", ["😀🎉", "새로운 소식"])
def test_a_title_no_pdf_font_can_print_leaves_the_other_headings_whole(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, title: str
) -> None:
    """A title of letters no PDF font has is left out of the PDF; the contacts' heading
    then came first, at level 2, and PDF/UA stopped the whole build ("the first heading
    must be of level 1; check the release's pictures")."""
    text = f'---\ntitle: "{title}"\ndateline: Geneva\ncontacts:\n  - name: Jane Doe\n'
    text += "    email: jdoe@example.org\n---\nA body.\n\n## Background\n\nMore of it.\n"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
    printed = " ".join(pdf_text(pdf).split())
    assert "A body. Background More of it." in printed
    assert "Jane Doe" in printed


# pixels per inch as printed: 1200 across the column make about 190, 16 at their size 72
@pytest.mark.parametrize(("size", "ppi"), [((1200, 800), (150, 300)), ((16, 16), (60, 100))])
def test_a_picture_after_text_in_its_paragraph_prints_at_its_own_size(
    make_site: SiteWriter,
    typesetter: Typesetter,
    tmp_path: Path,
    size: tuple[int, int],
    ppi: tuple[int, int],
) -> None:
    """A map written on the line after its sentence (one paragraph) printed as an icon,
    1.2 em tall, where the web page shows it across the column; an icon stays an icon."""
    text = "---\ntitle: A\ndateline: B\n---\nThe map below shows the districts:\n"
    text += "![Map of the districts](map.png)\n"
    pdf = _one_release_pdf(
        make_site, typesetter, tmp_path, "en", text, {"map.png": sized_png(*size)}
    )
    images = [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]
    [printed] = [int(row[12]) for row in images if row[2] == "image"]
    assert ppi[0] <= printed <= ppi[1]


def test_a_picture_in_a_table_line_is_as_high_as_its_letters(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """A map after text in a cell widened its column and shrank the whole table."""
    head = "| " + " | ".join(f"Column{c}" for c in range(8)) + " |\n"
    rule = "|" + "---|" * 8 + "\n"
    row = "| x ![A map](map.png) | " + " | ".join(f"v{c}" for c in range(7)) + " |\n"
    text = "---\ntitle: A\ndateline: B\n---\nA table.\n\n" + head + rule + row
    files = {"map.png": sized_png(1200, 800)}
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text, files)
    images = [row.split() for row in poppler("pdfimages", "-list", pdf).splitlines()[2:]]
    [printed] = [int(row[12]) for row in images if row[2] == "image"]
    assert printed > 1000  # 800 pixels 1.2 em high


def test_a_heading_no_pdf_font_can_print_is_no_heading(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """A heading of Korean (no PDF font has it) was left out, and the next heading's level
    skipped one: PDF/UA stopped the build."""
    for title in ("새로운 소식", "A title"):
        text = f'---\ntitle: "{title}"\ndateline: B\n---\nA body.\n\n## 배경\n\n'
        text += "### Details\n\nMore.\n"
        pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
        assert "Details" in pdf_text(pdf)


def test_a_paragraph_of_hundreds_of_long_words_is_printed(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """The template measures every long word; past a few hundred in one paragraph (each in
    a list item, in a table's cell) Typst stopped with "maximum grouping depth exceeded"
    and the release had no PDF, nor the site a build. Every word is printed, in order."""
    sentence = "Write to press.office.geneva@example.org today"
    words = [f"{sentence} {n}." for n in range(400)]
    cell = " ".join(f"Межправительственная{n}" for n in range(300))
    text = (
        "---\ntitle: A\ndateline: B\n---\n"
        + " ".join(words)
        + "\n\n- > - "
        + " ".join(words)
        + f"\n\n| a | b |\n|---|---|\n| {cell} | x |\n"
    )
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
    footer = re.compile(r"https://\S+/en/one/ Page \d+ of \d+ ")  # may come mid-sentence
    printed = footer.sub("", " ".join(pdf_text(pdf).split()))
    assert all(printed.count(f"example.org today {n}.") == 2 for n in range(400))
    assert all(f"Межправительственная{n}" in printed for n in range(300))


def test_a_long_last_paragraph_starts_on_the_first_page(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """The body's last block keeps to the end mark: a paragraph of 700 words kept whole
    went to the second page, and left the first with the headline alone (h129)."""
    words = " ".join(f"word{n}" for n in range(700))
    text = f"---\ntitle: A\ndateline: Geneva\n---\n{words}.\n"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "en", text)
    first = pdf_text(pdf, "-f", "1", "-l", "1")
    assert "Geneva" in first and "word0 " in first.replace("\n", " ")


def test_arabic_letters_join_across_a_link_as_on_the_page(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Typst shapes a link's words apart from the letters before it: "ب[الموقع](…)" printed
    an isolated ب, wider than the ب that joins (h129). The word is as wide as written plain."""
    body = "أولا بالموقع هنا.\n\nثانيا ب[الموقع](https://example.org) هنا.\n"
    body += "\nثالثا ب**[الموقع](https://example.org/d)** هنا.\n"  # a link in bold (h130)
    text = f"---\ntitle: {WORDS['ar'][0]}\ndateline: {WORDS['ar'][1]}\n---\n{body}"
    pdf = _one_release_pdf(make_site, typesetter, tmp_path, "ar", text)
    widths = [x1 - x0 for word, x0, x1 in _boxes(pdf) if word in ("بالموقع", "بالموقع"[::-1])]
    assert len(widths) == 3 and abs(widths[0] - widths[1]) < 0.2, widths  # each one word


def test_the_end_mark_never_stands_alone_after_a_paragraph_of_some_lines(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """A last paragraph of ten lines was counted long by its bytes and its link's address,
    and the end mark and contacts stood alone on the last page (h130). Wherever the page
    ends, the last page holds some of the last paragraph."""
    last = " ".join(["Lastparagraph words continue here and there."] * 22)
    contact = "contacts:\n  - name: Jane Doe\n    email: jdoe@example.org\n"
    for fillers in range(20, 34, 2):
        body = "".join(f"Filler line number {n} here.\n\n" for n in range(fillers))
        text = f"---\ntitle: A\ndateline: Geneva\n{contact}---\n{body}{last}\n"
        (tmp_path / str(fillers)).mkdir()
        pdf = _one_release_pdf(make_site, typesetter, tmp_path / str(fillers), "en", text)
        pages = int(re.findall(r"Pages:\s+(\d+)", poppler("pdfinfo", pdf))[0])
        assert "Lastparagraph" in pdf_text(pdf, "-f", str(pages), "-l", str(pages)), fillers
