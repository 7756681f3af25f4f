"""The fonts every PDF is set in, pinned to the byte, and the Typst compiler that uses them.

The fonts come from pip packages pinned in pyproject.toml (Noto Sans, Amiri, Noto Sans SC,
all SIL Open Font License, each package carrying its licence). Their files are checked
against the fingerprints below when a process first makes a PDF, so every machine sets the
same glyphs or says why it cannot; system fonts are never looked at.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..problems import Problem, ToolError, UserError
from ..read.characters import ignorable
from .pdfcoverage import COVERAGE


@dataclass(frozen=True)
class FontFile:
    """One font file: the pip package that installs it, its place inside, its fingerprint."""

    package: str
    path: str
    fingerprint: str

    def located(self) -> Path:
        return Path(str(files(self.package).joinpath(self.path)))


FINGERPRINT_BYTES = 65536

FONT_FILES = (
    FontFile(
        "fontpkg_noto_sans",
        "files/NotoSans[wdth,wght].ttf",
        "e93e55a1a5204853cc1e4a11c028ea58a3a3a61f26dead3c9490e8348ca344d2",
    ),
    FontFile(
        "fontpkg_noto_sans",
        "files/NotoSans-Italic[wdth,wght].ttf",
        "d8b86ed82af669ab653f5acaaa38a823e703595a746c10f2dc8fba8e2a281c00",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Regular.ttf",
        "ea7fbfec624c2a6df2af75c4781ad777ccd943648902b5d074594a353777d60e",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Bold.ttf",
        "f0cca6bcce9068d9f430aa7720585155c47f59d22c99045d6b95f3c9a33a3a81",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-Italic.ttf",
        "c283111e3aaab3e48a22ab148e772738df67c6132a8684d6796608a766874e8e",
    ),
    FontFile(
        "fontpkg_amiri",
        "files/Amiri-BoldItalic.ttf",
        "9d5a426a70b9ae29aaeb49ae67a3ec63fd5452204db6567afd7fc62070f40185",
    ),
    FontFile(
        "justmytype_intl_cjk",
        "fonts/ofl/notosanssc/NotoSansSC[wght].ttf",
        "eecd831e286107649e9062c8621c0ec74637dfe0216a072df267bb61779aa3c9",
    ),
)

# Standards every PDF is checked against by Typst while it is written: PDF/A-2a (archival,
# tagged, text in Unicode) and PDF/UA-1 (accessible: tags, language, title, alt texts).
PDF_STANDARDS: list[PDFStandard] = ["a-2a", "ua-1"]


if TYPE_CHECKING:
    from typst import PDFStandard


class Typesetting(Protocol):
    """What makes a PDF: a `Typesetter`, or a `typstd.TypstProcess` that runs one."""

    @property
    def coverage(self) -> frozenset[int]: ...

    def typeset(
        self, template: str, root: Path, inputs: Mapping[str, str], created: datetime
    ) -> bytes: ...


class PdfError(ToolError):
    """A PDF could not be made; the message says which file and what to do, `template_line`
    the line of the Typst template where Typst stopped, when it says, and `detail` what
    Typst said."""

    def __init__(
        self, message: str, template_line: int | None = None, detail: str | None = None
    ) -> None:
        super().__init__(message)
        self.template_line = template_line
        self.detail = detail or message


def fingerprint(path: Path) -> str:
    """A font file's identity, cheap enough for every process: SHA-256 of its size and first
    64 KiB, which hold the table directory with a checksum of every table (hashing whole
    files took a third of a second here)."""
    with path.open("rb") as handle:
        head = handle.read(FINGERPRINT_BYTES)
    size = path.stat().st_size
    return hashlib.sha256(f"{size}:".encode() + head).hexdigest()


def _verified(font: FontFile) -> Path:
    path = font.located()
    try:
        found = fingerprint(path)
    except OSError:
        found = None
    if found != font.fingerprint:
        state = "is missing" if found is None else "is not the pinned version"
        raise UserError(
            f"{path}: the PDF font {state}; reinstall pressgen with its dependencies "
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
        import typst  # only ever in a Typst process (see typstd)

        self._typst = typst
        folders = sorted({str(_verified(font).parent) for font in fonts})
        self.font_paths = tuple(folders)
        self._fonts = self._typst.Fonts(
            include_system_fonts=False, include_embedded_fonts=False, font_paths=list(folders)
        )
        self._compiler: Any = None

    def typeset(
        self, template: str, root: Path, inputs: Mapping[str, str], created: datetime
    ) -> bytes:
        """A PDF from `template`, reading files under `root`; any Typst warning is an error
        (a missing font is only a warning to Typst, and its text would print as boxes)."""
        source = template.encode("utf-8")
        if self._compiler is None:
            self._compiler = self._typst.Compiler(
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
        except self._typst.TypstError as error:
            raise PdfError(_diagnostic(error.message, error.hints), _line(error)) from None
        if warnings:
            message = "; ".join(_diagnostic(w.message, w.hints) for w in warnings)
            raise PdfError(message, _line(warnings[0]))
        if not isinstance(pdf, bytes):  # one file for a PDF, never a list of pages
            raise PdfError("Typst returned no PDF")
        return pdf

    @property
    def coverage(self) -> frozenset[int]:
        return covered()


def _line(diagnosed: Any) -> int | None:
    """The template's line a Typst error or warning points at, if it says."""
    found = re.search(r"\.typ:(\d+):\d+", str(getattr(diagnosed, "diagnostic", "")))
    return int(found[1]) if found else None


@lru_cache(maxsize=1)
def covered() -> frozenset[int]:
    """Every character some PDF font has a glyph for (expanded when first asked)."""
    return frozenset(
        code for first, last in parse_ranges(COVERAGE) for code in range(first, last + 1)
    )


def parse_ranges(spec: str) -> list[tuple[int, int]]:
    """`"20-7E A0"` as [(0x20, 0x7E), (0xA0, 0xA0)]."""
    ranges = []
    for item in spec.split():
        first, _, last = item.partition("-")
        ranges.append((int(first, 16), int(last or first, 16)))
    return ranges


def measure_coverage(fonts: Iterable[FontFile] = FONT_FILES) -> str:
    """The characters the fonts have, as COVERAGE writes them (for tests and for updating
    pdfcoverage.py after a font update; needs fontTools)."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    codes: set[int] = set()
    for font in fonts:
        with TTFont(font.located(), lazy=True) as opened:
            codes.update(opened.getBestCmap())
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return " ".join(f"{a:X}-{b:X}" if a != b else f"{a:X}" for a, b in ranges)


def _diagnostic(message: str, hints: Iterable[str]) -> str:
    hints = [hint for hint in hints if hint]
    return message + (f" ({'; '.join(hints)})" if hints else "")


def shows(char: str, coverage: frozenset[int]) -> bool:
    """Whether Typst can print `char` in a PDF/A: a font has it, or it needs no glyph."""
    code = ord(char)
    if code in coverage:
        return code not in (0, 0xFEFF)
    # Typst needs no glyph for a default-ignorable character, but for U+FEFF (PDF/A forbids it)
    return char.isspace() or (ignorable(char) and char != "\ufeff")


def missing_characters(texts: Iterable[str]) -> list[str]:
    """The characters of `texts` that a PDF leaves out because no font has them (an
    emoji), in the order they first appear."""
    coverage, unknown = covered(), _unknown()
    found: dict[str, None] = {}
    for text in texts:
        refused = [char for char in "\x00\ufeff" if char in text]  # a font has, PDF/A not
        candidates = {*unknown.findall(text), *refused}  # most texts: none
        for char in sorted(candidates, key=text.index):
            if not shows(char, coverage):
                found[char] = None
    return list(found)


@lru_cache(maxsize=1)
def _unknown() -> re.Pattern[str]:
    """A search for the characters no font has, and line ends and tabs (the few left to
    `shows`; a search runs through a body far faster than a loop over it)."""
    known = "".join(f"\\U{first:08X}-\\U{last:08X}" for first, last in parse_ranges(COVERAGE))
    return re.compile(f"[^\\t\\n{known}]")


def glyph_warning(path: str, missing: list[str], line: int | None = None) -> Problem:
    """The warning for the characters a release-language's PDF leaves out."""
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:10])
    more = f" and {len(missing) - 10} more" if len(missing) > 10 else ""
    message = (
        f"no PDF font has {shown}{more}: the PDF leaves them out; "
        "replace them with words if they matter"
    )
    return Problem(path, line, "pdf", message)
