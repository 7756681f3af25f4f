"""The pictures of a message: which copy it shows, at which size, and from where.

A message shows the published copy nearest to twice its column's width, never the original
(a camera's 8 MB file, downloaded by every journalist), with `width` and `height`: Outlook's
Word engine ignores `max-width` and shows a picture at its own size.

Until the embargo ends, the release's photo and the pictures of its body are not on the web:
their addresses answer "not found", and a journalist's HTML message would show broken
images. Such a message carries a copy of each (RFC 2392 `cid:` addresses), sized for the
message's column; once the release is public, messages link to the published copies.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from markupsafe import escape
from PIL import Image

from .. import paths
from ..model import Release, SiteConfig
from ..photos import (
    RASTER_SUFFIXES,
    Encoding,
    PhotoError,
    picture_copies,
    picture_size,
    quiet,
)
from ..render.images import photo_plan, picture_plan
from ..render.markdown import html_attribute

COLUMN = 552  # the width mail.html gives a picture, in CSS pixels
MAIL_PIXELS = 2 * COLUMN  # sharp on a high-density screen, far smaller than the original


def carried_addresses(release: Release, domain: str) -> dict[str, str]:
    """The `cid:` address each picture of the release a message may show would have (the
    lead photo and those of the bodies; the gallery is the web page's), by file name. Only
    those a message shows are copied into it (`carried_copy`)."""
    names = {
        *((release.image,) if release.image else ()),
        *(n for n in release.media if n.lower().endswith(RASTER_SUFFIXES)),
    }
    addresses = {}
    for name in sorted(names):
        digest = hashlib.sha256(f"{release.id}\n{name}".encode()).hexdigest()[:16]
        addresses[name] = f"cid:{digest}.{release.id}@{domain}"
    return addresses


def carried_copy(release: Release, name: str) -> tuple[str, bytes] | None:
    """The copy a message carries of picture `name`: its image/ subtype and bytes; None for
    a file that is not a picture Pillow reads (an SVG chart, a damaged file)."""
    return _mail_copy(release.folder / name)


@quiet
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


def shown_copy(config: SiteConfig, release: Release, name: str) -> str:
    """The address of the published copy a message shows of picture `name`: the narrowest
    JPEG or own-format copy at least `MAIL_PIXELS` wide, else the widest, else the file."""
    size = release.picture_sizes.get(name)
    if size is None:
        return paths.url(config, paths.media(release.id, name))
    photo = release.photos.get(name)
    if photo is not None:
        plan = [c for c in photo_plan(release.id, photo, card=False) if c.encoding.format == "JPEG"]
    else:
        plan = picture_plan(release.id, name, size)
    if not plan:  # a GIF or an SVG: shown as it is
        return paths.url(config, paths.media(release.id, name))
    copies = sorted(plan, key=lambda copy: copy.encoding.width)
    wide = [copy for copy in copies if copy.encoding.width >= MAIL_PIXELS]
    if wide:
        return paths.url(config, wide[0].path)
    if copies[-1].encoding.width >= size[0]:  # a photo's copy at its own width
        return paths.url(config, copies[-1].path)
    return paths.url(config, paths.media(release.id, name))


def column_size(size: tuple[int, int]) -> tuple[int, int]:
    """A picture's size in a message: at most `COLUMN` wide, never enlarged."""
    width, height = size
    shown = min(width, COLUMN)
    return shown, max(1, round(height * shown / width))


_IMG = re.compile(r"<img\b([^>]*)>")


def sized_for_mail(html: str, config: SiteConfig, release: Release) -> str:
    """Each picture of the release in a message's HTML shown from its copy for messages
    (`shown_copy`; a link to the file still leads to the file), with `width` and `height`
    for the message's column (at most `COLUMN` wide, never enlarged) unless the body gives
    its own."""
    files = {
        paths.url(config, paths.media(release.id, name)): (name, size)
        for name, size in release.picture_sizes.items()
    }

    def sized(match: re.Match[str]) -> str:
        attributes = match.group(1)
        source = html_attribute(attributes, "src") or ""
        if source not in files:
            return match.group(0)
        name, size = files[source]
        shown = escape(shown_copy(config, release, name))
        attributes = attributes.replace(f'src="{escape(source)}"', f'src="{shown}"')
        if html_attribute(attributes, "width") is not None:
            return f"<img{attributes}>"
        width, height = column_size(size)
        return f'<img{attributes} width="{width}" height="{height}">'

    return _IMG.sub(sized, html) if "<img" in html else html


def carried_in(
    html: str, config: SiteConfig, release: Release, addresses: Mapping[str, str]
) -> str:
    """The HTML with each carried picture's published address (its copy's, or the file's
    for a picture with none), where an image shows it, replaced by its `cid:` address."""
    for name, address in addresses.items():
        file = paths.url(config, paths.media(release.id, name))
        for url in (shown_copy(config, release, name), file):
            html = html.replace(f'src="{escape(url)}"', f'src="{address}"')
    return html
