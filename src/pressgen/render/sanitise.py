"""Sanitised HTML: allow-list cleaning of a release body, and its links made to work far
from its page (absolute for feeds and wire texts, unlinked for a summary)."""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Callable, Mapping
from functools import partial
from urllib.parse import unquote, urljoin

import nh3

from ..bidi import (
    LEFT_TO_RIGHT_ISOLATE,
    LEFT_TO_RIGHT_OVERRIDE,
    POP_DIRECTIONAL_FORMATTING,
    POP_DIRECTIONAL_ISOLATE,
    has_letters_against,
    written_the_other_way,
)

_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

# A tag as raw HTML writes it: its name, then anything but a tag's end or start, quoted
# values whole, '<' and '>' in them too (`alt="Map of <Region>"` is text, not a tag). No
# part can be read two ways, and a value is at most 2,000 characters: linear.
_RAW_TAG = re.compile(r"""</?([A-Za-z][A-Za-z0-9:-]*)(?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}')*>""")
_GOES_WHOLE = nh3.CLEAN_CONTENT_TAGS  # script, style: their text is code, not the reader's
# The attributes nh3 allows, but for those HTML has made obsolete (`char`, `summary`, `size`,
# `align`), which validators warn of: a cell's `align` stays, for feeds and the PDF, and a
# page shows it as a class (`for_page`).
_OBSOLETE = frozenset({"align", "char", "charoff", "summary", "size"})
_ATTRIBUTES = {
    tag: {
        name for name in names if name not in _OBSOLETE or (tag in ("td", "th") and name == "align")
    }
    - ({"width"} if tag == "hr" else set())
    for tag, names in nh3.ALLOWED_ATTRIBUTES.items()
}
_SPANS = {"colspan": (1, 1000), "rowspan": (0, 65534)}  # the values HTML allows
_CELL_ALIGN = re.compile(r'(<t[dh]\b[^>]*?) align="([^"]*)"')
_ALIGNMENTS = frozenset({"left", "right", "center", "justify"})


def _unwrap_unknown(html: str) -> str:
    """The HTML without the tags the sanitiser would remove, their text kept. Left to it,
    its parser drops the text inside the names it knows from SVG and MathML (`<text>`,
    `<path>`, `<and>`, `<not a tag>`): the rest of the paragraph would go, where `pressgen
    check` says "its text stays"."""

    def unwrap(tag: re.Match[str]) -> str:
        name = tag[1].lower()
        return tag[0] if name in nh3.ALLOWED_TAGS or name in _GOES_WHOLE else ""

    return _RAW_TAG.sub(unwrap, html) if "<" in html else html


def sanitise(
    html: str, media: Mapping[str, str] | None = None, unlinked: Unlinked | None = None
) -> str:
    """Allow-list cleaning: ordinary markup stays, scripts, handlers and active embeds go,
    a tag that is not allowed goes and its text stays.

    Links to the release's own files (`![Map](map.png)`) are pointed at where the output
    carries them (`media`: file name -> URL). A link whose address `unlinked` refuses is
    left out, its text kept (but for an address shown as its own text); so is a picture's
    (its alternative text stays) and a quotation's source.
    """
    html = _unwrap_unknown(html)
    found = media or {}

    def kept(tag: str, attribute: str, value: str) -> str | None:
        if attribute in _SPANS:  # as HTML allows them (rowspan="99999" is invalid)
            return _span(attribute, value)
        if unlinked is not None and attribute in _LINKING and unlinked(value):
            return _UNLINKED if attribute == "href" else None
        if attribute in ("src", "href") and found:  # named as written, or percent-encoded
            return found.get(value) or found.get(unquote(value), value)
        return value

    clean = nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer",
        attribute_filter=kept,
    )
    if _UNLINKED in clean and unlinked is not None:
        clean = _UNLINKED_TAG.sub(partial(_unlinked_words, unlinked), clean)
    clean = _ANCHOR.sub(_anchor_or_words, clean) if "<a" in clean else clean
    clean = _under_headline(clean) if "<h" in clean else clean
    return _IMAGE.sub(_image_mended, clean) if "<img" in clean else clean


# A heading's start or end tag as the cleaner writes it (a `<` in text is written `&lt;`)
_HEADING = re.compile(r"<(/?)h([1-6])\b")


def _under_headline(html: str) -> str:
    """The body's headings numbered under the page's headline (its h1), one level per open
    section, as the PDF numbers them: `### Notes to editors` under the headline is an h2, and
    `## A`, `#### B` give h2, h3. A skipped level (h1 then h3) is an error to HTML checkers
    and to readers of screen readers, who navigate by level."""
    sections: list[int] = []

    def renumbered(tag: re.Match[str]) -> str:
        if not tag.group(1):  # headings do not nest: an end tag closes the last one opened
            level = int(tag.group(2))
            while sections and sections[-1] >= level:
                sections.pop()
            sections.append(level)
        return f"<{tag.group(1)}h{min(6, len(sections) + 1)}"

    return _HEADING.sub(renumbered, html)


# A link as the cleaner writes it (a link's text holds no `</a>`: links do not nest)
_ANCHOR = re.compile(r'<a\b((?:[^>"]|"[^"]*")*)>(.*?)</a>', re.DOTALL)


def _anchor_or_words(anchor: re.Match[str]) -> str:
    """A link whose address the cleaner removed (`javascript:`, `data:`), or that had none
    (`<a name="x">`), as its words: an `<a>` without `href` fails the Nu Html Checker and
    shows link-coloured words that lead nowhere."""
    return anchor[0] if ' href="' in anchor[1] else anchor[2]


_LINKING = frozenset({"href", "src", "cite", "title"})  # a title may be an address too
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _unlinked_words(unlinked: Unlinked, link: re.Match[str]) -> str:
    """A link's words without it; none when one of them is an address it leads to
    (`<https://…>`, in bold, with French spacing before its `?`)."""
    words = html_module.unescape(_TAG.sub(" ", link[1]))
    tokens = [*_SPACE.split(words), _SPACE.sub("", words)]
    return "" if any(unlinked(token) for token in tokens if "/" in token) else link[1]


_IMAGE = re.compile(r"<img\b[^>]*>")  # cleaned: a `>` in a value is written `&gt;`


def _image_mended(image: re.Match[str]) -> str:
    """An image as HTML requires it: one whose address the cleaner removed (`data:`) leaves
    its alternative text, one written without `alt` (raw HTML) gets an empty one, as a
    picture that says nothing."""
    tag = image[0]
    if not _SOURCE.search(tag):
        alt = _ALT.search(tag)
        return alt[1] if alt else ""  # escaped as an attribute: as good as text
    return tag if ' alt="' in tag else tag[:-1].rstrip("/ ") + ' alt="">'


_ALT = re.compile(r' alt="([^"]*)"')
_SOURCE = re.compile(r' src="\s*[^"\s]')  # an address, not an empty one


Unlinked = Callable[[str], bool]  # a link's address -> whether to leave the link out
# The address a link left out has until its tag goes (a link's text holds no `</a>`: links
# do not nest); an anchor without an address would keep the `rel` the cleaner adds to all.
_UNLINKED = "#pressgen-left-out"
_UNLINKED_TAG = re.compile(
    rf'<a\b(?:[^>"]|"[^"]*")*?\bhref="{_UNLINKED}"(?:[^>"]|"[^"]*")*>(.*?)</a>', re.DOTALL
)


def _span(attribute: str, value: str) -> str | None:
    """A colspan or rowspan as browsers read it (" 2" is 2), if HTML allows its value."""
    digits = value.strip().lstrip("0") or "0"
    if not (digits.isascii() and digits.isdigit() and len(digits) <= 5):
        return None
    least, most = _SPANS[attribute]
    return digits if least <= int(digits) <= most else None


def for_page(html: str, direction: str) -> str:
    """Sanitised HTML as a web page shows it. Table cells say their alignment with a class
    the stylesheet knows (`align-right`), not with the attribute HTML has made obsolete
    (`align="RIGHT"` as pasted too; a value no stylesheet knows, such as "char", goes).
    A table takes the keyboard's focus: one wider than the screen scrolls by itself (see
    the stylesheet), and arrow keys scroll it only once it has the focus. A paragraph
    written the other way than the page (`direction`) says so (`directed_paragraphs`), and
    a number set apart in right-to-left text is set apart with markup."""

    def to_class(cell: re.Match[str]) -> str:
        value = cell[2].strip().lower()
        return f'{cell[1]} class="align-{value}"' if value in _ALIGNMENTS else cell[1]

    html = _CELL_ALIGN.sub(to_class, html) if "align=" in html else html
    html = directed_paragraphs(html, direction)
    html = _numbers_as_markup(html) if direction == "rtl" else html
    return _TABLE.sub('<table tabindex="0"', html) if "<table" in html else html


_TABLE = re.compile(r"<table\b")  # cleaned: it has no tabindex of its own
# A number set apart left to right in the body's text (`numbers_in_written_order`): marks
# around words alone, no tag or other mark between them
_SET_APART = re.compile(
    f"{LEFT_TO_RIGHT_ISOLATE}([^<\u202a-\u202e\u2066-\u2069]*){POP_DIRECTIONAL_ISOLATE}"
    f"|{LEFT_TO_RIGHT_OVERRIDE}([^<\u202a-\u202e\u2066-\u2069]*){POP_DIRECTIONAL_FORMATTING}"
)


def _numbers_as_markup(html: str) -> str:
    """The numbers set apart in a body, as a page's markup says it (`<bdi dir="ltr">`,
    `<bdo dir="ltr">`, as the contacts' phones): a reader copying one from the page copies
    the number alone, without its invisible marks."""

    def markup(found: re.Match[str]) -> str:
        isolated, overridden = found.groups()
        if isolated is not None:
            return f'<bdi dir="ltr">{isolated}</bdi>'
        return f'<bdo dir="ltr">{overridden}</bdo>'

    marks = (LEFT_TO_RIGHT_ISOLATE, LEFT_TO_RIGHT_OVERRIDE)
    return _SET_APART.sub(markup, html) if any(mark in html for mark in marks) else html


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)  # cleaned: paragraphs do not nest


def directed_paragraphs(html: str, direction: str) -> str:
    """The paragraphs all of whose letters run the other way than `direction`, with a
    `dir` that says so (in a quotation or a list, the stylesheet keeps one beside its bar
    or bullet); a list item, heading or cell of such words alone, its words set apart in
    their direction (a `dir` on the item would move its bullet to the other side)."""

    # Most bodies have no such letter: one search tells. Searched as it is when the page runs
    # left to right and the HTML has no numeric reference (tags are ASCII; no named
    # reference is a right-to-left letter): an alt text can only find one more.
    plain = direction == "ltr" and "&#" not in html
    if not has_letters_against(html if plain else _words_of(html), direction):
        return html
    return _directed_each(html, direction)


def _directed_each(html: str, direction: str) -> str:
    """`directed_paragraphs`, asking each paragraph, list item, heading and cell."""

    def directed(paragraph: re.Match[str]) -> str:
        other = written_the_other_way(_words_of(paragraph[1]), direction)
        return f'<p dir="{other}">{paragraph[1]}</p>' if other else paragraph[0]

    def set_apart(item: re.Match[str]) -> str:
        other = written_the_other_way(_words_of(item[3]), direction)
        if other is None:
            return item[0]
        return f'<{item[1]}{item[2]}><span dir="{other}">{item[3]}</span></{item[1]}>'

    html = _PARAGRAPH.sub(directed, html) if "<p>" in html else html
    items = "<li" in html or "<t" in html or "<h" in html
    return _TEXT_ONLY_ITEM.sub(set_apart, html) if items else html


# A list item, heading or cell holding text only (no paragraph, list or table inside)
_TEXT_ONLY_ITEM = re.compile(
    r"<(li|t[dh]|h[1-6])((?:\s[^>]*)?)>((?:(?!</?(?:p|ul|ol|li|table|blockquote)\b).)*?)</\1>",
    re.DOTALL,
)


def _words_of(html: str) -> str:
    return html_module.unescape(_TAG.sub("", html))  # &nbsp; is no letter


def directed(html: str, direction: str) -> str:
    """Right-to-left HTML that says so, for readers that show it out of its page (a feed
    reader, a newsroom system); after `absolute_html`, which would remove the `dir`."""
    return f'<div dir="rtl">{html}</div>' if direction == "rtl" else html


def absolute_html(html: str, base: str) -> str:
    """The same HTML with every link and image URL made absolute against the page's URL."""

    def absolutise(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("href", "src"):
            return urljoin(base, value)
        return value

    return nh3.clean(
        html,
        attribute_filter=absolutise,
        link_rel="noopener noreferrer",
        url_schemes=set(_URL_SCHEMES),
    )


_ABSOLUTE = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:|#")  # a scheme, or a place on the page


def for_summary(html: str) -> str:
    """The same HTML with every link, and the images relative to its page, unlinked: their
    text and alternative text stay. A summary is read far from the page, in a list, a
    search engine's result or a feed reader, as words: "a link (https://…)", as the wire's
    text writes a link, was an address in the middle of a teaser."""

    def unlink(tag: str, attribute: str, value: str) -> str | None:
        relative = attribute == "src" and not _ABSOLUTE.match(value)
        return None if relative or attribute == "href" else value

    return nh3.clean(html, attribute_filter=unlink, url_schemes=set(_URL_SCHEMES))


def has_relative_links(html: str) -> bool:
    """Whether a link or image of sanitised HTML is relative to the page it is on. (Run on
    every body a text or ninjs shows: `find` is four times as fast as a regex search for
    either attribute, and most bodies have no link at all.)"""
    for attribute in ('href="', 'src="'):
        start = html.find(attribute)
        while start != -1:
            if not _ABSOLUTE.match(html, start + len(attribute)):
                return True
            start = html.find(attribute, start + 1)
    return False
