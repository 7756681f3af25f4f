"""A picture's own bytes without the metadata that may say where, or with what, it was taken.

The original photo a journalist downloads is the photographer's file: its image data is
copied as it is, never decoded and encoded again, and only the blocks that carry metadata
are left out (EXIF, XMP, IPTC, comments, the pictures some cameras append). Each function
takes the EXIF block to put back (the tags kept, or nothing) and raises `ValueError` on a
file it cannot follow, which the caller then encodes again instead.
"""

from __future__ import annotations

import zlib

EOI, SOS = 0xD9, 0xDA
APP0, APP15, COM = 0xE0, 0xEF, 0xFE
# Metadata segments a JPEG needs to show right, and how much of each: JFIF's pixel density
# (not its thumbnail, which may show the photo before it was cropped), the colour profile,
# Adobe's colour transform (without it a CMYK JPEG prints in the wrong colours)
JFIF, JFIF_HEADER = b"JFIF\0", 12  # then the thumbnail's width and height, and its pixels
ADOBE, ADOBE_HEADER = b"Adobe", 12
KEPT_SEGMENTS = ((APP0, JFIF), (0xE2, b"ICC_PROFILE\0"), (0xEE, ADOBE))
STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length (RSTn)
# The segments of the picture itself: frames (SOFn), tables (DHT, DAC, DQT), restart
# interval (DRI), scans (SOS). Any other is left out (APPn, COM) or refused, and the picture
# encoded again: a rare number of lines (DNL) too, which Typst cannot read.
PICTURE = frozenset({*range(0xC0, 0xC8), *range(0xC9, 0xD0), 0xDB, 0xDD, SOS})
# The chunks of a WebP's picture: header, frames, alpha, animation, colour profile
WEBP_PICTURE = frozenset({b"VP8X", b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})


def jpeg_without_metadata(source: bytes, exif: bytes) -> bytes:
    """A JPEG file as it is, its scans untouched, without its application segments but
    JFIF, the colour profile and Adobe's, without comments and without anything after its
    end (an appended depth map or second picture has EXIF of its own). `exif` ("Exif\\0\\0"
    and a TIFF block) follows JFIF's segment, or the start."""
    if source[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG file")
    kept, at = [b"\xff\xd8"], 2
    while True:
        marker, at = _marker(source, at)
        if marker == EOI:
            kept.append(b"\xff\xd9")
            break
        if marker in STANDALONE:
            kept.append(bytes((0xFF, marker)))
            continue
        end = at + int.from_bytes(source[at : at + 2], "big")
        if at + 2 > end or end > len(source):
            raise ValueError("a JPEG segment runs past the end of the file")
        if marker == SOS:
            end = _scan_end(source, end)
        elif not _known(marker):
            raise ValueError(f"a JPEG segment 0xFF{marker:02X} pressgen does not know")
        payload = source[at + 2 : end]
        if not _metadata(marker, payload):
            kept.append(
                _segment(marker, payload) if APP0 <= marker <= APP15 else source[at - 2 : end]
            )
        at = end
    if exif:
        if len(exif) + 2 > 0xFFFF:
            raise ValueError("the EXIF kept is too large for one segment")
        first = 2 if len(kept) > 1 and kept[1][1] == APP0 else 1
        kept.insert(first, b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif)
    return b"".join(kept)


def _marker(source: bytes, at: int) -> tuple[int, int]:
    """The marker at `at` (fill bytes 0xFF skipped) and where its segment goes on."""
    if at >= len(source) or source[at] != 0xFF:
        raise ValueError("a JPEG marker was expected")
    while at < len(source) and source[at] == 0xFF:
        at += 1
    if at >= len(source):
        raise ValueError("the JPEG file ends inside a marker")
    return source[at], at + 1


def _scan_end(source: bytes, at: int) -> int:
    """Where the entropy-coded data that starts at `at` ends: at the first marker that is
    neither a stuffed 0xFF00 nor a restart marker."""
    while (at := source.find(b"\xff", at)) >= 0 and at + 1 < len(source):
        following = source[at + 1]
        if following != 0x00 and following != 0xFF and following not in STANDALONE:
            return at
        at += 1 if following == 0xFF else 2
    raise ValueError("the JPEG file ends inside its image data")


def _segment(marker: int, payload: bytes) -> bytes:
    """An application segment kept, cut to its header: JFIF without its thumbnail."""
    if payload.startswith(JFIF):
        if len(payload) < JFIF_HEADER:
            raise ValueError("a JFIF segment too short")
        payload = payload[:JFIF_HEADER] + b"\0\0"  # no thumbnail
    elif payload.startswith(ADOBE):
        payload = payload[:ADOBE_HEADER]
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def without_density(jpeg: bytes) -> bytes:
    """A JPEG that `jpeg_without_metadata` made, its JFIF saying no pixel density: Typst
    then sizes it by its pixels, as every other picture of a PDF (a photographer's
    "300 dpi" printed a photo at a third of the column)."""
    if jpeg[2:4] != b"\xff\xe0" or jpeg[6:11] != JFIF:
        return jpeg
    return jpeg[:13] + b"\0\0\x01\0\x01" + jpeg[18:]


def _known(marker: int) -> bool:
    return marker in PICTURE or APP0 <= marker <= APP15 or marker == COM


def _metadata(marker: int, payload: bytes) -> bool:
    """Whether a segment is metadata to leave out: a comment, or an application segment
    but those a JPEG needs to show right."""
    if marker == COM:
        return True
    if not APP0 <= marker <= APP15:
        return False
    return not any(marker == kept and payload.startswith(name) for kept, name in KEPT_SEGMENTS)


def webp_without_metadata(source: bytes, exif: bytes) -> bytes:
    """A WebP file as it is, its frames and pixels not encoded again (a lossless one stays
    lossless), but for its EXIF, XMP and any chunk not of the picture, in a frame of an
    animation too; `exif` (the tags kept, if any, without "Exif\\0\\0") takes the EXIF
    chunk's place. Only the extended format (a VP8X chunk first) has such chunks."""
    if source[:4] != b"RIFF" or source[8:12] != b"WEBP":
        raise ValueError("not a WebP file")
    last = min(len(source), 8 + int.from_bytes(source[4:8], "little"))
    chunks = [
        _frame(chunk) if chunk[:4] == b"ANMF" else chunk for chunk in _chunks(source, 12, last)
    ]
    if chunks and chunks[0].startswith(b"VP8X"):
        flags = chunks[0][8] & ~0x0C | (0x08 if exif else 0)  # EXIF and XMP flags
        chunks[0] = chunks[0][:8] + bytes([flags]) + chunks[0][9:]
        if exif:
            chunks.append(_riff(b"EXIF", exif))
    body = b"".join(chunks)
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


def _chunks(source: bytes, at: int, last: int) -> list[bytes]:
    """The picture's chunks (`WEBP_PICTURE`) from `at` to `last`, each whole."""
    found = []
    while at + 8 <= last:
        size = int.from_bytes(source[at + 4 : at + 8], "little")
        end = at + 8 + size + size % 2  # a chunk of odd size is padded
        if end > last:
            raise ValueError("a WebP chunk runs past the end of the file")
        if source[at : at + 4] in WEBP_PICTURE:  # not EXIF, XMP, nor a tool's own chunk
            found.append(source[at:end])
        at = end
    return found


def _frame(chunk: bytes) -> bytes:
    """A frame of an animation (ANMF: 16 bytes of placing and timing, then its chunks)
    with its picture's chunks alone."""
    size = int.from_bytes(chunk[4:8], "little")
    inner = _chunks(chunk, 24, 8 + size)
    return _riff(b"ANMF", chunk[8:24] + b"".join(inner))


def _riff(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "little") + payload + b"\0" * (len(payload) % 2)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The chunks of a PNG's picture and of how to show it (colours, HDR, transparency,
# density, animation); text, EXIF, dates and any tool's own chunk (C2PA's, say) are left out.
PNG_PICTURE = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP"}
    | {b"sBIT", b"pHYs", b"bKGD", b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI"}
)


def png_without_metadata(source: bytes, exif: bytes) -> bytes:
    """A PNG file as it is, its pixels (16 bits a channel too) and frames untouched, with
    its picture's chunks alone; `exif` (the tags kept, without "Exif\\0\\0") goes before its
    image data."""
    if not source.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG file")
    kept, at = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while at + 12 <= len(source):
        kind = source[at + 4 : at + 8]
        end = at + 12 + int.from_bytes(source[at : at + 4], "big")
        if end > len(source):
            raise ValueError("a PNG chunk runs past the end of the file")
        if kind == b"IDAT" and exif:
            data = b"eXIf" + exif
            kept.append(len(exif).to_bytes(4, "big") + data + zlib.crc32(data).to_bytes(4, "big"))
            exif = b""
        if kind in PNG_PICTURE:
            kept.append(source[at:end])
        at = end
        if kind == b"IEND":
            return b"".join(kept)
    raise ValueError("the PNG file ends before its end chunk")


# The application blocks of a GIF that say how to show it: how often to play, its colours
GIF_DISPLAY = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")
GIF_IMAGE, GIF_EXTENSION, GIF_TRAILER = 0x2C, 0x21, 0x3B
GRAPHIC_CONTROL, APPLICATION = 0xF9, 0xFF


def gif_without_metadata(source: bytes) -> bytes:
    """A GIF file as it is, every frame and how it gives way to the next untouched, without
    its comments, text blocks and application blocks but those of `GIF_DISPLAY`, wherever
    they stand (Pillow reads those before the first frame only), nor anything after its
    end (given one if it has none)."""
    if source[:6] not in (b"GIF87a", b"GIF89a") or len(source) < 13:
        raise ValueError("not a GIF file")
    at = 13 + _colour_table(source[10])
    kept = [source[:at]]
    while at < len(source):
        start, introducer = at, source[at]
        if introducer == GIF_TRAILER:
            return b"".join([*kept, b";"])
        if introducer == GIF_IMAGE and at + 10 < len(source):
            at = _sub_blocks_end(source, at + 10 + _colour_table(source[at + 9]) + 1)
            kept.append(source[start:at])
        elif introducer == GIF_EXTENSION and at + 2 < len(source):
            at = _sub_blocks_end(source, at + 2)
            label, name = source[start + 1], source[start + 3 : start + 14]
            if label == GRAPHIC_CONTROL or (label == APPLICATION and name in GIF_DISPLAY):
                kept.append(source[start:at])
        else:
            raise ValueError("a GIF block of an unknown kind, or cut short")
    return b"".join([*kept, b";"])  # its last block whole, but no trailer: common, and harmless


def _colour_table(flags: int) -> int:
    return 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0


def _sub_blocks_end(source: bytes, at: int) -> int:
    """Where the data sub-blocks that start at `at` end (after the empty one)."""
    while at < len(source):
        size = source[at]
        at += 1 + size
        if size == 0:
            return at
    raise ValueError("the GIF file ends inside a block")
