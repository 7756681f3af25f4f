"""Command-line values shared by the commands: instants, and where to report a bug."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

ISSUES_URL = "https://github.com/pressgen/pressgen/issues"


class Instant(click.ParamType):  # type: ignore[type-arg]  # generic in click >= 8.2 only
    """An ISO 8601 instant with a UTC offset, e.g. 2021-03-15T09:00:00Z."""

    name = "ISO-8601"

    def convert(self, value: Any, param: Any, ctx: Any) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            instant = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date and time, expected e.g. 2021-03-15T09:00:00Z")
        if instant.tzinfo is None:
            self.fail(f"'{value}' has no UTC offset, expected e.g. 2021-03-15T09:00:00+01:00")
        return instant
