"""The PDF as a journalist reads, copies and prints it: pictures without alt text, tables
that do not fit, contacts in a script other than the page's, Chinese copied as written, and
a site template or a language the fonts do not cover told as messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.engine import build
from pressgen.render.pdf import release_pdf
from pressgen.render.pdfbody import BodyLinks, body_blocks
from pressgen.render.pdffonts import Typesetter
from pressgen.render.views import prepare_body

from .conftest import NOW, SiteWriter
from .pdftools import context, pdf_text, poppler
from .sites import png

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "ar", "zh", "ru", "he"]
"""
YAML = (
    "date: 2024-05-01T10:00:00+02:00\ntype: press-release\noriginal: LANG\n"
    "regions: [global]\nstatus: published\n"
)


@pytest.fixture(scope="module")
def typesetter() -> Typesetter:
    return Typesetter()


def _pdf(site_dir: Path, lang: str, typesetter: Typesetter, tmp_path: Path) -> Path:
    site, ctx = context(site_dir)
    release = site.releases[0]
    body = prepare_body(release.translations[lang], ctx.languages[lang], release)
    pdf = tmp_path / f"{release.id}.{lang}.pdf"
    pdf.write_bytes(release_pdf(release, lang, ctx, body, typesetter))
    return pdf


def _site(make_site: SiteWriter, lang: str, text: str, **files: str | bytes) -> Path:
    written: dict[str, str | bytes] = {
        "releases/one/release.yaml": YAML.replace("LANG", lang),
        f"releases/one/{lang}.md": text,
    }
    written.update({f"releases/one/{name}": data for name, data in files.items()})
    return make_site(written, config=CONFIG, with_default_release=False)


def _words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Every word pdftotext finds, with its box (left, top, right, bottom)."""
    html = poppler("pdftotext", "-bbox", pdf, "-")
    number = r'"(-?[\d.]+)"'
    pattern = f"<word xMin={number} yMin={number} xMax={number} yMax={number}>([^<]*)</word>"
    return [
        (word, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


def _overprinted(pdf: Path) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap: text printed over other text."""
    words = _words(pdf)
    return [
        (a[0], b[0])
        for i, a in enumerate(words)
        for b in words[i + 1 :]
        if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5
    ]


@pytest.mark.parametrize("alt", ["", "🗺️"])
def test_a_picture_without_alt_text_is_printed_as_decoration(
    make_site: SiteWriter, runner: CliRunner, tmp_path: Path, alt: str
) -> None:
    """`![](map.png)` is ordinary Markdown (and an emoji the PDF cannot print leaves the
    same): the build makes the PDF with the picture, as `check` promised."""
    text = f"---\ntitle: A map\ndateline: Geneva\n---\nThe routes:\n\n![{alt}](map.png)\n"
    site = _site(make_site, "en", text, **{"map.png": png(60, 40)})
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert "problem" not in checked.output, checked.output
    out = tmp_path / "public"
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    images = poppler("pdfimages", "-list", out / "en/one/one.en.pdf").splitlines()[2:]
    shown = [row.split()[3:5] for row in images if row.split()[2] == "image"]
    assert shown == [["60", "40"]]


def test_a_picture_that_opens_a_paragraph_is_a_figure_above_its_caption() -> None:
    """A picture with its caption on the next line is one Markdown paragraph: the page
    shows the picture full size, and so does the PDF (not as a letter-high icon)."""
    html = '<p><img alt="Map" src="map.png">\n<em>Source: IOM, 2025.</em></p>'
    links = BodyLinks(link=lambda href: href, image=lambda src: "/map.png")
    assert body_blocks(html, links) == [
        {"k": "figure", "path": "/map.png", "alt": "Map"},
        {"k": "p", "c": [{"k": "em", "c": ["Source: IOM, 2025."]}]},
    ]


TABLES = {
    "en": (
        "| Heading 0 | Heading 1 | Heading 2 | Heading 3 | Heading 4 | Heading 5 | Heading 6 |\n"
        "|---|---|---|---|---|---|---|\n" + ("| ABC-2025-000123456 " * 7 + "|\n") * 3
    ),
    "ru": (
        "| Страна | Контртеррористическое управление | Финансирование "
        "| Высокопревосходительство | Примечание | Статус |\n|---|---|---|---|---|---|\n"
        "| Российская Федерация | Контртеррористическое | 1 234 567 "
        "| человеконенавистничество | Международная | Выполняется |\n"
    ),
    "wide": "| "
    + " | ".join(f"Col{n}" for n in range(16))
    + " |\n|"
    + "---|" * 16
    + "\n"
    + ("| 123456789012 " * 16 + "|\n") * 3,
}


@pytest.mark.parametrize("table", TABLES)
def test_a_table_too_wide_for_its_words_never_prints_them_over_each_other(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, table: str
) -> None:
    """Codes such as ABC-2025-000123456, Russian words longer than their column, sixteen
    columns of figures: each cell's text stays in its cell, broken if it must be."""
    lang = "ru" if table == "ru" else "en"
    text = f"---\ntitle: Table\ndateline: Geneva\n---\nFigures:\n\n{TABLES[table]}"
    pdf = _pdf(_site(make_site, lang, text), lang, typesetter, tmp_path)
    words = _words(pdf)
    assert any(word.startswith(("ABC", "Контр", "1234")) for word, *_ in words)
    assert _overprinted(pdf) == []


LONG_RUSSIAN = ("Межправительственная", "противодействующей", "высококвалифицированных")


def test_a_table_narrower_than_its_longest_words_is_printed_smaller_not_broken(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Four columns of long Russian words: every column was given a quarter of the page and
    each word broke where its cell ended ("противодействующ" then "ей"), so that copied
    or searched text found half of them. The table is printed smaller until its longest
    words fit, as a table of eight columns or more already was."""
    row = "| " + " | ".join((*LONG_RUSSIAN, "государствами-членами")) + " |\n"
    table = row + "|---|---|---|---|\n" + row * 3
    text = f"---\ntitle: Таблица\ndateline: Женева\n---\nЦифры:\n\n{table}"
    pdf = _pdf(_site(make_site, "ru", text), "ru", typesetter, tmp_path)
    words = pdf_text(pdf).split()
    for word in (*LONG_RUSSIAN, "государствами-членами"):
        assert words.count(word) == 4, word
    assert _overprinted(pdf) == []


def test_a_latin_contact_in_an_arabic_pdf_reads_from_the_right(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Each part of a contact keeps its own direction, as `<bdi>` does on the page: the
    Arabic reader meets the name first, at the right, and the organisation last."""
    text = (
        "---\ntitle: عنوان\ndateline: جنيف\ncontacts:\n  - name: Laurence Gerard\n"
        "    email: gerardl@un.org\n    org: UNOCT New York\n---\nنص قصير.\n"
    )
    pdf = _pdf(_site(make_site, "ar", text), "ar", typesetter, tmp_path)
    left = {word: x0 for word, x0, *_ in _words(pdf)}
    assert left["Laurence"] > left["gerardl@un.org"] > left["UNOCT"]


def test_contacts_copied_from_a_pdf_hold_no_invisible_marks(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """Every part of a contact was wrapped in direction isolates, which copying carries
    along ("Amina Yusuf\u2069"): a part is isolated only when it holds letters written the
    other way, as a Latin name in an Arabic PDF does."""
    text = (
        "---\ntitle: A\ndateline: Geneva\ncontacts:\n  - name: Amina Yusuf\n"
        "    email: yusuf@iom.int\n    phone: +41 22 717 9111\n    org: IOM\n"
        "  - name: 李明\n    email: liming@example.org\n---\nBody.\n"
    )
    site = make_site(
        {"releases/one/release.yaml": YAML.replace("LANG", "en"), "releases/one/en.md": text},
        config=CONFIG.replace('"zh", "ru", "he"', ""),
        with_default_release=False,
    )
    build(site, tmp_path / "out", NOW)
    copied = poppler("pdftotext", tmp_path / "out/en/one/one.en.pdf", "-")  # marks and all
    assert "Amina Yusuf, yusuf@iom.int, +41 22 717 9111, IOM\n李明, liming" in copied


def test_a_dateline_copied_from_a_pdf_holds_no_invisible_marks(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """h86: every PDF's dateline copied as "Genève\u2069, 4 décembre": the place is isolated
    only when it is written the other way (an Arabic city in an English release)."""
    text = "---\ntitle: A\ndateline: Geneva\n---\nThe first paragraph.\n"
    site = make_site(
        {"releases/one/release.yaml": YAML.replace("LANG", "en"), "releases/one/en.md": text},
        config=CONFIG.replace('"zh", "ru", "he"', ""),
        with_default_release=False,
    )
    build(site, tmp_path / "out", NOW)
    copied = poppler("pdftotext", tmp_path / "out/en/one/one.en.pdf", "-")
    assert "Geneva, " in copied and "\u2068" not in copied and "\u2069" not in copied


@pytest.mark.parametrize(
    ("lang", "compound"), [("ru", "северо-западный"), ("en", "long-term"), ("ar", "long-term")]
)
def test_a_compound_word_is_copied_from_the_pdf_with_its_hyphen(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, lang: str, compound: str
) -> None:
    """h131: a compound broken at its hyphen at the end of a line came back from pdftotext
    as one word without it ("специалистовгидрометеорологов"): poppler takes such a hyphen
    for one that splits a word, and neither word of the compound was found (94 % of a
    Russian body's words). A compound now stays on one line, in a left-to-right paragraph
    of an Arabic release too (h134)."""
    paragraph = " ".join(f"{compound} {n}" for n in range(60))
    text = f"---\ntitle: A\ndateline: B\n---\n{paragraph}\n"
    copied = pdf_text(_pdf(_site(make_site, lang, text), lang, typesetter, tmp_path))
    assert copied.count(compound) == 60


@pytest.mark.parametrize(
    ("lang", "word"), [("en", "emer\u00adgency"), ("ru", "чрез\u00adвычайный")]
)
def test_a_word_pasted_with_soft_hyphens_is_copied_from_the_pdf_whole(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path, lang: str, word: str
) -> None:
    """A soft hyphen pasted from a word processor (U+00AD) let Typst break its word at the
    end of a line, though the PDF's paragraphs are never hyphenated: pdftotext gave back
    "emer\u00ad\u00ad" and "gency" (neither the word), and elsewhere the word with the
    invisible hyphen inside, which a search for it does not find."""
    paragraph = " ".join(f"{word} {n}" for n in range(80))
    text = f"---\ntitle: A\ndateline: B\n---\n{paragraph}\n"
    copied = pdf_text(_pdf(_site(make_site, lang, text), lang, typesetter, tmp_path))
    assert copied.count(word.replace("\u00ad", "")) == 80 and "\u00ad" not in copied


def test_a_compound_whose_letters_carry_signs_is_kept_whole_with_them() -> None:
    """h134: a compound was found from inside a Devanagari cluster ("रत-प" of
    "भारत-पाकिस्तान", the vowel sign left out): its box cut the cluster, and the PDF printed
    the sign apart on a dotted circle; then (h136) such a compound was left to break at its
    hyphen. Its letters are taken with their signs: the whole compound is kept."""
    from pressgen.render.pdfinline import typeset_runs

    text = "भारत-पाकिस्तान सीमा पर राज्य-स्तरीय बैठक, Rho\u0302ne-Alpes"
    assert typeset_runs([text], False, 1, False) == [
        {"k": "word", "text": "भारत-पाकिस्तान"},
        " सीमा पर ",
        {"k": "word", "text": "राज्य-स्तरीय"},
        " बैठक, ",
        {"k": "word", "text": "Rho\u0302ne-Alpes"},  # an accent typed apart from its letter
    ]


@pytest.mark.parametrize(
    ("lang", "text", "other"),
    [
        (
            "ar",
            'نص البيان.\n\nThe Director said: "We act now."\n\nIOM قالت إن العمل مستمر.\n\n'
            "> Quoted at ١٤٠٬٠٠٠, beside its bar.\n\n* A loose item beside its bullet.\n\n* بند"
            "\n\n## An English heading\n\n- A tight item.\n- بند\n\nFinally, the end.",
            "ltr",
        ),
        ("en", 'The statement.\n\n"نحن نعمل الآن."\n\nIOM said work goes on.', "rtl"),
        ("ru", "Заявление.\n\nنحن نساعد 140 000 شخص.\n\nIOM: работа идёт.", "rtl"),  # &nbsp;
    ],
)
def test_a_paragraph_written_the_other_way_runs_its_own_way(
    make_site: SiteWriter, tmp_path: Path, lang: str, text: str, other: str
) -> None:
    """h129: an English paragraph in an Arabic release ran right to left, on the page and in
    the PDF: right-aligned, its full stop at its start. A paragraph all of whose letters
    run the other way says so; one with a letter of the release's way ("IOM قالت") does
    not. In a quotation or a list it stays beside its bar or bullet (h134)."""
    site = _site(make_site, lang, f"---\ntitle: A\ndateline: B\n---\n{text}\n")
    out = tmp_path / "out"
    build(site, out, NOW)
    page = (out / f"{lang}/one/index.html").read_text(encoding="utf-8")
    assert page.count(f'<p dir="{other}">') == (4 if lang == "ar" else 1)  # in a quote too
    # a heading's or a tight list item's words, set apart (h136): its bullet stays put;
    # and the headline's, "A" in an Arabic release
    assert page.count(f'<span dir="{other}">') == (3 if lang == "ar" else 0)
    words = _words(out / f"{lang}/one/one.{lang}.pdf")
    margins = {"left": min(w[1] for w in words), "right": max(w[3] for w in words)}
    [top] = [w[2] for w in words if "Director" in w[0] or w[0] == "نحن"]  # read either way
    line = [w for w in words if abs(w[2] - top) < 3]
    if other == "ltr":  # from the left margin, not pushed to the right
        assert min(w[1] for w in line) < margins["left"] + 2, line
    else:
        assert max(w[3] for w in line) > margins["right"] - 2, line
    for last in [w[2] for w in words if "Finally" in w[0]]:  # kept with the end mark (h136)
        assert min(w[1] for w in words if abs(w[2] - last) < 3) < margins["left"] + 2
    nested = [w[2] for w in words if "Quoted" in w[0] or "bullet" in w[0]]
    assert len(nested) == (2 if lang == "ar" else 0), words
    for top in nested:  # on the release's side, by its bar or bullet
        assert min(w[1] for w in words if abs(w[2] - top) < 3) > margins["left"] + 100


def test_a_heading_written_the_other_way_ends_with_its_own_mark(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """h150: "## What comes next?" in an Arabic release printed "?What comes next" in the
    PDF, its question mark at its start, where the page sets the heading's words apart and
    shows it as written. The PDF's heading runs its own way too."""
    text = "---\ntitle: A\ndateline: B\n---\nنص البيان.\n\n## What comes next?\n\nنص.\n"
    words = _words(_pdf(_site(make_site, "ar", text), "ar", typesetter, tmp_path))
    [last] = [w for w in words if w[0] in ("next", "next?")]
    line = [w for w in words if abs(w[2] - last[2]) < 3]
    assert last[0] == "next?" or [w[0] for w in line if w[1] >= last[3]] == ["?"], line
    # on the release's side, as on the page: the heading's start is right of the middle
    assert min(w[1] for w in line) > 250, line


def test_a_headline_written_the_other_way_ends_with_its_own_mark(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """h150: an Arabic release headlined "Who are we?" printed "?Who are we"."""
    text = "---\ntitle: Who are we?\ndateline: B\n---\nنص البيان.\n"
    words = _words(_pdf(_site(make_site, "ar", text), "ar", typesetter, tmp_path))
    [last] = [w for w in words if w[0] in ("we", "we?")]
    line = [w for w in words if abs(w[2] - last[2]) < 3]
    assert last[0] == "we?" or [w[0] for w in line if w[1] >= last[3]] == ["?"], line
    assert min(w[1] for w in line) > 250, line  # on the release's side, the right


def test_chinese_is_copied_from_the_pdf_as_written(
    make_site: SiteWriter, typesetter: Typesetter, tmp_path: Path
) -> None:
    """No space between Chinese and Latin letters or digits in the copied text, where the
    release has none (Typst's quarter-em spacing reads as one)."""
    text = (
        "---\ntitle: 标题\ndateline: 纽约\n---\n2021年6月2日签署API协议，CT Travel方案第2178号。\n"
    )
    pdf = _pdf(_site(make_site, "zh", text), "zh", typesetter, tmp_path)
    assert "2021年6月2日签署API协议，CT Travel方案第2178号。" in pdf_text(pdf)


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "+41 (0)22 717 9111"), ("ar", "+٤١ (٠)٢٢ ٧١٧ ٩١١١")],
)
def test_a_phone_is_linked_as_the_number_dialled_from_abroad(
    make_site: SiteWriter, runner: CliRunner, tmp_path: Path, lang: str, written: str
) -> None:
    """ "+41 (0)22 717 9111" as written, linked as tel:+41227179111 on the page and in the
    PDF: dialled from abroad, the 0 is not part of the number. The same number written in
    Arabic-Indic digits, as `check` accepts it, was linked as tel:+٤١٢٢٧١٧٩١١١, which no
    phone dials: the link's digits are ASCII, the page shows the number as written."""
    text = f'---\ntitle: A\ndateline: B\ncontacts:\n  - name: C\n    phone: "{written}"\n---\nD.\n'
    site = _site(make_site, lang, text)
    out = tmp_path / "public"
    assert runner.invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    page = (out / f"{lang}/one/index.html").read_text(encoding="utf-8")
    assert 'href="tel:+41227179111"' in page and written in page
    assert "tel:+41227179111" in poppler("pdfinfo", "-url", out / f"{lang}/one/one.{lang}.pdf")


def test_a_phone_in_arabic_indic_digits_reads_in_the_order_written(
    make_site: SiteWriter, runner: CliRunner, tmp_path: Path
) -> None:
    """h131: "+٤١ ٢٢ ٧١٧ ٩١١١" showed as "+٩١١١ ٧١٧ ٢٢ ٤١" on the page and in the PDF
    (Unicode lays such digits out right to left, the spaces between them too): a journalist
    dialled the groups backwards. The page overrides the direction; so does the PDF."""
    written = "+٤١ ٢٢ ٧١٧ ٩١١١"
    text = f'---\ntitle: A\ndateline: B\ncontacts:\n  - name: C\n    phone: "{written}"\n---\nD.\n'
    out = tmp_path / "public"
    site = _site(make_site, "ar", text)
    assert runner.invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    page = (out / "ar/one/index.html").read_text(encoding="utf-8")
    assert f'<bdo dir="ltr">{written}</bdo>' in page
    assert written in pdf_text(out / "ar/one/one.ar.pdf")


def test_a_site_pdf_template_not_saved_as_utf8_is_a_message(
    make_site: SiteWriter, runner: CliRunner
) -> None:
    site = _site(make_site, "en", "---\ntitle: A\ndateline: Geneva\n---\nText.\n")
    (site / "templates").mkdir()
    (site / "templates/release.typ").write_bytes("// Layout\n// Modèle\n".encode("cp1252"))
    for command in (["check"], ["build", "--out", str(site.parent / "out")]):  # h96: build
        result = runner.invoke(main, [*command, "--site", str(site)])  # said internal error
        assert result.exit_code == 1, result.output
        said = "templates/release.typ:2: is not valid UTF-8 text, save the file as UTF-8"
        assert said in result.output
        assert "internal error" not in result.output


def test_a_language_no_pdf_font_covers_is_built_with_a_warning(
    make_site: SiteWriter, runner: CliRunner, tmp_path: Path
) -> None:
    """Hebrew: check warns that the PDF leaves its letters out; the build then makes the
    site (an empty headline is not a reason to stop every other release)."""
    text = "---\ntitle: נקודות מים\ndateline: ז'נבה\n---\n## כותרת\n\nטקסט קצר.\n"
    site = _site(make_site, "he", text)
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert "problem" not in checked.output, checked.output
    assert "the PDF leaves them out" in checked.output
    out = tmp_path / "public"
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "נקודות מים" in (out / "he/one/index.html").read_text(encoding="utf-8")
    assert (out / "he/one/one.he.pdf").read_bytes().startswith(b"%PDF")
