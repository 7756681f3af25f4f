"""Languages: gettext catalogs (package defaults, then the site's), CLDR formatting, typography.

A `Language` bundles everything language-specific that rendering needs, so that templates and
renderers receive it as an argument instead of reading a global "current language".
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from io import BytesIO, StringIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_group_symbol
from babel.support import Translations

from . import cldr
from .model import RTL_LANGUAGES, locale_name
from .resources import DOMAIN, PACKAGE_LOCALES, catalog_path
from .typography import typography_for

SOURCE_LANGUAGE = "en"
BYTE_ORDER_MARK = b"\xef\xbb\xbf"
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})


def read_catalog(path: Path, lang: str) -> Catalog | None:
    """The catalog at `path`, if there is one. A byte order mark (Notepad writes one) is
    skipped, as in every file of a site; what Babel prints of the lines it skips is not
    shown: `read.catalogs` reports each slip with its line."""
    if not path.is_file():
        return None
    data = path.read_bytes().removeprefix(BYTE_ORDER_MARK)
    with contextlib.redirect_stdout(StringIO()):
        return read_po(BytesIO(data), locale=Locale.parse(lang, sep="-"), domain=DOMAIN)


@lru_cache(maxsize=1)
def package_template() -> Catalog:
    """pressgen's `messages.pot`: every message its pages show (read once; not to change)."""
    with (PACKAGE_LOCALES / f"{DOMAIN}.pot").open("rb") as handle:
        return read_po(handle)


def catalog_tags(lang: str) -> tuple[str, ...]:
    """The tags whose catalogs give `lang` its words, the most specific first: `fr-CA`, then
    `fr`, so that a regional language is French wherever its own catalogs say nothing.

    A parent written in another script gives none: `zh-TW` (Traditional characters, as
    Babel's likely subtags say) takes `zh-Hant` and never `zh`, which is Simplified; its
    readers see English where no Traditional catalog has a message, not Simplified words."""
    parts = lang.split("-")
    tags = ["-".join(parts[:end]) for end in range(len(parts), 0, -1)]
    script = _script(lang)
    if script and Locale.parse(lang, sep="-").script:  # a language CLDR writes in several
        tags.insert(len(tags) - 1, f"{parts[0]}-{script}")  # zh_Hant serves zh-TW and zh-HK
    return tuple(dict.fromkeys(tag for tag in tags if tag == lang or _script(tag) == script))


def word_tags(lang: str) -> tuple[str, ...]:
    """The tags of every catalog a page in `lang` takes words from: its own
    (`catalog_tags`), then English, the language of the message ids. Where none of its own
    has a message, a pt-BR or zh-TW page shows the site's English words (its locales/en),
    as its English pages do, and pressgen's only where the site changed none."""
    tags = catalog_tags(lang)
    return tags if SOURCE_LANGUAGE in tags else (*tags, SOURCE_LANGUAGE)


def every_catalog_tag(languages: Iterable[str]) -> tuple[str, ...]:
    """The tags of all catalogs the site's languages take words from, each once."""
    return tuple(dict.fromkeys(tag for lang in languages for tag in word_tags(lang)))


@lru_cache(maxsize=64)
def _script(tag: str) -> str | None:
    """The script `tag` is written in: its own, or its language's likely one (`zh`: Hans)."""
    try:
        locale = Locale.parse(tag, sep="-")
        likely = get_global("likely_subtags").get(locale.language)
        return locale.script or (Locale.parse(likely).script if likely else None)
    except (ValueError, UnknownLocaleError):
        return None


def site_catalogs(lang: str, site_locales: Path | None) -> dict[str, Catalog | None]:
    """The site's catalog of each tag of `lang` (`word_tags`), None where it has none."""
    return {
        tag: read_catalog(catalog_path(site_locales, tag), tag) if site_locales else None
        for tag in word_tags(lang)
    }


def merged_translations(lang: str, site_locales: Path | None) -> Translations:
    """The words of `lang`'s pages: pressgen's catalogs and the site's (`over_package`),
    then the site's English where none of them has a message (`english_fallback`)."""
    site = site_catalogs(lang, site_locales)
    catalog = over_package(lang, site)
    translations = translations_for(catalog)
    english = english_fallback(lang, site, catalog)
    if english is not None:
        translations.add_fallback(translations_for(english))
    return translations


def over_package(lang: str, site: Mapping[str, Catalog | None]) -> Catalog:
    """For each message, the most specific translation there is: the site's catalog for
    `lang` (in `site`, by tag, each read once by its caller), pressgen's, then the site's and
    pressgen's for each parent (`catalog_tags`); the message id where none has one."""
    catalog = Catalog(locale=Locale.parse(lang, sep="-"), domain=DOMAIN)
    for tag in reversed(catalog_tags(lang)):
        _lay_over(catalog, read_catalog(catalog_path(PACKAGE_LOCALES, tag), tag))
        _lay_over(catalog, site.get(tag))
    return catalog


def english_fallback(lang: str, site: Mapping[str, Catalog | None], own: Catalog) -> Catalog | None:
    """The site's English messages (in `site`, see `word_tags`) that `lang`'s own catalog
    `own` has in no form, in no context: a pt-BR page shows the site's English words where
    it has no Portuguese, as its English pages do, but French keeps its label in running
    text though the site's English has one for that context. A catalog of its own, taken
    as a gettext fallback: English counts its plurals by English rules."""
    english = site.get(SOURCE_LANGUAGE)
    if english is None or SOURCE_LANGUAGE in catalog_tags(lang):
        return None
    translated = {message.id for message in own if message.id}
    fallback = Catalog(locale=Locale.parse(SOURCE_LANGUAGE), domain=DOMAIN)
    _lay_over(fallback, english, leave=translated)
    return fallback


def _lay_over(catalog: Catalog, layer: Catalog | None, leave: Collection[object] = ()) -> None:
    """Put each translated message of `layer` in `catalog`, in place of the one there, but
    those whose id is in `leave`."""
    for message in layer or ():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.id and all(strings) and not message.fuzzy:  # forms left empty: pressgen's
            if message.id in leave:
                continue
            if catalog.get(message.id, message.context) is not None:  # Babel keeps the old string
                catalog.delete(message.id, message.context)
            catalog[message.id] = message


def translations_for(catalog: Catalog) -> Translations:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def text_direction(lang: str) -> str:
    return "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"


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
NATIVE_NAME = ("native name",)  # a memo key no message, date, list or number can be
GROUP_SPACE = ("group space",)
# A plain space between groups of digits ("140 000"): where the locale groups digits with
# a space, its own no-break space takes its place, so that no line breaks inside a number
_PLAIN_GROUP_SPACE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")


RUNNING_TEXT = "in running text"  # the catalog context of a label inside a sentence


@dataclass(frozen=True)
class Language:
    """One site language: its catalog, CLDR locale, direction and typography.

    `code` is the site's language tag (URLs, `lang` attributes, catalogs); `locale` is the
    CLDR locale that formats dates, times, numbers and lists, `[site.locales]` or the
    tag's own (en_GB for a site whose English is British: "2 June 2021", "16:00").
    """

    code: str
    locale: Locale
    translations: Translations
    memo: dict[object, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def direction(self) -> str:
        return text_direction(self.code)

    @property
    def native_name(self) -> str:
        found = self.memo.get(NATIVE_NAME)
        if found is None:  # in every page's language switcher
            own = Locale.parse(self.code, sep="-")  # "English", not "English (United Kingdom)"
            name = own.get_display_name(own) or self.code
            found = self.memo[NATIVE_NAME] = name[:1].upper() + name[1:]
        return found

    @property
    def space(self) -> str:
        """The space between words: none in Chinese and Japanese, so none is ever inserted."""
        return "" if self.locale.language in UNSPACED_LANGUAGES else " "

    def join_list(self, items: Iterable[str]) -> str:
        """A list of labels in the language's own way: "A, B et C", "A、B和C", "A وB"."""
        key = ("list", *items)
        found = self.memo.get(key)
        if found is None:  # a list page joins the same few regions for each of its entries
            found = self.memo[key] = cldr.join_list(list(key[1:]), self.locale)
        return found

    def untranslated(self, label: str, in_running_text: bool = False) -> str | None:
        """ "en" when a vocabulary label (an English msgid) has no translation in this
        language's catalogs and the page shows it in English ("Europe" on a French page,
        until a translator adds it): the page marks it so, for a screen reader to read it
        as English. None for a translated label, and on an English page."""
        if self.locale.language == "en":
            return None
        catalog: Mapping[str, str] = getattr(self.translations, "_catalog", {})
        keys = (f"{RUNNING_TEXT}\x04{label}", label) if in_running_text else (label,)
        return None if any(key in catalog for key in keys) else "en"

    def running_text(self, label: str) -> str:
        """A vocabulary label (an English msgid) translated, as written inside a sentence.

        The catalog's entry in the context "in running text" wins ("Asia and the Pacific"
        keeps its capitals); otherwise a capitalised common noun loses its capital.
        """
        key = f"{RUNNING_TEXT}\x04{label}"
        catalog: Mapping[str, str] = getattr(self.translations, "_catalog", {})
        if key in catalog:  # gettext cannot tell a missing message from one kept as is
            return self.typography(catalog[key])
        return cldr.running_text(self.gettext(label), self.locale)

    def pgettext(self, context: str, message: str) -> str:
        return self.typography(str(self.translations.pgettext(context, message)))

    @property
    def _first_day(self) -> str:  # "1er" in French (CLDR writes "1")
        return self.pgettext("the first day of a month, in a date", "1")

    @property
    def separator(self) -> str:
        """Between parts of one line (a contact's name, email, organisation): ", ", "，"."""
        return str(self.translations.pgettext("separator between parts of a line", ", "))

    def gettext(self, message: str) -> str:
        found = self.memo.get(message)
        if found is None:  # the same few messages are asked for on every page
            found = self.memo[message] = self.typography(self.translations.gettext(message))
        return found

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.typography(self.translations.ngettext(singular, plural, count))

    def typography(self, text: str) -> str:
        """Apply the language's spacing rules to text a reader sees (not to markup)."""
        text = typography_for(self.code)(text)
        group = self.memo.get(GROUP_SPACE)
        if group is None:  # the locale's space between groups of digits, if it has one
            symbol = get_group_symbol(self.locale)
            group = self.memo[GROUP_SPACE] = symbol if symbol.isspace() else ""
        return _PLAIN_GROUP_SPACE.sub(group, text) if group and " " in text else text

    def long_date(self, instant: datetime) -> str:
        """CLDR long date in the instant's own zone, the 1st as the catalog says: "1er juin"."""
        found = self.memo.get(instant.date())
        if found is None:
            written = cldr.long_date(instant, self.locale, self._first_day)
            found = self.memo[instant.date()] = self._digits(written)
        return found

    def time_with_zone(self, instant: datetime) -> str:
        """The time on the locale's clock with the zone's name: "16:00 CEST", "4:00 PM EDT",
        "16:00 (heure d’été d’Europe centrale)" (see `cldr.zone_name`)."""
        return self.pgettext("a time and its time zone", "%(time)s %(zone)s") % {
            "time": self._digits(cldr.short_time(instant, self.locale)),
            "zone": self._digits(cldr.zone_name(instant, self.locale)),
        }

    def number(self, value: int) -> str:
        """A whole number in the locale's own digits and grouping ("12 345", "12,345"),
        in CLDR's default numbering system for the locale (Latin digits for `ar`,
        Arabic-Indic ones for `ar-EG`)."""
        key = ("number", value)
        found = self.memo.get(key)
        if found is None:  # the same page numbers on every list page
            formatted = format_decimal(value, locale=self.locale, numbering_system="default")
            found = self.memo[key] = self._digits(formatted)
        return found

    @property
    def number_tag(self) -> str:
        """The locale as a BCP 47 tag naming its numbering system ("ar-EG-u-nu-arab"), for
        a browser's `Intl.NumberFormat` to count as `number` does."""
        parts = [self.locale.language, self.locale.script, self.locale.territory]
        tag = "-".join(part for part in parts if part)
        return f"{tag}-u-nu-{self.locale.default_numbering_system}"

    def _digits(self, text: str) -> str:
        """Babel formats symbols for a numbering system but keeps Latin digits: write them
        in the system's own."""
        zero = NATIVE_ZEROS.get(self.locale.default_numbering_system)
        if zero is None:
            return text
        return text.translate({ord("0") + i: chr(zero + i) for i in range(10)})

    def year(self, value: int) -> str:
        """A year as a number without grouping ("2021", never "2,021")."""
        key = ("year", value)
        found = self.memo.get(key)
        if found is None:  # every release page names its year
            text = format_decimal(value, format="0", locale=self.locale, numbering_system="default")
            found = self.memo[key] = self._digits(text)
        return found

    def dimensions(self, width: int, height: int) -> str:
        """A picture's size in pixels, "3,000 × 2,000", kept left to right in any script."""
        return f"\u2068{self.number(width)} × {self.number(height)}\u2069"

    def long_datetime(self, instant: datetime) -> str:
        """An instant as a newsroom writes it, for embargo lines in every output (also named
        `embargo_instant`): "16:00 CEST (14:00 GMT), 2 June 2021", in the instant's own zone.
        A GMT instant gives no GMT time twice ("14:00 GMT, 2 June 2021"); a GMT time on
        another day says which ("(23:00 GMT on 1 June)"). Each language orders the pieces in
        its catalog: "2 juin 2021 à 16:00 (heure d’été d’Europe centrale) (14:00 GMT)"."""
        values = {"time": self.time_with_zone(instant), "date": self.long_date(instant)}
        if cldr.is_gmt(instant):
            return self.pgettext("a date and time", "%(time)s, %(date)s") % values
        gmt = cldr.in_gmt(instant)
        if gmt.date() == instant.date():
            values["gmt"] = self.pgettext("the same time in GMT", "%(time)s GMT") % {
                "time": self._digits(cldr.short_time(gmt, self.locale))
            }
        else:
            values["gmt"] = self.pgettext(
                "the same time in GMT, on another day", "%(time)s GMT on %(day)s"
            ) % {
                "time": self._digits(cldr.short_time(gmt, self.locale)),
                "day": self._digits(cldr.day_and_month(gmt, self.locale, self._first_day)),
            }
        return (
            self.pgettext("a date and time, with the time in GMT", "%(time)s (%(gmt)s), %(date)s")
            % values
        )

    embargo_instant = long_datetime


def load_languages(
    codes: Iterable[str], site_locales: Path | None, locales: Mapping[str, str] | None = None
) -> Mapping[str, Language]:
    """Every site language with its merged catalogs, loaded once per build, formatting with
    its `[site.locales]` locale (`SiteConfig.locales`) or else its own."""
    return {
        code: Language(
            code=code,
            locale=_cldr_locale(code, locales or {}),
            translations=merged_translations(code, site_locales),
        )
        for code in codes
    }


def _cldr_locale(code: str, locales: Mapping[str, str]) -> Locale:
    return Locale.parse(locale_name(code, locales))
