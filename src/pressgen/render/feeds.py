"""RSS 2.0, Atom and JSON Feed per language (and per region and topic), through feedgen.

feedgen stamps feeds with the clock and prepends entries unless told otherwise; this adapter
always passes explicit, content-derived dates and appends, so that feeds are deterministic.
"""

from __future__ import annotations

import html
import json
import mimetypes
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from markupsafe import Markup

from .. import __version__, paths
from ..assemble import Edition
from ..i18n import Language
from ..model import Release, utc
from .feed_links import FeedLink, feed_links
from .sanitise import absolute_html, directed
from .views import (
    Body,
    BodyLookup,
    RenderContext,
    correction_lines,
    html_with_dateline,
    release_labels,
)

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedScope:
    """Which releases a feed follows: a whole language, or one region or topic within it."""

    lang: str
    vocabulary: str | None = None
    key: str | None = None

    def path(self, kind: str) -> str:
        return paths.feed(self.lang, kind, self.vocabulary, self.key)

    def page(self) -> str:
        """The HTML page the feed stands for: the language's index, or the region's or
        topic's list, beside which its feed files sit."""
        return paths.list_page(self.lang, self.vocabulary, self.key)


def feed_updated(releases: Sequence[Release], lang: str) -> datetime:
    """The newest change among the items: never the clock, never a release not in the feed."""
    return max((r.updated_in(lang) for r in releases), default=EPOCH, key=utc)


def empty_feed_date(edition: Edition) -> datetime:
    """The date of a feed with no item: the site's newest release; with none public, its
    newest withdrawal (a feed's date never goes back); with none ever, the date in its
    items' tags (`paths.tags_begin`), never a release held back, never the clock."""
    newest = [r.updated_in(lang) for r in edition.releases for lang in edition.alternates(r)]
    if newest:
        return max(newest, key=utc)
    gone = [r.withdrawn or r.updated for r in edition.withdrawn]
    return max(gone, key=utc) if gone else paths.tags_begin(edition.config)


def _newest_out_first(releases: Sequence[Release], lang: str) -> tuple[Release, ...]:
    """Releases by the instant they came out in `lang`, newest first: one dated in May and
    held under embargo until June is news in June, and so is a translation added in June
    (`Release.out_in`); a feed of the latest items must hold them."""
    return tuple(sorted(releases, key=lambda r: utc(r.out_in(lang)), reverse=True))


def _entry_values(
    release: Release, lang: str, ctx: RenderContext, body: Body, pdf: bool = False
) -> dict[str, Any]:
    language = ctx.languages[lang]
    translation = release.translations[lang]
    url = paths.url(ctx.config, paths.release_page(lang, release.id))
    content = _corrections_html(release, language) + html_with_dateline(
        translation, language, body, release.date
    )
    labels = release_labels(release, ctx.config, language)
    return {
        "id": paths.item_id(ctx.config, release.id, lang),
        "url": url,
        "title": language.typography(translation.title),
        "summary": body.summary,
        "content": directed(absolute_html(str(content), url), language.direction),
        "published": release.out_in(lang),
        "updated": release.updated_in(lang),
        "categories": [labels["type_label"], *labels["region_labels"], *labels["topic_labels"]],
        "image": _image(release, ctx),
        "pdf": paths.url(ctx.config, paths.release_pdf(lang, release.id)) if pdf else None,
    }


def _corrections_html(release: Release, language: Language) -> Markup:
    """A corrected release's lines "Updated on ...: note", above its body as on its page:
    a subscriber sees what changed (RSS has no date of update to show it by)."""
    return Markup("").join(
        Markup('<p class="release-updated">{}</p>\n').format(line)
        for line in correction_lines(release, language)
    )


def _image(release: Release, ctx: RenderContext) -> dict[str, Any] | None:
    if not release.image:
        return None
    mime = mimetypes.guess_type(release.image)[0] or "application/octet-stream"
    size = (release.folder / release.image).stat().st_size
    url = paths.url(ctx.config, paths.media(release.id, release.image))
    return {"url": url, "length": size, "type": mime}


def _feed_title(scope: FeedScope, ctx: RenderContext) -> str:
    language = ctx.languages[scope.lang]
    title = ctx.config.title(scope.lang)
    if scope.vocabulary and scope.key:
        label = getattr(ctx.config, scope.vocabulary)[scope.key]
        return language.gettext("%(site)s: %(label)s") % {
            "site": title,
            "label": language.gettext(label),
        }
    return title


def scope_feed_links(scope: FeedScope, ctx: RenderContext, from_path: str) -> list[FeedLink]:
    """A scope's three feeds for a page's <head>, titled as each feed titles itself, so that
    a reader's feed finder on a region's or topic's page can subscribe to it."""
    language = ctx.languages[scope.lang]
    return feed_links(language, language.typography(_feed_title(scope, ctx)), scope.path, from_path)


def render_feeds(
    scope: FeedScope,
    releases: Sequence[Release],
    ctx: RenderContext,
    bodies: BodyLookup,
    pdf: bool = False,
    since: datetime | None = None,
) -> dict[str, bytes]:
    """RSS, Atom and JSON Feed files for `releases`: those the feed shows, newest first.

    `pdf`: the build makes each release's PDF, attached to its JSON Feed item (RSS and Atom
    keep their one enclosure, the photo). `since`: the date of a feed without releases (a
    language with none yet), the site's newest: Atom needs one, and 1970 is implausible."""
    items = [_entry_values(r, scope.lang, ctx, bodies(r, scope.lang), pdf) for r in releases]
    updated = feed_updated(releases, scope.lang) if releases or since is None else since
    language = ctx.languages[scope.lang]
    title = language.typography(_feed_title(scope, ctx))
    description = language.gettext("Press releases – %(site)s") % {
        "site": language.typography(ctx.config.title(scope.lang))
    }
    home = paths.url(ctx.config, scope.page())
    head = _FeedHead(title, description, home, ctx.config.publisher(scope.lang), updated)
    outputs = {
        scope.path(kind): _xml_feed(kind, scope, head, items, ctx) for kind in ("rss", "atom")
    }
    outputs[scope.path("json")] = _json_feed(scope, title, description, home, items, ctx)
    return outputs


class _FeedHead(NamedTuple):
    """What the RSS and Atom feeds of one scope say of themselves."""

    title: str
    description: str
    home: str
    publisher: str
    updated: datetime


def _xml_feed(
    kind: str, scope: FeedScope, head: _FeedHead, items: list[dict[str, Any]], ctx: RenderContext
) -> bytes:
    """The RSS (`kind` "rss") or Atom feed of a scope's items."""
    # Imported when a feed is written, not before: feedgen brings lxml and dateutil, a tenth
    # of a second that a rebuild touching no feed need not pay.
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(paths.url(ctx.config, scope.path("atom")) if kind == "atom" else head.home)
    fg.title(head.title)
    # RSS <description> is HTML, Atom <subtitle> (type text) is text: see `_add_entry`
    fg.subtitle(html.escape(head.description, quote=False) if kind == "rss" else head.description)
    fg.language(scope.lang)
    fg.author({"name": head.publisher})
    fg.link(
        href=paths.url(ctx.config, scope.path(kind)), rel="self", type=f"application/{kind}+xml"
    )
    # The page last: feedgen's RSS <link> is the href of the last link given (its
    # `FeedGenerator.link`), and RSS 2.0 wants the HTML page there, not the feed itself.
    fg.link(href=head.home, rel="alternate", type="text/html")
    fg.generator("pressgen", version=__version__, uri="https://pypi.org/project/pressgen/")
    fg.updated(head.updated)
    fg.lastBuildDate(head.updated)
    for item in items:
        _add_entry(fg, item, kind)
    if kind == "rss":
        return _finish_rss(fg.rss_str(pretty=True))
    return _finish_atom(fg.atom_str(pretty=True), items)


def _add_entry(fg: FeedGenerator, item: dict[str, Any], kind: str) -> None:
    entry = fg.add_entry(order="append")
    entry.id(item["id"])
    entry.guid(item["id"], permalink=False)
    entry.title(item["title"])
    entry.link(href=item["url"], rel="alternate", type="text/html")
    entry.published(item["published"])
    entry.updated(item["updated"])
    # The summary is plain text and RSS <description> holds HTML: escaped for HTML here, then
    # for XML by the serialiser, so that "<b>" in a summary is read as text (description
    # only reaches RSS: Atom gets the content below).
    entry.description(html.escape(item["summary"], quote=False))
    # RSS readers expect content:encoded as CDATA; Atom declares escaped HTML.
    entry.content(item["content"], type="CDATA" if kind == "rss" else "html")
    for label in item["categories"]:
        entry.category(term=label)
    if item["image"]:
        image = item["image"]
        entry.enclosure(image["url"], str(image["length"]), image["type"])


ATOM = "{http://www.w3.org/2005/Atom}"
# Elements holding text, whose "&", "<" and ">" are written as hexadecimal character
# references, as the RSS Advisory Board's profile asks for plain text: the W3C validator
# then reads "&amp;" or "&lt;" in them as text, not as HTML gone astray. The RSS channel
# description holds the site title escaped for HTML, whose "&lt;" must stay text too.
RSS_TEXT = ("channel/title", "channel/description", "channel/item/title", "channel/item/category")
ATOM_TEXT = (
    f"{ATOM}title",
    f"{ATOM}subtitle",
    f"{ATOM}author/{ATOM}name",
    f"{ATOM}entry/{ATOM}title",
)
_SPECIAL = re.compile(r"([&<>])")


def _finish_rss(rss: bytes) -> bytes:
    """The RSS document as feedgen wrote it, its text elements written with references."""
    from lxml import etree  # feedgen's own dependency, loaded with it (see render_feeds)

    root = etree.fromstring(rss, etree.XMLParser(strip_cdata=False))  # keep content:encoded
    if not _text_as_references(root, RSS_TEXT):
        return rss
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _text_as_references(root: Any, paths: Sequence[str]) -> bool:
    """Write `& < >` in the text of the elements at `paths` as `&#x26; &#x3C; &#x3E;`;
    whether any was."""
    from lxml import etree

    changed = False
    for path in paths:
        for element in root.iterfind(path):
            text = element.text or ""
            if len(element) or not _SPECIAL.search(text):
                continue
            parts = _SPECIAL.split(text)
            element.text = parts[0]
            for index in range(1, len(parts), 2):
                reference = etree.Entity(f"#x{ord(parts[index]):02X}")
                reference.tail = parts[index + 1]
                element.append(reference)
            changed = True
    return changed


def _finish_atom(atom: bytes, items: list[dict[str, Any]]) -> bytes:
    """The Atom document as feedgen wrote it, with its entry links' rel, type and length,
    which feedgen 1.0 drops, and its text elements written with references.

    Each entry has its page link, then the image's enclosure link if it has an image.
    """
    from lxml import etree  # feedgen's own dependency, loaded with it (see render_feeds)

    root = etree.fromstring(atom)
    for entry, item in zip(root.iter(f"{ATOM}entry"), items, strict=True):
        links = entry.findall(f"{ATOM}link")
        links[0].attrib.update({"rel": "alternate", "type": "text/html"})
        if item["image"]:
            image = item["image"]
            links[1].attrib.update(
                {"rel": "enclosure", "type": image["type"], "length": str(image["length"])}
            )
    _text_as_references(root, ATOM_TEXT)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _json_feed(
    scope: FeedScope,
    title: str,
    description: str,
    home: str,
    items: list[dict[str, Any]],
    ctx: RenderContext,
) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1): same items as RSS and Atom."""
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "description": description,
        "home_page_url": home,
        "feed_url": paths.url(ctx.config, scope.path("json")),
        "language": scope.lang,
        "items": [
            {
                "id": item["id"],
                "url": item["url"],
                "title": item["title"],
                "summary": item["summary"],
                "content_html": item["content"],
                "date_published": item["published"].isoformat(),
                "date_modified": item["updated"].isoformat(),
                "tags": item["categories"],
                "language": scope.lang,
                **({"image": item["image"]["url"]} if item["image"] else {}),
                **(
                    {"attachments": [{"url": item["pdf"], "mime_type": "application/pdf"}]}
                    if item["pdf"]
                    else {}
                ),
            }
            for item in items
        ],
    }
    return (json.dumps(feed, ensure_ascii=False, sort_keys=True) + "\n").encode()


def feed_scopes(edition: Edition) -> Iterator[tuple[FeedScope, tuple[Release, ...]]]:
    """A feed per language, and per region and topic used by its public releases, each with
    the releases it shows: the newest, as many as `feed_length` says."""
    length = edition.config.feed_length
    for lang, by_date in edition.by_language.items():
        releases = _newest_out_first(by_date, lang)
        yield FeedScope(lang), releases[:length]
        for vocabulary in ("regions", "topics"):
            members: dict[str, list[Release]] = {}
            for release in releases:  # newest first, and so stays each member list
                for key in dict.fromkeys(getattr(release, vocabulary)):
                    members.setdefault(key, []).append(release)
            for key in edition.withdrawn_keys(lang, vocabulary):  # empty now, not gone
                members.setdefault(key, [])
            for key in sorted(members):
                yield FeedScope(lang, vocabulary, key), tuple(members[key][:length])
