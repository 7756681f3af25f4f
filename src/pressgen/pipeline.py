"""`pressgen build`, as a table of contents: read -> assemble -> render -> write.

Incremental by default: outputs whose inputs did not change since the last build into the same
folder are kept as they are (see `incremental` and `cache`); the result is byte for byte what a
full build gives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from . import paths
from .assemble import Edition, assemble
from .cache import (
    BuildState,
    Cache,
    Inputs,
    ReleaseReuse,
    config_digest,
    digest,
    folder_signature,
    output_signatures,
)
from .i18n import load_languages
from .incremental import Digests, Task, part_key, plan_tasks, release_digests
from .model import Release, Site
from .parallel import Job, render_jobs
from .read import RELEASES_DIR, read_site
from .render import feed_members, site_parts
from .render.environment import make_environment
from .render.views import Body, RenderContext, prepare_body
from .write import MARKER, PREVIEW_MARKER, Placed, StagedOutput, check_output_folder

Progress = Callable[[Iterable[Job]], Iterable[Job]]


@dataclass(frozen=True)
class BuildReport:
    releases: int
    pages: int
    files: int
    changed: int
    rendered: int = 0


def render_context(site: Site) -> RenderContext:
    """Templates and catalogs, loaded once for the whole build."""
    return RenderContext(
        config=site.config,
        languages=load_languages(site.config.languages, site.locales_dir),
        env=make_environment(site.templates_dir),
    )


def build(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    progress: Progress | None = None,
    *,
    preview: bool = False,
    jobs: int = 1,
    incremental: bool = True,
) -> BuildReport:
    """Build the site at `site_dir` as public at `now` into `out_dir`, atomically.

    With `preview`, drafts, scheduled and embargoed releases are included, each page under a
    banner, and the folder is marked so that it can never become the public output.
    """
    site_dir, out_dir = site_dir.absolute(), out_dir.absolute()
    marker = PREVIEW_MARKER if preview else MARKER
    cache = Cache(site_dir)
    try:
        state = cache.load_state(out_dir, preview) if incremental else BuildState()
        unchanged = _nothing_changed(state, site_dir, out_dir, marker, now)
        if unchanged is not None:
            return unchanged
        reuse = ReleaseReuse(cache.load_models() if incremental else {}, config_digest(site_dir))
        site = read_site(site_dir, reuse)
        check_output_folder(out_dir, site_dir, marker)
        edition = assemble(site, now, preview=preview)
        ctx = render_context(site)
        inputs = Inputs.of(site)
        digests = {r.id: reuse.digests.get(r.id) or release_digests(r) for r in site.releases}
        tasks = plan_tasks(edition, inputs, ctx.languages, digests)
        present = output_signatures(out_dir) if state.inputs and out_dir.is_dir() else {}
        present.pop(marker, None)
        # everything there now that this build does not write again goes, foreign files too
        previous = {*state.outputs, *present} if state.inputs is not None else None
        with StagedOutput(out_dir, marker, previous) as staged:
            writer = _Writer(staged, state, present)
            bodies = _render_releases(tasks, edition, ctx, cache, writer, jobs, progress)
            _render_site_parts(edition, ctx, tasks, bodies, inputs, digests, writer, cache)
            changed = staged.commit()
        new_state = BuildState(
            out=str(out_dir),
            preview=preview,
            config=reuse.config,
            inputs=inputs,
            outputs=writer.records,
            parts=writer.parts,
            schedule={r.id: (r.status, r.date, r.embargo) for r in site.releases},
            public=frozenset(r.id for r in site.releases if r.is_public(now)),
            signatures=reuse.signatures,
            summaries=writer.summaries,
        )
        models = {
            r.folder.name: (reuse.signatures[r.folder.name], reuse.config, r, digests[r.id])
            for r in site.releases
        }
        cache.save(new_state, models, {t.body_key for t in tasks})
    finally:
        cache.close()
    pages = sum(1 for path in staged.paths if path.endswith(".html"))
    return BuildReport(len(edition.releases), pages, len(staged.paths), changed, writer.rendered)


def _nothing_changed(
    state: BuildState, site_dir: Path, out_dir: Path, marker: str, now: datetime
) -> BuildReport | None:
    """The report of a build that would change nothing, or None if anything may have changed."""
    if state.inputs is None or not (out_dir / marker).is_file():
        return None
    if state.public_at(now) != state.public or config_digest(site_dir) != state.config:
        return None
    releases = site_dir / RELEASES_DIR
    folders = sorted(
        (p for p in releases.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    if [p.name for p in folders] != sorted(state.signatures) or any(
        folder_signature(p) != state.signatures[p.name] for p in folders
    ):
        return None
    if Inputs.of_folder(site_dir, state.inputs.catalogs) != state.inputs:
        return None
    present = output_signatures(out_dir)
    present.pop(marker, None)
    # a file added, removed or changed by hand in the output: the next build puts it right
    if present != {path: record[1:] for path, record in state.outputs.items()}:
        return None
    pages = sum(1 for path in state.outputs if path.endswith(".html"))
    return BuildReport(len(state.public), pages, len(state.outputs), 0, 0)


class _Writer:
    """Puts each output in the staged tree, kept from the last build or freshly rendered."""

    def __init__(
        self, staged: StagedOutput, state: BuildState, present: dict[str, tuple[int, int]]
    ) -> None:
        self.staged = staged
        self.state = state
        self.present = present  # size and mtime of each file in the output before this build
        self.records: dict[str, tuple[str, int, int]] = {}
        self.parts: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.rendered = 0
        self.summaries: dict[str, str] = {}  # by body key, for indexes without their bodies

    def can_keep(self, path: str, key: str) -> bool:
        """Whether the last build wrote `path` from `key` and it is still as written."""
        record = self.state.outputs.get(path)
        return record is not None and record[0] == key and self.present.get(path) == record[1:]

    def keep(self, path: str, key: str) -> bool:
        if not self.staged.keep(path):
            return False
        self.records[path] = self.state.outputs[path]
        return True

    def add(self, path: str, key: str, data: bytes) -> None:
        self.record(self.staged.add(path, data), key, registered=True)

    def record(self, placed: Placed, key: str, registered: bool = False) -> None:
        if not registered:
            self.staged.register(placed)
        self.records[placed.relative] = (key, placed.size, placed.mtime_ns)


def _render_releases(
    tasks: list[Task],
    edition: Edition,
    ctx: RenderContext,
    cache: Cache,
    writer: _Writer,
    jobs: int,
    progress: Progress | None,
) -> dict[tuple[str, str], Body]:
    """Keep what is unchanged, render the rest (in parallel when asked).

    Returns the bodies converted now that feeds will show; every other body goes to the
    cache as it comes, so that memory does not grow with the size of the archive.
    """
    todo: list[Job] = []
    keys: dict[tuple[str, str], Task] = {}
    for task in tasks:
        keys[task.release_id, task.lang] = task
        stale = {p for p, k in task.outputs.items() if not writer.can_keep(p, k)}
        for path in sorted(set(task.outputs) - stale):
            if not writer.keep(path, task.outputs[path]):
                stale.add(path)
        if stale:
            todo.append((task.release_id, task.lang, task.body_key, frozenset(stale)))
    in_feeds = feed_members(edition, ctx.config.feed_length)
    fresh: dict[str, Body] = {}
    bodies: dict[tuple[str, str], Body] = {}
    placement = writer.staged.placement
    for release_id, lang, body, summary, placed in render_jobs(
        todo, edition, ctx, placement, cache, jobs, progress
    ):
        task = keys[release_id, lang]
        for item in placed:
            writer.record(item, task.outputs[item.relative])
        writer.rendered += 1
        writer.summaries[task.body_key] = summary
        if body is not None:  # converted now: cached for the next builds
            fresh[task.body_key] = body
            if (release_id, lang) in in_feeds:
                bodies[release_id, lang] = body
        if len(fresh) >= SAVE_BATCH:
            cache.save_bodies(fresh)
            fresh.clear()
    cache.save_bodies(fresh)
    return bodies


SAVE_BATCH = 500


def _render_site_parts(
    edition: Edition,
    ctx: RenderContext,
    tasks: list[Task],
    bodies: dict[tuple[str, str], Body],
    inputs: Inputs,
    digests: dict[str, Digests],
    writer: _Writer,
    cache: Cache,
) -> None:
    """Indexes, feeds, sitemap and the rest: re-rendered only when a member or input changed."""
    by_task = {(t.release_id, t.lang): t for t in tasks}
    # What indexes and feeds show of a member (its text, labels, dates, image) is all in
    # its ninjs key; their own templates are added by `part_key`.
    member_keys = {
        k: t.outputs[paths.release_ninjs(t.lang, t.release_id)] for k, t in by_task.items()
    }

    def body(release: Release, lang: str) -> Body:
        """A body rendered in this build, converted by an earlier one, or converted now."""
        found = bodies.get((release.id, lang))
        if found is None:
            found = cache.body(by_task[release.id, lang].body_key)
            if not isinstance(found, Body):
                found = prepare_body(release.translations[lang], ctx.languages[lang], release)
            bodies[release.id, lang] = found
        return found

    def summary(release: Release, lang: str) -> str:
        key = by_task[release.id, lang].body_key
        found = writer.summaries.get(key) or writer.state.summaries.get(key)
        if found is None:
            found = body(release, lang).summary
        writer.summaries[key] = found
        return found

    # An index shows of each member its labels and dates (meta), title and summary.
    index_keys = {
        (r.id, lang): digest(
            digests[r.id].meta,
            r.translations[lang].title,
            summary(r, lang),
            edition.preview and r.is_public(edition.now),
        )
        for r in edition.releases
        for lang in edition.alternates(r)
    }
    for part in site_parts(edition, ctx, body, summary):
        keys = index_keys if part.name.startswith("index:") else member_keys
        key = part_key(part.name, part.members, keys, inputs, edition, digests)
        previous = writer.state.parts.get(part.name)
        if (
            previous
            and previous[0] == key
            and all(writer.can_keep(p, key) and writer.keep(p, key) for p in previous[1])
        ):
            writer.parts[part.name] = previous
            continue
        files = part.render()
        for path, data in sorted(files.items()):
            writer.add(path, key, data)
        writer.parts[part.name] = (key, tuple(sorted(files)))
