"""Output trees as tests compare them, and small site pieces the engine tests share."""

from __future__ import annotations

import os
import stat
import struct
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
    """A build without cache into `out`, which must not exist yet."""
    assert not out.exists()
    options.setdefault("clock", CLOCK)
    build(site, out, now, incremental=False, **options)  # type: ignore[arg-type]
    return out


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
