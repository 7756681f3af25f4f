"""pressgen.toml's syntax errors told where the slip was made: tomllib reports a list left
open on the line after it, a section declared twice without the first one's line, and a
quote left open as an illegal character (the end of its line)."""

from __future__ import annotations

import re

from ..problems import Problem

_TWICE = re.compile(r"Cannot declare \(([^)]*)\) twice")
_UNCLOSED = "Unclosed array"
_KEY_AND_LIST = re.compile(r"\s*([\w.-]+)\s*=\s*\[")
_END_OF_LINE = "Illegal character '\\n'"
_KEY = re.compile(r"\s*([\w.-]+)\s*=")


def toml_problem(file: str, message: str, text: str, line: int) -> Problem:
    """The problem tomllib's `message` (about `line`) stands for, in a press officer's words
    where it has a usual cause; else tomllib's own words."""
    lines = text.split("\n")
    twice = _TWICE.search(message)
    if twice:
        section = ".".join(re.findall(r"'([^']*)'", twice.group(1)))
        header = re.compile(r"\s*\[\s*" + re.escape(section) + r"\s*\]")
        first = next((n for n, written in enumerate(lines, 1) if header.match(written)), None)
        if first is not None and first != line:
            return Problem(
                file,
                line,
                None,
                f"[{section}] is declared a second time (the first is on line {first}): keep "
                f"one [{section}] and put all its keys under it",
            )
    if _UNCLOSED in message:
        for number in range(min(line, len(lines)), 0, -1):
            opened = _KEY_AND_LIST.match(lines[number - 1])
            if opened and lines[number - 1].count("[") > lines[number - 1].count("]"):
                example = lines[number - 1].strip() + "]"
                return Problem(
                    file,
                    number,
                    opened.group(1),
                    "the list opened on this line is never closed: end it with ] on the same "
                    f"line, e.g. {example}",
                )
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    if message.startswith(_END_OF_LINE) and re.sub(r"\\.", "", written).count('"') % 2:
        key = _KEY.match(written)
        return Problem(
            file,
            line,
            key.group(1) if key else None,
            'the quote " that opens this value is never closed on its line: end the value with "',
        )
    if message.startswith(_INVALID_VALUE) and (found := _VALUE.match(written)):
        return Problem(file, line, found[1], _value_advice(found[1], found[2].strip()))
    return Problem(file, line, None, f"invalid TOML: {message}")


_INVALID_VALUE = "Invalid value"
_LISTS = frozenset({"languages"})  # the settings that take a list
_VALUE = re.compile(r"\s*([\w.-]+|\"[^\"]*\")\s*=(.*)")
_CURLY = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"


def _value_advice(key: str, value: str) -> str:
    """What a value tomllib cannot read needs: quotes, straight ones, or a value at all."""
    value = value.split(" #")[0].strip()
    if not value or value.startswith("#"):
        return f'has no value after "=": write it between double quotes, {key} = "…"'
    if value[0] in _CURLY:
        bare = value.strip(_CURLY + " ")
        return (
            f"is written between typographic quotes ({value[0]}), which TOML does not read: "
            f'use straight double quotes, {key} = "{bare}" (a word processor changes them)'
        )
    if key in _LISTS:
        return f'is a text without quotes: write a list of texts, {key} = ["{value}"]'
    return f'is a text without quotes: write it between double quotes, {key} = "{value}"'
