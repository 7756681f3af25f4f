"""The one adapter to Pillow: measure a photo, and encode its published copies.

Every copy made for the pages is encoded from the decoded pixels, and the original offered
for download loses its metadata blocks (`metadata`), so no metadata of the source survives
unless it is copied on purpose: only the orientation, the artist and the copyright of the
EXIF block, never GPS, camera serial numbers or XMP. Encoders get fixed settings and
no timestamps, so the same source gives the same bytes (with the same Pillow).
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .metadata import (
    gif_without_metadata,
    jpeg_without_metadata,
    png_without_metadata,
    webp_without_metadata,
)
from .model import Photo
from .svg import SvgError, svg_size

# Formats a release photo may be in: what Pillow reads here and browsers show.
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
MODERN = "WEBP"  # WebP: every current browser shows it, and it encodes fast and repeatably
JPEG_QUALITY = 82
WEBP_QUALITY = 78
MAX_PIXELS = 80_000_000  # larger is a mistake or a decompression bomb, not a press photo
MAX_SIDE = 16_383  # the longest side a WebP copy can have
_KEPT_EXIF = (0x0112, 0x013B, 0x8298)  # Orientation, Artist, Copyright
_ORIENTATION = 0x0112
_ROTATED = (5, 6, 7, 8)  # EXIF orientations that swap width and height


class PhotoError(Exception):
    """A file that is no photo pressgen can publish: what to do, and `line` if text."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


P = ParamSpec("P")
R = TypeVar("R")


def quiet(function: Callable[P, R]) -> Callable[P, R]:
    """`function` without Pillow's printed warnings (of a large image, which MAX_PIXELS says
    as a message; of a damaged EXIF block, dropped all the same) amid the build's lines."""

    @wraps(function)
    def silenced(*args: P.args, **kwargs: P.kwargs) -> R:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.filterwarnings("ignore", "Corrupt EXIF", UserWarning)
            return function(*args, **kwargs)

    return silenced


@quiet
def measure(path: Path) -> Photo:
    """The photo's upright size and format, from its header (the pixels are not decoded)."""
    try:
        if path.stat().st_size == 0:  # a copy that never finished, a placeholder
            raise PhotoError("is empty (0 bytes): copy the photo into the folder again")
        width, height, orientation, kind = _read_header(path)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise PhotoError(_unreadable(error)) from error
    except Image.DecompressionBombError as error:
        raise PhotoError(f"has more than {MAX_PIXELS:,} pixels in all: {_SMALLER}") from error
    if kind not in PHOTO_FORMATS:
        raise PhotoError(f"is a {kind} image, expected {_FORMATS_WANTED}")
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        many = width * height > MAX_PIXELS
        most = f"{MAX_PIXELS:,} in all" if many else f"{MAX_SIDE:,} a side (a web copy's most)"
        raise PhotoError(f"has {width}×{height} pixels, expected at most {most}: {_SMALLER}")
    _check_name(path, kind)
    if orientation in _ROTATED:
        width, height = height, width
    return Photo(name=path.name, width=width, height=height, format=kind)


_FORMATS_WANTED = "a JPEG, PNG, WebP or GIF picture"
_SMALLER = "save a smaller copy (6000×4000 pixels is more than any page or print needs)"
_SUFFIXES = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",), "GIF": (".gif",)}


def _unreadable(error: Exception) -> str:
    """Why a picture cannot be read, said as what to do, not in Pillow's words."""
    if "truncated" in str(error):
        return "is cut short (only part of it was saved or copied): save or copy it again"
    return f"is not {_FORMATS_WANTED} that can be read: is it another kind of file, renamed?"


def _check_name(path: Path, kind: str) -> None:
    """A picture's name says what it is: the PDF's typesetter reads it by its name (PNG
    bytes named `.jpg` stopped the build, where the web copies were fine)."""
    suffixes = _SUFFIXES.get(kind, ())
    if suffixes and path.suffix.lower() not in suffixes:
        raise PhotoError(
            f"is a {kind} image under a name that ends in '{path.suffix}': rename it to end "
            f"in '{suffixes[0]}' (and its mentions with it)"
        )


def _read_header(path: Path) -> tuple[int, int, int, str]:
    """Width, height, EXIF orientation and format; every byte read (a PNG's or WebP's chunks
    verified, a JPEG decoded at an eighth of its size, ~1 ms): a cut file fails here."""
    with Image.open(path) as image:
        image.verify()
    with Image.open(path) as image:
        width, height = image.size
        orientation = image.getexif().get(_ORIENTATION, 1)
        if image.format in ("JPEG", "MPO"):
            image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()
        # MPO: a phone's JPEG with more pictures after it (a depth or HDR map); published, it
        # is the JPEG alone (`clean_original`)
        return width, height, orientation, "JPEG" if image.format == "MPO" else str(image.format)


def graphic_size(path: Path) -> tuple[int, int]:
    """The size of a logo or icon in CSS pixels: an SVG's width and height (or viewBox),
    a bitmap's pixels turned as its camera flag says (browsers and the copies turn them)."""
    if path.suffix.lower() == ".svg":
        try:
            return svg_size(path)
        except SvgError as error:
            raise PhotoError(str(error), error.line) from error
    try:
        with Image.open(path) as image:
            (width, height), kind = image.size, str(image.format)
            turned = image.getexif().get(_ORIENTATION) in TURNED
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise PhotoError(_unreadable(error)) from error
    _check_name(path, kind)
    return (height, width) if turned else (width, height)


TURNED = frozenset({5, 6, 7, 8})  # orientations of a quarter turn: width and height swap


def picture_size(path: Path) -> tuple[int, int]:
    """A picture's size as a browser shows it (for `width` and `height` in a body): an
    SVG's or GIF's own, a photo's upright pixels."""
    if path.suffix.lower() in (".svg", ".gif"):
        return graphic_size(path)
    photo = measure(path)
    return photo.width, photo.height


@dataclass(frozen=True)
class Encoding:
    """One published copy: its width and height, and the format to encode it in."""

    width: int
    height: int
    format: str  # JPEG or WEBP (a photo's copies); PNG too (a body picture's)
    crop: bool = False  # fill width×height exactly (a social card), else scale


@quiet
def upright(source: bytes) -> tuple[Image.Image, bytes | None]:
    """The decoded photo turned as the camera meant, in RGB (no alpha: JPEG has none), and
    the colour profile its copies carry (see `_in_rgb`)."""
    image: Image.Image = Image.open(io.BytesIO(source))
    icc = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        ground = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(ground, image)
    return _in_rgb(image, icc)


def _in_rgb(image: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None]:
    """The image in RGB with the profile that describes those RGB values.

    An RGB photo keeps its own RGB profile (Adobe RGB stays Adobe RGB). A CMYK or grey
    photo from a print archive is converted through its profile to sRGB, the web's default,
    and its copies carry none: a CMYK profile on RGB pixels is wrong or ignored. A profile
    that cannot convert the image (damaged, of another colour space) is dropped."""
    profile = _profile(icc)
    space = profile.profile.xcolor_space.strip() if profile else None
    if image.mode in ("RGB", "RGBA"):
        return image.convert("RGB"), icc if space == "RGB" else None
    if profile is not None and space != "RGB":
        try:
            srgb = ImageCms.createProfile("sRGB")
            converted = ImageCms.profileToProfile(image, profile, srgb, outputMode="RGB")
            if converted is not None:
                return converted, None
        except ImageCms.PyCMSError:
            pass
    if image.mode.startswith("I"):  # 16-bit grey: convert("RGB") clips it, every grey white
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    return image.convert("RGB"), None


def _profile(icc: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if not icc:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def encode(image: Image.Image, encoding: Encoding, icc: bytes | None) -> bytes:
    """The image at `encoding`'s size and format, with no metadata but its colour profile."""
    size = (encoding.width, encoding.height)
    if encoding.crop:
        copy = ImageOps.fit(image, size, Image.Resampling.LANCZOS)
    elif size == image.size:
        copy = image
    else:
        copy = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if encoding.format == "JPEG":
        copy.save(
            out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, comment=b"", **extra
        )
    elif encoding.format == "PNG":
        copy.save(out, "PNG", **extra)
    else:
        copy.save(out, "WEBP", quality=WEBP_QUALITY, method=4, **extra)
    return out.getvalue()


@quiet
def clean_original(source: bytes) -> bytes:
    """The photo as uploaded, for download, with location and camera metadata removed.

    A JPEG, PNG, WebP or GIF keeps its image data as it is (`metadata`); one whose blocks
    that module cannot follow is saved again by Pillow, every frame (a JPEG with its own
    quantisation tables). EXIF keeps only orientation, artist and copyright."""
    image = Image.open(io.BytesIO(source))
    walk = _WALKS.get(str(image.format))
    if walk is None:
        raise ValueError(f"a {image.format} picture: pressgen cleans it by encoding it again")
    found, kept = image.getexif(), Image.Exif()
    for tag in _KEPT_EXIF:
        if tag in found:
            kept[tag] = found[tag]
    try:
        return walk(source, kept.tobytes() if len(kept) else b"")
    except ValueError:
        out = io.BytesIO()
        image.save(out, **_saved_again(image, kept))
        return out.getvalue()


# Each format's walk (`metadata`), given the EXIF kept ("Exif\0\0" and a TIFF block)
_WALKS: dict[str, Callable[[bytes, bytes], bytes]] = {
    "JPEG": jpeg_without_metadata,
    "MPO": jpeg_without_metadata,  # a camera's JPEG with more pictures after it
    "PNG": lambda source, exif: png_without_metadata(source, exif[6:]),
    "WEBP": lambda source, exif: webp_without_metadata(source, exif[6:]),
    "GIF": lambda source, exif: gif_without_metadata(source),  # no EXIF to keep
}


def _saved_again(image: Image.Image, kept: Image.Exif) -> dict[str, Any]:
    """How Pillow saves a picture the walk could not follow: in its format (an MPO as the
    JPEG it starts with), every frame, with only the EXIF kept and its colour profile."""
    icc = image.info.get("icc_profile")
    extra: dict[str, Any] = {"icc_profile": icc} if icc else {}
    if image.format == "GIF":
        return {"format": "GIF", "save_all": True, "comment": b""}
    if image.format == "WEBP":
        webp = {"quality": 90, "method": 4, "save_all": True}
        return {"format": "WEBP", **webp, "exif": kept, **extra}
    if image.format == "PNG":
        return {"format": "PNG", "exif": kept, **extra}
    quality = "keep" if image.format == "JPEG" else JPEG_QUALITY
    return {"format": "JPEG", "quality": quality, "exif": kept, "comment": b"", **extra}


# What Pillow raises on a damaged or outsized picture: besides its own errors, a cut-short
# GIF's frames (IndexError, struct.error), an EXIF tag of an unexpected type (AttributeError)
BROKEN = (
    OSError, ValueError, SyntaxError, IndexError, AttributeError, struct.error,
    Image.DecompressionBombError,
)  # fmt: skip
FORMAT_OF = {suffix: kind for kind, suffixes in _SUFFIXES.items() for suffix in suffixes}
RASTER_SUFFIXES = tuple(FORMAT_OF)


def clean_media(name: str, source: bytes) -> bytes:
    """A file of the release as published, in the press kit or the PDF: a picture without
    its location and camera metadata (`clean_original`), anything else as it is. A picture
    Pillow cannot read is published as it is: no reader can show it either."""
    if not name.lower().endswith(RASTER_SUFFIXES):
        return source
    try:
        return clean_original(source)
    except BROKEN:
        return _encoded_again(name, source)


def _encoded_again(name: str, source: bytes) -> bytes:
    """A picture `clean_original` cannot clean as it is (a TIFF named `.jpg`, a JPEG whose
    blocks it cannot follow) encoded from its pixels, upright, in the format its name says:
    no metadata goes with it. One Pillow cannot decode is published as it is."""
    kind = FORMAT_OF.get(Path(name).suffix.lower(), "GIF")
    try:
        image, icc = upright(source)
        if kind != "GIF":
            return encode(image, Encoding(image.width, image.height, kind), icc)
        out = io.BytesIO()
        image.save(out, "GIF")
        return out.getvalue()
    except BROKEN:
        return source


@quiet
def encode_all(source: bytes, encodings: dict[str, Encoding]) -> dict[str, bytes]:
    """Every copy of one source, decoded once."""
    image, icc = upright(source)
    return {name: encode(image, encoding, icc) for name, encoding in encodings.items()}


@quiet
def picture_copies(source: bytes, encodings: dict[str, Encoding]) -> dict[str, bytes]:
    """Smaller copies of a picture shown in a body, in its own format (`encodings` say
    which). A JPEG goes through `upright` as a photo does; a PNG or WebP keeps its
    transparency, so that a chart drawn on none shows the page's paper through it."""
    image: Image.Image = Image.open(io.BytesIO(source))
    if image.format == "JPEG" or not _transparent(image):
        return encode_all(source, encodings)
    icc = image.info.get("icc_profile")
    pixels = ImageOps.exif_transpose(image).convert("RGBA")
    profile = _profile(icc)
    if profile is None or profile.profile.xcolor_space.strip() != "RGB":
        icc = None  # a grey or damaged profile would be wrong on RGBA pixels
    return {name: encode(pixels, encoding, icc) for name, encoding in encodings.items()}


def _transparent(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
