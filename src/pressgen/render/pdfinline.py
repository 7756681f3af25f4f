"""A paragraph's inline runs made ready for Typst: what Typst lays out otherwise than a
browser, mended in the data, so that the template stays plain.

- Arabic letters join across a change of style or a link in a browser, not in Typst, which
  shapes each run apart: "ب[الموقع](…)" printed an isolated ب before the link. The letters
  of a word written against a link, bold or italic run move into it.
- Typst goes one level deeper for each match of a `show regex` rule in an unbroken stretch of
  text, up to 512 (typst/typst#6694): a paragraph of a few hundred long words, each measured
  by every rule around it (the template's `long-run` and, in a table's cells, `any-run`),
  failed its whole PDF. A seam (no width, no letter) after so many matches starts a new
  stretch and leaves the line as it is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

Json = dict[str, Any]
Inline = str | Json

CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"  # Chinese and Japanese, their punctuation
_MEASURED = "\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff" + CJK  # Hangul too
_LONG_RUN = re.compile(rf"[^\s\-/\u200b{_MEASURED}]{{20,}}")
_ANY_RUN = re.compile(rf"[^\s\u200b{_MEASURED}]{{2,}}")
SEAM_AFTER = 200  # matches times the rules that measure them, well under Typst's 512
# Arabic letters that join, and the marks written on them
_JOINING = "\u0620-\u065f\u0670-\u06d3\u06d5-\u06ef\u06fa-\u06ff\u0750-\u077f\u08a0-\u08ff"
_WORD_END = re.compile(f"[{_JOINING}]+$")
_WORD_START = re.compile(f"^[{_JOINING}]+")
_STYLED = frozenset({"link", "strong", "em", "mark", "underline", "strike", "small"})


def typeset_runs(inlines: list[Inline], breakable: bool, rules: int, in_cell: bool) -> list[Inline]:
    """`inlines` joined, their compounds kept whole unless `breakable` (a table's cell is
    narrow; in a right-to-left line a box is placed as a sign, not as a word), and
    seamed; `rules`: how many rules may measure a long word."""
    joined = _joined(inlines)
    return _seamed(joined if breakable else _kept_whole(joined), in_cell, rules, [0])


# Letters joined by hyphens ("специалистов-гидрометеорологов", "porte-parole"), short enough
# to stay on one line of a page (a cell is narrower: there they may break)
# (a letter with the signs written on it: accents, Indic and Southeast Asian vowel signs)
_MARKS = "\u0300-\u036f\u0483-\u0489\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff"
_MARKS += "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
_COMPOUND = re.compile(rf"{_LETTER}+(?:-{_LETTER}+)+")
MAX_COMPOUND = 32
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _whole(word: re.Match[str]) -> bool:
    """Whether a compound found is whole: no mark on a letter at either end, which the
    pattern leaves out ("भारत-पाकिस्तान" is found from inside a cluster: a box would cut it,
    and Devanagari's letters and signs would print apart)."""
    text, start, end = word.string, word.start(), word.end()
    edges = (text[start - 1] if start else "", text[end] if end < len(text) else "")
    return not any(edge and unicodedata.category(edge).startswith("M") for edge in edges)


def _kept_whole(inlines: list[Inline]) -> list[Inline]:
    """Each compound word as one unbreakable run (`{"k": "word"}`). Broken at its hyphen at
    the end of a line, it came back from `pdftotext` as one word without it
    ("специалистовгидрометеорологов": poppler takes a hyphen ending a line for one that
    splits a word), and neither of its words was found. Left-to-right words only."""
    result: list[Inline] = []
    for item in inlines:
        if isinstance(item, dict):
            result.append({**item, "c": _kept_whole(item["c"])} if "c" in item else item)
            continue
        start = 0
        for word in _COMPOUND.finditer(item):
            text = word.group()
            if len(text) <= MAX_COMPOUND and not _RIGHT_TO_LEFT.search(text) and _whole(word):
                result += [item[start : word.start()], {"k": "word", "text": text}]
                start = word.end()
        result.append(item[start:])
    return [item for item in result if item != ""]


def _joined(inlines: list[Inline]) -> list[Inline]:
    """Each styled run that a word's Arabic letters touch takes those letters in, at any
    depth (`ب**[الموقع](…)**`: into the link inside the bold)."""
    result: list[Inline] = [
        {**item, "c": _joined(item["c"])} if isinstance(item, dict) and "c" in item else item
        for item in inlines
    ]
    for index, item in enumerate(result):
        if not isinstance(item, dict) or item.get("k") not in _STYLED or not item.get("c"):
            continue
        before = result[index - 1] if index else None
        found = _WORD_END.search(before) if isinstance(before, str) else None
        if found and isinstance(before, str) and _WORD_START.search(_edge(item, 0)):
            result[index - 1] = before[: found.start()]
            item = _added(item, found.group(), 0)
        after = result[index + 1] if index + 1 < len(result) else None
        found = _WORD_START.search(after) if isinstance(after, str) else None
        if found and isinstance(after, str) and _WORD_END.search(_edge(item, -1)):
            result[index + 1] = after[found.end() :]
            item = _added(item, found.group(), -1)
        result[index] = item
    return [item for item in result if item != ""]


def _edge(item: Inline, end: int) -> str:
    """The text at the start (`end` 0) or the end (-1) of a run, through the runs in it."""
    while isinstance(item, dict) and item.get("c"):
        item = item["c"][end]
    return item if isinstance(item, str) else ""


def _added(item: Json, text: str, end: int) -> Json:
    """`item` with `text` put before its first letters (`end` 0) or after its last (-1)."""
    inside = [*item["c"]]
    edge = inside[end]
    if isinstance(edge, dict):
        inside[end] = _added(edge, text, end)
    else:
        inside[end] = text + edge if end == 0 else edge + text
    return {**item, "c": inside}


def _seamed(inlines: list[Inline], in_cell: bool, rules: int, weight: list[int]) -> list[Inline]:
    """`inlines` with a seam (`{"k": "seam"}`) after a word wherever the words before it,
    since the last seam, count `SEAM_AFTER`: each long run counts once for every rule that
    measures it, each word of a cell once more (its own rule)."""
    result: list[Inline] = []
    for item in inlines:
        if isinstance(item, dict):
            if "c" in item:
                item = {**item, "c": _seamed(item["c"], in_cell, rules, weight)}
            result.append(item)
            for word in _ANY_RUN.finditer(item.get("text", "")):  # code: measured, not cut
                weight[0] += _weight(word.group(), in_cell, rules)
            continue
        start = 0
        for word in _ANY_RUN.finditer(item):
            weight[0] += _weight(word.group(), in_cell, rules)
            if weight[0] >= SEAM_AFTER and word.end() < len(item):
                result += [item[start : word.end()], {"k": "seam"}]
                start, weight[0] = word.end(), 0
        result.append(item[start:])
    return result


def _weight(word: str, in_cell: bool, rules: int) -> int:
    return len(_LONG_RUN.findall(word)) * rules + (1 if in_cell else 0)
