"""pressgen.toml slips told where they were made: tomllib reports a list left open on the
line after it, and a section declared twice without saying where the first one is."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import MINIMAL_CONFIG, SiteWriter


def checked(runner: CliRunner, make_site: SiteWriter, config: str) -> str:
    result = runner.invoke(main, ["check", "--site", str(make_site(config=config))])
    assert result.exit_code == 1, result.output
    return result.output


def test_a_section_declared_twice_names_both_lines(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    config = MINIMAL_CONFIG + '\n[topics]\nclimate = "Climate"\n'
    lines = config.split("\n")
    first = lines.index("[topics]") + 1
    second = len(lines) - lines[::-1].index("[topics]")
    assert (
        f"pressgen.toml:{second}: [topics] is declared a second time (the first is on line "
        f"{first}): keep one [topics] and put all its keys under it"
    ) in checked(runner, make_site, config)


@pytest.mark.parametrize(
    ("written", "told"),
    [
        pytest.param(
            'languages = ["en", "fr"',
            "the list opened on this line is never closed: end it with ] on the same line, "
            'e.g. languages = ["en", "fr"]',
            id="left open",
        ),
        pytest.param(  # tomllib said "Unclosed array (at line 3, column 19)" (h127)
            "languages = ['en' 'fr']",
            "the list's items need commas between them: languages = ['en', 'fr']",
            id="without commas",
        ),
    ],
)
def test_a_list_written_wrong_is_named_on_its_own_line(
    runner: CliRunner, make_site: SiteWriter, written: str, told: str
) -> None:
    config = MINIMAL_CONFIG.replace('languages = ["en", "fr"]', written)
    line = config.split("\n").index(written) + 1
    assert f"pressgen.toml:{line}: languages: {told}" in checked(runner, make_site, config)


def test_a_quote_left_open_is_named_in_words(runner: CliRunner, make_site: SiteWriter) -> None:
    """tomllib says "Illegal character '\\n'": the end of the line, inside a value whose
    quote was never closed."""
    config = MINIMAL_CONFIG.replace('en = "Example Newsroom"', 'en = "Example Newsroom')
    line = config.split("\n").index('en = "Example Newsroom') + 1
    assert (
        f'pressgen.toml:{line}: en: the quote " that opens this value is never closed on its '
        'line: end the value with "'
    ) in checked(runner, make_site, config)


def test_an_escaped_quote_is_not_taken_for_the_closing_one(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    config = MINIMAL_CONFIG.replace('en = "Example Newsroom"', 'en = "Example \\"Newsroom')
    line = config.split("\n").index('en = "Example \\"Newsroom') + 1
    assert f'pressgen.toml:{line}: en: the quote " that opens this value is never closed' in (
        checked(runner, make_site, config)
    )


def test_settings_that_are_a_folder_are_not_called_missing(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site()
    (site / "pressgen.toml").unlink()
    (site / "pressgen.toml").mkdir()
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "pressgen.toml: is a folder, expected the settings file" in result.output


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "default_language = en",
            "default_language: is a text without quotes: write it between double quotes, "
            'default_language = "en"',
        ),
        (
            "default_language =",
            'default_language: has no value after "=": write one in double quotes',
        ),
        (
            "default_language = \u201cen\u201d",
            "default_language: is written between quotation marks TOML does not read (\u201c): "
            'use straight double quotes, default_language = "en" (a word processor changes them)',
        ),
        # h94: these three were told to write "Say "hi" it's", fr = false, page_size = true
        (
            'default_language = Say "hi" it\'s',
            "default_language: is a text without quotes: write it between double quotes, "
            'default_language = "Say \\"hi\\" it\'s"',
        ),
        (
            "default_language = Non",
            "default_language: is a text without quotes: write it between double quotes, "
            'default_language = "Non"',
        ),
    ],
)
def test_a_value_toml_cannot_read_says_what_it_needs(
    runner: CliRunner, make_site: SiteWriter, written: str, expected: str
) -> None:
    """h86: each was "invalid TOML: Invalid value (at line 4, column 20)"."""
    config = MINIMAL_CONFIG.replace('default_language = "en"', written)
    line = config.split("\n").index(written) + 1
    assert f"pressgen.toml:{line}: {expected}" in checked(runner, make_site, config)


def test_a_list_toml_cannot_read_is_shown_as_it_should_be_written(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h93: the advice put the whole list between quotes: ["[en, fr]"]."""
    written = "languages = [en, \u201cfr\u201d]"
    config = MINIMAL_CONFIG.replace('languages = ["en", "fr"]', written)
    line = config.split("\n").index(written) + 1
    assert (
        f"pressgen.toml:{line}: languages: is a list TOML cannot read: write each text in "
        'double quotes, languages = ["en", "fr"]'
    ) in checked(runner, make_site, config)


@pytest.mark.parametrize(
    ("section", "written", "expected"),
    [
        # h92: `enabled = yes` was told to become `enabled = "yes"`, which is no answer either
        ("pdf", "enabled = yes", "enabled: is a yes or no TOML does not read: write true or "
         "false, enabled = true"),
        # h94: `page_size = yes` was told `page_size = true`
        ("archive", "page_size = yes", "page_size: takes a number: write one without quotes, "
         "e.g. page_size = 20"),
    ],
)  # fmt: skip
def test_a_setting_is_told_the_kind_of_value_it_takes(
    runner: CliRunner, make_site: SiteWriter, section: str, written: str, expected: str
) -> None:
    config = MINIMAL_CONFIG + f"\n[{section}]\n{written}\n"
    line = config.split("\n").index(written) + 1
    assert f"pressgen.toml:{line}: {expected}" in checked(runner, make_site, config)


TWICE = 'languages = ["en", "fr", "en"]'


@pytest.mark.parametrize(
    ("config", "written", "expected"),
    [
        # the pages and feeds of the second "en" would be written twice, over each other
        (MINIMAL_CONFIG.replace('languages = ["en", "fr"]', TWICE), TWICE,
         "site.languages: lists a language twice, expected each once"),
        # feeds with no item in them: a reader subscribed to one never hears of a release
        (MINIMAL_CONFIG + "\n[feeds]\nlength = 0\n", "length = 0",
         "feeds.length: expected a whole number of items, at least 1"),
    ],
)  # fmt: skip
def test_a_setting_a_build_cannot_use_is_refused_on_its_line(
    runner: CliRunner, make_site: SiteWriter, config: str, written: str, expected: str
) -> None:
    """Accepted, either gave a site the build spoils; `check` refuses it on its line."""
    line = config.split("\n").index(written) + 1
    assert f"pressgen.toml:{line}: {expected}" in checked(runner, make_site, config)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        pytest.param(
            ('fr = "Salle de presse exemple"', 'fr = "Salle de presse exemple"\nfr = "Salle"'),
            ":{line}: fr: is set a second time in its section (first on line {above}): keep "
            "one of the two lines",
            id="a key twice",  # tomllib: "Cannot overwrite a value"
        ),
        pytest.param(
            ('en = "Example Newsroom"', 'en: "Example Newsroom"'),
            ':{line}: en: is YAML\'s way: TOML writes en = "..." (an equals sign, not a colon)',
            id="a colon",  # tomllib: "Expected '=' after a key in a key/value pair"
        ),
        pytest.param(
            ('health = "Migration health"', 'migration health = "Migration health"'),
            ":{line}: 'migration health' holds a space, which a TOML key cannot: write "
            'migration-health (with hyphens), or the key in double quotes, "migration health"',
            id="a space in a key",
        ),
        pytest.param(  # the advice was page_size = "20", then refused (h138)
            (
                'health = "Migration health"',
                'health = "Migration health"\n\n[archive]\npage_size: 20',
            ),
            ":{line}: page_size: is YAML's way: TOML writes page_size = 20 (an equals sign, not a "
            "colon)",
            id="a colon before a number",
        ),
        pytest.param(  # the advice was languages = "...", then refused (h140)
            ('languages = ["en", "fr"]', "languages: [en, fr]"),
            ':{line}: languages: is YAML\'s way: TOML writes languages = ["en", "fr"] (an equals '
            "sign, not a colon)",
            id="a colon before a list",
        ),
        pytest.param(  # said to hold a space, and to be written as it was (h103)
            ('health = "Migration health"', 'santé = "Migration health"'),
            ":{line}: 'santé' has a letter a TOML key may have only in quotes: write \"santé\" =",
            id="a letter outside ASCII",
        ),
    ],
)
def test_a_key_written_another_way_is_told_in_words(
    runner: CliRunner, make_site: SiteWriter, change: tuple[str, str], expected: str
) -> None:
    """tomllib's words, "Cannot overwrite a value", "Expected '=' after a key in a key/value
    pair", tell a press officer nothing (h100)."""
    config = MINIMAL_CONFIG.replace(*change)
    written = change[1].split("\n")
    start = config.split("\n").index(written[0]) + 1  # where the change begins
    said = expected.format(line=start + len(written) - 1, above=start)
    assert f"pressgen.toml{said}" in checked(runner, make_site, config)


@pytest.mark.parametrize(
    ("written", "where", "character"),
    [
        ('en = "Example\\u0007 Newsroom"', "site.title.en", "the control character U+0007"),
        ('health = "Migration\\u0001 health"', "topics.health", "the control character U+0001"),
        ('en = "Example \\uFFFE"', "site.title.en", "U+FFFE, which is not a character"),
        (
            'base_url = "https://news.example.org/\\u0000"',
            "site.base_url",
            "the control character U+0000",
        ),
    ],
)
def test_a_setting_holding_a_control_character_is_named_by_check_and_build(
    runner: CliRunner, make_site: SiteWriter, written: str, where: str, character: str
) -> None:
    """h121: a bell in the site's title passed `check` and crashed `build` (exit 3), in the
    feeds, whose XML refuses it."""
    key = written.split(" = ")[0]
    original = next(line for line in MINIMAL_CONFIG.split("\n") if line.startswith(f"{key} = "))
    config = MINIMAL_CONFIG.replace(original, written)
    line = config.split("\n").index(written) + 1
    site = make_site(config=config)
    expected = f"pressgen.toml:{line}: {where}: holds {character}: remove it"
    assert expected in checked(runner, make_site, config)
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(site / "out")])
    assert built.exit_code == 1 and expected in built.output, built.output


def test_each_line_writing_a_control_character_is_named_whatever_its_table(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h125: the line was guessed from the key alone: an inline table's key was blamed on
    the first line with that key in the file (another table's), and a contact in
    [[contacts]] got no line at all. A comment may say anything."""
    config = MINIMAL_CONFIG.replace(
        '[site.title]\nen = "Example Newsroom"\nfr = "Salle de presse exemple"\n',
        '# a bell is written \\u0007\ntitle = { en = "Example\\u0007", fr = "Salle" }\n',
    )
    config = '[about]\nen = "About us"\n\n' + config
    config += '\n[[contacts]]\nname = "A"\n\n[[contacts]]\nname = "B\\u0007"\n'
    config += 'about_us = """\nline one\nline \\b two\n"""\n'
    lines = config.split("\n")
    title = next(n for n, line in enumerate(lines, 1) if line.startswith("title = {"))
    contact = lines.index('name = "B\\u0007"') + 1
    told = checked(runner, make_site, config)
    assert f"pressgen.toml:{title}: site.title: holds the control character U+0007" in told
    assert f"pressgen.toml:{contact}: contacts.name: holds the control character U+0007" in told
    assert (
        f"pressgen.toml:{contact + 3}: contacts.about_us: holds the control character U+0008"
        in told
    )
    assert told.count("control character") == 3, told


def test_a_misspelt_table_is_named_on_its_line(runner: CliRunner, make_site: SiteWriter) -> None:
    """`[site.tittle]` was told without a line, where every other setting has one (h127)."""
    config = MINIMAL_CONFIG.replace("[site.title]", "[site.tittle]")
    line = config.split("\n").index("[site.tittle]") + 1
    said = f"pressgen.toml:{line}: site.tittle: unknown field 'tittle', did you mean 'title'?"
    assert said in checked(runner, make_site, config)
