"""The YAML mistakes press officers make, explained in their words.

PyYAML says "mapping values are not allowed here" for a headline with a colon and "found
character '\\t' that cannot start any token" for a tab: true, and of no help to someone who
writes releases. Each mistake that has a usual cause gets a message saying what to type
instead, with the line's own text; anything else keeps PyYAML's words.
"""

from __future__ import annotations

import re
import unicodedata

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .yamllayout import (
    colon_missing,
    dash_joined_above,
    dash_joined_item,
    key_under_the_dash,
    key_without_colon_above,
)
from .yamllines import QUOTES, Advice, Line, line_at, quoted

# A word processor's quotation marks, opening and closing: YAML keeps them in the text
_CURLY = {"\u201c": "\u201d", "\u2018": "\u2019", "\u201e": "\u201c"}


def _in_quotes(line: Line, value: str | None = None, name: str | None = None) -> str:
    key = line.key or "value"
    value = line.value if value is None else value
    if len(value) > 1 and _CURLY.get(value[0]) == value[-1]:  # “Sudan: IOM appeals”
        return (
            f"put the {name or key} in straight quotes, not a word processor's "
            f"{value[0]}{value[-1]}: {key}: {quoted(value[1:-1])}"
        )
    return f"put the {name or key} in quotes: {key}: {quoted(value)}"


def explain(
    error: yaml.MarkedYAMLError, text: str, line_of: int | None, context_of: int | None = None
) -> Advice | None:
    """Advice for a syntax error whose problem is on line `line_of` (and whose context, a
    key or a bracket that started it, on line `context_of`); None if it has no usual cause
    (the caller then says what PyYAML says)."""
    mark = error.problem_mark
    if mark is None or line_of is None:
        return None
    problem = error.problem or ""
    if error.context_mark is not None and context_of is not None:
        advice = _started_earlier(error, line_at(text, error.context_mark.index), context_of)
        if advice is not None:
            return advice
    line = line_at(text, mark.index)
    mistyped = _lookalike_before(text, mark.index) or _indicator(error, line, line_of)
    if mistyped is not None:
        return mistyped
    if "mapping values are not allowed" in problem:
        held_by = _holder(text, mark.index)  # a correction's note in one language: "en:"
        return (
            key_without_colon_above(text, line_of)
            or dash_joined_above(text, line_of)
            or _colon(line, line_of, held_by)
        )
    if "'\\t'" in problem:
        where = "this line has a tab" + (" before its text" if line.before.strip() == "" else "")
        return Advice(line_of, None, f"indent with spaces, not tabs ({where})")
    if "quoted scalar" in (error.context or "") and "end of stream" in problem:
        return _unclosed_quote(error, text)
    if "expected <block end>, but found '?'" in problem:
        return key_under_the_dash(text, line_of)
    if "expected <block end>, but found '<block mapping start>'" in problem:
        key = line.content.partition(":")[0].strip()
        return Advice(
            line_of,
            None,
            f"'{key}:' is indented differently from the key above it; start the keys of "
            "one item at the same column (e.g. '  - name: ...' then '    email: ...')",
        )
    if layout := next((said for slip, said in _LAYOUT_SLIPS.items() if slip in problem), None):
        return Advice(line_of, None, layout)
    if "expected <block end>, but found" in problem:  # text after a quote: ', says IOM'
        return _quote_closed_late(text, mark.index, line_of) or _text_after_quote(line, line_of)
    starter = re.search(r"found character '(.)' that cannot start any token", problem)
    if starter or "while scanning an alias" in (error.context or ""):
        char = starter.group(1) if starter else "*"
        return Advice(line_of, line.key, f"a value cannot start with '{char}'; " + _in_quotes(line))
    return None


# A list item where YAML expected something else, and what to do about it
_LAYOUT_SLIPS = {
    "expected <block end>, but found '-'": (
        "a list item ('- ') where a key was expected; indent it under the key it belongs to "
        "(e.g. 'contacts:' then '  - name: ...')"
    ),
    "expected <block end>, but found '<block sequence start>'": (
        "this list item ('- ') is indented differently from the one above it; start each "
        "'- ' of a list in the same column"
    ),
}


# What PyYAML says of a value that starts with one of its indicators: a tag (!), an anchor
# (&), a folded or literal text (> |), a list item (- ) or a complex key (? ).
_INDICATOR_ERRORS = re.compile(
    "while scanning (?:a tag|an anchor|a block scalar)|(?:sequence entries|mapping keys) are "
    "not allowed here"
)


_LISTS = ("contacts", "regions", "topics", "images", "corrections")


def _indicator(error: yaml.MarkedYAMLError, line: Line, line_of: int) -> Advice | None:
    """A value that starts with one of YAML's indicators, as PyYAML says it."""
    said = f"{error.problem or ''} {error.context or ''}"
    starts = line.value[:1]
    if _INDICATOR_ERRORS.search(said) and starts and starts in "!&>|-?":
        return starts_with_indicator(line, line_of)
    return None


def starts_with_indicator(line: Line, line_of: int) -> Advice:
    char = line.value[:1]
    if char == "-" and line.key in _LISTS:
        item = line.value[1:].strip()
        return Advice(
            line_of,
            line.key,
            f"a list starts on the line below its key: write '{line.key}:' alone, then each "
            f"item on a line of its own, e.g. '  - {item}'",
        )
    return Advice(line_of, line.key, f"a value cannot start with '{char}'; " + _in_quotes(line))


def indicator_at(text: str, index: int, line_of: int) -> Advice:
    """A value that starts at `index` with a character YAML takes as an indicator."""
    return starts_with_indicator(line_at(text, index), line_of)


# A key followed by a colon as other keyboards type it (a Chinese or Japanese one, a
# lookalike), or by its colon and a space YAML does not take for one.
_KEY = r"[ \t]*(?:-[ \t]+)?([a-z_][a-z0-9_]*)"  # keys are ASCII and lower case
_ODD_COLON = re.compile(_KEY + r"[ \t]*([\uff1a\ufe55\ufe13\ua789\u2236])")
_ODD_SPACE = re.compile(_KEY + r":([\u00a0\u202f\u2007\u2009\u3000])")


def _lookalike_before(text: str, index: int) -> Advice | None:
    """The first line up to the error's that writes a key with a colon or a space YAML does
    not know: PyYAML stumbles on it a line later, in words about indentation."""
    end = text.find("\n", index)
    for number, raw in enumerate(text[: end if end != -1 else len(text)].split("\n"), start=1):
        colon, space = _ODD_COLON.match(raw), _ODD_SPACE.match(raw)
        if colon is not None:
            key, char = colon[1], colon[2]
            message = (
                f"after '{key}' comes the full-width colon '{char}' (U+{ord(char):04X}); type "
                f"the ordinary colon ':' followed by a space: {key}: {raw[colon.end() :].strip()}"
            )
            return Advice(number, key, message)
        if space is not None:
            key, char = space[1], space[2]
            message = (
                f"after '{key}:' comes a {unicodedata.name(char).lower()} (U+{ord(char):04X}), "
                "which YAML does not take for a space; type an ordinary space: "
                f"{key}: {raw[space.end() :].strip()}"
            )
            return Advice(number, key, message)
    return None


_KEY_WITHOUT_SPACE = re.compile(r"([A-Za-z_][\w-]*):(\S.*)")


def _started_earlier(error: yaml.MarkedYAMLError, line: Line, line_of: int) -> Advice | None:
    """A key typed without the space after its colon, or a '[' never closed: PyYAML sees
    the slip a line later, on the line the user did not touch."""
    problem, context = error.problem or "", error.context or ""
    if context == "while scanning a simple key" and "could not find expected ':'" in problem:
        found = _KEY_WITHOUT_SPACE.fullmatch(line.content)
        if found:
            key, value = found.groups()
            return Advice(line_of, key, f"put a space after the colon: {key}: {value}")
        return dash_joined_item(line.text, line_of) or colon_missing(line.content, line_of)
    if context == "while parsing a flow sequence" and "expected ',' or ']'" in problem:
        if line.key in ("regions", "topics", "images"):  # a list indeed
            fix = f"end the list on the same line, e.g. {line.key}: [a, b]"
        else:  # text that starts with a bracket
            fix = _in_quotes(line)
        return Advice(line_of, line.key, f"the '[' on this line is never closed; {fix}")
    return None


def _colon(line: Line, line_of: int, held_by: str | None = None) -> Advice:
    """A colon and a space inside a value, or a key indented under the line above."""
    if ":" in line.before and line.key is not None:
        name = "note" if held_by == "note" else None
        return Advice(
            line_of,
            line.key,
            _in_quotes(line, name=name) + " (a colon followed by a space starts a new key in YAML)",
        )
    key = line.content.partition(":")[0].strip()
    return Advice(
        line_of,
        None,
        f"'{key}:' is indented further than the key above it, so YAML reads it as part of "
        "that value; start it at the same column as the other keys",
    )


def _holder(text: str, index: int) -> str | None:
    """The key whose value holds the line at `index`: the nearest line above it that is
    indented less."""
    start = text.rfind("\n", 0, index) + 1
    line = text[start:index]
    indent = len(line) - len(line.lstrip())
    for above in reversed(text[:start].split("\n")):
        if above.strip() and len(above) - len(above.lstrip()) < indent:
            return Line(above.rstrip("\r"), 0).key
    return None


def _unclosed_quote(error: yaml.MarkedYAMLError, text: str) -> Advice | None:
    """A quote that opens a value and never closes: point at where it opens."""
    mark = error.context_mark
    if mark is None:
        return None
    opened = line_at(text, mark.index)
    quote = text[mark.index] if text[mark.index : mark.index + 1] in QUOTES else '"'
    line = text.count("\n", 0, mark.index) + 1
    return Advice(
        line,
        opened.key,
        f"the quote {quote} that opens this value is never closed; "
        f"end the value with {quote} on the same line",
    )


def _text_after_quote(line: Line, line_of: int) -> Advice | None:
    """`title: "Sudan" crisis`, `title: 'L'OIM'` or `title: [Update] ...`: the quote or
    bracket closed before the value did."""
    value = line.value
    if value[:1] in ("[", "{"):
        what = "a list" if value[0] == "[" else "key: value pairs"
        return Advice(
            line_of,
            line.key,
            f"the value starts with '{value[0]}', which YAML reads as {what}; " + _in_quotes(line),
        )
    if not value or value[0] not in QUOTES:
        return None
    # 'L'OIM appelle': quotes around a value that holds an apostrophe; but '"Home", a camp,
    # "shelter"' is a value that starts and ends with a quotation, meant as written
    closes = value.find(value[0], 1)
    inside_a_word = value[closes + 1 : closes + 2].isalpha()
    meant = value[1:-1] if inside_a_word and len(value) > 1 and value[-1] == value[0] else value
    return Advice(
        line_of,
        line.key,
        "the value starts with a quote, so YAML ends it where that quote closes; "
        + _in_quotes(line, meant),
    )


def _quote_closed_late(text: str, index: int, line_of: int) -> Advice | None:
    """A quote left open on an earlier line that an apostrophe further down closed."""
    lines = text[:index].split("\n")
    between = ""  # the lines after the one looked at: its quote would have closed there
    for number in range(len(lines) - 1, 0, -1):
        earlier = Line(lines[number - 1].rstrip("\r"), 0)
        value = earlier.value
        open_quote = value[:1] in tuple(QUOTES) and not (
            len(value) > 1 and value.endswith(value[0])
        )
        if open_quote and value[0] not in between:
            quote = value[0]
            return Advice(
                number,
                earlier.key,
                f"the quote {quote} that opens this value is never closed on its line, so "
                f"YAML reads on to the {quote} on line {line_of}; end the value with {quote}",
            )
        between += earlier.content
    return None


_COMMENT = re.compile(r"[ \t]+#(.*)")


def cut_by_comments(root: Node, text: str) -> list[Advice]:
    """Values a ' #' cut short: YAML reads `title: Join #WorldRefugeeDay` as the title
    'Join' and a comment. In a release's front matter that is never meant."""
    found = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        if not isinstance(node, MappingNode):
            continue
        for key, value in node.value:
            stack.append(value)
            if not isinstance(value, ScalarNode) or value.style or not value.value:
                continue
            end = value.end_mark.index
            line_end = text.find("\n", end)
            comment = _COMMENT.match(text[end : line_end if line_end != -1 else len(text)])
            if comment is None or "\n" in text[value.start_mark.index : end]:
                continue
            name = str(key.value)
            whole = f"{value.value} #{comment.group(1).rstrip()}"
            found.append(
                Advice(
                    text.count("\n", 0, end) + 1,
                    name,
                    f"the text after ' #' is read as a comment and left out, so the {name} "
                    f"would be '{value.value}'; put the {name} in quotes: "
                    f"{name}: {quoted(whole)}",
                )
            )
    return sorted(found, key=lambda advice: advice.line)
