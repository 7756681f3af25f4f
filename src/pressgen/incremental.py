"""Planning an incremental build: the key of every output, and which ones must be rendered.

A key holds the digests of everything an output depends on. When the previous build wrote
the same path from the same key, and the file is still as it was written, it is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateNotFound, meta

from . import paths
from .assemble import Edition
from .cache import Inputs, digest, digest_of_keys, release_meta
from .i18n import Language, looked_up
from .model import Release
from .render import Lookups
from .render.views import preview_banner

# What a release file depends on: the digests of its inputs, compared as they are (hashing
# them once more would only cost time: a build plans some 40,000 of them).
Key = tuple[str, ...]


@dataclass(frozen=True)
class Task:
    """One release-language: the key of its converted body and of each of its files.

    A file's key ends with the catalogs' answers to the lookups its last render made:
    `keyed` gives the key for another set of answers."""

    release_id: str
    lang: str
    body_key: str
    outputs: Mapping[str, Key]

    def keyed(self, path: str, messages: str) -> Key:
        return (*self.outputs[path][:-1], messages)


class MessageKeys:
    """The catalog part of the keys of release files, once per set of lookups in a build.

    A file never rendered depends on its language's whole catalog; a rendered one only on
    the messages it asked for, so a translator's fix to one label re-renders only the
    releases that show it (see `i18n.Language.recording`)."""

    def __init__(self, languages: Mapping[str, Language], catalogs: Mapping[str, str]) -> None:
        self.languages = languages
        self.catalogs = catalogs
        self.found: dict[Lookups, str] = {}

    def of(self, lang: str, lookups: Lookups | None) -> str:
        if lookups is None:
            return self.catalogs[lang]
        found = self.found.get(lookups)
        if found is None:
            found = self.found[lookups] = self._digest(lookups)
        return found

    def _digest(self, lookups: Lookups) -> str:
        answers = []
        for lookup in sorted(lookups):
            language = self.languages.get(str(lookup[0]))
            answers.append((lookup, language and looked_up(language.translations, lookup)))
        return digest(answers)


@dataclass(frozen=True)
class Digests:
    """Hashes of a release's shared facts and of each language file, computed once per read."""

    meta: str
    languages: Mapping[str, str]
    image: str


def release_digests(release: Release) -> Digests:
    signatures = []
    for name in release.media_files:
        info = (release.folder / name).stat()
        signatures.append((name, info.st_size, info.st_mtime_ns))
    image = digest(release.id, signatures)
    return Digests(
        meta=digest(release_meta(release)),
        languages={lang: digest(t) for lang, t in release.translations.items()},
        image=image,
    )


PAGE_TEMPLATES = ("page.html", "index.html", "root.html")


def template_digests(env: Any, every_template: str) -> dict[str, str]:
    """For each page template, the digest of it and of the templates it extends, includes
    or imports: editing page.html leaves the indexes as they are, and the reverse.

    A template named only at render time makes the page depend on every template
    (`every_template`), and so does one that cannot be found (rendering will say why).
    """
    found = {}
    for name in PAGE_TEMPLATES:
        sources: dict[str, str] = {}
        pending: list[str | None] = [name]
        try:
            while pending:
                current = pending.pop()
                if current is None:
                    raise TemplateNotFound("a template named at render time")
                if current not in sources:
                    sources[current] = env.loader.get_source(env, current)[0]
                    pending.extend(meta.find_referenced_templates(env.parse(sources[current])))
        except TemplateNotFound:
            found[name] = every_template
            continue
        found[name] = digest(sorted(sources.items()))
    return found


def plan_tasks(
    edition: Edition,
    inputs: Inputs,
    templates: Mapping[str, str],
    languages: Mapping[str, Language],
    digests: Mapping[str, Digests],
    lookups: Mapping[str, Lookups],
    messages: MessageKeys,
) -> list[Task]:
    """Every release-language of the edition with the keys of its outputs, given the
    catalog lookups each output made when last rendered."""
    tasks = []
    page_template = templates["page.html"]
    for release in edition.releases:
        known = digests[release.id]
        available = edition.alternates(release)
        languages_shown = " ".join(available)
        for lang in available:
            translation = known.languages[lang]
            banner = (
                digest(preview_banner(release, languages[lang], edition.now))
                if edition.preview
                else "-"
            )
            shared = (inputs.config, lang, known.meta, translation, banner)
            page = paths.release_page(lang, release.id)
            text = paths.release_text(lang, release.id)
            ninjs = paths.release_ninjs(lang, release.id)
            tasks.append(
                Task(
                    release_id=release.id,
                    lang=lang,
                    body_key=digest_of_keys("body", inputs.config, lang, translation, known.image),
                    outputs={
                        page: (
                            "page",
                            page_template,
                            languages_shown,
                            *shared,
                            messages.of(lang, lookups.get(page)),
                        ),
                        text: ("text", inputs.text, *shared, messages.of(lang, lookups.get(text))),
                        ninjs: (
                            "ninjs",
                            known.image,
                            *shared,
                            messages.of(lang, lookups.get(ninjs)),
                        ),
                    },
                )
            )
    return tasks


def part_key(
    name: str,
    members: tuple[tuple[str, str], ...],
    task_keys: Mapping[tuple[str, str], Key | str],
    inputs: Inputs,
    templates: Mapping[str, str],
    edition: Edition,
    digests: Mapping[str, Digests],
) -> str:
    """The key of a site-wide part: its kind's templates and catalogs, and its members."""
    kind, _, scope = name.partition(":")
    if kind == "media":
        return digest(name, digests[scope].image)
    if kind == "assets":
        return digest(name, inputs.assets)
    if kind == "sitemap":  # every page, its alternates and the date of its last change
        releases = {}
        for release_id, _ in members:  # each release once, not once per language
            if release_id not in releases:
                release = edition.by_id[release_id]
                releases[release_id] = (release.updated.isoformat(), edition.alternates(release))
        return digest(name, inputs.config, members, sorted(releases.items()))
    if kind == "root":
        return digest(name, inputs.config, templates["root.html"], sorted(inputs.catalogs.items()))
    if kind == "feeds":  # no template: feedgen writes them from the members and the catalog
        lang = scope.split("/", 1)[0]
        return digest(
            name,
            inputs.config,
            inputs.catalogs.get(lang),
            [task_keys[member] for member in members],
        )
    # indexes: their template, the language's catalog, the site's settings, their members
    lang = scope
    return digest(
        name,
        templates["index.html"],
        inputs.config,
        inputs.catalogs.get(lang),
        [task_keys[member] for member in members],
    )
