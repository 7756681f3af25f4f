"""`pressgen check`: everything `build` would read, validated, nothing written."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from . import resources
from .assemble import assemble, withdrawals_to_come
from .catalog_gaps import site_missing_translations
from .engine.memo import read_site_remembered
from .mail.lists import check_lists
from .model import Release, Site, utc
from .problems import InputError, Problem, display_path
from .read.release import RELEASE_FILE


def check_site(site_dir: Path, jobs: int = 1) -> str:
    """A one-line summary of a site with nothing to fix; raises InputError listing every
    problem: errors (a build refuses them) and warnings (a build shows them and publishes).
    Releases a build has read and that have not changed since are taken from its cache.
    """
    site = read_site_remembered(site_dir, jobs)
    now = datetime.now(UTC)
    warnings = site_missing_translations(site)  # the catalogs' gaps and the releases'
    warnings += corrections_to_come(site, now) + withdrawals_to_come(site, now)
    warnings += withdrawals_dated_later(site, now)
    lists, recipients, wrong = check_lists(site_dir, site.config.languages)
    wrong += site_template_problems(site) + jinja_template_problems(site)
    wrong += package_catalog_problems(site)
    if warnings or wrong:
        raise InputError(wrong, warnings)
    public = assemble(site, now).releases
    languages = sum(len(r.translations) for r in site.releases)
    media = f" {_count(lists, 'media list')} ({_count(recipients, 'recipient')})." if lists else ""
    return (
        f"OK: {_count(len(site.releases), 'release')} "
        f"({_count(languages, 'language version')}), {len(public)} public now.{media}"
    )


def corrections_to_come(site: Site, now: datetime) -> list[Problem]:
    """A correction dated later than now (a slip in the year): a build publishes it at
    once, and its page says the release was updated on a day still to come."""
    return [
        _on_its_line(
            site,
            release,
            "corrections",
            f"the correction of {correction.date.isoformat()} is later than now: pages would "
            "say the release was updated on a day still to come; expected the instant it "
            "was corrected",
        )
        for release in site.releases
        for correction in release.corrections
        if utc(correction.date) > utc(now)
    ]


def withdrawals_dated_later(site: Site, now: datetime) -> list[Problem]:
    """A `withdrawn:` instant later than now: the status withdraws the release at the next
    build all the same, and its address would say it was withdrawn at an instant still to
    come (a slip, or a hope that the line schedules the withdrawal: it does not)."""
    return [
        _on_its_line(
            site,
            release,
            "withdrawn",
            f"{release.withdrawn.isoformat()} is later than now: 'status: withdrawn' takes "
            "the release off at the next build all the same, and its address would say it was "
            "withdrawn at an instant still to come; expected the instant it is withdrawn",
        )
        for release in site.releases
        if release.status == "withdrawn"
        and release.withdrawn is not None
        and utc(release.withdrawn) > utc(now)
    ]


def _on_its_line(site: Site, release: Release, key: str, message: str) -> Problem:
    path = display_path(release.folder / RELEASE_FILE, site.root)
    return Problem(path, key_line(release, key), key, message)


def key_line(release: Release, key: str) -> int | None:
    """The line of release.yaml where `key:` is written, for a problem found after reading
    (the release keeps its values, not their lines): only such a release pays for it."""
    try:
        lines = (release.folder / RELEASE_FILE).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((n for n, line in enumerate(lines, 1) if line.startswith(f"{key}:")), None)


def site_template_problems(site: Site) -> list[Problem]:
    """A site's own Typst template, tried on its first published release (in its original
    language): an error in it would otherwise wait for the build. The package's own
    template is tried by the tests."""
    from .read.release import read_release
    from .render.pdf import TEMPLATE, release_pdfs
    from .render.pdffonts import PdfError
    from .render.views import ConvertedBodies, render_context

    own = site.templates_dir is not None and (site.templates_dir / TEMPLATE).is_file()
    release = next((r for r in site.releases if r.status == "published"), None)
    if not site.config.pdf_enabled or not own or release is None:
        return []
    fresh, _ = read_release(release.folder, site.root, site.config)  # with its Markdown
    if fresh is None:
        return []
    ctx = render_context(site)
    try:
        release_pdfs(fresh, [fresh.original], ctx, ConvertedBodies(ctx), lambda lang: None)
    except PdfError as error:
        message = f"{error.detail} (typesetting {fresh.id})"
        return [Problem(f"templates/{TEMPLATE}", error.template_line, None, message)]
    return []


def package_catalog_problems(site: Site) -> list[Problem]:
    """pressgen's own catalogs for the site's languages, as a translator of pressgen edits
    them (README: the Babel workflow): a slip there would stop every build as a bug."""
    from .read.catalogs import catalog_problems

    return catalog_problems(resources.PACKAGE_LOCALES, site.config.languages, site.root)


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
