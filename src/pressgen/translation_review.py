"""What a translator needs beside the state of a translation: what changed in the original
since the translation was marked, and what a translation seems to lack when it is marked.

`pressgen translations mark` keeps a copy of the original as it is then, in the release's
`.translated-from/` folder (one file per translation, the original's own bytes), so that
`pressgen translations diff` can say what changed without git or any other history.
Everything here is a pure function of `Translation`s, except the two file helpers.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

from .model import Contact, ImageText, Translation

RECORDS_DIR = ".translated-from"


# --- The copy of the original kept at marking time --------------------------------------


def record_path(release_folder: Path, lang: str) -> Path:
    """Where the original, as it was when the `lang` translation was marked, is kept."""
    return release_folder / RECORDS_DIR / f"{lang}.md"


def keep_original(release_folder: Path, original_lang: str, lang: str) -> Path:
    """Copy the original's file, byte for byte, as the record of what `lang` was made from."""
    target = record_path(release_folder, lang)
    data = (release_folder / f"{original_lang}.md").read_bytes()
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
    return target


# --- What changed -----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One part of the original that changed: where it is, and its old and new text."""

    where: str
    old: str | None
    new: str | None


def paragraphs(body: str) -> list[str]:
    """A Markdown body's blocks, each on one line: what a translator translates one by one."""
    text = unicodedata.normalize("NFC", body).replace("\r\n", "\n").replace("\r", "\n")
    blocks = re.split(r"\n[ \t]*\n", text.strip())
    return [" ".join(line.strip() for line in block.split("\n")) for block in blocks if block]


def _image_lines(image: ImageText | None) -> list[tuple[str, str | None]]:
    image = image or ImageText()
    return [
        ("image caption", image.caption),
        ("image credit", image.credit),
        ("image alt", image.alt),
    ]


def _contact_text(contact: Contact) -> str:
    return ", ".join(p for p in (contact.name, contact.email, contact.phone, contact.org) if p)


def changes(old: Translation, new: Translation) -> list[Change]:
    """Every difference between two versions of an original, in reading order."""
    found: list[Change] = []
    fields = [
        ("title", old.title, new.title),
        ("dateline", old.dateline, new.dateline),
        ("summary", old.summary, new.summary),
    ]
    fields += [
        (name, a, b)
        for (name, a), (_, b) in zip(_image_lines(old.image), _image_lines(new.image), strict=True)
    ]
    found += [Change(name, a, b) for name, a, b in fields if (a or None) != (b or None)]
    found += _list_changes(
        "contact",
        [_contact_text(c) for c in old.contacts],
        [_contact_text(c) for c in new.contacts],
    )
    found += _list_changes("paragraph", paragraphs(old.body or ""), paragraphs(new.body or ""))
    return found


def _list_changes(kind: str, old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Added, removed and changed items, numbered as in the new version (removed ones as
    in the old), so that a translator finds the place in the translation."""
    found = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = max(a2 - a1, b2 - b1)
        for offset in range(pairs):
            a = old[a1 + offset] if a1 + offset < a2 else None
            b = new[b1 + offset] if b1 + offset < b2 else None
            where = (
                f"{kind} {b1 + offset + 1}"
                if b is not None
                else f"{kind} {a1 + offset + 1} (removed)"
            )
            if a is None:
                where += " (new)"
            found.append(Change(where, a, b))
    return found


_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> str:
    """The new text with what was removed as [-…-] and what was added as {+…+}."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for tag, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append("".join(b[b1:b2]))
            continue
        if a2 > a1:
            out.append("[-" + "".join(a[a1:a2]) + "-]")
        if b2 > b1:
            out.append("{+" + "".join(b[b1:b2]) + "+}")
    return "".join(out)


def changes_text(found: Iterable[Change]) -> str:
    """The changes for a terminal: each place, then its text with the changes marked."""
    lines = []
    for change in found:
        lines.append(f"{change.where}:")
        if change.old is None:
            lines.append(f"  {{+{change.new}+}}")
        elif change.new is None:
            lines.append(f"  [-{change.old}-]")
        else:
            lines.append("  " + word_diff(change.old, change.new))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


# --- What a translation seems to lack ---------------------------------------------------

# How many letters (spaces aside) a text takes in each language for the same content,
# against English: measured on this repository's first release, six versions of 968 words.
DENSITY = {"en": 1.0, "fr": 1.14, "es": 1.15, "ru": 1.16, "ar": 0.89, "zh": 0.35, "ja": 0.4}
FAR_SHORTER, FAR_LONGER = 0.7, 1.4

# A number: digits in groups of three after the first (1,000; 1 000), then its decimals
# (2.5; 2,5; Arabic ٢٫٥)
_FIGURE = re.compile(r"\d+(?:[,.\u00a0\u202f ]\d{3})*(?:[.,\u066b]\d+)?")
_HONORIFIC = re.compile(
    r"\b(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sr\.|Sra\.|Srta\.|Prof\.)\s+"
    r"((?:[A-Z][\w'’-]+\s+)*[A-Z][\w'’-]+)"
)


def _letters(text: str) -> int:
    return len(re.sub(r"[\s*_#>`\[\]()]", "", text))


def figures(text: str) -> dict[str, str]:
    """The numbers of a text, each as it is written first, by its digits in ASCII without
    grouping or decimal mark: "1 000" and "١٠٠٠" are both "1000", "2.5" and "2,5" "25"."""
    ascii_text = "".join(str(unicodedata.digit(c)) if c.isdecimal() else c for c in text)
    found: dict[str, str] = {}
    for match in _FIGURE.finditer(ascii_text):  # one character for one: spans match
        found.setdefault(re.sub(r"\D", "", match.group()), text[match.start() : match.end()])
    return found


def names(text: str) -> set[str]:
    """The surnames of people named with a title ("M. Gregorian", "Ms. Goracci")."""
    return {m.group(1).split()[-1] for m in _HONORIFIC.finditer(text)}


def _latin_script(lang: str) -> bool:
    likely: str = get_global("likely_subtags").get(lang.split("-")[0].lower(), "")
    return "_Latn" in likely


def _body(translation: Translation) -> str:
    """The Markdown of a translation read from its file (commands read releases afresh)."""
    return translation.body or ""


def _shown(translation: Translation) -> str:
    """Headline, summary and body: everywhere a figure or a name must agree."""
    parts = (translation.title, translation.summary, _body(translation))
    return "\n\n".join(part for part in parts if part)


def review(original: Translation, translation: Translation) -> list[str]:
    """What a translation seems to lack against its original: warnings, not errors, since
    a translator may have good reasons (a figure written out, a name transliterated)."""
    notes = []
    expected = DENSITY.get(translation.lang, 1.0) / DENSITY.get(original.lang, 1.0)
    ratio = _letters(_body(translation)) / max(1, _letters(_body(original))) / expected
    if ratio < FAR_SHORTER or ratio > FAR_LONGER:
        size = "shorter" if ratio < 1 else "longer"
        notes.append(
            f"is far {size} than {original.lang}.md ({ratio:.0%} of the length expected "
            f"of a translation into '{translation.lang}'): is a part missing or left over?"
        )
    theirs, ours = len(paragraphs(_body(original))), len(paragraphs(_body(translation)))
    if theirs != ours:
        said = f"{ours} paragraph{'' if ours == 1 else 's'}"
        notes.append(f"has {said} where {original.lang}.md has {theirs}")
    given, kept = figures(_shown(original)), figures(_shown(translation))
    missing = [given[f] for f in sorted(given.keys() - kept.keys(), key=lambda f: (len(f), f))]
    if missing:
        notes.append(f"lacks figures that {original.lang}.md gives: {', '.join(missing)}")
    if _latin_script(translation.lang):
        absent = sorted(n for n in names(_shown(original)) if n not in _shown(translation))
        if absent:
            notes.append(f"lacks names that {original.lang}.md gives: {', '.join(absent)}")
    if len(translation.contacts) < len(original.contacts):
        notes.append(
            f"has {len(translation.contacts)} contacts where {original.lang}.md has "
            f"{len(original.contacts)}"
        )
    return notes
