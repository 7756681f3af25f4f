"""Each language's spacing rules for the text a reader sees: French spaces, and in
right-to-left text Latin names kept whole and numbers written in groups kept in order."""

from __future__ import annotations

import re
from collections.abc import Callable

from .bidi import numbers_in_written_order
from .model import RTL_LANGUAGES

_ENTITY = r"(?:&|\x02amp\x03)#?\w{1,32};"  # no punctuation: Markdown writes e-mail so
_FR_BEFORE = re.compile("(" + _ENTITY + r")|[ \u00a0\u202f]?([:;!?»])(?=\s|$|[.,)»])")
_FR_AFTER = re.compile(r"«[ \u00a0\u202f]?")
_FRENCH_SIGNS = frozenset(":;!?»«&\x02")  # what either pattern needs to find anything


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space inside « » and before : ; ! ?."""
    if _FRENCH_SIGNS.isdisjoint(text):  # most pieces of text: nothing for the patterns
        return text
    text = _FR_AFTER.sub("«\u202f", text)
    return _FR_BEFORE.sub(lambda m: m.group(1) or "\u202f" + m.group(2), text)


def _as_written(text: str) -> str:
    return text


# A run of Latin words inside right-to-left text; kept unbroken when it is short (two to
# four words of up to 15 characters): a longer run (a quotation) may break as usual.
_LATIN_WORD = r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.'’&/-]*"
_LATIN_RUN = re.compile(rf"(?<![\w.-]){_LATIN_WORD}(?: {_LATIN_WORD})+")


def _unbroken(match: re.Match[str]) -> str:
    words = match.group().split(" ")
    if len(words) > 4 or max(len(word) for word in words) > 15:
        return match.group()
    return "\u00a0".join(words)


def unbroken_latin_names(text: str) -> str:
    """Right-to-left typography: a short Latin name ("CT Travel", "Laurence Gerard") inside
    Arabic text is kept on one line (no-break spaces), so that a line break never splits it
    and reverses its words' order across the two lines."""
    return _LATIN_RUN.sub(_unbroken, text) if " " in text else text


def right_to_left_typography(text: str) -> str:
    """Right-to-left typography: short Latin names kept on one line, and each number written
    in groups ("1 200 000", "+41 22 717 9111") set apart left to right, as in the body: in
    a headline, a caption or a summary, Unicode showed its groups from the end ("000 200 1")."""
    return numbers_in_written_order(unbroken_latin_names(text))


def typography_for(lang: str) -> Callable[[str], str]:
    """The spacing rule of a language; most languages keep text as written."""
    base = lang.split("-")[0]
    if base == "fr":
        return french_spacing
    return right_to_left_typography if base in RTL_LANGUAGES else _as_written
