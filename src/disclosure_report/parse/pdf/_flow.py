"""The pages in reading order: paragraphs as the publisher wrote them, tables as grids.

Each page gives its tables and its lines of running text (furniture removed), top to
bottom. Lines are joined into paragraphs; a new paragraph starts where a line is indented
or set out from the text's left edge (first-line indents, headings, centred titles), where
the line before it stopped short of the right edge, where the type size changes, after a
table, and at a numbered heading after a finished sentence. A paragraph running on at the
top of the next page is continued. Tables that continue on the next page are joined
(:mod:`._join`). Everything becomes the raw blocks every reader produces, with the page it
was printed on in its :class:`~disclosure_report.model.Source`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Final

from disclosure_report.model import Source
from disclosure_report.parse._raw import Block, RawCell, RawParagraph, RawRow, RawTable

from ._grid import Grid, GridCell
from ._join import continues, join
from ._page import UNMAPPED
from ._text import Line, join_text

__all__ = ["Item", "blocks"]

Item = Line | Grid
"""What a page holds, in reading order."""

_INDENT: Final = 0.8
"""A line starting this many font sizes right of the text's left edge is indented."""
_SHORT: Final = 2.0
"""A line ending this many font sizes short of the right edge ends its paragraph."""
_SIZE_CHANGE: Final = 0.15
"""A change of type size by this share starts a new paragraph."""
_HEADING: Final = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[、.．])"
)
_SENTENCE_END: Final = frozenset("。；;！？!?：:")
_SAME_EDGE: Final = 2.5
"""Column boundaries closer than this (points) are one grid column."""


def _margins(pages: Sequence[Sequence[Item]]) -> tuple[float, float]:
    """The left and right edges of the running text.

    Left: the leftmost start shared by two lines or more, and by at least a tenth as many as
    the commonest start (continuation lines start there; first lines are indented, titles
    centred, a rare wide line set right is no margin). Right: where the longest lines end.
    """
    lefts: Counter[int] = Counter()
    right = 0.0
    for items in pages:
        for item in items:
            if isinstance(item, Line) and item.count >= 6:
                lefts[round(item.x0)] += 1
                right = max(right, item.x1)
    if not lefts:
        return 0.0, 0.0
    most = max(lefts.values())
    shared = [x for x, count in lefts.items() if count >= max(2, most // 10)]
    return float(min(shared or lefts)), right


class _Paragraphs:
    def __init__(self, left: float, right: float) -> None:
        self.left = left
        self.right = right
        self.lines: list[tuple[int, Line]] = []
        self.out: list[Block] = []

    def breaks(self, previous: Line, line: Line) -> bool:
        size = max(previous.size, line.size)
        if abs(line.size - previous.size) > _SIZE_CHANGE * size:
            return True
        if abs(line.x0 - self.left) > _INDENT * line.size:
            return True
        if previous.x1 < self.right - _SHORT * previous.size:
            return True
        text = previous.text.rstrip()
        return bool(text) and text[-1] in _SENTENCE_END and _HEADING.match(line.text) is not None

    def add(self, page: int, line: Line) -> None:
        if self.lines and self.breaks(self.lines[-1][1], line):
            self.flush()
        self.lines.append((page, line))

    def flush(self) -> None:
        if not self.lines:
            return
        text = ""
        for _, line in self.lines:
            text = join_text(text, line.text)
        self.out.append(RawParagraph(text=text, source=Source(page=self.lines[0][0])))
        self.lines = []


def _edges(grid: Grid) -> list[float]:
    values = sorted({c.x0 for c in grid.cells} | {c.x1 for c in grid.cells})
    out: list[list[float]] = []
    for value in values:
        if out and value - out[-1][-1] <= _SAME_EDGE:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(c) / len(c) for c in out]


def _column(edges: list[float], x: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _cell_text(cell: GridCell, unmapped: frozenset[str]) -> str:
    if unmapped and cell.fonts & unmapped:
        return UNMAPPED  # printed in a font without a Unicode map: nothing in it is read
    return cell.text


def raw_table(grid: Grid, index: int, unmapped: frozenset[str]) -> RawTable:
    """A grid as the raw table every reader produces."""
    edges = _edges(grid)
    by_row: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        by_row.setdefault(cell.row, []).append(cell)
    rows: list[RawRow] = []
    for r, printed in enumerate(grid.rows):
        cells: list[RawCell] = []
        for i, cell in enumerate(sorted(by_row.get(r, []), key=lambda c: c.x0)):
            column = _column(edges, cell.x0)
            end = max(column + 1, _column(edges, cell.x1))
            cells.append(
                RawCell(
                    text=_cell_text(cell, unmapped),
                    source=Source(page=printed.page, table=index, row=r, cell=i),
                    column=column,
                    row_span=max(1, min(cell.row_span, len(grid.rows) - r)),
                    col_span=end - column,
                )
            )
        rows.append(RawRow(cells=cells, source=Source(page=printed.page, table=index, row=r)))
    return RawTable(
        rows=rows,
        source=Source(page=grid.rows[0].page, table=index),
        width=max(1, len(edges) - 1),
    )


def blocks(
    pages: Sequence[tuple[int, Sequence[Item]]], unmapped: frozenset[str]
) -> tuple[list[Block], list[str]]:
    """Paragraphs and tables of the pages (number, items top to bottom), in reading order.

    Also returns what was done to tables continued across pages, for a finding.
    """
    left, right = _margins([items for _, items in pages])
    paragraphs = _Paragraphs(left, right)
    grids: list[tuple[Grid, int]] = []  # each grid, and its place in ``paragraphs.out``
    joined: list[str] = []
    carried: Grid | None = None  # a table that ended the page before
    for number, items in pages:
        for position, item in enumerate(items):
            if isinstance(item, Line):
                paragraphs.add(number, item)
                continue
            paragraphs.flush()
            if position == 0 and carried is not None and continues(carried, item):
                _, done = join(carried, item)
                joined.append(f"page {number}: " + ", ".join(["continues the table above", *done]))
            else:
                grids.append((item, len(paragraphs.out)))
                paragraphs.out.append(RawParagraph(text="", source=Source()))  # its place
        if items:
            carried = grids[-1][0] if isinstance(items[-1], Grid) else None
    paragraphs.flush()
    out = paragraphs.out
    for index, (grid, at) in enumerate(grids):
        out[at] = raw_table(grid, index, unmapped)
    return out, joined
