"""Safe YAML with line numbers: compose nodes (never construct objects), then convert per field.

Only PyYAML's safe machinery is used, and aliases are refused outright, so neither a tag such as
`!!python/object` nor an alias bomb can run code or exhaust memory.
"""

from __future__ import annotations

from datetime import datetime

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_STANDARD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STANDARD + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
MAX_NODES = 20_000
EXAMPLE_INSTANT = "2021-03-15T14:00:00+01:00"


class FieldError(Exception):
    """A value of the wrong shape; the message says what was expected."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class YamlSyntaxError(Exception):
    """The text is not YAML (or uses what we refuse); `line` is 1-based when known."""

    def __init__(self, line: int | None, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and oversized documents while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: object) -> Node:  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlSyntaxError(
                event.start_mark.line + 1,
                "YAML aliases (*name) are not allowed here; write the value out in full",
            )
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise YamlSyntaxError(None, f"the file holds more than {MAX_NODES} values")
        return super().compose_node(parent, index)  # type: ignore[no-any-return]


def compose(text: str) -> Node | None:
    """Parse YAML text into nodes with positions, or raise YamlSyntaxError."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise YamlSyntaxError(line, f"invalid YAML: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(None, f"invalid YAML: {error}") from None
    finally:
        loader.dispose()
    if node is not None:
        _check_tags(node)
    return node


def _check_tags(root: Node) -> None:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.tag not in _ALLOWED_TAGS:
            raise YamlSyntaxError(
                line_of(node),
                f"the YAML tag '{node.tag}' is not allowed; write plain text, numbers, "
                "lists and key: value pairs",
            )
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _STANDARD + "null"


def as_mapping(node: Node, what: str = "a list of key: value pairs") -> dict[str, Node]:
    """A mapping's values by key; duplicate and non-text keys are errors."""
    if not isinstance(node, MappingNode):
        raise FieldError(f"expected {what}", line_of(node))
    result: dict[str, Node] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or is_null(key_node):
            raise FieldError("expected a plain name as key", line_of(key_node))
        key = str(key_node.value)
        if key in result:
            raise FieldError(f"'{key}' is given twice, expected it once", line_of(key_node))
        result[key] = value_node
    return result


def key_lines(node: MappingNode) -> dict[str, int]:
    return {str(k.value): line_of(k) for k, _ in node.value if isinstance(k, ScalarNode)}


def as_text(node: Node) -> str:
    """A non-empty single string; numbers and words like `yes` are kept as typed."""
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError("expected text")
    value = str(node.value).strip()
    if not value:
        raise FieldError("is empty, expected text")
    return value


def as_key(node: Node) -> str:
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError("expected a key such as 'press-release'")
    return str(node.value).strip()


def as_key_list(node: Node) -> tuple[str, ...]:
    """A list of keys; a single key is accepted as a list of one."""
    if isinstance(node, ScalarNode):
        return (as_key(node),)
    if not isinstance(node, SequenceNode):
        raise FieldError("expected a list of keys, e.g. [global]")
    return tuple(as_key(item) for item in node.value)


def as_instant(node: Node) -> datetime:
    """An aware datetime; dates alone, naive times and impossible dates are refused."""
    if not isinstance(node, ScalarNode) or is_null(node):
        raise FieldError(f"expected a date and time with UTC offset, e.g. {EXAMPLE_INSTANT}")
    raw = str(node.value).strip()
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise FieldError(
            f"'{raw}' is not a valid date and time, expected e.g. {EXAMPLE_INSTANT}"
        ) from None
    if len(raw) <= len("2021-03-15"):
        raise FieldError(f"'{raw}' has no time and UTC offset, expected e.g. {EXAMPLE_INSTANT}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise FieldError(f"'{raw}' has no UTC offset, expected e.g. {EXAMPLE_INSTANT}")
    return value
