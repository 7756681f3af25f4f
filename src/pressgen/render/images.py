"""Release photos on the web: which copies each photo has, and how a page shows them.

`photo_plan` decides the copies from the photo's measured size alone, so a page can name
them (`srcset`, `width`, `height`) without decoding anything; `photo_files` makes them from
the source bytes. Both are pure: same photo, same names, same bytes. A picture shown in a
body gets the same treatment in its own format (`picture_plan`, `body_pictures`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import NamedTuple

from .. import paths
from ..i18n import Language
from ..inside import read_inside
from ..model import Photo, Release, Translation
from ..photos import MODERN, Encoding, clean_original, encode_all, picture_copies
from .markdown import html_attribute

WIDTHS = (480, 800, 1200, 1600)  # enough steps for phones up to 2x desktop columns
FALLBACK_WIDTH = 800  # the `src` of browsers that read no srcset
CARD = (1200, 630)  # Open Graph and Twitter's large summary card
# The column is 38rem wide on a desktop (a gallery shows two photos a row); on a phone a
# photo spans the screen, less the margins.
SIZES = "(min-width: 40rem) 38rem, calc(100vw - 2rem)"
GALLERY_SIZES = "(min-width: 40rem) 19rem, calc(100vw - 2rem)"
_SUFFIX = {"JPEG": "jpg", "WEBP": "webp"}


@dataclass(frozen=True)
class Copy:
    path: str
    encoding: Encoding


def widths_for(photo: Photo) -> tuple[int, ...]:
    """The rendition widths of a photo: the standard steps below its own width, and its own
    width when that is below the largest step (never enlarged)."""
    below = [w for w in WIDTHS if w < photo.width]
    return tuple(dict.fromkeys([*below, min(photo.width, WIDTHS[-1])]))


def _height(photo: Photo, width: int) -> int:
    return _scaled_height(photo.width, photo.height, width)


def _scaled_height(width: int, height: int, to: int) -> int:
    return max(1, round(height * to / width))


def photo_plan(release_id: str, photo: Photo, card: bool) -> list[Copy]:
    """Every copy of a photo: each width in WebP and JPEG, and the social card if asked."""
    copies = [
        Copy(
            paths.photo_copy(release_id, photo.name, f"{width}w", _SUFFIX[kind]),
            Encoding(width, _height(photo, width), kind),
        )
        for width in widths_for(photo)
        for kind in (MODERN, "JPEG")
    ]
    if card:
        copies.append(
            Copy(
                paths.photo_copy(release_id, photo.name, "card", "jpg"),
                Encoding(*card_size(photo), "JPEG", crop=True),
            )
        )
    return copies


def card_size(photo: Photo) -> tuple[int, int]:
    """The social card's size: 1200×630, or the largest box of that shape the photo holds
    (a small photo enlarged would be shared blurred)."""
    width = min(CARD[0], photo.width, photo.height * CARD[0] // CARD[1])
    return width, max(1, round(width * CARD[1] / CARD[0]))


def photo_files(release_id: str, photo: Photo, source: bytes, card: bool) -> dict[str, bytes]:
    """The published files of one photo: its renditions, its social card (for the lead
    photo), and the original for download, all without location metadata."""
    plan = photo_plan(release_id, photo, card)
    made = encode_all(source, {copy.path: copy.encoding for copy in plan})
    made[paths.media(release_id, photo.name)] = clean_original(source)
    return made


def release_photo_files(release: Release) -> dict[str, bytes]:
    """Every photo file of a release, from the photos in its folder."""
    files: dict[str, bytes] = {}
    for name in release.photo_names:
        source = read_inside(release.folder / name, release.folder)
        photo = release.photos[name]
        files.update(photo_files(release.id, photo, source, card=name == release.image))
    return files


# A body picture's copies keep its format: a PNG chart stays sharp and transparent. A GIF
# (which may move) and an SVG (which scales itself) have none.
_OWN_FORMAT = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}


def picture_plan(release_id: str, name: str, size: tuple[int, int]) -> list[Copy]:
    """The smaller copies of a picture a body shows that is not one of the release's
    photos: each standard width below its own, in its own format."""
    width, height = size
    suffix, kind = _own_format(name)
    return [
        Copy(
            paths.photo_copy(release_id, name, f"{to}w", suffix),
            Encoding(to, _scaled_height(width, height, to), kind),
        )
        for to in (WIDTHS if kind else ())
        if to < width
    ]


def _own_format(name: str) -> tuple[str, str]:
    """A picture's file suffix and the format its copies keep ("" where it gets none)."""
    suffix = name.rsplit(".", 1)[-1].lower()
    return suffix, _OWN_FORMAT.get(suffix, "")


def body_picture_files(release: Release) -> dict[str, bytes]:
    """The smaller copies of every picture the release's bodies may show (its photos have
    theirs already), each made from the picture's own file."""
    files: dict[str, bytes] = {}
    for name, size in sorted(release.media_sizes.items()):
        plan = picture_plan(release.id, name, size)
        if plan:
            source = read_inside(release.folder / name, release.folder)
            files.update(picture_copies(source, {copy.path: copy.encoding for copy in plan}))
    return files


LOGO_HEIGHT = 40  # how tall pages show the logo (2.5rem; a phone, 2rem)


def logo_plan(name: str, size: tuple[int, int]) -> list[Copy]:
    """Copies of a raster logo at the height pages show it, once and twice (for screens
    of two pixels a point), where the logo is taller, in its own format."""
    width, height = size
    suffix, kind = _own_format(name)
    return [
        Copy(
            paths.logo_copy(name, to, suffix),
            Encoding(_scaled_height(height, width, to), to, kind),
        )
        for to in ((LOGO_HEIGHT, 2 * LOGO_HEIGHT) if kind else ())
        if to < height
    ]


def logo_srcset(name: str, size: tuple[int, int], page_path: str) -> str:
    """The logo's copies and the logo itself, each for the screens whose pixel density its
    height serves (an SVG, or a logo as small as it is shown, for every screen)."""
    copies = [(copy.path, copy.encoding.height) for copy in logo_plan(name, size)]
    if not copies:
        return f"{paths.relative(page_path, paths.asset(name))} 1x"
    copies.append((paths.asset(name), size[1]))
    return ", ".join(
        f"{paths.relative(page_path, path)} {height / LOGO_HEIGHT:g}x" for path, height in copies
    )


def logo_files(assets_dir: Path, name: str, size: tuple[int, int]) -> dict[str, bytes]:
    """The logo's copies (`logo_plan`), made from its file in the site's assets/."""
    plan = logo_plan(name, size)
    if not plan:
        return {}
    source = (assets_dir / name).read_bytes()
    return picture_copies(source, {copy.path: copy.encoding for copy in plan})


class BodyPicture(NamedTuple):
    """What a body's `<img>` needs to know of its picture: its size and the copies a
    browser may choose from."""

    width: int
    height: int
    srcset: str


def body_pictures(release: Release, page_path: str) -> dict[str, BodyPicture]:
    """Each picture a body may show, by its address from the page (as the body links it).
    A photo offers its JPEG renditions; another picture its own copies and itself."""
    pictures = {}
    for name, (width, height) in release.picture_sizes.items():
        photo = release.photos.get(name)
        if photo is not None:
            plan = photo_plan(release.id, photo, card=False)
            copies = [(c.path, c.encoding.width) for c in plan if c.encoding.format == "JPEG"]
        else:
            plan = picture_plan(release.id, name, (width, height))
            copies = [(c.path, c.encoding.width) for c in plan]
            copies.append((paths.media(release.id, name), width))
        srcset = ", ".join(f"{paths.relative(page_path, path)} {w}w" for path, w in copies)
        address = paths.relative(page_path, paths.media(release.id, name))
        pictures[address] = BodyPicture(width, height, srcset)
    return pictures


_IMG = re.compile(r"<img\b([^>]*)>")


def with_picture_sizes(html: str, pictures: Mapping[str, BodyPicture], first_seen: bool) -> str:
    """Each picture of the release in sanitised HTML (found by its address) with its
    `width` and `height`, so the page keeps its place before it loads, the copies a browser
    may choose from (`srcset`, `sizes`), and loaded lazily; but the first, when it is the
    first picture of the page (`first_seen`: the release has no photo above the body)."""
    if not pictures or "<img" not in html:
        return html
    eager = [first_seen]

    def sized(match: re.Match[str]) -> str:
        picture = pictures.get(html_attribute(match.group(1), "src") or "")
        if picture is None or html_attribute(match.group(1), "width") is not None:
            return match.group(0)
        width, height, srcset = picture
        first = eager.pop() if eager else False  # True once at most
        loading = "" if first else ' loading="lazy"'
        return (
            f'<img{match.group(1)} width="{width}" height="{height}" '
            f'srcset="{escape(srcset)}" sizes="{SIZES}"{loading}>'
        )

    return _IMG.sub(sized, html)


class PhotoView(NamedTuple):
    """A photo as a page shows it (every link relative to the page)."""

    src: str | None  # None: a caption and credit without a photo file
    srcset: str
    modern_srcset: str
    modern_type: str
    sizes: str
    width: int
    height: int
    alt: str
    caption: str | None
    credit: str | None
    lazy: bool
    download: str | None
    download_label: str | None


def photo_views(
    release: Release, translation: Translation, language: Language, page_path: str
) -> list[PhotoView]:
    """The release's photos in page order; the first is above the fold, the rest load lazily.

    A caption and credit for a lead photo whose file is missing still show (as text)."""
    names: list[str | None] = list(release.photo_names) or [None]
    views = []
    for index, name in enumerate(names):
        text = translation.image_text(name, release.image)
        if name is None and text is None:
            continue
        photo = release.photos.get(name) if name else None
        views.append(_view(release.id, photo, text, language, page_path, lazy=index > 0))
    return views


def _view(
    release_id: str,
    photo: Photo | None,
    text: object,
    language: Language,
    page_path: str,
    lazy: bool,
) -> PhotoView:
    caption = getattr(text, "caption", None)
    credit = getattr(text, "credit", None)
    alt: str = getattr(text, "alt", None) or ""
    caption = language.typography(caption) if caption else None
    credit = language.typography(credit) if credit else None
    if photo is None:
        return PhotoView(None, "", "", "", "", 0, 0, alt, caption, credit, lazy, None, None)
    plan = photo_plan(release_id, photo, card=False)

    def srcset(kind: str) -> str:
        return ", ".join(
            f"{paths.relative(page_path, c.path)} {c.encoding.width}w"
            for c in plan
            if c.encoding.format == kind
        )

    fallback = [c for c in plan if c.encoding.format == "JPEG"]
    chosen = next((c for c in fallback if c.encoding.width >= FALLBACK_WIDTH), fallback[-1])
    return PhotoView(
        src=paths.relative(page_path, chosen.path),
        srcset=srcset("JPEG"),
        modern_srcset=srcset(MODERN),
        modern_type=f"image/{MODERN.lower()}",
        sizes=GALLERY_SIZES if lazy else SIZES,
        width=chosen.encoding.width,
        height=chosen.encoding.height,
        lazy=lazy,
        download=paths.relative(page_path, paths.media(release_id, photo.name)),
        download_label=language.gettext("Download the original photo (%(size)s pixels)")
        % {"size": language.dimensions(photo.width, photo.height)},
        alt=alt,
        caption=caption,
        credit=credit,
    )


def social_card(release: Release) -> str | None:
    """The output path of the release's 1200×630 card, if it has a lead photo."""
    if release.image is None or release.image not in release.photos:
        return None
    return paths.photo_copy(release.id, release.image, "card", "jpg")
