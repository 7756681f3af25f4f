"""Command-line values shared by the commands: the site folder, instants, and where to
report a bug."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

ISSUES_URL = "https://github.com/pressgen/pressgen/issues"
F = TypeVar("F", bound=Callable[..., Any])


def site_option(*, must_exist: bool = False) -> Callable[[F], F]:
    """`--site`, as every command takes it. It is read before the other options, wherever
    it stands on the line: `--now` reads a local time in the site's zone."""
    return click.option(
        "--site",
        "site",
        type=click.Path(exists=must_exist, file_okay=False, path_type=Path),
        default=".",
        show_default=True,
        is_eager=True,
        help="The site folder (where pressgen.toml is).",
    )


class Instant(click.ParamType):  # type: ignore[type-arg]
    """An instant written as in release.yaml: `2021-03-15T09:00:00Z`, with an offset, with a
    time zone (`2021-03-15T10:00 Europe/Geneva`), or as a local time in the site's
    `[site] timezone` (the command's `--site`, which is read first)."""

    name = "INSTANT"

    def convert(self, value: Any, param: Any, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        from .instants import parse_instant
        from .zones import InstantError

        text = str(value)
        zone = _site_zone(ctx) if _is_local(text) else None
        try:
            return parse_instant(text, zone)
        except InstantError as error:
            hint = ""
            if _DATE_ONLY.fullmatch(text.strip()):  # the shell split `DATE TIME` at the space
                hint = f'; on the command line, a date and its time go in quotes: --now "{text} '
                hint += '10:00"'
            elif _is_local(text) and zone is None:  # the shell split `TIME ZONE` at the space
                hint = f'; on the command line, a time and its zone go in quotes: --now "{text} '
                hint += 'Europe/Geneva"'
            self.fail(str(error) + hint, param, ctx)


_DATE_ONLY = re.compile(r"\d{4}-\d\d-\d\d")


def _is_local(text: str) -> bool:
    """Whether `text` has neither offset nor zone (only then is the site's zone needed)."""
    try:
        return datetime.fromisoformat(text.strip()).tzinfo is None
    except ValueError:
        return False


def _site_zone(ctx: click.Context | None) -> Any:
    """The site's time zone, when its settings name a valid one (else the time is refused
    as having no offset, and `check` reports what is wrong with the settings)."""
    from .read.config import read_config
    from .zones import site_zone

    site = ctx.params.get("site") if ctx is not None else None
    config, _ = read_config(Path(site) if site is not None else Path("."))
    return site_zone(config.timezone) if config is not None else None


ARGUMENTS = "pressgen.arguments"  # the command line as typed, in the context's meta


def hint_quotes(error: click.UsageError, args: list[str]) -> click.UsageError:
    """A word left over after `--now TIME` is most likely its zone, or its time, that the
    shell cut off at a space: say how to keep them together."""
    if "unexpected extra argument" not in error.message or "--now" not in args[:-2]:
        return error
    at = args.index("--now")
    value, extra = args[at + 1], args[at + 2]
    if extra.startswith("-") or f"({extra}" not in error.message:  # another option, or elsewhere
        return error
    hint = f'; if "{extra}" belongs to --now, put both in quotes: --now "{value} {extra}"'
    return click.UsageError(error.message + hint, error.ctx)
