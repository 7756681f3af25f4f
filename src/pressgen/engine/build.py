"""`pressgen build`, as a table of contents: the pipeline with one thin memo around it.

    lock the output folder -> digest the inputs -> nothing changed? answer at once
    -> read (each release folder memoised) -> assemble -> plan every output with its key
    -> render what changed (in a pool) -> write it -> remove what is gone -> record

The result is byte for byte what a build without any cache gives; `incremental=False`
renders every file again and compares it with the folder (releases as read and bodies as
converted still come from the cache, under keys that hold all they depend on).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import plain
from ..scratch import sweep
from .cache import Cache, Record, State, memo_kind
from .inputs import Inputs, library_versions, scan_inputs, seal
from .news import EPOCH, Before, ReleaseLanguage, last_build, news, recorded_publics
from .output import OutputFolder, Present, folders_of
from .places import check_folders, held_above, retire_previews

if TYPE_CHECKING:
    from ..assemble import Edition
    from ..model import Release, Site
    from ..problems import Problem
    from ..read import LeaveOut
    from .execute import Progress


@dataclass(frozen=True)
class BuildReport:
    releases: int
    pages: int
    files: int
    changed: int
    rendered: int = 0
    warnings: tuple[str, ...] = ()  # what the files ask to fix, shown, never fatal
    what_if: bool = False  # built at an instant later than the clock: never to be published
    published: tuple[ReleaseLanguage, ...] = ()  # pages this build put online
    updated: tuple[ReleaseLanguage, ...] = ()  # pages whose bytes changed
    withdrawn: tuple[ReleaseLanguage, ...] = ()  # pages now saying the release was withdrawn
    # pages gone without a notice: put back to draft, dated later, deleted
    unpublished: tuple[ReleaseLanguage, ...] = ()
    # each release public at the build's instant, with its languages (what went out)
    public: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # the next instant at which a release becomes public, and those releases (a watcher
    # sleeps until then without reading the site again)
    upcoming: tuple[datetime, tuple[str, ...]] | None = None
    previews_removed: tuple[str, ...] = ()  # of releases withdrawn or deleted


BuildKind = Literal["public", "what-if", "preview"]


@dataclass(frozen=True)
class Request:
    """What a build is asked for. `kind` is "public", "what-if" (a public build at an
    instant later than the clock) or "preview"; a preview may show `only` some releases."""

    site: Path
    out: Path
    now: datetime
    kind: BuildKind
    only: frozenset[str] | None
    jobs: int
    progress: Progress | None
    clock: datetime  # the real time


def build(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    progress: Progress | None = None,
    *,
    preview: bool = False,
    only: Collection[str] | None = None,
    jobs: int = 1,
    incremental: bool = True,
    waiting: Callable[[str], None] | None = None,
    clock: datetime | None = None,
    held: bool = False,
) -> BuildReport:
    """Build the site at `site_dir` as public at `now` into `out_dir`.

    With `preview`, drafts, scheduled and embargoed releases are included (or `only` those
    named), each page under a banner, into a folder that can never become the public
    output. A public build at an instant later than `clock` (the real time) is a what-if
    build, which never writes into a folder a real build made. `waiting` is told when
    another build holds the folder (this one then waits for it). `held`: the caller holds
    the folders above `out_dir` (`places.previews_folder`, for a preview's own folder).
    """
    real = clock or datetime.now(UTC)
    kind: BuildKind = "preview" if preview else "what-if" if now > real else "public"
    chosen = frozenset(only) if only is not None else None
    request = Request(
        site_dir.absolute(), out_dir.absolute(), now, kind, chosen, jobs, progress, real
    )
    check_folders(request.site, request.out, kind)
    with Cache(request.site) as cache:
        known = partial(_written_here, cache, request.out, memo_kind(request.kind, request.only))
        with (
            contextlib.nullcontext() if held else held_above(request.out, waiting),
            OutputFolder(request.out, kind, waiting, known) as folder,
        ):
            check_folders(request.site, request.out, kind)  # again: none around can start now
            return _build(request, folder, cache, incremental)


def _build(request: Request, folder: OutputFolder, cache: Cache, incremental: bool) -> BuildReport:
    what_if = request.kind == "what-if"
    remembered = memo_kind(request.kind, request.only)
    recorded = cache.state(request.out, remembered)  # what the last build says: its news
    state = recorded if incremental else None
    inputs = scan_inputs(request.site, state.inputs if state else {})
    sweep()  # what killed builds and serves left in the scratch places, even if nothing changed
    if state is not None and _nothing_changed(state, inputs, folder, request.now):
        try:
            report = _report(state.report, changed=0, what_if=what_if)
        except (KeyError, TypeError, ValueError, IndexError):  # written by hand: render
            report = None
        if report is not None:
            if inputs != state.inputs:  # signatures only: trusted from now on
                cache.save_state(request.out, remembered, replace(state, inputs=inputs))
            return report
    records = cache.outputs(request.out, remembered) if recorded else None
    before = last_build(recorded, set(folder.present), records or {}, state is not None, inputs)
    report, new, written = _run(request, folder, cache, before, inputs)
    cache.save_state(request.out, remembered, new, written, records)
    return report


def _written_here(cache: Cache, out: Path, remembered: str, present: Present) -> bool:
    """Whether a file found in `out` is one the last such build wrote there (same size,
    times and inode): the folder is the engine's own, though its mark was deleted."""
    records = cache.outputs(out, remembered)
    return any(present.get(path) == record[1] for path, record in records.items())


def _nothing_changed(state: State, inputs: Inputs, folder: OutputFolder, now: datetime) -> bool:
    start, end = state.window
    instant = microseconds(now)
    return (
        (start is None or start <= instant)
        and (end is None or instant < end)
        and state.libraries == library_versions()
        and {k: f.digest for k, f in inputs.items()}
        == {k: f.digest for k, f in state.inputs.items()}
        and folder.seal() == state.seal
    )


def _run(
    request: Request, folder: OutputFolder, cache: Cache, before: Before, inputs: Inputs
) -> tuple[BuildReport, State, dict[str, Record]]:
    # Imported here: a build with nothing to do never loads Jinja, Markdown, Babel, feedgen.
    from ..assemble import assemble
    from ..read import read_site
    from ..read.copies import copied_releases
    from ..render.outputs import plan
    from ..render.template_errors import refuse_template_mistakes
    from ..render.views import render_context
    from . import memo, releases
    from .execute import Bodies
    from .keys import Keys

    libraries = library_versions()
    reader = releases.ReleaseMemo(inputs, libraries, cache, request.jobs)
    site = read_site(request.site, reader, may_leave_out=_may_leave_out(request))
    reader.save()
    edition = assemble(site, request.now, preview=request.kind == "preview", only=request.only)
    ctx = replace(render_context(site), preview=edition.preview)
    refuse_template_mistakes(ctx.env)  # those Jinja finds, before anything is written
    keys = Keys(inputs, libraries, ctx.env, edition)
    bodies = Bodies(site, ctx, keys.body, cache, keys.hidden)
    written, rendered, changed = memo.render_and_write(
        plan(edition, keys),
        before.records if before.reuse else {},  # else all is rendered again
        folder,
        bodies,
        memo.shown_in_feeds(edition, keys),
        request.jobs,
        request.progress,
    )
    changed |= set(folder.remove_all_but(written))
    memo.forget_unused(reader, keys, site.releases)
    cache.forget_gone_folders()
    taken = _taken_back(request, site, before, cache)
    copies = copied_releases(site.releases, reader.files, site.root)
    summary = _summary(edition, site, written, [*copies, *taken])
    report = _report(
        summary,
        changed=len(changed),
        rendered=rendered,
        what_if=request.kind == "what-if",
        previews_removed=_retire_previews(folder, cache, site, reader.files),
        **news(edition, before, written, changed, _what_if_since(request)),
    )
    report = _added_undated(report, site, edition, before, request.now)
    window = _window(site.releases, request.now)
    sealed = _seal_of(written, folder)
    return report, State(inputs, libraries, sealed, window, summary), written


def _added_undated(
    report: BuildReport, site: Site, edition: Edition, before: Before, now: datetime
) -> BuildReport:
    """The report, warning of each translation this build put online of a release public
    before in other languages whose file does not say when it went out (`published:`): said
    once, at this build, not again by a build with nothing to do (the warnings it repeats are
    the summary's)."""
    from ..read.clock import undated_translations

    earlier = {release_id for release_id, _ in before.public or ()}
    late = [
        (edition.by_id[release_id], lang)
        for release_id, lang in report.published
        if release_id in earlier and lang not in edition.by_id[release_id].added
    ]
    warned = map(str, undated_translations(site, late, now))
    return replace(report, warnings=(*report.warnings, *warned))


def _taken_back(request: Request, site: Site, before: Before, cache: Cache) -> list[Problem]:
    """Public releases dated later (`read.clock.taken_back`): against what a public build's
    folder had; for `serve` and previews, against what the site's public builds had."""
    from ..read.clock import taken_back

    if request.kind == "what-if":
        return []
    recorded = [(before.public, before.public_since)] if before.public else []
    return taken_back(
        site, request.now, recorded if request.kind == "public" else recorded_publics(cache)
    )


def _retire_previews(
    folder: OutputFolder, cache: Cache, site: Site, folders: Collection[str]
) -> tuple[str, ...]:
    """After a public build, the previews of releases withdrawn or deleted, removed (see
    `places`). A release folder that does not read well is still there (in `folders`): only
    its absence counts as deleted."""
    if folder.kind != "public":
        return ()
    withdrawn = {r.id for r in site.releases if r.status == "withdrawn"}
    gone = retire_previews(cache, lambda i: i in withdrawn or i not in folders, folder.waiting)
    return tuple(dict.fromkeys(gone))


def _may_leave_out(request: Request) -> LeaveOut:
    """Which releases that do not read well a build leaves out (see `read.read_site`): a
    preview of some releases, the others; any other build, drafts (a preview of every
    release too: a colleague's half-written draft does not hold back the author's)."""
    from ..read import drafts_left_out, not_previewed

    return drafts_left_out if request.only is None else not_previewed(request.only)


def _summary(
    edition: Edition, site: Site, written: Mapping[str, Record], more: list[Problem]
) -> dict[str, Any]:
    """What the report of a build with nothing to do says again (as JSON holds it): it
    holds as long as the same releases are public (the state's window)."""
    from ..assemble import next_public
    from ..catalog_gaps import site_missing_translations
    from ..page_weight import heavy_pages
    from ..read.clock import dates_to_come

    now = edition.now
    public = [[r.id, edition.alternates(r)] for r in edition.releases if r.is_public(now)]
    # the instant as `plain` writes it: with its zone's name, so a log says "10:00 CET"
    first = next_public(site.releases, now)
    upcoming = first and [plain.dumps(first[0]), list(first[1])]
    return {
        "releases": len(edition.releases),
        "pages": sum(1 for path in written if path.endswith(".html")),
        "files": len(written),
        "warnings": tuple(
            map(
                str,
                site_missing_translations(site)
                + dates_to_come(site, now)
                + heavy_pages(site, {path: record[1][0] for path, record in written.items()})
                + more,
            )
        ),
        "public": sorted(public),
        "upcoming": upcoming,
    }


def _report(summary: Mapping[str, Any], **news: Any) -> BuildReport:
    """The report of a build from its summary, as `_summary` made it or JSON gave it back."""
    upcoming = summary["upcoming"]
    return BuildReport(
        releases=summary["releases"],
        pages=summary["pages"],
        files=summary["files"],
        warnings=tuple(summary["warnings"]),
        public=tuple((str(i), tuple(langs)) for i, langs in summary["public"]),
        upcoming=upcoming and (plain.loads(datetime, upcoming[0]), tuple(upcoming[1])),
        **news,
    )


def _seal_of(written: Mapping[str, Record], folder: OutputFolder) -> str:
    """The seal the folder has once it holds just the files written and its mark (see
    `inputs.seal`)."""
    files = {path: signature for path, (_, signature) in written.items()}
    mark = folder.present.get(folder.marker)
    if mark is not None:  # written first of all (`OutputFolder.claim`)
        files[folder.marker] = mark
    return seal(files, folders_of(files))


def _what_if_since(request: Request) -> datetime | None:
    return request.clock if request.kind == "what-if" else None


def microseconds(instant: datetime) -> int:
    return (instant - EPOCH) // timedelta(microseconds=1)


def _window(releases: Iterable[Release], now: datetime) -> tuple[int | None, int | None]:
    """The instants between which the same releases are public (or withdrawn after they
    were) as at `now`, and the same dates lie ahead (a correction, a withdrawal, of which
    the report warns): the last such instant before it and the next after it."""
    releases = list(releases)
    instants = [microseconds(r.scheduled_from) for r in releases if r.status != "draft"]
    instants += [microseconds(c.date) for r in releases for c in r.corrections]
    instants += [microseconds(r.withdrawn) for r in releases if r.withdrawn is not None]
    instant = microseconds(now)
    before = [i for i in instants if i <= instant]
    after = [i for i in instants if i > instant]
    return (max(before) if before else None, min(after) if after else None)
