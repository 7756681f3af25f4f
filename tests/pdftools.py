"""Helpers for the PDF tests: a render context for a site folder, and poppler-utils."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import zlib
from pathlib import Path

import pytest

from pressgen.i18n import load_languages
from pressgen.model import Site
from pressgen.read import read_site
from pressgen.render.environment import make_environment
from pressgen.render.views import RenderContext

BIDI_MARKS = dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def context(site_dir: Path) -> tuple[Site, RenderContext]:
    site = read_site(site_dir)
    languages = load_languages(site.config.languages, site.locales_dir)
    return site, RenderContext(site.config, languages, make_environment(site.templates_dir))


def poppler(tool: str, *args: str | Path) -> str:
    """Run a poppler-utils tool; skip the test, saying why, when it is not installed."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not found: install poppler-utils (apt-get install -y poppler-utils)")
    done = subprocess.run([tool, *map(str, args)], capture_output=True, text=True, check=True)
    return done.stdout


def pdf_text(pdf: Path, *args: str) -> str:
    """pdftotext's reading of a PDF, without the direction marks it adds around RTL lines."""
    return poppler("pdftotext", *args, pdf, "-").translate(BIDI_MARKS)


def tagged_languages(pdf: Path) -> list[str]:
    """The `/Lang` of each tagged part of a PDF, the document's own included, read from
    its objects and its compressed streams."""
    data = pdf.read_bytes()
    parts = [data]
    for start in re.finditer(rb"stream\r?\n", data):
        with contextlib.suppress(zlib.error):
            parts.append(zlib.decompress(data[start.end() : data.find(b"endstream", start.end())]))
    return [code.decode() for part in parts for code in re.findall(rb"/Lang ?\(([^)]*)\)", part)]
