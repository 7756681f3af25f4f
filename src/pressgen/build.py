"""`pressgen build`, as a table of contents: read -> assemble -> render -> write."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .assemble import Edition, assemble
from .i18n import load_languages
from .model import Site
from .read import read_site
from .render import render_release, site_parts
from .render.environment import make_environment
from .render.views import Body, RenderContext
from .write import MARKER, PREVIEW_MARKER, check_output_folder, write_output

Progress = Callable[[Iterable[tuple[str, str]]], Iterable[tuple[str, str]]]


@dataclass(frozen=True)
class BuildReport:
    releases: int
    pages: int
    files: int
    changed: int


class DuplicatePathError(Exception):
    """Two renderers claimed the same output path: a bug, never silently overwritten."""


def render_context(site: Site) -> RenderContext:
    """Templates and catalogs, loaded once for the whole build."""
    return RenderContext(
        config=site.config,
        languages=load_languages(site.config.languages, site.locales_dir),
        env=make_environment(site.templates_dir),
    )


def render_all(
    edition: Edition, ctx: RenderContext, progress: Progress | None = None
) -> dict[str, bytes]:
    """Every output file of the edition, each path produced exactly once."""
    tasks = [(r.id, lang) for r in edition.releases for lang in edition.alternates(r)]
    files: dict[str, bytes] = {}
    bodies: dict[tuple[str, str], Body] = {}
    for release_id, lang in progress(tasks) if progress else tasks:
        output = render_release(release_id, lang, edition, ctx)
        _merge(files, output.files)
        bodies[release_id, lang] = output.body
    for part in site_parts(edition, ctx, lambda release, lang: bodies[release.id, lang]):
        _merge(files, part.render())
    return files


def _merge(files: dict[str, bytes], new: dict[str, bytes]) -> None:
    clash = files.keys() & new.keys()
    if clash:
        raise DuplicatePathError(f"two outputs claim {sorted(clash)[0]}")
    files.update(new)


def build(
    site_dir: Path,
    out_dir: Path,
    now: datetime,
    progress: Progress | None = None,
    *,
    preview: bool = False,
) -> BuildReport:
    """Build the site at `site_dir` as public at `now` into `out_dir`, atomically.

    With `preview`, drafts, scheduled and embargoed releases are included, each page under a
    banner, and the folder is marked so that it can never become the public output.
    """
    site = read_site(site_dir)
    marker = PREVIEW_MARKER if preview else MARKER
    check_output_folder(out_dir, site_dir, marker)
    edition = assemble(site, now, preview=preview)
    files = render_all(edition, render_context(site), progress)
    changed = write_output(files, out_dir, marker)
    pages = sum(1 for path in files if path.endswith(".html"))
    return BuildReport(len(edition.releases), pages, len(files), changed)
