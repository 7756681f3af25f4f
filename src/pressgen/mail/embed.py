"""The pictures of a message sent under embargo, carried in the message itself.

Until the embargo ends, the release's photo and the pictures of its body are not on the web:
their addresses answer "not found", and a journalist's HTML message would show broken
images. Such a message carries a copy of each (RFC 2392 `cid:` addresses), sized for the
message's column; once the release is public, messages link to the published copies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape
from PIL import Image

from .. import paths
from ..model import Release, SiteConfig
from ..photos import RASTER_SUFFIXES, Encoding, PhotoError, picture_copies, picture_size

COLUMN = 552  # the width mail.html gives a picture, in CSS pixels
MAIL_PIXELS = 2 * COLUMN  # sharp on a high-density screen, far smaller than the original


@dataclass(frozen=True)
class Carried:
    """A picture carried in a message: its Content-ID (without <>), type and bytes."""

    content_id: str
    subtype: str  # of image/
    data: bytes

    @property
    def address(self) -> str:
        return f"cid:{self.content_id}"


def carried_pictures(release: Release, domain: str) -> dict[str, Carried]:
    """A copy of each picture of the release a message may show, by file name. A file that
    is not a picture Pillow reads (an SVG chart, a damaged file) is left to its link."""
    names = {
        *release.photo_names,
        *(n for n in release.media if n.lower().endswith(RASTER_SUFFIXES)),
    }
    carried = {}
    for name in sorted(names):
        copy = _mail_copy(release.folder / name)
        if copy is not None:
            digest = hashlib.sha256(f"{release.id}\n{name}".encode()).hexdigest()[:16]
            carried[name] = Carried(f"{digest}.{release.id}@{domain}", *copy)
    return carried


def _mail_copy(path: Path) -> tuple[str, bytes] | None:
    """The picture at most `MAIL_PIXELS` wide, as JPEG, or as PNG if it has transparency
    (GIF and WebP are not shown by every mail client); without its location metadata."""
    try:
        source = path.read_bytes()
        width, height = picture_size(path)  # upright: as the copy is turned
        with Image.open(path) as image:
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, PhotoError):
        return None
    if width > MAIL_PIXELS:
        width, height = MAIL_PIXELS, max(1, round(height * MAIL_PIXELS / width))
    kind = "PNG" if transparent else "JPEG"
    try:
        data = picture_copies(source, {"mail": Encoding(width, height, kind)})["mail"]
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return kind.lower(), data


def carried_in(
    html: str, config: SiteConfig, release: Release, carried: Mapping[str, Carried]
) -> str:
    """The HTML with each carried picture's published address, where an image shows it,
    replaced by its `cid:` address."""
    for name, picture in carried.items():
        url = escape(paths.url(config, paths.media(release.id, name)))
        html = html.replace(f'src="{url}"', f'src="{picture.address}"')
    return html
