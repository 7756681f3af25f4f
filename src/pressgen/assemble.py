"""Stage 2, assemble: the site as it stands at an instant: what is public, in which languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from .model import Release, Site, SiteConfig


@dataclass(frozen=True)
class Edition:
    """The public site at `now`: the only releases any renderer may see."""

    config: SiteConfig
    now: datetime
    releases: tuple[Release, ...]
    by_language: Mapping[str, tuple[Release, ...]]

    def alternates(self, release: Release) -> tuple[str, ...]:
        """The languages a release exists in, in the site's switcher order."""
        return tuple(lang for lang in self.config.languages if lang in release.translations)


def newest_first(releases: tuple[Release, ...] | list[Release]) -> tuple[Release, ...]:
    """Newest first; the id breaks ties so that the order never depends on the file system."""
    ordered = sorted(releases, key=lambda r: r.id)
    return tuple(sorted(ordered, key=lambda r: r.date, reverse=True))


def assemble(site: Site, now: datetime) -> Edition:
    """Keep what is public at `now` (published, dated, out of embargo) and group it by language."""
    public = newest_first([r for r in site.releases if r.is_public(now)])
    by_language = {
        lang: tuple(r for r in public if lang in r.translations) for lang in site.config.languages
    }
    return Edition(config=site.config, now=now, releases=public, by_language=by_language)
