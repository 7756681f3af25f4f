"""Safe YAML with line numbers: compose nodes (never construct objects), then convert per field.

Only PyYAML's safe machinery is used, and aliases are refused outright, so neither a tag such as
`!!python/object` nor an alias bomb can run code or exhaust memory.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from datetime import datetime

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import ReaderError

from ..instants import EXAMPLE_INSTANT, EXAMPLE_ZONED, parse_instant
from ..zones import InstantError, Zone
from .characters import control_character, shows_nothing, unclosed_direction
from .limits import long_word
from .yamlhelp import explain, indicator_at
from .yamllayout import odd_indentation
from .yamllines import line_at

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MAX_NODES = 20_000
MAX_DEPTH = 50


class FieldError(Exception):
    """A value of the wrong shape; the message says what was expected."""

    def __init__(self, message: str, line: int | None = None, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.field = field


class YamlSyntaxError(Exception):
    """The text is not YAML (or uses what we refuse); `line` is 1-based when known, `field`
    the key written on that line when the message is about its value."""

    def __init__(self, line: int | None, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases, deep nesting and oversized documents while composing.

    Lines are counted as editors and `grep -n` count them, by '\\n' alone: PyYAML also breaks
    lines at a lone '\\r', U+0085, U+2028 and U+2029, so every node's mark is renumbered.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.text = stream
        self._nodes = 0
        self._depth = 0
        self._breaks = [match.start() for match in re.finditer("\n", stream)]

    def line_at(self, index: int) -> int:
        """The 1-based line of the character at `index`."""
        return bisect_left(self._breaks, index) + 1

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        line = self.line_at(self.peek_event().start_mark.index)  # type: ignore[no-untyped-call]
        if self.check_event(yaml.AliasEvent):
            raise YamlSyntaxError(
                line,
                "YAML aliases (*name) are not allowed here; write the value out in full "
                "(a text that starts with '*' goes in quotes: \"*Update*: ...\")",
            )
        event = self.peek_event()  # type: ignore[no-untyped-call]
        anchor = getattr(event, "anchor", None)
        if anchor:
            self._refuse_anchor(event, anchor, line)
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise YamlSyntaxError(line, f"the file holds more than {MAX_NODES} values")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlSyntaxError(line, f"values are nested more than {MAX_DEPTH} levels deep")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None:
            node.start_mark.line = line - 1
        return node

    def _refuse_anchor(self, event: yaml.Event, anchor: str, line: int) -> None:
        """An anchor is of no use without aliases: `title: &x y` would lose '&x'."""
        start = event.start_mark.index if event.start_mark is not None else 0
        before = self.text[self.text.rfind("\n", 0, start) + 1 : start].rstrip(" ")
        if isinstance(event, yaml.ScalarEvent) and before.endswith(":"):  # a value's start
            advice = indicator_at(self.text, start, line)
            raise YamlSyntaxError(advice.line, advice.message, advice.field)
        message = f"YAML anchors (&name) are not allowed here; remove '&{anchor}'"
        raise YamlSyntaxError(line, message)  # on a list, an item, a key


_FAST_UNSAFE = re.compile(r"[&*\r\x85\u2028\u2029]|[\[{]{8}")
FAST_LIMIT = 16_384


def _compose_fast(text: str) -> Node | bool | None:
    """libyaml's composer (about twenty times faster) for ordinary files; False otherwise.

    Only text without anchors, aliases or unusual line breaks, small enough that libyaml's
    recursion cannot go deep, is given to it; anything it rejects or that exceeds our limits
    goes to the strict composer, which explains the problem.
    """
    if not getattr(yaml, "__with_libyaml__", False) or len(text) > FAST_LIMIT:
        return False
    if _FAST_UNSAFE.search(text):
        return False
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False
    if node is not None and not _within_limits(node):
        return False
    return node


def _within_limits(root: Node) -> bool:
    stack = [(root, 1)]
    count = 0
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES or depth > MAX_DEPTH:
            return False
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return True


_LINE_SEPARATOR = re.compile("[\u2028\u2029\x85]")


def compose(text: str) -> Node | None:
    """Parse YAML text into nodes with positions, or raise YamlSyntaxError."""
    separator = _LINE_SEPARATOR.search(text)  # a line's end to YAML, to no editor
    if separator is not None:
        name = unicodedata.name(separator[0], "next line").lower()
        raise YamlSyntaxError(
            text.count("\n", 0, separator.start()) + 1,
            f"holds an invisible {name} (U+{ord(separator[0]):04X}), which YAML reads as "
            "the end of a line: delete it, or type the line again",
            line_at(text, separator.start()).key,
        )
    pasted = odd_indentation(text)  # YAML reads on without a word, or blames another line
    if pasted is not None:
        raise YamlSyntaxError(pasted.line, pasted.message, pasted.field)
    fast = _compose_fast(text)
    if fast is not False:
        if fast is not None:
            _check_tags(fast, text)  # type: ignore[arg-type]
        return fast  # type: ignore[return-value]
    try:
        loader = _StrictLoader(text)
    except ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        raise YamlSyntaxError(
            line,
            f"invalid YAML: the control character U+{error.character:04X} is not allowed, "
            "remove it",
        ) from None
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, loader) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if node is not None:
        _check_tags(node, text)
    return node


def _syntax_error(error: yaml.MarkedYAMLError, loader: _StrictLoader) -> YamlSyntaxError:
    """Place the error where the user must look: an unclosed quote or bracket where it opens."""
    problem = error.problem_mark
    context = error.context_mark
    line = loader.line_at(problem.index) if problem else None
    context_line = loader.line_at(context.index) if context else None
    at_end = any(end in (error.problem or "") for end in ("end of stream", "<stream end>"))
    if context_line is not None and (line is None or at_end):
        line = context_line
    advice = explain(
        error, loader.text, loader.line_at(problem.index) if problem else None, context_line
    )
    if advice is not None:
        return YamlSyntaxError(advice.line, advice.message, advice.field)
    message = error.problem or error.context or "not YAML"
    if error.problem and error.context and not error.context.startswith("while"):
        message = f"{error.context}, {error.problem}"
    elif error.problem and error.context:
        where = f" started on line {context_line}" if context_line not in (None, line) else ""
        message += f" ({error.context}{where})"
    return YamlSyntaxError(line, f"invalid YAML: {message}")


def _check_tags(root: Node, text: str) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if _text_with_an_exclamation_mark(node, text):
            # `title: !Urgent the OIM appeals`: a headline that starts with '!', not a tag
            advice = indicator_at(text, node.start_mark.index, line_of(node))
            raise YamlSyntaxError(advice.line, advice.message, advice.field)
        if node.tag not in _ALLOWED_TAGS:
            shown = (
                "!!" + node.tag.removeprefix(_STANDARD)
                if node.tag.startswith(_STANDARD)
                else node.tag
            )
            raise YamlSyntaxError(
                line_of(node),
                f"the YAML tag '{shown}' is not allowed; write plain text, numbers, "
                "lists and key: value pairs",
            )
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def _text_with_an_exclamation_mark(node: Node, text: str) -> bool:
    """A local tag on a one-line value that is the whole of its key's value (not a list
    item, not inside brackets, not on a key), as `title: !Urgent ...` is."""
    start, end = node.start_mark, node.end_mark
    if not isinstance(node, ScalarNode) or not node.tag.startswith("!") or node.tag[1:2] == "!":
        return False
    line = line_at(text, start.index)
    return (
        start.line == end.line
        and line.key is not None
        and line.value == text[start.index : end.index]
    )


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STANDARD + "null"


def as_mapping(node: Node, what: str = "a list of key: value pairs") -> dict[str, Node]:
    """A mapping's values by key; duplicate and non-text keys are errors."""
    if isinstance(node, ScalarNode) and not is_null(node):
        raise FieldError(f"is one text ('{node.value}'), expected {what}", line_of(node))
    if isinstance(node, SequenceNode) and node.value and isinstance(node.value[0], MappingNode):
        raise FieldError(  # `- date: …` on every line: a list of one-key pairs
            f"is a list (each line begins with '- '), expected {what}: remove the '- ' "
            "at the start of each line",
            line_of(node),
        )
    if not isinstance(node, MappingNode):
        raise FieldError(f"expected {what}", line_of(node))
    result: dict[str, Node] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or is_null(key_node):
            raise FieldError("expected a plain name as key", line_of(key_node))
        key = str(key_node.value)
        if key in result:
            raise FieldError(
                f"is given twice (first on line {lines[key]}), expected it once",
                line_of(key_node),
                key,
            )
        result[key] = value_node
        lines[key] = line_of(key_node)
    return result


def key_lines(node: MappingNode) -> dict[str, int]:
    return {str(k.value): line_of(k) for k, _ in node.value if isinstance(k, ScalarNode)}


def as_text(node: Node) -> str:
    """A non-empty single string; numbers and words like `yes` are kept as typed."""
    if isinstance(node, SequenceNode):
        raise FieldError(
            "is a list, expected text; if the brackets or the '- ' are part of the text, "
            "put the whole value in quotes"
        )
    if isinstance(node, MappingNode):
        raise FieldError(
            "is a set of key: value pairs, expected text; if the braces or the colon are "
            "part of the text, put the whole value in quotes"
        )
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError("is empty, expected text")
    value = _without_controls(str(node.value)).strip()
    if not value:
        raise FieldError("is empty, expected text")
    if shows_nothing(value):
        raise FieldError(
            "shows nothing, expected text: it holds only characters that print as nothing "
            f"(zero-width spaces and the like), first U+{ord(value[0]):04X}"
        )
    return value


_BREAKS = {"\t": "a tab", "\r": "a line break", "\n": "a line break"}
_BREAKS |= {"\u2028": "a line break", "\u2029": "a paragraph break", "\x85": "a line break"}


def as_line(node: Node) -> str:
    """Text of one line (a headline, a name, an address): a tab or a line break, written as
    an escape in quotes, would go raw into the wire text, a page's <title> and a feed."""
    value = as_text(node)
    found = next((char for char in value if char in _BREAKS), None)
    if found is not None:
        fix = "use a space" if found == "\t" else "join the lines"
        said = f"holds {_BREAKS[found]} (U+{ord(found):04X}), expected one line: {fix}"
        raise FieldError(said)
    return value


def _without_controls(value: str) -> str:
    found = control_character(value)
    if found:
        raise FieldError(f"holds {found}, remove it")
    too_long = long_word(value)
    if too_long:
        raise FieldError(too_long)
    opened = unclosed_direction(value)
    if opened:
        raise FieldError(
            f"opens a text direction with {opened} and never closes it (with U+202C, or "
            "U+2069 for an isolate), which turns the text after it around; remove it"
        )
    return value


def as_key(node: Node, example: str = "press-release") -> str:
    if isinstance(node, SequenceNode):
        raise FieldError(f"is a list, expected a key such as '{example}', only one")
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError(f"expected a key such as '{example}'")
    return _without_controls(str(node.value)).strip()


def as_key_list(node: Node) -> tuple[str, ...]:
    """A list of keys; a single key is accepted as a list of one."""
    if is_null(node) or (isinstance(node, SequenceNode) and any(map(is_null, node.value))):
        raise FieldError("is empty, expected a list of keys in brackets, or no line at all")
    if isinstance(node, ScalarNode):
        key = as_key(node)
        if "," in key and not node.style:  # plain, not quoted: `topics: health, border`
            keys = ", ".join(part.strip() for part in key.split(","))
            raise FieldError(f"is one text with commas, expected a list: [{keys}]")
        return (key,)
    if not isinstance(node, SequenceNode):
        raise FieldError("expected a list of keys, e.g. [global]")
    if any(isinstance(item, SequenceNode | MappingNode) for item in node.value):
        raise FieldError(
            "has an item that is a list itself (or holds keys), expected one key per item"
        )
    return tuple(as_key(item) for item in node.value)


def as_instant(node: Node, zone: Zone | None = None) -> datetime:
    """An aware datetime: with a UTC offset, a named zone, or in the site's `zone`; dates
    alone, times the zone skips or repeats, and impossible dates are refused."""
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError(
            f"expected a date and time with UTC offset, e.g. {EXAMPLE_INSTANT}, "
            f"or with a time zone, e.g. {EXAMPLE_ZONED}"
        )
    try:
        return parse_instant(str(node.value), zone)
    except InstantError as error:
        raise FieldError(str(error)) from None
