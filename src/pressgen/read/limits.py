"""Limits that keep hostile text cheap: what no press release needs, refused with its line.

Python-Markdown recurses once per level of nesting and backtracks over unclosed brackets, so
a body nested hundreds deep, or holding thousands of `[`, takes minutes or fails; its HTML
parser looks to the end of the text for the end of every tag left open, so thousands of them
take minutes too. These checks run on the raw text in one pass, before any conversion.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .characters import (
    CODE_SPAN,
    first_control,
    first_unclosed_direction,
    first_void_reference,
    referenced,
)

MAX_BODY_BYTES = 200_000  # some 30,000 words: ten times a long release
LONG_TEXT = "publish long annexes as a PDF in the release folder and link to it"
MAX_NESTING = 16  # levels of lists, quotes, brackets or HTML elements
MAX_UNCLOSED_TAGS = 1_000  # `<a` with no `>` before the next `<`: one costs a scan of the rest
_UNCLOSED = re.compile(r"<[a-zA-Z][^<>]*(?=<|\Z)")
_MARKER = re.compile(r"[ ]{0,3}(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))[ \t]*")
# A tag's name ends at a space, `/` or `>`: `<https://…>` and `<press@iom.int>` are links
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])[^<>]*?(/?)>")
# A line that may open more levels than the limit: each level takes at least one character
# of these (a tab, `>`, `- `, `1. `; four spaces), so it starts with more than the limit.
# (Searched for after a line feed: a pattern that starts with one is found far faster.)
_DEEP = re.compile(rf"\n([ \t>*+\-0-9.)]{{{MAX_NESTING + 1}}}.*)")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


# Python-Markdown reads a heading, rule, underline or definition, then gives the rest of its
# block (up to the next blank line) back to every reader, each of which searches it again:
# 30,000 rules in one block took 90 s. One hundred cost at most about a second.
MAX_BREAKS = 100  # headings, rules, underlines or definitions in one block
_BREAK = re.compile(
    r"#{1,6}(?:[ \t]|$)|\*\[|:[ ]{1,3}"
    r"|(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,}|=+|-+)[ ]*$"
)
_MAY_BREAK = re.compile(r"\n[ \t>]*[#*:=_-]")
_CROWDED = (
    f"holds more than {MAX_BREAKS} headings, rules or definitions with no blank line "
    "between them, expected a blank line before and after each"
)

# A table cell costs the PDF's typesetting about 3 ms (Typst lays out and measures every word
# of it, and a wide table twice): a table of 100 columns and 100 rows took one PDF 3 minutes.
MAX_TABLE_CELLS = 1_000
_HTML_CELL = re.compile(r"<t[dh]\b", re.IGNORECASE)
_RULE_ROW = re.compile(r"[ \t>]*[|:\- ]*-[|:\- ]*$")  # a table's second line: |, :, - only

MAX_WORD = 4_000  # characters with no space between: twice the longest usual web address
# A run of characters with no line break between them (CJK text breaks between any two),
# matched only from its first character, so that a search stays linear in the text.
_NO_BREAK = "[^\\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
_LONG_WORD = re.compile(rf"(?<!{_NO_BREAK}){_NO_BREAK}{{{MAX_WORD + 1},}}")


def long_word(text: str) -> str | None:
    """What is wrong with the first word of `text` longer than `MAX_WORD`, if any: a line
    cannot break inside it, and typesetting it costs time that grows with its square."""
    found = _LONG_WORD.search(text)
    return None if found is None else _too_long(found)


def _too_long(word: re.Match[str]) -> str:
    return (
        f"holds a word of {len(word.group()):,} characters with no space, expected at most "
        f"{MAX_WORD:,}: break it, or put long data in a file of the release folder and link it"
    )


def body_problems(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """(line, message) for what makes a body unsafe to convert; `first_line` is the line
    of the file where the body starts."""
    size = len(body.encode("utf-8"))
    if size > MAX_BODY_BYTES:
        yield (
            first_line,
            (f"is {size:,} bytes long, expected at most {MAX_BODY_BYTES:,}: {LONG_TEXT}"),
        )
        return
    shape = list(_first_too_deep(body, first_line))  # one such problem says enough
    if not shape and len(_MAY_BREAK.findall("\n" + body)) > MAX_BREAKS:
        shape = list(_first_crowded_block(body, first_line))
    shown = referenced(body) if "&#" in body else body  # as the page will hold it
    found = [*first_control(shown, first_line, shown != body), *shape]
    found += first_unclosed_direction(shown, first_line)
    found += first_void_reference(body, first_line) if "&#" in body else []
    word = _LONG_WORD.search(body)
    if word is not None:
        found.append((first_line + body.count("\n", 0, word.start()), _too_long(word)))
    if "|" in body or "<" in body:
        found += _first_cell_past_the_limit(body, first_line)
    yield from sorted(found, key=lambda problem: problem[0])  # stable: a control first
    yield from _html_depth(body, first_line)
    yield from _unclosed_tags(body, first_line)


def _first_crowded_block(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The line where a block first holds more breaks than `MAX_BREAKS`, if any. A line is
    read without its indentation and quote marks, as the lists, definitions and quotes it
    is in read it again; one blank but for them ends a block, as a blank line does."""
    count = 0
    for number, line in enumerate(body.split("\n"), start=first_line):
        text = line.lstrip(" \t>")
        if not text:
            count = 0
        elif _BREAK.match(text):
            count += 1
            if count > MAX_BREAKS:
                yield number, _CROWDED
                return


def _first_cell_past_the_limit(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The line of the table row where the body's tables pass `MAX_TABLE_CELLS` together,
    if they do: every HTML `<td>` and `<th>`, and every row of a Markdown table."""
    cells = sorted([*_markdown_rows(body), *((m.start(), 1) for m in _HTML_CELL.finditer(body))])
    total = 0
    for offset, count in cells:
        total += count
        if total > MAX_TABLE_CELLS:
            yield (
                first_line + body.count("\n", 0, offset),
                f"holds more than {MAX_TABLE_CELLS:,} table cells, expected fewer: {LONG_TEXT}",
            )
            return


def _markdown_rows(body: str) -> Iterator[tuple[int, int]]:
    """Where each row of each Markdown table starts (quote marks and indentation aside), and
    its cells: after its second line, `|---|`, each line of the block is a row, `|` or not,
    and Python-Markdown gives each row as many cells as that line has columns."""
    offset = 0
    for block in re.split(r"(\n[ \t>]*\n)", body):
        lines = block.split("\n")
        if len(lines) > 1 and "|" in lines[0] + lines[1] and _RULE_ROW.match(lines[1]):
            columns = len(lines[1].strip(" \t>").strip("|").split("|"))
            for number, line in enumerate(lines):
                if number != 1 and line.strip(" \t>"):  # blank: the end of the body
                    yield offset, columns
                offset += len(line) + 1
            offset -= 1
        else:
            offset += len(block)


def _first_too_deep(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The first line nested too deep: in lists and quotes, or in a paragraph's brackets.
    Only a line that starts with more markers and indentation than the limit, and only a
    body with more brackets than the limit, can pass it."""
    lines = _DEEP.finditer("\n" + body)  # each match starts where its line does in `body`
    deep = (line.start() for line in lines if _line_depth(line[1]) > MAX_NESTING)
    brackets = _bracket_overflow(body) if body.count("[") > MAX_NESTING else None
    found = [offset for offset in (next(deep, None), brackets) if offset is not None]
    if found:
        yield first_line + body.count("\n", 0, min(found)), _too_deep("lists, quotes or brackets")
    elif len(_DEFINITION.findall("\n" + body)) > MAX_NESTING:
        definitions = _definition_overflow(body)
        if definitions is not None:
            line = first_line + body.count("\n", 0, definitions)
            yield line, _too_deep("definition lists") + _BLANK_BETWEEN
    elif body.count("*") + body.count("_") > MAX_NESTING:
        emphasis = _emphasis_overflow(body)
        if emphasis is not None:
            yield first_line + body.count("\n", 0, emphasis), _too_deep("emphasis (* or _)")


def _bracket_overflow(body: str) -> int | None:
    """Where the brackets open in a paragraph first pass the limit (the offset of its
    line), if anywhere: counted one by one, so that `[ [ [ … ] ] ]` closed on its own line
    counts as deep as it goes (Python-Markdown took minutes over 5,000 of them)."""
    brackets, offset, fenced = 0, 0, False
    for line in body.split("\n"):
        if not line.strip():
            brackets = 0  # a blank line ends a paragraph, and any link in it
        if _FENCE.match(line):
            fenced = not fenced
        shown = "" if fenced else _ESCAPED.sub("", CODE_SPAN.sub("", line))  # code: as is
        for bracket in _BRACKETS.findall(shown):
            brackets = brackets + 1 if bracket == "[" else max(0, brackets - 1)
            if brackets > MAX_NESTING:
                return offset
        offset += len(line) + 1
    return None


_BRACKETS = re.compile(r"[\[\]]")
_FENCE = re.compile(r" {0,3}(?:```|~~~)")
_ESCAPED = re.compile(r"\\[\[\]]")


# A definition (`: text`) and the line that opens the next one, as Python-Markdown reads
# them: a definition followed by a line not indented holds all that follows in its block.
_DEFINITION = re.compile(r"\n[ ]{0,3}:[ ]{1,3}")
_NOT_INDENTED = re.compile(r"[ ]{0,3}[^ :]")
_BLANK_BETWEEN = " (put a blank line between the terms of a definition list)"


def _definition_overflow(body: str) -> int | None:
    """Where definitions nested in a block first pass the limit (the offset of its line),
    if anywhere: Python-Markdown puts all that follows a definition, up to the next
    blank line, inside it, unless it is indented."""
    depth, offset = 0, 0
    lines = body.split("\n")
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        if not line.strip():
            depth = 0
        elif _DEFINITION.match("\n" + line) and _NOT_INDENTED.match(following):
            depth += 1
            if depth > MAX_NESTING:
                return offset
        offset += len(line) + 1
    return None


_DELIMITERS = re.compile(r"[*_]+")


def _emphasis_overflow(body: str) -> int | None:
    """Where emphases nested in a paragraph first pass the limit (the offset of its line),
    if anywhere. A run of `*` or `_` before a word and after a space or punctuation may
    open one, a run after a word and before a space or punctuation may close the last one
    open (CommonMark's flanking runs, near enough); only an emphasis that closes counts,
    so footnote marks, `*args` and addresses (`/_layouts`) never do."""
    offset = 0
    for paragraph in re.split(r"(\n[ \t]*\n)", body):
        if "*" in paragraph or "_" in paragraph:
            found = _deepest_closed(paragraph)
            if found is not None:
                return offset + paragraph.rfind("\n", 0, found) + 1
        offset += len(paragraph)
    return None


def _deepest_closed(paragraph: str) -> int | None:
    """The offset where closed emphases first nest past the limit in one paragraph."""
    opened: list[int] = []  # where each emphasis still open starts
    closed: list[tuple[int, int]] = []  # each emphasis that closes: its start and end
    for run in _DELIMITERS.finditer(paragraph):
        before = paragraph[run.start() - 1] if run.start() else " "
        after = paragraph[run.end()] if run.end() < len(paragraph) else " "
        opens = not after.isspace() and (before.isspace() or _is_punctuation(before))
        closes = not before.isspace() and (after.isspace() or _is_punctuation(after))
        if closes and not opens and opened:
            closed.append((opened.pop(), run.start()))
        elif opens and not closes:
            opened.append(run.start())
    depth = 0
    for at, step in sorted([(start, 1) for start, _ in closed] + [(end, -1) for _, end in closed]):
        depth += step
        if depth > MAX_NESTING:
            return at
    return None


def _is_punctuation(character: str) -> bool:
    return unicodedata.category(character).startswith("P")


def _unclosed_tags(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    for count, tag in enumerate(_UNCLOSED.finditer(body), start=1):
        if count > MAX_UNCLOSED_TAGS:
            yield (
                first_line + body.count("\n", 0, tag.start()),
                f"opens more than {MAX_UNCLOSED_TAGS:,} HTML tags that never close with '>', "
                "expected '&lt;' where '<' is meant as text",
            )
            return


def _line_depth(line: str) -> int:
    """How many levels of lists and quotes a line opens: by its indentation, and by the
    markers it starts with (`> > - 1.`)."""
    expanded = line.expandtabs(4)
    indent = len(expanded) - len(expanded.lstrip(" "))
    markers, position = 0, 0
    while True:
        found = _MARKER.match(line, position)
        if not found or found.end() == position:
            return indent // 4 + markers
        markers, position = markers + 1, found.end()


def _html_depth(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    depth = 0
    for tag in _TAG.finditer(body):
        name = tag.group(2).lower()
        if name in _VOID or tag.group(3):
            continue
        depth = max(0, depth - 1) if tag.group(1) else depth + 1
        if depth > MAX_NESTING:
            yield first_line + body.count("\n", 0, tag.start()), _too_deep("HTML elements")
            return


def _too_deep(what: str) -> str:
    return f"nests {what} more than {MAX_NESTING} levels deep, expected simpler text"
