"""How much of each body a PDF gives back as text: ``python bench/pdf_words.py SITE OUT``.

For every release-language of the site SITE whose PDF is in the built folder OUT, runs
`pdftotext` (poppler) on the PDF and counts the body's words found in what it gives back,
each as often as the body has it. A word is a run of letters and digits (of any script:
a figure the PDF loses or splits is a word lost) with the marks written on them; Chinese,
written without spaces, is counted by its Han characters instead, found in the text with
its line breaks taken out. A picture's alt text is not counted (the PDF prints the
picture, not its description). Arabic is also counted with its marks (U+064B to U+0652)
set aside, the figure a search that ignores them would see.

Those shares count a word found anywhere in the PDF's text, in any order (the headline,
caption and contacts included): what a search finds. "In order" counts only the words
that come back in the body's order (their longest common subsequence with the PDF's
words, Arabic marks set aside), what a reader who copies a paragraph gets: a list item or
table row given back in another order loses words there. Standard library only.
"""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ARABIC_MARKS = re.compile("[\u064b-\u0652]")
HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")
HAN_CHAR = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# A picture's alt text (not printed: the picture is), a link's words, HTML tags
PICTURE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>", re.IGNORECASE)
MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)|<[^>]*>")


def words(text: str) -> list[str]:
    """Runs of letters, each with the marks that follow its letters."""
    found, word = [], ""
    for char in text:
        kind = unicodedata.category(char)[0]
        if kind in "LN" or (kind == "M" and word):
            word += char
        elif word:
            found.append(word)
            word = ""
    return [*found, word] if word else found


def share(body: list[str], given: list[str]) -> float:
    have = Counter(given)
    return sum(min(n, have[w]) for w, n in Counter(body).items()) / max(1, len(body))


def in_order(body: list[str], given: list[str]) -> float:
    """The share of `body` that `given` holds in the same order (longest common
    subsequence)."""
    previous = [0] * (len(given) + 1)
    for word in body:
        current = [0]
        for j, other in enumerate(given):
            current.append(previous[j] + 1 if word == other else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1] / max(1, len(body))


def body_of(markdown: Path) -> str:
    text = markdown.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return unicodedata.normalize("NFC", MARKUP.sub(r"\1", PICTURE.sub("", body)))


def pdf_text(pdf: Path) -> str:
    given = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True)
    return unicodedata.normalize("NFC", given.stdout.decode("utf-8"))


def measure(markdown: Path, pdf: Path, lang: str) -> tuple[int, float, float, float]:
    """The body's size (words, or Han characters), and the share found: as written, with
    Arabic marks set aside, and in the body's order (marks set aside)."""
    body, given = body_of(markdown), pdf_text(pdf)
    if lang.startswith("zh"):
        runs, flat = HAN.findall(body), re.sub(r"\s+", "", given)
        size = sum(map(len, runs))
        found = sum(len(run) for run in runs if run in flat) / max(1, size)
        return size, found, found, in_order(list("".join(runs)), HAN_CHAR.findall(given))
    unmarked = [words(ARABIC_MARKS.sub("", text)) for text in (body, given)]
    return (
        len(words(body)),
        share(words(body), words(given)),
        share(*unmarked),
        in_order(*unmarked),
    )


def main(site: Path, out: Path) -> None:
    print("| release | language | words | as written | Arabic marks aside | in order |")
    print("| --- | --- | --- | --- | --- | --- |")
    for markdown in sorted(site.glob("releases/*/*.md")):
        release, lang = markdown.parent.name, markdown.stem
        pdf = out / lang / release / f"{release}.{lang}.pdf"
        if pdf.is_file():
            size, written, unmarked, ordered = measure(markdown, pdf, lang)
            unit = " Han characters" if lang.startswith("zh") else ""
            figures = f"{written:.1%} | {unmarked:.1%} | {ordered:.1%}"
            print(f"| {release} | {lang} | {size}{unit} | {figures} |")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
