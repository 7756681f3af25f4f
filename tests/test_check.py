"""`pressgen check` at archive scale: it takes from the build's cache what has not changed,
finds every edit all the same, and writes nothing, not even to the cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen.cli import main
from pressgen.engine import build, releases
from pressgen.resources import PACKAGE_LOCALES

from .conftest import ENGLISH, NOW, RELEASE_YAML, SiteWriter

CACHE = ".pressgen-cache"


def _site(make_site: SiteWriter) -> Path:
    """Three releases; the third ends with an end mark pressgen adds itself, which check
    warns about (and a build publishes all the same)."""
    files: dict[str, str | bytes] = {}
    for name in ("second", "third"):
        files[f"releases/{name}/release.yaml"] = RELEASE_YAML
        files[f"releases/{name}/en.md"] = ENGLISH
    files["releases/third/en.md"] = ENGLISH + "\n###\n"
    return make_site(files)


def _check(site: Path | str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    return result.exit_code, result.output


def _cache_files(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / CACHE).iterdir())}


def test_check_after_a_build_reads_again_only_the_release_edited(
    make_site: SiteWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = _site(make_site)
    build(site, tmp_path / "out", NOW)
    edited = site / "releases" / "second" / "en.md"
    edited.write_text(ENGLISH.replace("First paragraph", "An edited paragraph"), "utf-8")
    read: list[str] = []
    original = releases.read_release_and_warnings

    def counting(folder: Path, root: Path, config: object) -> object:
        read.append(folder.name)
        return original(folder, root, config)  # type: ignore[arg-type]

    monkeypatch.setattr(releases, "read_release_and_warnings", counting)
    monkeypatch.chdir(site.parent)  # the site named as a press officer does, relatively
    assert _check(site.name)[0] == 1  # the third release's end mark
    assert read == ["second"]


def test_check_says_the_same_with_a_cache_without_one_and_with_a_damaged_one(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = _site(make_site)
    without = _check(site)
    assert not (site / CACHE).exists()  # check made none
    build(site, tmp_path / "out", NOW)
    assert _check(site) == without
    assert "releases/third" in without[1] and without[0] == 1
    for path in (site / CACHE).iterdir():
        data = bytearray(path.read_bytes())
        for at in range(100, len(data), 997):
            data[at] ^= 0x55
        path.write_bytes(bytes(data))
    damaged = _cache_files(site)
    assert _check(site) == without
    assert _cache_files(site) == damaged  # left for the next build to replace


def test_check_leaves_the_cache_as_it_found_it(make_site: SiteWriter, tmp_path: Path) -> None:
    site = _site(make_site)
    build(site, tmp_path / "out", NOW)
    before = _cache_files(site)
    (site / "releases" / "fourth").mkdir()
    (site / "releases" / "fourth" / "release.yaml").write_text(RELEASE_YAML, "utf-8")
    (site / "releases" / "fourth" / "en.md").write_text(ENGLISH, "utf-8")
    _check(site)
    assert _cache_files(site) == before


def test_check_finds_an_error_made_after_a_build_even_with_the_date_restored(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    site = _site(make_site)
    build(site, tmp_path / "out", NOW)
    text = site / "releases" / "second" / "en.md"
    when = text.stat()
    text.write_text(ENGLISH.replace("dateline: Geneva\n", ""), "utf-8")
    os.utime(text, ns=(when.st_atime_ns, when.st_mtime_ns))
    code, output = _check(site)
    assert code == 1
    assert "releases/second/en.md:2: dateline: is missing" in output


def test_check_leaves_a_cache_with_a_killed_builds_journal_as_it_is(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A build killed mid-write leaves its last commits in the WAL beside the cache; a
    connection that closes normally would fold them in and remove the journal."""
    site = _site(make_site)
    build(site, tmp_path / "out", NOW)
    database = next((site / CACHE).glob("*.sqlite"))
    writer = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "db.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "db.execute(\"INSERT INTO releases VALUES ('k', 'v', 'c')\")\n"
        "db.commit()\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", writer, str(database)], check=True)
    before = _cache_files(site)
    assert any(name.endswith("-wal") for name in before)
    assert _check(site)[0] == 1
    assert _cache_files(site) == before


def test_a_language_without_its_site_title_or_about_text_is_warned_about(
    make_site: SiteWriter,
) -> None:
    """Arabic added to the languages, its title not: every Arabic page showed the English
    title in its header, <title> and footer, and check said only that labels were missing."""
    from .conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG + '\n[about]\nen = "We are a newsroom."\n'
    status, output = _check(make_site(config=config))
    assert status == 1
    assert (
        "warning: pressgen.toml: [site.title]: has no title in 'fr'" not in output
    )  # given in MINIMAL_CONFIG
    assert (
        "warning: pressgen.toml: [about]: has no text in 'fr': the site has no 'about' page "
        'in fr, add fr = "..." there' in output
    )
    config = MINIMAL_CONFIG.replace('fr = "Salle de presse exemple"\n', "")
    status, output = _check(make_site(config=config))
    assert (
        "warning: pressgen.toml: [site.title]: has no text in 'fr': its pages show the 'en' "
        'one, add fr = "..." there' in output
    ), output


def test_a_language_pressgen_has_no_catalog_for_is_one_warning_saying_what_to_make(
    make_site: SiteWriter,
) -> None:
    """German added to the languages: 83 warnings, each naming a file that did not exist,
    and none saying to make it."""
    from .conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "de"]')
    config = config.replace("[site.title]\n", '[site.title]\nde = "Presseraum"\n')
    status, output = _check(make_site(config=config))
    assert status == 1  # warnings only: check says so with its status
    german = [line for line in output.splitlines() if "locales/de/" in line]
    assert german == [
        "warning: locales/de/LC_MESSAGES/messages.po: does not exist, and pressgen has no "
        "catalog for 'de': its pages show English words (the site's locales/en where it has "
        "them); make one in the site "
        "folder with `pybabel init -i "
        + str(PACKAGE_LOCALES / "messages.pot")
        + " -d locales -l de` and translate its messages"
    ], output


def test_the_catalog_command_for_a_language_with_a_region_is_one_pybabel_takes(
    make_site: SiteWriter,
) -> None:
    """`-l pt-BR`, as the languages list writes it, made pybabel fail with a traceback;
    the catalog it makes, and pressgen reads, is locales/pt_BR/."""
    from .conftest import MINIMAL_CONFIG

    config = MINIMAL_CONFIG.replace('["en", "fr"]', '["en", "fr", "pt-BR"]')
    config = config.replace("[site.title]\n", '[site.title]\npt-BR = "Sala de imprensa"\n')
    status, output = _check(make_site(config=config))
    assert status == 1
    assert "locales/pt_BR/LC_MESSAGES/messages.po: does not exist" in output
    assert " -d locales -l pt_BR` and translate its messages" in output, output
