"""Golden outputs of the seed release: any change to what readers get shows up as a diff.

After an intended change, refresh them with:
    PRESSGEN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review `git diff tests/golden/` before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
FILES = [
    "fr/oim-blt-api-pnr/oim-blt-api-pnr.fr.txt",
    "en/oim-blt-api-pnr/oim-blt-api-pnr.en.txt",
    "zh/oim-blt-api-pnr/oim-blt-api-pnr.zh.txt",
    "fr/oim-blt-api-pnr/index.html",
    "ar/oim-blt-api-pnr/index.html",
    "fr/rss.xml",
    "sitemap.xml",
    "sitemap-root.xml",
]


@pytest.mark.parametrize("relative", FILES)
def test_output_matches_golden(project_output: Path, relative: str) -> None:
    produced = (project_output / relative).read_bytes()
    golden = GOLDEN / relative
    if os.environ.get("PRESSGEN_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(produced)
    assert golden.is_file(), "no golden file yet: run with PRESSGEN_UPDATE_GOLDEN=1"
    assert produced.decode("utf-8") == golden.read_text(encoding="utf-8")
