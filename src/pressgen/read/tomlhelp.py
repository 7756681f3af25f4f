"""pressgen.toml's syntax errors told where the slip was made: tomllib reports a list left
open on the line after it, a section declared twice without the first one's line, and a
quote left open as an illegal character (the end of its line)."""

from __future__ import annotations

import re

from ..problems import Problem
from .characters import control_character

_TWICE = re.compile(r"Cannot declare \(([^)]*)\) twice")
_UNCLOSED = "Unclosed array"
_KEY_AND_LIST = re.compile(r"\s*([\w.-]+)\s*=\s*\[")
_END_OF_LINE = "Illegal character '\\n'"
_KEY = re.compile(r"\s*([\w.-]+)\s*=")
# A list whose quoted items are written one after the other, without a comma between them
_NO_COMMAS = re.compile(r"""\s*([\w.-]+)\s*=\s*\[.*?["']\s+["'].*\]""")


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
    written = lines[line - 1] if 0 < line <= len(lines) else ""
    if _UNCLOSED in message and (items := _NO_COMMAS.match(written)):  # ['en' 'fr']
        example = re.sub(r"([\"'])\s+(?=[\"'])", r"\1, ", items[0].strip())
        return Problem(
            file, line, items[1], f"the list's items need commas between them: {example}"
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
    if message.startswith(_OVERWRITE) and (key := _KEY.match(written)):
        return Problem(file, line, key[1], _twice(key[1], lines[: line - 1]))
    if message.startswith(_NO_EQUALS) and (said := _KEY_SAID_OTHERWISE.match(written)):
        return Problem(file, line, None, _how_to_say(said[1], said[2]))
    return Problem(file, line, None, f"invalid TOML: {message}")


_OVERWRITE = "Cannot overwrite a value"
_NO_EQUALS = "Expected '=' after a key"
# a key before ':' (as YAML writes it), or one of several words before '='
_KEY_SAID_OTHERWISE = re.compile(r"\s*([\w.-]+(?:[ \t]+[\w.-]+)*)[ \t]*([:=])")


def _twice(key: str, above: list[str]) -> str:
    """A key set twice in one section: the second would have to replace the first."""
    written = re.compile(r"\s*" + re.escape(key) + r"\s*=")
    headers = [n for n, text in enumerate(above, 1) if text.lstrip().startswith("[")]
    start = headers[-1] if headers else 0  # the section's header: its keys come after
    found = (n for n, text in enumerate(above, 1) if n > start and written.match(text))
    first = next(found, None)
    where = f" (first on line {first})" if first else ""
    return f"is set a second time in its section{where}: keep one of the two lines"


def _how_to_say(key: str, sign: str) -> str:
    """A key TOML cannot read: `en: "..."` (YAML's way), `asia pacific = "..."` (a space),
    `santé = "..."` (a letter outside ASCII)."""
    bare = _BARE_KEY.fullmatch("-".join(key.split()))
    if sign == ":":
        written, example = bare_or_quoted(key), _NUMBERS.get(key, '"..."')
        if key in _LISTS:
            example = '["en", "fr"]'  # a list: each text in double quotes
        if key in _BOOLEANS:
            example = "true"
        return (
            f"{key}: is YAML's way: TOML writes {written} = {example} (an equals sign, not a colon)"
        )
    if " " not in key:
        return f"'{key}' has a letter a TOML key may have only in quotes: write \"{key}\" ="
    dashed = f"{bare[0]} (with hyphens), or " if bare else ""
    said = f"'{key}' holds a space, which a TOML key cannot: write {dashed}the key in double "
    return f'{said}quotes, "{key}"'


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def bare_or_quoted(key: str) -> str:
    """`key` as a TOML key: bare if it may be, else in double quotes."""
    return key if _BARE_KEY.fullmatch(key) else _quoted(key)


_INVALID_VALUE = "Invalid value"
_LISTS = frozenset({"languages"})  # the settings that take a list
_VALUE = re.compile(r"\s*([\w.-]+|\"[^\"]*\")\s*=(.*)")
# quotation marks of every kind: a word processor's, French, German, full width
_QUOTES = "\"'\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb\u2039\u203a\uff02\uff07"
_YES_NO = {"yes": "true", "no": "false", "on": "true", "off": "false"}
_YES_NO |= {"true": "true", "false": "false", "oui": "true", "non": "false"}
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
# the settings that take a number, or true or false (the others take texts)
_NUMBERS = {"length": "50", "page_size": "20", "rate": "10", "retries": "3", "timeout": "900"}
_BOOLEANS = frozenset({"enabled"})


def _value_advice(key: str, value: str) -> str:
    """What a value tomllib cannot read needs, shown as the value to write: quotes (straight
    ones) around a text, none around a number, brackets around a list."""
    value = value.strip()
    if not value.startswith("#"):  # a comment after the value
        value = value.split(" #")[0].strip()
    if (value.startswith("[") and value.endswith("]")) or key in _LISTS:
        items = [_unquoted(item) for item in value.strip("[]").split(",") if _unquoted(item)]
        written = ", ".join(_quoted(item) for item in items)
        what = "is a list TOML cannot read" if value.startswith("[") else "takes a list"
        return f"{what}: write each text in double quotes, {key} = [{written}]"
    bare = _unquoted(value)
    if not bare or (value.startswith("#") and not _NUMBER.fullmatch(bare.lstrip("#"))):
        example = f", {key} = {_quoted(bare)}" if bare and " " not in bare else ""
        comment = " (# starts a comment)" if value.startswith("#") else ""
        return f'has no value after "="{comment}: write one in double quotes{example}'
    if key in _BOOLEANS:
        answer = _YES_NO.get(bare.lower())
        example = f", {key} = {answer}" if answer else ""
        return f"is a yes or no TOML does not read: write true or false{example}"
    if key in _NUMBERS:
        if _NUMBER.fullmatch(bare):
            return f"is a number in quotes TOML does not read: write it without, {key} = {bare}"
        return f"takes a number: write one without quotes, e.g. {key} = {_NUMBERS[key]}"
    if value[0] in _QUOTES and value[0] != '"':
        return (
            f"is written between quotation marks TOML does not read ({value[0]}): use straight "
            f"double quotes, {key} = {_quoted(bare)} (a word processor changes them)"
        )
    return f"is a text without quotes: write it between double quotes, {key} = {_quoted(bare)}"


def _unquoted(text: str) -> str:
    """`text` without the quotation marks around it (those inside stay)."""
    text = text.strip()
    return text.strip(_QUOTES + " ") if text[:1] in _QUOTES else text


def _quoted(text: str) -> str:
    """`text` as TOML writes it: between single quotes if it holds double ones and no single
    one, else between double quotes (with a backslash before those it holds)."""
    if '"' in text and "'" not in text:
        return f"'{text}'"
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([bf])|\\)")
_HEADER = re.compile(r"\s*\[\[?\s*([^\]]+?)\s*\]")


def controlled_lines(file: str, text: str) -> list[Problem]:
    """Each line that writes a character no text may hold, itself or as an escape (tomllib
    gives no positions), named by its table and key: the key on the line, or the one whose
    text goes on over several lines."""
    found, section, key = [], "", None
    for number, line in enumerate(text.split("\n"), 1):
        if line.lstrip().startswith("#"):
            continue
        if header := _HEADER.match(line):
            section, key = header[1].replace(" ", ""), None
        elif written := _KEY.match(line):
            key = written[1]
        described = control_character(_ESCAPE.sub(_unescaped, line))
        if described:
            field = ".".join(part for part in (section, key) if part) or None
            found.append(Problem(file, number, field, f"holds {described}: remove it"))
    return found


def _unescaped(escape: re.Match[str]) -> str:
    """What a TOML escape stands for, where it may stand for a control character."""
    code = escape[1] or escape[2]
    if code:
        return chr(int(code, 16)) if int(code, 16) <= 0x10FFFF else ""
    return {"b": "\b", "f": "\f"}.get(escape[3] or "", "")
