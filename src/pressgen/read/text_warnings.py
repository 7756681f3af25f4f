"""What a release's texts hold that is not meant for its readers: a translation that is the
original copied, the examples `pressgen new` wrote, characters no PDF font has. Warnings:
the release publishes all the same."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..examples import EMAIL, example_texts
from ..model import Translation
from ..problems import Problem, display_path


def text_warnings(
    values: Mapping[str, Any], translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """What a release's texts still hold that is not meant for readers: a translation that
    is the original copied, the examples `pressgen new` wrote (in a release to publish)."""
    found = copied_originals(translations, values.get("original"), folder, root)
    if values.get("status") == "published":
        found += placeholder_warnings(translations, folder, root)
    return found


def copied_originals(
    translations: Mapping[str, Translation], original: object, folder: Path, root: Path
) -> list[Problem]:
    """Translations with the original's title, dateline and text: a copy made to translate
    later would go out as that language's release. (A headline and a dateline may be the
    same in two languages, "Tour de France 2026", Paris; the text never is.)"""
    source = translations.get(original) if isinstance(original, str) else None
    if source is None:
        return []
    message = (
        f"has the same title, dateline and text as {original}.md, the original: translate "
        "it, or move it out of the release folder until it is"
    )
    return [
        Problem(display_path(folder / f"{lang}.md", root), None, None, message)
        for lang, translation in sorted(translations.items())
        if lang != original
        and (translation.title, translation.dateline) == (source.title, source.dateline)
        and _text_of(folder / f"{lang}.md") == _text_of(folder / f"{original}.md")
    ]


def _text_of(path: Path) -> str | None:
    """A language file's text after its front matter (read only for a likely copy)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    closing = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), 0)
    return "\n".join(lines[closing + 1 :]).strip()


def placeholder_warnings(
    translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """A warning for each text `pressgen new` wrote that a release to publish still holds,
    on its line (found again in the file: only such a release pays for it)."""
    found = []
    for lang, translation in sorted(translations.items()):
        left = _examples_left(translation, lang)
        if not left:
            continue
        path = folder / f"{lang}.md"
        lines = path.read_text(encoding="utf-8").split("\n")
        for name, example in left.items():
            key = name in ("title", "dateline", "summary")  # found by its key, not its text
            line = next(
                (
                    number
                    for number, text in enumerate(lines, 1)
                    if (text.startswith(f"{name}:") if key else example in text)
                ),
                None,
            )
            message = (
                f"is still the example `pressgen new` wrote ('{example}'): "
                "replace it, or the release goes out with it"
            )
            found.append(Problem(display_path(path, root), line, name, message))
    return found


def _examples_left(translation: Translation, lang: str) -> dict[str, str]:
    """Each field still holding an example of `pressgen new`, with that example, in the
    file's language or in English."""
    first_line = (translation.body or "").split("\n", 1)[0]
    shown = {
        "title": translation.title,
        "dateline": translation.dateline,
        "summary": translation.summary,
        "body": first_line,
    }
    left = {
        name: text
        for name, text in shown.items()
        if text in (example_texts(lang)[name], example_texts("en")[name])
    }
    paragraphs = [part.strip() for part in (translation.body or "").split("\n\n")]
    second = (example_texts(lang)["second"], example_texts("en")["second"])
    still = [text for text in second if text in paragraphs]
    if still and "body" not in left:  # the first paragraph written, the example's second kept
        left["body"] = still[0]
    if any(contact.email == EMAIL for contact in translation.contacts):
        left["contacts"] = EMAIL
    return left


def pdf_glyph_warnings(
    translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """A warning for each line of a language version holding characters its PDF leaves out
    because no PDF font has them (an emoji): its page shows them, its PDF cannot. Each
    character is named on the line where it is first written."""
    from ..render.pdffonts import glyph_warning, missing_characters  # sites with PDFs only

    found = []
    for lang, text in sorted(translations.items()):
        shown = [text.title, text.dateline, text.summary or "", text.body or ""]
        for image in (text.image, *text.images.values()):
            shown += [image.caption or "", image.credit or "", image.alt or ""] if image else []
        for contact in text.contacts:
            shown += [contact.name, contact.email or "", contact.phone or "", contact.org or ""]
        missing = missing_characters(shown)
        if missing:
            path = folder / f"{lang}.md"
            lines = _first_lines(path.read_text(encoding="utf-8"), missing)
            found += [glyph_warning(display_path(path, root), lines[n], n) for n in sorted(lines)]
    return found


def _first_lines(written: str, characters: list[str]) -> dict[int, list[str]]:
    """The characters by the line where each is first written (line 1 for one that is not
    written as it reads)."""
    lines: dict[int, list[str]] = {}
    for char in characters:
        first = written.find(char)
        lines.setdefault(written.count("\n", 0, first) + 1 if first >= 0 else 1, []).append(char)
    return lines
