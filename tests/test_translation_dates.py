"""A translation added after its release went out says when (`published:` in its file):
its language's feeds show it among their newest items, dated then, as its sitemap entry,
ninjs and page do. Without the line a feed of the newest N left it out for good once N
newer releases were out in that language: its subscribers never saw it."""

from __future__ import annotations

from pathlib import Path

import feedparser
from click.testing import CliRunner

from pressgen.cli import main

from .conftest import SiteWriter

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr"]
timezone = "Europe/Geneva"

[site.title]
en = "Example Newsroom"
fr = "Salle de presse exemple"

[feeds]
length = 2
"""


def release_files(number: int, french: str | None) -> dict[str, str]:
    folder = f"releases/r-{number}/"
    files = {
        folder + "release.yaml": f"date: 2024-05-0{number}T10:00\ntype: press-release\n"
        "original: en\nregions: [global]\nstatus: published\n",
        folder + "en.md": f"---\ntitle: Headline {number}\ndateline: Geneva\n---\nBody.\n",
    }
    if french is not None:
        files[folder + "fr.md"] = (
            f"---\ntitle: Titre {number}\ndateline: Genève\n{french}---\nCorps.\n"
        )
    return files


def site_with(make_site: SiteWriter, first_french: str | None) -> Path:
    files = {**release_files(1, first_french), **release_files(2, ""), **release_files(3, "")}
    return make_site(files, config=CONFIG, with_default_release=False)


def build(runner: CliRunner, site: Path, out: Path, now: str = "2024-06-10T00:00:00Z") -> str:
    result = runner.invoke(main, ["build", "--site", str(site), "--out", str(out), "--now", now])
    assert result.exit_code == 0, result.output
    return result.output


def titles(feed: Path) -> list[tuple[str, str]]:
    parsed = feedparser.parse(feed.read_bytes())
    return [(entry.title, entry.published) for entry in parsed.entries]


def test_a_translation_added_later_is_among_its_feeds_newest_at_its_date(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = site_with(make_site, "published: 2024-06-09T10:00\n")
    build(runner, site, tmp_path / "out")
    assert titles(tmp_path / "out/fr/rss.xml") == [
        ("Titre 1", "Sun, 09 Jun 2024 10:00:00 +0200"),
        ("Titre 3", "Fri, 03 May 2024 10:00:00 +0200"),
    ]
    assert [t for t, _ in titles(tmp_path / "out/en/rss.xml")] == ["Headline 3", "Headline 2"]
    sitemap = (tmp_path / "out/fr/sitemap.xml").read_text()
    entry = sitemap.split("fr/r-1/")[1].split("</url>")[0]
    assert "<lastmod>2024-06-09T10:00:00+02:00</lastmod>" in entry


def test_without_the_line_a_translation_takes_its_releases_date(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = site_with(make_site, "")
    build(runner, site, tmp_path / "out")
    assert [t for t, _ in titles(tmp_path / "out/fr/rss.xml")] == ["Titre 3", "Titre 2"]


def test_the_line_added_to_a_built_site_updates_its_feeds_as_a_full_build_would(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = site_with(make_site, "")
    build(runner, site, tmp_path / "out")
    french = site / "releases/r-1/fr.md"
    french.write_text(
        french.read_text().replace(
            "dateline: Genève\n", "dateline: Genève\npublished: 2024-06-09T10:00\n"
        )
    )
    build(runner, site, tmp_path / "out")
    other = site / "releases/r-2/en.md"  # and again, the release with the line from the cache
    other.write_text(other.read_text().replace("Body.", "Body, edited."))
    build(runner, site, tmp_path / "out")
    build(runner, site, tmp_path / "fresh")
    for name in ("fr/rss.xml", "fr/atom.xml", "fr/feed.json", "fr/sitemap.xml"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()
    assert titles(tmp_path / "out/fr/rss.xml")[0][0] == "Titre 1"


def test_a_date_still_to_come_is_warned_of_on_its_line(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = site_with(make_site, "published: 2024-06-09T10:00\n")
    output = build(runner, site, tmp_path / "out", now="2024-06-05T00:00:00Z")
    assert "releases/r-1/fr.md:4: published: 2024-06-09T10:00:00+02:00 is later than now" in output


def test_a_translation_with_the_line_is_marked_as_made_from_its_original(
    runner: CliRunner, make_site: SiteWriter
) -> None:
    """`mark` reads the file back as the site does: a time without an offset is in the
    site's zone there too."""
    from pressgen.translations_command import translations

    site = site_with(make_site, "published: 2024-06-09T10:00\n")
    result = runner.invoke(translations, ["--site", str(site), "mark", "r-1", "fr"])
    assert result.exit_code == 0, result.output
    assert "translated_from: sha256:" in (site / "releases/r-1/fr.md").read_text()


def test_a_translation_put_online_without_the_line_is_told_how_to_date_it_once(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    """The build that puts it online says so, with the instant to write; not the next one,
    which has nothing to do, nor a build of a release new in every language."""
    site = site_with(make_site, None)
    first = build(runner, site, tmp_path / "out", now="2024-06-01T00:00:00Z")
    assert "published:" not in first
    french = "---\ntitle: Titre 1\ndateline: Genève\n---\nCorps.\n"
    (site / "releases/r-1/fr.md").write_text(french)
    added = build(runner, site, tmp_path / "out", now="2024-06-10T00:00:00Z")
    assert (
        "releases/r-1/fr.md: published: this translation went out after its release "
        "(2024-05-01T10:00:00+02:00)"
    ) in added
    assert (
        "write in its front matter the instant it went out: published: 2024-06-10T00:00+00:00\n"
        in added
    )
    again = build(runner, site, tmp_path / "out", now="2024-06-10T00:00:00Z")
    assert "published:" not in again


def test_a_translation_put_online_with_the_line_is_not_told(
    runner: CliRunner, make_site: SiteWriter, tmp_path: Path
) -> None:
    site = site_with(make_site, None)
    build(runner, site, tmp_path / "out", now="2024-06-01T00:00:00Z")
    french = "---\ntitle: Titre 1\ndateline: Genève\npublished: 2024-06-09T10:00\n---\nCorps.\n"
    (site / "releases/r-1/fr.md").write_text(french)
    assert "this translation went out" not in build(runner, site, tmp_path / "out")
