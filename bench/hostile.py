"""Time `pressgen build` on hostile bodies: ``python bench/hostile.py``.

Each case is a one-release site whose text once made `check` or `build` slow, because a
step went over its input again for every piece of it (the tests keep what each must say;
how long it takes is measured here, never asserted). Prints the seconds each build takes
(PDFs off, but for the cases in `WITH_PDF`), best of three, its exit status and the first
line it printed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "ar"]

[pdf]
enabled = false
"""
# Cases whose cost was in typesetting the PDF
WITH_PDF = {"forty words of 4,000 letters (PDF on)"}
YAML = "date: {date}\ntype: press-release\noriginal: {original}\nstatus: published\n"
CONTACT = "contacts:\n  - name: Jane Doe\n    email: jdoe@example.org\n"
FRONT = "---\ntitle: {title}\ndateline: Geneva\n" + CONTACT + "---\n"


def cases() -> dict[str, dict[str, str | bytes]]:
    """Case name -> the release folder's files."""
    english = FRONT.format(title="A")
    annexes: dict[str, str | bytes] = {
        f"annex-report-{i:03d}.pdf": b"%PDF-1.4\n%%EOF\n" for i in range(300)
    }
    return {
        "numbers side by side, 15,000 in an Arabic body": {
            "ar.md": FRONT.format(title="بيان") + "الصفحات " + "12 " * 15_000 + "نهاية.\n",
        },
        "95,952 link addresses on one line": {
            "en.md": english + "Intro\n\n<div>\n" + ("](" * 1999 + " ") * 48 + "\n</div>\n",
        },
        "one missing name linked 6,000 times, 300 files": {
            **annexes,
            "en.md": english + " ".join(["[r](annex-reprt-001.pdf)"] * 6000) + "\n",
        },
        "forty words of 4,000 letters (PDF on)": {
            "en.md": english + "Intro\n\n" + "\n\n".join(["(1)" * 1330 + "a"] * 40) + "\n",
        },
        "a date of 60,001 characters": {
            "en.md": english + "Text.\n",
            "release.yaml": YAML.format(date='"' + "1 a" * 20_000 + '!"', original="en"),
        },
    }


def site_with(files: dict[str, str | bytes], root: Path, pdf: bool = False) -> Path:
    release = root / "releases/one"
    release.mkdir(parents=True)
    config = CONFIG.replace("enabled = false", "enabled = true") if pdf else CONFIG
    (root / "pressgen.toml").write_text(config, "utf-8")
    original = "ar" if "ar.md" in files else "en"
    date = "2025-05-01T10:00:00+02:00"
    files = {"release.yaml": YAML.format(date=date, original=original), **files}
    for name, data in files.items():
        path = release / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def main() -> None:
    for name, files in cases().items():
        with tempfile.TemporaryDirectory() as scratch:
            site = site_with(files, Path(scratch), pdf=name in WITH_PDF)
            best, status, said = float("inf"), 0, b""
            for _ in range(3):
                for made in (site / ".pressgen-cache", site / "out"):  # each a first build
                    shutil.rmtree(made, ignore_errors=True)
                started = time.perf_counter()
                done = subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "pressgen",
                        "build",
                        "--site",
                        str(site),
                        "--out",
                        str(site / "out"),
                        "--now",
                        "2026-01-01T00:00:00Z",
                    ],
                    capture_output=True,
                )
                best = min(best, time.perf_counter() - started)
                status, said = done.returncode, done.stdout + done.stderr
            first = said.decode("utf-8", "replace").splitlines()[:1] or [""]
            print(f"{best:6.2f} s  exit {status}  {name}: {first[0][:90]}")


if __name__ == "__main__":
    main()
