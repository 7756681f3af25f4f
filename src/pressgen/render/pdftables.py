"""A table's grid for the PDF, as a browser makes it: merged cells (colspan, rowspan) in
their places, empty cells where a row has none, and each column's longest word, by which
the template sizes the table."""

from __future__ import annotations

from typing import Any

from .markdown import html_attribute

Json = dict[str, Any]

MAX_SPAN = 100  # cells a merged cell may cover across or down (HTML allows 1,000 and 65,534)
MAX_COLUMNS = 100  # columns merged cells may make a table's grid: past it, a cell spans one


def span(attributes: str, name: str) -> int:
    """A cell's colspan or rowspan, as sanitising left it (digits HTML allows, or none: 1);
    0 (a rowspan to the last row) stays 0."""
    value = html_attribute(attributes, name) or ""
    return min(int(value), MAX_SPAN) if value.isdigit() else 1


def fill_rows(rows: list[list[Json]], header: int) -> tuple[list[list[Json]], int]:
    """The rows, and the number of columns, once each row is given empty cells for the
    places no cell takes, as a browser leaves them: Typst fills a table's grid cell by cell,
    and a short row would take the next row's first cells. A cell merged down (rowspan)
    takes its place in the rows below, to the last row (or the header's) at most, and a
    span across stops at such a cell (browsers let them overlap, Typst refuses); an empty
    row that no such cell reaches is left out, as a browser shows none."""
    taken: list[set[int]] = [set() for _ in rows]  # per row: the columns its cells take
    for number, row in enumerate(rows):
        column, end = 0, header if number < header else len(rows)
        for cell in row:
            while column in taken[number]:
                column += 1
            if column + cell["colspan"] > MAX_COLUMNS:
                cell["colspan"] = 1
            free = 1  # a span over a cell merged down from above stops before it
            while free < cell["colspan"] and column + free not in taken[number]:
                free += 1
            cell["colspan"] = free
            cell["rowspan"] = min(cell["rowspan"] or MAX_SPAN, end - number, MAX_SPAN)
            for below in range(number, number + cell["rowspan"]):
                taken[below].update(range(column, column + cell["colspan"]))
            column += cell["colspan"]
    kept = [(row, place) for row, place in zip(rows, taken, strict=True) if row or place]
    columns = max((max(place) + 1 for _, place in kept if place), default=0)
    for row, place in kept:
        row.extend(_empty_cell() for _ in range(columns - len(place)))
    return [row for row, _ in kept], columns


def _empty_cell() -> Json:
    return {"c": [], "align": "start", "header": False, "colspan": 1, "rowspan": 1, "longest": ""}


def longest_words(rows: list[list[Json]], columns: int) -> list[str]:
    """The longest word of each column (of its cells one column wide), which the template
    measures to print the table small enough that no word breaks, where it can."""
    longest = [""] * columns
    for row in rows:
        column = 0
        for cell in row:
            if cell["colspan"] == 1 and column < columns:
                longest[column] = max(longest[column], cell["longest"], key=len)
            column += cell["colspan"]
    return longest
