"""Lines of the site's .gitignore for what pressgen writes inside the site and git must
never hold: journalists' addresses, releases under embargo."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def ignore_in_git(site_dir: Path, entries: Sequence[str], comment: str) -> None:
    """Add `entries` (with `comment` above them) to the site's .gitignore, created if need
    be; an entry already there is not added again."""
    path = site_dir / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    present = {line.strip() for line in text.splitlines()}
    missing = [entry for entry in entries if entry not in present]
    if not missing:
        return
    lead = "" if not text or text.endswith("\n") else "\n"
    lines = ([comment] if comment not in present else []) + missing
    with path.open("a", encoding="utf-8") as handle:
        handle.write(lead + "\n".join(lines) + "\n")
