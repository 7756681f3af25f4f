"""The `pressgen` command: a thin layer over the library that prints problems, never tracebacks."""

from __future__ import annotations

import errno
import gc
import os
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import wraps
from importlib import import_module
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar

import click

from . import __version__
from .engine import BuildReport
from .engine import build as build_site
from .engine.places import DEFAULT_FOLDERS
from .params import ARGUMENTS, ISSUES_URL, Instant, hint_quotes, site_option
from .problems import InputError, ToolError, UserError
from .watching import Signalled, stopped_as_by_ctrl_c

EXIT_INPUT = 1
EXIT_INTERNAL = 3
EXIT_STOPPED = 130  # as a shell reports a command ended by Ctrl-C
EXIT_PIPE_CLOSED = 141  # as a shell reports a command ended by a closed pipe (SIGPIPE)
# What the machine refuses, and what to do about it; every file already in the output is
# complete, and the next run of the command (build, preview, publish) completes the rest.
_BUILD_AGAIN = "Every file it wrote is whole, and the next run completes the rest."
SYSTEM_ADVICE = {
    errno.ENOSPC: (  # no room for bytes, or for one more file: the system says the same
        "Free some space on that disk (or, if it has space left, remove files: it may hold "
        f"as many as it can), then run the command again. {_BUILD_AGAIN}"
    ),
    errno.EDQUOT: f"Free some of your disk quota, then run the command again. {_BUILD_AGAIN}",
    errno.EACCES: "Give your user the right to read and write it, or choose another --out.",
    errno.EPERM: "Give your user the right to read and write it, or choose another --out.",
    errno.EROFS: "That disk is read-only: choose an output folder on a writable one (--out).",
    errno.EMFILE: "Too many files are open: raise the limit (ulimit -n) and run the command again.",
    errno.EIO: f"The disk reported an error: check it, then run the command again. {_BUILD_AGAIN}",
}

F = TypeVar("F", bound=Callable[..., Any])


def reports_problems(command: F) -> F:
    """Turn input problems into `path:line:` lines and exit 1; anything else into one line."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug", False)
        try:
            return command(*args, **kwargs)
        except InputError as error:
            for problem in error.problems:
                click.echo(str(problem), err=True)
            for warning in error.warnings:
                click.echo(f"warning: {warning}", err=True)
            click.echo(f"{_found(error)} found; nothing was written.", err=True)
            sys.exit(EXIT_INPUT)
        except (UserError, ToolError) as error:
            click.echo(str(error), err=True)
            sys.exit(EXIT_INPUT)
        except (click.exceptions.Exit, click.ClickException):
            raise
        except BrokenPipeError:  # `pressgen status | head`: the reader has all it wanted
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_PIPE_CLOSED)
        except OSError as error:  # the machine's refusal: a full disk, a missing right
            if error.strerror is None:  # a library's error in OSError's clothes
                _internal_error(error, debug)
            advice = _advice(error)
            where = error.filename or "a file"
            click.echo(f"pressgen: {where}: {error.strerror}. {advice}".rstrip(), err=True)
            sys.exit(EXIT_INPUT)
        except KeyboardInterrupt as stop:
            _stopped(stop)
        except Exception as error:
            _internal_error(error, debug)

    return run  # type: ignore[return-value]


def _advice(error: OSError) -> str:
    """What to do about what the machine refused; a file the user may not read outside the
    output folder is one of the site's, which no other --out leaves behind."""
    params = click.get_current_context().params
    outs = [Path(params["out"])] if params.get("out") else []
    if "out" in params and not outs and params.get("site"):  # the default output folders
        outs = [Path(params["site"]) / name for name in DEFAULT_FOLDERS.values()]
    refused = error.errno in (errno.EACCES, errno.EPERM) and error.filename and outs
    where = Path(str(error.filename)).absolute()
    own = any(part.startswith(".pressgen-") for part in where.parts)  # written in the site
    if refused and not own and not any(where.is_relative_to(out.absolute()) for out in outs):
        return "Give your user the right to read it."
    return SYSTEM_ADVICE.get(error.errno or 0, "")


def _found(error: InputError) -> str:
    """ "2 problems and 1 warning": problems stop a build, warnings do not."""
    counts = (len(error.problems), "problem"), (len(error.warnings), "warning")
    return " and ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in counts if n)


def _stopped(stop: KeyboardInterrupt | None = None) -> NoReturn:
    by = stop.args[0] if isinstance(stop, Signalled) else "Ctrl-C"  # SIGTERM: systemd, kill
    click.echo(f"pressgen: stopped by {by}; run the command again to finish.", err=True)
    sys.exit(EXIT_STOPPED)


@contextmanager
def _stops_on_ctrl_c() -> Iterator[None]:
    """Ctrl-C while the command line is read or its command loaded: a stop (130), where
    Click would say "Aborted!" and exit 1, the status of a problem in the files."""
    try:
        yield
    except KeyboardInterrupt:
        _stopped()


def _internal_error(error: Exception, debug: bool) -> NoReturn:
    if debug:
        traceback.print_exc()
    click.echo(
        f"pressgen: internal error ({type(error).__name__}: {error}). "
        f"This is a bug in pressgen, not in your files: please report it at "
        f"{ISSUES_URL}" + ("" if debug else "; run with --debug for details."),
        err=True,
    )
    sys.exit(EXIT_INTERNAL)


class _Commands(click.Group):
    """Commands defined in other modules are imported when they run or are listed, so that
    `pressgen build` starts without loading what `mail`, `serve` and `translations` need."""

    elsewhere: ClassVar[dict[str, str]] = {
        "mail": "mail.command",
        "publish": "publish.command",
        "serve": "serve",
        "status": "status",
        "translations": "translations_command",
    }

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _stops_on_ctrl_c():
            ctx = super().make_context(info_name, list(args), parent, **extra)
        ctx.meta[ARGUMENTS] = args  # as typed, for the hint of `_hint_quotes`
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        with _stops_on_ctrl_c():
            try:
                return super().invoke(ctx)
            except click.UsageError as error:
                raise hint_quotes(error, ctx.meta.get(ARGUMENTS, [])) from None

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.elsewhere})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = self.elsewhere.get(name)
        if module is None:
            return super().get_command(ctx, name)
        command = getattr(import_module(f".{module}", __package__), name)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressgen")
@click.option("--debug", is_flag=True, help="Show the full details of an internal error.")
def main(debug: bool) -> None:
    """Publish press releases as web pages, plain text and feeds, in every language.

    Write each release as a folder in releases/ (release.yaml and one
    LANGUAGE.md per language), then run `pressgen check` and `pressgen build`.
    """


PROGRESS_FROM = 200  # files a stage makes before it shows a progress bar


def _progress(tasks: Iterable[Any], name: str) -> Iterator[Any]:
    """Show a progress bar on a terminal when a stage of a build has many files to make."""
    tasks = list(tasks)
    if len(tasks) < PROGRESS_FROM:
        yield from tasks
        return
    with click.progressbar(tasks, label=name, file=sys.stderr) as bar:
        yield from bar


@main.command()
@site_option()
@click.option(
    "--out",
    type=click.Path(file_okay=False, readable=False, path_type=Path),
    default=None,
    help="Where to write the site (default: SITE/public). pressgen owns this folder: each "
    "build makes it hold exactly the site, whatever was put in it.",
)
@click.option(
    "--now",
    type=Instant(),
    default=None,
    help="Publish as if it were this instant (default: the real time): releases "
    "dated later or still under embargo are left out. Written as in release.yaml: "
    '2026-03-15T10:00:00+01:00, or "2026-03-15T10:00 Europe/Geneva" in quotes.',
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Processes to render with (default: the number of CPU cores). The output "
    "is the same whatever the number.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Render every file again and compare it with the folder, ignoring what the "
    "last build recorded (the result is the same; this is slower).",
)
@reports_problems
def build(site: Path, out: Path | None, now: datetime | None, jobs: int | None, full: bool) -> None:
    """Build the public site: pages, plain texts, PDFs, feeds, search and sitemaps."""
    instant = now or datetime.now(UTC)
    target = out if out is not None else site / DEFAULT_FOLDERS["public"]
    with _collector_paused(), stopped_as_by_ctrl_c():  # systemd, cron's timeout, `kill`
        report = build_site(
            site,
            target,
            instant,
            progress=_progress,
            jobs=jobs or cores(),
            incremental=not full,
            waiting=_say,
        )
    for warning in report.warnings:  # missing translations never stop an urgent release
        click.echo(f"warning: {warning}", err=True)
    if report.what_if:
        click.echo(
            f"what-if build: {target} shows the site as it will be at {instant.isoformat()}, "
            "with the releases public by then; never copy it to the web server.",
            err=True,
        )
    news = (
        ("Published", "published", report.published),
        ("Updated", "updated", report.updated),
        ("Withdrawn", "withdrawn", report.withdrawn),
        ("No longer public", "no longer public", report.unpublished),
    )
    for what, would_be, items in news:
        if items and report.what_if:  # nothing went out: say what would, and by when
            click.echo(f"Would be {would_be} by {instant.isoformat()}: {_releases_named(items)}")
        elif items:
            click.echo(f"{what}: {_releases_named(items)}")
    if now is not None:
        _warn_if_past(now, report, target)
    if report.previews_removed:
        click.echo(
            f"Preview removed (release withdrawn or deleted): {', '.join(report.previews_removed)}"
        )
    click.echo(
        f"Built {report.releases} release{'s' if report.releases != 1 else ''} "
        f"({report.pages} pages, {report.files} files, {report.changed} changed) "
        f"into {target}"
    )


def _warn_if_past(now: datetime, report: BuildReport, target: Path) -> None:
    """A mistyped year in --now keeps the releases public since then out of the site: each
    such build says so."""
    upcoming = report.upcoming
    if upcoming and now < upcoming[0] <= datetime.now(UTC):
        click.echo(
            f"warning: --now {now.isoformat()} is earlier than the clock: releases public "
            f"since then are not in {target} (the first: {upcoming[1][0]}, public from "
            f"{upcoming[0].isoformat()}). Build without --now to publish the site as it is now.",
            err=True,
        )


NAMED = 10  # releases named in a build's news; a first build or a catalog fix has thousands


def _releases_named(items: Iterable[tuple[str, str]]) -> str:
    """`a (en, fr); b (en)`: release ids with their languages, in the order given, the
    first `NAMED` of them, then how many more."""
    languages: dict[str, list[str]] = {}
    for release_id, lang in items:
        languages.setdefault(release_id, []).append(lang)
    named = [f"{rid} ({', '.join(langs)})" for rid, langs in languages.items()]
    more = len(named) - NAMED
    if more > 0:
        named[NAMED:] = [f"and {more} more release{'s' if more != 1 else ''}"]
    return "; ".join(named)


def _say(message: str) -> None:
    click.echo(message, err=True)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A build makes hundreds of thousands of objects that live to its end and almost no
    reference cycles, so the cycle collector's passes over them are pure cost (a fifth of
    an incremental build). The command pauses it; the library leaves it alone."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cores() -> int:
    """The cores this process may run on: the default number of build workers."""
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


@main.command()
@click.argument("release_ids", metavar="ID...", nargs=-1, required=True)
@site_option()
@click.option(
    "--out",
    type=click.Path(file_okay=False, readable=False, path_type=Path),
    default=None,
    help="Where to write the previews (default: SITE/preview), each in a folder of its own.",
)
@click.option(
    "--now",
    type=Instant(),
    default=None,
    help="Judge embargoes at this instant (default: the real time).",
)
@reports_problems
def preview(
    release_ids: tuple[str, ...], site: Path, out: Path | None, now: datetime | None
) -> None:
    """A private preview of the releases named, for journalists bound by the embargo.

    Each release is built alone, in every language, with its plain text and PDF, its pages
    headed "EMBARGOED UNTIL ..." or "DRAFT", no feeds, and search engines told to stay away,
    into a folder whose name nobody can guess from the release: put the folder on a web
    server and send its address. The name stays the same when you build again.
    """
    from .preview import build_previews

    target = out if out is not None else site / DEFAULT_FOLDERS["preview"]
    with _collector_paused():
        built, retired = build_previews(
            site, target, release_ids, now or datetime.now(UTC), cores(), _say
        )
    for release_id in dict.fromkeys(retired):
        click.echo(f"Old preview removed (made before the preview secret changed): {release_id}")
    for release_id, (folder, _) in built.items():
        pages = sorted(
            p.parent.relative_to(folder.parent) for p in folder.glob(f"*/{release_id}/index.html")
        )
        shown = ", ".join(f"{page}/" for page in pages)
        click.echo(f"Preview of {release_id} written to {folder} (pages: {shown})")


@main.command()
@site_option()
@reports_problems
def check(site: Path) -> None:
    """Check every release and setting; write nothing. Exits 1 listing every problem."""
    from .check import check_site

    summary = check_site(site, cores())
    click.echo(summary)


@main.command()
@click.argument("release_id", metavar="ID")
@click.option("--lang", required=True, help="The language you write in, e.g. fr.")
@site_option()
@reports_problems
def new(release_id: str, lang: str, site: Path) -> None:
    """Start a new release: releases/ID/ with release.yaml and LANG.md, as a draft."""
    from .scaffold import scaffold_release, wall_clock

    folder = scaffold_release(site, release_id, lang, wall_clock())
    click.echo(f"Created {folder}: edit {lang}.md and release.yaml, then run `pressgen check`.")
