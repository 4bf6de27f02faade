"""Which row each line of a column belongs to, in a table drawn without ruling lines.

The rows of such a table are known by their labels (:class:`Anchor`: where a row label is
printed). The lines of one column (:class:`Item`) are given to rows by these rules:

* A line that overlaps a row label vertically is that row's: a printed line lies in one
  row, and so does the label.
* A line between two row labels is the upper row's or the lower one's. Of the lines in the
  gap between two labels, the first few belong to the upper row and the rest to the lower
  one; where the split lies is read from how cells sit in their rows: a cell is printed
  level with its row's label at the top (top-aligned cells), at the middle (centred) or at
  the bottom. A split is taken only when it is the only one that lines every cell of the
  gap's two rows up with its label, each at least one of those three ways.
* A horizontal rule between two lines of a gap (a table ruled across but not down) is a row
  boundary: it fixes the split.
* A split that would put lines of two pages in one cell is no split: a cell is read on one
  page.

Why a cell that lines up is the right one: a row's label lies inside the row, and its
middle at least half a line from the row's edges; so does the middle of any lines of one
cell. Two such middles in different rows are at least half a line of each apart, more than
the :data:`_LEVEL` tolerance; the same holds for tops and for bottoms. A line or a split that
cannot be decided leaves the cell *open*: the caller leaves it blank, with a finding.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from attrs import frozen

__all__ = ["ALIGNMENTS", "Anchor", "Column", "Item", "Wall", "alignment", "assign", "lines_up", "overlaps"]

_LEVEL: Final = 0.3
"""Edges or middles within this share of a line's height are level with each other."""
_OVERLAP: Final = 0.2
"""A line overlaps a label when they share this share of a line's height, vertically."""
_CELL_GAP: Final = 1.0
"""Lines of one cell are at most this share of a line's height apart."""
ALIGNMENTS: Final = ("top", "middle", "bottom")
"""How a cell may sit in its row, level with the row label."""


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
    """True when lines of one cell (on one page) line up with the anchor in one of ``alignments``."""
    if any(i.page != anchor.page for i in items):
        return False
    ordered = sorted(items, key=lambda i: i.top)
    for above, below in itertools.pairwise(ordered):
        if below.top - above.bottom > _CELL_GAP * min(above.line, below.line):
            return False  # lines this far apart are not one cell's
    top = min(i.top for i in items)
    bottom = max(i.bottom for i in items)
    tolerance = _LEVEL * min(anchor.line, *(i.line for i in items))
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


def _before(page: int, y: float, other_page: int, other_y: float) -> bool:
    return (page, y) < (other_page, other_y)


class Column:
    """One column's lines against the row labels: which lines are certainly whose, which are not."""

    def __init__(
        self, anchors: Sequence[Anchor], items: Sequence[Item], walls: Sequence[Wall] = ()
    ) -> None:
        self.anchors = anchors
        self.items = items
        count = len(anchors)
        self.crossing: set[int] = set()
        """Rows with a line across their label and another's: none of their cells is read."""
        self.own: list[list[int]] = [[] for _ in anchors]
        self.gaps: list[list[int]] = [[] for _ in range(count + 1)]
        for index, item in enumerate(items):
            hits = [r for r, anchor in enumerate(anchors) if overlaps(anchor, item)]
            if len(hits) == 1:
                self.own[hits[0]].append(index)
            elif hits:
                self.crossing.update(hits)
            else:
                gap = sum(1 for a in anchors if _before(a.page, a.top, item.page, item.top))
                self.gaps[gap].append(index)
        self.splits = [_splits(g, self.gaps[g], anchors, items, walls) for g in range(count + 1)]
        self.splits[0] &= {0}  # lines above the first label are the first row's
        self.splits[count] &= {len(self.gaps[count])}  # lines below the last, the last row's

    def settled(self) -> list[int]:
        """Rows whose cell holds lines level with their label only, none in the gaps beside."""
        return [
            r
            for r in range(len(self.anchors))
            if self.own[r] and not self.gaps[r] and not self.gaps[r + 1] and r not in self.crossing
        ]

    def evidence(self) -> list[frozenset[str]]:
        """For each settled cell, the alignments it lines up with its label in."""
        out = []
        for r in self.settled():
            cell = [self.items[i] for i in self.own[r]]
            out.append(frozenset(a for a in ALIGNMENTS if lines_up(self.anchors[r], cell, (a,))))
        return out

    def assign(self, alignments: Sequence[str] = ALIGNMENTS) -> list[tuple[int, ...] | None]:
        """For each anchor, the indexes of its cell's lines, or None if the cell is open.

        An anchor whose cell holds no line gets an empty tuple (a blank cell).
        """
        count = len(self.anchors)
        result: list[tuple[int, ...] | None] = [None] * count
        start = 0
        while start < count:
            end = start
            while end + 1 < count and self.gaps[end + 1]:
                end += 1
            _segment(
                start, end, self.anchors, self.items, self.own, self.gaps, self.splits, result,
                alignments,
            )
            start = end + 1
        for r in self.crossing:
            result[r] = None
        return result


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


def assign(
    anchors: Sequence[Anchor], items: Sequence[Item], walls: Sequence[Wall] = ()
) -> list[tuple[int, ...] | None]:
    """For each anchor (top to bottom), the indexes of the items of its cell, or None if open.

    ``items`` are one column's lines, top to bottom, all inside the table: each belongs to
    some row. An anchor whose cell holds no line gets an empty tuple (a blank cell).
    """
    return Column(anchors, items, walls).assign()


def _splits(
    g: int, gap: list[int], anchors: Sequence[Anchor], items: Sequence[Item], walls: Sequence[Wall]
) -> set[int]:
    """The splits a gap allows: every one, unless a rule in the gap fixes it."""
    allowed = set(range(len(gap) + 1))
    above = anchors[g - 1] if g > 0 else None
    below = anchors[g] if g < len(anchors) else None
    for wall in walls:
        if above is not None and not _before(above.page, above.bottom, wall.page, wall.at):
            continue
        if below is not None and not _before(wall.page, wall.at, below.page, below.top):
            continue
        if above is None and below is None:
            continue
        fixed = sum(1 for i in gap if _before(items[i].page, items[i].top, wall.page, wall.at))
        if not all(
            _before(items[i].page, items[i].bottom, wall.page, wall.at + 0.5) for i in gap[:fixed]
        ) or not all(
            _before(wall.page, wall.at - 0.5, items[i].page, items[i].top) for i in gap[fixed:]
        ):
            return set()  # a line across the rule
        allowed &= {fixed}
    return allowed


def _segment(
    start: int,
    end: int,
    anchors: Sequence[Anchor],
    items: Sequence[Item],
    own: list[list[int]],
    gaps: list[list[int]],
    splits: list[set[int]],
    result: list[tuple[int, ...] | None],
    alignments: Sequence[str],
) -> None:
    """Rows ``start``..``end``, joined by gaps holding lines: the cells every reading agrees on.

    A reading puts every line of the gaps in a row so that each cell lines up with its row
    label, all in one alignment (top, middle or bottom: a table sets its cells one way).
    The readings of the three alignments are pooled: a cell is read only when all of them
    give it the same lines.
    """

    def block(r: int, a: int, b: int) -> tuple[int, ...]:
        return tuple(sorted([*gaps[r][a:], *own[r], *gaps[r + 1][:b]]))

    if start == end and not gaps[start] and not gaps[end + 1]:
        result[start] = tuple(own[start])  # nothing between it and its neighbours' labels
        return
    count = end - start + 2
    cells: list[set[tuple[int, ...]]] = [set() for _ in range(count - 1)]
    for alignment in alignments:

        def valid(r: int, a: int, b: int, alignment: str = alignment) -> bool:
            cell = block(r, a, b)
            return not cell or lines_up(anchors[r], [items[i] for i in cell], (alignment,))

        forward: list[set[int]] = [set() for _ in range(count)]
        forward[0] = set(splits[start])
        for k in range(count - 1):
            r = start + k
            forward[k + 1] = {
                b for b in splits[r + 1] if any(valid(r, a, b) for a in forward[k])
            }
        backward: list[set[int]] = [set() for _ in range(count)]
        backward[-1] = set(splits[end + 1])
        for k in range(count - 2, -1, -1):
            r = start + k
            backward[k] = {
                a for a in splits[r] if any(valid(r, a, b) for b in backward[k + 1])
            }
        for k in range(count - 1):
            r = start + k
            cells[k].update(
                block(r, a, b)
                for a in forward[k] & backward[k]
                for b in forward[k + 1] & backward[k + 1]
                if valid(r, a, b)
            )
    for k in range(count - 1):
        result[start + k] = next(iter(cells[k])) if len(cells[k]) == 1 else None
