"""The website's own settings in pressgen.toml: `[archive]`, `[brand]`, `[about]`, `[[contacts]]`.

Each reader takes the section's raw TOML value and a `report(key, message, section)` callback
(config.py's problem list, which knows the line of each key), and returns a validated value
or a default: the rest of the program never meets a missing key or an unreadable colour.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..model import Brand, MediaContact
from ..problems import unknown_key_message

Report = Callable[[str, str, "str | None"], None]

ASSETS_DIR = "assets"
ARCHIVE_KEYS = ("page_size",)
BRAND_KEYS = ("logo", "favicon", "stylesheet", "accent", "text", "background")
CONTACT_KEYS = ("name", "role", "org", "email", "phone")
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 50  # at about 1 KB of HTML a release, a list page stays under 100 KB
MIN_CONTRAST = 4.5  # WCAG 2 AA for body text
DEFAULT_COLOURS = {"text": "#1b1b1b", "background": "#ffffff", "accent": "#0b4f8a"}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}\Z")


def _table(value: Any, section: str, keys: Sequence[str], report: Report) -> dict[str, Any]:
    if not isinstance(value, dict):
        report(section, f"expected a [{section}] section with: {', '.join(keys)}", None)
        return {}
    for key in value:
        if key not in keys:
            report(key, unknown_key_message(key, keys), section)
    return value


def read_archive(value: Any, report: Report) -> int:
    """`[archive] page_size`: how many releases a list page shows."""
    table = _table(value, "archive", ARCHIVE_KEYS, report)
    size = table.get("page_size", DEFAULT_PAGE_SIZE)
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_PAGE_SIZE:
        report(
            "page_size", f"expected a whole number of releases from 1 to {MAX_PAGE_SIZE}", "archive"
        )
        return DEFAULT_PAGE_SIZE
    return size


def read_brand(value: Any, root: Path, report: Report) -> Brand:
    """`[brand]`: logo and favicon files in assets/, and readable colours."""
    table = _table(value, "brand", BRAND_KEYS, report)
    files = {
        key: _asset(table.get(key), key, root, report) for key in ("logo", "favicon", "stylesheet")
    }
    sizes = {key: _graphic_size(files[key], key, root, report) for key in ("logo", "favicon")}
    logo_size = sizes["logo"]
    colours = {key: _colour(table.get(key), key, report) for key in DEFAULT_COLOURS}
    chosen = {key: colours[key] or default for key, default in DEFAULT_COLOURS.items()}
    for key in ("text", "accent"):
        ratio = contrast(chosen[key], chosen["background"])
        if (colours[key] or colours["background"]) and ratio < MIN_CONTRAST:
            report(
                key,
                f"{chosen[key]} on {chosen['background']} has a contrast of {ratio:.1f}:1, "
                f"expected at least {MIN_CONTRAST}:1 so that every reader can read it",
                "brand",
            )
    return Brand(**files, **colours, logo_size=logo_size)


def _graphic_size(name: str | None, key: str, root: Path, report: Report) -> tuple[int, int]:
    """The size of the logo or favicon, (0, 0) if there is none or it cannot be read (said)."""
    if not name:
        return (0, 0)
    from ..photos import PhotoError, graphic_size  # Pillow only for sites with a logo

    try:
        return graphic_size(root / ASSETS_DIR / name)
    except PhotoError as error:
        report(key, f"'{name}' {error}", "brand")
        return (0, 0)


def _asset(value: Any, key: str, root: Path, report: Report) -> str | None:
    if value is None:
        return None
    folder = root / ASSETS_DIR
    if not isinstance(value, str) or "/" in value or "\\" in value or value.startswith("."):
        report(key, f"expected the name of a file in {ASSETS_DIR}/, e.g. 'logo.svg'", "brand")
        return None
    if not (folder / value).is_file():
        report(key, f"'{value}' does not exist, expected a file in {ASSETS_DIR}/", "brand")
        return None
    return value


def _colour(value: Any, key: str, report: Report) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _HEX.match(value):
        report(key, "expected a colour as #rrggbb, e.g. '#0b4f8a'", "brand")
        return None
    return value.lower()


def contrast(first: str, second: str) -> float:
    """The WCAG 2 contrast ratio of two hex colours (1 to 21)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _luminance(colour: str) -> float:
    digits = colour[1:]
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def read_about(value: Any, languages: Sequence[str], report: Report) -> dict[str, str]:
    """`[about]`: the organisation's boilerplate, in Markdown, per language."""
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        report("about", 'expected one text per language, e.g. en = "IOM is ..."', None)
        return {}
    for lang in value:
        if lang not in languages:
            report(lang, _not_a_site_language(lang, languages), "about")
    return {lang: text for lang, text in value.items() if text.strip()}


def _not_a_site_language(lang: str, languages: Sequence[str]) -> str:
    """A text in a language the site does not publish: a typo ("eng"), or one taken out of
    `languages` and left here."""
    meant = unknown_key_message(lang, languages, "language")
    if "did you mean" in meant or len(lang) not in (2, 3):
        return meant
    known = ", ".join(languages)
    return (
        f"'{lang}' is not one of the site's languages ({known}): delete this text, or add "
        f'"{lang}" to languages'
    )


def read_contacts(value: Any, languages: Sequence[str], report: Report) -> tuple[MediaContact, ...]:
    """`[[contacts]]`: the press officers on the media-contacts page, in order."""
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        report("contacts", "expected [[contacts]] tables with name, role, org, email, phone", None)
        return ()
    contacts = []
    for table in value:
        _table(table, "contacts", CONTACT_KEYS, report)
        texts = {
            key: _localised(table.get(key), key, languages, report) for key in CONTACT_KEYS[:3]
        }
        if not texts["name"]:
            report("name", "is missing, expected the press officer's name", "contacts")
            continue
        extras = {key: table.get(key) for key in ("email", "phone")}
        for key, extra in extras.items():
            if extra is not None and not isinstance(extra, str):
                report(key, "expected text", "contacts")
                extras[key] = None
        contacts.append(
            MediaContact(
                name=texts["name"],
                role=texts["role"],
                org=texts["org"],
                email=extras["email"],
                phone=extras["phone"],
            )
        )
    return tuple(contacts)


def _localised(value: Any, key: str, languages: Sequence[str], report: Report) -> dict[str, str]:
    """One text for every language, or a table of texts by language."""
    if value is None:
        return {}
    if isinstance(value, str):
        return dict.fromkeys(languages, value)
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return dict(value)
    report(key, 'expected text, or one text per language: { en = "...", fr = "..." }', "contacts")
    return {}
