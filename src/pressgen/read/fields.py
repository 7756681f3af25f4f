"""Declarative fields for YAML mappings: each value parsed on its own, every problem collected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..problems import Problem, unknown_key_message
from .yamllayout import dash_joined, dash_joined_message
from .yamlnodes import FieldError, as_mapping, is_null, key_lines, line_of


@dataclass
class Reporter:
    """Collects problems for one file, so a run can list them all at once: errors, which
    stop a build, and warnings, which are shown and publish anyway."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def add(self, line: int | None, field_name: str | None, message: str) -> None:
        self.problems.append(Problem(self.path, line, field_name, message))

    def warn(self, line: int | None, field_name: str | None, message: str) -> None:
        self.warnings.append(Problem(self.path, line, field_name, message))


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[Node], Any]
    required: bool = False
    expected: str = "a value"


def read_fields(
    node: Node | None,
    fields: Sequence[Field],
    report: Reporter,
    *,
    prefix: str = "",
    line: int = 1,
) -> dict[str, Any] | None:
    """Parse a mapping by its fields; None if any of them is wrong (problems are reported)."""
    values, ok = read_fields_partly(node, fields, report, prefix=prefix, line=line)
    return values if ok else None


def read_fields_partly(
    node: Node | None,
    fields: Sequence[Field],
    report: Reporter,
    *,
    prefix: str = "",
    line: int = 1,
) -> tuple[dict[str, Any], bool]:
    """The fields of a mapping that read well, and whether all did (problems are reported):
    what did read well can still be checked, so that one slip does not hide the next."""
    if node is None:
        report.add(line, prefix.rstrip(".") or None, "is empty, expected key: value pairs")
        return {}, False
    try:
        values = as_mapping(node)
    except FieldError as error:
        name = prefix + error.field if error.field else prefix.rstrip(".") or None
        report.add(error.line or line_of(node), name, error.message)
        return {}, False
    assert isinstance(node, MappingNode)
    lines = key_lines(node)
    by_name = {f.name: f for f in fields}
    result: dict[str, Any] = {}
    ok = True
    for key, value_node in values.items():
        spec = by_name.get(key)
        if spec is None:
            report.add(lines[key], prefix + key, _unknown(key, by_name))
            ok = False
            continue
        if spec.required and is_null(value_node):  # `original:` and nothing after it
            report.add(line_of(value_node), prefix + key, f"is empty, expected {spec.expected}")
            ok = False
            continue
        try:
            result[key] = spec.parse(value_node)
        except FieldError as error:
            name = prefix + key + (f".{error.field}" if error.field else "")
            report.add(error.line or line_of(value_node), name, error.message)
            ok = False
        except Reported:
            ok = False
    renamed = {TRANSLATED_FIELDS.get(key.strip().lower()) for key in values}
    for spec in fields:
        if spec.required and spec.name not in values and spec.name not in renamed:
            report.add(line_of(node), prefix + spec.name, f"is missing, expected {spec.expected}")
            ok = False
    return result, ok


class Reported(Exception):
    """A nested reader or a check already reported its problems."""


def nested(
    fields: Sequence[Field], report: Reporter, prefix: str, build: Callable[..., Any]
) -> Callable[[Node], Any]:
    """A parser for a sub-mapping whose own fields report their own problems."""

    def parse(node: Node) -> Any:
        values = read_fields(node, fields, report, prefix=prefix, line=line_of(node))
        if values is None:
            raise Reported
        return build(**values)

    return parse


def listed(item: Callable[[Node], Any], what: str) -> Callable[[Node], tuple[Any, ...]]:
    """A parser for a YAML list whose items each parse with `item`."""

    def parse(node: Node) -> tuple[Any, ...]:
        if isinstance(node, ScalarNode) and not is_null(node):
            raise FieldError(
                f"is one text ('{node.value}'), expected a list of {what}, each on a line of "
                "its own under this key, starting with '  - '"
            )
        if isinstance(node, MappingNode):
            first = node.value[0][0].value if node.value else ""
            if isinstance(first, str) and dash_joined(first):
                raise FieldError(dash_joined_message(f"{first}:"))
            raise FieldError(
                f"is a single entry, expected a list of {what}: put '- ' before its first key"
            )
        if not isinstance(node, SequenceNode):
            raise FieldError(f"expected a list of {what}")
        results = []
        failed = False
        for child in node.value:
            try:
                results.append(item(child))
            except Reported:
                failed = True
        if failed:
            raise Reported
        return tuple(results)

    return parse


# What newsrooms call some fields elsewhere (other tools, style guides): no spelling is near
# enough for a "did you mean" of its own.
NEWSROOM_WORDS = {
    "photo": "image",
    "picture": "image",
    "photos": "images",
    "headline": "title",
    "location": "dateline",
    "place": "dateline",
    "city": "dateline",
    "lede": "summary",
    "standfirst": "summary",
    "subtitle": "summary",
    "tags": "topics",
    "topic": "topics",
    "region": "regions",
    "contact": "contacts",
    "author": "contacts",
    "embargoed": "embargo",
    "organisation": "org",
    "organization": "org",
}
# The same fields named in a translator's language, as the text around them is: field
# names stay in English, only what follows the colon is translated
TRANSLATED_FIELDS = {
    **dict.fromkeys(("titre", "título", "titulo", "заголовок", "标题", "العنوان"), "title"),
    **dict.fromkeys(("lieu", "ville", "lugar", "ciudad", "место", "город", "地点"), "dateline"),
    **dict.fromkeys(("résumé", "resume", "resumen", "chapeau", "аннотация", "摘要"), "summary"),
    **dict.fromkeys(("nom", "nombre", "имя", "姓名", "الاسم"), "name"),
    **dict.fromkeys(("courriel", "correo", "mél", "почта", "邮箱"), "email"),
    **dict.fromkeys(("téléphone", "telephone", "teléfono", "telefono", "телефон"), "phone"),
    **dict.fromkeys(("organización", "organizacion", "организация"), "org"),
    **dict.fromkeys(("légende", "legende", "leyenda", "подпись"), "caption"),
}


def _unknown(key: str, known: Sequence[str] | dict[str, Any]) -> str:
    """An unknown key; a known one typed without the space after its colon
    (`title:"Sudan crisis: ..."`) is read by YAML as one long key, and told so."""
    name, colon, _ = key.partition(":")
    if colon and name.strip() in known:
        return (
            f"'{key}' is read as one key because '{name.strip()}:' has no space after the "
            f"colon; write '{name.strip()}: ' and then the value"
        )
    if misplaced := _misplaced(key, known):
        return misplaced
    meant = NEWSROOM_WORDS.get(key.strip().lower())
    if meant in known:
        return f"unknown field '{key}', did you mean '{meant}'?"
    translated = TRANSLATED_FIELDS.get(key.strip().lower())
    if translated in known:
        return (
            f"unknown field '{key}': field names stay in English, write '{translated}:' and "
            "translate only what follows the colon"
        )
    return unknown_key_message(key, known)


# Fields of the other file of a release, or of a photo or contact: "unknown field 'embargo'"
# puzzles a writer who read that a release has an embargo, so say where the line goes.
_RELEASE_KEYS = frozenset(
    ("date", "type", "original", "regions", "topics", "status", "embargo", "withdrawn")
)
_TEXT_KEYS = frozenset(("title", "dateline", "summary", "contacts"))
_PHOTO_KEYS = frozenset(("caption", "credit", "alt"))
_CONTACT_KEYS = frozenset(("name", "email", "phone", "org"))


def _misplaced(key: str, known: Sequence[str] | dict[str, Any]) -> str | None:
    """Where a field known elsewhere goes, for the top of release.yaml (which has
    'original') and of a language file's front matter (which has 'dateline')."""
    in_text, in_release = "dateline" in known, "original" in known
    if key in _RELEASE_KEYS | {"corrections"} and in_text:
        return (
            "is set once for every language, in release.yaml, not in a language's file: move "
            "this line to release.yaml"
        )
    if key in _TEXT_KEYS and in_release:
        return (
            "is written in each language's file (en.md, fr.md, ...), not in release.yaml: move "
            "this line into the front matter of each language's file"
        )
    if key in _PHOTO_KEYS and (in_text or in_release):
        return (
            "describes a photo: write it in each language's file, indented under 'image:' "
            f"('image:', then '  {key}: ...' on the line below)"
        )
    if key in _CONTACT_KEYS and in_text:
        return (
            "belongs to a contact: write it under 'contacts:', as in '  - name: ...' then "
            f"'    {key}: ...'"
        )
    return None
