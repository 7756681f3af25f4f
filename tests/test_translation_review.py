"""`pressgen translations diff` and the warnings of `translations mark`, as a translator uses
them: through the command line, on a site whose original changes after marking."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.model import Translation
from pressgen.translation_review import changes, figures, review, word_diff
from pressgen.translations_command import translations

from .conftest import PROJECT, SiteWriter

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "es"]

[site.title]
en = "Example Newsroom"
"""

RELEASE = "releases/first-release/"

ENGLISH = """\
---
title: IOM and UNOCT sign an agreement
dateline: Geneva
contacts:
  - name: Jane Doe
    email: jdoe@example.org
---
The agreement was signed today in Geneva by 12 Member States.

"It matters," said Ms. Goracci.

The programme supports 50 Member States.
"""

SPANISH = """\
---
title: La OIM y la UNOCT firman un acuerdo
dateline: Ginebra
contacts:
  - name: Jane Doe
    email: jdoe@example.org
---
El acuerdo fue firmado hoy en Ginebra por 12 Estados Miembros.

"Es importante", dijo la Sra. Goracci.

El programa apoya a 50 Estados Miembros.
"""


@pytest.fixture
def site(make_site: SiteWriter) -> Path:
    """An English original with a faithful Spanish translation, never marked."""
    return make_site(
        {
            RELEASE + "release.yaml": (
                "date: 2024-05-01T10:00:00+02:00\ntype: press-release\n"
                "original: en\nstatus: published\n"
            ),
            RELEASE + "en.md": ENGLISH,
            RELEASE + "es.md": SPANISH,
        },
        config=CONFIG,
        with_default_release=False,
    )


def run(runner: CliRunner, site: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(translations, [*args, "--site", str(site)])
    return result.exit_code, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_diff_shows_what_changed_in_the_original_since_marking(
    runner: CliRunner, site: Path
) -> None:
    assert run(runner, site, "mark", "first-release", "es")[0] == 0
    assert (site / RELEASE / ".translated-from" / "es.md").read_text("utf-8") == ENGLISH
    edit(site / RELEASE / "en.md", "by 12 Member States", "by 14 Member States")
    edit(site / RELEASE / "en.md", "IOM and UNOCT sign", "IOM and UNOCT signed")
    with (site / RELEASE / "en.md").open("a", encoding="utf-8") as handle:
        handle.write("\nA new closing paragraph.\n")
    code, output = run(runner, site, "diff", "first-release", "es")
    assert code == 0, output
    assert "en.md has changed since es.md was marked" in output
    assert "title:\n  IOM and UNOCT [-sign-]{+signed+} an agreement" in output
    assert "paragraph 1:\n  The agreement was signed today in Geneva by [-12-]{+14+}" in output
    assert "paragraph 4 (new):\n  {+A new closing paragraph.+}" in output
    assert "paragraph 2" not in output and "paragraph 3" not in output


def test_diff_of_an_unchanged_original_says_so(runner: CliRunner, site: Path) -> None:
    run(runner, site, "mark", "first-release", "es")
    code, output = run(runner, site, "diff", "first-release", "es")
    assert code == 0
    assert "en.md has not changed since es.md was marked." in output


def test_diff_after_marking_again_compares_with_the_new_copy(runner: CliRunner, site: Path) -> None:
    run(runner, site, "mark", "first-release", "es")
    edit(site / RELEASE / "en.md", "by 12 Member States", "by 14 Member States")
    edit(site / RELEASE / "es.md", "por 12 Estados", "por 14 Estados")
    run(runner, site, "mark", "first-release", "es")
    assert "has not changed" in run(runner, site, "diff", "first-release", "es")[1]


@pytest.mark.parametrize(
    ("prepare", "expected"),
    [
        ("never", "was never marked"),
        ("no copy", "has no copy of the original kept in .translated-from/es.md"),
        ("other copy", "says it was made from another version of the original"),
        ("not text", "the copy of the original kept in .translated-from/es.md cannot be read"),
        ("not a release", "the copy of the original kept in .translated-from/es.md cannot be"),
    ],
)
def test_diff_says_why_it_has_nothing_to_compare_with(
    runner: CliRunner, site: Path, prepare: str, expected: str
) -> None:
    if prepare != "never":
        run(runner, site, "mark", "first-release", "es")
    kept = site / RELEASE / ".translated-from" / "es.md"
    if prepare == "no copy":
        shutil.rmtree(kept.parent)
    if prepare == "other copy":
        edit(kept, "by 12 Member States", "by 13 Member States")
    if prepare == "not text":  # an editor that saved it in another encoding
        kept.write_bytes(b"\xff\xfe garbage")
    if prepare == "not a release":
        kept.write_text("garbage\n", encoding="utf-8")
    code, output = run(runner, site, "diff", "first-release", "es")
    assert code == 1
    assert f"releases/first-release/es.md: translated_from: {expected}" in output
    assert "pressgen translations mark first-release es" in output  # its own words (h141)


def test_diff_refuses_the_original_itself(runner: CliRunner, site: Path) -> None:
    code, output = run(runner, site, "diff", "first-release", "en")
    assert code == 1 and "is the original" in output


def test_marking_a_faithful_translation_warns_of_nothing(runner: CliRunner, site: Path) -> None:
    code, output = run(runner, site, "mark", "first-release", "es")
    assert code == 0 and "warning" not in output


SHOWN = "releases/first-release/es.md"  # as check names a file: warning first


def test_marking_a_translation_a_third_as_long_warns_but_marks(
    runner: CliRunner, site: Path
) -> None:
    short = SPANISH.split('"Es importante"')[0].replace("por 12 Estados Miembros", "")
    (site / RELEASE / "es.md").write_text(short, encoding="utf-8")
    code, output = run(runner, site, "mark", "first-release", "es")
    assert code == 0
    assert f"warning: {SHOWN}: is far shorter than en.md" in output
    assert f"warning: {SHOWN}: has 1 paragraph where en.md has 3" in output
    assert f"warning: {SHOWN}: lacks figures that en.md gives: 12, 50" in output
    assert f"warning: {SHOWN}: lacks names that en.md gives: Goracci" in output
    assert "translated_from: sha256:" in (site / RELEASE / "es.md").read_text("utf-8")


def translation(lang: str, body: str) -> Translation:
    return Translation(lang=lang, title="T", dateline="D", body=body)


def test_a_translation_far_longer_than_expected_is_flagged() -> None:
    original = translation("en", "Short text of ten words, more or less, to translate.")
    padded = translation("es", " ".join(["Texto mucho más largo que el original."] * 6))
    assert any("far longer" in note for note in review(original, padded))


def test_lengths_are_judged_per_language() -> None:
    """Chinese takes about a third of the letters of English for the same text."""
    original = translation("en", "The agreement was signed today in Geneva by the two offices.")
    chinese = translation("zh", "两个办事处今天在日内瓦签署了该协议。")
    assert review(original, chinese) == []


def test_figures_are_compared_whatever_their_digits_and_grouping() -> None:
    assert figures("1,000 and ١٢ and 3\u202f500") == {
        "1000": "1,000",
        "12": "١٢",
        "3500": "3\u202f500",
    }
    original = translation("en", "Supporting 1,000 people in 12 countries.")
    arabic = translation("ar", "دعم ١٠٠٠ شخص في ١٢ بلداً.")
    assert not any("figures" in note for note in review(original, arabic))


def test_a_figure_changed_in_the_headline_is_named() -> None:
    """The original's headline went from 250 to 300 millions; the Arabic one still said 250,
    and `mark` named only the body's paragraphs."""
    body = "The appeal covers shelter, water and health care."
    original = Translation(lang="fr", title="Appel de 300 millions", dateline="G", body=body)
    arabic = Translation(lang="ar", title="نداء بقيمة 250 مليون", dateline="G", body=body)
    assert "lacks figures that fr.md gives: 300" in review(original, arabic)
    summary = Translation(lang="en", title="T", dateline="G", summary="Since 2019.", body=body)
    assert "lacks figures that en.md gives: 2019" in review(summary, translation("es", body))


def test_a_decimal_figure_is_one_figure_named_as_written() -> None:
    """ "2.5" was two figures, 2 and 5, and a translation without it "lacked 5"."""
    assert figures("2.5 million, 1,000.5 and ٢٫٥") == {"25": "2.5", "10005": "1,000.5"}
    original = translation("en", "Prices rose by 2.5 per cent in 2023.")
    french = translation("fr", "Les prix ont augmenté de 2,5 % en 2023.")
    assert not any("figures" in note for note in review(original, french))
    spanish = translation("es", "Los precios subieron un tres por ciento en 2023.")
    assert "lacks figures that en.md gives: 2.5" in review(original, spanish)


def test_names_are_not_expected_in_another_script() -> None:
    original = translation("fr", "« Merci », a déclaré M. Gregorian.")
    russian = translation("ru", "«Спасибо», — заявил г-н Грегориан.")
    assert not any("names" in note for note in review(original, russian))


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff("signed by 12 States", "signed by 14 States") == (
        "signed by [-12-]{+14+} States"
    )


def test_changes_number_paragraphs_as_in_the_new_original() -> None:
    old = translation("en", "One.\n\nTwo.\n\nThree.")
    new = translation("en", "One.\n\nThree, changed.")
    found = changes(old, new)
    assert [c.where for c in found] == ["paragraph 2", "paragraph 3 (removed)"]


def test_the_projects_translations_have_their_originals_kept(runner: CliRunner) -> None:
    for lang in ("en", "es", "ar", "zh", "ru"):
        code, output = run(runner, PROJECT, "diff", "oim-blt-api-pnr", lang)
        assert code == 0, output
        assert "fr.md has not changed" in output
