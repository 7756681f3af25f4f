"""Languages: gettext catalogs (package defaults, then the site's), CLDR formatting, typography.

A `Language` bundles everything language-specific that rendering needs, so that templates and
renderers receive it as an argument instead of reading a global "current language".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format, get_timezone_gmt
from babel.lists import format_list
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

from .model import RTL_LANGUAGES, Site
from .problems import Problem, display_path
from .resources import DOMAIN, PACKAGE_LOCALES, catalog_path

SOURCE_LANGUAGE = "en"
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def read_catalog(path: Path, lang: str) -> Catalog | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=Locale.parse(lang, sep="-"), domain=DOMAIN)


def merged_catalog(lang: str, site_locales: Path | None) -> Catalog:
    """The package's catalog for `lang`, with the site's messages laid over it one by one."""
    catalog = read_catalog(catalog_path(PACKAGE_LOCALES, lang), lang) or Catalog(
        locale=Locale.parse(lang, sep="-"), domain=DOMAIN
    )
    site = read_catalog(catalog_path(site_locales, lang), lang) if site_locales else None
    for message in site or ():
        if message.id and message.string and not message.fuzzy:
            if message.id in catalog:  # Babel would keep the old string when merging
                catalog.delete(message.id, message.context)
            catalog[message.id] = message
    return catalog


def translations_for(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def text_direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"


_FR_BEFORE = re.compile(r"[ \u00a0\u202f]?([:;!?»])(?=\s|$|[.,)»])")
_FR_AFTER = re.compile(r"«[ \u00a0\u202f]?")


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space inside « » and before : ; ! ?."""
    text = _FR_AFTER.sub("«\u202f", text)
    return _FR_BEFORE.sub(lambda m: "\u202f" + m.group(1), text)


def _as_written(text: str) -> str:
    return text


def typography_for(lang: str) -> Callable[[str], str]:
    """The spacing rule of a language; most languages keep text as written."""
    return french_spacing if lang.split("-")[0] == "fr" else _as_written


# The zero of CLDR's decimal numbering systems whose digits are consecutive code points
NATIVE_ZEROS = {
    "arab": 0x0660,
    "arabext": 0x06F0,
    "beng": 0x09E6,
    "deva": 0x0966,
    "fullwide": 0xFF10,
    "khmr": 0x17E0,
    "laoo": 0x0ED0,
    "mymr": 0x1040,
    "thai": 0x0E50,
    "tibt": 0x0F20,
}
NATIVE_NAME = ("native name",)  # a memo key no message or date can be


@dataclass(frozen=True)
class Language:
    """One site language: its catalog, CLDR locale, direction and typography."""

    code: str
    locale: Locale
    translations: Translations
    memo: dict[object, str] = field(default_factory=dict, compare=False, repr=False)
    used: set[Lookup] | None = field(default=None, compare=False, repr=False)

    def recording(self, used: set[Lookup]) -> Language:
        """This language, noting in `used` each message it is asked for: an output depends
        only on the messages it shows, so a translator's fix re-renders only those."""
        return Language(self.code, self.locale, self.translations, self.memo, used)

    @property
    def direction(self) -> str:
        return text_direction(self.code)

    @property
    def native_name(self) -> str:
        found = self.memo.get(NATIVE_NAME)
        if found is None:  # in every page's language switcher
            name = self.locale.get_display_name(self.locale) or self.code
            found = self.memo[NATIVE_NAME] = name[:1].upper() + name[1:]
        return found

    @property
    def space(self) -> str:
        """The space between words: none in Chinese and Japanese, so none is ever inserted."""
        return "" if self.locale.language in UNSPACED_LANGUAGES else " "

    def join_list(self, items: Iterable[str]) -> str:
        """A list of labels in the language's own way: "A, B et C", "A、B和C", "A وB"."""
        items = list(items)
        return format_list(items, style="standard", locale=self.locale) if items else ""

    @property
    def separator(self) -> str:
        """Between parts of one line (a contact's name, email, organisation): ", ", "，"."""
        return self._ask((self.code, "pgettext", "separator between parts of a line", ", "))

    def join_parts(self, parts: Iterable[str]) -> str:
        return self.separator.join(parts)

    def gettext(self, message: str) -> str:
        if self.used is not None:
            self.used.add((self.code, "gettext", message))
        found = self.memo.get(message)
        if found is None:  # the same few messages are asked for on every page
            found = self.memo[message] = self.typography(self.translations.gettext(message))
        return found

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.typography(self._ask((self.code, "ngettext", singular, plural, count)))

    def _ask(self, lookup: Lookup) -> str:
        """The catalog's answer, noted when recording (`gettext` notes its own: it answers
        from its memo)."""
        if self.used is not None:
            self.used.add(lookup)
        return looked_up(self.translations, lookup)

    def typography(self, text: str) -> str:
        """Apply the language's spacing rules to text a reader sees (not to markup)."""
        return typography_for(self.code)(text)

    def long_date(self, instant: datetime) -> str:
        """CLDR long date in the instant's own offset: "15 mars 2021", "١٥ مارس ٢٠٢١"."""
        day = instant.date()
        found = self.memo.get(day)
        if found is None:
            found = self.memo[day] = format_date(day, format="long", locale=self.locale)
        return found

    def number(self, value: int) -> str:
        """A whole number in the locale's own digits and grouping ("12 345", "12,345"),
        in CLDR's default numbering system for the locale (Latin digits for `ar`,
        Arabic-Indic ones for `ar-EG`)."""
        text = format_decimal(value, locale=self.locale, numbering_system="default")
        return self._digits(text)

    def _digits(self, text: str) -> str:
        """Babel formats symbols for a numbering system but keeps Latin digits: write them
        in the system's own."""
        zero = NATIVE_ZEROS.get(self.locale.default_numbering_system)
        if zero is None:
            return text
        return text.translate({ord("0") + i: chr(zero + i) for i in range(10)})

    def year(self, value: int) -> str:
        """A year as a number without grouping ("2021", never "2,021")."""
        text = format_decimal(value, format="0", locale=self.locale, numbering_system="default")
        return self._digits(text)

    def dimensions(self, width: int, height: int) -> str:
        """A picture's size in pixels, "3,000 × 2,000", kept left to right in any script."""
        return f"\u2068{self.number(width)} × {self.number(height)}\u2069"

    def long_datetime(self, instant: datetime) -> str:
        """CLDR long date, short time and UTC offset: "15 mars 2021, 10:00 UTC+01:00"."""
        time = format_time(instant, "short", tzinfo=instant.tzinfo, locale=self.locale)
        zone = get_timezone_gmt(instant, "long", locale=self.locale)
        pattern = get_datetime_format("long", locale=self.locale).replace("'", "")
        return pattern.replace("{0}", f"{time} {zone}").replace("{1}", self.long_date(instant))


# One question asked of a catalog: language, method, then the method's arguments.
Lookup = tuple[str | int, ...]


def looked_up(translations: Translations, lookup: Lookup) -> str:
    """The catalog's answer to `lookup`, before typography (which is code, not catalog)."""
    _, method, *arguments = lookup
    answer: str = getattr(translations, str(method))(*arguments)
    return answer


def load_languages(codes: Iterable[str], site_locales: Path | None) -> Mapping[str, Language]:
    """Every site language with its merged catalog, loaded once per build."""
    return {
        code: Language(
            code=code,
            locale=Locale.parse(code, sep="-"),
            translations=translations_for(merged_catalog(code, site_locales)),
        )
        for code in codes
    }


def _is_translated(
    catalog: Catalog, message_id: str | tuple[str, ...], context: str | None
) -> bool:
    message = catalog.get(message_id, context)
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(strings) and all(strings)


def missing_translations(
    languages: Iterable[str], site_locales: Path | None, labels: Iterable[str], root: Path
) -> list[Problem]:
    """Interface messages and vocabulary labels that a site language's catalogs lack.

    English is the language of the message ids, so it needs no translation.
    """
    with (PACKAGE_LOCALES / f"{DOMAIN}.pot").open("rb") as handle:
        template = read_po(handle)
    wanted = [(m.id, m.context) for m in template if m.id]
    wanted += [(label, None) for label in sorted(set(labels)) if label not in template]
    problems = []
    for lang in languages:
        if lang.split("-")[0] == SOURCE_LANGUAGE:
            continue
        catalog = merged_catalog(lang, site_locales)
        where = catalog_path(site_locales or root / "locales", lang)
        shown = display_path(where, root)
        for message_id, context in wanted:
            if not _is_translated(catalog, message_id, context):
                text = message_id if isinstance(message_id, str) else message_id[0]
                problems.append(
                    Problem(
                        shown,
                        None,
                        "msgid",
                        f"'{text}' has no translation into '{lang}', add its msgstr",
                    )
                )
    return problems


def site_missing_translations(site: Site) -> list[Problem]:
    """What the site's languages lack: every interface message and vocabulary label."""
    config = site.config
    labels = [*config.types.values(), *config.regions.values(), *config.topics.values()]
    return missing_translations(config.languages, site.locales_dir, labels, site.root)
