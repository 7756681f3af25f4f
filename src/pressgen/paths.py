"""The one owner of output paths and URLs: every file's place is decided here and only here."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Collection, Iterable
from datetime import UTC, datetime
from urllib.parse import quote, unquote, urlsplit

from .model import SiteConfig

ROOT_PAGE = "index.html"
NOT_FOUND_PAGE = "404.html"  # what web servers send for an address with no page
SITEMAP = "sitemap.xml"
ROOT_SITEMAP = "sitemap-root.xml"  # the root's own page: a sitemap lists only below its folder
ROBOTS = "robots.txt"
STYLESHEET = "assets/style.css"
FEED_FILES = {"rss": "rss.xml", "atom": "atom.xml", "json": "feed.json"}
# The date in item ids (tag: URIs) when `[feeds] authority` gives none: one date for the
# whole site, so that no release's id ever moves.
TAG_DATE = "2000"


def release_dir(lang: str, release_id: str) -> str:
    return f"{lang}/{release_id}/"


def release_page(lang: str, release_id: str) -> str:
    return release_dir(lang, release_id) + "index.html"


def release_of_page(path: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """The release id and language whose page is at `path`, if it is a release page."""
    lang, _, rest = path.partition("/")
    release_id, _, name = rest.partition("/")
    if name != "index.html" or lang not in languages or release_id in RESERVED_IDS:
        return None
    return release_id, lang


def release_text(lang: str, release_id: str) -> str:
    return release_dir(lang, release_id) + f"{release_id}.{lang}.txt"


def release_ninjs(lang: str, release_id: str) -> str:
    return release_dir(lang, release_id) + f"{release_id}.{lang}.ninjs.json"


def release_pdf(lang: str, release_id: str) -> str:
    return release_dir(lang, release_id) + f"{release_id}.{lang}.pdf"


def press_kit(release_id: str) -> str:
    """The release's press kit, beside its media (no media file is a .zip)."""
    return media(release_id, f"{release_id}-press-kit.zip")


def media(release_id: str, filename: str) -> str:
    return f"media/{release_id}/{filename}"


def search_bundle(lang: str, year: str) -> str:
    """The search index of one language's releases of one year (see `render.search`)."""
    return f"{SEARCH_BUNDLE}{lang}/{year}/"


def language_sitemap(lang: str, part: int = 1) -> str:
    """One language's sitemap; a long one goes on in `sitemap-2.xml` and so on."""
    return f"{lang}/{SITEMAP}" if part == 1 else f"{lang}/sitemap-{part}.xml"


def index_page(lang: str) -> str:
    return f"{lang}/index.html"


# The site's own pages sit beside the release pages of a language (`LANG/ID/`): a release
# may not take their names (the reader says so).
SEARCH_DIR = "search"
ABOUT_DIR = "about"
CONTACTS_DIR = "contacts"
# and so do the lists: a list's page 2 on (`LANG/page/2/`), one per year, region and topic
PAGE_DIR = "page"
VOCABULARY_DIRS = ("years", "regions", "topics")
RESERVED_IDS = frozenset({SEARCH_DIR, ABOUT_DIR, CONTACTS_DIR, PAGE_DIR, *VOCABULARY_DIRS})
SEARCH_BUNDLE = "pagefind/"  # the search index, shared by every language
SEARCH_SCRIPT = "assets/search.js"
PHOTO_SIZES = "sizes"  # media/ID/sizes/: renditions, never a name of a release's own file


def list_page(
    lang: str, vocabulary: str | None = None, key: str | None = None, number: int = 1
) -> str:
    """Page `number` of a list of releases: the language's index (no vocabulary), a year
    (`years`, "2021"), a region or a topic. Page 1 is the list's own address."""
    scope = f"{vocabulary}/{key}/" if vocabulary and key else ""
    more = f"{PAGE_DIR}/{number}/" if number > 1 else ""
    return f"{lang}/{scope}{more}index.html"


def search_page(lang: str) -> str:
    return f"{lang}/{SEARCH_DIR}/index.html"


def about_page(lang: str) -> str:
    return f"{lang}/{ABOUT_DIR}/index.html"


def contacts_page(lang: str) -> str:
    return f"{lang}/{CONTACTS_DIR}/index.html"


def photo_copy(release_id: str, name: str, label: str, suffix: str) -> str:
    """A published copy of photo `name`: `label` is a width ("800w") or "card"."""
    return f"media/{release_id}/{PHOTO_SIZES}/{name}-{label}.{suffix}"


def asset(name: str) -> str:
    return f"assets/{name}"


def logo_copy(name: str, height: int, suffix: str) -> str:
    """A copy of the site's logo `height` pixels tall (beside the site's own assets)."""
    return f"assets/{PHOTO_SIZES}/{name}-{height}h.{suffix}"


def feed(lang: str, kind: str, vocabulary: str | None = None, key: str | None = None) -> str:
    scope = f"{vocabulary}/{key}/" if vocabulary and key else ""
    return f"{lang}/{scope}{FEED_FILES[kind]}"


def url(config: SiteConfig, path: str) -> str:
    """The absolute URL of an output path; `x/index.html` is served as `x/`."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return config.base_url + quote(path)


def site_path(config: SiteConfig) -> str:
    """The path of the site's address on its host: "/" or "/newsroom/"."""
    return urlsplit(config.base_url).path or "/"


def leads_to(releases: Collection[str], address: str) -> bool:
    """Whether a link's `address` may lead to or name one of `releases`: one of its words
    (`path_words`) is one of their ids, wherever it stands (`../id/`, `id/`, `/en/id.html`,
    `?next=/en/id/`, another host's `/en/id/`). Wider than where the link leads, so that a
    slip in the address, or a copy of the page elsewhere, gives none of them away."""
    return any(word in releases for word in path_words(address))


def path_words(*texts: str) -> tuple[str, ...]:
    """The words of `texts` (bodies, or an address) that may name a release: each that
    follows a slash, ?, =, & or #, or begins an address (`id/` in `](id/)`, `href="id;x"`),
    their characters written as references, percent-encoded or in capitals, their slashes
    as backslashes, tabs or line breaks in them (which browsers skip) included. A body's
    words hold every word `leads_to` finds in the address of one of its links."""
    return tuple(sorted({word for text in texts for word in _words(text)}))


def _words(text: str) -> set[str]:
    text = html.unescape(text) if "&" in text else text
    text = unicodedata.normalize("NFKC", unquote(text) if "%" in text else text).lower()
    # a backslash is a slash to a browser, or escapes the next character in Markdown
    forms = {text.replace("\\", "/"), text.replace("\\", "")}
    # browsers skip tabs and line breaks (replace: translate is slow on text not in ASCII)
    forms |= {form.replace("\t", "").replace("\n", "").replace("\r", "") for form in forms}
    return {word for form in forms for word in (*_AFTER_SIGN.findall(form), *_starts(form))}


def _starts(text: str) -> list[str]:
    """The words that begin an address in `text`: an id at its start, or after a space,
    bracket, quote, = or :, and before a slash, ; ? or #. Found from those few signs
    backwards, as a pattern tried at every letter of a body is ten times slower."""
    pieces = _ENDS.split(text)
    words = []
    for index, piece in enumerate(pieces[:-1]):
        tail = _BEGINNINGS.split(piece[-MAX_ID_LENGTH - 1 :])
        whole = len(piece) <= MAX_ID_LENGTH and index == 0  # a word from the text's start
        if (len(tail) > 1 or whole) and _AN_ID.fullmatch(tail[-1]):
            words.append(tail[-1])
    return words


# An id names a folder and files on the web server, each name at most 255 bytes there
# (`ID.LANG.ninjs.json`, `ID-press-kit.zip`): 100 characters leave room for any language code.
MAX_ID_LENGTH = 100
_AN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# \Z, not `$`, which would accept "id\n"
RELEASE_ID = re.compile(rf"^(?=.{{1,{MAX_ID_LENGTH}}}\Z){_AN_ID.pattern}\Z")
# A word of an address that may name a release: after a slash (a path), or after ?, =, & or
# # (a query or fragment); or at the start of an address, as a body holds one, before a
# slash, ; ? or # (`](id/)`: a path from the page's folder).
_AFTER_SIGN = re.compile(rf"[/#?=&]({_AN_ID.pattern})")
_ENDS = re.compile(r"[/;?#]")
_BEGINNINGS = re.compile(r"""[\s(\[<"'=:]""")


def relative(from_path: str, to_path: str) -> str:
    """A link from one output file to another that works on any host and from disk."""
    start = from_path.split("/")[:-1]
    target = to_path.split("/")
    shared = 0
    while shared < len(start) and shared < len(target) - 1 and start[shared] == target[shared]:
        shared += 1
    rest = "/".join(target[shared:])
    # most paths need no quoting: `quote` was a third of every link's cost
    return "../" * (len(start) - shared) + (rest if _UNQUOTED.fullmatch(rest) else quote(rest))


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~/-]*")  # what `quote` leaves as it is


def item_id(config: SiteConfig, release_id: str, lang: str) -> str:
    """A release-language's permanent identity (feed GUID, Atom id, ninjs uri).

    A tag URI (RFC 4151) from the release id and language, never from the title, the date
    or the URL layout, so that a new headline, a date put right or a new page layout never
    duplicates an item. The tagging entity is `[feeds] authority`, by default the site's
    host with the date `TAG_DATE`: a site moving to a new address sets it to the old one,
    and subscribers keep their items.
    """
    return f"tag:{_tagging_entity(config)}:release:{release_id}:{lang}"


def tags_begin(config: SiteConfig) -> datetime:
    """The first instant of the date in the items' tags ("2021" is 1 January 2021): the date
    of a site's feeds while it has published nothing (Atom needs one; 1970 is implausible,
    and the clock would make each build's bytes new)."""
    written = _tagging_entity(config).rpartition(",")[2]  # YYYY, YYYY-MM or YYYY-MM-DD
    found = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", written)
    default = datetime(int(TAG_DATE), 1, 1, tzinfo=UTC)
    if found is None:  # a comma in base_url's host, which `check` lets pass: no date
        return default
    year, month, day = (int(part or 1) for part in found.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:  # a day the month has not
        return default


def _tagging_entity(config: SiteConfig) -> str:
    authority = config.feed_authority or urlsplit(config.base_url).hostname or ""
    return authority if "," in authority else f"{authority},{TAG_DATE}"
