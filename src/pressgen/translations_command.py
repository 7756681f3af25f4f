"""`pressgen translations`, `translations mark` and `translations diff`: the commands a
translator runs, over what `translations` (the module) knows of each language version."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .problems import InputError, display_path
from .translation_review import changes_text
from .translations import (
    FINGERPRINT_KEY,
    mark_translations,
    needs_work,
    original_changes,
    read_statuses,
    to_json,
    to_table,
)

F = TypeVar("F", bound=Callable[..., Any])


def _reporting(function: F) -> F:
    """cli.reports_problems, looked up when called: cli imports this module to register it."""

    @wraps(function)
    def run(*args: Any, **kwargs: Any) -> Any:
        from .cli import reports_problems

        return reports_problems(function)(*args, **kwargs)

    return run  # type: ignore[return-value]


SITE_DIR = click.Path(file_okay=False, path_type=Path)


@click.group(invoke_without_command=True)
@click.option(
    "--site",
    type=SITE_DIR,
    default=".",
    show_default=True,
    help="The site folder (where pressgen.toml is).",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--release", "release_id", metavar="ID", default=None, help="Only this release.")
@click.option(
    "--check",
    is_flag=True,
    help="Exit with status 1 if any translation is stale or unknown (for CI).",
)
@click.pass_context
def translations(
    ctx: click.Context, site: Path, as_json: bool, release_id: str | None, check: bool
) -> None:
    """List each release's languages: original, current, stale, unknown or missing.

    \b
    current  made from the original as it is now
    stale    the original changed after the translation was made
    unknown  never marked (no translated_from in its front matter)
    missing  no file for this language of the site

    After translating or updating LANG.md, record it with
    `pressgen translations mark ID LANG`.
    """
    if ctx.invoked_subcommand is not None:
        if as_json or release_id is not None or check:
            raise click.UsageError("--json, --release and --check apply to the list only", ctx)
        return
    _reporting(_list)(site, as_json, release_id, check)


def _list(site: Path, as_json: bool, release_id: str | None, check: bool) -> None:
    statuses, problems = read_statuses(site, release_id)
    if as_json or statuses or not problems:  # not "No releases." when none read well
        click.echo(to_json(statuses) if as_json else to_table(statuses))
    if problems:
        raise InputError(problems)  # listed after the table; exit status 1
    count = needs_work(statuses)
    if check and count:
        plural = "s are" if count != 1 else " is"
        click.echo(f"{count} translation{plural} stale or unknown.", err=True)
        raise click.exceptions.Exit(1)


@translations.command("mark")
@click.argument("release_id", metavar="ID")
@click.argument("langs", metavar="LANG...", nargs=-1, required=True)
@click.option(
    "--site",
    type=SITE_DIR,
    default=None,
    help="The site folder (default: the one of `translations`, or .).",
)
@click.pass_context
def mark_command(
    ctx: click.Context, release_id: str, langs: tuple[str, ...], site: Path | None
) -> None:
    """Record that LANG.md is up to date with the original as it is now.

    Writes `translated_from:` in the front matter of releases/ID/LANG.md and
    changes nothing else in the file.
    """
    parent: Mapping[str, Any] = ctx.parent.params if ctx.parent is not None else {}
    root = site if site is not None else Path(parent.get("site", "."))
    _reporting(_mark)(root, release_id, langs)


def _mark(root: Path, release_id: str, langs: tuple[str, ...]) -> None:
    for marked in mark_translations(root, release_id, langs):
        shown = display_path(marked.path, root)
        what = f"was {marked.was}" if marked.changed else "already current, unchanged"
        click.echo(f"{shown}: {FINGERPRINT_KEY}: {marked.fingerprint} ({what})")
        for warning in marked.warnings:
            click.echo(f"warning: {shown}: {warning}", err=True)


@translations.command("diff")
@click.argument("release_id", metavar="ID")
@click.argument("lang", metavar="LANG")
@click.option("--site", type=SITE_DIR, default=None, help="The site folder (default: .).")
@click.pass_context
def diff_command(ctx: click.Context, release_id: str, lang: str, site: Path | None) -> None:
    """Show what changed in the original since LANG.md was marked.

    Removed words are shown [-like this-], added ones {+like this+}, place by place
    (title, paragraph 3, ...). Needs no git: `mark` keeps a copy of the original.
    """
    parent: Mapping[str, Any] = ctx.parent.params if ctx.parent is not None else {}
    root = site if site is not None else Path(parent.get("site", "."))
    _reporting(_diff)(root, release_id, lang)


def _diff(root: Path, release_id: str, lang: str) -> None:
    release, found = original_changes(root, release_id, lang)
    original = f"{release.original}.md"
    if not found:
        click.echo(f"{original} has not changed since {lang}.md was marked.")
        return
    click.echo(f"{original} has changed since {lang}.md was marked:\n")
    click.echo(changes_text(found))
