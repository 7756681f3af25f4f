"""Slips translators make in a site's `.po` files by hand: each is found by `pressgen check`
on its line, with what to write instead, and never stops a build as a bug (exit 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.read.catalogs import file_problems
from pressgen.resources import PACKAGE_LOCALES, PACKAGE_TEMPLATES, catalog_path

from .conftest import MINIMAL_CONFIG, SiteWriter

FRENCH = "locales/fr/LC_MESSAGES/messages.po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
DATE_LINE = 'msgid "%(place)s, %(date)s –"\nmsgstr "{}"\n'  # msgid on line 5, msgstr on 6


def check_and_build(runner: CliRunner, site: Path, tmp_path: Path) -> list[str]:
    """The output of `check`, then of `build`, each of which must exit 1 (not 3)."""
    outputs = []
    for command in (["check"], ["build", "--out", str(tmp_path / "public")]):
        result = runner.invoke(main, [*command, "--site", str(site)])
        assert result.exit_code == 1, result.output
        outputs.append(result.output)
    return outputs


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        pytest.param(
            "%(place)s, le %(date) –",
            ":6: msgstr: '%(place)s, le %(date) –' has a % that is no placeholder: write "
            "each placeholder as its msgid does (%(date)s, %(place)s), and a percent sign "
            "as %%",
            id="a placeholder cut short",  # check said OK, every build exited 3
        ),
        pytest.param(  # Python reads "%(date) s" then "ur": "1ur 2" on the page (h141)
            "%(place)s, le %(date) sur",
            ":6: msgstr: writes the placeholder '%(date) s', which its msgid writes otherwise "
            "(%(date)s, %(place)s): write it as the msgid does, with nothing inside it",
            id="a placeholder cut short before an s",
        ),
        pytest.param(
            "%(place)s –",
            ":6: msgstr: leaves out %(date)s of its msgid: readers would never see it, keep it",
            id="a placeholder left out",  # every French page lost its date, without a word
        ),
        pytest.param(
            "%(lieu)s, le %(date)s –",
            ":6: msgstr: unknown named placeholder 'lieu': the translation must keep the "
            "placeholders of its msgid as written (%(date)s, %(place)s)",
            id="a placeholder renamed",
        ),
    ],
)
def test_a_placeholder_slip_is_a_problem_on_its_line(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, translation: str, expected: str
) -> None:
    site = make_site({FRENCH: HEADER + DATE_LINE.format(translation)})
    for output in check_and_build(runner, site, tmp_path):
        assert f"{FRENCH}{expected}" in output
        assert "bug in pressgen" not in output


@pytest.mark.parametrize(
    "saved_as",
    [
        "locales/fr/messages.po",
        "locales/FR/LC_MESSAGES/messages.po",
        "locales/fr/LC_MESSAGES/fr.po",
    ],
)
def test_a_catalog_saved_where_no_build_reads_it_is_named(
    runner: CliRunner, make_site: SiteWriter, saved_as: str
) -> None:
    """Its translations were left out without a word, and the warning of each gap asked the
    translator to make the file they had made (h127)."""
    site = make_site({saved_as: HEADER + 'msgid "Migration health"\nmsgstr "Santé"\n'})
    result = runner.invoke(main, ["check", "--site", str(site)])
    if (site / FRENCH).exists() and (site / FRENCH).samefile(site / saved_as):
        return  # a file system that does not tell FR from fr reads it where it is
    told = [line for line in result.output.splitlines() if line.startswith(f"warning: {saved_as}")]
    assert len(told) == 1 and "is not read" in told[0] and FRENCH in told[0], result.output


def test_a_copy_kept_beside_the_catalog_is_not_told_to_take_its_place(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`messages.old.po` beside `messages.po` was told to be moved onto it (h130)."""
    copy = "locales/fr/LC_MESSAGES/messages.old.po"
    text = HEADER + 'msgid "Migration health"\nmsgstr "Santé"\n'
    site = make_site({FRENCH: text, copy: text})
    result = runner.invoke(main, ["check", "--site", str(site)])
    told = f"warning: {copy}: is not read ({FRENCH} is): delete it, or move what it adds"
    assert told in result.output, result.output


def test_a_catalog_saved_in_latin_1_is_a_problem_not_a_bug(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    text = HEADER + 'msgid "Migration health"\nmsgstr "Santé des migrants"\n'
    site = make_site({FRENCH: text.encode("latin-1")})
    for output in check_and_build(runner, site, tmp_path):
        assert f"{FRENCH}:6: is not valid UTF-8 text, save the file as UTF-8" in output


def test_a_catalog_that_begins_with_a_byte_order_mark_reads_as_without(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Notepad writes one; the other files of a site may begin with one too."""
    text = HEADER + 'msgid "Migration health"\nmsgstr "Santé des migrants"\n'
    site = make_site({FRENCH: b"\xef\xbb\xbf" + text.encode()})
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 0, checked.output  # the label's translation was read
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    assert "WARNING" not in checked.output + built.output
    assert "no translation" not in built.output


RUSSIAN_CONFIG = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "ru", "ar", "zh"]')
RELEASES = ('msgid "%(count)s release"\nmsgid_plural "%(count)s releases"\n', 6)


def test_a_wrong_plural_header_and_the_forms_it_let_pass_are_told_at_once(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """h135: a Russian catalog saying nplurals=2, its translation with two forms: `check`
    told the header only, and the missing third form once the header was mended."""
    catalog = "locales/ru/LC_MESSAGES/messages.po"
    header = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'
    forms = "".join(f'msgstr[{n}] "%(count)s пресс-релиз"\n' for n in range(2))
    site = make_site(
        {catalog: HEADER[:-1] + header + "\n" + RELEASES[0] + forms}, config=RUSSIAN_CONFIG
    )
    said = runner.invoke(main, ["check", "--site", str(site)]).output
    assert f"{catalog}:4: Plural-Forms: says nplurals=2, but Russian has 3" in said, said
    assert "has 2 of the 3 plural forms Russian needs" in said, said
    # all three forms written under the same header: the header alone is wrong (h141)
    third = forms + 'msgstr[2] "%(count)s пресс-релизов"\n'
    (site / catalog).write_text(HEADER[:-1] + header + "\n" + RELEASES[0] + third, "utf-8")
    said = runner.invoke(main, ["check", "--site", str(site)]).output
    assert f"{catalog}:4: Plural-Forms: says nplurals=2, but Russian has 3" in said, said
    assert "plural forms Russian needs" not in said, said


@pytest.mark.parametrize(
    ("lang", "forms", "header", "expected"),
    [
        pytest.param(
            "ar",
            ['"%(count)s بيان"', '"%(count)s بيانات"'],
            "",
            ":5: msgstr: has 2 of the 6 plural forms Arabic needs, msgstr[0] (used for 0), "
            "msgstr[1] (1), msgstr[2] (2), msgstr[3] (3, 4, 5), msgstr[4] (11, 21, 22 ...) and "
            "msgstr[5] (100, 101, 102 ...): add the missing ones, each for its numbers",
            id="Arabic with two forms",  # "has no translation", and pages said "1 بيانات"
        ),
        pytest.param(  # was "(msgstr[0] to msgstr[2])": which of them is the plural of 2?
            "fr",
            ['"%(count)s communiqué"', '"%(count)s communiqués"'],
            '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n',
            ":4: Plural-Forms: says nplurals=2, but French has 3 plural forms, msgstr[0] (used "
            "for 0, 1), msgstr[1] (1000000) and msgstr[2] (2, 3, 4 ...): write "
            '"Plural-Forms: nplurals=3; plural=',
            id="French with gettext's two forms",
        ),
        pytest.param(
            "ru",
            ['"%(count)s пресс-релиз"'] * 4,
            "",
            ":10: msgstr[3]: Russian has 3 plural forms (msgstr[0] to msgstr[2]), remove this one",
            id="Russian with four forms",  # Babel's own warnings, without a file name
        ),
        pytest.param(
            "ru",
            ['"%(count)s пресс-релиз"'] * 2,
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n',
            ":4: Plural-Forms: says nplurals=2, but Russian has 3 plural forms, msgstr[0] (used "
            "for 1, 21, 101), msgstr[1] (2, 3, 4 ...) and msgstr[2] (0, 5, 11 ...): write "
            '"Plural-Forms: nplurals=3; plural=',
            id="Russian said to have two forms",  # not reported at all
        ),
        pytest.param(
            "zh",
            ['"%(count)s 篇新闻稿"'] * 2,
            "",
            ":8: msgstr[1]: Chinese has one form only (msgstr[0]), remove this one",
            id="Chinese with two forms",  # "has 1 plural forms (msgstr[0] to msgstr[0])"
        ),
    ],
)
def test_plural_forms_are_counted_as_the_language_has_them(
    runner: CliRunner,
    make_site: SiteWriter,
    tmp_path: Path,
    lang: str,
    forms: list[str],
    header: str,
    expected: str,
) -> None:
    catalog = f"locales/{lang}/LC_MESSAGES/messages.po"
    lines = "".join(f"msgstr[{n}] {form}\n" for n, form in enumerate(forms))
    text = HEADER[:-1] + header + "\n" + RELEASES[0] + lines
    site = make_site({catalog: text}, config=RUSSIAN_CONFIG)
    for output in check_and_build(runner, site, tmp_path):
        assert f"{catalog}{expected}" in output
        assert "WARNING" not in output


def test_a_plural_rule_that_divides_by_zero_is_no_internal_error(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """h94: "plural=n/0;" in a header ended check with exit 3 (ZeroDivisionError); pages
    count by CLDR's rule whatever the header says."""
    header = '"Plural-Forms: nplurals=3; plural=n/0;\\n"\n'
    text = HEADER[:-1] + header + '\nmsgid "Migration health"\nmsgstr "Santé des migrants"\n'
    result = runner.invoke(main, ["check", "--site", str(make_site({FRENCH: text}))])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("count", ["INTEGER", "three"])
def test_a_plural_forms_header_that_cannot_be_read_is_told_on_its_line(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, count: str
) -> None:
    """h93: gettext's template header ("nplurals=INTEGER; plural=EXPRESSION;") ended check
    and build with an internal error (exit 3)."""
    header = f'"Plural-Forms: nplurals={count}; plural=EXPRESSION;\\n"\n'
    site = make_site({FRENCH: HEADER[:-1] + header})
    for output in check_and_build(runner, site, tmp_path):
        assert f'{FRENCH}:4: Plural-Forms: cannot be read: write "Plural-Forms: nplurals=3;' in (
            output
        )


def test_a_catalog_saved_as_utf16_is_named_so(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site({FRENCH: (HEADER + 'msgid "Health"\nmsgstr "Santé"\n').encode("utf-16")})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert f"{FRENCH}: is saved as UTF-16" in result.output


def test_a_plural_forms_header_matters_only_in_a_catalog_with_plurals(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Poedit and msginit write French as "nplurals=2; plural=(n > 1)", where CLDR has three
    forms: in a catalog with no plural message the header counts for nothing, and stopped
    the build all the same."""
    header = '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n'
    text = HEADER[:-1] + header + '\nmsgid "Migration health"\nmsgstr "Santé des migrants"\n'
    site = make_site({FRENCH: text})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_a_fuzzy_translation_is_named_as_such_on_its_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """msgmerge marks a translation it guessed as fuzzy, and pressgen does not use it: the
    translator is told to review it, not to add one that is there."""
    text = HEADER + '#, fuzzy\nmsgid "Migration health"\nmsgstr "Santé des migrants"\n'
    result = runner.invoke(main, ["check", "--site", str(make_site({FRENCH: text}))])
    assert result.exit_code == 1, result.output  # check fails on warnings too
    assert (
        f"warning: {FRENCH}:6: msgid: 'Migration health' is marked fuzzy, so it is not used: "
        "check its msgstr, then delete the '#, fuzzy' line above it"
    ) in result.output


def test_a_fuzzy_override_of_pressgens_own_words_is_named_too(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """A site's translator writes "Monde" for pressgen's "Global" and the line is marked
    fuzzy: the page keeps pressgen's word, so check says why, as it does for the site's
    own words; once the mark is gone, check has nothing to say."""
    text = HEADER + '#, fuzzy\nmsgid "Global"\nmsgstr "Monde"\n\n'
    text += 'msgid "Migration health"\nmsgstr "Santé des migrants"\n'
    site = make_site({FRENCH: text})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        f"warning: {FRENCH}:6: msgid: 'Global' is marked fuzzy, so it is not used: "
        "check its msgstr, then delete the '#, fuzzy' line above it"
    )
    (site / FRENCH).write_text(text.replace("#, fuzzy\n", ""), "utf-8")
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_a_quote_left_open_is_told_apart_from_a_line_that_is_no_po(tmp_path: Path) -> None:
    """`msgstr "Monde` is PO with its closing quote missing: saying it "is not a line of a
    PO file" sent the translator looking for something else."""
    catalog = tmp_path / "messages.po"
    catalog.write_text(HEADER + 'msgid "Global"\nmsgstr "Monde\n\nmsgid "Europe"\nmsgstr Europe\n')
    assert [(p.line, p.message) for p in file_problems(catalog, "fr", "fr.po")] == [
        (6, 'opens a quote and never closes it: end the text with " on the same line'),
        (
            9,
            'is not a line of a PO file, expected msgid "...", msgstr "..." or a "..." that '
            "continues the text above (is a quote left open?)",
        ),
    ]


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ru", "zh"])
def test_pressgens_own_catalogs_have_no_slip(lang: str) -> None:
    assert file_problems(catalog_path(PACKAGE_LOCALES, lang), lang, lang) == []


def test_check_and_build_read_pressgens_own_catalogs_as_their_translators_edit_them(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator of pressgen runs the README's Babel steps on src/pressgen/locales: a
    renamed placeholder there passed check and made every build exit 3."""
    import shutil

    from pressgen import resources

    copy = tmp_path / "locales"
    shutil.copytree(PACKAGE_LOCALES, copy)
    french = catalog_path(copy, "fr")
    text = french.read_text(encoding="utf-8")
    assert 'msgstr "%(place)s, ' in text
    french.write_text(text.replace('msgstr "%(place)s, ', 'msgstr "%(lieu)s, ', 1), "utf-8")
    monkeypatch.setattr(resources, "PACKAGE_LOCALES", copy)
    for output in check_and_build(runner, make_site(), tmp_path):  # a build said "a bug"
        assert f"{french}:" in output and "unknown named placeholder 'lieu'" in output
        assert output.count("unknown named placeholder 'lieu'") == 1


def test_check_names_an_untranslated_message_of_pressgens_own_catalog_where_it_is(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message of pressgen's catalog marked fuzzy or left empty was reported against the
    site's catalog, on no line, and never called fuzzy: its translator could not find it."""
    import shutil

    from pressgen import catalog_gaps, i18n

    copy = tmp_path / "locales"
    shutil.copytree(PACKAGE_LOCALES, copy)
    french = catalog_path(copy, "fr")
    lines = french.read_text(encoding="utf-8").splitlines(keepends=True)
    search = lines.index('msgid "Search"\n')
    contacts = lines.index('msgid "Media contacts"\n')
    assert search > contacts and lines[contacts + 1] not in ('msgstr ""\n', "\n")
    lines[contacts + 1] = 'msgstr ""\n'
    lines.insert(search, "#, fuzzy\n")  # below the contacts, which keep their line
    french.write_text("".join(lines), "utf-8")
    for module in (i18n, catalog_gaps):
        monkeypatch.setattr(module, "PACKAGE_LOCALES", copy)
    result = runner.invoke(main, ["check", "--site", str(make_site())])
    assert f"{french}:{search + 2}: msgid: 'Search' is marked fuzzy in pressgen's catalog" in (
        result.output
    )
    assert (
        f"{french}:{contacts + 1}: msgid: 'Media contacts' has no translation into 'fr' in "
        "pressgen's catalog: add its msgstr (or translate it in the site's "
        f"{FRENCH})" in result.output
    )


FRENCH_PLURALS = (
    '"Plural-Forms: nplurals=3; plural=(n==0 || n==1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;'
    '\\n"\n'
)


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        pytest.param(
            'msgid "%(count)s release"\nmsgstr "%(count)s communiqués"\n',
            ":6: msgid: '%(count)s release' is a plural message (msgid_plural "
            '"%(count)s releases"): write its msgid_plural and msgstr[0] to msgstr[2]',
            id="a plural message written as a single one",  # pages said "2 releases"
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr[0] "Contacts presse"\n',
            ":7: msgstr[0]: belongs to a message with a msgid_plural, which this one has "
            'not: write msgstr "..."',
            id="plural forms on a message without plural",
        ),
        pytest.param(
            RELEASES[0] + 'msgstr[0] "%(count)s communiqué"\nmsgstr[1] "%(count)s de '
            'communiqués"\nmsgstr[2] "communiqués"\n',
            ":10: msgstr[2]: leaves out %(count)s, and French uses that form for more "
            "than one number: readers would not see which, keep it",
            id="a plural form without its number",  # pages said "communiqués"
        ),
        pytest.param(  # named on msgstr[0]'s line, then on the next entry's msgstr (h103)
            RELEASES[0] + 'msgstr[0] "%(count)s communiqué"\nmsgstr[1] "%(count)s de '
            'communiqués"\nmsgstr[2] "%(cont)s communiqués"\n\nmsgid "Search"\nmsgstr "R"\n',
            ":6: msgstr: unknown named placeholder 'cont'",
            id="a plural form's placeholder renamed",
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr "Contacts\\q presse"\n',
            ":7: msgstr: \\q is no escape pressgen reads: write the character itself, or "
            "\\\\ for a backslash",
            id="an unknown escape",  # pages said "Contacts\q presse"
        ),
        pytest.param(  # msgfmt reads it, Babel prints it as typed (h141)
            'msgid "Media contacts"\nmsgstr "Contacts\\x41 presse"\n',
            ":7: msgstr: \\x is no escape pressgen reads: write the character itself, or "
            "\\\\ for a backslash",
            id="a hexadecimal escape",
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr "Contacts"\n\nmsgid "Media contacts"\n'
            'msgstr "Contacts presse"\n',
            ":9: msgid: 'Media contacts' is translated on line 6 already, and only the "
            "first is used: keep one",
            id="a message twice",  # the second, the one edited, was never used
        ),
        pytest.param(
            'msgid "Media contacts"\n\nmsgid "Global"\nmsgstr "Monde"\n',
            ':6: msgid: has no msgstr: write msgstr "..." on the line below it',
            id="a message without msgstr",
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr "Contacts"\nmsgstr "Contacts presse"\n',
            ":8: msgstr: is written a second time for one message (first on line 7), and "
            "only the first is used: keep one, or continue a text on lines of their own "
            'that hold only "..."',
            id="two msgstr lines",  # the second, the one edited, was dropped
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr "<b>Contacts</b> presse"\n',
            ":7: msgstr: holds '<b', which a page reads as the start of an HTML tag (and "
            "hides what it holds): write the words without '<' and '>' around them (the "
            "site's stylesheet sets the look)",
            id="html in a translation",  # pages said "&lt;b&gt;Contacts&lt;/b&gt;"
        ),
        pytest.param(
            'msgid "Media contacts"\nmsgstr "Contacts\x00 presse"\n',
            ":7: msgstr: holds the control character U+0000, which no page can show: remove it",
            id="a control character",  # h96: build stopped on it (exit 3), check said nothing
        ),
    ],
)
def test_slips_msgfmt_would_refuse_are_problems_on_their_line(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, entry: str, expected: str
) -> None:
    text = HEADER[:-1] + FRENCH_PLURALS + "\n" + entry
    site = make_site({FRENCH: text})
    for output in check_and_build(runner, site, tmp_path):
        assert f"{FRENCH}{expected}" in output
        assert "WARNING" not in output


def test_a_plural_form_for_one_number_may_leave_the_number_out(tmp_path: Path) -> None:
    """Arabic says "بيان واحد" (one release) and "بيانان" (two releases) without a digit:
    forms 0 to 2 cover one number each."""
    forms = ["لا بيانات", "بيان واحد", "بيانان", "%(count)s بيانات", "%(count)s بيانًا"]
    forms.append("%(count)s بيان")
    lines = "".join(f'msgstr[{n}] "{form}"\n' for n, form in enumerate(forms))
    path = tmp_path / "messages.po"
    path.write_text(HEADER + RELEASES[0] + lines, encoding="utf-8")
    assert file_problems(path, "ar", "ar.po") == []


def test_a_message_in_another_context_is_no_plural_of_pressgens(tmp_path: Path) -> None:
    """pressgen counts `%(count)s release` without a context: the same words in another
    context are another message, unused, and no slip."""
    path = tmp_path / "messages.po"
    entry = 'msgctxt "x"\nmsgid "%(count)s release"\nmsgstr "%(count)s communiqué"\n'
    path.write_text(HEADER + entry, encoding="utf-8")
    assert file_problems(path, "fr", "fr.po") == []


def test_a_plural_left_empty_in_a_site_catalog_keeps_pressgens_translation(
    tmp_path: Path,
) -> None:
    """`pybabel init` and `update` write every plural message with empty forms: French
    pages then said "2 releases" where pressgen's own catalog says "2 communiqués"."""
    from pressgen.i18n import over_package, read_catalog, translations_for

    entry = RELEASES[0] + 'msgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""\n'
    path = tmp_path / "messages.po"
    path.write_text(HEADER[:-1] + FRENCH_PLURALS + "\n" + entry, encoding="utf-8")
    translations = translations_for(over_package("fr", read_catalog(path, "fr")))
    said = translations.ngettext("%(count)s release", "%(count)s releases", 2) % {"count": 2}
    assert said == "2 communiqués"


def test_a_header_that_names_another_charset_than_the_files_is_a_problem(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Saved as UTF-8 under a header that says ISO-8859-5, Russian printed as
    "аббаИаВ" on every page, and check said OK."""
    header = HEADER.replace("charset=UTF-8", "charset=ISO-8859-5")
    entry = 'msgid "Media contacts"\nmsgstr "Контакты для прессы"\n'
    catalog = "locales/ru/LC_MESSAGES/messages.po"
    site = make_site({catalog: header + entry}, config=RUSSIAN_CONFIG)
    for output in check_and_build(runner, site, tmp_path):
        assert (
            f"{catalog}:3: Content-Type: says charset=ISO-8859-5, but the file is saved as "
            "UTF-8: write charset=UTF-8"
        ) in output
        assert f"{catalog}:" not in output.replace(f"{catalog}:3: Content-Type", "")


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("Écrit par l'OIM", ":6: msgstr: leaves out {author} of its msgid: readers would"),
        ("Écrit par {auteur}", ":6: msgstr: unknown field {auteur}: the translation must keep"),
        ("Écrit par {author", ":6: msgstr: has a { or } that is no field: write {{ and }}"),
    ],
)
def test_a_site_templates_brace_fields_are_checked_in_translations(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, translation: str, expected: str
) -> None:
    """A site template's `_("Written by {author}").format(author=...)`: a translation that
    dropped the field printed "Écrit par l'OIM", the value lost, and check said OK (h100)."""
    entry = f'msgid "Written by {{author}}"\nmsgstr "{translation}"\n'
    template = '{% extends "page.html" %}{% block main %}'
    template += '{{ _("Written by {author}").format(author="IOM") }}{% endblock %}'
    site = make_site({FRENCH: HEADER + entry, "templates/about.html": template})
    for output in check_and_build(runner, site, tmp_path):
        assert f"{FRENCH}{expected}" in output, output


def test_a_wrong_charset_is_the_one_problem_named(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """Read as Latin-1, a dash in UTF-8 became the control character U+0080, named as a
    second problem that was none (h100)."""
    header = HEADER.replace("charset=UTF-8", "charset=ISO-8859-1")
    entry = DATE_LINE.format("%(place)s, le %(date)s –")
    site = make_site({FRENCH: header + entry})
    for output in check_and_build(runner, site, tmp_path):
        assert [line for line in output.splitlines() if FRENCH in line] == [
            f"{FRENCH}:3: Content-Type: says charset=ISO-8859-1, but the file is saved as "
            "UTF-8: write charset=UTF-8"
        ]


def test_a_label_commented_out_as_obsolete_is_named_on_its_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`pybabel update` with pressgen's messages.pot on a site's catalog comments out the
    site's own labels (`#~`): the topic showed in English, and the warning said only to add
    a translation that was there."""
    entry = '#~ msgid "Migration health"\n#~ msgstr "Santé des migrants"\n'
    site = make_site({FRENCH: HEADER + entry})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert (
        f"warning: {FRENCH}:5: msgid: 'Migration health' is commented out as obsolete (#~), "
        "as `pybabel update` does to a site's own labels: remove the '#~ ' from its lines"
    ) in result.output, result.output


def test_an_override_whose_msgid_is_no_message_is_named_with_the_one_it_likely_means(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`msgid "Press Releases from %(year)s"` (one capital too many) changed nothing, and
    check said OK. A message of the site's own templates is one, and is not named."""
    entries = (
        'msgid "Press Releases from %(year)s"\nmsgstr "Archives %(year)s"\n\n'
        'msgid "Our own words"\nmsgstr "Nos propres mots"\n'
    )
    site = make_site({FRENCH: HEADER + entries, "templates/extra.html": "{{ _('Our own words') }}"})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert (
        f"warning: {FRENCH}:5: msgid: 'Press Releases from %(year)s' is no message of "
        "pressgen, of the site's templates or of its labels, so it changes nothing: did you "
        "mean 'Press releases from %(year)s'?"
    ) in result.output.splitlines(), result.output
    assert "Our own words" not in result.output


def test_a_comparison_and_pythons_name_for_utf8_are_no_slips(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`< 5 %` and `charset=utf_8` (Python's name for UTF-8) were refused."""
    header = HEADER.replace("charset=UTF-8", "charset=utf_8")
    entries = 'msgid "Global"\nmsgstr "Monde < 5 % > 3"\n'
    site = make_site({FRENCH: header + entries})
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "translation", ["Version texte<svg onload=alert(1)>", "Écrire à <presse@oim.int>"]
)
def test_whatever_a_browser_takes_for_a_tag_is_a_slip(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, translation: str
) -> None:
    """Templates take translations as markup: `<svg onload=...>` ran on the page, and a
    browser read `<presse@oim.int>` as a tag and hid the address (h65)."""
    entry = f'msgid "Media contacts"\nmsgstr "{translation}"\n'
    site = make_site({FRENCH: HEADER + entry})
    for output in check_and_build(runner, site, tmp_path):
        assert "which a page reads as the start of an HTML tag" in output


def test_a_site_template_that_computes_its_messages_silences_the_unknown_message_check(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`{% macro label(t) %}{{ _(t) }}{% endmacro %}`: no one can tell which messages it
    shows, and "Our partners" was called a message that changes nothing."""
    entry = 'msgid "Our partners"\nmsgstr "Nos partenaires"\n'
    macro = '{% macro label(t) %}{{ _(t) }}{% endmacro %}{{ label("Our partners") }}'
    site = make_site({FRENCH: HEADER + entry, "templates/extra.html": macro})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert "Our partners" not in result.output, result.output


def test_a_template_may_name_the_count_num_as_jinjas_own_ngettext_takes_it() -> None:
    """`ngettext(…, n, num=n)`, which Jinja's own function takes, stopped the build with a
    bug's exit, "got multiple values for argument 'num'" (h141)."""
    import jinja2

    from pressgen.i18n import load_languages
    from pressgen.render.environment import gettext_functions

    french = load_languages(["en", "fr"], None)["fr"]
    env = jinja2.Environment(autoescape=True)
    env.globals.update(gettext_functions(french))
    template = env.from_string(
        '{{ ngettext("%(count)s release", "%(count)s releases", n, count=n, num=n) }}|'
        '{{ npgettext("x", "%(num)s release", "%(num)s releases", n, num=n) }}'
    )
    assert template.render(n=2000) == "2\u202f000 communiqués|2\u202f000 releases"


def test_a_site_templates_own_messages_missing_from_a_catalog_are_named(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A site template's "Follow us" showed in English on French pages, and check said
    nothing: only pressgen's messages and the site's labels were looked for (h141)."""
    page = (PACKAGE_TEMPLATES / "page.html").read_text(encoding="utf-8")
    added = '{{ _("Follow us") }} {{ ngettext("%(num)s contact", "%(num)s contacts", 2) }}'
    page = page.replace("{% block head %}", "{% block head %}" + added, 1)
    site = make_site({"templates/page.html": page})
    lines = runner.invoke(main, ["check", "--site", str(site)]).output.splitlines()
    catalog = "locales/fr/LC_MESSAGES/messages.po"
    assert lines[:2] == [
        f"warning: {catalog}: msgid: '%(num)s contact' has no translation into 'fr': add the "
        'lines msgid "%(num)s contact", msgid_plural "%(num)s contacts" and a msgstr[N] "..." '
        "for each plural form of the language (msgstr[0], msgstr[1]…)",
        f"warning: {catalog}: msgid: 'Follow us' has no translation into 'fr': add the lines "
        'msgid "Follow us" and msgstr "..." holding its translation',
    ], lines
    french = (site / catalog).read_text(encoding="utf-8") + (
        '\nmsgid "Follow us"\nmsgstr "Suivez-nous"\n\nmsgid "%(num)s contact"\n'
        'msgid_plural "%(num)s contacts"\nmsgstr[0] "%(num)s contact"\n'
        'msgstr[1] "%(num)s contacts"\nmsgstr[2] "%(num)s de contacts"\n'
    )
    (site / catalog).write_text(french, encoding="utf-8")
    assert runner.invoke(main, ["check", "--site", str(site)]).exit_code == 0
