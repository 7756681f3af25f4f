"""What a release's texts hold that is not meant for its readers: a translation that is the
original copied, the examples `pressgen new` wrote, characters no PDF font has, the dateline
and end mark of a text pasted from a word processor, which pressgen adds itself. Warnings:
the release publishes all the same."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any
from unicodedata import combining, normalize

from babel import Locale, UnknownLocaleError
from babel.dates import get_month_names

from ..examples import EMAIL, example_texts
from ..inside import LinkedOut, read_inside
from ..model import Translation
from ..problems import Problem, display_path
from ..svg import svg_text
from .titles import long_titles, tagged_titles


def text_warnings(
    values: Mapping[str, Any], translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """What a release's texts still hold that is not meant for readers: a translation that
    is the original copied, a photo no words describe, a title as long as a paragraph."""
    found = copied_originals(translations, values.get("original"), folder, root)
    found += undescribed_photos(values, translations, folder, root)
    found += long_titles(translations, folder, root)
    found += tagged_titles(translations, folder, root)
    if values.get("status") == "published":  # the others are errors (`check_release`)
        shown = display_path(folder, root)
        found += examples_left(translations, folder, shown, ambiguous=True)
    return found


def undescribed_photos(
    values: Mapping[str, Any], translations: Mapping[str, Translation], folder: Path, root: Path
) -> list[Problem]:
    """Photos a language gives no `alt` text: its page says nothing of them to a reader who
    cannot see them (a screen reader skips an image whose alt is empty). Not of a withdrawn
    release, whose notice shows no photo, nor of a photo missing (an error of its own)."""
    if values.get("status") == "withdrawn":
        return []
    image, gallery = values.get("image"), tuple(values.get("images") or ())
    names = (image,) if isinstance(image, str) else gallery
    lead, present = names[:1], [name for name in names if os.path.isfile(folder / name)]
    found = []
    for lang, translation in sorted(translations.items()):
        for name in present:
            text = translation.image_text(name, lead[0])
            if text is not None and text.alt:
                continue
            field, under = "image.alt", "'image:'"
            if gallery and (name != lead[0] or text is None or name in translation.images):
                field, under = f"images.{name}.alt", f"'{name}:' in 'images:'"
            message = (
                f"the photo {name} has no alt text: readers who cannot see it are told nothing "
                f"of it; under {under} add 'alt:' and a sentence saying what it shows"
            )
            found.append(Problem(display_path(folder / f"{lang}.md", root), None, field, message))
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
        and text_of(folder / f"{lang}.md") == text_of(folder / f"{original}.md")
    ]


def text_of(path: Path) -> str | None:
    """A language file's text after its front matter (read only for a likely copy)."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    closing = next((n for n, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), 0)
    return "\n".join(lines[closing + 1 :]).strip()


# A dateline that is `new`'s example may be a real place: Arabic "المدينة" is Medina
AMBIGUOUS = frozenset({"dateline"})


def examples_left(
    translations: Mapping[str, Translation], folder: Path, shown: str, ambiguous: bool = False
) -> list[Problem]:
    """A problem for each text `pressgen new` wrote that a release to publish still holds,
    on its line (found again in the file: only such a release pays for it); `shown` is
    the folder as messages name it. Those of the fields in AMBIGUOUS if `ambiguous`, else
    the others."""
    found = []
    for lang, translation in sorted(translations.items()):
        left = {
            name: example
            for name, example in _examples_left(translation, lang).items()
            if (name in AMBIGUOUS) == ambiguous
        }
        if not left:
            continue
        lines = (folder / f"{lang}.md").read_text(encoding="utf-8").split("\n")
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
                f"is still the example `pressgen new` wrote ('{example}'): replace it, or "
                "set 'status: draft' in release.yaml until the text is ready"
                if name not in AMBIGUOUS
                else f"is the example `pressgen new` wrote ('{example}'): replace it, "
                "unless it is the place the release is issued from"
            )
            found.append(Problem(f"{shown}/{lang}.md", line, name, message))
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
    translations: Mapping[str, Translation], folder: Path, root: Path, files: list[str]
) -> list[Problem]:
    """A warning for each line of a language version holding characters its PDF leaves out
    because no PDF font has them (an emoji): its page shows them, its PDF cannot. Each
    character is named on the line where it is first written. The same for the text an SVG
    picture of the release draws (`files`: the folder's files, links leading out aside)."""
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
    for path in (folder / name for name in files if name.lower().endswith(".svg")):
        try:
            drawn = svg_text(read_inside(path, folder))
        except (OSError, LinkedOut):  # changed since the folder was listed
            continue
        missing = missing_characters([drawn])
        if missing:  # the PDF's copy leaves them out, as it does from the text
            found.append(glyph_warning(display_path(path, root), missing))
    return found


def _first_lines(written: str, characters: list[str]) -> dict[int, list[str]]:
    """The characters by the line where each is first written (line 1 for one that is not
    written as it reads)."""
    lines: dict[int, list[str]] = {}
    for char in characters:
        first = written.find(char)
        lines.setdefault(written.count("\n", 0, first) + 1 if first >= 0 else 1, []).append(char)
    return lines


# --- What a text pasted from Word brings along ------------------------------------------

# A line of signs alone (`###`, `* * *`), or a word between dashes or brackets (`-ENDS-`,
# `- FIN -`, `-30-`, Arabic `-انتهى-`, Chinese `（完）`); ENDS, END and FIN alone only in capitals.
_DASHES = r"[-\u2010-\u2015\uff0d]"  # hyphen, figure, en and em dashes, full-width hyphen
_END_MARK = re.compile(
    r"(?:#\s*){3,}|(?:\*\s*){3,}|ENDS?|FIN"
    rf"|{_DASHES}+\s*(?:ends?|fin|30|\u0627\u0646\u062a\u0647\u0649|\u5b8c)\s*{_DASHES}+"
    r"|[(\uff08]\s*\u5b8c\s*[)\uff09]",
    re.IGNORECASE,
)
_CAPITALS_ONLY = frozenset({"ENDS", "END", "FIN"})
# After a pasted dateline: the date (`, 2 December 2026`, after a Latin, Chinese or Arabic
# comma), the agency (`(IOM)`), and the dash that ends it, followed by a space
# (`Geneva-based` is a word, not a dateline), or Chinese `——`.
_AFTER_DATELINE = re.compile(
    r"[*_]*(?P<date>\s*[,\uff0c\u060c][^\n]{1,40}?)?\s*(?P<agency>[(\uff08][^()\n]{1,30}[)\uff09]\s*)?"
    rf"(?:\u2014\u2014|{_DASHES}{{1,2}}(?=\s))"
)
_YEAR = re.compile(r"(?<!\d)(?:19|2\d)\d\d(?!\d)")


def pasted_warnings(body: str, first_line: int, dateline: str, lang: str) -> list[tuple[int, str]]:
    """(line, message) for the end mark and the dateline that a body pasted from a word
    processor still holds: pressgen adds both itself, so readers would meet them twice."""
    lines = [(n, text) for n, text in enumerate(body.split("\n"), first_line) if text.strip()]
    found = []
    if lines and _end_mark(lines[-1][1]):
        mark = lines[-1][1].strip()
        found.append(
            (
                lines[-1][0],
                f"the text ends with the end mark '{mark}': remove this line, since pressgen "
                "adds the end mark itself (***) after the text, in every language and format",
            )
        )
    written = _pasted_dateline(lines[0][1], dateline, lang) if lines else None
    if written:
        found.append(
            (
                lines[0][0],
                f"the first paragraph begins with the dateline '{written}': remove it, since "
                "pressgen adds the dateline itself before the first paragraph, from "
                "'dateline:' and the release's date (readers would see it twice)",
            )
        )
    return found


def _end_mark(line: str) -> bool:
    """Whether a line is an end mark alone (a line indented 4 spaces is code: left alone)."""
    if line.startswith(("    ", "\t")):
        return False
    text = line.strip()
    inner = re.fullmatch(r"([*_]{1,2})(.+?)\1", text)  # **-ENDS-**
    if inner and not set(text) <= {"*", " "}:
        text = inner.group(2).strip()
    if not _END_MARK.fullmatch(text):
        return False
    return text.upper() not in _CAPITALS_ONLY or text.isupper()


def _pasted_dateline(line: str, dateline: str, lang: str) -> str | None:
    """What a first paragraph holds of a pasted dateline ("GENEVA, 2 December 2026 –"):
    the dateline as written in the front matter (in any case, accents aside), then a date,
    an agency or both, then a dash; else None. "Geneva is..." or "Geneva, home to 40
    agencies – ..." or "Geneva — a city of..." is the writer's own sentence."""
    written = len(line) - len(line.lstrip())
    start = len(line) - len(line.lstrip(" *_\u200e\u200f"))  # after `**`, or a direction mark
    end = _prefix_end(line, start, _fold(dateline)) if _fold(dateline) else None
    if end is None:
        return None
    after = _AFTER_DATELINE.match(line, end)
    if after is None:
        return None
    date, month = after.group("date"), False
    if date:
        month = _names_a_month(date, lang)
        if not (month or _YEAR.search(date)):
            return None
    # "Москва — это…", "Geneva — a city of…", "Москва, 2026 год – важный…": a sentence; a
    # day and month or an agency before the dash make a dateline whatever follows it
    if not (month or after.group("agency")) and _goes_on(line[after.end() :]):
        return None
    return line[written : after.end()]


def _goes_on(rest: str) -> bool:
    """Whether the text after a dash continues the sentence (in lower case), where the text
    after a dateline opens one."""
    first = rest.lstrip(" \t\u00a0\u202f*_\"'«“‘„")[:1]
    return first.islower()


def _prefix_end(line: str, start: int, target: str) -> int | None:
    """Where the part of `line` from `start` that folds to `target` ends, if one does."""
    for end in range(start + 1, min(len(line), start + len(target) * 3 + 4) + 1):
        folded = _fold(line[start:end])
        if folded == target:
            while end < len(line) and combining(line[end]):
                end += 1
            return end
        if not target.startswith(folded):
            return None
    return None


def _fold(text: str) -> str:
    """`text` compared as a reader would: no case, accents or spaces ("NEW YORK/GENEVE")."""
    decomposed = normalize("NFKD", text).casefold()
    return "".join(c for c in decomposed if not combining(c) and not c.isspace())


def _names_a_month(date: str, lang: str) -> bool:
    """Whether a date holds a day and a month's name in the file's language or English."""
    words = re.findall(r"\w+", normalize("NFC", date).casefold())
    return any(c.isdigit() for c in date) and bool(_month_names(lang).intersection(words))


@cache
def _month_names(lang: str) -> frozenset[str]:
    """Month names, full and short, as CLDR writes them in `lang` and in English."""
    names: set[str] = set()
    for tag in {lang, "en"}:
        try:
            locale = Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            continue
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                months = get_month_names(width, context, locale).values()
                names.update(str(name).casefold().rstrip(".") for name in months)
    return frozenset(names)
