"""`pressgen check`: everything `build` would read, validated, nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .assemble import assemble
from .engine.memo import read_site_remembered
from .i18n import site_missing_translations
from .mail.lists import check_lists
from .problems import InputError


def check_site(site_dir: Path, jobs: int = 1) -> str:
    """A one-line summary of a site with nothing to fix; raises InputError listing every
    problem: errors (a build refuses them) and warnings (a build shows them and publishes).
    Releases a build has read and that have not changed since are taken from its cache.
    """
    site = read_site_remembered(site_dir, jobs)
    warnings = site_missing_translations(site)  # the catalogs' gaps and the releases'
    lists, recipients, wrong = check_lists(site_dir, site.config.languages)
    if warnings or wrong:
        raise InputError(wrong, warnings)
    now = datetime.now(UTC)
    public = assemble(site, now).releases
    languages = sum(len(r.translations) for r in site.releases)
    media = f" {_count(lists, 'media list')} ({_count(recipients, 'recipient')})." if lists else ""
    return (
        f"OK: {_count(len(site.releases), 'release')} "
        f"({_count(languages, 'language version')}), {len(public)} public now.{media}"
    )


def _count(number: int, thing: str) -> str:
    """`1 release`, `2 releases`: the summary is English, as every message of the tool."""
    return f"{number} {thing}{'' if number == 1 else 's'}"
