"""`pressgen check`: everything `build` would read, validated, nothing written."""

from __future__ import annotations

from collections.abc import Callable, Set
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from . import resources
from .assemble import assemble
from .catalog_gaps import site_missing_translations
from .engine.cache import Cache
from .engine.news import recorded_publics
from .engine.releases import read_site_remembered
from .mail.held import held_otherwise
from .mail.lists import check_lists
from .model import Release, Site
from .problems import InputError, Problem
from .read.clock import dates_to_come, taken_back
from .read.copies import copied_releases
from .render.template_errors import TemplateMistake

if TYPE_CHECKING:
    from .assemble import Edition
    from .render.views import ConvertedBodies, RenderContext


def check_site(site_dir: Path, jobs: int = 1) -> str:
    """A one-line summary of a site with nothing to fix; raises InputError listing every
    problem: errors (a build refuses them) and warnings (a build shows them and publishes),
    those of the releases that read well beside those that did not. (A problem outside
    the releases, in settings, catalogs or assets, stops the check where it is.)
    Releases a build has read and that have not changed since are taken from its cache.
    """
    site, wrong, noticed, digests = read_site_remembered(site_dir, jobs)  # and why not
    if not all(problem.path.startswith(f"{resources.RELEASES_DIR}/") for problem in wrong):
        raise InputError(wrong, noticed)  # settings, catalogs or assets: nothing more to try
    now = datetime.now(UTC)
    warnings = site_missing_translations(site)  # the catalogs' gaps and the releases'
    shown = set(warnings)
    warnings += [w for w in dict.fromkeys(noticed) if w not in shown]  # those that did not read
    warnings += dates_to_come(site, now) + taken_back(site, now, _publics(site_dir))
    warnings += held_otherwise(site, now)  # journalists mailed an embargo since moved
    warnings += copied_releases(site.releases, digests, site.root)
    lists, recipients, found = check_lists(site_dir, site.config.languages)
    wrong += found + site_template_problems(site) + jinja_template_problems(site)
    if wrong:
        raise InputError(wrong, warnings)
    try:
        try_page_templates(site, now)
    except TemplateMistake as mistake:  # told beside the warnings, not once they are gone
        raise InputError([mistake.problem], warnings) from None
    if warnings:
        raise InputError([], warnings)
    public = assemble(site, now).releases
    languages = sum(len(r.translations) for r in site.releases)
    media = f" {_count(lists, 'media list')} ({_count(recipients, 'recipient')})." if lists else ""
    return (
        f"OK: {_count(len(site.releases), 'release')} "
        f"({_count(languages, 'language version')}), {len(public)} public now.{media}"
    )


def _publics(site_dir: Path) -> list[tuple[Set[tuple[str, str]], datetime | None]]:
    """What the site's public builds published, as the cache recorded it (read only)."""
    with Cache(site_dir.absolute(), writes=False) as cache:
        return recorded_publics(cache)


def site_template_problems(site: Site) -> list[Problem]:
    """A site's own Typst template, tried on a published release in each writing direction
    and script the site has (left to right, right to left, Chinese): an error in one of its
    branches would otherwise wait for the build. The package's own template is tried by
    the tests."""
    from .read.release import read_release
    from .render.pdf import TEMPLATE, release_pdfs, script
    from .render.pdffonts import PdfError
    from .render.views import ConvertedBodies, render_context

    own = site.templates_dir is not None and (site.templates_dir / TEMPLATE).is_file()
    if not site.config.pdf_enabled or not own:
        return []
    ctx = render_context(site)
    tried: dict[tuple[str, str], tuple[Release, str]] = {}
    for release in (r for r in site.releases if r.status == "published"):
        for lang in release.translations:
            language = ctx.languages[lang]
            tried.setdefault((language.direction, script(language)), (release, lang))
    problems: dict[str, Problem] = {}
    for release, lang in tried.values():
        fresh, _ = read_release(release.folder, site.root, site.config)  # with its Markdown
        if fresh is None:
            continue
        try:
            release_pdfs(fresh, [lang], ctx, ConvertedBodies(ctx), lambda lang: None)
        except PdfError as error:
            message = f"{error.detail} (typesetting {fresh.id}, {lang})"
            found = Problem(f"templates/{TEMPLATE}", error.template_line, None, message)
            problems.setdefault(error.detail, found)
    return list(problems.values())


def try_page_templates(site: Site, now: datetime) -> None:
    """A site's own page and plain-text templates, each rendered once: with the first two
    public releases and four copies of the first (lists of one release a page, so that a
    list has a second page and a gap in its page numbers), a
    release's page and text in each of its languages, each language's index, year, region
    and topic pages, search, about and contacts pages, the root and the page not found; then
    the first release withdrawn, its notice and the index that has nothing left to show. An
    undefined name or a failing expression shows only when a template renders, and in the
    branch it is in. Raises the build's TemplateMistake."""
    from .read.release import read_release
    from .render.template_errors import located
    from .render.views import ConvertedBodies, render_context

    if site.templates_dir is None:
        return
    public = assemble(site, now).releases[:2]
    read = [read_release(r.folder, site.root, site.config)[0] for r in public]  # Markdown
    fresh = tuple(r for r in read if r is not None)
    copies = tuple(replace(fresh[0], id=f"{fresh[0].id}-{n}") for n in range(4) if fresh)
    small = replace(
        site,
        releases=fresh + copies,
        config=replace(site.config, page_size=1),
    )
    ctx = render_context(small)  # templates and catalogs: the same for both editions
    bodies = ConvertedBodies(ctx)
    tries = _page_tries(assemble(small, now), ctx, bodies)
    if small.releases:
        gone = replace(small.releases[0], status="withdrawn")
        edition = assemble(replace(small, releases=(gone,)), now)
        tries += _withdrawn_tries(edition, gone, ctx, bodies)
    for doing, attempt in tries:
        try:
            attempt()
        except Exception as error:
            mistake = located(error, ctx.env, doing)
            if mistake is None:
                raise
            raise mistake from None


Try = tuple[str, Callable[[], object]]  # what is rendered, and how


def _page_tries(edition: Edition, ctx: RenderContext, bodies: ConvertedBodies) -> list[Try]:
    """Every page of `edition` (a release or two) that a site's template may make."""
    from . import paths
    from .render import units
    from .render.archive import archive

    found = archive(edition)
    tries: list[Try] = [("root and 404", partial(units.render_root, edition, ctx))]
    for lang in edition.config.languages:
        for release in edition.by_language[lang]:
            wanted = frozenset(
                f(lang, release.id) for f in (paths.release_page, paths.release_text)
            )
            render = partial(units.render_release, release.id, lang, edition, ctx, bodies, wanted)
            tries.append((f"release {lang} {release.id}", render))
        for index, one in enumerate(found.lists[lang]):
            for number in range(1, found.pages(one, 1) + 1):
                page = partial(units.render_list, edition, found, lang, index, number, ctx, bodies)
                tries.append((f"list {one.path(number)}", partial(page, frozenset())))
        tries += [
            (f"search {lang}", partial(units.render_search_page, lang, (), ctx)),
            (f"about {lang}", partial(units.render_about_page, lang, (), ctx)),
            (f"contacts {lang}", partial(units.render_contacts_page, lang, ctx)),
        ]
    return tries


def _withdrawn_tries(
    edition: Edition, gone: Release, ctx: RenderContext, bodies: ConvertedBodies
) -> list[Try]:
    """The notice at a withdrawn release's address, and each of its languages' index,
    region and topic lists with no release left to show."""
    from .render import units
    from .render.archive import archive

    found = archive(edition)
    tries: list[Try] = []
    for lang in edition.alternates(gone):
        notice = partial(units.render_withdrawal, gone, lang, edition, ctx)
        tries.append((f"withdrawn {lang} {gone.id}", notice))
        for index, one in enumerate(found.lists[lang]):
            doing = f"list {lang}" if index == 0 else f"list {one.path(1)}"
            page = partial(units.render_list, edition, found, lang, index, 1, ctx, bodies)
            tries.append((doing, partial(page, frozenset())))
    return tries


def jinja_template_problems(site: Site) -> list[Problem]:
    """The site's own page templates that do not compile, or name a template that is
    nowhere (a build refuses them before it writes anything)."""
    from .render.environment import make_environment
    from .render.template_errors import template_problems

    if site.templates_dir is None:
        return []
    return template_problems(make_environment(site.templates_dir))


def _count(number: int, thing: str) -> str:
    """`1 release`, `2 releases`: the summary is English, as every message of the tool."""
    return f"{number} {thing}{'' if number == 1 else 's'}"
