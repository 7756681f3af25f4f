"""The PDF of one release in one language, typeset by Typst from `templates/release.typ`.

The release reaches the template as JSON data in `sys.inputs`, never as Typst markup, so a
title holding `#`, `]`, `$`, `\\` or `@` prints as those characters. A site replaces the
template by putting its own `templates/release.typ` beside its HTML templates.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeGuard
from urllib.parse import urljoin

from .. import paths
from ..bidi import isolated, left_to_right, written_the_other_way
from ..i18n import NATIVE_ZEROS, Language
from ..inside import read_inside
from ..model import Release, SiteConfig, Translation
from ..print_pictures import print_logo, print_media
from ..resources import RELEASES_DIR
from ..scratch import scratch_folder
from ..svg import svg_text
from .environment import is_sites_own, tel_uri, template_source
from .pdfbody import BodyLinks, body_blocks
from .pdffonts import PdfError, Typesetting, covered, missing_characters, shows
from .pdfinline import Json
from .views import Bodies, Body, RenderContext, correction_lines, dateline_text, release_labels

TEMPLATE = "release.typ"
PAPERS = ("a4", "us-letter")
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"})
CJK_LANGUAGES = frozenset({"zh", "ja", "ko"})
END_MARK = "***"


# The first digit of CLDR numbering systems a locale may count pages in; others use 0-9.
@dataclass(frozen=True)
class PdfSettings:
    """`[pdf]` in pressgen.toml (`paper`), and the site's logo file if it has one."""

    paper: str = "a4"
    logo: Path | None = None

    @classmethod
    def from_config(cls, config: SiteConfig, logo: Path | None = None) -> PdfSettings:
        return cls(paper=config.pdf_paper, logo=logo)


def release_pdf(
    release: Release,
    lang: str,
    ctx: RenderContext,
    body: Body,
    typesetter: Typesetting,
    banner: str | None = None,
    settings: PdfSettings = PdfSettings(),
) -> bytes:
    """One release-language as a tagged PDF/A-2a and PDF/UA-1 document.

    `typesetter` holds Typst and the fonts, loaded once per process. `banner` (a preview's
    localised warning) is printed at the top of every page. The PDF's creation date is the
    release's date, so the same input always gives the same bytes.
    """
    root = _project_root(release, settings.logo)
    data = printable(
        pdf_data(release, lang, ctx, body, banner, settings, root), typesetter.coverage, {}
    )
    template = template_source(ctx.env, TEMPLATE)
    inputs = {"release": json.dumps(data, ensure_ascii=False, sort_keys=True)}
    try:
        return typesetter.typeset(template, root, inputs, release.date)
    except PdfError as error:
        raise _located(error, f"{RELEASES_DIR}/{release.id}/{lang}.md", ctx) from None


UNFORESEEN = "and if they are fine, report this to pressgen's developers with the release"


def _located(error: PdfError, where: str, ctx: RenderContext) -> PdfError:
    """Typst's error said where it is: in the site's own template, at its line; else in
    the release (a picture the PDF cannot hold, or a limit of Typst's pressgen missed)."""
    line, detail = error.template_line, error.detail
    if not is_sites_own(ctx.env, TEMPLATE):
        message = f"{where}: pdf: {detail}; check the release's pictures, {UNFORESEEN}"
        return PdfError(message, line, detail)
    if line is None:
        message = f"{where}: pdf: {detail}; check its pictures and templates/{TEMPLATE}"
        return PdfError(message, line, detail)
    return PdfError(f"templates/{TEMPLATE}:{line}: {detail} (typesetting {where})", line, detail)


def release_pdfs(
    release: Release,
    langs: Iterable[str],
    ctx: RenderContext,
    bodies: Bodies,
    banner: Callable[[str], str | None],
) -> dict[str, bytes]:
    """The release's PDF in each of `langs`, in this process's Typst process, its pictures
    copied once for all of them; `banner` gives a language's banner (or none)."""
    from .typstd import shared_typesetter

    logo = ctx.config.brand.logo
    with print_copy(release, ctx.assets_dir / logo if logo and ctx.assets_dir else None) as (
        copy,
        logo_copy,
    ):
        settings = PdfSettings.from_config(ctx.config, logo=logo_copy)
        typesetter = shared_typesetter()
        return {
            lang: release_pdf(
                copy, lang, ctx, bodies.body(release, lang), typesetter, banner(lang), settings
            )
            for lang in langs
        }


@contextmanager
def print_copy(release: Release, logo: Path | None) -> Iterator[tuple[Release, Path | None]]:
    """The release as Typst may read it: its pictures copied into a scratch folder with no
    location or camera metadata (Typst embeds a JPEG as it is, Exif and all), in RGB
    (`print_pictures.print_media`), with the logo (no taller than its letterhead needs).

    Done once for a release's PDFs in every language."""
    with scratch_folder("print") as folder:
        for name in release.media_files:
            if "." + name.rsplit(".", 1)[-1].lower() in IMAGE_SUFFIXES:
                source = read_inside(release.folder / name, release.folder)
                (folder / name).write_bytes(printable_svg(name, print_media(name, source)))
        copied = None
        if logo is not None:
            copied = folder / ".logo" / logo.name
            copied.parent.mkdir()
            copied.write_bytes(printable_svg(logo.name, print_logo(logo.name, logo.read_bytes())))
        yield replace(release, folder=folder), copied


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def printable_svg(name: str, source: bytes) -> bytes:
    """An SVG as the PDF embeds it: without the characters of its text that no PDF font has
    (an emoji), written or referenced, for Typst would stop at the first (`check` warns of
    them, as of those of the text)."""
    if not name.lower().endswith(".svg"):
        return source
    missing = set(missing_characters([svg_text(source)]))
    if not missing:
        return source
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError:
        return source

    def kept(reference: re.Match[str]) -> str:
        hexadecimal, decimal = reference.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        return "" if code <= 0x10FFFF and chr(code) in missing else reference.group()

    return _REFERENCE.sub(kept, "".join(c for c in text if c not in missing)).encode("utf-8")


def _project_root(release: Release, logo: Path | None) -> Path:
    """The folder Typst may read from: the release's, and the logo's if it is elsewhere."""
    if logo is None:
        return release.folder.resolve()
    return Path(os.path.commonpath([release.folder.resolve(), logo.resolve().parent]))


def _typst_path(file: Path, root: Path) -> str | None:
    """A file's path as Typst reads it (from the root), if Typst can embed it as an image."""
    if file.suffix.lower() not in IMAGE_SUFFIXES or "\\" in file.name or not file.is_file():
        return None
    return "/" + file.resolve().relative_to(root).as_posix()


def pdf_data(
    release: Release,
    lang: str,
    ctx: RenderContext,
    body: Body,
    banner: str | None,
    settings: PdfSettings,
    root: Path,
) -> dict[str, Any]:
    """What the template lays out, all as plain strings, lists and dictionaries."""
    language = ctx.languages[lang]
    translation = release.translations[lang]
    config = ctx.config
    labels = release_labels(release, config, language)
    url = paths.url(config, paths.release_page(lang, release.id))
    title = language.typography(translation.title)
    return {
        "lang": language.locale.language,
        "region": _region(lang),
        "dir": language.direction,
        "script": script(language),
        "paper": settings.paper,
        "banner": banner or None,
        "publisher": language.typography(config.publisher(lang)),
        "logo": _typst_path(settings.logo, root) if settings.logo else None,
        "type_label": labels["type_label"],
        "type_lang": labels["type_lang"],
        "region_labels": labels["region_labels"],
        "region_langs": labels["region_langs"],
        "title": title,
        "title_dir": written_the_other_way(translation.title, language.direction),
        "date": language.long_date(release.date),
        "corrections": correction_lines(release, language),
        "image": _photo(release, translation, language, root),
        "body": _body(release, translation, language, body, config, root),
        "end_mark": END_MARK,
        "contacts_heading": language.gettext("For more information, please contact:"),
        "contacts": [_contact(c, language) for c in translation.contacts],
        "topics": language.gettext("Topics:") + language.space + labels["topics_text"]
        if release.topics
        else None,
        "url": url,
        "page_label": language.gettext("Page %(page)s of %(total)s")
        % {"page": "{page}", "total": "{total}"},
        "digits": _digits(language),
        "space": language.space,
        "separator": language.separator,
        "meta": _metadata(release, language, config, title, body, labels),
    }


def script(language: Language) -> str:
    """Which of the template's branches of fonts and spacing a language takes."""
    return "cjk" if language.locale.language in CJK_LANGUAGES else "other"


def _region(lang: str) -> str | None:
    """The country of a tag such as zh-TW, for Typst's punctuation and hyphenation rules."""
    parts = lang.replace("_", "-").split("-")
    found = [p for p in parts[1:] if len(p) == 2 and p.isalpha()]
    return found[0].upper() if found else None


def _digits(language: Language) -> list[str]:
    """The ten digits of the language's default CLDR numbering system, for page numbers."""
    system = language.locale.default_numbering_system
    zero = NATIVE_ZEROS.get(system, ord("0"))
    return [chr(zero + n) for n in range(10)]


def _metadata(
    release: Release,
    language: Language,
    config: SiteConfig,
    title: str,
    body: Body,
    labels: dict[str, Any],
) -> dict[str, Any]:
    keywords = [labels["type_label"], *labels["region_labels"], *labels["topic_labels"]]
    return {
        "title": title,
        "author": config.publisher(language.code),
        "description": body.summary,
        "keywords": keywords,
    }


def _photo(
    release: Release, translation: Translation, language: Language, root: Path
) -> dict[str, Any] | None:
    """The photo (when its file is there) with its caption and credit (even when not); a
    sheet shows the lead photo only, and `more` tells the reader where the others are."""
    text = translation.image_text(release.image, release.image)
    if release.image is None and text is None:
        return None
    caption = language.typography(text.caption) if text and _printed(text.caption) else None
    credit = (
        language.gettext("Photo: %(credit)s") % {"credit": language.typography(text.credit)}
        if text and _printed(text.credit)
        else None
    )
    path = _typst_path(release.folder / release.image, root) if release.image else None
    alt = (text.alt if text else None) or caption or credit or release.image or ""
    more = (
        language.gettext("More photos of this release are in its press kit and on its web page.")
        if release.gallery
        else None
    )
    photo = release.photos.get(release.image) if release.image else None
    pixels = photo.width if photo else 0  # as read: upright
    return {
        **{"path": path, "alt": alt, "caption": caption, "credit": credit, "more": more},
        "pixels": pixels,  # its width, upright: it prints no wider than they print sharp
    }


def _printed(text: str | None) -> TypeGuard[str]:
    """Whether some of `text` prints: a credit of emoji alone (no PDF font has them) is
    left out with its "Photo:", which would stand alone."""
    coverage = covered()
    return any(ord(c) in coverage and c.isprintable() and not c.isspace() for c in text or "")


def _body(
    release: Release,
    translation: Translation,
    language: Language,
    body: Body,
    config: SiteConfig,
    root: Path,
) -> list[Json]:
    """The body's blocks, the dateline leading the first paragraph as on the page."""
    links = _links(release, language.code, config, root)
    blocks = body_blocks(body.html, links, _printed, language.direction == "rtl")
    # A place written the other way isolated, as the page's <bdi> does: "القاهرة" in an
    # English release would otherwise take the date's number to its side of the line.
    placed = replace(translation, dateline=isolated(translation.dateline, language.direction))
    lead = {"k": "dateline", "text": dateline_text(placed, language, release.date)}
    if blocks and blocks[0]["k"] == "p" and "dir" not in blocks[0]:
        space = [language.space] if language.space else []
        blocks[0] = {"k": "p", "c": [lead, *space, *blocks[0]["c"]]}
    else:
        blocks.insert(0, {"k": "p", "c": [lead]})
    return blocks


def _links(release: Release, lang: str, config: SiteConfig, root: Path) -> BodyLinks:
    """Links made absolute (the release's files at their address under media/), and the
    release's images found in its folder, named as the page names them or by file name."""
    page = paths.release_page(lang, release.id)
    url = paths.url(config, page)
    targets: dict[str, str] = {}
    images: dict[str, str] = {}
    for name in release.media_files:
        media = paths.media(release.id, name)
        found = _typst_path(release.folder / name, root)
        for written in (name, paths.relative(page, media)):
            targets[written] = paths.url(config, media)
            if found:
                images[written] = found
    return BodyLinks(
        link=lambda href: targets.get(href) or urljoin(url, href) or None, image=images.get
    )


def _contact(contact: Any, language: Language) -> dict[str, str | None]:
    direction = language.direction
    return {
        "name": isolated(language.typography(contact.name), direction),
        "email": contact.email,
        "phone": contact.phone and left_to_right(contact.phone),
        "tel": tel_uri(contact.phone) if contact.phone else None,
        "org": isolated(language.typography(contact.org), direction) if contact.org else None,
    }


# File names, link targets, alt texts and the document's metadata (its title with its emoji):
# never printed, so never in need of a glyph.
_NOT_TEXT = frozenset({"path", "logo", "href", "tel", "meta", "alt"})
# What joins or modifies an emoji and, without it, would be left in the text alone: the
# zero-width joiner, variation selectors, the keycap mark and tag characters (flags).
_EMOJI_PARTS = "\u200d\ufe0e\ufe0f\u20e3\U000e0020-\U000e007f"


def printable(value: Any, coverage: frozenset[int], dropped: dict[str, None]) -> Any:
    """`value` (the template's data) without the characters no PDF font has, noted in
    `dropped`: an emoji left out of the PDF, rather than an empty box or no PDF at all
    (PDF/A refuses a character without a glyph). Nor with soft hyphens (pasted from a word
    processor): Typst breaks a word at one even in the PDF's unhyphenated paragraphs, and
    copied text gets the word back in two, or whole with the invisible hyphen inside."""
    if isinstance(value, str):
        value = value.replace("\u00ad", "")
        missing = [c for c in set(value) if not shows(c, coverage)]
        if not missing:
            return value
        for char in sorted(missing, key=value.index):
            dropped[char] = None
        return _without(value, missing)
    if isinstance(value, dict):
        return {
            key: item if key in _NOT_TEXT else printable(item, coverage, dropped)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [printable(item, coverage, dropped) for item in value]
    return value


def _without(text: str, missing: list[str]) -> str:
    """`text` without the `missing` characters and the joiners and selectors around them
    (a family emoji is three emoji and two joiners), which would stay as invisible
    orphans in the copied text; and without a space they leave alone at the start or end
    of a line, or doubled between two words."""
    chars = "".join(re.escape(c) for c in missing)
    gone = f"(?:[{_EMOJI_PARTS}]*[{chars}][{_EMOJI_PARTS}]*)+"
    text = re.sub(f"^{gone} ?| ?{gone}$", "", text, flags=re.MULTILINE)
    return re.sub(gone, "", re.sub(f" {gone}(?= )", "", text))
