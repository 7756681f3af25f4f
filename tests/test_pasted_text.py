"""A body pasted from a word processor brings along the dateline and the end mark that
pressgen adds itself: check and build warn of each on its line, and the release publishes."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from .conftest import SiteWriter
from .test_content_checks import MD, RELEASE, build, check, english

FR = RELEASE + "fr.md"
END = (
    "remove this line, since pressgen adds the end mark itself (***) after the text, in every "
    "language and format"
)
DATELINE = (
    "remove it, since pressgen adds the dateline itself before the first paragraph, from "
    "'dateline:' and the release's date (readers would see it twice)"
)


def french(body: str) -> str:
    """fr.md with the seed's dateline; its body starts on line 5."""
    return f"---\ntitle: Un titre\ndateline: New York/Genève\n---\n{body}"


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        pytest.param(
            MD,
            english("The IOM signed.\n\nMore text.\n\n-ENDS-\n\n"),
            f"{MD}:12: body: the text ends with the end mark '-ENDS-': {END}",
            id="ends",
        ),
        pytest.param(
            MD,
            english("The IOM signed.\n\n###\n"),
            f"{MD}:10: body: the text ends with the end mark '###': {END}",
            id="hashes",
        ),
        pytest.param(
            FR,
            french("L'OIM a signé.\n\n- FIN -\n"),
            f"{FR}:7: body: the text ends with the end mark '- FIN -': {END}",
            id="fin",
        ),
        pytest.param(
            MD,
            english("The IOM signed.\n\n**-30-**\n"),
            f"{MD}:10: body: the text ends with the end mark '**-30-**': {END}",
            id="thirty-in-bold",
        ),
        pytest.param(
            MD,
            english("\nGENEVA, 2 December 2026 (IOM) – The IOM signed.\n"),
            f"{MD}:9: body: the first paragraph begins with the dateline 'GENEVA, 2 December "
            f"2026 (IOM) –': {DATELINE}",
            id="dateline-in-capitals-with-date",
        ),
        pytest.param(
            MD,  # a day and month make it a dateline, whatever case follows the dash (h71)
            english("GENEVA, 2 December 2026 – the IOM signed.\n"),
            f"{MD}:8: body: the first paragraph begins with the dateline 'GENEVA, 2 December "
            f"2026 –': {DATELINE}",
            id="dateline-then-lower-case",
        ),
        pytest.param(
            FR,  # the seed as published: the dateline, then the text
            french("New York/Genève  – L'Organisation internationale pour les migrations.\n"),
            f"{FR}:5: body: the first paragraph begins with the dateline 'New York/Genève  –': "
            f"{DATELINE}",
            id="seed-dateline",
        ),
        pytest.param(
            FR,
            french("**NEW YORK/GENEVE**, 15 mars 2021 - L'OIM a signé.\n"),
            f"{FR}:5: body: the first paragraph begins with the dateline '**NEW YORK/GENEVE**, "
            f"15 mars 2021 -': {DATELINE}",
            id="dateline-in-bold-without-accent",
        ),
    ],
)
def test_a_pasted_end_mark_or_dateline_is_a_warning(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, path: str, text: str, expected: str
) -> None:
    """Before, check said OK and the page showed "Geneva, 1 May 2024 – GENEVA, 2 December
    2026 (IOM) – ..." or "-ENDS-" above pressgen's own "***"."""
    site = make_site({path: text})
    checked = check(runner, site)
    assert checked.exit_code == 1
    assert checked.output.splitlines() == [
        f"warning: {expected}",
        "1 warning found; nothing was written.",
    ]
    built = build(runner, site, tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert f"warning: {expected}" in built.output.splitlines()
    assert (tmp_path / "out" / "en" / "first-release" / "index.html").is_file()


@pytest.mark.parametrize(
    "body",
    [
        "Geneva is where the IOM has its headquarters.\n",
        "Geneva-based IOM signed an agreement.\n",
        "Geneva, home to 40 UN agencies – IOM among them – hosted the signing.\n",
        "The IOM signed in Geneva – a first.\n\nGeneva – where it was signed.\n",
        "GENEVAN officials – and others – signed.\n",
        "The IOM signed.\n\nType `###` for a heading.\n",
        "The IOM signed.\n\nThe code:\n\n    ###\n",
        "The IOM signed.\n\nIt ends.\n\nEnds\n",
        "The IOM signed.\n\n### Notes to editors\n\nThe IOM was founded in 1951.\n",
        # a dash that goes on with the sentence, in lower case, is the writer's (h70)
        "Geneva — a city of 200,000 — hosts the talks.\n",
        "Geneva, which hosted the 1951 talks – and the 2026 summit – remains central.\n",
    ],
)
def test_ordinary_text_is_not_taken_for_a_pasted_dateline_or_end_mark(
    runner: CliRunner, make_site: SiteWriter, body: str
) -> None:
    result = check(runner, make_site({MD: english(body)}))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("dateline", "body"),
    [
        ("Москва", "Москва — это крупнейший город Европы.\n"),
        ("Москва", "Москва, 2026 год – важный год для миграции.\n"),
        ("Genève", "Genève, ville de la Convention de 1951 – et du Forum mondial – accueille.\n"),
    ],
)
def test_a_sentence_that_opens_with_the_city_is_not_a_dateline(
    runner: CliRunner, make_site: SiteWriter, dateline: str, body: str
) -> None:
    """Russian writes "is" as a dash, and a French clause may hold a year: the text after
    the dash goes on in lower case, where a pasted dateline opens a new sentence (h70)."""
    text = f"---\ntitle: Un titre\ndateline: {dateline}\n---\n{body}"
    result = check(runner, make_site({FR: text}))
    assert result.exit_code == 0, result.output


def test_a_dateline_behind_a_direction_mark_is_found() -> None:
    """Arabic text pasted from Word often opens with a right-to-left mark (h71)."""
    from pressgen.read.text_warnings import pasted_warnings

    body = "\u200fالقاهرة، 2 ديسمبر 2026 – افتتحت المنظمة الدولية للهجرة مركزا.\n"
    found = pasted_warnings(body, 5, "القاهرة", "ar")
    assert [line for line, _ in found] == [5]
    assert "'\u200fالقاهرة، 2 ديسمبر 2026 –'" in found[0][1]


@pytest.mark.parametrize(
    "body",
    [
        "#WorldRefugeeDay: IOM calls for solidarity.\n",
        "IOM calls for solidarity.\n#WorldRefugeeDay #Migration\n",
    ],
)
def test_a_hashtag_at_the_start_of_a_line_stays_text(body: str) -> None:
    """A hashtag pasted from a post opened a line: Python-Markdown made the line a headline
    as large as the release's own. A heading is `#`, a space, then its words (CommonMark)."""
    from pressgen.render.markdown import body_html

    html = body_html(body + "\n## Figures\n", str)
    assert "#WorldRefugeeDay" in html
    assert "<h1" not in html
    assert "<h2>Figures</h2>" in html
