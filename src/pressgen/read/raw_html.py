"""HTML in a Markdown body that changes how the rest is read: Markdown is not read inside a
block of HTML (`<div>` … `</div>`), so its `**` and `[…](…)` are published as typed, and a
block never closed runs to the end of the text. Python-Markdown decides what a block is:
a line that starts with one of its block-level tags (after a paragraph too)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# HTML's void elements: never closed, they hold no block of text
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_OPENING = re.compile(r" {0,3}<([a-zA-Z][a-zA-Z0-9-]*)(?=[\s>/])")  # four spaces: code
# Blocks whose text is the writer's as typed: Markdown in them is meant to show
_VERBATIM = frozenset({"pre", "script", "style", "textarea"})
# What Markdown would have made something of: bold, a link, a heading, a list's item
_TYPED = re.compile(r"\*\*\S|__\S|\]\([^)\s]+\)|^#{1,6}\s|^\s*[-*+]\s+\S")


@cache
def _block_level() -> frozenset[str]:
    """The tags Python-Markdown takes as starting a block of HTML (its own list)."""
    import markdown

    return frozenset(markdown.Markdown().block_level_elements)


def markdown_in_html(lines: list[str], first_line: int) -> Iterator[tuple[int, str]]:
    """(line, warning) for each block of HTML that holds Markdown, or is never closed."""
    index = 0
    while index < len(lines):
        opening = _OPENING.match(lines[index])
        tag = opening[1].lower() if opening else ""
        if tag not in _block_level() or tag in _VOID:
            index += 1
            continue
        end = _closing(lines, index, tag)
        block = lines[index : len(lines) if end is None else end + 1]
        if end is None and index + 1 < len(lines):
            yield (
                first_line + index,
                (
                    f"this <{tag}> is never closed: the rest of the text is read as HTML, "
                    f"its Markdown published as typed (** and […](…) included); close it "
                    f"with </{tag}>, or delete it"
                ),
            )
        elif tag not in _VERBATIM and (typed := _first_typed(block)) is not None:
            yield (
                first_line + index + typed,
                (
                    f"is inside <{tag}>…</{tag}> (from line {first_line + index}), where Markdown "
                    f"is not read: its ** and […](…) would be published as typed; delete the "
                    f"<{tag}> and </{tag}> lines, or write this text in HTML"
                ),
            )
        index = len(lines) if end is None else end + 1


def _first_typed(block: list[str]) -> int | None:
    """The first line of a block that holds what Markdown would have made something of."""
    return next((n for n, line in enumerate(block) if _TYPED.search(line)), None)


def _closing(lines: list[str], start: int, tag: str) -> int | None:
    """The index of the line that closes the block `tag` opened on line `start`."""
    opened = re.compile(rf"<{tag}(?=[\s>/])", re.IGNORECASE)
    closed = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
    depth = 0
    for index in range(start, len(lines)):
        depth += len(opened.findall(lines[index])) - len(closed.findall(lines[index]))
        if depth <= 0:
            return index
    return None


def without_comments(body: str) -> str:
    """The body with each comment (`<!-- ... -->`, not published, whatever it holds) emptied
    but for its lines, so that later ones keep their numbers. Found with `str.find`, not a
    lazy pattern, which tried each of thousands of `<!--` that never close to the end of
    the body (28 s for 190 KB)."""
    kept, at = [], 0
    while (start := body.find("<!--", at)) != -1 and (end := body.find("-->", start + 4)) != -1:
        kept += [body[at:start], "\n" * body.count("\n", start, end)]
        at = end + 3
    return "".join([*kept, body[at:]])
