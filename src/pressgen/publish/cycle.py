"""One publication: build at the real time, then deploy if the public output changed.

    take the site's publish turn -> build at now -> read [publish] -> hold the output still
    -> changed since its last deploy? -> deploy -> log what became public -> record it

The output is deployed when the build changed it, when it differs from what was last
deployed from it (a failed deploy, a build made by hand, the first run), or when the deploy
command changed. Failures raise (the single run exits 1, `--watch` logs them and tries
again); nothing is recorded unless the deploy succeeded.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import click

from ..engine import BuildReport, build
from ..model import PublishSettings
from ..problems import InputError
from ..read.config import read_config
from .deploy import run_deploy
from .folder import held_still
from .record import Deployment, Public, last_deployment, publisher_turn, record_deployment

SHOWN_RELEASES = 20  # in one log line; the rest are counted


def _echo(text: str, err: bool) -> None:
    click.echo(text, err=err)


class Log:
    """Lines for operators, each stamped with the UTC time: what happens on standard output,
    what went wrong on standard error. `quiet` leaves out the lines of runs that change
    nothing, so that a cron job's mail holds only publications and failures."""

    def __init__(self, quiet: bool = False, echo: Callable[[str, bool], None] = _echo) -> None:
        self.quiet, self.echo = quiet, echo

    def info(self, text: str) -> None:
        self._line(text, err=False)

    def routine(self, text: str) -> None:
        if not self.quiet:
            self._line(text, err=False)

    def error(self, text: str) -> None:
        self._line(text, err=True)

    def _line(self, text: str, err: bool) -> None:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.echo(f"{stamp} {text}", err)


@dataclass(frozen=True)
class Outcome:
    """What one publication did: the build's report, and whether a deploy ran (and succeeded)."""

    report: BuildReport
    deployed: bool


def publish_once(
    site_dir: Path,
    out_dir: Path,
    log: Log,
    jobs: int = 1,
    built: Callable[[BuildReport], None] | None = None,
) -> Outcome:
    """Build `site_dir` into `out_dir` at the real time and deploy it if it changed.
    `built` is given the build's report before the deploy (which may fail)."""
    with publisher_turn(site_dir, log.info):
        now = datetime.now(UTC)  # never another instant: what goes out is what is public
        report = build(site_dir, out_dir, now, jobs=jobs, waiting=log.info)
        _log_build(log, report, out_dir)
        if built is not None:
            built(report)
        settings = load_publish_settings(site_dir)
        with held_still(out_dir, log.info) as fingerprint:
            last = last_deployment(site_dir, out_dir)
            if (
                report.changed == 0
                and last is not None
                and last.command == settings.deploy
                and last.fingerprint == fingerprint
            ):
                done = "deployed" if settings.deploy else "built"
                log.routine(f"nothing changed since it was last {done}")
                return Outcome(report, deployed=False)
            public = dict(report.public)
            if settings.deploy is None:
                log.info("built only: pressgen.toml has no deploy command ([publish] deploy)")
            else:
                command = settings.command(out_dir.absolute())
                log.info(f"deploying: {shlex.join(command)}")
                seconds = run_deploy(command, site_dir, out_dir, settings.timeout)
                log.info(f"deployed in {seconds:.1f} s")
            where = "" if settings.deploy else f" in {out_dir} (not copied anywhere)"
            moved = last is not None and last.command != settings.deploy
            log_publications(log, last.public if last else None, public, where, moved)
            log_updates(log, report, public, where)
            deployment = Deployment(settings.deploy, fingerprint, public, datetime.now(UTC))
            record_deployment(site_dir, out_dir, deployment)
            return Outcome(report, deployed=settings.deploy is not None)


def _log_build(log: Log, report: BuildReport, out_dir: Path) -> None:
    line = (
        f"built {report.releases} release{'s' if report.releases != 1 else ''} "
        f"({report.files} files, {report.changed} changed) into {out_dir}"
    )
    if report.changed:
        log.info(line)
        for warning in report.warnings:
            log.error(f"warning: {warning}")
    else:
        log.routine(line)
    if report.previews_removed:  # as `pressgen build` says it: the link journalists hold
        removed = ", ".join(report.previews_removed)
        log.info(f"preview removed (release withdrawn or deleted): {removed}")


def log_publications(
    log: Log, before: Public | None, after: Public, where: str = "", moved: bool = False
) -> None:
    """Say which release languages became public (`where`, if not on the server), and
    which are public no more. A deploy command that `moved` (a new server, say) had none."""
    published = _minus(after, {} if moved else before or {})
    gone = _minus(before or {}, after)
    if published:
        log.info(f"{'public' if where else 'published'}{where}: {_describe(published)}")
    if gone:
        log.info(f"no longer public{where}: {_describe(gone)}")


def log_updates(log: Log, report: BuildReport, public: Public, where: str = "") -> None:
    """Say which public release languages this build changed because their releases were
    edited (a correction, a new headline: `BuildReport.updated`)."""
    updated: dict[str, tuple[str, ...]] = {}
    for release_id, lang in report.updated:
        if lang in public.get(release_id, ()):
            updated[release_id] = (*updated.get(release_id, ()), lang)
    if updated:
        log.info(f"updated{where}: {_describe(updated)}")


def _minus(these: Public, those: Public) -> Public:
    found = {}
    for key, langs in these.items():
        left = tuple(lang for lang in langs if lang not in those.get(key, ()))
        if left:
            found[key] = left
    return found


def _describe(releases: Public) -> str:
    """'sudan-appeal (en, fr), later (en)', the first few of many, and how many more."""
    names = [f"{key} ({', '.join(langs)})" for key, langs in sorted(releases.items())]
    more = len(names) - SHOWN_RELEASES
    return ", ".join(names[:SHOWN_RELEASES]) + (f" and {more} more" if more > 0 else "")


def load_publish_settings(site_dir: Path) -> PublishSettings:
    """`[publish]` of the site's settings, read after a build that checked them."""
    config, problems = read_config(site_dir)
    if config is None:  # the file changed since the build read it
        raise InputError(problems)
    return config.publish
