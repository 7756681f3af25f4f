"""`pressgen translations`: which translations are current, stale, unknown or missing."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.model import Translation
from pressgen.read import read_site
from pressgen.translations import (
    HASHED_FIELDS,
    UNHASHED_FIELDS,
    fingerprint,
    with_translated_from,
)
from pressgen.translations_command import translations

from .conftest import PROJECT, SiteWriter

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr", "es", "de"]

[site.title]
en = "Example Newsroom"
"""

RELEASE = "releases/first-release/"

FRENCH = """\
---
title: Un titre en français
dateline: Genève
contacts:
  - name: Jeanne Dupont
    email: jdupont@example.org
    org: Organisation exemple
---
Premier paragraphe du communiqué.

Second paragraphe.
"""

SPANISH = """\
---
title: Un titular en español
dateline: Ginebra
---
Primer párrafo del comunicado.
"""


@pytest.fixture
def site(make_site: SiteWriter) -> Path:
    """English original, French and Spanish translations never marked, German missing."""
    return make_site({RELEASE + "fr.md": FRENCH, RELEASE + "es.md": SPANISH}, config=CONFIG)


def listing(runner: CliRunner, site: Path, *args: str) -> dict[str, str]:
    result = runner.invoke(translations, ["--site", str(site), "--json", *args])
    assert result.exit_code == 0, result.output
    (release,) = json.loads(result.output)["releases"]
    return release["languages"]


def mark(runner: CliRunner, site: Path, *langs: str) -> None:
    result = runner.invoke(translations, ["mark", "first-release", *langs, "--site", str(site)])
    assert result.exit_code == 0, result.output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_unmarked_translations_are_unknown_and_absent_languages_missing(
    runner: CliRunner, site: Path
) -> None:
    assert listing(runner, site) == {
        "en": "original",
        "fr": "unknown",
        "es": "unknown",
        "de": "missing",
    }


def test_a_marked_translation_is_current(runner: CliRunner, site: Path) -> None:
    mark(runner, site, "fr")
    assert listing(runner, site)["fr"] == "current"
    assert listing(runner, site)["es"] == "unknown"


def test_editing_the_original_makes_its_translations_stale(runner: CliRunner, site: Path) -> None:
    mark(runner, site, "fr", "es")
    edit(site / RELEASE / "en.md", "A second paragraph.", "A second paragraph, corrected.")
    assert listing(runner, site) == {
        "en": "original",
        "fr": "stale",
        "es": "stale",
        "de": "missing",
    }
    mark(runner, site, "fr")
    assert listing(runner, site)["fr"] == "current"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("title: A headline in English", "title: A new headline"),
        ("dateline: Geneva", "dateline: New York"),
        ("email: jdoe@example.org", "email: jane.doe@example.org"),
        ("dateline: Geneva", "dateline: Geneva\nsummary: A standfirst."),
    ],
)
def test_every_text_a_translator_carries_over_counts(
    runner: CliRunner, site: Path, old: str, new: str
) -> None:
    mark(runner, site, "fr")
    edit(site / RELEASE / "en.md", old, new)
    assert listing(runner, site)["fr"] == "stale"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("A second paragraph.", "A second paragraph.   "),
        ("\n", "\r\n"),
        ("title: A headline in English", 'title: "A headline in English"'),
        ("First paragraph of the release.\n", "First paragraph of the release.\n\n\n"),
        ("status: published", "status: draft"),
    ],
)
def test_edits_that_change_no_text_keep_translations_current(
    runner: CliRunner, site: Path, old: str, new: str
) -> None:
    mark(runner, site, "fr")
    for name in ("en.md", "release.yaml"):
        path = site / RELEASE / name
        text = path.read_bytes().decode("utf-8")
        path.write_bytes(text.replace(old, new).encode("utf-8"))
    assert listing(runner, site)["fr"] == "current"


def test_unicode_normal_form_of_the_original_does_not_matter(site: Path) -> None:
    original = read_site(site).releases[0].translations["fr"]
    decomposed = replace(original, title="Un titre en franc\u0327ais")
    assert fingerprint(decomposed, "en") == fingerprint(original, "en")


def test_editing_only_the_translation_keeps_it_current(runner: CliRunner, site: Path) -> None:
    mark(runner, site, "fr")
    edit(site / RELEASE / "fr.md", "Second paragraphe.", "Un deuxième paragraphe.")
    assert listing(runner, site)["fr"] == "current"


def test_a_marked_translation_copied_to_start_another_is_not_current(
    runner: CliRunner, site: Path
) -> None:
    mark(runner, site, "fr")
    folder = site / RELEASE
    (folder / "de.md").write_bytes((folder / "fr.md").read_bytes())
    assert listing(runner, site)["de"] == "stale"


def test_json_lists_every_release_sorted_with_the_site_languages(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site(
        {
            RELEASE + "fr.md": FRENCH,
            "releases/another/release.yaml": "date: 2024-06-01T10:00:00Z\n"
            "type: news\noriginal: fr\nstatus: draft\n",
            "releases/another/fr.md": FRENCH,
        },
        config=CONFIG,
    )
    mark(runner, site, "fr")
    result = runner.invoke(translations, ["--site", str(site), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {
        "releases": [
            {
                "id": "another",
                "original": "fr",
                "languages": {"en": "missing", "fr": "original", "es": "missing", "de": "missing"},
            },
            {
                "id": "first-release",
                "original": "en",
                "languages": {"en": "original", "fr": "current", "es": "missing", "de": "missing"},
            },
        ]
    }
    only = runner.invoke(translations, ["--site", str(site), "--json", "--release", "another"])
    assert [r["id"] for r in json.loads(only.output)["releases"]] == ["another"]


def test_the_table_has_a_line_per_language_and_exits_0_even_when_stale(
    runner: CliRunner, site: Path
) -> None:
    mark(runner, site, "fr")
    edit(site / RELEASE / "en.md", "A second paragraph.", "Changed.")
    result = runner.invoke(translations, ["--site", str(site)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:5] == [
        "first-release (original: en)",
        "  en  original",
        "  fr  stale",
        "  es  unknown",
        "  de  missing",
    ]
    assert "1 release: 0 current, 1 stale, 1 unknown, 1 missing" in result.output
    assert result.output.splitlines()[-2:] == [  # not "mark ID LANG", typed as it was (h141)
        # a stale translation was shown only the command that marks it, which hides what
        # changed in the original if run before the translation is brought up to date
        "To see what changed in the original since a stale translation was made: "
        "pressgen translations diff first-release fr",
        "Once a translation is up to date with its original, record it, as in: "
        "pressgen translations mark first-release fr",
    ]


def test_check_fails_only_on_stale_or_unknown(runner: CliRunner, site: Path) -> None:
    failing = runner.invoke(translations, ["--site", str(site), "--check"])
    assert failing.exit_code == 1
    assert "2 translations are stale or unknown." in failing.output
    mark(runner, site, "fr", "es")
    passing = runner.invoke(translations, ["--site", str(site), "--check"])
    assert passing.exit_code == 0, passing.output  # de is missing: not an error


def test_mark_inserts_one_line_and_keeps_every_other_byte(runner: CliRunner, site: Path) -> None:
    path = site / RELEASE / "fr.md"
    before_text = path.read_bytes()
    before = read_site(site).releases[0].translations["fr"]
    mark(runner, site, "fr")
    after_text = path.read_bytes()
    after = read_site(site).releases[0].translations["fr"]
    assert after.translated_from is not None
    line = f"translated_from: {after.translated_from}\n".encode()
    assert after_text == before_text.replace(b"---\nPremier", line + b"---\nPremier")
    assert replace(after, translated_from=None) == before


def test_mark_replaces_an_existing_line_in_place(runner: CliRunner, site: Path) -> None:
    path = site / RELEASE / "fr.md"
    path.write_text(FRENCH.replace("dateline:", "translated_from: sha256:old\ndateline:"))
    mark(runner, site, "fr")
    value = read_site(site).releases[0].translations["fr"].translated_from
    assert path.read_text() == FRENCH.replace("dateline:", f"translated_from: {value}\ndateline:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("---\nt: x\n---\nbody\n", "---\nt: x\ntranslated_from: V\n---\nbody\n"),
        (
            "\ufeff---\r\nt: x\r\n---\r\nb\r\n",
            "\ufeff---\r\nt: x\r\ntranslated_from: V\r\n---\r\nb\r\n",
        ),
        ("---\nt: x\n...\n---\n", "---\nt: x\ntranslated_from: V\n...\n---\n"),
        ("---\ntranslated_from: >\n  a\n  b\nt: x\n---\n", "---\ntranslated_from: V\nt: x\n---\n"),
        (
            "---\n# translated_from: a\nt: x\n---\n",
            "---\n# translated_from: a\nt: x\ntranslated_from: V\n---\n",
        ),
    ],
)
def test_with_translated_from_edits_the_text_minimally(text: str, expected: str) -> None:
    assert with_translated_from(text, "V") == expected


def test_mark_keeps_a_crlf_file_with_byte_order_mark_as_it_is(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    raw = ("\ufeff" + FRENCH.replace("\n", "\r\n")).encode("utf-8")
    site = make_site({RELEASE + "fr.md": raw}, config=CONFIG)
    mark(runner, site, "fr")
    value = read_site(site).releases[0].translations["fr"].translated_from
    expected = raw.replace(
        b"---\r\nPremier", f"translated_from: {value}\r\n---\r\nPremier".encode()
    )
    assert (site / RELEASE / "fr.md").read_bytes() == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["first-release", "en"], "releases/first-release/en.md: is the original"),
        (["first-release", "de"], "releases/first-release/de.md: does not exist"),
        (["first-release", "it"], "releases/first-release: 'it' is not a language of this site"),
        (
            ["no-such-release", "fr"],
            "releases/no-such-release: is not a release of this site, expected",
        ),
        (
            ["../first-release", "fr"],
            "../first-release: is not a release of this site, did you mean 'first-release'?",
        ),
    ],
)
def test_mark_refuses_what_is_not_a_translation(
    runner: CliRunner, site: Path, args: list[str], message: str
) -> None:
    files = {p: p.read_bytes() for p in (site / RELEASE).iterdir()}
    result = runner.invoke(translations, ["mark", *args, "fr", "--site", str(site)])
    assert result.exit_code == 1
    assert message in result.output
    assert {p: p.read_bytes() for p in (site / RELEASE).iterdir()} == files


def test_mark_takes_the_site_of_the_group(runner: CliRunner, site: Path) -> None:
    result = runner.invoke(translations, ["--site", str(site), "mark", "first-release", "fr"])
    assert result.exit_code == 0, result.output
    assert "releases/first-release/fr.md: translated_from: sha256:" in result.output
    assert "(was unknown)" in result.output
    again = runner.invoke(translations, ["--site", str(site), "mark", "first-release", "fr"])
    assert "(already current, unchanged)" in again.output


def test_input_problems_are_listed_not_raised(runner: CliRunner, site: Path) -> None:
    (site / RELEASE / "es.md").write_text("---\ntitle: Sin fecha\n---\nCuerpo.\n")
    result = runner.invoke(translations, ["--site", str(site)])
    assert result.exit_code == 1
    assert "releases/first-release/es.md:2: dateline: is missing" in result.output
    assert "No releases." not in result.output  # h94: said, though the site has one


def test_one_broken_release_leaves_the_others_listed(runner: CliRunner, site: Path) -> None:
    """A colleague's slip in another release must not hide a translator's own table."""
    broken = site / "releases" / "broken"
    broken.mkdir()
    (broken / "release.yaml").write_text("date: 2024-05-01\n")
    result = runner.invoke(translations, ["--site", str(site)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == ["first-release (original: en)", "  en  original"]
    assert any(line.startswith("releases/broken/release.yaml:1: date:") for line in lines)


def test_every_translation_field_is_hashed_or_deliberately_left_out() -> None:
    names = {f.name for f in fields(Translation)}
    assert names == set(HASHED_FIELDS) | set(UNHASHED_FIELDS)


def test_the_projects_own_translations_are_current(runner: CliRunner) -> None:
    """After editing an original, update its translations, then `pressgen translations mark`."""
    result = runner.invoke(translations, ["--site", str(PROJECT), "--check"])
    assert result.exit_code == 0, result.output
