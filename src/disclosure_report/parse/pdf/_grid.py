"""Tables drawn with ruling lines: the grid of cells the lines enclose.

The ruling segments of a page (:mod:`._page`) are merged where they touch along their axis,
and grouped into tables by crossing: segments that cross or meet belong to one table. In a
table, every distinct x of a vertical segment and every y of a horizontal one is a grid
line (the extent of the horizontal segments adds the left and right edges of a table drawn
without outer borders). A slot of the grid is joined to its right neighbour when no
vertical segment runs between them, and to the slot below when no horizontal segment does;
the joined slots are read off as rectangles, left to right and top to bottom, so each
merged cell is one cell with its spans, as in the HTML table model. A glyph belongs to the
cell holding its centre; a glyph printed across the table's top or bottom line (a cell's
text cut by a page break) belongs to the row it overlaps.

A single box (a frame around a paragraph) is not a table, nor is a frame with lines across
it and none down (rows without cells), nor a grid whose cells hold texts far apart on one
line (value columns the lines do not rule apart): their text stays text, where a table
drawn without ruling lines is looked for (:mod:`._unruled`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from typing import Final

from attrs import define, field

from ._page import Glyph, Page, Rule
from ._text import Line, join_text, lines_of

__all__ = ["Grid", "GridCell", "GridRow", "ruled_grids"]

_JOIN: Final = 2.0
"""Segments on one line whose ends are this close (points) are one segment."""
_SAME: Final = 2.5
"""Grid lines closer than this (points) are one line (double borders, rounding)."""
_COVER: Final = 0.5
"""Share of a slot's side a segment must cover to be a wall there."""
_SPREAD: Final = 2.0
"""A gap this many font sizes wide inside a cell's line: two cells' texts, not ruled apart."""
_MAX_RULES: Final = 4000
"""Pages with more ruling segments than this are drawings, not tables: no grid is sought."""


class GridCell:
    """One cell of a table on the page: its horizontal extent, its rows, its text."""

    __slots__ = ("fonts", "row", "row_span", "text", "x0", "x1")

    def __init__(  # noqa: PLR0917 - built by the thousand: positional is cheaper
        self, x0: float, x1: float, row: int, row_span: int, text: str, fonts: frozenset[str]
    ) -> None:
        self.x0 = x0
        self.x1 = x1
        self.row = row
        self.row_span = row_span
        self.text = text
        self.fonts = fonts

    @property
    def end(self) -> int:
        """The grid row after the cell's last."""
        return self.row + self.row_span

    def __repr__(self) -> str:
        return f"GridCell({self.text!r}, x={self.x0:.0f}-{self.x1:.0f}, rows={self.row}+{self.row_span})"


@define
class GridRow:
    """Where a grid row was printed."""

    page: int
    top: float
    bottom: float


@define
class Grid:
    """A table as found on one page (or joined across pages): rows and positioned cells."""

    rows: list[GridRow]
    cells: list[GridCell]
    x0: float
    x1: float
    ruled: bool
    edges: list[float] = field(factory=list)
    """The x of every column boundary seen (for matching a table continued on a later page)."""

    @property
    def top(self) -> float:
        """Top of the first row on its page."""
        return self.rows[0].top

    @property
    def bottom(self) -> float:
        """Bottom of the last row on its page."""
        return self.rows[-1].bottom

    def starting(self, row: int) -> list[GridCell]:
        """Cells that start in ``row``, left to right."""
        return sorted((c for c in self.cells if c.row == row), key=lambda c: c.x0)

    def covering(self, row: int) -> list[GridCell]:
        """Cells that cover ``row``, left to right."""
        return sorted((c for c in self.cells if c.row <= row < c.end), key=lambda c: c.x0)


def _cell_text(lines: Sequence[Line]) -> str:
    """The text of a cell: its lines joined as one text cut by the cell's width.

    A space joins two lines only between two words (``join_text``), so two numbers on
    two lines stay two numbers (``12 3``), which no reader takes for one.
    """
    text = ""
    for line in lines:
        text = join_text(text, line.text)
    return text


def _merge(rules: Iterable[Rule]) -> list[Rule]:
    """Segments on one line that touch or overlap, merged."""
    ordered = sorted(rules, key=lambda r: (r.at, r.start))
    lines: list[list[Rule]] = []
    for rule in ordered:
        if lines and rule.at - lines[-1][0].at <= _JOIN:
            lines[-1].append(rule)
        else:
            lines.append([rule])
    merged: list[Rule] = []
    for line in lines:
        at = sum(r.at for r in line) / len(line)
        line.sort(key=lambda r: r.start)
        start, end = line[0].start, line[0].end
        for rule in line[1:]:
            if rule.start <= end + _JOIN:
                end = max(end, rule.end)
            else:
                merged.append(Rule(line[0].horizontal, at, start, end))
                start, end = rule.start, rule.end
        merged.append(Rule(line[0].horizontal, at, start, end))
    return merged


def _clusters(values: Iterable[float]) -> list[float]:
    """Values closer than :data:`_SAME` to the previous, merged into their mean."""
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= _SAME:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(c) / len(c) for c in out]


def _components(
    horizontals: list[Rule], verticals: list[Rule]
) -> list[tuple[list[Rule], list[Rule]]]:
    """Groups of segments that cross or meet."""
    parent = list(range(len(horizontals) + len(verticals)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    tolerance = _JOIN + 1
    for i, h in enumerate(horizontals):
        for j, v in enumerate(verticals):
            if (
                h.start - tolerance <= v.at <= h.end + tolerance
                and v.start - tolerance <= h.at <= v.end + tolerance
            ):
                a, b = find(i), find(len(horizontals) + j)
                if a != b:
                    parent[a] = b
    groups: dict[int, tuple[list[Rule], list[Rule]]] = {}
    for i, h in enumerate(horizontals):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(verticals):
        groups.setdefault(find(len(horizontals) + j), ([], []))[1].append(v)
    return [g for g in groups.values() if len(g[0]) >= 2 and len(g[1]) >= 2]


def _covered(segments: list[Rule], start: float, end: float) -> bool:
    """True when the segments cover at least :data:`_COVER` of ``start``..``end``."""
    length = end - start
    if length <= 0:
        return True
    total = 0.0
    for segment in segments:
        total += max(0.0, min(end, segment.end) - max(start, segment.start))
    return total >= _COVER * length


def _near(values: list[float], at: float) -> int | None:
    """Index of the value within :data:`_SAME` of ``at``."""
    i = bisect.bisect_left(values, at - _SAME)
    if i < len(values) and abs(values[i] - at) <= _SAME:
        return i
    return None


def _grid(
    horizontals: list[Rule], verticals: list[Rule], page: Page
) -> tuple[Grid, list[list[Glyph]]] | None:
    """The grid one group of segments draws, and the glyphs of each of its cells."""
    left = min(h.start for h in horizontals)
    right = max(h.end for h in horizontals)
    top = min(v.start for v in verticals)
    bottom = max(v.end for v in verticals)
    xs = _clusters([*(v.at for v in verticals), left, right])
    ys = _clusters([*(h.at for h in horizontals), top, bottom])
    if len(xs) < 3 or len(ys) < 2:
        return None  # one column: a frame with lines across only (rows, no cells)
    walls_v: list[list[Rule]] = [[] for _ in xs]
    walls_h: list[list[Rule]] = [[] for _ in ys]
    for v in verticals:
        i = _near(xs, v.at)
        if i is not None:
            walls_v[i].append(v)
    for h in horizontals:
        i = _near(ys, h.at)
        if i is not None:
            walls_h[i].append(h)
    rows, columns = len(ys) - 1, len(xs) - 1
    owner = [[-1] * columns for _ in range(rows)]
    boxes: list[tuple[int, int, int, int]] = []  # row, column, row span, column span
    for r in range(rows):
        for c in range(columns):
            if owner[r][c] >= 0:
                continue
            c_end = c + 1
            while (
                c_end < columns
                and owner[r][c_end] < 0
                and not _covered(walls_v[c_end], ys[r], ys[r + 1])
            ):
                c_end += 1
            r_end = r + 1
            while r_end < rows and all(
                owner[r_end][k] < 0 and not _covered(walls_h[r_end], xs[k], xs[k + 1])
                for k in range(c, c_end)
            ):
                r_end += 1
            index = len(boxes)
            boxes.append((r, c, r_end - r, c_end - c))
            for rr in range(r, r_end):
                for k in range(c, c_end):
                    owner[rr][k] = index
    if len(boxes) < 2:
        return None  # one box: a frame, not a table
    contents: list[list[Glyph]] = [[] for _ in boxes]
    for glyph in page.glyphs:
        x, y = glyph.centre, glyph.middle
        if not xs[0] <= x <= xs[-1]:
            continue
        if not ys[0] <= y <= ys[-1] and not (
            glyph.top < ys[0] < glyph.bottom or glyph.top < ys[-1] < glyph.bottom
        ):
            continue  # outside; a glyph across the top or bottom line is in (a page break)
        c = min(max(bisect.bisect_right(xs, x) - 1, 0), columns - 1)
        r = min(max(bisect.bisect_right(ys, y) - 1, 0), rows - 1)
        contents[owner[r][c]].append(glyph)
    if not any(contents):
        return None  # drawing, not a table
    lines = [lines_of(glyphs) for glyphs in contents]
    if any(line.parts(_SPREAD) > 1 for cell in lines for line in cell):
        return None  # cells holding several columns' texts: the lines do not rule it apart
    cells = [
        GridCell(
            xs[c],
            xs[c + span_c],
            r,
            span_r,
            _cell_text(cell),
            frozenset(g.font for g in glyphs),
        )
        for (r, c, span_r, span_c), glyphs, cell in zip(boxes, contents, lines, strict=True)
    ]
    grid_rows = [GridRow(page.number, ys[r], ys[r + 1]) for r in range(rows)]
    return Grid(grid_rows, cells, xs[0], xs[-1], ruled=True, edges=list(xs)), contents


def ruled_grids(page: Page) -> tuple[list[Grid], set[int]]:
    """The ruled tables of a page, top to bottom, and the ids of the glyphs they hold."""
    if not page.rules or len(page.rules) > _MAX_RULES:
        return [], set()
    horizontals = _merge(r for r in page.rules if r.horizontal)
    verticals = _merge(r for r in page.rules if not r.horizontal)
    grids: list[Grid] = []
    used: set[int] = set()
    for group_h, group_v in _components(horizontals, verticals):
        found = _grid(group_h, group_v, page)
        if found is None:
            continue
        grid, contents = found
        grids.append(grid)
        for glyphs in contents:
            used.update(id(g) for g in glyphs)
    grids.sort(key=lambda g: g.top)
    return grids, used
