"""The `pressgen publish` command: one publication, or `--watch` for every one to come."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from ..cli import cores, reports_problems
from ..engine.places import DEFAULT_FOLDERS
from ..params import site_option
from ..watching import stopped_as_by_ctrl_c, watchfiles_module
from .cycle import Log, load_publish_settings, publish_once
from .watch import Watcher


@click.command()
@site_option(must_exist=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, readable=False, path_type=Path),
    default=None,
    help="The public output to build and deploy (default: SITE/public).",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: publish at the instant each embargo or date passes, and after "
    "every save. Stop it with Ctrl-C (or SIGTERM).",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing when nothing changed (for cron).")
def publish(site: Path, out: Path | None, watch: bool, quiet: bool) -> None:
    """Build the public site at the real time and, if it changed, deploy it.

    The deploy command is `[publish] deploy` in pressgen.toml, run in the site folder with
    the output folder in PRESSGEN_OUTPUT (or written {output} in the command). Without it,
    publish only builds. The output is deployed when the build changed it, or when it
    differs from what was last deployed (after a failed deploy, the next run tries again).
    A folder holding a preview or a what-if build is never deployed. Each line of the log
    starts with the UTC time.
    """
    target = out if out is not None else site / DEFAULT_FOLDERS["public"]
    log = Log(quiet)
    if not watch:
        reports_problems(publish_once)(site, target, log, cores())
        return
    watchfiles_module("pressgen publish --watch")  # fail now, not in the background
    _watch(site, target, log)


def _watch(site: Path, target: Path, log: Log) -> None:
    """Publish until stopped; SIGTERM (systemd's stop) ends it as Ctrl-C does, stopping a
    deploy under way."""
    try:
        with stopped_as_by_ctrl_c():
            log.info(
                f"watching {site.absolute()}: publishing into {target.absolute()}, "
                f"{_deploying(site, target.absolute())}"
            )
            Watcher(site, target, log, jobs=cores()).run()
    except KeyboardInterrupt:
        log.info("stopped")


def _deploying(site: Path, out: Path) -> str:
    """The deploy command as it will run (the output folder written in), or why none."""
    try:
        settings = load_publish_settings(site)
    except Exception:  # said by the first publication, with the rest
        return "deploying as pressgen.toml says"
    if settings.deploy is None:
        return "building only (no [publish] deploy in pressgen.toml)"
    return f"deploying with: {shlex.join(settings.command(out))}"
