"""Read and validate `pressgen.toml` into a SiteConfig."""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

from ..mail.settings import read_mail_settings
from ..model import DEFAULT_REGIONS, DEFAULT_TYPES, MailSettings, PublishSettings, SiteConfig
from ..paths import MAX_ID_LENGTH, RELEASE_ID
from ..problems import NO_SITE, NOT_UTF8, Problem, line_not_utf8, unknown_key_message
from ..publish.settings import read_publish_settings
from ..zones import InstantError, load_setting_zone
from .characters import UTF16, forbidden_setting, saved_as_utf16
from .site_languages import site_languages
from .site_settings import read_about, read_archive, read_brand, read_contacts
from .tomlhelp import controlled_lines, toml_problem

CONFIG_FILE = "pressgen.toml"
TOP_SECTIONS = (
    *("site", "types", "regions", "topics", "feeds", "mail", "pdf", "archive", "brand"),
    *("about", "contacts", "publish"),
)
SITE_KEYS = (
    "base_url",
    "default_language",
    "languages",
    "title",
    "publisher",
    "locales",
    "timezone",
)
FEED_KEYS = ("length", "authority")
PDF_KEYS = ("enabled", "paper")
PAPERS = ("a4", "us-letter")


class _Problems:
    """Problems of pressgen.toml, placed on the line where the key appears."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.items: list[Problem] = []

    def line_of(self, key: str, section: str | None = None) -> int | None:
        start = 0
        if section is not None:  # a table of its own: [site.title]
            table = re.compile(r"^\s*\[\s*" + re.escape(f"{section}.{key}") + r"\s*[\].]")
            if found := next((i + 1 for i, ln in enumerate(self.lines) if table.match(ln)), 0):
                return found
            header = re.compile(r"^\s*\[\s*" + re.escape(section) + r"\s*\]")
            start = next((i for i, ln in enumerate(self.lines) if header.match(ln)), 0)
        pattern = re.compile(r"^\s*\[?\s*\"?" + re.escape(key) + r"\"?\s*[\]=.]")
        for index in range(start, len(self.lines)):
            if pattern.match(self.lines[index]):
                return index + 1
        return None

    def add(self, key: str, message: str, section: str | None = None) -> None:
        field = f"{section}.{key}" if section else key
        self.items.append(Problem(CONFIG_FILE, self.line_of(key, section), field, message))


def read_config(root: Path) -> tuple[SiteConfig | None, list[Problem]]:
    path = root / CONFIG_FILE
    if path.is_dir():
        return None, [Problem(CONFIG_FILE, None, None, "is a folder, expected the settings file")]
    if not path.is_file():
        return None, [Problem(CONFIG_FILE, None, None, _missing(root.absolute()))]
    raw = path.read_bytes()
    if saved_as_utf16(raw):
        return None, [Problem(CONFIG_FILE, None, None, UTF16)]
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")  # Notepad's mark
        data = tomllib.loads(text)
    except UnicodeDecodeError as error:
        return None, [Problem(CONFIG_FILE, line_not_utf8(error), None, NOT_UTF8)]
    except tomllib.TOMLDecodeError as error:
        return None, [toml_problem(CONFIG_FILE, str(error), text, _error_line(str(error), text))]
    except RecursionError:
        return None, [
            Problem(CONFIG_FILE, None, None, "nests values too deeply, expected plain tables")
        ]
    problems = _Problems(text)
    if forbidden := forbidden_setting(data):  # feeds and pages refuse them: a line each
        field, described = forbidden
        problems.items += controlled_lines(CONFIG_FILE, text) or [
            Problem(CONFIG_FILE, None, field, f"holds {described}: remove it")
        ]
    config = _build(data, problems, root)
    return (config if not problems.items else None), problems.items


def _missing(root: Path) -> str:
    """Where the settings were looked for, and the site meant: above `root`, or just below."""
    if not root.is_dir():
        return f"cannot be read: {root}: {NO_SITE}"
    message = (
        f"is missing in {root}, expected the site settings ([site] base_url, "
        "default_language, languages): run pressgen in the site's folder or name it with --site"
    )
    near = [*root.parents, *(sorted(root.iterdir()) if os.access(root, os.R_OK) else [])]
    site = next((p for p in near if os.path.isfile(p / CONFIG_FILE)), None)
    return message if site is None else f"{message}; {site} holds {CONFIG_FILE}"


def _error_line(message: str, text: str) -> int:
    """The line tomllib names, or the last line when the error is at the end of the document."""
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else max(1, len(text.rstrip().split("\n")))


def _build(data: Mapping[str, Any], problems: _Problems, root: Path) -> SiteConfig | None:
    site = _site_section(data, problems)
    if site is None:
        return None
    base_url = _base_url(site.get("base_url"), problems)
    languages = _languages(site.get("languages"), problems)
    if not languages:  # a slip there: each language named below would be "unknown" too
        data = {key: value for key, value in data.items() if key not in ("about", "contacts")}
        site = {key: value for key, value in site.items() if key not in ("locales", "publisher")}
    default = _default_language(site.get("default_language"), languages, problems)
    titles = _text_table(site.get("title", {}), "title", "site", problems)
    length, authority = _feeds(data.get("feeds", {}), problems)
    vocabularies = {
        name: {**defaults, **_vocabulary(data.get(name, {}), name, problems)}
        for name, defaults in (
            ("types", DEFAULT_TYPES),
            ("regions", DEFAULT_REGIONS),
            ("topics", {}),
        )
    }
    pdf_enabled, paper = _pdf(data.get("pdf", {}), problems)
    publisher = site.get("publisher", {})
    if isinstance(publisher, str):  # one name for every language
        publisher = dict.fromkeys(languages, publisher)
    publishers = _text_table(publisher, "publisher", "site", problems)
    locales = _locales(site.get("locales", {}), languages, problems)
    mail = _mail(data, problems)
    config = SiteConfig(
        base_url=base_url or "",
        default_language=str(default),
        languages=languages,
        titles=titles,
        types=vocabularies["types"],
        regions=vocabularies["regions"],
        topics=vocabularies["topics"],
        publishers=publishers,
        feed_length=length,
        feed_authority=authority,
        locales=locales,
        mail=mail,
        publish=_publish(data, problems),
        pdf_enabled=pdf_enabled,
        pdf_paper=paper,
        timezone=_timezone(site.get("timezone"), problems),
        page_size=read_archive(data.get("archive", {}), problems.add),
        brand=read_brand(data.get("brand", {}), root, problems.add),
        about=read_about(data.get("about", {}), languages, problems.add),
        contacts=read_contacts(data.get("contacts", []), languages, problems.add),
    )
    return None if problems.items or base_url is None else config


def _site_section(data: Mapping[str, Any], problems: _Problems) -> dict[str, Any] | None:
    """The `[site]` table, once every section and key is checked for a known name."""
    for key in data:
        if key not in TOP_SECTIONS:
            problems.add(key, unknown_key_message(key, TOP_SECTIONS, "section"))
    site = data.get("site")
    if not isinstance(site, dict):
        problems.add(
            "site",
            "is missing, expected a [site] section with base_url, default_language and languages",
        )
        return None
    for key in site:
        if key not in SITE_KEYS:
            problems.add(key, unknown_key_message(key, SITE_KEYS), "site")
    return site


def _default_language(default: object, languages: tuple[str, ...], problems: _Problems) -> object:
    """`[site] default_language`: one of the site's languages."""
    known = ", ".join(languages) or "the site's languages"
    if default is None:
        problems.add("default_language", f"is missing, expected one of: {known}", "site")
    elif not isinstance(default, str) or (languages and default not in languages):
        problems.add(
            "default_language",
            f"{default!r} is not one of the site's languages, expected one of: {known}",
            "site",
        )
    return default


def _tagging_entity_problem(value: object) -> str | None:
    """What is wrong with `[feeds] authority`: a domain, maybe a date (RFC 4151)."""
    found = isinstance(value, str) and re.fullmatch(
        r"[a-z0-9.-]+\.[a-z]{2,}(?:,(\d{4})(?:-(\d\d)(?:-(\d\d))?)?)?", value
    )
    if not found:
        return (
            "expected a domain name the organisation owns, such as 'newsroom.example.org', "
            "and if you like a date when it owned it: 'newsroom.example.org,2021'"
        )
    if found[1] is None:
        return None
    year, month, day = (int(part or 1) for part in found.groups())
    with contextlib.suppress(ValueError):
        if date(year, month, day).year >= 1985:  # the first domain names
            return None
    shown = str(value).partition(",")[2]
    return f"'{shown}' is no date from 1985 on, expected e.g. 'newsroom.example.org,2021-06'"


def _feeds(feeds: object, problems: _Problems) -> tuple[Any, str | None]:
    """`[feeds]`: how many items a feed holds, and the tag: URI authority of entry ids."""
    if not isinstance(feeds, dict):
        problems.add("feeds", "expected a [feeds] section with length and authority")
        feeds = {}
    for key in feeds:
        if key not in FEED_KEYS:
            problems.add(key, unknown_key_message(key, FEED_KEYS), "feeds")
    length = feeds.get("length", 50)
    if not isinstance(length, int) or isinstance(length, bool) or length < 1:
        problems.add("length", "expected a whole number of items, at least 1", "feeds")
    authority = feeds.get("authority")
    wrong = _tagging_entity_problem(authority) if authority is not None else None
    if wrong:
        problems.add("authority", wrong, "feeds")
    return length, authority


def _publish(data: Mapping[str, Any], problems: _Problems) -> PublishSettings:
    """`[publish]`, for `pressgen publish` (optional: without it, a build only)."""
    if "publish" not in data:
        return PublishSettings()
    found = read_publish_settings(
        data["publish"], lambda key, text: problems.add(key, text, "publish")
    )
    return found or PublishSettings()  # with its problems reported, the config is None


def _mail(data: Mapping[str, Any], problems: _Problems) -> MailSettings | None:
    """`[mail]`, for `pressgen mail` (optional: a site that sends no e-mail has none)."""
    if "mail" not in data:
        return None
    return read_mail_settings(data["mail"], lambda key, text: problems.add(key, text, "mail"))


def _pdf(section: Any, problems: _Problems) -> tuple[bool, str]:
    """`[pdf]`: whether PDFs are made (by default they are), and on which paper size."""
    if not isinstance(section, dict):
        problems.add("pdf", "expected a [pdf] section with enabled and paper")
        return True, PAPERS[0]
    for key in section:
        if key not in PDF_KEYS:
            problems.add(key, unknown_key_message(key, PDF_KEYS), "pdf")
    enabled = section.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.add("enabled", "expected true or false", "pdf")
    paper = section.get("paper", PAPERS[0])
    if paper not in PAPERS:
        problems.add(
            "paper",
            f"{paper!r} is not a paper size pressgen knows, expected 'a4' or 'us-letter'",
            "pdf",
        )
    return enabled is not False, paper if paper in PAPERS else PAPERS[0]


def _timezone(value: Any, problems: _Problems) -> str | None:
    """The zone that times written without an offset are in, checked to exist."""
    if value is None:
        return None
    if not isinstance(value, str):
        problems.add("timezone", 'expected an IANA time zone name, e.g. "Europe/Geneva"', "site")
        return None
    try:
        load_setting_zone(value)
    except InstantError as error:
        problems.add("timezone", str(error), "site")
        return None
    return str(value)


def _base_url(value: Any, problems: _Problems) -> str | None:
    try:
        parts = urlsplit(value) if isinstance(value, str) else None
    except ValueError:  # e.g. an unclosed IPv6 bracket
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        problems.add(
            "base_url", "expected an absolute URL such as 'https://newsroom.example.org/'", "site"
        )
        return None
    text = str(value)
    return text if text.endswith("/") else text + "/"


def _languages(value: Any, problems: _Problems) -> tuple[str, ...]:
    languages, slips = site_languages(value)
    for slip in slips:
        problems.add("languages", slip, "site")
    return languages


def _text_table(value: Any, key: str, section: str, problems: _Problems) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        problems.add(key, 'expected one text per language, e.g. en = "Newsroom"', section)
        return {}
    return dict(value)


def _vocabulary(value: Any, name: str, problems: _Problems) -> dict[str, str]:
    table = _text_table(value, name, None, problems) if value else {}  # type: ignore[arg-type]
    for key in table:
        if not RELEASE_ID.match(key):
            expected = (
                f"expected a key of at most {MAX_ID_LENGTH} lowercase ASCII letters, "
                "digits and hyphens"
            )
            problems.add(key, expected, name)
    return table


def _locales(value: Any, languages: tuple[str, ...], problems: _Problems) -> dict[str, str]:
    """`[site.locales]`: the CLDR locale that formats each language (en = "en_GB"), checked
    to be a locale CLDR knows and to be a variant of the language it formats."""
    table = _text_table(value, "locales", "site", problems)
    found = {}
    for lang, name in table.items():
        if lang not in languages:
            known = ", ".join(languages) or "the site's languages"
            problems.add(
                lang,
                f"'{lang}' is not a language of the site, expected one of: {known}",
                "site.locales",
            )
            continue
        try:
            locale = Locale.parse(name.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            locale = None
        if locale is None or locale.language != Locale.parse(lang, sep="-").language:
            problems.add(
                lang,
                f"'{name}' is not a CLDR locale of the language '{lang}', "
                f"expected e.g. '{lang.split('-')[0]}_{_EXAMPLE_TERRITORY.get(lang, 'XX')}'",
                "site.locales",
            )
            continue
        found[lang] = str(locale)
    return found


_EXAMPLE_TERRITORY = {"en": "GB", "fr": "CH", "es": "ES", "ar": "EG", "zh": "CN", "ru": "RU"}
