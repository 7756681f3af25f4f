"""Output trees as tests compare them, and small site pieces the engine tests share."""

from __future__ import annotations

import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from pressgen.engine import build
from pressgen.resources import PACKAGE_TEMPLATES

NOW = datetime(2025, 3, 1, tzinfo=UTC)
# The real time as tests that build at later instants tell it: every one of their builds is a
# normal one, never a what-if build (see the tests of what-if builds for those).
CLOCK = datetime(2100, 1, 1, tzinfo=UTC)
NOW_OPTION = ("--now", "2025-03-01T00:00:00Z")  # NOW, as the command line takes it
# What a site's build reads: a clean build copies these and nothing else (no cache, no output).
SITE_FILES = ("pressgen.toml", "releases", "templates", "locales", "assets")


def tree(out: Path) -> dict[str, bytes | str]:
    """Everything below `out` by relative path: a file's bytes, "folder" for a folder, and
    what anything else is (a link, a pipe), which no output should hold."""
    found: dict[str, bytes | str] = {}
    for folder, folders, files in os.walk(out):
        for name in folders + files:
            path = Path(folder) / name
            relative = path.relative_to(out).as_posix()
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                found[relative] = f"link to {os.readlink(path)}"
            elif stat.S_ISDIR(info.st_mode):
                found[relative] = "folder"
            elif stat.S_ISREG(info.st_mode):
                found[relative] = path.read_bytes()
            else:
                found[relative] = f"special file {stat.filemode(info.st_mode)}"
    return found


def assert_same_tree(incremental: Path, full: Path) -> None:
    got, expected = tree(incremental), tree(full)
    extra, missing = sorted(got.keys() - expected.keys()), sorted(expected.keys() - got.keys())
    assert not extra and not missing, (
        f"only in the incremental build: {extra}; only in the full build: {missing}"
    )
    different = sorted(path for path in expected if got[path] != expected[path])
    assert not different, f"entries that differ from a full build: {different}"


def full_build(site: Path, out: Path, now: datetime = NOW, **options: object) -> Path:
    """A build without cache into `out`, which must not exist yet.

    It builds a copy of the site's own files, without SITE/.pressgen-cache: a build with
    `incremental=False` still takes releases and bodies from that cache, so a damaged or
    wrong cache would otherwise shape the very build it is compared with."""
    assert not out.exists()
    options.setdefault("clock", CLOCK)

    def not_read(folder: str, names: list[str]) -> list[str]:
        return [name for name in names if folder == str(site) and name not in SITE_FILES]

    with tempfile.TemporaryDirectory(prefix="pressgen-clean-") as scratch:
        clean = Path(scratch) / site.name
        shutil.copytree(site, clean, symlinks=True, ignore=not_read)
        _follow_the_copy(site, clean)
        build(clean, out, now, incremental=False, **options)  # type: ignore[arg-type]
    return out


def _follow_the_copy(site: Path, copy: Path) -> None:
    """Point the copy's absolute links into the site at the same files of the copy."""
    for link in [path for path in copy.rglob("*") if path.is_symlink()]:
        target = Path(os.readlink(link))
        if target.is_absolute() and target.is_relative_to(site):
            link.unlink()
            link.symlink_to(copy / target.relative_to(site))


def pressgen(*arguments: str | Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m pressgen ARGUMENTS` in a process of its own, as a user runs it: a crash
    is a return code, not a crashed test run; one that outlives `timeout` fails the test."""
    command = [sys.executable, "-m", "pressgen", *map(str, arguments)]
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"`{' '.join(command[2:])}` still ran after {timeout} s") from None


# Releases that no public output may show, each with its own word in its folder name, its
# title and its body: a draft, one under embargo, one withdrawn, one scheduled for later.
PRIVATE = ("okapidraft", "zebuembargo", "quaggawithdrawn", "tapirscheduled")


def private_releases() -> dict[str, str | bytes]:
    kinds = {
        "okapidraft": release_yaml().replace("published", "draft"),
        "zebuembargo": release_yaml(extra="embargo: 2030-01-01T00:00:00+00:00\n"),
        "quaggawithdrawn": release_yaml().replace("published", "withdrawn"),
        "tapirscheduled": release_yaml("2030-01-01T10:00:00+00:00"),
    }
    files: dict[str, str | bytes] = {}
    for word, yaml in kinds.items():
        files[f"releases/{word}/release.yaml"] = yaml
        files[f"releases/{word}/en.md"] = english(word)
        files[f"releases/{word}/fr.md"] = english(word)
    return files


def assert_nothing_private(folder: Path, words: tuple[str, ...] = PRIVATE) -> None:
    """No name and no file anywhere below `folder` shows a word of a release that is not
    public (links are reported by `tree`, never followed). A release withdrawn after its
    date is allowed its withdrawal notice at its address, which shows none of its text."""
    for path, content in tree(folder).items():
        for word in words:
            if is_withdrawal_notice(path, content, word):
                continue
            assert word not in path, f"{folder / path}: a name shows '{word}'"
            if isinstance(content, bytes):
                assert word.encode() not in content, f"{folder / path}: shows '{word}'"


def is_withdrawal_notice(path: str, content: bytes | str, word: str) -> bool:
    """Whether `path` is the notice a withdrawn release leaves at its address, and shows
    nothing of the release but that it was withdrawn."""
    parts = path.split("/")
    if parts[-1] == word and content == "folder":
        return True  # the folder of the notice, in a language's folder
    if len(parts) >= 2 and parts[-2] == word and parts[-1].endswith(".ninjs.json"):
        assert isinstance(content, bytes), path
        item = json.loads(content)  # the kill notice a wire partner gets: no text, no title
        assert item["pubStatus"] == "canceled" and "headlines" not in item, path
        assert f"Headline {word}".encode() not in content, f"{path} shows the headline"
        return True
    if len(parts) < 2 or parts[-2] != word or parts[-1] != "index.html":
        return False
    assert isinstance(content, bytes) and b"noindex" in content, path
    assert f"Headline {word}".encode() not in content, f"{path} shows the headline"
    assert f"Body of release {word}".encode() not in content, f"{path} shows the text"
    return True


def png(shade: int) -> bytes:
    """A valid one-pixel PNG whose colour is `shade`: a different image for each value."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(bytes([0, shade % 256, 128, 255 - shade % 256]))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def page_template(variant: int) -> str:
    """The package's page template with a visible change inside `{% block main %}`."""
    original = (PACKAGE_TEMPLATES / "page.html").read_text(encoding="utf-8")
    assert "{% block main %}" in original
    return original.replace(
        "{% block main %}", f'{{% block main %}}\n<p class="site-note">Site note {variant}</p>', 1
    )


def french_catalog(variant: int) -> str:
    """Three messages that change with different digits of `variant`, so that one edit
    may change a label every release shows, one only some show, or none a release shows."""
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: fr\\n"\n\n'
        f'msgid "Press release"\nmsgstr "Communiqué de presse X{variant % 3}"\n\n'
        f'msgid "Migration health"\nmsgstr "Santé des migrants X{variant // 3 % 3}"\n\n'
        f'msgid "Press releases – %(site)s"\nmsgstr "Communiqués {variant % 2} – %(site)s"\n'
    )


def english(marker: str, summary: str = "") -> str:
    return (
        f"---\ntitle: Headline {marker}\ndateline: Geneva\n{summary}---\n"
        f"Body of release {marker}.\n"
    )


def release_yaml(date: str = "2024-05-01T10:00:00+02:00", extra: str = "") -> str:
    return (
        f"date: {date}\ntype: press-release\noriginal: en\nregions: [global]\n"
        f"status: published\n{extra}"
    )


def many_releases(count: int) -> dict[str, str | bytes]:
    """`count` releases, each in English and French."""
    files: dict[str, str | bytes] = {}
    for n in range(count):
        folder = f"releases/release-{n:03d}/"
        files[folder + "release.yaml"] = release_yaml(
            f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}T10:00:00+00:00"
        )
        files[folder + "en.md"] = english(f"en{n}")
        files[folder + "fr.md"] = english(f"fr{n}")
    return files


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_urls(out: Path) -> list[ET.Element]:
    """Every <url> of the site's sitemaps, found as a search engine finds them: from the
    sitemap index at the root to each language's sitemap."""
    index = ET.parse(out / "sitemap.xml").getroot()
    assert index.tag == f"{{{SITEMAP_NS}}}sitemapindex"
    urls = []
    for location in index.iter(f"{{{SITEMAP_NS}}}loc"):
        path = out / urlsplit(location.text or "").path.lstrip("/")
        urls += ET.parse(path).getroot().findall(f"{{{SITEMAP_NS}}}url")
    return urls
