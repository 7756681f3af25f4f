"""Keys: the digests that each output's key is made of, computed once per build.

A key holds the digests of everything a file's bytes depend on (`render.outputs` says
which): pressgen's code and libraries, the settings, the templates a page is made from,
the language's catalog, and the release's own files. Equal keys, equal bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, TemplateNotFound, meta

from ..assemble import Edition
from ..i18n import word_tags
from ..model import Release
from ..paths import path_words
from ..resources import catalog_path
from .inputs import (
    PACKAGE,
    SITE,
    InputFile,
    digest,
    group,
    print_settings_digest,
    release_folders,
    settings_digest,
)

PLAIN_TEMPLATES = ("release.typ",)  # read as they are, not by Jinja


class Keys:
    """The digests that keys are made of, computed once per build."""

    def __init__(
        self,
        inputs: Mapping[str, InputFile],
        libraries: str,
        env: Environment,
        edition: Edition,
    ) -> None:
        self.edition = edition
        self.code = digest(group(inputs, PACKAGE), libraries)
        self.base = digest(self.code, settings_digest(edition.config))
        self.print_base = digest(self.code, print_settings_digest(edition.config))
        self.folders = release_folders(inputs)
        languages = edition.config.languages
        self.catalogs: Mapping[str, str] = {lang: _catalog(inputs, lang) for lang in languages}
        self._templates = Templates(env, group(inputs, SITE + "templates/"))
        # the stylesheet a site puts in its templates/, and its assets/ folder
        self.assets = digest(
            group(inputs, SITE + "templates/assets/"), group(inputs, SITE + "assets/")
        )
        logo = edition.config.brand.logo
        found = inputs.get(f"{SITE}assets/{logo}") if logo else None
        self.logo = found.digest if found else "-"  # the one file of assets/ a PDF shows
        self._content: dict[tuple[str, str], str] = {}
        self._media: dict[str, str] = {}
        self._body: dict[tuple[str, str], str] = {}  # a list or feed asks for each it shows
        # the release folders a body may not link to: any not public at `now` (a folder that
        # does not read well too), whichever releases the edition shows (see `assemble`)
        self.hidden = frozenset(self.folders) - edition.addressed

    def combine(self, *parts: str) -> str:
        return digest(*parts)

    def template(self, name: str) -> str:
        """A template's digest with those it uses (see `Templates`)."""
        return self._templates.digest(name)

    def kind(self, name: str, lang: str) -> str:
        """What every file of one kind in one language depends on: code, settings,
        template, catalog. `name` is a template ("page.html") or, without a dot, a kind
        that has none ("ninjs", "feeds")."""
        template = self.template(name) if "." in name else "-"
        return digest(name, self.base, template, self.catalogs[lang])

    def print_kind(self, lang: str) -> str:
        """`kind` for PDFs: the settings a PDF shows (`print_settings_digest`), not all."""
        return digest(
            "release.typ", self.print_base, self.template("release.typ"), self.catalogs[lang]
        )

    def meta(self, release: Release) -> str:
        """What is true of a release in every language, and which languages it has."""
        files = self.folders.get(release.folder.name, {})
        return digest(files.get("release.yaml", "-"), *self.edition.alternates(release))

    def media(self, release: Release) -> str:
        found = self._media.get(release.id)
        if found is None:
            files = self.folders.get(release.folder.name, {})
            parts = (f"{name}={files.get(name, '-')}" for name in release.media_files)
            found = self._media[release.id] = digest(*parts)
        return found

    def content(self, release: Release, lang: str) -> str:
        """What a release-language shows: `printed`, and which languages it has."""
        found = self._content.get((release.id, lang))
        if found is None:
            languages = " ".join(self.edition.alternates(release))
            found = self._content[release.id, lang] = digest(self.printed(release, lang), languages)
        return found

    def printed(self, release: Release, lang: str) -> str:
        """What a release-language shows of itself: its facts, its text, media, and (in a
        preview) whether and until when it is under embargo."""
        files = self.folders.get(release.folder.name, {})
        edition = self.edition
        publicity = "public"
        if edition.preview:
            publicity = f"{release.status} {release.public_from} {release.is_public(edition.now)}"
        return digest(
            release.id,
            lang,
            files.get("release.yaml", "-"),
            files.get(f"{lang}.md", "-"),
            self.media(release),
            publicity,
            self.unlinked(release),
        )

    def body(self, release: Release, lang: str) -> str:
        """What a converted body depends on: the code, the text, the locale whose typography
        it takes (how digits are grouped), the media it links, the size of each picture
        it may show, and whether photos come before it (its first picture then loads lazily)."""
        found = self._body.get((release.id, lang))
        if found is None:
            files = self.folders.get(release.folder.name, {})
            names = " ".join(release.media_files) + f" photos={bool(release.photo_names)}"
            sizes = " ".join(f"{n}={w}x{h}" for n, (w, h) in sorted(release.picture_sizes.items()))
            locale = self.edition.config.locale(lang)
            text = files.get(f"{lang}.md", "-")
            parts = (release.id, lang, locale, text, names, sizes, self.unlinked(release))
            found = self._body[release.id, lang] = digest(self.code, *parts)
        return found

    def linked(self, text: str) -> tuple[str, ...]:
        """The releases not published that the links of a Markdown text (`[about]`) may
        name: they are left out until the releases are."""
        return tuple(sorted(self.hidden.intersection(path_words(text))))

    def unlinked(self, release: Release) -> str:
        """The releases not published that a body of the release, in any language, may link
        to (their links are left out until they are)."""
        return " ".join(sorted(self.hidden.intersection(release.path_words)))


def _catalog(inputs: Mapping[str, InputFile], lang: str) -> str:
    """Every catalog `lang` takes words from (`merged_translations`): the package's and the site's
    for it, for each parent (a fr-CA page shows the site's fr words) and for English."""
    names = [catalog_path(Path("locales"), tag).as_posix() for tag in word_tags(lang)]
    found = [inputs.get(where + name) for name in names for where in (PACKAGE, SITE)]
    return digest(*(f.digest if f else "-" for f in found))


class Templates:
    """Each template's digest with those it extends, includes or imports: editing page.html
    leaves the indexes as they are, and the reverse. Each is read and parsed once, however
    many pages share it, when a kind first names it (so any template a kind names is known).

    A template named only at render time makes the page depend on every template
    (`every_template`), and so does one that cannot be found (rendering will say why).
    """

    def __init__(self, env: Environment, every_template: str) -> None:
        assert env.loader is not None  # make_environment always gives one
        self.env, self.loader, self.every_template = env, env.loader, every_template
        self.digests: dict[str, str] = {}
        self.parsed: dict[str, tuple[str, list[str | None]]] = {}  # its source, what it names

    def digest(self, name: str) -> str:
        if name not in self.digests:
            try:
                self.digests[name] = self._sources(name)
            except TemplateNotFound:
                self.digests[name] = self.every_template
        return self.digests[name]

    def _sources(self, name: str) -> str:
        if name in PLAIN_TEMPLATES:
            return digest(self.loader.get_source(self.env, name)[0])
        sources: dict[str, str] = {}
        pending: list[str | None] = [name]
        while pending:
            current = pending.pop()
            if current is None:
                raise TemplateNotFound("a template named at render time")
            if current not in sources:
                sources[current], named = self._read(current)
                pending.extend(named)
        return digest(*(f"{n}\x1e{s}" for n, s in sorted(sources.items())))

    def _read(self, name: str) -> tuple[str, list[str | None]]:
        if name not in self.parsed:
            source = self.loader.get_source(self.env, name)[0]
            found = meta.find_referenced_templates(self.env.parse(source))
            self.parsed[name] = (source, list(found))
        return self.parsed[name]
