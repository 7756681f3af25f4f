"""How often a PDF states a letter's text twice: ``python bench/pdf_tags.py PDF...``.

Typst tags each cluster it shapes (an Arabic letter with its marks, say) with the text it
stands for (`/ActualText`). When it draws a mark a fraction of a point above the place its
letter's run is drawn at, the mark goes into a text object of its own at the same place;
if that object carries the cluster's tag too, a reader that follows the tags (poppler's
`pdftotext`) gives the letter twice. For each PDF this prints how many tags its pages have
and how many of them repeat the tag of the object drawn just before, at the same place.
Reads Typst's own output (Flate-compressed page streams); standard library only.
"""

from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

STREAM = re.compile(rb"stream\r?\n")
# One object drawn at a place: `q 1 0 0 -1 X Y cm ... Q`, as Typst writes text
DRAWN = re.compile(r"q 1 0 0 -1 ([\d.]+) ([\d.]+) cm(.*?)\nQ", re.S)
TAG = re.compile(r"/ActualText<([0-9A-F]+)>")


def page_streams(pdf: bytes) -> Iterator[str]:
    for found in STREAM.finditer(pdf):
        end = pdf.find(b"endstream", found.end())
        try:
            yield zlib.decompress(pdf[found.end() : end]).decode("latin-1")
        except zlib.error:  # not compressed with Flate: not a page of Typst's
            continue


def count(pdf: bytes) -> tuple[int, int]:
    """The tags of a PDF's pages, and those that repeat the one just before in place."""
    tags = twice = 0
    for stream in page_streams(pdf):
        before: tuple[str, list[str]] | None = None
        for x, _, drawn in DRAWN.findall(stream):
            found = TAG.findall(drawn)
            tags += len(found)
            if before and before[0] == x and before[1] and found and before[1][-1] == found[0]:
                twice += 1
            before = (x, found)
    return tags, twice


def main(paths: list[str]) -> None:
    print("| PDF | tags | stated twice |")
    print("| --- | --- | --- |")
    for path in paths:
        tags, twice = count(Path(path).read_bytes())
        print(f"| {Path(path).name} | {tags} | {twice} |")


if __name__ == "__main__":
    main(sys.argv[1:])
