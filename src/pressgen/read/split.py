"""A language file split into its front matter and its Markdown body at its '---' lines,
with the usual slips of typing them named on their line."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .fields import Reporter

# A line of dashes that is not '---': what a word processor makes of three hyphens.
_DASH = "\u2012-\u2015\u2e3a\u2e3b\ufe58\ufe63\uff0d"  # figure, en, em, two- and three-em...
_DASHES = re.compile(f"[{_DASH}-]*[{_DASH}][{_DASH}-]*")


OLD_MAC_LINES = (
    "ends its lines with a carriage return alone (the line ends of Mac OS 9): save it "
    "again with ordinary line ends (LF, or Windows' CRLF)"
)


def split_front_matter(text: str, report: Reporter) -> tuple[str, str, int] | None:
    """(YAML text, Markdown body, line of the body) of a `---` delimited file."""
    lines = text.split("\n")
    if "\r" in text and "\n" not in text.rstrip("\n"):  # the old Mac's line ends: one line
        report.add(1, None, OLD_MAC_LINES)
        return None
    if _DASHES.fullmatch(lines[0].strip()) and lines[0].strip() != "---":
        report.add(1, None, _dash_message(lines[0].strip(), "open"))
        return None
    if not text.strip() or lines[0].rstrip() != "---":  # empty: told what to write in it
        said = "is empty, expected" if not text.strip() else "must start with"
        report.add(1, None, f"{said} a '---' line, the front matter (title, dateline), '---'")
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            if index == 1 and "---" in (line.rstrip() for line in lines[2:]):
                report.add(2, None, _TWICE + "(the front matter starts after the first)")
                return None
            if index + 1 < len(lines) and lines[index + 1].rstrip() == "---":
                report.warn(index + 2, None, _TWICE + "(the second draws a line above the text)")
            prose = _text_after_a_blank_line(lines[1:index])
            if prose is not None:  # the '---' that closes it is a rule in the body
                report.add(
                    prose + 2,
                    None,
                    f"is text, but it is read as front matter up to the '---' on line "
                    f"{index + 1}: end the front matter with a '---' line before the text",
                )
                return None
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    dash = next((n for n, line in enumerate(lines, 1) if _DASHES.fullmatch(line.strip())), None)
    if dash is not None:
        report.add(dash, None, _dash_message(lines[dash - 1].strip(), "close"))
        return None
    report.add(
        1,
        None,
        "the front matter is not closed, expected a second '---' line after its last field "
        "(before the text)",
    )
    return None


_TWICE = "'---' twice in a row, expected one: delete one "
_YAML_LINE = re.compile(r"[^\W\d][\w-]*\s*:|[#\x27\x22-]|$")  # a key, a comment, a quote, a list


def _text_after_a_blank_line(lines: Sequence[str]) -> int | None:
    """The index of a line of prose after a blank line (neither a key, a list item, a
    comment nor indented): the text of the release, where front matter was to end."""
    for index in range(1, len(lines)):
        line = lines[index].rstrip("\r")
        if (
            not lines[index - 1].strip()
            and line[:1] not in (" ", "\t", "")
            and not _YAML_LINE.match(line)
        ):
            return index
    return None


def _dash_message(typed: str, what: str) -> str:
    return (
        f"this line is '{typed}', not '---': a word processor may make a dash of three "
        f"hyphens; type '---' to {what} the front matter"
    )
