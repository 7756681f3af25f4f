"""A number written in groups in the body of a right-to-left release ("+41 22 717 9111",
"(022) 717-91-11", "1 000 000", "+٤١ ٢٢ ٧١٧ ٩١١١") reads in the order written in every
output: Unicode's bidirectional algorithm gave the spaces and brackets between its groups
the paragraph's direction, and the groups came out backwards ("9111 717 22 41+"). The
media contacts were already set apart (h131, h134); the body was not (h139)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html as lxml_html

from pressgen.bidi import numbers_in_written_order
from pressgen.cli import main
from pressgen.engine import build
from pressgen.render.markdown import body_html
from pressgen.typography import right_to_left_typography

from .conftest import NOW, SiteWriter
from .pdftools import poppler

LRI, PDI, LRO, PDF = "\u2066", "\u2069", "\u202d", "\u202c"


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("هاتف +41 22 717 9111.", f"هاتف {LRI}+41 22 717 9111{PDI}."),
        ("رقم (022) 717-91-11 للصحفيين", f"رقم {LRI}(022) 717-91-11{PDI} للصحفيين"),
        ("رقم +41 (0)22 717 9111", f"رقم {LRI}+41 (0)22 717 9111{PDI}"),
        ("نحو 1 000 000 شخص", f"نحو {LRI}1 000 000{PDI} شخص"),
        ("نحو 1\u00a0000\u00a0000 شخص", f"نحو {LRI}1\u00a0000\u00a0000{PDI} شخص"),
        ("نحو 12 500 شخص", f"نحو {LRI}12 500{PDI} شخص"),
        ("في 2023 1 200 مهاجر", f"في 2023 {LRI}1 200{PDI} مهاجر"),  # a year, a figure (h142)
        ("هاتف 022 717 91 11", f"هاتف {LRI}022 717 91 11{PDI}"),
        ("الرقم +41-22-717-9111", f"الرقم {LRI}+41-22-717-9111{PDI}"),  # the + would move
        ("الهاتف +٤١ ٢٢ ٧١٧ ٩١١١", f"الهاتف {LRO}+٤١ ٢٢ ٧١٧ ٩١١١{PDF}"),
        ("(+41 22 717 9111)", f"({LRI}+41 22 717 9111{PDI})"),
    ],
)
def test_a_number_in_groups_is_set_apart_left_to_right(written: str, shown: str) -> None:
    assert numbers_in_written_order(written) == shown


@pytest.mark.parametrize(
    "written",
    [
        "31 مليون",  # a lone number
        "في 2026-12-05 و05.12.2026",  # already one left-to-right run
        "بين 10 و20 و 30",  # numbers separated by words
        "من 10 - 20",  # a range
        "القرارين 2178 (2014) و2396 (2017)",  # a resolution and its year
        "(2019) 50 دولة",  # a year in brackets, then a number
        "عام 2021 25 حالة",  # numbers side by side, read one by one (h140)
        "الصفحات 12 13 14",
        "في 2024 500 شخص",  # a year and a count: seven digits, no phone (h142)
        "١٩٩٠-٢٠٠٠ و٢٠٢٦-١٢-٠٥",  # an Arabic-Indic range and date read right to left
        "٣٫٥ و٣.٥",  # decimals
        "https://example.org/report-2026-12 و/a/1 2",  # addresses and paths
        f"هاتف {LRI}+41 22 717 9111{PDI}",  # already set apart by its writer
        f"رقم {LRO}+٤١ ٢٢ ٧١٧ ٩١١١{PDF} و{LRI}(022) 717-91-11{PDI}",
    ],
)
def test_what_is_no_number_in_groups_stays_as_written(written: str) -> None:
    assert numbers_in_written_order(written) == written


def test_only_the_text_of_a_right_to_left_body_is_changed() -> None:
    """Code, a link's address and attributes stay as written; a left-to-right body too."""
    body = (
        "اتصلوا [بالرقم +41 22 717 9111](tel:+41227179111) أو `+41 22 717 9111`.\n\n"
        '<abbr title="1 000 000">مليون</abbr>\n\n    +41 22 717 9111\n'
    )
    html = body_html(body, right_to_left_typography)
    assert f'rel="noopener noreferrer">بالرقم {LRI}+41 22 717 9111{PDI}</a>' in html
    assert 'href="tel:+41227179111"' in html
    assert "<code>+41 22 717 9111</code>" in html
    assert '<abbr title="1 000 000">' in html
    assert "<pre><code>+41 22 717 9111\n</code></pre>" in html
    assert LRI not in body_html(body, str)


def test_numbers_side_by_side_by_the_thousand_stay_as_written() -> None:
    """15,000 numbers side by side ("12 12 12 ..."), 45 KB of an Arabic body, took 14 s to
    look through, and a build 17 s (a 180 KB body, minutes): each space was tried as the
    start of a figure by slicing and reading the rest again. They stay as written (the time
    it takes is measured by bench/hostile.py)."""
    text = "أرقام الصفحات: " + "12 " * 15_000 + "نهاية."
    assert numbers_in_written_order(text) == text


def test_a_long_arabic_body_of_numbers_builds(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    numbers = "12 " * 15_000
    text = f"---\ntitle: بيان\ndateline: جنيف\n---\nالصفحات {numbers}نهاية.\n"
    site = make_site(
        {
            "releases/one/release.yaml": YAML,
            "releases/one/ar.md": text,
        },
        config=CONFIG + "\n[pdf]\nenabled = false\n",
        with_default_release=False,
    )
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "out/ar/one/index.html").read_text("utf-8")
    assert f"الصفحات {numbers}نهاية." in page


BODY = (
    "للاستفسار: +41 22 717 9111 أو (022) 717-91-11 أو +٤١ ٢٢ ٧١٧ ٩١١١.\n\n"
    "وصل عدد النازحين إلى 1 000 000 شخص، منهم 31 مليون طفل، في 2026-12-05.\n"
)
CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "ar"
languages = ["ar", "en"]
"""
YAML = "date: 2025-05-01T10:00:00+02:00\ntype: press-release\noriginal: ar\nstatus: published\n"


@pytest.fixture
def built(make_site: SiteWriter, tmp_path: Path) -> Path:
    """An Arabic release and its English translation, holding the same numbers."""
    site = make_site(
        {
            "releases/one/release.yaml": YAML,
            "releases/one/ar.md": f"---\ntitle: بيان\ndateline: جنيف\n---\n{BODY}",
            "releases/one/en.md": "---\ntitle: A\ndateline: Geneva\n---\n"
            "Call +41 22 717 9111 or (022) 717-91-11: 1 000 000 people.\n",
        },
        config=CONFIG,
        with_default_release=False,
    )
    out = tmp_path / "out"
    build(site, out, NOW)
    return out


def test_the_arabic_page_sets_each_number_apart(built: Path) -> None:
    tree = lxml_html.fromstring((built / "ar/one/index.html").read_bytes())
    body = tree.xpath("//*[contains(@class, 'release-body')]")[0]
    isolated = [
        (e.tag, e.get("dir"), e.text_content())
        for e in body.iter("bdi", "bdo")
        if e.get("dir") == "ltr"
    ]
    assert isolated == [
        ("bdi", "ltr", "+41 22 717 9111"),
        ("bdi", "ltr", "(022) 717-91-11"),
        ("bdo", "ltr", "+٤١ ٢٢ ٧١٧ ٩١١١"),
        ("bdi", "ltr", "1 000 000"),
    ]
    text = body.text_content()
    assert "31 مليون" in text and " 2026-12-05." in text
    assert not any(mark in text for mark in (LRI, PDI, LRO, PDF))  # markup, not marks


def test_the_english_page_is_as_written(built: Path) -> None:
    page = (built / "en/one/index.html").read_text("utf-8")
    assert "Call +41 22 717 9111 or (022) 717-91-11: 1 000 000 people." in page
    assert "<bdi dir" not in page and LRI not in page


def test_the_arabic_plain_text_isolates_each_number(built: Path) -> None:
    text = (built / "ar/one/one.ar.txt").read_text("utf-8")
    assert (
        f"{LRI}+41 22 717 9111{PDI} أو {LRI}(022) 717-91-11{PDI} أو {LRO}+٤١ ٢٢ ٧١٧ ٩١١١{PDF}."
        in text
    )
    assert f"إلى {LRI}1 000 000{PDI} شخص، منهم 31 مليون طفل، في 2026-12-05." in text
    assert LRI not in (built / "en/one/one.en.txt").read_text("utf-8")


def _lines(pdf: Path) -> list[list[str]]:
    """The words of a PDF, line by line, each line from left to right, without marks."""
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>',
        poppler("pdftotext", "-bbox", pdf, "-"),
    )
    lines: dict[int, list[tuple[float, str]]] = {}
    for x, y, word in found:
        lines.setdefault(round(float(y)), []).append((float(x), word.strip(LRI + PDI + LRO + PDF)))
    return [[word for _, word in sorted(words)] for _, words in sorted(lines.items())]


@pytest.mark.parametrize(
    "groups",
    [["+41", "22", "717", "9111"], ["+٤١", "٢٢", "٧١٧", "٩١١١"], ["1", "000", "000"]],
)
def test_the_arabic_pdf_lays_each_number_out_in_its_order(built: Path, groups: list[str]) -> None:
    lines = _lines(built / "ar/one/one.ar.pdf")
    line = next(line for line in lines if groups[-1] in line and groups[1] in line)
    assert [word for word in line if word in groups] == groups, line
