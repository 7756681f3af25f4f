"""A label the site's catalogs do not translate yet is shown in English on a page in
another language ("Europe" on a French page): it says so with `lang="en"`, so that a
screen reader reads it as English, not as French (WCAG's "language of parts"). A label
translated, and every label of an English page, carries no `lang` of its own."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from click.testing import CliRunner

from .conftest import FRENCH_LABELS, MINIMAL_CONFIG, SiteWriter
from .pdftools import tagged_languages
from .test_content_checks import build

CONFIG = MINIMAL_CONFIG.replace(
    "[topics]", '[regions]\neurope = "Europe"\n\n[topics]\nclimate = "Climate and migration"'
)
RELEASE = """\
date: 2024-05-01T10:00:00+02:00
type: press-release
original: en
regions: [europe]
topics: [climate, health]
status: published
"""
FRENCH = "---\ntitle: Un titre\ndateline: Genève\n---\nUn paragraphe.\n"


def built(runner: CliRunner, make_site: SiteWriter, tmp_path: Path) -> Path:
    files = {"releases/first-release/release.yaml": RELEASE, "releases/first-release/fr.md": FRENCH}
    site = make_site(files, config=CONFIG)
    result = build(runner, site, tmp_path / "out")
    assert result.exit_code == 0, result.output
    return tmp_path / "out"


def marked(page: Path) -> dict[str, set[str | None]]:
    """Each link's or label's text with the `lang` of each place it has, on a release or
    list page."""
    tree = lxml.html.fromstring(page.read_bytes())
    found: dict[str, set[str | None]] = {}
    for element in tree.xpath("//main//a | //main//*[@class='release-type']"):
        found.setdefault(" ".join(element.text_content().split()), set()).add(element.get("lang"))
    return found


def test_an_untranslated_region_and_topic_say_they_are_english(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    french = marked(built(runner, make_site, tmp_path) / "fr/first-release/index.html")
    assert french["Europe"] == {"en"}
    assert french["climate and migration"] == {"en"}  # in running text, as the topics line is
    assert french["santé des migrants"] == {None}  # translated by the site's catalog
    assert french["Communiqué"] == {None}  # pressgen's own catalog


def test_an_english_page_marks_no_label(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    english = marked(built(runner, make_site, tmp_path) / "en/first-release/index.html")
    assert english["Europe"] == {None}
    assert english["climate and migration"] == {None}


def test_lists_mark_the_untranslated_labels_of_their_entries_and_of_the_archive(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    index = marked(built(runner, make_site, tmp_path) / "fr/index.html")
    assert index["Europe"] == {"en"}  # the entry's region, and the archive's list of regions
    assert index["Climate and migration"] == {"en"}  # the archive's list of topics
    assert index["Santé des migrants"] == {None}
    assert index["Communiqué"] == {None}
    assert index["2024"] == {None}


def test_the_pdf_tags_an_untranslated_region_as_english(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    pdf = built(runner, make_site, tmp_path) / "fr/first-release/first-release.fr.pdf"
    # the document is French; of its labels, only the region "Europe" is in English (the
    # type has pressgen's translation; the topics' line is not tagged part by part)
    assert "fr" in tagged_languages(pdf)
    assert tagged_languages(pdf).count("en") == 1


def test_a_pdf_tags_no_region_once_it_is_translated(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    europe = 'msgid "Europe"\nmsgstr "Europe"\n'  # the same word, now French by decision
    files = {
        "releases/first-release/release.yaml": RELEASE,
        "releases/first-release/fr.md": FRENCH,
        "locales/fr/LC_MESSAGES/messages.po": FRENCH_LABELS + "\n" + europe,
    }
    result = build(runner, make_site(files, config=CONFIG), tmp_path / "out")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out/fr/first-release/first-release.fr.pdf"
    assert "en" not in tagged_languages(pdf)
