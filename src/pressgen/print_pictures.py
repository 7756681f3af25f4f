"""Pictures as a PDF embeds them: cleaned as published (`photos.clean_media`), no larger
than the PDF prints them, in RGB, sized by their pixels; and the site's logo, no taller than
its letterhead needs.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps

from .metadata import without_density
from .photos import (
    BROKEN,
    FORMAT_OF,
    JPEG_QUALITY,
    Encoding,
    clean_media,
    picture_copies,
    quiet,
    upright,
)

# The most pixels a PDF prints a picture with: 300 per inch at the largest size the layout
# gives one (the text's width, 16.6 cm; a body picture's 12 cm of height).
PRINT_PIXELS = (2000, 1420)


@quiet
def print_media(name: str, source: bytes) -> bytes:
    """A file of the release as the PDF embeds it: as published (`clean_media`), but a
    JPEG, PNG or WebP larger than the PDF can show made smaller (the press kit and the page
    offer the original), and a CMYK picture (an agency's print photo) turned into sRGB as its web
    copies are: a PDF/A may hold CMYK pixels only with a CMYK profile for the whole file."""
    cleaned = clean_media(name, source)
    try:
        found = Image.open(io.BytesIO(cleaned))
        large = found.width > PRINT_PIXELS[0] or found.height > PRINT_PIXELS[1]
        if large and found.format in ("PNG", "WEBP"):  # in its own format: Typst goes by name
            smaller = Encoding(*_within(found, PRINT_PIXELS), found.format)
            return picture_copies(cleaned, {name: smaller})[name]
        if found.mode != "CMYK" and not (found.format == "JPEG" and large):
            return without_density(cleaned) if found.format == "JPEG" else cleaned
        image, icc = upright(cleaned)
    except BROKEN:
        return cleaned
    image.thumbnail(PRINT_PIXELS, Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY, **({"icc_profile": icc} if icc else {}))
    return out.getvalue()


def _within(image: Image.Image, most: tuple[int, int]) -> tuple[int, int]:
    """The size of `image` turned upright (by its EXIF), made smaller to fit `most`."""
    width, height = image.size
    if image.getexif().get(0x0112, 1) >= 5:  # turned a quarter: width and height swap
        width, height = height, width
    scale = min(most[0] / width, most[1] / height, 1)
    return max(1, round(width * scale)), max(1, round(height * scale))


# A letterhead prints the logo 1.5 cm high: 400 pixels are more than 600 per inch.
LOGO_PIXELS = 400


@lru_cache(maxsize=2)  # the same logo for every release a process typesets
@quiet
def print_logo(name: str, source: bytes) -> bytes:
    """The site's logo as the PDFs embed it, without what a camera or a tool wrote in it:
    one taller than `LOGO_PIXELS` made smaller in its own format (a PNG keeps its
    transparency), for it is in every PDF of the site; an SVG or a GIF at its size."""
    cleaned = clean_media(name, source)
    kind = FORMAT_OF.get(Path(name).suffix.lower())
    if kind in (None, "GIF"):
        return cleaned
    try:
        with Image.open(io.BytesIO(cleaned)) as image:
            width, height = ImageOps.exif_transpose(image).size
        if height <= LOGO_PIXELS:
            return cleaned
        smaller = Encoding(max(1, round(width * LOGO_PIXELS / height)), LOGO_PIXELS, str(kind))
        return picture_copies(cleaned, {name: smaller})[name]
    except BROKEN:
        return cleaned
