"""Stage 2, assemble: the site as it stands at an instant: what is public, in which languages."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from .model import Release, Site, SiteConfig, utc


@dataclass(frozen=True)
class Edition:
    """The releases a build may show at `now`, grouped by language; nothing else is rendered.

    A public edition holds only public releases, and the releases withdrawn after they
    were public (`withdrawn`: their addresses say so). A preview edition (for journalists
    under embargo and for authors) holds drafts, scheduled and embargoed releases too (or
    only those chosen), and is written only to a preview folder. The author's preview (of
    every release) shows at a withdrawn release's addresses what the public site shows
    there; a journalists' preview (of releases chosen) never holds a withdrawn release.
    """

    config: SiteConfig
    now: datetime
    releases: tuple[Release, ...]
    by_language: Mapping[str, tuple[Release, ...]]
    by_id: Mapping[str, Release]
    preview: bool = False
    languages_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    withdrawn: tuple[Release, ...] = ()
    # the releases a body may link to at `now`, whatever the edition shows (`has_an_address`)
    addressed: frozenset[str] = frozenset()

    def alternates(self, release: Release) -> tuple[str, ...]:
        """The languages a release exists in, in the site's switcher order."""
        known = self.languages_of.get(release.id)
        return known if known is not None else _alternates(release, self.config)

    def withdrew_in(self, lang: str) -> bool:
        """Whether a release of this language was public once and is withdrawn now (its
        address says so): the language has had releases, though none is shown now."""
        return any(lang in self.alternates(release) for release in self.withdrawn)

    def withdrawn_keys(self, lang: str, vocabulary: str) -> tuple[str, ...]:
        """The regions or topics (`vocabulary`) of this language's releases withdrawn after
        they were public: their lists and feeds stay, saying that none is available now,
        so that a subscriber to a region's feed never meets a "not found"."""
        found = (getattr(r, vocabulary) for r in self.withdrawn if lang in self.alternates(r))
        return tuple(dict.fromkeys(key for keys in found for key in keys))


def _alternates(release: Release, config: SiteConfig) -> tuple[str, ...]:
    return tuple(lang for lang in config.languages if lang in release.translations)


def newest_first(releases: Iterable[Release]) -> tuple[Release, ...]:
    """Newest first; the id breaks ties so that the order never depends on the file system."""
    ordered = sorted(releases, key=lambda r: r.id)
    # by POSIX timestamp: the same order as the aware datetimes (exact to the microsecond),
    # without a UTC-offset computation in each of some 60,000 comparisons
    return tuple(sorted(ordered, key=lambda r: r.date.timestamp(), reverse=True))


def next_public(
    releases: Iterable[Release], now: datetime
) -> tuple[datetime, tuple[str, ...]] | None:
    """The next instant after `now` at which releases become public (as written, with its
    zone), and those releases by id; None if none will."""
    later = sorted(
        (utc(at), r.id, at) for r in releases if (at := r.public_from) and utc(at) > utc(now)
    )
    if not later:
        return None
    return later[0][2], tuple(i for at, i, _ in later if at == later[0][0])


def assemble(
    site: Site, now: datetime, *, preview: bool = False, only: Collection[str] | None = None
) -> Edition:
    """Keep what is public at `now` (or, for a preview, everything not withdrawn, or `only`
    the releases named), by language."""
    if preview:
        chosen = newest_first(
            r for r in site.releases if r.status != "withdrawn" and (only is None or r.id in only)
        )
    else:
        chosen = newest_first(r for r in site.releases if r.is_public(now))
    shows_withdrawals = not preview or only is None
    withdrawn = newest_first(r for r in site.releases if shows_withdrawals and r.withdrawn_at(now))
    by_language = {
        lang: tuple(r for r in chosen if lang in r.translations) for lang in site.config.languages
    }
    return Edition(
        config=site.config,
        now=now,
        releases=chosen,
        by_language=by_language,
        by_id={r.id: r for r in chosen},
        preview=preview,
        languages_of={r.id: _alternates(r, site.config) for r in (*chosen, *withdrawn)},
        withdrawn=withdrawn,
        addressed=frozenset(r.id for r in site.releases if r.has_an_address(now)),
    )
