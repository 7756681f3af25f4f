"""`html_paragraphs` against the HTMLParser version it replaced, on the pipeline's own output.

The regex tokeniser in `pressgen.render.markdown` relies on nh3's serialisation being
regular. The old `html.parser` implementation is kept here, unchanged, as the oracle: random
Markdown from a small grammar (and random tag soup, through `sanitise`) must give the same
paragraphs from both.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pressgen.render.markdown import _BLOCKS, body_html, html_paragraphs
from pressgen.render.sanitise import sanitise

PROPERTY = settings(max_examples=300, deadline=None)
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _ReferenceParser(HTMLParser):
    """The HTMLParser implementation `html_paragraphs` had before, as the test oracle for
    reading HTML; its paragraph rules follow the module's (loose list items keep their
    marker, nested items their indentation)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.lists: list[list[int]] = []
        self.href: list[str | None] = []
        self.link_text: list[int] = []
        self.cells = 0
        self.indent = ""
        self.marker = ""

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip(" ")
        if text:
            self.blocks.append(self.indent + text)
        self.current = []
        self.indent = self.marker = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        only_marker = self.marker and "".join(self.current).strip() == self.marker.strip()
        if tag in _BLOCKS and not (tag == "p" and only_marker):
            self.flush()
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li" and self.lists:
            counter = self.lists[-1]
            if counter[0] >= 0:
                counter[0] += 1
                self.marker = f"{counter[0]}. "
            else:
                self.marker = "- "
            self.current.append(self.marker)
            self.indent = "  " * (len(self.lists) - 1)
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
        elif tag == "sup":
            self.current.append("^")
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
                address = href.removeprefix("mailto:")
                wide = text and unicodedata.east_asian_width(text[-1]) in ("W", "F")
                self.current.append(f"（{address}）" if wide else f" ({address})")
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        self.current.append(data)


def reference_paragraphs(html: str) -> list[str]:
    parser = _ReferenceParser()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.blocks


def plain(text: str) -> str:
    """The pipeline without typography, so the test sees Markdown's and nh3's output only."""
    return body_html(text, typography=lambda s: s)


# --- a small Markdown grammar -------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "press",
        "release",
        "Geneva",
        "«\u202fbonjour\u202f»",
        "prix\u202f:",
        "вода",
        "Москва",
        "مرحبا",
        "الهجرة",
        "移民",
        "健康",
        "&amp;",
        "&lt;tag&gt;",
        "&#8212;",
        "&nbsp;",
        "&eacute;t&eacute;",
        "AT&T",
        "a < b",
        "x > y",
        '"quoted"',
        "l'été",
        "5 * 3",
        "snake_case",
        "e-mail",
    ]
)
PHRASE = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
URLS = st.sampled_from(
    [
        "https://example.org/",
        "https://example.org/a?b=1&c=2",
        "http://example.org/path_(x)",
        "#section",
        "#",
        "mailto:press@example.org",
        "tel:+41227179111",
        "javascript:alert(1)",
        "map.png",
    ]
)


@st.composite
def links(draw: st.DrawFn) -> str:
    url = draw(URLS)
    kind = draw(st.sampled_from(["text", "same", "mailto", "auto", "titled"]))
    if kind == "same":
        return f"[{url}]({url})"
    if kind == "mailto":
        return "[press@example.org](mailto:press@example.org)"
    if kind == "auto":
        return "<https://example.org/auto>"
    if kind == "titled":
        return f'[{draw(PHRASE)}]({url} "a > b & c")'
    return f"[{draw(PHRASE)}]({url})"


RAW_INLINE = st.sampled_from(
    [
        '<span title="a > b &amp; &quot;q&quot;">spanned</span>',
        "<a href=\"https://example.org/?a=1&b=2\" title='1 > 0'>raw link</a>",
        '<a title=" href=" href="https://example.org/t">tricky</a>',
        '<a href="#top">top</a>',
        '<a hreflang href="https://example.org/h">hreflang</a>',
        '<img alt="x > y &amp; z &quot;q&quot;" src="a.png">',
        "<img alt='' src=b.png>",
        "<img src=c.png>",
        '<abbr title="World Health Organization">WHO</abbr>',
        "<br>",
        "<br/>",
        "<kbd>Ctrl</kbd>",
        "<wbr>",
        '<q cite="https://example.org/">quoted</q>',
        "<script>alert('x')</script>",
        "<style>p { color: red }</style>",
        "<!-- a comment -->",
        "<textarea>a <b>b</b></textarea>",
        '<b onclick="x()">bold</b>',
        "a &#x41; &#65 &unknown; & alone",
    ]
)


@st.composite
def inlines(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["text", "em", "strong", "code", "link", "image", "raw"]))
        phrase = draw(PHRASE)
        if kind == "em":
            parts.append(f"*{phrase}*")
        elif kind == "strong":
            parts.append(f"**{phrase}**")
        elif kind == "code":
            parts.append(f"`{phrase} <b> & &amp;`")
        elif kind == "link":
            parts.append(draw(links()))
        elif kind == "image":
            parts.append(f"![{phrase}](map.png)")
        elif kind == "raw":
            parts.append(draw(RAW_INLINE))
        else:
            parts.append(phrase)
    separator = draw(st.sampled_from([" ", " ", "  \n", "\n"]))
    return separator.join(parts)


@st.composite
def lists(draw: st.DrawFn, depth: int = 0) -> str:
    ordered = draw(st.booleans())
    lines = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        marker = f"{number}." if ordered else "-"
        text = draw(inlines()).replace("\n", " ")
        lines.append(f"{'    ' * depth}{marker} {text}")
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            lines.append(draw(lists(depth + 1)))
    return "\n".join(lines)


@st.composite
def tables(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 3))

    def row() -> str:
        cells = [draw(inlines()).replace("\n", " ").replace("|", "/") for _ in range(columns)]
        return "| " + " | ".join(cells) + " |"

    rows = [row(), "|" + "---|" * columns]
    rows += [row() for _ in range(draw(st.integers(0, 3)))]
    return "\n".join(rows)


RAW_BLOCKS = st.sampled_from(
    [
        '<div title="a > b">in a div</div>',
        '<ol start="3"><li>three</li><li>four<ul><li>nested</li></ul></li></ol>',
        "<table><tr><th>h1</th><th>h2</th></tr><tr><td>1</td><td>2 &amp; 3</td></tr></table>",
        "<dl><dt>term</dt><dd>definition &lt;x&gt;</dd></dl>",
        "<pre>\nline one\n  line   two</pre>",
        '<figure><img alt="chart" src="c.png"><figcaption>Figure 1</figcaption></figure>',
        '<p><a href="https://example.org/"><img alt="logo" src="l.png"></a></p>',
        '<a href="https://example.org/block"><p>block in link</p></a>',
        "<ul><li>unclosed<li>items</ul>",
        "<hr>",
    ]
)


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["p", "heading", "quote", "list", "table", "code", "raw", "text"]))
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + draw(PHRASE)
    if kind == "quote":
        return "\n".join("> " + line for line in draw(inlines()).split("\n"))
    if kind == "list":
        return draw(lists())
    if kind == "table":
        return draw(tables())
    if kind == "code":
        return "    code <b> & &amp;\n        indented"
    if kind == "raw":
        return draw(RAW_BLOCKS)
    if kind == "text":
        return draw(st.text(st.sampled_from("ab <>&;#\"'=/*_[]()!\n\u202fé移"), max_size=40))
    return draw(inlines())


MARKDOWN = st.lists(blocks(), min_size=1, max_size=6).map("\n\n".join)


@PROPERTY
@given(MARKDOWN)
@example("")
@example("[press@example.org](mailto:press@example.org)")
@example('<a title=" href=" href="https://example.org/t">tricky</a>')
def test_markdown_bodies_give_the_same_paragraphs_as_html_parser(text: str) -> None:
    html = plain(text)
    assert html_paragraphs(html) == reference_paragraphs(html)


SOUP_NAMES = ("p", "ul", "ol", "li", "table", "tr", "td", "th", "em", "pre", "h2", "dl", "dd")
SOUP_PIECES = [f"<{name}>" for name in SOUP_NAMES] + [f"</{name}>" for name in SOUP_NAMES]
SOUP_PIECES += [
    "<br>",
    "<hr>",
    "<a\thref=https://e.org/?a=1&amp;b=2>",
    "<a href=#x>",
    "<a href=mailto:m@e.org>",
    "</a>",
    "<img\talt='a\t>\tb'\tsrc=x.png>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
]
TAG_SOUP = st.lists(
    st.one_of(
        st.sampled_from(SOUP_PIECES),
        st.text(st.sampled_from("ab <>&;#\"'=/\n\t\r\f\u00a0\u202f"), max_size=10),
        WORDS,
    ),
    max_size=30,
).map("".join)


@PROPERTY
@given(TAG_SOUP)
def test_any_sanitised_html_gives_the_same_paragraphs_as_html_parser(soup: str) -> None:
    html = sanitise(soup)
    assert html_paragraphs(html) == reference_paragraphs(html)


# --- the behaviour, stated --------------------------------------------------------------


def test_lists_are_numbered_and_nested_lists_indented() -> None:
    text = "1. first\n2. second\n    - inner *one*\n    - inner two\n3. third"
    assert html_paragraphs(plain(text)) == [
        "1. first",
        "2. second",
        "  - inner one",
        "  - inner two",
        "3. third",
    ]
    assert html_paragraphs("<ol><li><ul><li>a</li></ul>b</li></ol>") == ["1.", "  - a", "b"]
    assert html_paragraphs("<ul><li>a<ol><li></li></ol></li></ul>") == ["- a", "  1."]
    assert html_paragraphs("<ul><li><span><ol><li>x</li></ol></span></li></ul>") == [
        "-",
        "  1. x",
    ]


def test_loose_list_items_keep_their_marker() -> None:
    """Items separated by blank lines are <li><p>…</p></li>: the wire text used to show a
    lone "-" paragraph before each item's text."""
    text = "Intro.\n\n- one\n\n- two\n    - nested\n\n1. first\n\n2. second\n"
    assert html_paragraphs(plain(text)) == [
        "Intro.",
        "- one",
        "- two",
        "  - nested",
        "1. first",
        "2. second",
    ]


def test_table_cells_are_joined_row_by_row() -> None:
    text = "| Country | Arrivals |\n|---|---|\n| Italy | 1 200 |\n| Spain | 950 |"
    assert html_paragraphs(plain(text)) == [
        "Country | Arrivals",
        "Italy | 1 200",
        "Spain | 950",
    ]


def test_links_show_their_address_unless_it_adds_nothing() -> None:
    text = (
        "Read [the report](https://example.org/r?a=1&b=2), write to "
        "[press@example.org](mailto:press@example.org), see [below](#contacts) or "
        "<https://example.org/>."
    )
    assert html_paragraphs(plain(text)) == [
        "Read the report (https://example.org/r?a=1&b=2), write to press@example.org, "
        "see below or https://example.org/."
    ]


def test_a_chinese_link_shows_its_address_in_full_width_brackets() -> None:
    """A wire service's Chinese text read "报告网页 (https://…)", a Latin bracket after a
    space where Chinese writes "（…）" straight after the word (h144); a link on a Latin word
    in a Chinese text keeps the Latin form."""
    text = "详见[报告网页](https://example.org/r)和[IOM](https://iom.int/)。"
    assert html_paragraphs(plain(text)) == [
        "详见报告网页（https://example.org/r）和IOM (https://iom.int/)。"
    ]


def test_a_superscript_keeps_apart_from_the_figure_before_it() -> None:
    """Wire text and e-mail: "10<sup>6</sup> people" read "106 people", a figure changed;
    the caret is plain text's way of writing a power or a note's number."""
    text = "Text with 10<sup>6</sup> people and a note<sup>1</sup>, CO<sub>2</sub>."
    assert html_paragraphs(plain(text)) == ["Text with 10^6 people and a note^1, CO2."]


def test_breaks_images_and_entities() -> None:
    text = 'A&nbsp;&amp;&#8212;B  \nnext ![Map of <x> & "y"](map.png) <img alt="a > b" src=x.png>'
    assert html_paragraphs(plain(text)) == ['A\u00a0&—B next [Map of <x> & "y"] [a > b]']
    # an image without an address is no image: its words stay as text
    assert html_paragraphs(plain('A dot: <img alt="a > b">.')) == ["A dot: a > b."]
