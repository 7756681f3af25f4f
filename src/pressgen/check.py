"""`pressgen check`: everything `build` would read, validated, nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from .assemble import assemble
from .i18n import site_missing_translations
from .problems import InputError
from .read import read_site


def check_site(site_dir: Path) -> str:
    """A one-line summary of a valid site; raises InputError listing every problem."""
    site = read_site(site_dir)
    missing = site_missing_translations(site)
    if missing:
        raise InputError(missing)
    now = datetime.now(UTC)
    public = assemble(site, now).releases
    languages = sum(len(r.translations) for r in site.releases)
    return (
        f"OK: {len(site.releases)} releases ({languages} language versions), "
        f"{len(public)} public now."
    )
