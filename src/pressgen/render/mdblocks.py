"""Python-Markdown's block processors for headings and abbreviations, changed where a
newsroom's text needs it: a heading needs a space after its `#`, and runs of headings or
abbreviation definitions on consecutive lines are taken at once (one by one, each left
the rest of its block to be searched again: thousands of lines took seconds)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions.abbr import AbbrBlockprocessor


class SpacedHashHeader(HashHeaderProcessor):
    """A heading is `#` and a space before its words, as CommonMark says: a line opened by
    a hashtag pasted from a post (`#WorldRefugeeDay`) stays text (Python-Markdown made it
    the largest heading)."""

    RE = re.compile(
        r"(?:^|\n)(?P<level>#{1,6})(?=[ \t]|\n|$)"
        r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )


class Headings(SpacedHashHeader):
    """The same headings, those on the lines right after one taken at once: one by one,
    each left the rest of its block to be searched and copied again, and 20,000 heading
    lines (180 KB, within the body's limits) took seconds to convert."""

    LINE = re.compile(
        r"(?P<level>#{1,6})(?=[ \t]|\n|$)(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)"
    )

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        found = self.RE.search(blocks[0])
        if found is None:
            super().run(parent, blocks)
            return
        block = blocks.pop(0)
        if found.start():
            self.parser.parseBlocks(parent, [block[: found.start()]])
        end = 0
        while found is not None:
            heading = etree.SubElement(parent, f"h{len(found['level'])}")
            heading.text = found["header"].strip()
            end = found.end()
            found = self.LINE.match(block, end) if end < len(block) else None
        if end < len(block):
            after = block[end:]
            if self.parser.state.isstate("looselist"):
                after = self.looseDetab(after)
            blocks.insert(0, after)


class Abbreviations(AbbrBlockprocessor):
    """The same abbreviation definitions (`*[IOM]: International ...`), those on the lines
    right after one taken at once: one by one, each left the rest of its block to be
    searched by every processor again, and 3,000 definitions took seconds to convert.

    A definition is taken with the first only when the line after it is a definition too:
    such a line is no heading's underline, table rule or term, so no processor could have
    read the rest of the block from there another way."""

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        block = blocks[0]
        first = self.RE.search(block)
        if first is None or not self._defines(first):
            return bool(super().run(parent, blocks))
        blocks.pop(0)
        taken = [first]
        following = self.RE.match(block, first.end() + 1)
        while following is not None and self._defines(following):
            after = self.RE.match(block, following.end() + 1)
            if after is None:
                break
            taken.append(following)
            following = after
        for found in taken:
            self._define(found)
        end = taken[-1].end()
        if block[end:].strip():
            blocks.insert(0, block[end:].lstrip("\n"))
        if block[: first.start()].strip():
            blocks.insert(0, block[: first.start()].rstrip("\n"))
        return True

    @staticmethod
    def _defines(found: re.Match[str]) -> bool:
        return bool(found["abbr"].strip() and found["title"].strip())

    def _define(self, found: re.Match[str]) -> None:
        abbreviation, title = found["abbr"].strip(), found["title"].strip()
        if title in ("''", '""'):
            self.abbrs.pop(abbreviation, None)
        else:
            self.abbrs[abbreviation] = title
