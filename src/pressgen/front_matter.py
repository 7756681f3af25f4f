"""Front matter edited in place, and text read back exactly as the site reader reads it.

`pressgen translations mark` writes one key into a file a person wrote: it must change
nothing else, and it checks that by reading the result back.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .model import Translation
from .read.fields import Reporter
from .read.release import read_translation
from .zones import Zone


def read_back(text: str, name: str, lang: str, zone: Zone | None = None) -> Translation | None:
    """`text` read exactly as the site reader would read it as the file `name` (times
    without an offset in `zone`, the site's)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / name
        probe.write_bytes(text.encode("utf-8"))
        report = Reporter(probe.name)
        result = read_translation(probe, lang, report, zone=zone)
    if result is None or report.problems:
        return None
    return result


def with_key(text: str, key: str, value: str) -> str:
    """`text` with its front matter's `key` set to `value`, every other byte kept.

    An existing top-level `key:` line (and any indented lines continuing its value) is
    replaced; otherwise the line goes right before the closing `---`. The file's line
    ending and byte-order mark are kept.
    """
    key_line = re.compile(rf"^{re.escape(key)}\s*:")
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    lines = text.removeprefix("\ufeff").split("\n")
    close = closing_line(lines)
    for index in range(1, close):
        if key_line.match(lines[index]):
            end = index + 1
            while end < close and lines[end][:1] in (" ", "\t"):
                end += 1
            cr = "\r" if lines[end - 1].endswith("\r") else ""
            lines[index:end] = [f"{key}: {value}{cr}"]
            return bom + "\n".join(lines)
    cr = "\r" if lines[close].endswith("\r") else ""
    lines.insert(close, f"{key}: {value}{cr}")
    return bom + "\n".join(lines)


def closing_line(lines: Sequence[str]) -> int:
    """The index of the line closing the front matter, by the reader's own rule."""
    if lines and lines[0].rstrip() == "---":
        for index in range(1, len(lines)):
            if lines[index].rstrip() in ("---", "..."):
                return index
    raise ValueError("the text has no front matter between '---' lines")
