"""The commands as a press officer runs them: output, exit status, files left behind."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.__main__ import run
from pressgen.cli import main

from .conftest import ENGLISH, MINIMAL_CONFIG, PROJECT, RELEASE_YAML, SiteWriter


def test_build_writes_pages_text_feeds_and_sitemap(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        main, ["build", "--site", str(PROJECT), "--out", str(out), "--now", "2026-01-01T00:00:00Z"]
    )
    assert result.exit_code == 0, result.output
    assert "Built 1 release" in result.output
    for lang in ("fr", "en"):
        assert (out / lang / "oim-blt-api-pnr" / "index.html").is_file()
        assert (out / lang / "oim-blt-api-pnr" / f"oim-blt-api-pnr.{lang}.txt").is_file()
        assert (out / lang / "rss.xml").is_file() and (out / lang / "atom.xml").is_file()
    assert (out / "sitemap.xml").is_file()


def test_check_accepts_the_project(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "--site", str(PROJECT)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: 1 release (6 language versions), 1 public now.")


def test_check_lists_every_problem_with_its_line(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: press-release\noriginal: en\nstatus: published\nembrago: 2024-05-01T09:00:00Z\n",
            "releases/second/release.yaml": "date: 2024-05-01\ntype: pres-release\n"
            "original: en\nstatus: live\n",
            "releases/second/en.md": "---\ntitle: Hello\n---\nBody.\n",
        }
    )
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:-1] == [
        "releases/first-release/release.yaml:5: embrago: unknown field 'embrago', "
        "did you mean 'embargo'?",
        "releases/second/en.md:2: dateline: is missing, expected the place the release is "
        "issued from",
        "releases/second/release.yaml:1: date: '2024-05-01' has no time and UTC offset, "
        "expected e.g. 2024-05-01T14:00+01:00",
        "releases/second/release.yaml:2: type: unknown type 'pres-release', "
        "did you mean 'press-release'?",
        "releases/second/release.yaml:4: status: 'live' is not a status, expected one of: "
        "draft, published, withdrawn",
    ]
    assert lines[-1] == "5 problems found; nothing was written."


def test_check_reports_unknown_vocabulary_after_the_fields_parse(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site(
        {
            "releases/first-release/release.yaml": "date: 2024-05-01T10:00:00+02:00\n"
            "type: pres-release\noriginal: en\nstatus: published\ntopics: [helth]\n",
        }
    )
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "releases/first-release/release.yaml:2: type: unknown type 'pres-release', "
        "did you mean 'press-release'?"
    ) in result.output
    assert "release.yaml:5: topics: unknown topic 'helth', did you mean 'health'?" in result.output


def test_failed_build_leaves_the_last_output_untouched(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = make_site()
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (site / "releases" / "first-release" / "en.md").write_text("no front matter\n")
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 1
    assert "releases/first-release/en.md:1:" in result.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_now_without_offset_is_a_usage_error(runner: CliRunner, make_site: SiteWriter) -> None:
    result = runner.invoke(main, ["build", "--site", str(make_site()), "--now", "2024-05-01"])
    assert result.exit_code == 2
    assert "has no time and UTC offset" in result.output


def test_new_scaffolds_a_draft_that_passes_check(runner: CliRunner, make_site: SiteWriter) -> None:
    site = make_site()
    result = runner.invoke(main, ["new", "api-pnr-workshop", "--lang", "fr", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert (site / "releases" / "api-pnr-workshop" / "fr.md").is_file()
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 0, checked.output


@pytest.mark.parametrize(
    ("timezone", "clock", "written"),
    [
        # 21:00 in New York is 02:00 the next day in UTC: the release was dated tomorrow
        ('timezone = "America/New_York"\n', "2026-12-03T02:00:41Z", "2026-12-02T21:00:00-05:00"),
        ('timezone = "America/New_York"\n', "2026-07-03T01:30:00Z", "2026-07-02T21:30:00-04:00"),
        ('timezone = "Europe/Geneva"\n', "2026-12-02T23:15:00Z", "2026-12-03T00:15:00+01:00"),
        ("", "2026-12-03T02:00:00Z", "2026-12-03T02:00:00+00:00"),  # no zone: UTC, as before
    ],
)
def test_new_dates_the_release_in_the_sites_time_zone(
    runner: CliRunner,
    make_site: SiteWriter,
    monkeypatch: pytest.MonkeyPatch,
    timezone: str,
    clock: str,
    written: str,
) -> None:
    """A press officer who starts a release in the evening gets that day's date, in the
    zone of pressgen.toml, with its offset; check accepts the draft as it stands."""
    config = MINIMAL_CONFIG.replace("[site]\n", "[site]\n" + timezone)
    site = make_site(config=config)
    monkeypatch.setattr("pressgen.scaffold.wall_clock", lambda: datetime.fromisoformat(clock))
    created = runner.invoke(main, ["new", "evening", "--lang", "en", "--site", str(site)])
    assert created.exit_code == 0, created.output
    yaml = (site / "releases" / "evening" / "release.yaml").read_text("utf-8")
    assert f"\ndate: {written}\n" in yaml, yaml
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 0, checked.output


def test_a_release_published_with_the_new_examples_is_refused(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A draft from `pressgen new` holds examples to replace, in the writer's language
    ("Titre du communiqué"); once its status says published, check and build name each one
    still there, on its line, and the build publishes nothing (a warning let the release go
    out with them, h102). A dateline that merely contains the example's word is the
    author's own."""
    site = make_site()
    created = runner.invoke(main, ["new", "api-pnr", "--lang", "fr", "--site", str(site)])
    assert created.exit_code == 0, created.output
    folder = site / "releases" / "api-pnr"
    draft = runner.invoke(main, ["check", "--site", str(site)])
    assert draft.exit_code == 0 and "example" not in draft.output, draft.output
    yaml = (folder / "release.yaml").read_text("utf-8")
    (folder / "release.yaml").write_text(yaml.replace("status: draft", "status: published"))
    text = (folder / "fr.md").read_text("utf-8")
    (folder / "fr.md").write_text(text.replace("dateline: Ville", "dateline: Villeneuve"))
    built = runner.invoke(main, ["build", "--site", str(site)])
    assert built.exit_code == 1 and "nothing was written" in built.output, built.output
    warned = [line for line in built.output.splitlines() if "example `pressgen new`" in line]
    where = [line.split(" is still")[0] for line in warned]
    prefix = "releases/api-pnr/fr.md"
    assert where == [
        f"{prefix}:2: title:",
        f"{prefix}:4: summary:",
        f"{prefix}:7: contacts:",
        f"{prefix}:9: body:",
    ], built.output
    assert warned[0].endswith(
        "('Titre du communiqué'): replace it, or set 'status: draft' in release.yaml until the "
        "text is ready"
    )


SIX_LANGUAGES = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["ar", "en", "es", "fr", "ru", "zh"]
"""


@pytest.mark.parametrize(
    ("lang", "title", "body"),
    [
        ("ar", "عنوان البيان الصحفي", "الفقرة الأولى: من، وماذا، ومتى، وأين."),
        ("en", "Headline of the release", "First paragraph: who, what, when, where."),
        ("es", "Titular del comunicado", "Primer párrafo: quién, qué, cuándo, dónde."),
        ("fr", "Titre du communiqué", "Premier paragraphe : qui, quoi, quand, où."),
        ("ru", "Заголовок пресс-релиза", "Первый абзац: кто, что, когда, где."),
        ("zh", "新闻稿标题", "第一段：谁、什么事、何时、何地。"),
    ],
)
def test_new_writes_its_examples_in_the_writers_language(
    runner: CliRunner, make_site: SiteWriter, lang: str, title: str, body: str
) -> None:
    """An Arabic press officer's new release holds Arabic examples, from pressgen's
    catalogs; set to published unchanged, each is an error that stops the build (a warning
    let it go out, h102), and so is an English example left in that file."""
    site = make_site(config=SIX_LANGUAGES)
    created = runner.invoke(main, ["new", "launch", "--lang", lang, "--site", str(site)])
    assert created.exit_code == 0, created.output
    folder = site / "releases" / "launch"
    text = (folder / f"{lang}.md").read_text("utf-8")
    assert f"title: {title}\n" in text and f"\n{body}\n" in text, text
    yaml = (folder / "release.yaml").read_text("utf-8")
    (folder / "release.yaml").write_text(yaml.replace("status: draft", "status: published"))
    text = text.replace(f"\n{body}\n", "\nFirst paragraph: who, what, when, where.\n")
    (folder / f"{lang}.md").write_text(text, encoding="utf-8")
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 1, checked.output
    lines = [line for line in checked.output.splitlines() if "`pressgen new`" in line]
    told = sorted(line.split(": ")[1] for line in lines if not line.startswith("warning:"))
    assert told == ["body", "contacts", "summary", "title"], checked.output
    assert f"('{title}')" in checked.output
    # the dateline's example may be a real place (Arabic "المدينة" is Medina): a warning
    (warned,) = [line for line in lines if line.startswith("warning:")]
    assert warned.split(": ")[2] == "dateline", warned
    out = site.parent / "public"
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 1 and "nothing was written" in built.output, built.output
    assert not (out / lang / "launch").exists()
    (folder / f"{lang}.md").write_text(
        text.replace("First paragraph: who, what, when, where.", "Written."), encoding="utf-8"
    )
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert "body: is still the example" in checked.output, checked.output  # its second one


def test_a_real_dateline_that_is_also_an_example_publishes_with_a_warning(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """`new`'s Arabic example dateline, "المدينة", is also Medina's name: a release issued
    from Medina stopped the whole site's build (h103)."""
    arabic = "---\ntitle: بيان من المدينة المنورة\ndateline: المدينة\n---\nنص البيان.\n"
    release = "releases/medina/"
    site = make_site(
        {
            release + "release.yaml": RELEASE_YAML.replace("original: en", "original: ar"),
            release + "ar.md": arabic,
        },
        config=SIX_LANGUAGES,
    )
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(tmp_path / "o")])
    assert built.exit_code == 0, built.output
    assert "medina (ar)" in built.output.split("Published: ")[1]
    assert "warning: releases/medina/ar.md:3: dateline: is the example" in built.output


@pytest.mark.parametrize("written", ["FR", "fr-FR", "French", "français"])
def test_new_suggests_the_language_meant(
    runner: CliRunner, make_site: SiteWriter, written: str
) -> None:
    """`--lang FR` was refused with the site's list alone (h127), `fr-FR` and `french` too
    (h138)."""
    site = str(make_site())
    result = runner.invoke(main, ["new", "launch", "--lang", written, "--site", site])
    assert result.exit_code == 1
    assert (
        f"'{written}' is not a language of this site, did you mean 'fr'? expected one of: en, fr"
    ) in result.output


def test_new_over_a_release_tells_a_translator_how_to_add_a_language(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """It said only "choose another id" to a translator adding French (h138), and then to
    copy NOTES.md, the writers' notes, when there were some (h140)."""
    site = make_site({"releases/first-release/NOTES.md": "To do.\n"})
    result = runner.invoke(main, ["new", "first-release", "--lang", "fr", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "already exists, choose another id; to add its fr version, copy en.md to fr.md in it "
        "and translate what it says"
    ) in result.output


def test_new_fills_an_empty_folder_and_check_says_what_one_is(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """An empty folder under releases/ stopped every check and build, as a release without
    release.yaml, and `new` refused it (h138): it is a warning, and `new` fills it."""
    site = make_site()
    (site / "releases" / "launch").mkdir()
    checked = runner.invoke(main, ["check", "--site", str(site)])
    assert checked.output.splitlines()[0] == (
        "warning: releases/launch: is empty, so no release: write one in it (pressgen new "
        "with its name writes the files to fill in), or delete it"
    )
    result = runner.invoke(main, ["new", "launch", "--lang", "fr", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (site / "releases" / "launch").iterdir()) == [
        "fr.md",
        "release.yaml",
    ]


def test_new_refuses_a_bad_id(runner: CliRunner, make_site: SiteWriter) -> None:
    result = runner.invoke(main, ["new", "API_PNR", "--lang", "fr", "--site", str(make_site())])
    assert result.exit_code == 1
    assert "'API_PNR' is not a valid release id" in result.output


@pytest.mark.parametrize("name", ["search", "about", "contacts", "page", "topics"])
def test_new_refuses_a_name_the_site_pages_use(
    runner: CliRunner, make_site: SiteWriter, name: str
) -> None:
    """Check and build refuse such a release: `new` must not start one."""
    site = make_site()
    result = runner.invoke(main, ["new", name, "--lang", "en", "--site", str(site)])
    assert result.exit_code == 1
    assert f"'{name}' is a name the site's own pages use" in result.output
    assert not (site / "releases" / name).exists()


def test_settings_saved_with_a_byte_order_mark_are_read(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """Windows Notepad saves UTF-8 with a byte order mark; release files are read with one."""
    site = make_site()
    settings = site / "pressgen.toml"
    settings.write_bytes(b"\xef\xbb\xbf" + settings.read_bytes())
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_a_command_run_inside_a_release_folder_names_the_site(
    runner: CliRunner, make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = make_site()
    monkeypatch.chdir(site / "releases" / "first-release")
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"pressgen.toml: is missing in {site / 'releases' / 'first-release'}, expected the "
        "site settings ([site] base_url, default_language, languages): run pressgen in "
        f"the site's folder or name it with --site; {site} holds pressgen.toml"
    )


def test_a_command_run_in_the_folder_that_holds_the_site_names_it(
    runner: CliRunner, make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run beside the site's folder, not in it, the command gave no hint (h127)."""
    site = make_site()
    monkeypatch.chdir(site.parent)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].endswith(f"; {site} holds pressgen.toml")


def test_build_refuses_to_replace_a_folder_it_did_not_write(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    out = tmp_path / "important"
    out.mkdir()
    (out / "notes.txt").write_text("keep me")
    result = runner.invoke(main, ["build", "--site", str(make_site()), "--out", str(out)])
    assert result.exit_code == 1
    assert "holds files pressgen did not write" in result.output
    assert (out / "notes.txt").read_text() == "keep me"


FRENCH_CATALOG = (
    'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
    'msgid "Migration health"\nmsgstr "Santé et migration"\n\n'
    'msgid "%(place)s, %(date)s –"\nmsgstr "%(place)s, le %(date)s –"\n'
)


@pytest.mark.parametrize(
    ("mistake", "fixed", "expected"),
    [
        pytest.param(
            '"Santé et migration"',
            '"Santé et migration',
            ':6: opens a quote and never closes it: end the text with " on the same line',
            id="a quote left open",  # Babel read it as "Santé et migratio"
        ),
        pytest.param(
            '"%(place)s, le %(date)s –"',
            '"%(lieu)s, le %(date)s –"',
            ":9: msgstr: unknown named placeholder 'lieu': the translation must keep the "
            "placeholders of its msgid as written (%(date)s, %(place)s)",
            id="a placeholder renamed",  # every French page stopped with an internal error
        ),
    ],
)
def test_a_translators_slip_in_a_catalog_is_a_problem_on_its_line(
    runner: CliRunner,
    make_site: SiteWriter,
    tmp_path: Path,
    mistake: str,
    fixed: str,
    expected: str,
) -> None:
    """Translators edit catalogs by hand; a slip there is their file's problem, told on its
    line, and the site already built stays as it was."""
    catalog = "locales/fr/LC_MESSAGES/messages.po"
    site = make_site({catalog: FRENCH_CATALOG, "releases/first-release/fr.md": ENGLISH})
    out = tmp_path / "public"
    built = runner.invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0, built.output
    before = (out / "fr" / "first-release" / "index.html").read_bytes()
    (site / catalog).write_text(FRENCH_CATALOG.replace(mistake, fixed), encoding="utf-8")
    for command in (["check"], ["build", "--out", str(out)]):
        result = runner.invoke(main, [*command, "--site", str(site)])
        assert result.exit_code == 1, result.output
        assert f"{catalog}{expected}" in result.output
    assert (out / "fr" / "first-release" / "index.html").read_bytes() == before


def test_every_slip_in_a_catalog_is_listed_at_once(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A quote left open and a renamed placeholder in one file: both lines, in one check."""
    catalog = "locales/fr/LC_MESSAGES/messages.po"
    text = FRENCH_CATALOG.replace('"Santé et migration"', '"Santé et migration').replace(
        '"%(place)s, le %(date)s –"', '"%(lieu)s, le %(date)s –"'
    )
    result = runner.invoke(main, ["check", "--site", str(make_site({catalog: text}))])
    assert result.exit_code == 1
    assert [line.split(" ")[0] for line in result.output.splitlines() if catalog in line] == [
        f"{catalog}:6:",
        f"{catalog}:9:",
    ], result.output


def test_check_reports_a_label_missing_from_a_catalog(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    site = make_site({"locales/fr/LC_MESSAGES/messages.po": 'msgid ""\nmsgstr ""\n'})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (  # not "add its msgstr": the file has no such message (h141)
        "locales/fr/LC_MESSAGES/messages.po: msgid: 'Migration health' has no translation "
        'into \'fr\': add the lines msgid "Migration health" and msgstr "..." holding its '
        "translation"
    ) in result.output


def test_a_label_in_a_language_the_site_has_no_catalog_for_says_how_to_make_it(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """A site's own topic, in French, which pressgen knows: the catalog to translate it in
    does not exist yet. "add its msgstr" to a file that is not there helped no one (h102);
    the two lines it asks for are enough."""
    site = make_site()
    catalog = site / "locales/fr/LC_MESSAGES/messages.po"
    catalog.unlink()
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert (
        "locales/fr/LC_MESSAGES/messages.po: msgid: 'Migration health' has no translation "
        "into 'fr': make this file (a text file in UTF-8) and write in it the line "
        'msgid "Migration health", then a line msgstr "..." holding its translation'
    ) in result.output, result.output
    catalog.write_text('msgid "Migration health"\nmsgstr "Santé des migrants"\n', "utf-8")
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_a_label_left_empty_in_a_catalog_is_named_on_its_line(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """The entry is there, its msgstr empty: the translator is sent to its line."""
    text = 'msgid ""\nmsgstr ""\n\nmsgid "Migration health"\nmsgstr ""\n'
    site = make_site({"locales/fr/LC_MESSAGES/messages.po": text})
    result = runner.invoke(main, ["check", "--site", str(site)])
    assert (
        "locales/fr/LC_MESSAGES/messages.po:4: msgid: 'Migration health' has no translation "
        "into 'fr', add its msgstr"
    ) in result.output, result.output


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_site_folder_that_does_not_exist_is_named_and_not_made(
    runner: CliRunner, tmp_path: Path, command: str
) -> None:
    """`build --site` with a typo made the folder, its parents and a cache in it, then said
    pressgen.toml was missing (h102)."""
    typo = tmp_path / "newsrom" / "site"
    result = runner.invoke(main, [command, "--site", str(typo)])
    assert result.exit_code == 1, result.output
    assert f"{typo}: there is no such folder" in result.output, result.output
    assert not (tmp_path / "newsrom").exists()


def test_output_into_a_pipe_closed_early_ends_quietly(tmp_path: Path) -> None:
    """`pressgen status | head -1`: the reader leaves before pressgen writes; the shell
    hears the usual status of a closed pipe, and the terminal no error."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # no one will read
    done = subprocess.run(
        [sys.executable, "-m", "pressgen", "status", "--site", str(PROJECT)],
        stdout=write_end,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""


@pytest.mark.parametrize("while_doing", ["reading the command line", "loading the command"])
def test_ctrl_c_before_the_command_runs_is_a_stop_not_an_error(
    runner: CliRunner, make_site: SiteWriter, monkeypatch: pytest.MonkeyPatch, while_doing: str
) -> None:
    """Ctrl-C as the command starts: exit 130, as the shell reports a stop, not 1 (a
    problem in the files) under Click's "Aborted!"."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    if while_doing == "loading the command":
        monkeypatch.setattr("pressgen.cli.import_module", interrupted)
    else:
        monkeypatch.setattr("pressgen.cli.click.Group.parse_args", interrupted)
    result = runner.invoke(main, ["status", "--site", str(make_site())])
    assert result.exit_code == 130, result.output
    assert "stopped by Ctrl-C" in result.output


class _LoadedWhenCtrlCComes(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        raise KeyboardInterrupt


def test_ctrl_c_while_python_loads_pressgen_is_a_stop_too(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ctrl-C in the half second Python spends loading click, Jinja and the rest: the
    `pressgen` command printed a KeyboardInterrupt traceback."""
    monkeypatch.setitem(sys.modules, "pressgen.cli", _LoadedWhenCtrlCComes("pressgen.cli"))
    with pytest.raises(SystemExit) as stopped:
        run()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == (
        "pressgen: stopped by Ctrl-C; run the command again to finish.\n"
    )


def test_help_for_now_shows_both_ways_of_writing_an_instant(runner: CliRunner) -> None:
    """A press officer reads --help, not the README: a time in a named zone is accepted."""
    result = runner.invoke(main, ["build", "--help"])
    assert "--now INSTANT" in result.output
    assert '"2026-03-15T10:00\n' in result.output or '"2026-03-15T10:00 ' in result.output
    assert "-j, --jobs N" in result.output


@pytest.mark.parametrize(
    ("where", "advice"),
    [
        ("site/releases/one/en.md", "Give your user the right to read it."),
        ("public/en/index.html", "Give your user the right to read and write it, or choose"),
    ],
)
def test_a_file_the_user_may_not_read_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, advice: str
) -> None:
    """An unreadable release file was met with "or choose another --out", which cannot
    help: only a file of the output folder can be left behind by choosing another."""
    import errno

    import click

    from pressgen.cli import reports_problems

    @click.command()
    @click.option("--out", type=click.Path(path_type=Path))
    @reports_problems
    def command(out: Path) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / where))

    monkeypatch.chdir(tmp_path)
    for out in (str(tmp_path / "public"), "public"):  # as typed, or made absolute
        result = CliRunner().invoke(command, ["--out", out])
        assert result.exit_code == 1
        assert f"{tmp_path / where}: Permission denied. {advice}" in result.output


def test_full_asks_for_a_build_that_trusts_no_record(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`build --full` renders every file again whatever the last build recorded (a record
    one suspects); without it, the build keeps what its keys say is unchanged."""
    import pressgen.cli

    asked: list[bool] = []
    engine_build = pressgen.cli.build_site

    def spy(*args: object, incremental: bool = True, **options: object) -> object:
        asked.append(incremental)
        return engine_build(*args, incremental=incremental, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(pressgen.cli, "build_site", spy)
    site, out = make_site(), tmp_path / "out"
    for options in ([], ["--full"]):
        result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out), *options])
        assert result.exit_code == 0, result.output
    assert asked == [True, False]
