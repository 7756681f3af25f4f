"""How a page names the feeds a reader can follow from it (`<link rel="alternate">` in its
head): the language's, or a region's or topic's, each feed titled as it titles itself."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .. import paths
from ..i18n import Language
from ..model import N_


class FeedLink(NamedTuple):
    type: str
    href: str
    title: str


FEED_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
LINK_TITLES = {
    "rss": N_("%(site)s (RSS)"),
    "atom": N_("%(site)s (Atom)"),
    "json": N_("%(site)s (JSON Feed)"),
}


def feed_links(
    language: Language, name: str, feed_path: Callable[[str], str], from_path: str
) -> list[FeedLink]:
    """The three feeds of one list (`feed_path` gives each kind's output path), named
    `name`, linked from the page at `from_path`."""
    return [
        FeedLink(
            type=FEED_TYPES[kind],
            href=paths.relative(from_path, feed_path(kind)),
            title=language.gettext(LINK_TITLES[kind]) % {"site": name},
        )
        for kind in paths.FEED_FILES
    ]
