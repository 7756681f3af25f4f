"""Where pressgen keeps its own templates and catalogs, and where a site keeps its releases.

Nothing here imports more than the standard library: the build cache consults these paths to
tell whether anything changed, before any template engine or catalog reader is loaded.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGE_TEMPLATES = PACKAGE_DIR / "templates"
PACKAGE_LOCALES = PACKAGE_DIR / "locales"
DOMAIN = "messages"
RELEASES_DIR = "releases"


def catalog_path(locales_dir: Path, lang: str) -> Path:
    return locales_dir / lang.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


# `pressgen mail`: media lists (input), the send log and lock (state, never in git or in the
# output), and the default folder of dry runs' .eml files.
LISTS_DIR = "lists"
MAIL_DIR = ".pressgen-mail"
MAIL_PREVIEW_DIR = "mail-preview"

# `pressgen publish`: what was last deployed from each output folder, and the lock that keeps
# two publishers of one site from interleaving (state of this machine, never in git).
PUBLISH_DIR = ".pressgen-publish"
