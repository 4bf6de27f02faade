"""Which row each line of a value column belongs to, in a table drawn without ruling lines.

The rows of such a table are known by their labels (:class:`Anchor`: where a row label is
printed); each column's printed lines (:class:`Item`) are given to rows by these rules:

* A line that overlaps a row label vertically is that row's: a printed line lies in one
  row, and so does the label.
* A line between two row labels is the upper row's or the lower one's. Rows are bands
  across the whole table, so one boundary between two rows holds for every column: the
  lines above it are the upper row's, those below the lower's, in each column alike. A
  boundary never cuts a line, never crosses a horizontal rule's place (a table ruled across
  but not down: the rule *is* the boundary), and a cell is read on one page.
* Between two rules a cell is what lies between them. Elsewhere
  the boundary is read from how cells sit in their rows: a table sets its cells
  level with their row's label at the top, at the middle or at the bottom. A *reading*
  places every boundary so that each cell of each row lines up with its label in one
  alignment, the same in the whole table, and keeps a cell's lines close together. The
  alignment is the one the table's settled cells show (a cell level with its label with
  nothing in the gaps beside it, that lines up one way only), else any of the three.

A cell is read only when every reading gives it the same lines; otherwise it is *open* and
the caller leaves it blank, with a finding. Why a reading never puts a whole cell in the
wrong row: a row's label lies inside the row, its middle at least half a line from the
row's edges, and so do the middle, top and bottom of any lines of one cell, so a cell of
another row cannot line up with the label within the :data:`_LEVEL` tolerance. And where a
cell's lines could be cut or joined otherwise, the boundaries shared by all columns leave a
second reading, or none.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from attrs import frozen

__all__ = [
    "ALIGNMENTS",
    "Anchor",
    "Column",
    "Item",
    "Wall",
    "alignment",
    "assign",
    "lines_up",
    "overlaps",
]

_LEVEL: Final = 0.3
"""Edges or middles within this share of a line's height are level with each other."""
_HALF: Final = 0.45
"""The tolerance stays under half a line of the smallest type in a cell (see the module doc)."""
_SAME_SIZE: Final = 0.1
"""A settled cell tells the alignment only in its label's type size, within this share."""
_OVERLAP: Final = 0.2
"""A line overlaps a label when they share this share of a line's height, vertically."""
_CELL_GAP: Final = 1.0
"""Lines of one cell are at most this share of a line's height apart."""
ALIGNMENTS: Final = ("top", "middle", "bottom")
"""How a cell may sit in its row, level with the row label."""

_Place = tuple[int, float]
"""A vertical place in the document: page, then y on the page."""


@frozen
class Anchor:
    """Where a row label is printed: its page, top and bottom, and one line's height."""

    page: int
    top: float
    bottom: float
    line: float


@frozen
class Item:
    """One printed line of one column (the chunks of the column on that line)."""

    page: int
    top: float
    bottom: float

    @property
    def line(self) -> float:
        """Its height."""
        return self.bottom - self.top


@frozen
class Wall:
    """A horizontal rule across a column: no cell crosses it."""

    page: int
    at: float


def overlaps(anchor: Anchor, item: Item) -> bool:
    """True when a line shares enough of its height with a row label to be level with it."""
    if anchor.page != item.page:
        return False
    shared = min(anchor.bottom, item.bottom) - max(anchor.top, item.top)
    return shared > _OVERLAP * min(anchor.line, item.line)


def lines_up(anchor: Anchor, items: Sequence[Item], alignments: Sequence[str] = ALIGNMENTS) -> bool:
    """True when lines of one cell line up with the anchor in one of ``alignments``.

    The lines must be on the anchor's page and close together (no wider gap between two of
    them than :data:`_CELL_GAP` lines).
    """
    if any(i.page != anchor.page for i in items):
        return False
    ordered = sorted(items, key=lambda i: i.top)
    for above, below in itertools.pairwise(ordered):
        if below.top - above.bottom > _CELL_GAP * min(above.line, below.line):
            return False
    top = ordered[0].top
    bottom = max(i.bottom for i in items)
    # A share of the label's line, but never half a line of the cell's (smaller) type.
    tolerance = min(_LEVEL * anchor.line, _HALF * min(i.line for i in items))
    for alignment in alignments:
        if alignment == "top":
            off = top - anchor.top
        elif alignment == "bottom":
            off = bottom - anchor.bottom
        else:
            off = ((top + bottom) - (anchor.top + anchor.bottom)) / 2
        if abs(off) <= tolerance:
            return True
    return False


class Column:
    """One column's lines against the row labels: which lines are whose for certain."""

    def __init__(
        self, anchors: Sequence[Anchor], items: Sequence[Item], walls: Sequence[Wall] = ()
    ) -> None:
        self.anchors = anchors
        self.items = items
        self.walls = walls
        self.crossing: set[int] = set()
        """Rows with a line across their label and another's: none of their cells is read."""
        self.own: list[list[int]] = [[] for _ in anchors]
        self.gaps: list[list[int]] = [[] for _ in range(len(anchors) + 1)]
        for index, item in enumerate(items):
            hits = [r for r, anchor in enumerate(anchors) if overlaps(anchor, item)]
            if len(hits) == 1:
                self.own[hits[0]].append(index)
            elif hits:
                self.crossing.update(hits)
            else:
                gap = sum(1 for a in anchors if (a.page, a.top) < (item.page, item.top))
                self.gaps[gap].append(index)

    def settled(self) -> list[int]:
        """Rows whose cell holds lines level with their label only, none in the gaps beside."""
        return [
            r
            for r in range(len(self.anchors))
            if self.own[r] and not self.gaps[r] and not self.gaps[r + 1] and r not in self.crossing
        ]

    def evidence(self) -> list[frozenset[str]]:
        """For each settled cell in its label's type size, the alignments it lines up in.

        (Smaller type, a number set smaller to fit its cell, sits on its line in ways that
        tell nothing of how the cell is set.)
        """
        out = []
        for r in self.settled():
            anchor = self.anchors[r]
            cell = [self.items[i] for i in self.own[r]]
            if any(abs(i.line - anchor.line) > _SAME_SIZE * anchor.line for i in cell):
                continue
            out.append(frozenset(a for a in ALIGNMENTS if lines_up(anchor, cell, (a,))))
        return out

    def above(self, g: int, cut: _Place) -> int | None:
        """How many of gap ``g``'s lines lie above ``cut``; None if the cut goes through one."""
        count = 0
        for i in self.gaps[g]:
            item = self.items[i]
            if (item.page, item.bottom) <= cut:
                count += 1
            elif (item.page, item.top) < cut:
                return None
        return count

    def block(self, r: int, start: int, end: int) -> tuple[int, ...]:
        """Row ``r``'s lines: gap ``r``'s from ``start`` on, its own, gap ``r + 1``'s before ``end``."""
        return tuple(sorted([*self.gaps[r][start:], *self.own[r], *self.gaps[r + 1][:end]]))

    def _walls_in(self, g: int) -> list[int]:
        """How many lines of gap ``g`` lie above each rule in it.

        A rule through a line of text (a glyph's box reaching over a border drawn close to
        it) settles nothing and is passed by.
        """
        anchors = self.anchors
        low: _Place = (anchors[g - 1].page, anchors[g - 1].bottom) if g > 0 else (0, float("-inf"))
        high: _Place = (anchors[g].page, anchors[g].top) if g < len(anchors) else (1 << 30, 0.0)
        found = []
        for wall in self.walls:
            place = (wall.page, wall.at)
            if low < place < high and (split := self.above(g, place)) is not None:
                found.append(split)
        return found

    def ruled(self, g: int) -> bool:
        """True when a rule in gap ``g`` (or the header, above the first label) bounds the rows."""
        return g == 0 or bool(self._walls_in(g))

    def walled(self, g: int, cut: _Place) -> bool:
        """True when a rule in gap ``g`` stands elsewhere than at ``cut`` (it is the boundary)."""
        split = self.above(g, cut)
        return any(wall != split for wall in self._walls_in(g))


def alignment(columns: Sequence[Column]) -> tuple[str, ...]:
    """How the table sets its cells, as far as its settled cells show.

    A settled cell (level with its label, nothing in the gaps beside it) that lines up with
    its label in some alignments only is evidence; the alignments every such cell agrees
    with are the table's. Without evidence, or with evidence that disagrees, all three.
    """
    agreed = frozenset(ALIGNMENTS)
    telling = False
    for column in columns:
        for matched in column.evidence():
            if matched and matched != frozenset(ALIGNMENTS):
                agreed &= matched
                telling = True
    if not telling or not agreed:
        return ALIGNMENTS
    return tuple(a for a in ALIGNMENTS if a in agreed)


def _cuts(columns: Sequence[Column], g: int) -> list[tuple[int, ...]]:
    """The boundaries gap ``g`` allows, each as how many lines of each column lie above it."""
    count = len(columns[0].anchors) if columns else 0
    if g == 0:
        return [tuple(0 for _ in columns)]  # lines above the first label: the first row's
    if g == count:
        return [tuple(len(c.gaps[g]) for c in columns)]  # below the last: the last row's
    places: set[_Place] = {(1 << 30, 0.0)}
    for column in columns:
        for i in column.gaps[g]:
            places.add((column.items[i].page, column.items[i].top))
    found: set[tuple[int, ...]] = set()
    for place in sorted(places):
        cut = (place[0], place[1] - 1e-6)
        split = [column.above(g, cut) for column in columns]
        if any(s is None for s in split):
            continue
        if any(column.walled(g, cut) for column in columns):
            continue
        found.add(tuple(s for s in split if s is not None))
    return sorted(found)


def assign(
    columns: Sequence[Column], alignments: Sequence[str] = ALIGNMENTS
) -> list[list[tuple[int, ...] | None]]:
    """For each column, for each anchor: the indexes of its cell's lines, or None if open.

    An anchor whose cell holds no line in a column gets an empty tuple there (a blank cell).
    All columns must be set against the same anchors.
    """
    if not columns:
        return []
    count = len(columns[0].anchors)
    result: list[list[tuple[int, ...] | None]] = [[None] * count for _ in columns]
    cuts = [_cuts(columns, g) for g in range(count + 1)]
    start = 0
    while start < count:
        end = start
        while end + 1 < count and any(c.gaps[end + 1] for c in columns):
            end += 1
        _segment(columns, cuts, start, end, alignments=alignments, result=result)
        start = end + 1
    for k, column in enumerate(columns):
        for r in column.crossing:
            result[k][r] = None
    return result


def _segment(
    columns: Sequence[Column],
    cuts: list[list[tuple[int, ...]]],
    start: int,
    end: int,
    *,
    alignments: Sequence[str],
    result: list[list[tuple[int, ...] | None]],
) -> None:
    """Rows ``start``..``end``, joined by gaps holding lines: the cells every reading agrees on."""
    if start == end and not any(c.gaps[start] or c.gaps[end + 1] for c in columns):
        for k, column in enumerate(columns):
            result[k][start] = tuple(column.own[start])  # nothing between it and its neighbours
        return
    count = end - start + 2
    ruled = [[column.ruled(g) for g in range(start, end + 2)] for column in columns]
    options: list[list[set[tuple[int, ...]]]] = [[set() for _ in columns] for _ in range(count - 1)]
    for alignment_ in alignments:

        def valid(r: int, a: tuple[int, ...], b: tuple[int, ...], how: str = alignment_) -> bool:
            for k, column in enumerate(columns):
                if ruled[k][r - start] and ruled[k][r - start + 1]:
                    continue  # rules above and below: the cell is what lies between them
                cell = column.block(r, a[k], b[k])
                if cell and not lines_up(
                    column.anchors[r], [column.items[i] for i in cell], (how,)
                ):
                    return False
            return True

        forward: list[set[tuple[int, ...]]] = [set() for _ in range(count)]
        forward[0] = set(cuts[start])
        for k in range(count - 1):
            r = start + k
            forward[k + 1] = {b for b in cuts[r + 1] if any(valid(r, a, b) for a in forward[k])}
        backward: list[set[tuple[int, ...]]] = [set() for _ in range(count)]
        backward[-1] = set(cuts[end + 1])
        for k in range(count - 2, -1, -1):
            r = start + k
            backward[k] = {a for a in cuts[r] if any(valid(r, a, b) for b in backward[k + 1])}
        for k in range(count - 1):
            r = start + k
            for a in forward[k] & backward[k]:
                for b in forward[k + 1] & backward[k + 1]:
                    if valid(r, a, b):
                        for c, column in enumerate(columns):
                            options[k][c].add(column.block(r, a[c], b[c]))
    for k in range(count - 1):
        for c in range(len(columns)):
            found = options[k][c]
            result[c][start + k] = next(iter(found)) if len(found) == 1 else None
