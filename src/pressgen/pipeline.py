"""The build pipeline, as a table of contents: read -> assemble -> render -> write.

`build.build` runs it when anything may have changed; each stage is a module of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from . import paths
from .assemble import Edition, assemble
from .build import BuildReport, Progress
from .cache import (
    COMPILED_TEMPLATES,
    BackgroundWalk,
    BuildState,
    Cache,
    Inputs,
    ReleaseReuse,
    Signature,
    config_digest,
    decode_body,
    schedule_of,
)
from .i18n import load_languages, site_missing_translations
from .incremental import (
    Digests,
    Key,
    MessageKeys,
    Task,
    part_key,
    plan_tasks,
    release_digests,
    template_digests,
)
from .model import Release, Site
from .parallel import (
    MIN_PARALLEL_READ,
    Job,
    can_fork,
    read_releases,
    render_jobs,
    render_parts,
)
from .problems import InputError
from .read import read_site
from .read.config import read_config
from .read.release import read_release
from .render import FeedScopes, Lookups, SitePart, feed_members, feed_scopes, site_parts
from .render.environment import make_environment
from .render.views import Body, RenderContext, prepare_body
from .resources import RELEASES_DIR
from .write import MARKER, PREVIEW_MARKER, Placed, StagedOutput, check_output_folder


def render_context(site: Site, compiled: Path | None = None) -> RenderContext:
    """Templates and catalogs, loaded once for the whole build."""
    return RenderContext(
        config=site.config,
        languages=load_languages(site.config.languages, site.locales_dir),
        env=make_environment(site.templates_dir, compiled),
    )


def with_bodies(site: Site, release_ids: set[str]) -> Site:
    """The site with these releases read again from their files, Markdown bodies included.

    Only releases reused from the cache lack their bodies, and their files have not changed
    since they were read (their signatures say so), so reading them again gives the same.
    """
    releases = []
    for release in site.releases:
        if release.id in release_ids:
            fresh, problems = read_release(release.folder, site.root, site.config)
            if fresh is None or problems:
                raise InputError(problems)
            release = fresh
        releases.append(release)
    return replace(site, releases=tuple(releases))


def _read_ahead(site_dir: Path, reuse: ReleaseReuse, jobs: int) -> None:
    """Read the releases the cache cannot give across processes when there are many (a first
    build, a new version of pressgen): reading is a tenth of a cold build."""
    unread = reuse.unmatched()
    if len(unread) < MIN_PARALLEL_READ or not can_fork():
        return
    config, _ = read_config(site_dir)
    if config is None:  # the reader reports why
        return
    folders = [site_dir / RELEASES_DIR / name for name in sorted(unread)]
    for name, release, digests in read_releases(site_dir, folders, config, jobs):
        reuse.read_ahead[name] = (config, release, digests)


def run(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    cache: Cache,
    state: BuildState,
    previous: Mapping[str, Any],
    signatures: Mapping[str, Signature],
    outputs: BackgroundWalk,
    progress: Progress | None,
    preview: bool,
    jobs: int,
) -> BuildReport:
    """Build into `out_dir`, keeping what `state` (the last build's record) shows unchanged."""
    marker = PREVIEW_MARKER if preview else MARKER
    reuse = ReleaseReuse(previous, config_digest(site_dir), signatures)
    if jobs > 1:
        _read_ahead(site_dir, reuse, jobs)
    site = read_site(site_dir, reuse)
    check_output_folder(out_dir, site_dir, marker)
    edition = assemble(site, now, preview=preview)
    ctx = render_context(site, cache.subfolder(COMPILED_TEMPLATES))
    inputs = Inputs.of(site)
    digests = {r.id: reuse.digests.get(r.id) or release_digests(r) for r in site.releases}
    templates = template_digests(ctx.env, inputs.html)
    messages = MessageKeys(ctx.languages, inputs.catalogs)
    tasks = plan_tasks(edition, inputs, templates, ctx.languages, digests, state.lookups, messages)
    converted = cache.body_keys()
    unconverted = {t.release_id for t in tasks if t.body_key not in converted}
    if unconverted & reuse.without_bodies:
        site = with_bodies(site, unconverted & reuse.without_bodies)
        edition = assemble(site, now, preview=preview)
    present = dict(outputs.result()) if state.inputs else {}
    present.pop(marker, None)
    # everything there now that this build does not write again goes, foreign files too
    written = {*state.outputs, *present} if state.inputs is not None else None
    with StagedOutput(out_dir, marker, written) as staged:
        writer = _Writer(staged, state, present)
        scopes = list(feed_scopes(edition))
        bodies = _render_releases(
            tasks, edition, ctx, cache, writer, jobs, progress, scopes, messages
        )
        _render_site_parts(
            edition, ctx, tasks, bodies, inputs, templates, digests, writer, cache, jobs, scopes
        )
        changed = staged.commit()
    warnings = tuple(str(problem) for problem in site_missing_translations(site))
    new_state = BuildState(
        out=str(out_dir),
        preview=preview,
        config=reuse.config,
        inputs=inputs,
        outputs=writer.records,
        parts=writer.parts,
        schedule={r.id: schedule_of(r) for r in site.releases},
        public=frozenset(r.id for r in site.releases if r.is_public(now)),
        signatures=reuse.signatures,
        summaries=writer.summaries,
        warnings=warnings,
        lookups=writer.all_lookups(),
    )
    fresh = {  # read from their files by this build: the others are in the cache as they are
        r.folder.name: (reuse.signatures[r.folder.name], reuse.config, r, digests[r.id])
        for r in site.releases
        if r.id not in reuse.without_bodies
    }
    folders = [r.folder.name for r in site.releases]
    cache.save(new_state, fresh, folders, converted - {t.body_key for t in tasks})
    pages = sum(1 for path in staged.paths if path.endswith(".html"))
    return BuildReport(
        len(edition.releases), pages, len(staged.paths), changed, writer.rendered, warnings
    )


class _Writer:
    """Puts each output in the staged tree, kept from the last build or freshly rendered."""

    def __init__(
        self, staged: StagedOutput, state: BuildState, present: dict[str, tuple[int, int]]
    ) -> None:
        self.staged = staged
        self.state = state
        self.present = present  # size and mtime of each file in the output before this build
        self.records: dict[str, tuple[Key | str, int, int]] = {}  # key, size, mtime
        self.parts: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.rendered = 0
        self.summaries: dict[str, str] = {}  # by body key, for indexes without their bodies
        self.lookups: dict[str, Lookups] = {}  # of the release files rendered now
        # one object per set of lookups, and per lookup: the state pickles each once
        self.shared: dict[Any, Any] = {}

    def _share(self, lookups: Lookups) -> Lookups:
        found = self.shared.get(lookups)
        if found is None:
            found = frozenset(self.shared.setdefault(one, one) for one in lookups)
            self.shared[found] = found
        return found  # type: ignore[no-any-return]

    def record_lookups(self, path: str, lookups: Lookups) -> bool:
        """Note the lookups a file made; whether they differ from its last render's."""
        self.lookups[path] = self._share(lookups)
        return self.state.lookups.get(path) != lookups

    def all_lookups(self) -> dict[str, Lookups]:
        """Those of every release file this build wrote, kept ones as the last build saw."""
        now, before = self.lookups, self.state.lookups
        # keyed by the records' own path strings, which the state then pickles once
        return {
            path: now[path] if path in now else before[path]
            for path in self.records
            if path in now or path in before
        }

    def can_keep(self, path: str, key: Key | str) -> bool:
        """Whether the last build wrote `path` from `key` and it is still as written."""
        record = self.state.outputs.get(path)
        return record is not None and record[0] == key and self.present.get(path) == record[1:]

    def keep(self, path: str, key: Key | str) -> bool:
        if not self.staged.keep(path):
            return False
        self.records[path] = self.state.outputs[path]
        return True

    def keep_unchanged(self, outputs: Mapping[str, Key]) -> list[str]:
        """Keep each of these files (path -> key) that can be kept; return the others.

        `can_keep` and `keep` in one loop: it runs for every output of the site."""
        previous, present, records = self.state.outputs, self.present, self.records
        stale, kept = [], []
        for path, key in outputs.items():
            record = previous.get(path)
            if record is not None and record[0] == key and present.get(path) == record[1:]:
                kept.append(path)
            else:
                stale.append(path)
        gone = self.staged.keep_all(kept)
        for path in kept:
            records[path] = previous[path]
        for path in gone:
            del records[path]
        return stale + gone

    def record(self, placed: Placed, key: Key | str) -> None:
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
    scopes: FeedScopes,
    messages: MessageKeys,
) -> dict[tuple[str, str], Body]:
    """Keep what is unchanged, render the rest (in parallel when asked).

    Returns the bodies converted now that feeds will show; every other body goes to the
    cache as it comes, so that memory does not grow with the size of the archive.
    """
    todo: list[Job] = []
    keys: dict[tuple[str, str], Task] = {}
    for task in tasks:
        keys[task.release_id, task.lang] = task
        stale = writer.keep_unchanged(task.outputs)
        if stale:
            todo.append((task.release_id, task.lang, task.body_key, frozenset(stale)))
    in_feeds = feed_members(scopes, ctx.config.feed_length)
    fresh: dict[str, bytes] = {}
    bodies: dict[tuple[str, str], Body] = {}
    placement = writer.staged.placement
    for release_id, lang, body, summary, placed, lookups in render_jobs(
        todo, edition, ctx, placement, cache, jobs, progress
    ):
        task = keys[release_id, lang]
        for item in placed:
            path = item.relative
            key = task.outputs[path]
            if writer.record_lookups(path, lookups[path]):  # keyed by what it asked now
                key = task.keyed(path, messages.of(lang, lookups[path]))
            writer.record(item, key)
        writer.rendered += 1
        writer.summaries[task.body_key] = summary
        if body is not None:  # converted now: cached for the next builds
            fresh[task.body_key] = body
            if (release_id, lang) in in_feeds:
                bodies[release_id, lang] = decode_body(body)
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
    templates: Mapping[str, str],
    digests: dict[str, Digests],
    writer: _Writer,
    cache: Cache,
    jobs: int,
    scopes: FeedScopes,
) -> None:
    """Indexes, feeds, sitemap and the rest: re-rendered only when a member or input changed
    (across processes when several must be)."""
    by_task = {(t.release_id, t.lang): t for t in tasks}
    # What indexes and feeds show of a member (its text, labels, dates, image) is all in
    # the key its ninjs was written with; their own templates are added by `part_key`.
    member_keys = {
        k: writer.records[paths.release_ninjs(t.lang, t.release_id)][0] for k, t in by_task.items()
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

    # An index shows of each member its labels and dates (meta), title and summary; the
    # index's key hashes them all at once (one digest per member cost more than the rest).
    index_keys = {
        (r.id, lang): (
            digests[r.id].meta,
            r.translations[lang].title,
            summary(r, lang),
            str(edition.preview and r.is_public(edition.now)),
        )
        for r in edition.releases
        for lang in edition.alternates(r)
    }
    todo: list[tuple[SitePart, str]] = []
    for part in site_parts(edition, ctx, body, summary, scopes):
        keys = index_keys if part.name.startswith("index:") else member_keys
        key = part_key(part.name, part.members, keys, inputs, templates, edition, digests)
        previous = writer.state.parts.get(part.name)
        if (
            previous
            and previous[0] == key
            and all(writer.can_keep(p, key) and writer.keep(p, key) for p in previous[1])
        ):
            writer.parts[part.name] = previous
            continue
        todo.append((part, key))
    for part, _ in todo:  # loaded here: worker processes must not share this cache's database
        if part.shows_bodies:
            for release_id, lang in part.members:
                body(edition.by_id[release_id], lang)
    staged = render_parts([part.render for part, _ in todo], writer.staged.placement, jobs)
    for (part, key), placed in zip(todo, staged, strict=True):
        for item in placed:
            writer.record(item, key)
        writer.parts[part.name] = (key, tuple(item.relative for item in placed))
