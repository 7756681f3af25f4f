"""A language's text saved under a name pressgen does not read: `fr.md.txt` (as Notepad
saves it), `FR.md`, `fr-FR.md`, `fr (1).md` (a second download), `French.md`, `fr.docx`, or
`fr.md ` with a space at its end (as some mail programs and file managers leave it)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

from ..problems import Problem, display_path

TEXT_LOOKALIKES = frozenset({"markdown", "mdown", "txt"})  # besides `md.` + anything
DOCUMENTS = frozenset({"doc", "docx", "odt", "rtf", "pages"})  # a text still to paste in
# After a language's code, a region or a script ("fr-FR", "fr_FR", "zh-Hant"), a copy's mark
# ("fr (1)", "fr copy", "fr - Copy"), or both, and nothing else: "ru-notes" is another file
_AFTER_CODE = re.compile(
    r"((?:[-_](?:[a-z]{2}|\d{3}|[a-z]{4}(?:[-_][a-z]{2})?))?)(?:\s*(?:\(\d+\)|-?\s*\(?copy\)?))?"
)


def misnamed_texts(
    files: Iterable[str], languages: Iterable[str], folder: Path, root: Path
) -> tuple[list[Problem], list[Problem]]:
    """Each file that holds a language's text under another name is never read: (errors,
    warnings). Without its `fr.md` the release would lose that language without a word (a
    public one taken off the site), so that is an error; beside a `fr.md`, the other name
    is a stray copy, a warning."""
    files, codes = list(files), tuple(languages)
    names = set(files)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for name in files:  # in their order: the problems are said in it
        lang = text_meant(name, codes)
        if lang is None:
            continue
        shown, document = display_path(folder / name, root), _suffix(name) in DOCUMENTS
        if f"{lang}.md" in names:  # a stray copy beside the text that is read, or the
            if not document:  # translator's document it was made from, kept on purpose
                said = f"is not read ({lang}.md is): delete it, or move what it adds to {lang}.md"
                warnings.append(Problem(shown, None, None, said))
        elif document:  # a translation still in the works, perhaps
            said = f"is not read: the {lang} text is published from {lang}.md, once it is there"
            warnings.append(Problem(shown, None, None, said))
        else:
            said = f"is not read, expected the {lang} text in {lang}.md: rename the file"
            errors.append(Problem(shown, None, None, said))
    return errors, warnings


def text_meant(name: str, languages: Sequence[str]) -> str | None:
    """The language whose text the file `name` seems to hold, though it is not named
    `LANG.md`; None for `LANG.md` itself and for any other file."""
    stem = name.lower().strip().partition(".")[0].strip()
    suffix = _suffix(name)
    lang = language_named(stem, languages)
    if lang is None or name == f"{lang}.md":
        return None
    if suffix == "md" or suffix.startswith("md.") or suffix in TEXT_LOOKALIKES | DOCUMENTS:
        return lang
    return None


def unread_text(stem: str, languages: Sequence[str]) -> bool:
    """Whether `<stem>.md` is no language's text: a note for the people who write the
    release (NOTES.md, README.md: four capitals or more), or a language's text under
    another name (FR.md, fr-FR.md, which `misnamed_texts` names: the language would be
    missing)."""
    note = stem.isupper() and stem.isalpha() and len(stem) > 3
    return note or (stem not in languages and text_meant(f"{stem}.md", languages) is not None)


def _suffix(name: str) -> str:
    return name.lower().strip().partition(".")[2].strip()


def language_named(stem: str, languages: Sequence[str]) -> str | None:
    """The site's language that `stem` names: its code in any capitals, the code followed
    by a variant or a copy's mark (`fr-fr`, `fr (1)`), or its name in English or in itself
    (`french`, `français`)."""
    codes = {code.lower(): code for code in languages}
    if stem in codes:
        return codes[stem]
    for code in sorted(codes, key=len, reverse=True):  # pt-br (1) is pt-BR's, not pt's
        after = _AFTER_CODE.fullmatch(stem, len(code)) if stem.startswith(code) else None
        if after and _known_subtags(after[1] or ""):
            return codes[code]
    return _names(tuple(languages)).get(stem)


def _known_subtags(variant: str) -> bool:
    """Whether a region or script after a language's code is one CLDR knows ("-fr",
    "-hant", "-419"): "ru-note", "ru-todo" or "fr-en" name other files."""
    from babel import Locale

    english = Locale("en")
    return all(
        part.upper() in english.territories or part.title() in english.scripts
        for part in re.split(r"[-_]", variant)
        if part
    )


@cache
def _names(languages: tuple[str, ...]) -> Mapping[str, str]:
    """The site's languages by their names, in English and in themselves (from CLDR)."""
    from babel import Locale, UnknownLocaleError

    names: dict[str, str] = {}
    for code in languages:
        try:
            locale = Locale.parse(code, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
        for name in (locale.get_display_name("en"), locale.get_display_name(locale)):
            if name:
                names.setdefault(name.lower(), code)
    return names
