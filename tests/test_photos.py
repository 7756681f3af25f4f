"""Release photos: renditions, galleries, social cards, privacy, and files that are no photo."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from click.testing import CliRunner, Result
from lxml import etree as lxml_etree
from lxml import html as lxml_html
from PIL import ExifTags, Image, ImageCms

from pressgen.cli import main
from pressgen.model import Photo
from pressgen.render.images import photo_files

from .conftest import ENGLISH, MINIMAL_CONFIG, RELEASE_YAML, SiteWriter
from .sites import jpeg_with_location, png


def page(out: Path, path: str) -> lxml_html.HtmlElement:
    return lxml_html.fromstring((out / path).read_bytes())


def test_every_img_has_a_size_and_renditions(website: Path) -> None:
    tree = page(website, "en/with-photos/index.html")
    images = tree.xpath("//main//img")
    assert len(images) == 2
    for img in images:
        assert int(img.get("width")) > 0 and int(img.get("height")) > 0
        candidates = [c.split() for c in img.get("srcset").split(", ")]
        assert all(url.endswith(".jpg") and width.endswith("w") for url, width in candidates)
        assert len(candidates) >= 3 and img.get("sizes")
        source = img.xpath("preceding-sibling::source | ancestor::picture//source")[0]
        assert source.get("type") == "image/webp" and ".webp " in source.get("srcset")
        for url, _ in candidates:
            assert (website / "en/with-photos" / url).resolve().is_file()
    first, second = images
    assert first.get("loading") is None  # the lead photo is above the fold
    assert second.get("loading") == "lazy"
    # 2000×1200 shown at 800 pixels wide: the height keeps the ratio
    assert (first.get("width"), first.get("height")) == ("800", "480")
    assert first.get("alt") == "People at a workshop"


def test_a_gallery_shows_each_photos_caption_credit_and_original(website: Path) -> None:
    tree = page(website, "en/with-photos/index.html")
    captions = [
        " ".join(f.text_content().replace("\u2068", "").replace("\u2069", "").split())
        for f in tree.xpath("//figcaption")
    ]
    assert captions[0].startswith("The first photo. Photo: IOM/2024")
    assert "Download the original photo (2,000 × 1,200 pixels)" in captions[0]
    assert captions[1].startswith("The second photo.")
    download = tree.xpath("//figcaption/a[@download]/@href")[0]
    original = (website / "en/with-photos" / download).resolve()
    assert original.name == "first.jpg" and Image.open(original).size == (2000, 1200)
    # French has no texts for the photos: they are shown, with empty alternative text
    french = page(website, "fr/with-photos/index.html")
    assert [img.get("alt") for img in french.xpath("//main//img")] == ["", ""]


def test_the_social_card_is_1200_by_630(website: Path) -> None:
    tree = page(website, "en/with-photos/index.html")
    url = tree.xpath("//meta[@property='og:image']/@content")[0]
    assert tree.xpath("//meta[@name='twitter:card']/@content") == ["summary_large_image"]
    assert tree.xpath("//meta[@name='twitter:image']/@content") == [url]
    card = website / url.removeprefix("https://news.example.org/")
    assert Image.open(card).size == (1200, 630) and Image.open(card).format == "JPEG"
    plain = page(website, "en/release-1/index.html")
    assert plain.xpath("//meta[@name='twitter:card']/@content") == ["summary"]


def test_no_published_copy_keeps_the_location(website: Path) -> None:
    """Renditions, the downloadable original, the press kit's photos and the PDFs."""
    copies: list[tuple[str, bytes]] = []
    for path in sorted((website / "media/with-photos").rglob("*.*")):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as kit:
                names = [n for n in kit.namelist() if n.endswith((".jpg", ".png", ".webp"))]
                copies += [(f"{path.name}:{n}", kit.read(n)) for n in names]
        else:
            copies.append((path.name, path.read_bytes()))
    assert len(copies) > 10 and any(":" in name for name, _ in copies)
    for name, data in copies:
        exif = Image.open(io.BytesIO(data)).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo), name
        assert ExifTags.IFD.GPSInfo not in exif and ExifTags.Base.Make not in exif, name
    pdfs = list(website.glob("*/with-photos/*.pdf"))
    assert pdfs
    if shutil.which("pdfimages") is None:
        pytest.skip("pdfimages not found (apt-get install poppler-utils): PDFs not checked")
    for pdf in pdfs:  # Typst embeds a JPEG as it is, Exif block and all
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(["pdfimages", "-all", str(pdf), f"{folder}/image"], check=True)
            images = [p for p in Path(folder).iterdir() if p.suffix in (".jpg", ".png")]
            assert images, pdf
            for image in images:
                assert not Image.open(image).getexif().get_ifd(ExifTags.IFD.GPSInfo), pdf
    original = Image.open(website / "media/with-photos/first.jpg").getexif()
    assert original.get(ExifTags.Base.Artist) == "Example photographer"  # credit kept


def test_same_source_same_bytes() -> None:
    source = jpeg_with_location(1000, 700, 90)
    photo = Photo("p.jpg", 1000, 700, "JPEG")
    first, second = (photo_files("r", photo, source, card=True) for _ in range(2))
    assert first == second
    assert sorted(first) == [
        "media/r/p.jpg",
        *sorted(
            f"media/r/sizes/p.jpg-{label}"
            for label in (
                "480w.jpg", "480w.webp", "800w.jpg", "800w.webp",
                "1000w.jpg", "1000w.webp", "card.jpg",
            )
        ),
    ]  # fmt: skip
    assert Image.open(io.BytesIO(first["media/r/sizes/p.jpg-480w.webp"])).size == (480, 336)


def test_a_small_photo_makes_a_card_of_its_own_pixels_never_enlarged() -> None:
    """A 600×400 photo stretched to 1200×630 shared as a blurred card: the card is the
    largest 1200:630 crop the photo holds, and the page gives that size."""
    from pressgen.render.images import card_size

    photo = Photo("p.jpg", 600, 400, "JPEG")
    files = photo_files("r", photo, jpeg_with_location(600, 400, 90), card=True)
    card = Image.open(io.BytesIO(files["media/r/sizes/p.jpg-card.jpg"]))
    assert card.size == card_size(photo) == (600, 315)
    assert card_size(Photo("big.jpg", 3000, 2000, "JPEG")) == (1200, 630)
    assert card_size(Photo("tall.jpg", 1000, 3000, "JPEG")) == (1000, 525)


def jpeg(mode: str, profile: str | None) -> bytes:
    """A 900×600 JPEG in `mode`, carrying a profile Pillow makes ("sRGB", "LAB") or none."""
    extra = {}
    if profile:
        extra["icc_profile"] = ImageCms.ImageCmsProfile(ImageCms.createProfile(profile)).tobytes()
    out = io.BytesIO()
    Image.new(mode, (900, 600), "white" if mode != "CMYK" else (0, 0, 0, 0)).save(
        out, "JPEG", **extra
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("mode", "profile", "kept"),
    [
        ("RGB", "sRGB", True),  # an RGB photo keeps its RGB profile
        ("RGB", "LAB", False),  # a profile of another colour space never describes RGB copies
        ("CMYK", "sRGB", False),  # a print-archive photo: its copies are RGB, the profile goes
        ("CMYK", None, False),
        ("L", "sRGB", False),
    ],
)
def test_copies_are_rgb_and_carry_only_an_rgb_profile(
    mode: str, profile: str | None, kept: bool
) -> None:
    photo = Photo("p.jpg", 900, 600, "JPEG")
    files = photo_files("r", photo, jpeg(mode, profile), card=True)
    for path, data in files.items():
        copy = Image.open(io.BytesIO(data))
        if path == "media/r/p.jpg":  # the original for download stays as it was sent
            assert copy.mode == mode
            continue
        assert copy.mode == "RGB", path
        assert bool(copy.info.get("icc_profile")) == kept, path
    white = Image.open(io.BytesIO(files["media/r/sizes/p.jpg-480w.jpg"])).getpixel((10, 10))
    assert min(white) > 245  # CMYK 0,0,0,0 is paper white, in every conversion


def test_a_16_bit_grey_photo_keeps_its_greys() -> None:
    """A scanner's 16-bit grey PNG: its copies show the same greys (converted as 8-bit
    values, every grey above 255 of 65,535 was white)."""
    row = b"".join(value.to_bytes(2, "little") * 200 for value in (0, 16384, 32768, 65535))
    source = Image.frombytes("I;16", (800, 200), row * 200)
    out = io.BytesIO()
    source.save(out, "PNG")
    files = photo_files("r", Photo("p.png", 800, 200, "PNG"), out.getvalue(), card=False)
    copy = Image.open(io.BytesIO(files["media/r/sizes/p.png-480w.jpg"])).convert("L")
    greys = [copy.getpixel((x, 60)) for x in (60, 180, 300, 420)]
    assert [round(grey / 64) for grey in greys] == [0, 1, 2, 4], greys


def test_a_photo_turned_by_its_exif_is_measured_upright(make_site: SiteWriter) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # taken with the camera on its side
    out = io.BytesIO()
    Image.new("RGB", (600, 400)).save(out, "JPEG", exif=exif)
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: turned.jpg\n",
            "releases/first-release/turned.jpg": out.getvalue(),
        }
    )
    from pressgen.read import read_site

    photo = read_site(site).releases[0].photos["turned.jpg"]
    assert (photo.width, photo.height) == (400, 600)
    files = photo_files("first-release", photo, out.getvalue(), card=False)
    assert Image.open(io.BytesIO(files["media/first-release/sizes/turned.jpg-400w.jpg"])).size == (
        400,
        600,
    )


def test_a_corrupt_photo_is_a_problem_of_its_file(make_site: SiteWriter) -> None:
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "images: [good.jpg, bad.jpg]\n",
            "releases/first-release/good.jpg": jpeg_with_location(300, 200, 1),
            "releases/first-release/bad.jpg": jpeg_with_location(300, 200, 1)[:400],
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "releases/first-release/bad.jpg: is not a JPEG, PNG, WebP or GIF picture that can be read"
        in result.output
    )
    assert "Traceback" not in result.output
    assert "releases/first-release/good.jpg" not in result.output  # only the bad one


def test_a_picture_whose_name_says_another_format_is_a_problem_of_its_file(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """PNG bytes named `.jpg` passed `check`, then stopped the build at the PDF (its
    typesetter reads a picture by its name) with a message that named no file."""
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: photo.jpg\n",
            "releases/first-release/photo.jpg": png(300, 200),
            "releases/first-release/map.png": jpeg_with_location(300, 200, 1),
            "releases/first-release/en.md": ENGLISH + "\n![A map](map.png)\n",
        }
    )
    for command in (["check"], ["build", "--out", str(tmp_path / "public")]):
        result = CliRunner().invoke(main, [*command, "--site", str(site)])
        assert result.exit_code == 1, result.output
        assert (
            "releases/first-release/photo.jpg: is a PNG image under a name that ends in "
            "'.jpg': rename it to end in '.png'"
        ) in result.output
        assert "releases/first-release/map.png: is a JPEG image" in result.output
        assert "Traceback" not in result.output


def test_a_decompression_bomb_is_told_as_too_many_pixels(tmp_path: Path) -> None:
    from pressgen.photos import MAX_PIXELS, PhotoError, measure

    bomb = tmp_path / "bomb.png"
    Image.new("1", (20000, 10000)).save(bomb)  # twice MAX_PIXELS: Pillow refuses it
    with pytest.raises(PhotoError, match=f"has more than {MAX_PIXELS:,} pixels in all: save"):
        measure(bomb)


def test_a_picture_too_tall_for_a_web_copy_is_told_by_check(make_site: SiteWriter) -> None:
    """A long infographic (1200×20000) passed check, then stopped the build with "a bug in
    pressgen" (WebP takes at most 16,383 pixels a side)."""
    tall = io.BytesIO()
    Image.new("RGB", (120, 16_384)).save(tall, "PNG")
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: tall.png\n",
            "releases/first-release/tall.png": tall.getvalue(),
        }
    )
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "--site", str(site)])
        assert result.exit_code == 1, result.output
        assert (
            "releases/first-release/tall.png: has 120×16384 pixels, expected at most 16,383 a "
            "side (a web copy's most): save a smaller copy"
        ) in result.output


def test_every_unreadable_picture_of_a_release_is_named_at_once(make_site: SiteWriter) -> None:
    """A corrupt lead photo and a corrupt picture of the body: both, in one check."""
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "images: [bad.jpg]\n",
            "releases/first-release/bad.jpg": b"\xff\xd8\xff\xe0 garbage",
            "releases/first-release/map.png": b"\x89PNG\r\n\x1a\n broken",
            "releases/first-release/en.md": ENGLISH + "\n![A map](map.png)\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    for name in ("bad.jpg", "map.png"):
        assert (
            f"releases/first-release/{name}: is not a JPEG, PNG, WebP or GIF picture that can"
            in result.output
        )
    assert "2 problems and 1 warning found" in result.output, result.output  # bad.jpg: no alt


def test_a_jpeg_smaller_than_eight_pixels_is_measured(tmp_path: Path) -> None:
    """Checking a JPEG decodes it at an eighth of its size: never less than one pixel."""
    from pressgen.photos import measure

    path = tmp_path / "dot.jpg"
    Image.new("RGB", (1, 3)).save(path, "JPEG")
    assert (measure(path).width, measure(path).height) == (1, 3)


def test_a_photo_cut_short_after_its_header_is_found_by_check(make_site: SiteWriter) -> None:
    """An upload that stopped half-way has a whole header and half its pixels: check says
    so, and the build stops before writing, never later while it renders."""
    whole = jpeg_with_location(300, 200, 1)
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: cut.jpg\n",
            "releases/first-release/cut.jpg": whole[: len(whole) * 2 // 3],
        }
    )
    for command in ("check", "build"):
        result = CliRunner().invoke(main, [command, "--site", str(site)])
        assert result.exit_code == 1, result.output
        assert (
            "releases/first-release/cut.jpg: is cut short (only part of it was saved"
            in result.output
        )


def test_an_empty_photo_file_is_told_empty(make_site: SiteWriter) -> None:
    """A copy that never finished was asked "is it another kind of file, renamed?" (h138)."""
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: empty.jpg\n",
            "releases/first-release/empty.jpg": b"",
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "releases/first-release/empty.jpg: is empty (0 bytes): copy the photo into the folder again"
    ) in result.output, result.output


def test_image_and_images_together_and_texts_of_unknown_photos_are_problems(
    make_site: SiteWriter,
) -> None:
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: a.jpg\nimages: [a.jpg]\n",
            "releases/first-release/a.jpg": jpeg_with_location(300, 200, 1),
            "releases/first-release/en.md": "---\ntitle: T\ndateline: D\nimages:\n"
            "  b.jpg:\n    caption: Nothing\n---\nBody.\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert "release.yaml:7: images: is given with 'image'" in result.output
    assert "en.md:5: images.b.jpg: is not a photo of this release, expected one of: a.jpg" in (
        result.output
    )  # on the line of its name (h127)


def test_files_named_with_spaces_and_accents_get_addresses_that_resolve(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A photo named as a camera or a colleague names it ("Camp photo é.jpg"): every address
    of it, on the page (srcset, where a space separates candidates), in the feeds and in
    ninjs, is a URL that leads to the file; the body may name it as an editor writes it,
    percent-encoded or between angle brackets."""
    name = "Camp photo é.jpg"
    body = "![A camp](Camp%20photo%20%C3%A9.jpg)\n\n![The camp](<Camp photo é.jpg>)\n"
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + f"image: {name}\n",
            f"releases/first-release/{name}": jpeg_with_location(900, 600, 3),
            "releases/first-release/en.md": ENGLISH.replace(
                "contacts:", "image:\n  alt: A camp\ncontacts:"
            )
            + body,
        }
    )
    checked = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert checked.exit_code == 0, checked.output
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert built.exit_code == 0, built.output
    tree = page(out, "en/first-release/index.html")
    here = "https://news.example.org/en/first-release/"
    addresses = [
        *tree.xpath("//img/@src | //a/@href | //meta[@property='og:image']/@content"),
        *(c.split()[0] for s in tree.xpath("//@srcset") for c in s.split(", ")),
        *lxml_etree.fromstring((out / "en/rss.xml").read_bytes()).xpath("//enclosure/@url"),
    ]
    local = [urljoin(here, a) for a in addresses if "/media/" in urljoin(here, a)]
    assert len(local) >= 8
    for address in local:
        assert " " not in address and "é" not in address, address
        path = unquote(address.removeprefix("https://news.example.org/"))
        assert (out / path).is_file(), address


def test_a_photo_named_in_another_case_is_suggested(make_site: SiteWriter) -> None:
    """A camera writes CAMP.JPG, the release says camp.jpg: on the web server they differ."""
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: camp.jpg\n",
            "releases/first-release/CAMP.JPG": jpeg_with_location(300, 200, 1),
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "releases/first-release/release.yaml:6: image: 'camp.jpg' does not exist, expected a "
        "file in first-release/; did you mean 'CAMP.JPG'?"
    ) in result.output.splitlines(), result.output


def test_a_name_that_differs_only_in_how_its_accent_is_encoded_is_explained(
    make_site: SiteWriter,
) -> None:
    """A Mac can save "é" as e and a combining accent: "did you mean 'carte-é.png'?" would
    show the very name the press officer wrote, so the message says what differs."""
    decomposed = "carte-e\u0301.png"
    site = make_site(
        {
            f"releases/first-release/{decomposed}": png(40, 20),
            "releases/first-release/en.md": ENGLISH + "\n![A map](carte-\u00e9.png)\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "the same letters, with the accent encoded another way in the file's name: type the "
        "name again in the text, or rename the file"
    ) in result.output, result.output


def test_a_picture_shown_in_the_body_loses_its_location_everywhere(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Not only the release's photo: a chart placed in the body is published, put in the
    press kit and embedded in the PDFs, and none of these copies may say where it was taken."""
    site = make_site(
        {
            "releases/first-release/chart.jpg": jpeg_with_location(400, 300, 2),
            "releases/first-release/en.md": ENGLISH + "\n![A chart](chart.jpg)\n",
        }
    )
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    )
    copies = [(out / "media/first-release/chart.jpg").read_bytes()]
    with zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip") as kit:
        copies += [kit.read(n) for n in kit.namelist() if n.endswith("chart.jpg")]
    if shutil.which("pdfimages") is not None:
        with tempfile.TemporaryDirectory() as folder:
            pdf = out / "en/first-release/first-release.en.pdf"
            subprocess.run(["pdfimages", "-all", str(pdf), f"{folder}/image"], check=True)
            copies += [p.read_bytes() for p in Path(folder).iterdir() if p.suffix == ".jpg"]
    assert len(copies) >= 2
    for data in copies:
        exif = Image.open(io.BytesIO(data)).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo) and ExifTags.Base.Make not in exif


def _pictures_that_say_where(place: bytes) -> dict[str, bytes]:
    """A JPEG and a GIF whose comment, and a lossless animated WebP whose EXIF and XMP, name
    `place`: an agency's captioning tool writes it there."""
    exif = Image.Exif()
    exif[ExifTags.Base.Copyright] = "Example agency"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N"}
    frames = [Image.effect_noise((64, 48), 40 + 20 * n).convert("RGB") for n in range(3)]
    files = {}
    for name, kind, options in (
        ("comment.jpg", "JPEG", {"comment": place}),
        ("comment.gif", "GIF", {"comment": place, "save_all": True}),
        ("moving.webp", "WEBP", {"exif": exif, "xmp": b"<x>" + place + b"</x>", "save_all": True}),
    ):
        out = io.BytesIO()
        more = frames[1:] if options.get("save_all") else []
        frames[0].save(out, kind, append_images=more, lossless=True, **options)
        files[name] = out.getvalue()
    return files


def test_no_published_copy_keeps_a_comment_or_xmp_that_says_where(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A JPEG's or GIF's comment and a WebP's XMP can say where a photo was taken as EXIF's
    GPS does; the WebP original keeps its frames and its lossless pixels."""
    place = b"Taken at the Ulm refugee camp, 48.4N"
    pictures = _pictures_that_say_where(place)
    body = "".join(f"\n![A picture]({name})\n" for name in pictures)
    files = {f"releases/first-release/{n}": data for n, data in pictures.items()}
    site = make_site({**files, "releases/first-release/en.md": ENGLISH + body})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    found = [p for p in out.rglob("*") if p.is_file() and place in p.read_bytes()]
    with zipfile.ZipFile(out / "media/first-release/first-release-press-kit.zip") as kit:
        found += [n for n in kit.namelist() if place in kit.read(n)]
    assert found == []
    published = Image.open(out / "media/first-release/moving.webp")
    source = Image.open(io.BytesIO(pictures["moving.webp"]))
    assert published.n_frames == 3
    assert published.convert("RGB").tobytes() == source.convert("RGB").tobytes()
    assert published.getexif()[ExifTags.Base.Copyright] == "Example agency"


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="pdfimages not found")
def test_a_large_png_or_webp_is_printed_at_the_pdf_s_resolution(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A 3,000-pixel PNG and WebP were embedded whole: one release's PDF weighed 45 MB (a
    tester's). Like a JPEG, each is printed with at most 2,000 pixels across."""
    files = {}
    for name, kind in (("chart.png", "PNG"), ("photo.webp", "WEBP")):
        out = io.BytesIO()
        Image.effect_noise((3000, 2000), 60).convert("RGB").save(out, kind)
        files[f"releases/first-release/{name}"] = out.getvalue()
    body = "\n![A chart](chart.png)\n\n![A photo](photo.webp)\n"
    site = make_site({**files, "releases/first-release/en.md": ENGLISH + body})
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out / "en/first-release/first-release.en.pdf"
    listed = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True)
    widths = sorted(int(line.split()[3]) for line in listed.stdout.splitlines()[2:])
    assert widths[-1] == 2000 and len(widths) >= 2, listed.stdout
    assert pdf.stat().st_size < 20_000_000


def test_a_picture_shown_in_the_body_has_its_size_and_a_broken_one_is_named(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """Every <img> carries width and height, the body's pictures too; a picture that cannot
    be read is a problem of its file, as a photo is."""
    body = "\n![A chart](chart.jpg)\n\n![A map](<map 1.png>)\n"
    site = make_site(
        {
            "releases/first-release/chart.jpg": jpeg_with_location(400, 300, 2),
            "releases/first-release/map 1.png": png(120, 80),
            "releases/first-release/en.md": ENGLISH + body,
        }
    )
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    )
    images = page(out, "en/first-release/index.html").xpath("//main//img")
    sizes = {img.get("alt"): (img.get("width"), img.get("height")) for img in images}
    assert sizes == {"A chart": ("400", "300"), "A map": ("120", "80")}
    (site / "releases/first-release/map 1.png").write_bytes(b"\x89PNG\r\n\x1a\n broken")
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert result.exit_code == 1
    assert (
        "releases/first-release/map 1.png: is not a JPEG, PNG, WebP or GIF picture that can be read"
        in result.output
    )


@pytest.mark.parametrize(
    "reference",
    [
        '<image href="file:///etc/passwd" width="9" height="9"/>',
        '<image xlink:href="https://example.org/x.png" width="9" height="9"/>',
        '<use href="other.svg#shape"/>',
    ],
)
def test_an_svg_that_shows_another_file_is_a_problem_of_its_file(
    make_site: SiteWriter, reference: str
) -> None:
    """A browser shows nothing of another file from an SVG in <img>, and the PDF cannot
    embed it: `check` says so before a build starts writing."""
    result = _check_svg_with(make_site, reference)
    assert result.exit_code == 1
    assert "releases/first-release/chart.svg:3: shows another file, '" in result.output


def _check_svg_with(make_site: SiteWriter, third_line: str) -> Result:
    """`check` of a site whose release shows an SVG with `third_line` on its third line."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="100" height="50">\n<rect id="shape" width="5" height="5"/>\n{third_line}\n'
        "</svg>\n"
    )
    site = make_site(
        {
            "releases/first-release/chart.svg": svg,
            "releases/first-release/en.md": ENGLISH + "\n![A chart](chart.svg)\n",
        }
    )
    return CliRunner().invoke(main, ["check", "--site", str(site)])


@pytest.mark.parametrize(
    ("active", "what"),
    [
        ("<script>alert(document.domain)</script>", "<script>"),
        ('<rect width="5" height="5" onclick="alert(1)"/>', "onclick="),
        ('<foreignObject width="9" height="9"><p>x</p></foreignObject>', "<foreignObject>"),
        ('<a><set attributeName="href" to="javascript:alert(1)"/>x</a>', "attributeName="),
        ('<?xml-stylesheet type="text/xsl" href="data:,x"?>', "<?xml-stylesheet?>"),  # h82
    ],
)
def test_an_svg_that_would_run_a_script_is_a_problem_of_its_file(
    make_site: SiteWriter, active: str, what: str
) -> None:
    """An SVG is published as it is, under media/: its scripts ran when its address was
    opened on the newsroom's site (h80)."""
    result = _check_svg_with(make_site, active)
    assert result.exit_code == 1
    assert f"releases/first-release/chart.svg:3: holds {what}, which can run a script" in (
        result.output
    )


def test_an_svg_that_uses_its_own_shapes_and_data_is_fine(make_site: SiteWriter) -> None:
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
        '<rect id="s" width="5" height="5"/><use href="#s" x="9"/>'
        '<image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/></svg>'
    )
    site = make_site(
        {
            "releases/first-release/map.svg": svg,
            "releases/first-release/en.md": ENGLISH + "\n![A map](map.svg)\n",
        }
    )
    result = CliRunner().invoke(main, ["check", "--site", str(site)])
    assert "map.svg" not in result.output, result.output


def test_a_picture_shown_in_the_body_offers_smaller_copies(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A phone need not load a 1,000-pixel chart: every picture of a body carries `srcset`
    and `sizes`, as the photos do. Each copy is the picture at the width it names, in its own
    format, its transparency kept and its location gone; the `src` stays the file itself."""
    body = "\n![A chart](chart.png)\n\n![A map](map.jpg)\n\n![The photo](photo.jpg)\n"
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: photo.jpg\n",
            "releases/first-release/photo.jpg": jpeg_with_location(900, 600, 3),
            "releases/first-release/chart.png": png(1000, 500),
            "releases/first-release/map.jpg": jpeg_with_location(300, 200, 2),
            "releases/first-release/en.md": ENGLISH + body,
        }
    )
    out = tmp_path / "out"
    assert (
        CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)]).exit_code == 0
    )
    folder = out / "en/first-release"
    images = page(out, "en/first-release/index.html").xpath("//div[@class='release-body']//img")
    offered = {}
    for img in images:
        assert img.get("sizes")
        candidates = [c.split() for c in img.get("srcset").split(", ")]
        offered[img.get("alt")] = [int(width.removesuffix("w")) for _, width in candidates]
        source = Image.open(io.BytesIO((folder / unquote(img.get("src"))).read_bytes()))
        for url, width in candidates:
            copy = Image.open(io.BytesIO((folder / unquote(url)).read_bytes()))
            assert copy.width == int(width.removesuffix("w"))
            assert copy.format == source.format
            assert not copy.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            if source.format == "PNG":
                assert copy.mode == "RGBA"
    assert offered == {"A chart": [480, 800, 1000], "A map": [300], "The photo": [480, 800, 900]}


def test_a_damaged_exif_block_prints_no_python_warning(tmp_path: Path) -> None:
    """A photo whose EXIF block is cut short (an editing app's slip) made Pillow print
    "UserWarning: Corrupt EXIF data" with its own source path amid the build's lines; the
    photo publishes as it did, upright as stored, its metadata dropped as always (h67)."""
    import gc
    import warnings

    from pressgen.photos import Encoding, clean_original, measure, picture_copies, upright

    image = Image.new("RGB", (800, 600), "red")
    exif = image.getexif()
    exif[0x010F] = "Camera"
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    data = bytearray(out.getvalue())
    start = data.find(b"Exif\x00\x00") + 14
    data[start : start + 2] = b"\xff\x7f"  # the first directory says it has 32,767 entries
    path = tmp_path / "damaged.jpg"
    path.write_bytes(data)
    gc.collect()  # a file an earlier test left open is not this one's warning
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert measure(path) == Photo("damaged.jpg", 800, 600, "JPEG")
        upright(bytes(data))
        clean_original(bytes(data))
        picture_copies(bytes(data), {"copy": Encoding(400, 300, "JPEG")})
    assert [str(w.message) for w in caught] == []


def test_a_card_too_small_for_a_large_summary_asks_for_a_small_one(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A 280×147 card announced as `summary_large_image` is one X drops (it wants 300×157
    at least): such a card asks for the small summary (h71)."""
    small = io.BytesIO()
    Image.new("RGB", (280, 147), "olive").save(small, "JPEG")
    site = make_site(
        {
            "releases/first-release/release.yaml": RELEASE_YAML + "image: small.jpg\n",
            "releases/first-release/small.jpg": small.getvalue(),
        }
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    tree = page(out, "en/first-release/index.html")
    assert tree.xpath("//meta[@property='og:image:width']/@content") == ["280"]
    assert tree.xpath("//meta[@name='twitter:card']/@content") == ["summary"]


def test_the_first_picture_of_a_page_without_photos_loads_at_once(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A picture at the top of a body with no photo above it was loaded lazily, though a
    reader sees it at once; with a photo above the body, each of the body's loads lazily,
    in an incremental build too (the photo was in the folder already)."""
    release = "releases/first-release/"
    body = "\n![A chart](chart.png)\n\n![A map](map.png)\n\n[The photo](photo.jpg)\n"
    site = make_site(
        {
            release + "chart.png": png(400, 300),
            release + "map.png": png(400, 300),
            release + "photo.jpg": jpeg_with_location(800, 600, 3),
            release + "en.md": ENGLISH + body,
        }
    )
    out = tmp_path / "out"

    def loading() -> list[str | None]:
        result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
        assert result.exit_code == 0, result.output
        tree = page(out, "en/first-release/index.html")
        return [img.get("loading") for img in tree.xpath("//img[contains(@src, '.png')]")]

    assert loading() == [None, "lazy"]
    yaml = site / release / "release.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "image: photo.jpg\n", encoding="utf-8")
    assert loading() == ["lazy", "lazy"]


def test_the_site_s_own_pictures_lose_their_location_and_others_stay_as_they_are(
    make_site: SiteWriter, tmp_path: Path
) -> None:
    """A logo or favicon in assets/ was published with its GPS position (a tester's); a
    picture that carries no metadata is still published byte for byte."""
    plain = png(40, 40)
    site = make_site(
        {
            "assets/logo.jpg": jpeg_with_location(300, 100, 5),
            "assets/banner.jpg": _pictures_that_say_where(b"48.4N")["comment.jpg"],
            "assets/iptc.jpg": _with_iptc(b"48.4N"),  # IPTC only: Pillow saw no metadata
            "assets/phone.jpg": _mpo(),  # a phone's JPEG and its second picture
            "assets/plain.png": plain,
        },
        config=MINIMAL_CONFIG + '\n[brand]\nlogo = "logo.jpg"\nfavicon = "logo.jpg"\n',
    )
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--site", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    published = [p for p in (out / "assets").rglob("*") if p.suffix in (".jpg", ".webp")]
    assert len(published) >= 2
    for path in published:
        exif = Image.open(path).getexif()
        assert not exif.get_ifd(ExifTags.IFD.GPSInfo) and b"48.4N" not in path.read_bytes(), path
    assert (out / "assets/plain.png").read_bytes() == plain
    phone = (out / "assets/phone.jpg").read_bytes()
    assert Image.open(io.BytesIO(phone)).format == "JPEG" and phone.count(b"\xff\xd8") == 1


def _with_iptc(place: bytes) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 20, 30)).save(out, "JPEG")
    data = out.getvalue()
    iptc = b"Photoshop 3.0\0" + place
    return data[:2] + b"\xff\xed" + (len(iptc) + 2).to_bytes(2, "big") + iptc + data[2:]


def _mpo() -> bytes:
    out = io.BytesIO()
    first, second = Image.new("RGB", (40, 30), (200, 0, 0)), Image.new("RGB", (40, 30), (0, 0, 200))
    first.save(out, "MPO", save_all=True, append_images=[second])
    return out.getvalue()
