"""Languages: gettext catalogs (package defaults, then the site's), CLDR formatting, typography.

A `Language` bundles everything language-specific that rendering needs, so that templates and
renderers receive it as an argument instead of reading a global "current language".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format, get_timezone_gmt
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from .model import RTL_LANGUAGES

PACKAGE_LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"


def catalog_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


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


@dataclass(frozen=True)
class Language:
    """One site language: its catalog, CLDR locale, direction and typography."""

    code: str
    locale: Locale
    translations: Translations

    @property
    def direction(self) -> str:
        return text_direction(self.code)

    @property
    def native_name(self) -> str:
        name = self.locale.get_display_name(self.locale) or self.code
        return name[:1].upper() + name[1:]

    def gettext(self, message: str) -> str:
        return self.typography(self.translations.gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.typography(self.translations.ngettext(singular, plural, count))

    def typography(self, text: str) -> str:
        """Apply the language's spacing rules to text a reader sees (not to markup)."""
        return typography_for(self.code)(text)

    def long_date(self, instant: datetime) -> str:
        """CLDR long date in the instant's own offset: "15 mars 2021", "١٥ مارس ٢٠٢١"."""
        return format_date(instant.date(), format="long", locale=self.locale)

    def long_datetime(self, instant: datetime) -> str:
        """CLDR long date, short time and UTC offset: "15 mars 2021, 10:00 UTC+01:00"."""
        time = format_time(instant, "short", tzinfo=instant.tzinfo, locale=self.locale)
        zone = get_timezone_gmt(instant, "long", locale=self.locale)
        pattern = get_datetime_format("long", locale=self.locale).replace("'", "")
        return pattern.replace("{0}", f"{time} {zone}").replace("{1}", self.long_date(instant))

    def language_name(self, code: str) -> str:
        """Another language's name in this language (for `title` and screen readers)."""
        return Locale.parse(code, sep="-").get_display_name(self.locale) or code


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
