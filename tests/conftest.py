"""Shared fixtures: the project's own site built once, and tiny sites written per test."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from pressgen.engine import build

# `.ci/run` passes --hypothesis-profile=ci: the same examples on every run of one commit, so
# that CI passes or fails the same way twice; run locally, the property tests still explore.
settings.register_profile("ci", derandomize=True)

PROJECT = Path(__file__).resolve().parent.parent
SEED = PROJECT.parent / "shared" / "seed" / "oim-blt-api-pnr.fr.txt"
SEED_COPY = Path(__file__).resolve().parent / "golden" / "seed" / "oim-blt-api-pnr.fr.txt"
NOW = datetime(2026, 1, 1, tzinfo=UTC)

MINIMAL_CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr"]

[site.title]
en = "Example Newsroom"
fr = "Salle de presse exemple"

[topics]
health = "Migration health"
"""

RELEASE_YAML = """\
date: 2024-05-01T10:00:00+02:00
type: press-release
original: en
regions: [global]
status: published
"""

FRENCH_LABELS = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    'msgid "Migration health"\nmsgstr "Santé des migrants"\n'
)

ENGLISH = """\
---
title: A headline in English
dateline: Geneva
contacts:
  - name: Jane Doe
    email: jdoe@example.org
    org: Example Organization
---
First paragraph of the release.

A second paragraph.
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed as published; a copy is kept in the tests for machines without ../shared."""
    source = SEED if SEED.is_file() else SEED_COPY
    return source.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def project_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's own site, built once at a fixed instant."""
    out = tmp_path_factory.mktemp("project") / "public"
    build(PROJECT, out, NOW)
    return out


SiteWriter = Callable[..., Path]


@pytest.fixture
def make_site(tmp_path: Path) -> SiteWriter:
    """Write a small site: `files` maps paths below the site folder to their text."""

    def write(
        files: dict[str, str | bytes] | None = None,
        config: str = MINIMAL_CONFIG,
        with_default_release: bool = True,
    ) -> Path:
        site = tmp_path / "site"
        site.mkdir(exist_ok=True)
        (site / "pressgen.toml").write_text(config, encoding="utf-8")
        (site / "releases").mkdir(exist_ok=True)
        everything: dict[str, str | bytes] = {"locales/fr/LC_MESSAGES/messages.po": FRENCH_LABELS}
        if with_default_release:
            everything["releases/first-release/release.yaml"] = RELEASE_YAML
            everything["releases/first-release/en.md"] = ENGLISH
        everything.update(files or {})
        for name, content in everything.items():
            path = site / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(
                    textwrap.dedent(content) if content.startswith("\n") else content,
                    encoding="utf-8",
                )
        return site

    return write


@pytest.fixture(scope="session")
def website(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The website test newsroom (tests/sites.py), built with every website output."""
    from .sites import write_site

    root = tmp_path_factory.mktemp("website")
    site = write_site(root / "site")
    out = root / "public"
    build(site, out, NOW)
    return out
