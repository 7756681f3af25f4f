"""What a site's catalogs lack: interface words and vocabulary labels untranslated in a
site language, and translations marked fuzzy (never used), each named for its translator.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from jinja2 import Environment, TemplateSyntaxError

from .folders import paths_below
from .i18n import (
    SOURCE_LANGUAGE,
    catalog_tags,
    every_catalog_tag,
    over_package,
    package_template,
    read_catalog,
    site_catalogs,
)
from .model import Site, SiteConfig
from .problems import Problem, display_path
from .read.config import CONFIG_FILE
from .render.template_errors import JINJA_SUFFIXES
from .resources import DOMAIN, PACKAGE_LOCALES, catalog_path

Key = tuple[str | tuple[str, str], str | None]  # a message as a catalog keys it, and its context


def _is_translated(
    catalog: Catalog, message_id: str | tuple[str, ...] | list[str], context: str | None
) -> bool:
    message = catalog.get(message_id if isinstance(message_id, str) else tuple(message_id), context)
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings)


def missing_translations(
    languages: Iterable[str],
    site_locales: Path | None,
    labels: Iterable[str],
    root: Path,
    site_messages: Iterable[Key] = (),
) -> list[Problem]:
    """Interface messages, vocabulary labels and the site templates' own messages
    (`site_messages`) that a site language's catalogs lack.

    English is the language of the message ids, so it needs no translation.
    """
    template = package_template()
    wanted = [(m.id, m.context) for m in template if m.id]
    wanted += [(label, None) for label in sorted(set(labels)) if label not in template]
    wanted += [(m, c) for m, c in site_messages if template.get(m, c) is None]
    problems = []
    languages = list(languages)
    for lang in languages:
        if lang.split("-")[0] == SOURCE_LANGUAGE:
            continue
        # its own catalogs, each read once (here and below): English is no translation of it
        every = site_catalogs(lang, site_locales)
        site = {tag: found for tag, found in every.items() if tag in catalog_tags(lang)}
        # a gap is named in the nearest catalog the site has (its fr for fr-CA), else its own
        tag = next((t for t, found in site.items() if found is not None), lang)
        if tag != lang and tag in languages:  # fr's own gaps name that file: the same ones
            continue
        own, where = site[tag], catalog_path(site_locales or root / "locales", tag)
        shown = display_path(where, root)
        if own is None and not any(catalog_path(PACKAGE_LOCALES, t).is_file() for t in site):
            problems.append(_no_catalog(shown, lang))
            continue
        catalog = over_package(lang, site)
        lacking = [(m, c) for m, c in wanted if not _is_translated(catalog, m, c)]
        for message_id, context in lacking:
            text = message_id if isinstance(message_id, str) else message_id[0]
            problems.append(_untranslated(shown, own, message_id, context, text, lang, root))
        problems += _fuzzy_overrides(shown, own, lacking)
    return problems


def _no_catalog(shown: str, lang: str) -> Problem:
    """A language neither pressgen nor the site has a catalog for: one warning, not one per
    message of a file that does not exist."""
    locale = lang.replace("-", "_")  # the folder name, and the only form pybabel takes
    command = f"pybabel init -i {PACKAGE_LOCALES / f'{DOMAIN}.pot'} -d locales -l {locale}"
    return Problem(
        shown,
        None,
        None,
        f"does not exist, and pressgen has no catalog for '{lang}': its pages show "
        f"English words (the site's locales/en where it has them); make one in the site "
        f"folder with `{command}` and translate its messages",
    )


def _fuzzy_overrides(
    shown: str,
    own: Catalog | None,
    lacking: Iterable[tuple[str | tuple[str, ...] | list[str], str | None]],
) -> list[Problem]:
    """A translation of pressgen's own words that the site's catalog marks fuzzy: the
    page keeps pressgen's, and the translator who wrote it would never know why."""
    reported = {(m if isinstance(m, str) else tuple(m), c) for m, c in lacking}
    return [
        _fuzzy(shown, message)
        for message in own or ()
        if message.id
        and message.fuzzy
        and message.string
        and (message.id, message.context) not in reported
    ]


def _fuzzy(shown: str, message: Message) -> Problem:
    text = message.id if isinstance(message.id, str) else message.id[0]
    return Problem(
        shown,
        message.lineno,
        "msgid",
        f"'{text}' is marked fuzzy, so it is not used: check its msgstr, then delete the "
        "'#, fuzzy' line above it",
    )


def _untranslated(
    shown: str,
    own: Catalog | None,
    message_id: str | tuple[str, ...] | list[str],
    context: str | None,
    text: str,
    lang: str,
    root: Path,
) -> Problem:
    """What a translator should do about a message the site's catalog lacks: a fuzzy one
    (msgmerge's guess, never used) is there to review, not to add."""
    key = message_id if isinstance(message_id, str) else tuple(message_id)
    found = own.get(key, context) if own is not None else None
    if found is not None and found.fuzzy and found.string:
        return _fuzzy(shown, found)
    singular = key if isinstance(key, str) else key[0]  # Babel's key for a plural message
    obsolete = own.obsolete if own is not None and found is None else {}
    hidden = obsolete.get((singular, context) if context else singular)
    if hidden is not None and hidden.string:
        return Problem(
            shown,
            hidden.lineno,
            "msgid",
            f"'{text}' is commented out as obsolete (#~), as `pybabel update` does to a "
            "site's own labels: remove the '#~ ' from its lines",
        )
    in_package = _package_gap(key, context, lang, shown, root) if found is None else None
    if in_package is not None:
        return in_package
    line = found.lineno if found is not None else None  # there, its msgstr empty
    if own is None:  # the site's labels in a language pressgen knows: the file is to make
        return Problem(
            shown,
            None,
            "msgid",
            f"'{text}' has no translation into '{lang}': make this file (a text file in "
            f'UTF-8) and write in it the line msgid "{text}", then a line msgstr "..." '
            "holding its translation",
        )
    if found is None:  # not in the file: the lines are to write
        said = f'add the lines msgid "{text}" and msgstr "..." holding its translation'
        if isinstance(key, tuple) and len(key) > 1:
            said = (
                f'add the lines msgid "{text}", msgid_plural "{key[1]}" and a msgstr[N] "..." '
                "for each plural form of the language (msgstr[0], msgstr[1]…)"
            )
        return Problem(shown, None, "msgid", f"'{text}' has no translation into '{lang}': {said}")
    return Problem(
        shown, line, "msgid", f"'{text}' has no translation into '{lang}', add its msgstr"
    )


def _package_gap(
    key: str | tuple[str, ...], context: str | None, lang: str, shown: str, root: Path
) -> Problem | None:
    """A message pressgen's own catalog has but does not translate (fuzzy, or its msgstr
    empty): named where it is, on its line, for whoever translates pressgen; the site's
    catalog `shown` could say it too."""
    for tag in catalog_tags(lang):
        where = catalog_path(PACKAGE_LOCALES, tag)
        message = _package_catalog(where, tag).get(key, context)
        if message is None:
            continue
        text = key if isinstance(key, str) else key[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy and any(strings):
            said = f"'{text}' is marked fuzzy in pressgen's catalog, so it is not used: check "
            said += "its msgstr, then delete the '#, fuzzy' line above it"
        elif not all(strings):
            said = f"'{text}' has no translation into '{lang}' in pressgen's catalog: add its "
            said += "msgstr"
        else:
            return None
        said += f" (or translate it in the site's {shown})"
        return Problem(display_path(where, root), message.lineno, "msgid", said)
    return None


@cache
def _package_catalog(where: Path, tag: str) -> Catalog:
    """pressgen's catalog for `tag` (empty where it has none), read once: it does not change."""
    return read_catalog(where, tag) or Catalog()


def site_missing_translations(site: Site) -> list[Problem]:
    """Everything a build warns about and publishes anyway: what the site's catalogs lack,
    the problems of releases it leaves out (drafts), then what the reader noticed in the releases
    (`Release.warnings`)."""
    return [
        *site_catalog_gaps(site),
        *settings_gaps(site.config),
        *site.left_out,
        *(w for r in site.releases for w in r.warnings),
    ]


def site_catalog_gaps(site: Site) -> list[Problem]:
    """What the site's languages lack: every interface message and vocabulary label; and
    what their catalogs hold that nothing shows."""
    config = site.config
    labels = [*config.types.values(), *config.regions.values(), *config.topics.values()]
    own = template_keys(site.root / "templates")  # read once, for both
    gaps = missing_translations(config.languages, site.locales_dir, labels, site.root, own or [])
    return misplaced_catalogs(site) + gaps + unknown_messages(site, labels, own)


def misplaced_catalogs(site: Site) -> list[Problem]:
    """A catalog saved where no build looks for it (`locales/fr/messages.po`, `locales/FR/…`,
    a file named `fr.po`): its words were left out without a word, and the warning of each
    gap asked the translator to make a file they had made."""
    if site.locales_dir is None:
        return []
    tags = {tag.replace("-", "_"): tag for tag in every_catalog_tag(site.config.languages)}
    problems = []
    for path in paths_below(site.locales_dir):  # checked by the reader: not too deep
        parts = path.relative_to(site.locales_dir).parts
        if path.suffix != ".po" or _in_place(parts, tags):
            continue
        named = [
            tag for part in (*parts[:-1], path.stem) for tag in tags if part.lower() == tag.lower()
        ]
        home = catalog_path(site.locales_dir, tags[named[0]]) if named else None
        if home is not None and home.exists() and home.samefile(path):  # a file system
            continue  # that does not tell FR from fr reads it
        where = display_path(home, site.root) if home else "locales/LANG/LC_MESSAGES/messages.po"
        message = f"is not read: a language's catalog is {where}; move it there"
        if home is not None and home.exists():  # a copy kept beside it
            message = f"is not read ({where} is): delete it, or move what it adds into {where}"
        problems.append(Problem(display_path(path, site.root), None, None, message))
    return problems


def _in_place(parts: tuple[str, ...], tags: Iterable[str]) -> bool:
    """Whether a catalog is where a build reads one (LANG/LC_MESSAGES/messages.po), of a
    site language written as the site writes it, or of a language the site has not."""
    if len(parts) != 3 or parts[1:] != ("LC_MESSAGES", f"{DOMAIN}.po"):
        return False
    return parts[0] in tags or parts[0].lower() not in {tag.lower() for tag in tags}


def unknown_messages(
    site: Site, labels: Iterable[str], templates: list[Key] | None
) -> list[Problem]:
    """Messages of the site's catalogs that no page shows: a misspelt msgid (`Press
    Releases` for `Press releases`) overrides nothing, and the pages keep pressgen's words.
    `templates` are the site templates' messages (`template_keys`)."""
    if site.locales_dir is None or templates is None:  # None: a template computes one
        return []
    shown = {text for key, _ in templates for text in ((key,) if isinstance(key, str) else key)}
    known = {_singular(m.id) for m in package_template() if m.id} | {*labels, *shown}
    problems = []
    for tag in every_catalog_tag(site.config.languages):
        where = catalog_path(site.locales_dir, tag)
        try:
            own = read_catalog(where, tag)
        except (UnicodeDecodeError, ValueError):  # named by `read.catalogs`
            continue
        for message in own or ():
            text = _singular(message.id) if message.id else None
            if text is None or text in known:
                continue
            close = difflib.get_close_matches(text, sorted(known), n=1, cutoff=0.8)
            hint = f"did you mean '{close[0]}'?" if close else "check its msgid, or remove it"
            said = (
                f"'{text}' is no message of pressgen, of the site's templates or of its labels, "
                f"so it changes nothing: {hint}"
            )
            problems.append(Problem(display_path(where, site.root), message.lineno, "msgid", said))
    return problems


def _singular(message_id: str | tuple[str, ...] | list[str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def template_keys(folder: Path) -> list[Key] | None:
    """The messages a site's own templates show (`_("...")`, `ngettext`, `pgettext`), keyed
    as a catalog keys them: the text, or a plural's two, and the context; None if one says
    a message it computes (`_(label)` in a macro)."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    # added by the i18n extension, which the type checker does not see
    extract: Callable[[str], Iterable[tuple[Any, ...]]] = env.extract_translations  # type: ignore[attr-defined]
    found: list[Key] = []
    for path in paths_below(folder) if folder.is_dir() else ():
        if path.suffix not in JINJA_SUFFIXES or not path.is_file():
            continue
        try:
            calls = list(extract(path.read_text(encoding="utf-8-sig")))
        except (TemplateSyntaxError, UnicodeDecodeError):  # said by `pressgen check`
            continue
        for _, function, message in calls:
            said = message if isinstance(message, tuple) else (message,)
            context = said[0] if function in ("pgettext", "npgettext") else None
            texts = said[1:] if context is not None else said  # after the context
            if not texts or texts[0] is None:
                return None
            plural = function in ("ngettext", "npgettext") and len(texts) > 1 and texts[1]
            found.append(((texts[0], texts[1]) if plural else texts[0], context))
    return list(dict.fromkeys(found))


def settings_gaps(config: SiteConfig) -> list[Problem]:
    """The site's languages a text of pressgen.toml is not written in: their pages show the
    default language's (the site title in every header), which nobody would otherwise see."""
    texts = {"[site.title]": config.titles, "[site.publisher]": config.publishers}
    texts["[about]"] = config.about
    default = config.default_language
    shows = {section: f"its pages show the '{default}' one" for section in texts}
    shows["[about]"] = "the site has no 'about' page in {lang}"
    return [
        Problem(
            CONFIG_FILE,
            None,
            section,
            f"has no text in '{lang}': {shows[section].format(lang=lang)}, add "
            f'{lang} = "..." there',
        )
        for section, given in texts.items()
        if given
        for lang in config.languages
        if lang not in given
    ]
