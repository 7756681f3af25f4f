"""A release body's sanitised HTML as plain data that the PDF template lays out.

The PDF template never sees HTML or user text as markup: the body reaches it as JSON blocks
(paragraphs, headings, lists, quotes, tables, images) holding inline runs (text, emphasis,
links, code), and every string stays a string in Typst, printed as text whatever it contains.
The HTML is nh3's output, read with the tokeniser of `markdown.html_tokens`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..bidi import written_the_other_way
from .markdown import html_attribute, html_tokens
from .pdfinline import CJK, Inline, Json, typeset_runs
from .pdftables import fill_rows, longest_words, span

Printed = Callable[[str], object]  # truthy: some of the text shows in the PDF

# Deeper nesting than this is laid out flat: Typst limits how deep its rules may nest, and
# each level fits its long words to its own width (a body may nest 16 levels, which the
# page shows; no release needs a ninth level of lists or quotes).
MAX_DEPTH = 8

_VOID = frozenset({"br", "img", "hr", "wbr", "col", "area", "source", "track", "input"})
_BLOCK = frozenset(
    {
        *(f"h{n}" for n in range(1, 7)),
        *("p", "ul", "ol", "li", "blockquote", "pre", "hr", "div", "figure", "figcaption"),
        *("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"),
        *("dl", "dt", "dd", "article", "aside", "header", "footer", "nav", "section"),
        *("details", "summary", "center", "hgroup", "map", "area"),
    }
)
_WRAPPERS = {
    "strong": "strong",
    "b": "strong",
    "em": "em",
    "i": "em",
    "cite": "em",
    "dfn": "em",
    "var": "em",
    "sub": "sub",
    "sup": "sup",
    "del": "strike",
    "s": "strike",
    "strike": "strike",
    "u": "underline",
    "ins": "underline",
    "mark": "mark",
    "small": "small",
    "q": "q",
}
_CODE = frozenset({"code", "kbd", "samp", "tt"})
# As the page shows them: `--:` and align="right" are the page's right side in Arabic too.
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "start"}
_SPACES = re.compile(r"[ \t\n\r\f]+")

# What cannot break across lines: a word, or one Chinese character (they break anywhere).
_WORDS = re.compile(rf"[^\s{CJK}]+|[{CJK}]")
# A line break in the Markdown between two Chinese characters is no space in Chinese.
_CJK_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{CJK}])")


@dataclass
class _Element:
    tag: str
    attributes: str = ""
    children: list[_Element | str] = field(default_factory=list)


@dataclass(frozen=True)
class BodyLinks:
    """How the body's addresses become a PDF's: links made absolute, the release's own
    images found on disk.

    `link(href)` is the absolute URL of a link (None drops the link, keeping its text);
    `image(src)` is the Typst path of an image the PDF can embed, or None.
    """

    link: Callable[[str], str | None]
    image: Callable[[str], str | None]


def body_blocks(
    html: str, links: BodyLinks, printed: Printed = str.strip, rtl: bool = False
) -> list[Json]:
    """The body as blocks, in reading order. `printed` says whether a text shows any letter
    in the PDF: a heading that shows none is no heading (its level would be skipped);
    `rtl`: the body's lines run right to left."""
    return _Converter(links, printed, rtl).blocks(_tree(html).children, 0)


def _tree(html: str) -> _Element:
    """nh3's well-formed output as a tree (a stray end tag closes up to its element)."""
    root = _Element("body")
    stack = [root]
    for token in html_tokens(html):
        if token.kind == "text":
            stack[-1].children.append(token.value)
        elif token.kind == "start":
            element = _Element(token.value, token.attributes)
            stack[-1].children.append(element)
            if token.value not in _VOID:
                stack.append(element)
        elif any(open_.tag == token.value for open_ in stack[1:]):
            while stack.pop().tag != token.value:
                pass
    return root


def _text(node: _Element | str) -> str:
    if isinstance(node, str):
        return node
    return "".join(_text(child) for child in node.children)


def _collapse(text: str) -> str:
    if "\n" in text:
        text = _CJK_BREAK.sub("", text)
    return _SPACES.sub(" ", text)


class _Converter:
    """Tree to blocks; `depth` counts the containers (lists, quotes, cells) around a block."""

    def __init__(self, links: BodyLinks, printed: Printed, rtl: bool) -> None:
        self.links, self.printed, self.rtl = links, printed, rtl
        self.sections: list[int] = []  # the HTML levels of the headings still open
        self.cells = 0  # how many table cells hold what is converted

    def _level(self, html_level: int) -> int:
        """The heading's level in the PDF: under the headline (level 1), one level per open
        section, so that levels never skip (PDF/UA: `## A` then `#### B` gives 2 and 3)."""
        while self.sections and self.sections[-1] >= html_level:
            self.sections.pop()
        self.sections.append(html_level)
        return len(self.sections) + 1

    def _runs(self, children: Iterable[_Element | str], rtl: bool | None = None) -> list[Inline]:
        """A paragraph's inline runs, as Typst needs them (see `pdfinline`); `rtl`: its
        lines run right to left (by default, the body's do)."""
        inlines = _trimmed(self.inlines(children, 0))
        rtl = self.rtl if rtl is None else rtl
        return typeset_runs(inlines, self.cells > 0 or rtl, MAX_DEPTH + 2, self.cells > 0)

    def blocks(self, children: Iterable[_Element | str], depth: int) -> list[Json]:
        result: list[Json] = []
        run: list[_Element | str] = []
        for child in children:
            if isinstance(child, str) or not _is_block(child):
                run.append(child)
                continue
            self._paragraph(run, result, depth)
            run = []
            result.extend(self.block(child, depth))
        self._paragraph(run, result, depth)
        return result

    def _paragraph(self, run: list[_Element | str], into: list[Json], depth: int) -> None:
        """A paragraph; a picture that opens it (alone, or above its caption's line, as
        authors write them) stands before it as a figure, full size as on the page, not as
        a letter-high picture in the line."""
        text = "".join(map(_text, run))  # written the other way: says so, as on the page
        other = written_the_other_way(text, "rtl" if self.rtl else "ltr")
        inlines = self._runs(run, other == "rtl" if other else None)
        while inlines and isinstance(inlines[0], dict) and inlines[0]["k"] == "image":
            into.append({**inlines[0], "k": "figure"})
            inlines = _trimmed(inlines[1:])
        if inlines:
            directed = {"dir": other, "nested": depth > 0} if other else {}
            into.append({"k": "p", "c": inlines, **directed})

    def block(self, element: _Element, depth: int) -> list[Json]:
        tag = element.tag
        if tag in ("p", "summary"):
            return self.blocks([_Element("span", "", element.children)], depth)
        if tag in ("figcaption", "caption"):
            inlines = self._runs(element.children)
            return [{"k": "caption", "c": inlines}] if inlines else []
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            return self._heading(element, int(tag[1]), depth)
        if tag == "hr":
            return [{"k": "hr"}]
        if tag == "pre":
            text = _text(element).strip("\n")
            return [{"k": "pre", "text": text}] if text.strip() else []
        if depth >= MAX_DEPTH or tag not in _CONTAINERS:
            return self.blocks(element.children, depth)
        return _CONTAINERS[tag](self, element, depth + 1)

    def _heading(self, element: _Element, html_level: int, depth: int) -> list[Json]:
        """A heading; one written the other way than the release runs its own way, on
        the release's side, as on the page (its question mark at its end)."""
        other = written_the_other_way(_text(element), "rtl" if self.rtl else "ltr")
        inlines = self._runs(element.children, other == "rtl" if other else None)
        if not _has_words(inlines, self.printed):  # a heading must have words (PDF/UA)
            return self.blocks([_Element("span", "", element.children)], depth)
        directed = {"dir": other} if other else {}
        return [{"k": "h", "level": self._level(html_level), "c": inlines, **directed}]

    def listing(self, element: _Element, depth: int) -> list[Json]:
        items = [
            self.blocks(child.children if child.tag == "li" else [child], depth)
            for child in element.children
            if isinstance(child, _Element)
        ]
        items = [item for item in items if item]
        if not items:
            return []
        start = html_attribute(element.attributes, "start") or "1"
        ordered = element.tag == "ol"
        return [
            {
                "k": "list",
                "ordered": ordered,
                "start": int(start) if start.isdigit() and len(start) < 7 else 1,
                "items": items,
            }
        ]

    def quote(self, element: _Element, depth: int) -> list[Json]:
        content = self.blocks(element.children, depth)
        return [{"k": "quote", "c": content}] if content else []

    def indent(self, element: _Element, depth: int) -> list[Json]:
        content = self.blocks(element.children, depth)
        return [{"k": "indent", "c": content}] if content else []

    def term(self, element: _Element, depth: int) -> list[Json]:
        inlines = self._runs(element.children)
        return [{"k": "p", "c": [{"k": "strong", "c": inlines}]}] if inlines else []

    def table(self, element: _Element, depth: int) -> list[Json]:
        captions: list[Json] = []
        rows: list[list[Json]] = []
        header = 0
        for section in _table_rows(element):
            if section.tag == "caption":
                captions.extend(self.block(section, depth))
                continue
            cells = [
                self._cell(cell, depth)
                for cell in section.children
                if isinstance(cell, _Element) and cell.tag in ("td", "th")
            ]
            if cells and len(rows) == header and all(c["header"] for c in cells):
                header += 1
            rows.append(cells)  # an empty one too: cells merged down may reach it
        rows, columns = fill_rows(rows, header)
        if not rows:
            return captions
        table = {"k": "table", "columns": columns, "header": header, "rows": rows}
        return [*captions, {**table, "longest": longest_words(rows, columns)}]

    def _cell(self, cell: _Element, depth: int) -> Json:
        align = html_attribute(cell.attributes, "align") or ""
        self.cells += 1
        try:
            content = self.blocks(cell.children, depth)
        finally:
            self.cells -= 1
        return {
            "c": content,
            "align": _ALIGN.get(align.strip().lower(), "start"),
            "header": cell.tag == "th",
            "colspan": span(cell.attributes, "colspan"),
            "rowspan": span(cell.attributes, "rowspan"),
            "longest": max(_WORDS.findall(_text(cell)), key=len, default=""),
        }

    def inlines(self, children: Iterable[_Element | str], depth: int) -> list[Inline]:
        result: list[Inline] = []
        for child in children:
            if isinstance(child, str):
                _append_text(result, _collapse(child))
            else:
                for item in self.inline(child, depth):
                    if isinstance(item, str):
                        _append_text(result, item)
                    else:
                        result.append(item)
        return result

    def inline(self, element: _Element, depth: int) -> list[Inline]:
        tag = element.tag
        if tag == "br":
            return [{"k": "br"}]
        if tag == "img":
            return self._image(element)
        if tag in _CODE:
            text = _collapse(_text(element))
            return [{"k": "code", "text": text}] if text else []
        content = self.inlines(element.children, depth + 1)
        if tag in _BLOCK:  # a block inside a line (a table cell's paragraph): a line of its own
            return [{"k": "br"}, *content, {"k": "br"}] if content and tag == "p" else content
        if not content or depth >= MAX_DEPTH:
            return content
        if tag == "a":
            href = html_attribute(element.attributes, "href")
            target = self.links.link(href) if href else None
            return [{"k": "link", "href": target, "c": content}] if target else content
        kind = _WRAPPERS.get(tag)
        return [{"k": kind, "c": content}] if kind else content

    def _image(self, element: _Element) -> list[Inline]:
        src = html_attribute(element.attributes, "src") or ""
        alt = _collapse(html_attribute(element.attributes, "alt") or "").strip()
        path = self.links.image(src) if src else None
        if path:  # in a table's line, a picture is as high as the letters (`small`)
            small = {"small": True} if self.cells else {}
            return [{"k": "image", "path": path, "alt": alt, **small}]
        target = self.links.link(src) if src else None
        if alt and target:
            return [{"k": "link", "href": target, "c": [f"[{alt}]"]}]
        return [f"[{alt}]"] if alt else []


_CONTAINERS: dict[str, Callable[[_Converter, _Element, int], list[Json]]] = {
    "ul": _Converter.listing,
    "ol": _Converter.listing,
    "blockquote": _Converter.quote,
    "dd": _Converter.indent,
    "dt": _Converter.term,
    "table": _Converter.table,
}


def _has_words(inlines: Iterable[Inline], printed: Printed) -> bool:
    """Whether inline runs hold text the PDF shows (not a picture's alt text, nor letters no
    PDF font has)."""
    return any(
        printed(item)
        if isinstance(item, str)
        else printed(item.get("text") or "") or _has_words(item.get("c", ()), printed)
        for item in inlines
    )


def _is_block(element: _Element) -> bool:
    """A block element, or an inline one wrapping blocks (`<a><div>...</div></a>`)."""
    if element.tag in _BLOCK:
        return True
    return any(isinstance(c, _Element) and _is_block(c) for c in element.children)


def _table_rows(table: _Element) -> Iterable[_Element]:
    """The table's rows and caption in order, through thead, tbody and tfoot."""
    for child in table.children:
        if not isinstance(child, _Element):
            continue
        if child.tag in ("thead", "tbody", "tfoot"):
            yield from (r for r in child.children if isinstance(r, _Element) and r.tag == "tr")
        elif child.tag in ("tr", "caption"):
            yield child


def _append_text(into: list[Inline], text: str) -> None:
    if into and into[-1] == {"k": "br"}:  # a line starts without the space HTML leaves out
        text = text.lstrip(" ")
    if not text:
        return
    if into and isinstance(into[-1], str):
        into[-1] += text
    else:
        into.append(text)


def _trimmed(inlines: list[Inline]) -> list[Inline]:
    """A block's runs without the spaces HTML would not show at its start and end."""
    items = list(inlines)
    while items and items[0] == {"k": "br"}:
        items.pop(0)
    while items and items[-1] == {"k": "br"}:
        items.pop()
    if items and isinstance(items[0], str):
        items[0] = items[0].lstrip(" ")
    if items and isinstance(items[-1], str):
        items[-1] = items[-1].rstrip(" ")
    return [item for item in items if item != ""]
