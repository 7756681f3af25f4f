"""The model as JSON text and back, for the build cache.

JSON can be read back without running code, whatever the file holds. Decoding follows the
dataclasses' own type hints, so a field added to the model needs nothing here; a decoder is
made once per type. A dataclass is the list of its fields, an instant its ISO text and zone.

The text is JSON lines: the value on the first, then one line per record of a mapping of
records (a release's language versions), which are decoded only when first asked for: an
incremental build reads thousands of releases back and looks into few of them.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

Lines = list[str]
Decoder = Callable[[Any, Lines], Any]


def dumps(value: Any) -> str:
    """`value` (a dataclass of the model) as JSON lines."""
    lines = [""]
    lines[0] = _json(_plain(value, lines))
    return "\n".join(lines)


def loads(kind: Any, text: str) -> Any:
    """The value of `kind` that `dumps` wrote; ValueError if the text does not fit."""
    lines = text.split("\n")
    try:
        return decoder(kind)(json.loads(lines[0]), lines)
    except (TypeError, KeyError, IndexError, AttributeError, RecursionError) as error:
        raise ValueError(f"not a {kind.__name__}: {error}") from error  # nested past json


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any, lines: Lines | None) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [_plain(getattr(value, f.name), lines) for f in dataclasses.fields(value)]
    if isinstance(value, datetime):
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return [value.isoformat(), zone]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(item, lines) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _entry(item, lines) for key, item in value.items()}
    return value


def _entry(item: Any, lines: Lines | None) -> Any:
    """A record of a mapping on a line of its own (in the top level value only)."""
    if lines is None or not dataclasses.is_dataclass(item):
        return _plain(item, lines)
    lines.append(_json(_plain(item, None)))
    return len(lines) - 1


@cache
def decoder(kind: Any) -> Decoder:
    """A function that decodes plain values of the type `kind` (a type or a type hint)."""
    origin, arguments = typing.get_origin(kind), typing.get_args(kind)
    if dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        inner = [decoder(a) for a in arguments if a is not type(None)]
        if len(inner) != 1:
            raise TypeError(f"{kind}: only optional values are supported")
        return lambda data, lines: None if data is None else inner[0](data, lines)
    if origin is tuple:
        item = decoder(arguments[0])
        return lambda data, lines: tuple(item(value, lines) for value in _list(data))
    if origin in (Mapping, dict):
        value_decoder = decoder(arguments[1])
        if dataclasses.is_dataclass(arguments[1]):
            return lambda data, lines: Records(value_decoder, _dict(data), lines)
        return lambda data, lines: {str(k): value_decoder(v, lines) for k, v in _dict(data).items()}
    scalar = _SCALARS[kind]
    return lambda data, lines: scalar(data)


def _dataclass_decoder(kind: type[Any]) -> Decoder:
    hints = typing.get_type_hints(kind)
    fields = [decoder(hints[f.name]) for f in dataclasses.fields(kind) if f.init]

    def decode(data: Any, lines: Lines) -> Any:
        values = _list(data)
        if len(values) != len(fields):
            raise TypeError(f"{len(values)} values for {len(fields)} fields")
        return kind(*[field(value, lines) for field, value in zip(fields, values)])  # noqa: B905

    return decode


class Records(Mapping[str, Any]):
    """Records by key, each decoded when first asked for (from its line, or as given)."""

    def __init__(self, decode: Decoder, data: dict[str, Any], lines: Lines) -> None:
        self._decode = decode
        self._data = data
        self._lines = lines
        self._decoded: dict[str, Any] = {}

    def __getitem__(self, key: str) -> Any:
        found = self._decoded.get(key)
        if found is None:
            data = self._data[key]
            if isinstance(data, int) and not isinstance(data, bool):
                data = json.loads(self._lines[data])
            found = self._decoded[key] = self._decode(data, self._lines)
        return found

    def __contains__(self, key: object) -> bool:  # without decoding (Mapping's would)
        return key in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return repr(dict(self))


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise TypeError(f"expected a list, found {type(data).__name__}")
    return data


def _dict(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TypeError(f"expected a mapping, found {type(data).__name__}")
    return data


def _datetime(data: Any) -> datetime:
    text, zone = _list(data)
    instant = datetime.fromisoformat(text)
    if instant.tzinfo is None:
        raise TypeError("an instant without its UTC offset")
    return instant.astimezone(ZoneInfo(zone)) if zone else instant


def _typed(kind: type[Any]) -> Callable[[Any], Any]:
    def check(data: Any) -> Any:
        if not isinstance(data, kind) or (kind is int and isinstance(data, bool)):
            raise TypeError(f"expected {kind.__name__}, found {type(data).__name__}")
        return data

    return check


_SCALARS: dict[Any, Callable[[Any], Any]] = {
    str: _typed(str),
    int: _typed(int),
    bool: _typed(bool),
    datetime: _datetime,
    Path: lambda data: Path(_typed(str)(data)),
}
