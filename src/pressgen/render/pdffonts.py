"""The fonts every PDF is set in, pinned to the byte, and the Typst compiler that uses them.

The fonts come from pip packages pinned in pyproject.toml (Noto Sans, Amiri, Noto Sans SC,
all SIL Open Font License, each package carrying its licence). Their files are checked
against the digests below when a process first makes a PDF, so every machine sets the same
glyphs or says why it cannot; system fonts are never looked at.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property
from importlib.resources import files
from pathlib import Path

import typst

from ..problems import UserError


@dataclass(frozen=True)
class FontFile:
    """One font file: the pip package that installs it, its place inside, its SHA-256."""

    package: str
    path: str
    sha256: str

    def located(self) -> Path:
        return Path(str(files(self.package).joinpath(self.path)))


FONT_FILES = (
    FontFile(
        "fontpkg_noto_sans",
        "files/NotoSans[wdth,wght].ttf",
        "bfb7bb691513f12e734dc346c03a03f784912432d7e3fa8e56efcf906fe86b3d",
    ),
    FontFile(
        "fontpkg_noto_sans",
        "files/NotoSans-Italic[wdth,wght].ttf",
        "58e6e0ebd1931b29a365aa2d3e2ee9a9e831a3af7cf3ad1462d4e72154f0b291",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Regular.ttf",
        "ab391c4147d054c48976e98322ad0eefe1427aa0e0502a12a4c75d80a70cfcd7",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Bold.ttf",
        "cfccb794268e7d573d857e6d6a67f89cf8a053e8ffd85dfa0c8ec1bb36fc4827",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Italic.ttf",
        "770e4da44d0459c0ddd6484483d475b95f2d088dd27ce472427624081eb68c70",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-BoldItalic.ttf",
        "241300e2dcb2c541ac3617872960d99683d261e4f526dc4691d0727e7bef130b",
    ),
    FontFile(
        "justmytype_intl_cjk",
        "fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
        "a3041811a78c361b1de50f953c805e0244951c21c5bd412f7232ef0d899af0da",
    ),
)

# What a PDF's bytes depend on among the fonts: their digests (a build cache key part).
FONTS_IDENTITY = hashlib.sha256(" ".join(f.sha256 for f in FONT_FILES).encode()).hexdigest()

# Standards every PDF is checked against by Typst while it is written: PDF/A-2a (archival,
# tagged, text in Unicode) and PDF/UA-1 (accessible: tags, language, title, alt texts).
PDF_STANDARDS: list[typst.PDFStandard] = ["a-2a", "ua-1"]


class PdfError(Exception):
    """A PDF could not be made; the message says which file and what to do."""


def _verified(font: FontFile) -> Path:
    path = font.located()
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        digest = None
    if digest != font.sha256:
        found = "is missing" if digest is None else "is not the pinned version"
        raise UserError(
            f"{path}: the PDF font {found}; reinstall pressgen with its dependencies "
            "(pip install --force-reinstall pressgen), or turn PDFs off with "
            "[pdf] enabled = false in pressgen.toml"
        )
    return path


def fixed_offset(instant: datetime) -> datetime:
    """The same instant with a fixed UTC offset (Typst refuses named time zones)."""
    offset = instant.utcoffset() or timedelta(0)
    return instant.astimezone(timezone(offset))


class Typesetter:
    """Typst and the pinned fonts, loaded once per process and reused for every PDF.

    One Typst compiler serves every release and template; Typst keeps what it has parsed,
    laid out and subset in memory, so the next release costs less.
    """

    def __init__(self, fonts: Iterable[FontFile] = FONT_FILES) -> None:
        folders = sorted({str(_verified(font).parent) for font in fonts})
        self.font_paths = tuple(folders)
        self._fonts = typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=list(folders)
        )
        self._compiler: typst.Compiler | None = None

    def typeset(
        self, template: str, root: Path, inputs: Mapping[str, str], created: datetime
    ) -> bytes:
        """A PDF from `template`, reading files under `root`; any Typst warning is an error
        (a missing font is only a warning to Typst, and its text would print as boxes)."""
        source = template.encode("utf-8")
        if self._compiler is None:
            self._compiler = typst.Compiler(
                input=source, root=str(root), font_paths=self._fonts, ignore_system_fonts=True
            )
        try:  # the template goes with every call: a new root forgets the previous input
            pdf, warnings = self._compiler.compile_with_warnings(
                input=source,
                format="pdf",
                sys_inputs=dict(inputs),
                root=str(root),
                timestamp=fixed_offset(created),
                pdf_standards=PDF_STANDARDS,
            )
        except typst.TypstError as error:
            raise PdfError(_diagnostic(error.message, error.hints)) from None
        if warnings:
            raise PdfError("; ".join(_diagnostic(w.message, w.hints) for w in warnings))
        if not isinstance(pdf, bytes):  # one file for a PDF, never a list of pages
            raise PdfError("Typst returned no PDF")
        return pdf

    @cached_property
    def coverage(self) -> frozenset[int]:
        """Every character some PDF font has a glyph for (read when first asked)."""
        from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

        covered: set[int] = set()
        for folder in self.font_paths:
            for path in sorted(Path(folder).glob("*.ttf")):
                with TTFont(path, lazy=True) as font:
                    covered.update(font.getBestCmap())
        return frozenset(covered)


def _diagnostic(message: str, hints: Iterable[str]) -> str:
    hints = [hint for hint in hints if hint]
    return message + (f" ({'; '.join(hints)})" if hints else "")
