"""Release bodies: Markdown to sanitised HTML, and that HTML to plain text."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping
from functools import lru_cache
from html.parser import HTMLParser

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

_EXTENSIONS = ("tables", "sane_lists", "attr_list", "def_list", "abbr")
_UNTOUCHED = frozenset({"code", "pre", "kbd", "samp", "script", "style"})
_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


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


@lru_cache(maxsize=16)
def _converter(typography: Callable[[str], str]) -> markdown.Markdown:
    """One Markdown converter per typography rule, reused (reset) across bodies."""
    md = markdown.Markdown(extensions=list(_EXTENSIONS), output_format="html")
    md.treeprocessors.register(_TextTreeprocessor(md, typography), "typography", 5)
    return md


def sanitise(html: str, media: Mapping[str, str] | None = None) -> str:
    """Allow-list cleaning: ordinary markup stays, scripts, handlers and active embeds go.

    Links to the release's own files (`![Map](map.png)`) are pointed at where the output
    carries them (`media`: file name -> URL).
    """
    if not media:
        return nh3.clean(html, url_schemes=set(_URL_SCHEMES), link_rel="noopener noreferrer")

    def to_media(tag: str, attribute: str, value: str) -> str | None:
        if attribute in ("src", "href"):
            return media.get(value, value)
        return value

    return nh3.clean(
        html,
        url_schemes=set(_URL_SCHEMES),
        link_rel="noopener noreferrer",
        attribute_filter=to_media,
    )


def body_html(
    body: str, typography: Callable[[str], str], media: Mapping[str, str] | None = None
) -> str:
    """A release body as safe HTML, its text set in the language's typography."""
    md = _converter(typography)
    try:
        return sanitise(md.convert(body), media)
    finally:
        md.reset()


_SPACES = re.compile(r"[ \t\r\n\f]+")
_BLOCKS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "tr",
        "dt",
        "dd",
        "figcaption",
        "div",
        "table",
        "ul",
        "ol",
        "dl",
        "figure",
        "hr",
    }
)


class _TextParser(HTMLParser):
    """Collects the reading-order text of sanitised HTML as paragraphs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []
        self.href: list[str | None] = []
        self.link_text: list[int] = []
        self.cells = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip(" ")
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li" and self.lists:
            counter = self.lists[-1]
            indent = "  " * (len(self.lists) - 1)
            if counter[0] >= 0:
                counter[0] += 1
                self.current.append(f"{indent}{counter[0]}. ")
            else:
                self.current.append(f"{indent}- ")
        elif tag in ("td", "th"):
            if self.cells:
                self.current.append(" | ")
            self.cells += 1
        elif tag == "tr":
            self.cells = 0
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_text.append(len(self.current))
        elif tag == "br":
            self.current.append(" ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.current.append(f"[{alt}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.href:
            href = self.href.pop()
            start = self.link_text.pop()
            text = "".join(self.current[start:]).strip()
            if href and href not in (text, f"mailto:{text}") and not href.startswith("#"):
                self.current.append(f" ({href.removeprefix('mailto:')})")
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def html_paragraphs(html: str) -> list[str]:
    """Plain-text paragraphs of an HTML fragment, in reading order, without markup."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks
