"""A release's press kit: one zip with its PDF and plain text in every language, its photos
at full resolution, and their credits.

The archive is a pure function of its contents: entries in a fixed order, each dated with
the release's date, stored uncompressed (PDFs and photos are compressed already, and no zlib
version can then change the bytes).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from .. import paths
from ..model import Release
from .pdf import IMAGE_SUFFIXES
from .views import RenderContext

CREDITS = "CREDITS.txt"


@dataclass(frozen=True)
class KitDocuments:
    """One language's files for the kit, as the build rendered them."""

    pdf: bytes
    text: bytes


def press_kit(
    release: Release,
    ctx: RenderContext,
    documents: Mapping[str, KitDocuments],
    published: Callable[[str], bytes],
) -> bytes:
    """The press kit of `release`: `documents` holds each language's PDF and plain text,
    `published` gives a file of the release as the build published it under media/ (a
    photo without its location data)."""
    folder = f"{release.id}-press-kit/"
    entries: dict[str, bytes] = {}
    for lang in sorted(documents):
        entries[folder + _file_name(paths.release_pdf(lang, release.id))] = documents[lang].pdf
        entries[folder + _file_name(paths.release_text(lang, release.id))] = documents[lang].text
    photos = _photos(release)
    for name in photos:
        entries[f"{folder}photos/{name}"] = published(name)
    if photos:
        entries[f"{folder}photos/{CREDITS}"] = _credits(release, ctx, photos, sorted(documents))
    return _zip(entries, release.date)


def _file_name(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _photos(release: Release) -> list[str]:
    """The release's photos as its page shows them, then the other images of its folder,
    by name."""
    photos = release.photo_names
    images = [
        name
        for name in release.media_files
        if name not in photos and "." + name.rsplit(".", 1)[-1].lower() in IMAGE_SUFFIXES
    ]
    return [*photos, *images]


def _credits(release: Release, ctx: RenderContext, photos: list[str], langs: list[str]) -> bytes:
    """Each photo's file name, then its caption and credit in every language of the kit
    (known for the release's photos; the body's images are listed by name)."""
    lines: list[str] = []
    for name in photos:
        lines.append(name)
        for lang in langs:
            described = _described(release, ctx, lang, name)
            if described:
                lines.append(f"  {lang}: {described}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _described(release: Release, ctx: RenderContext, lang: str, name: str) -> str:
    language = ctx.languages[lang]
    text = release.translations[lang].image_text(name, release.image)
    if text is None:
        return ""
    parts = []
    if text.caption:
        parts.append(language.typography(text.caption))
    if text.credit:
        credit = language.typography(text.credit)
        parts.append(language.gettext("Photo: %(credit)s") % {"credit": credit})
    return language.space.join(parts)


def _zip_date(stamp: tuple[int, ...]) -> tuple[int, int, int, int, int, int]:
    """`stamp` within the dates a zip entry can carry: 1980 to the end of 2107 (a year in
    seven bits); a release dated 2206 by a slip of the keyboard stopped the build."""
    first, last = (1980, 1, 1, 0, 0, 0), (2107, 12, 31, 23, 59, 58)
    year, month, day, hour, minute, second = min(max(stamp, first), last)
    return year, month, day, hour, minute, second


def _zip(entries: Mapping[str, bytes], date: datetime) -> bytes:
    """A zip of `entries` in the given order, every entry dated `date` (local time)."""
    stamp = _zip_date(date.timetuple()[:6])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine builds the kit
            archive.writestr(info, content)
    return buffer.getvalue()
