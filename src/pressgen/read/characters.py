"""Characters no text may hold, and direction marks left open: searched for in every field
and body, in the characters as written and, in a body, as its character references read
(`&#x7;` is a bell once the sanitiser has read it)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

# What no text may hold: Unicode's control characters (category Cc) but tab, line feed and
# carriage return; its line and paragraph separators (U+2028, U+2029: a layout program's
# forced line break, which a PDF justified across the line and a feed reader may show as
# nothing); halves of UTF-16 pairs (a YAML escape "\ud83d"), which UTF-8 cannot
# write; and Unicode's 66 non-characters, for a program's own use, never for interchange:
# U+FFFE and U+FFFF (which XML, so feeds and ninjs, refuses), U+FDD0 to U+FDEF, and the
# last two code points of every other plane. Searched for as those of the first plane and
# any character past it, of which only the non-characters are kept: a class that holds the
# 32 others one by one is ten times slower to search, and every field is searched.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U00010000-\U0010ffff]"
)


def control_character(text: str) -> str | None:
    """The first character in `text` that text should never hold, described."""
    found = _first_forbidden(text)
    return None if found is None else _described(found.group())


def forbidden_setting(table: Mapping[str, Any], section: str = "") -> tuple[str, str] | None:
    """The first setting (its dotted name) whose key or text holds a character no text may
    hold, and that character described; tables, and tables in lists, are searched through."""
    for key, value in table.items():
        field = f"{section}.{key}" if section else key
        if isinstance(value, Mapping) and (inner := forbidden_setting(value, field)):
            return inner
        texts = [key] if isinstance(value, Mapping) else [key, *_texts(value)]
        if found := next(filter(None, map(control_character, texts)), None):
            return field, found
    return None


def _texts(value: object) -> Iterator[str]:
    """The texts in a setting's value, and the keys of the tables in its lists."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield key
            yield from _texts(item)


def _first_forbidden(text: str) -> re.Match[str] | None:
    for found in _SUSPECT.finditer(text):
        if found.group() < "\U00010000" or ord(found.group()) & 0xFFFE == 0xFFFE:
            return found
    return None


def _described(character: str) -> str:
    code = f"U+{ord(character):04X}"
    if "\ud800" <= character <= "\udfff":
        return f"{code}, half of a character written in two (UTF-16): write the character itself"
    if "\ufdd0" <= character <= "\ufdef" or ord(character) & 0xFFFE == 0xFFFE:
        return f"{code}, which is not a character"
    if character in "\u2028\u2029":
        kind = "line" if character == "\u2028" else "paragraph"
        return f"an invisible {kind} separator ({code}), a layout program's line break"
    return f"the control character {code}"


# Characters that set the direction of the text after them until a closing one: embeddings
# and overrides end with U+202C, isolates with U+2069.
_OPENS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c"}
_OPENS |= dict.fromkeys("\u2066\u2067\u2068", "\u2069")


def unclosed_direction(text: str) -> str | None:
    """The first direction character `text` never closes, as U+XXXX. A field is shown
    beside other text (a dateline before the body, a name before an address), which an
    override left open would turn around, in the PDF and in a feed reader."""
    found = _unclosed_at(text)
    return None if found is None else f"U+{ord(text[found]):04X}"


def _unclosed_at(text: str) -> int | None:
    """Where the first direction character `text` never closes stands, if any."""
    if not any(mark in text for mark in _OPENS):
        return None
    opened: list[int] = []
    for index, character in enumerate(text):
        if character in _OPENS:
            opened.append(index)
        elif opened and character == _OPENS[text[opened[-1]]]:
            opened.pop()
    return opened[0] if opened else None


_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*(?:\n|\Z)))+")


def first_unclosed_direction(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The first direction character a paragraph opens and never closes: it turns the rest
    of the paragraph around (a paragraph's end closes it, in HTML as in Unicode's rules)."""
    if not any(mark in body for mark in _OPENS):
        return
    for paragraph in _PARAGRAPH.finditer(body):
        found = _unclosed_at(paragraph.group())
        if found is not None:
            at = paragraph.start() + found
            code = f"U+{ord(body[at]):04X}"
            yield (
                first_line + body.count("\n", 0, at),
                f"opens a text direction with {code} and never closes it in its paragraph "
                "(with U+202C, or U+2069 for an isolate), which turns the rest of the "
                "paragraph around; remove it",
            )
            return


def first_control(body: str, first_line: int, referenced: bool) -> Iterator[tuple[int, str]]:
    """The first control character (it says enough), on its line; `referenced`: the body
    holds its numeric character references as the characters they stand for."""
    found = _first_forbidden(body)
    if found:
        line = first_line + body.count("\n", 0, found.start())
        written = " (perhaps as a character reference, &#...;)" if referenced else ""
        yield line, f"holds {_described(found.group())}{written}, remove it"


# A numeric character reference, or a code span on one line (which shows one as written)
_CODE_SPAN = r"(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)"
CODE_SPAN = re.compile(_CODE_SPAN)  # on one line: what shows its text as written
_REFERENCE = re.compile(
    rf"(?P<code>{_CODE_SPAN})|&#(?:[xX]0*(?P<hexadecimal>[0-9a-fA-F]+)|0*(?P<decimal>[0-9]+));?"
)


def referenced(body: str) -> str:
    """`body` with each numeric character reference (`&#x7;`, `&#12`) outside a code span
    replaced by the character HTML reads it as: what the sanitiser will write into the
    page, the feeds and the PDF, whose XML refuses control characters. References to line
    breaks stay as written, so that every line keeps its number. One to no character (0,
    half a UTF-16 pair, past U+10FFFF) is "�" (see `first_void_reference`)."""

    def character(found: re.Match[str]) -> str:
        if found["code"]:
            return found.group()
        code = _code_of(found)
        if _void(code):
            return "\ufffd"
        if 0x80 <= code <= 0x9F:  # as Windows-1252 has them, where it has them
            try:
                return bytes([code]).decode("cp1252")
            except UnicodeDecodeError:
                return chr(code)
        return found.group() if chr(code) in "\n\r" else chr(code)

    return _REFERENCE.sub(character, body)


def _code_of(found: re.Match[str]) -> int:
    digits = found["hexadecimal"] or found["decimal"]
    return 0x110000 if len(digits) > 8 else int(digits, 16 if found["hexadecimal"] else 10)


def _void(code: int) -> bool:
    return code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF


def first_void_reference(body: str, first_line: int) -> Iterator[tuple[int, str]]:
    """The first character reference outside code that names no character (`&#0;`, half
    a UTF-16 pair, past U+10FFFF): a browser shows "�" where the writer meant something."""
    for found in _REFERENCE.finditer(body):
        if not found["code"] and _void(_code_of(found)):
            line = first_line + body.count("\n", 0, found.start())
            said = "names no character: a page would show '�' there; remove it"
            yield line, f"holds the character reference {found.group()}, which {said}"
            return


# Unicode's Default_Ignorable_Code_Point: what shows nothing, not even a space, wherever it
# stands (joiners, direction marks, variation selectors, soft hyphens, Hangul fillers).
_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip


_IGNORABLE_RANGES = "".join(f"{chr(low)}-{chr(high)}" for low, high in _IGNORABLE)
_IGNORABLE_CHARACTER = re.compile(f"[{_IGNORABLE_RANGES}]")


def ignorable(char: str) -> bool:
    """Whether `char` is one of Unicode's default-ignorable code points."""
    return _IGNORABLE_CHARACTER.match(char) is not None


# What a reader sees nothing of: spaces, line breaks and format characters (zero-width
# spaces and joiners, a soft hyphen, direction marks).
_UNSEEN = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def shows_nothing(text: str) -> bool:
    """Whether `text` holds only characters a reader sees nothing of."""
    return all(unicodedata.category(character) in _UNSEEN for character in text)


_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
# What the sanitiser drops with its content: a body of only a script showed an empty page
_DROPPED = re.compile(r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")
_LINK_ADDRESS = re.compile(r"\]\([^()]*\)")
_SHOWN = frozenset("LNS")  # letters, digits, symbols (emoji among them)


def body_shows_text(body: str) -> bool:
    """Whether a body shows its reader a letter, a digit or a symbol, not only markup (tags,
    comments, link addresses, rules, references to spaces) and characters that show nothing."""
    markup = _DROPPED.sub("", _COMMENT.sub("", body))
    text = html.unescape(_LINK_ADDRESS.sub("]", _TAG.sub("", markup)))
    return any(unicodedata.category(character)[0] in _SHOWN for character in text)


UTF16 = (
    'is saved as UTF-16 ("Unicode" in Windows\' Save As), expected UTF-8: save it again '
    "with the encoding UTF-8"
)


def saved_as_utf16(raw: bytes) -> bool:
    """Whether a file is UTF-16 text: its byte-order mark, or (without one) a zero byte
    beside each character of Latin text, which UTF-8 reads as control characters."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = raw[:200]
    return len(start) >= 4 and start.count(0) * 3 >= len(start)
