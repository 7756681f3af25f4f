"""Python-Markdown's heading reader, changed where a newsroom's text needs it: a heading
needs a space after its `#`, and headings on consecutive lines are taken at once (one by
one, each left the rest of its block to be searched again: thousands took seconds)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.blockprocessors import HashHeaderProcessor


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
