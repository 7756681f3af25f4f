"""The original photo a journalist downloads: the photographer's image data, byte for byte,
without a block that may say where it was taken."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms

from pressgen.cli import main
from pressgen.metadata import jpeg_without_metadata
from pressgen.photos import clean_media, clean_original

from .conftest import ENGLISH, MINIMAL_CONFIG, SiteWriter

PLACE = b"Ulm refugee camp, 48.4N"


def _jpeg(size: tuple[int, int] = (96, 64), **options: object) -> bytes:
    out = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(out, "JPEG", quality=90, **options)
    return out.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes((0xFF, marker)) + (len(payload) + 2).to_bytes(2, "big") + payload


def _photographers_jpeg() -> bytes:
    """A camera's JPEG: EXIF with GPS beside the orientation and copyright, a colour profile,
    XMP, an IPTC block and a comment naming the place, and a second picture (a depth map,
    with its own EXIF) after the end of the first."""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Copyright] = "Example agency"
    exif[ExifTags.Base.Make] = "Camera maker"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = _jpeg(exif=exif.tobytes(), icc_profile=profile, comment=PLACE)
    xmp = _segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x>" + PLACE + b"</x>")
    iptc = _segment(0xED, b"Photoshop 3.0\0" + PLACE)
    return data[:2] + xmp + iptc + data[2:] + _jpeg((8, 8), exif=exif.tobytes(), comment=PLACE)


def test_the_original_jpeg_keeps_its_image_data_and_loses_where_it_was_taken(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """The original was decoded and encoded again (up to 36 levels off per pixel, h116),
    and a second picture appended after the first kept its own EXIF."""
    source = _photographers_jpeg()
    site = make_site(
        {
            "releases/first-release/photo.jpg": source,
            "releases/first-release/en.md": ENGLISH + "\n![The camp](photo.jpg)\n",
        }
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    published = (out / "media/first-release/photo.jpg").read_bytes()
    with zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip") as kit:
        [in_kit] = [kit.read(n) for n in kit.namelist() if n.endswith("photo.jpg")]
    assert in_kit == published
    assert PLACE not in published and b"Camera maker" not in published
    assert published.endswith(b"\xff\xd9") and published.count(b"\xff\xd8") == 1
    picture, original = Image.open(io.BytesIO(published)), Image.open(io.BytesIO(source))
    assert picture.tobytes() == original.tobytes()
    assert picture.info["icc_profile"] == original.info["icc_profile"]
    exif = picture.getexif()
    assert dict(exif) == {ExifTags.Base.Orientation: 6, ExifTags.Base.Copyright: "Example agency"}
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo)


markers = st.sampled_from([*range(0xE0, 0xF0), 0xFE])
payloads = st.binary(max_size=64).map(lambda data: b"Q" + data)  # never a kept segment's name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(markers, payloads), max_size=6), st.booleans())
def test_any_application_segment_goes_and_the_picture_stays(
    segments: list[tuple[int, bytes]], progressive: bool
) -> None:
    data = _jpeg((40, 24), progressive=progressive)
    added = b"".join(_segment(marker, payload) for marker, payload in segments)
    cleaned = jpeg_without_metadata(data[:2] + added + data[2:], b"")
    assert Image.open(io.BytesIO(cleaned)).tobytes() == Image.open(io.BytesIO(data)).tobytes()
    assert all(payload not in cleaned for _, payload in segments if len(payload) > 8)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200), st.integers(min_value=0, max_value=400))
def test_a_damaged_jpeg_is_refused_never_a_crash(noise: bytes, cut: int) -> None:
    """Bytes that are no JPEG, or one cut short or spliced with noise, raise ValueError (the
    photo is then encoded again), never another error; what the walk gives back instead is
    a JPEG without the EXIF that named the place (noise after its end: always one)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = PLACE.decode()
    data = _jpeg((16, 16), exif=exif.tobytes())
    for damaged in (noise, b"\xff\xd8" + noise, data[:cut], data[:cut] + noise):
        try:
            cleaned = jpeg_without_metadata(damaged, b"")
        except ValueError:
            continue
        assert cleaned[:2] == b"\xff\xd8" and cleaned[-2:] == b"\xff\xd9"
        assert PLACE not in cleaned
    cleaned = jpeg_without_metadata(data + noise, b"")
    assert cleaned[-2:] == b"\xff\xd9" and PLACE not in cleaned


def test_a_jfif_thumbnail_and_adobe_extras_are_left_out() -> None:
    """JFIF may carry a thumbnail, made before the photo was cropped; Adobe's segment
    needs only its header. Both were kept whole."""
    data = _jpeg()
    assert data[2:4] == b"\xff\xe0" and data[6:11] == b"JFIF\0"
    thumbnail = data[6:18] + b"\x08\x08" + b"UNCROPPED-FACE-" * 13
    adobe = b"Adobe\0\x64\0\0\0\0\x01" + PLACE
    rest = data[4 + int.from_bytes(data[4:6], "big") :]
    source = data[:2] + _segment(0xE0, thumbnail) + _segment(0xEE, adobe) + rest
    cleaned = jpeg_without_metadata(source, b"")
    assert b"UNCROPPED" not in cleaned and PLACE not in cleaned
    assert cleaned[6:18] == data[6:18] and b"Adobe\0\x64" in cleaned
    assert Image.open(io.BytesIO(cleaned)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


def _gif_with_application_block(place: bytes) -> bytes:
    """A GIF whose only metadata is an application extension (a geotagging tool's)."""
    out = io.BytesIO()
    Image.new("P", (20, 10), 1).save(out, "GIF")
    data = out.getvalue()
    table = 3 * 2 ** ((data[10] & 7) + 1) if data[10] & 0x80 else 0
    at = 13 + table
    block = b"\x21\xff\x0bGEOTAG01.00" + bytes([len(place)]) + place + b"\x00"
    return data[:at] + block + data[at:]


def _png_with_text(place: bytes) -> bytes:
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Location", place.decode())
    text.add_itxt("Place", place.decode(), zip=True)
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (9, 9, 9)).save(out, "PNG", pnginfo=text)
    return out.getvalue()


def _webp_with_chunk(place: bytes) -> bytes:
    """A WebP of the extended format (its EXIF makes it so) with a chunk of a tool's own."""
    exif = Image.Exif()
    exif[ExifTags.Base.Copyright] = "Example agency"
    out = io.BytesIO()
    Image.new("RGB", (20, 10), (9, 9, 9)).save(out, "WEBP", exif=exif.tobytes())
    chunk = b"LOCN" + len(place).to_bytes(4, "little") + place + b"\0" * (len(place) % 2)
    body = out.getvalue()[12:] + chunk
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


def _jpeg_with_dnl(place: bytes) -> bytes:
    data = _jpeg((24, 16))
    return data[:2] + _segment(0xDC, b"\x00\x10" + place) + data[2:]


def _mpo(place: bytes, junk: bool = False) -> bytes:
    """A phone's picture: a JPEG with GPS, then a second picture (MPF); `junk`: two stray
    bytes before its tables, which decoders pass over and the segment walk does not."""
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    out = io.BytesIO()
    first, second = (Image.effect_noise((48, 32), 40 + n).convert("RGB") for n in (0, 9))
    first.save(out, "MPO", save_all=True, append_images=[second], exif=exif.tobytes())
    data = out.getvalue()
    data = data[:2] + _segment(0xFE, place) + data[2:]
    if junk:
        at = data.index(b"\xff\xdb")
        data = data[:at] + b"\x00\x00" + data[at:]
    return data


def test_no_picture_of_a_site_or_its_releases_keeps_where_it_was_taken(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """h118: the logo went into every PDF with its GPS and comments; an assets/ PNG's text
    chunks, a GIF's application block, a WebP's unknown chunk, a JPEG's odd segment and a
    phone's MPO the walk could not follow were published as they were."""
    site = make_site(
        {
            "assets/logo.jpg": _jpeg((300, 100), comment=PLACE),
            "assets/text.png": _png_with_text(PLACE),
            "assets/geo.gif": _gif_with_application_block(PLACE),
            "assets/chunk.webp": _webp_with_chunk(PLACE),
            "assets/phone.jpg": _mpo(PLACE, junk=True),
            "releases/first-release/dnl.jpg": _jpeg_with_dnl(PLACE),
            "releases/first-release/chunk.webp": _webp_with_chunk(PLACE),
            "releases/first-release/phone.jpg": _mpo(PLACE),
            "releases/first-release/en.md": ENGLISH
            + "".join(f"\n![A picture]({n})\n" for n in ("dnl.jpg", "chunk.webp", "phone.jpg")),
        },
        config=MINIMAL_CONFIG + '\n[brand]\nlogo = "logo.jpg"\n',
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    found = [p for p in out.rglob("*") if p.is_file() and PLACE in p.read_bytes()]
    for kit in out.rglob("*.zip"):
        with zipfile.ZipFile(kit) as archive:
            found += [n for n in archive.namelist() if PLACE in archive.read(n)]
    assert found == []
    with Image.open(out / "assets/phone.jpg") as phone:
        assert phone.format == "JPEG"
    with Image.open(out / "media/first-release/phone.jpg") as phone:
        assert phone.format == "JPEG" and not phone.getexif().get_ifd(ExifTags.IFD.GPSInfo)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")


def _png_with_everything(place: bytes, frames: int = 1) -> bytes:
    """A 16-bit PNG (an APNG when `frames` > 1) with its gamma and density, a tool's name,
    the place in text, and a chunk Pillow does not read (C2PA's manifests hold GPS)."""
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Software", "darktable")
    text.add_itxt("Place", place.decode(), zip=True)
    out = io.BytesIO()
    if frames == 1:
        picture = Image.new("I;16", (20, 10), 40000)
        picture.save(out, "PNG", pnginfo=text, dpi=(300, 300))
    else:
        shown = [Image.new("RGBA", (20, 10), (60 * n, 0, 0, 255)) for n in range(frames)]
        shown[0].save(out, "PNG", save_all=True, append_images=shown[1:], pnginfo=text, loop=0)
    data = out.getvalue()
    after_header = 8 + 25
    gamma = _png_chunk(b"gAMA", (100000).to_bytes(4, "big"))
    return data[:after_header] + gamma + _png_chunk(b"caBX", place) + data[after_header:]


def test_a_png_keeps_its_pixels_depth_frames_and_gamma_and_loses_the_rest() -> None:
    """A PNG was decoded and saved again: 16 bits became 8, its gamma went, an APNG lost its
    animation, and a chunk Pillow does not read (C2PA's) stayed in a logo (h119)."""
    for frames in (1, 3):
        source = _png_with_everything(PLACE, frames)
        for cleaned in (clean_original(source), clean_media("logo.png", source)):
            assert PLACE not in cleaned and b"darktable" not in cleaned
            picture, original = Image.open(io.BytesIO(cleaned)), Image.open(io.BytesIO(source))
            assert picture.mode == original.mode and picture.tobytes() == original.tobytes()
            assert getattr(picture, "n_frames", 1) == frames
            assert picture.info["gamma"] == original.info["gamma"]


def test_a_looping_animation_of_the_site_is_published_as_it_is() -> None:
    """Pillow names a GIF's loop block as it names any application block: every looping GIF
    of assets/ was saved again, and lost how its frames give way to the next (h119)."""
    shown = [Image.new("RGBA", (40, 30), (0, 0, 0, 0)) for _ in range(3)]
    out = io.BytesIO()
    shown[0].save(out, "GIF", save_all=True, append_images=shown[1:], loop=0, disposal=2)
    assert clean_media("spinner.gif", out.getvalue()) == out.getvalue()


def test_a_chunk_inside_a_webp_animation_frame_is_left_out() -> None:
    """A frame of an animation may hold chunks of a tool's own; it was kept whole (h119)."""
    shown = [Image.new("RGB", (20, 10), (60 * n, 0, 0)) for n in range(2)]
    out = io.BytesIO()
    shown[0].save(out, "WEBP", save_all=True, append_images=shown[1:], lossless=True)
    data = out.getvalue()
    at = data.index(b"ANMF")
    size = int.from_bytes(data[at + 4 : at + 8], "little")
    extra = b"LOCN" + len(PLACE).to_bytes(4, "little") + PLACE + b"\0" * (len(PLACE) % 2)
    frame = b"ANMF" + (size + len(extra)).to_bytes(4, "little") + data[at + 8 : at + 8 + size]
    body = data[12:at] + frame + extra + data[at + 8 + size :]
    source = b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body
    cleaned = clean_media("moving.webp", source)
    assert PLACE not in cleaned
    assert Image.open(io.BytesIO(cleaned)).n_frames == 2


def test_a_gif_loses_its_comments_and_blocks_wherever_they_stand() -> None:
    """Pillow reads a GIF's blocks before its first frame only: a comment or a geotagging
    block after it stayed, and a GIF saved again lost how its frames give way (h119)."""
    from PIL import ImageSequence

    shown = [Image.new("RGBA", (40, 30), (0, 0, 0, 0)) for _ in range(3)]
    for n, frame in enumerate(shown):
        frame.paste((255, 60 * n, 0, 255), (n * 10, 5, n * 10 + 12, 20))
    out = io.BytesIO()
    shown[0].save(out, "GIF", save_all=True, append_images=shown[1:], loop=0, disposal=2)
    plain = out.getvalue()
    comment = b"\x21\xfe" + bytes([len(PLACE)]) + PLACE + b"\x00"
    geotag = b"\x21\xff\x0bGEOTAG01.00" + bytes([len(PLACE)]) + PLACE + b"\x00"
    source = plain[:-1] + comment + geotag + b";" + PLACE  # after the frames, and the end
    cleaned = clean_media("spinner.gif", source)
    assert PLACE not in cleaned and cleaned == plain

    def frames(data: bytes) -> list[bytes]:
        picture = Image.open(io.BytesIO(data))
        return [f.convert("RGBA").tobytes() for f in ImageSequence.Iterator(picture)]

    assert frames(cleaned) == frames(plain)
    assert clean_media("spinner.gif", plain[:-1]) == plain  # a GIF without its trailer (h120)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=120), st.integers(min_value=0, max_value=300), st.sampled_from("PGW"))
def test_a_damaged_png_gif_or_webp_is_refused_never_a_crash(
    noise: bytes, cut: int, kind: str
) -> None:
    """The PNG, GIF and WebP walks, as the JPEG's: ValueError (the picture is then encoded
    again), never another error, for bytes cut short or spliced with noise; what a walk
    gives back instead is a picture of its kind without the EXIF or comment that named the
    place (noise after its end: always one)."""
    from pressgen.metadata import gif_without_metadata, png_without_metadata, webp_without_metadata

    out = io.BytesIO()
    formats = {"P": "PNG", "G": "GIF", "W": "WEBP"}
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = PLACE.decode()
    place = {"comment": PLACE} if kind == "G" else {"exif": exif.tobytes()}
    Image.new("RGB", (12, 8), (200, 10, 10)).save(out, formats[kind], **place)
    data = out.getvalue()
    walks = {
        "P": lambda b: png_without_metadata(b, b""),
        "G": gif_without_metadata,
        "W": lambda b: webp_without_metadata(b, b""),
    }
    for damaged in (noise, data[:cut], data[:cut] + noise, data[:12] + noise):
        try:
            cleaned = walks[kind](damaged)
        except ValueError:
            continue
        assert cleaned[:4] == data[:4] and PLACE not in cleaned
    cleaned = walks[kind](data + noise)
    assert cleaned[:4] == data[:4] and PLACE not in cleaned


def _animated(kind: str) -> bytes:
    shown = [Image.linear_gradient("L").resize((16, 16)).rotate(a).convert("RGB") for a in (0, 90)]
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "A photographer"
    out = io.BytesIO()
    options = {"exif": exif.tobytes()} if kind != "GIF" else {}
    shown[0].save(out, kind, save_all=True, append_images=shown[1:], duration=100, **options)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["GIF", "PNG", "WEBP", "MPO"]),
    st.integers(min_value=0, max_value=2000),
    st.lists(st.tuples(st.integers(min_value=0, max_value=2000), st.integers(0, 255)), max_size=4),
)
def test_cleaning_a_damaged_picture_gives_bytes_never_an_error(
    kind: str, cut: int, flips: list[tuple[int, int]]
) -> None:
    """h120: a GIF cut short made Pillow's own re-saving raise IndexError or struct.error,
    and an EXIF tag of an odd type AttributeError, through `clean_media`, which every
    picture of a site's assets/ goes through: a build that stops with a traceback."""
    data = bytearray(_animated(kind))
    for at, value in flips:
        data[at % len(data)] = value
    damaged = bytes(data[: max(8, cut)] if cut < len(data) else data)
    assert isinstance(clean_media(f"picture.{kind.lower()}", damaged), bytes)
