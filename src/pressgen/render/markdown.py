"""Release bodies: Markdown to sanitised HTML, and that HTML to plain text."""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from html import unescape
from typing import NamedTuple

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..bidi import (
    EMBEDDINGS,
    ISOLATES,
    POP_DIRECTIONAL_FORMATTING,
    POP_DIRECTIONAL_ISOLATE,
)
from .sanitise import Unlinked, sanitise

_EXTENSIONS = ("tables", "sane_lists", "attr_list", "def_list", "abbr")
_UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style"})


class _TextTreeprocessor(Treeprocessor):
    """Applies a language's typography to the text of the tree, never to markup or code."""

    def __init__(self, md: markdown.Markdown, fix: Callable[[str], str]) -> None:
        super().__init__(md)
        self.fix = fix

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in _UNTOUCHED:
            return
        if element.text:
            element.text = self.fix(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = self.fix(child.tail)


# What each of Python-Markdown's inline patterns needs in a text before it can match. A
# text holding none of them is left as it is by every pattern, so it can skip them all:
# most paragraphs of a release are such text, and trying the patterns one after the other
# on each was a quarter of a body's conversion. A pattern not named here (another version
# of Markdown, another extension) turns the shortcut off, never a pattern.
_NEEDS = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "image_link": ("[",),
    "image_reference": ("[",),
    "short_reference": ("[",),
    "short_image_ref": ("[",),
    "autolink": ("<",),
    "automail": ("<",),
    "linebreak": ("  \n",),
    "html": ("<",),
    "entity": ("&",),
    "not_strong": ("*", "_"),
    "em_strong": ("*", "_"),
    "em_strong2": ("_",),
    "strong_em": ("*", "_"),
}
_PLACEHOLDER = "\x02"  # Markdown's stash marks: such text always takes the long way


class _Plain(AtomicString):
    """A text no inline pattern can change, for the length of the inline stage only."""


class _MarkPlain(Treeprocessor):
    """Before the inline patterns: marks each block's text that none of them could match."""

    def __init__(self, md: markdown.Markdown, needs: tuple[str, ...]) -> None:
        super().__init__(md)
        self.needs = needs

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            text = element.text
            if text and type(text) is str and not any(n in text for n in self.needs):
                element.text = _Plain(text)


class _UnmarkPlain(Treeprocessor):
    """After the inline patterns: the marked texts become ordinary text again, for the
    processors that come later (abbreviations, typography) and skip what is atomic."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if type(element.text) is _Plain:
                element.text = str(element.text)


def _pattern_needs(md: markdown.Markdown) -> tuple[str, ...] | None:
    """What a text must hold for one of `md`'s inline patterns to apply; None if a pattern
    is one `_NEEDS` does not know."""
    names = [name for name in _NEEDS if name in md.inlinePatterns]
    if len(names) != len(md.inlinePatterns):
        return None
    needs = {need for name in names for need in _NEEDS[name]}
    delimiters = getattr(md, "delimiters", None)
    needs.update(getattr(delimiters, "tokens", ()))
    return tuple(sorted(needs | {_PLACEHOLDER}))


class _SpacedHashHeader(HashHeaderProcessor):
    """A heading is `#` and a space before its words, as CommonMark says: a line opened by
    a hashtag pasted from a post (`#WorldRefugeeDay`) stays text (Python-Markdown made it
    the largest heading)."""

    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


@lru_cache(maxsize=16)
def _converter(typography: Callable[[str], str], shortcut: bool = True) -> markdown.Markdown:
    """One Markdown converter per typography rule, reused (reset) across bodies. The rule
    is the language's (`typography`): in right-to-left text it sets numbers written in
    groups apart left to right, as in the headline, once for every output: page, text,
    e-mail and PDF.

    `shortcut`: texts without inline syntax skip the inline patterns (the same HTML; off
    only to test that it is the same)."""
    md = markdown.Markdown(
        extensions=list(_EXTENSIONS),
        # `--:` as align="right": it outlives sanitising, which removes every style
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    md.treeprocessors.register(_TextTreeprocessor(md, typography), "typography", 5)
    md.parser.blockprocessors.register(_SpacedHashHeader(md.parser), "hashheader", 70)
    needs = _pattern_needs(md) if shortcut else None
    if needs is not None:
        md.treeprocessors.register(_MarkPlain(md, needs), "mark_plain", 21)  # inline: 20
        md.treeprocessors.register(_UnmarkPlain(md), "unmark_plain", 19)
    return md


def body_html(
    body: str,
    typography: Callable[[str], str],
    media: Mapping[str, str] | None = None,
    unlinked: Unlinked | None = None,
) -> str:
    """A release body as safe HTML, its text set in the language's typography (for `media`
    and `unlinked`, see `sanitise`)."""
    md = _converter(typography)
    try:
        return sanitise(md.convert(body), media, unlinked)
    finally:
        md.reset()


_SPACES = re.compile(r"[ \t\r\n\f]+")
_BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre", "tr"})
_BLOCKS |= {"dt", "dd", "figcaption", "div", "table", "ul", "ol", "dl", "figure", "hr"}


# The input is always nh3 (html5ever) serialisation: well-formed lowercase tags, attribute
# values in double quotes with `"` escaped, text `<` and `>` escaped, no comments or
# script/style content. A regular expression can therefore tell tags from text. Quoted
# values are skipped whole, so a raw `>` in one would be safe too (nh3 0.3.8 writes `&gt;`).
_TAG = re.compile(r'<(/?)([a-zA-Z][^\s/>]*)((?:[^>"]|"[^"]*")*)>')
_ATTRIBUTE = re.compile(r'([^\s="/>]+)(?:\s*=\s*"([^"]*)")?')
_LISTS = frozenset({"ul", "ol"})
_STARTS = _BLOCKS | {"td", "th", "a", "br", "img", "sup"}
_ENDS = _BLOCKS | {"a"}


def _collapse(text: str) -> str:
    """`_SPACES.sub(" ", text)`, skipping the regex (most of the cost) when no run needs it.

    Newlines become spaces with a plain replace; after that only a double space or a tab,
    CR or form feed can still be a run that is not already a single space.
    """
    if "\n" in text:
        text = text.replace("\n", " ")
    if "  " in text or "\t" in text or "\r" in text or "\f" in text:
        return _SPACES.sub(" ", text)
    return text


def _attribute(source: str, name: str) -> str | None:
    """One attribute's unescaped value; the last one wins, as `dict(attrs)` would have it."""
    value = None
    for match in _ATTRIBUTE.finditer(source):
        if match.group(1).lower() == name:
            raw = match.group(2)
            value = unescape(raw) if raw else raw
    return value


class _Paragraphs:
    """Reading-order text of sanitised HTML as paragraphs, fed one tag at a time."""

    __slots__ = ("blocks", "cells", "current", "href", "indent", "link_text", "lists", "marker")

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []
        self.href: list[str | None] = []
        self.link_text: list[int] = []
        self.cells = 0
        self.indent = ""  # of the list item whose paragraph is being collected
        self.marker = ""  # "- " or "3. ", while it is all that paragraph holds

    def flush(self) -> None:
        text = _collapse("".join(self.current)).strip(" ")
        if text:
            self.blocks.append(self.indent + text)
        self.current.clear()
        self.indent = self.marker = ""

    def start(self, tag: str, attributes: str) -> None:
        # A loose list item's text is in a <p>: it joins the item's marker.
        if tag in _BLOCKS and not (tag == "p" and self._only_marker()):
            self.flush()
        if tag in _LISTS:
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li" and self.lists:
            self._item()
        elif tag in ("td", "th"):
            if self.cells:
                self.current.append(" | ")
            self.cells += 1
        elif tag == "tr":
            self.cells = 0
        elif tag == "a":
            self.href.append(_attribute(attributes, "href"))
            self.link_text.append(len(self.current))
        elif tag == "br":
            self.current.append(" ")
        elif tag == "sup":  # 10<sup>6</sup> is 10^6 in plain text, never 106
            self.current.append("^")
        elif tag == "img":
            alt = _attribute(attributes, "alt")
            if alt:
                self.current.append(f"[{alt}]")

    def _item(self) -> None:
        counter = self.lists[-1]
        if counter[0] >= 0:
            counter[0] += 1
            self.marker = f"{counter[0]}. "
        else:
            self.marker = "- "
        self.current.append(self.marker)
        self.indent = "  " * (len(self.lists) - 1)

    def _only_marker(self) -> bool:
        return bool(self.marker) and "".join(self.current).strip() == self.marker.strip()

    def end(self, tag: str) -> None:
        if tag == "a" and self.href:
            self._link_end()
        if tag in _LISTS and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self.flush()

    def _link_end(self) -> None:
        href = self.href.pop()
        start = self.link_text.pop()
        text = "".join(self.current[start:]).strip()
        if href and href not in (text, f"mailto:{text}") and not href.startswith("#"):
            address = href.removeprefix("mailto:")
            # after Chinese or Japanese words, in full-width brackets and with no space
            wide = bool(text) and _wide(text[-1])
            self.current.append(f"（{address}）" if wide else f" ({address})")


class HtmlToken(NamedTuple):
    """One piece of nh3 output: text (unescaped), a start tag with its attribute source, or
    an end tag."""

    kind: str  # "text", "start" or "end"
    value: str  # the text, or the lowercase tag name
    attributes: str = ""  # a start tag's attribute source; read it with `html_attribute`


def html_tokens(html: str) -> Iterator[HtmlToken]:
    """Sanitised HTML as a flat sequence of tokens, with the tokeniser `html_paragraphs` uses
    (for outputs that need the document's structure, such as the PDF)."""
    parts = _TAG.split(html)
    for index in range(0, len(parts), 4):
        text = parts[index]
        if text:
            yield HtmlToken("text", unescape(text) if "&" in text else text)
        if index + 1 == len(parts):
            return
        kind = "end" if parts[index + 1] else "start"
        yield HtmlToken(kind, parts[index + 2].lower(), parts[index + 3])


def html_attribute(source: str, name: str) -> str | None:
    """One attribute's unescaped value from a start token's attribute source."""
    return _attribute(source, name)


def html_paragraphs(html: str) -> list[str]:
    """Plain-text paragraphs of an HTML fragment, in reading order, without markup.

    Tokenised with `_TAG` rather than `html.parser`, which was ~10% of a cold build; the
    result is the same as HTMLParser(convert_charrefs=True) gives for nh3 output.
    """
    paragraphs = _Paragraphs()
    current = paragraphs.current  # flush() clears this list in place, never replaces it
    parts = _TAG.split(html)
    for index in range(0, len(parts), 4):
        text = parts[index]
        if text:
            current.append(unescape(text) if "&" in text else text)
        if index + 1 == len(parts):
            break
        tag = parts[index + 2].lower()
        if not parts[index + 1]:
            if tag in _STARTS:
                paragraphs.start(tag, parts[index + 3])
        elif tag in _ENDS:
            paragraphs.end(tag)
    paragraphs.flush()
    return paragraphs.blocks


# Where Chinese and Japanese end a clause (no space follows); `.` and `,` are no such
# place in "1.500.000" or "3,5"
_CLOSING = frozenset("，。、；：！？）」』】》〉…")


def shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters and "…", between two words: at a space,
    after Chinese or Japanese punctuation, or between two Chinese or Japanese characters
    (written without spaces), looking back at most a third of the way; else where the
    limit falls. A direction override or isolate the cut leaves open is closed before "…":
    open, it would turn around whatever a page shows after the summary."""
    if len(text) <= limit:
        return text
    for at in range(limit, limit * 2 // 3, -1):
        before, after = text[at - 1], text[at]
        if (
            before.isspace()
            or after.isspace()
            or before in _CLOSING
            or (_wide(before) and _wide(after) and after not in _CLOSING)
        ):
            return _directions_closed(text[:at].rstrip()) + "…"
    return _directions_closed(text[:limit]) + "…"


def _directions_closed(text: str) -> str:
    """`text` with each embedding, override or isolate it opens and leaves open closed, as
    Unicode's bidirectional algorithm pairs them (a PDI closes the embeddings inside it)."""
    if not any(mark in text for mark in EMBEDDINGS + ISOLATES):
        return text
    open_marks: list[str] = []
    for char in text:
        if char in EMBEDDINGS or char in ISOLATES:
            open_marks.append(char)
        elif char == POP_DIRECTIONAL_FORMATTING and open_marks and open_marks[-1] in EMBEDDINGS:
            open_marks.pop()
        elif char == POP_DIRECTIONAL_ISOLATE and any(mark in ISOLATES for mark in open_marks):
            while open_marks.pop() not in ISOLATES:
                pass
    closing = (
        POP_DIRECTIONAL_ISOLATE if mark in ISOLATES else POP_DIRECTIONAL_FORMATTING
        for mark in open_marks
    )
    return text + "".join(reversed(list(closing)))


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")
