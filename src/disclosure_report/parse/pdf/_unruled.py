"""Tables drawn without ruling lines, or with only some, read from the positions of their text.

A table is found by its header (:mod:`._header`): column labels of one official table side
by side. From there it is read down the page and over page breaks while its lines are rows:
a row label of the table, or text that keeps to the label column and the value columns. It
ends at a line that does not (a paragraph across the page, a header of another table, a
ruled table), and after its last row label at a larger type or a wide gap.

* **Columns** come from the header. A value is in a column when it overlaps the column's
  *interior* (where its text is printed for certain: its label, then every value proved in
  it) and keeps clear of the neighbours' interiors: cells do not cross their column's
  borders, which lie between the interiors, so this proves the column. Text left of the
  first column label but right of every row label is a value set to the left of its cell.
* **Rows** come from the row labels in the label column. A group label such as
  ``（三）不予公开``, printed at the middle of its rows, heads no row of its own; nor does
  text left of the row labels beside it (a group label cut by a page break). Label text
  that makes no label is a row of its own (the table stage keeps it as an extra row), or
  part of the row label it is printed against. Which row each value's lines belong to is
  settled by :mod:`._rows`.
* Whatever the positions do not prove is left out: a value across two columns or between
  them, lines that could be in either of two rows, a row whose label stands level with
  another's. The cells it could belong to are blank, each with finding ``P1.34``; a wrong
  number is worse than a blank.

The result is the grid the ruled reader produces (header rows first, a label cell and one
cell per column in every row, group headers spanning their columns), so the shared table
stage reads it; finding ``P1.33`` says the grid came from text positions. Horizontal rules
(a table ruled across but not down) are row boundaries; a frame is neither help nor
hindrance.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from attrs import define, field

from disclosure_report.diagnostics import Location
from disclosure_report.model import Source

from ._chunks import Chunk, PageText, Stack, TextPage, chunks_text
from ._grid import Grid, GridCell, GridRow
from ._header import (
    Header,
    Leaf,
    caption_above,
    group_span,
    headers_of,
    overlap,
    read_header,
)
from ._roles import locate_cell, roles
from ._rows import Anchor, Column, Item, Wall, alignment, assign, lines_up, overlaps
from ._text import Line, join_text

__all__ = ["Finding", "Unruled", "unruled_tables"]

FROM_POSITIONS: Final = "P1.33"
UNPROVED_CELL: Final = "P1.34"

_MARGIN: Final = 1.0
"""Points a value must overlap its column's label by, and keep clear of the neighbours' by."""
_TAIL_GAP: Final = 1.0
"""After the last row label, a gap of more than this many font sizes ends the table."""
_LARGER: Final = 1.15
"""Text this much larger than the table's own is not in the table (a paragraph after it)."""
_SAME_LINE: Final = 0.5
"""Chunks of one column overlapping by this share of their height are on one line."""
_JOIN_LABEL: Final = 0.6
"""Label texts at most this many font sizes apart vertically, aligned, are one label."""


@define
class Finding:
    """A finding of the reader: its code, message and location."""

    code: str
    message: str
    location: Location


@define
class Unruled:
    """What was found: grids to place on each page, lines used, findings."""

    grids: list[list[Grid]]
    used: list[set[int]]
    findings: list[Finding]


@define
class _Block:
    """A header (or a caption and a header) and the rows under it."""

    header: Header | None
    caption: Stack | None = None
    chunks: list[Chunk] = field(factory=list)
    """What is printed under the header, up to the next header or the table's end."""


@define
class _Placed:
    """The values under one header, column by column, against its rows."""

    rows: list[_Row]
    leaves: list[Leaf]
    anchors: list[Anchor]
    stray: list[Chunk]
    """Value chunks in no one column: every cell they may be in is left open."""
    interiors: list[tuple[float, float]]
    """Where each column's text is printed for certain (:meth:`_Table._columns`)."""
    columns: list[Column] = field(factory=list)
    lines: list[list[list[Chunk]]] = field(factory=list)
    """Each column's printed lines (chunks level with each other), top to bottom."""


@define
class _Row:
    """A row label: known (its declared row) or not."""

    page: int
    top: float
    bottom: float
    line: float
    text: str
    key: str | None
    x0: float
    x1: float
    stack: Stack | None
    open: bool = False
    """Its place cannot be told apart from another label's: none of its cells is read."""


class _Table:
    """One table being read, from its first header down the pages."""

    def __init__(
        self, key: str, texts: list[PageText], clusters: dict[int, tuple[str, list[Stack]]]
    ) -> None:
        self.key = key
        self.roles = roles()[key]
        self.texts = texts
        self.clusters = clusters
        self.blocks: list[_Block] = []
        self.used: dict[int, set[int]] = {}
        self.label_right = float("-inf")
        self.left = float("inf")
        self.right = float("-inf")
        self.pitch = 0.0
        self.size = 0.0
        self.sizes: list[float] = []
        self.by_number = {t.page.number: t for t in texts}

    def start(self, text: PageText, group: list[Stack], caption: Stack | None = None) -> Header:
        header = read_header(text, group, self.roles)
        caption = caption or caption_above(text, header, self.roles)
        if caption is not None:
            header.zone.update(id(c) for c in caption.chunks)
        self.blocks.append(_Block(header, caption))
        zone = [c for line in text.chunks for c in line if id(c) in header.zone]
        self.used.setdefault(text.index, set()).update(c.line for c in zone)
        leaves = header.leaves
        self.left = min(self.left, leaves[0].x0)
        self.right = max(self.right, leaves[-1].x1)
        self.sizes.extend(s.size for s in group)
        self.size = statistics.median(self.sizes)
        centres = [(leaf.x0 + leaf.x1) / 2 for leaf in leaves]
        if len(centres) > 1:
            self.pitch = max(self.pitch, (centres[-1] - centres[0]) / (len(centres) - 1))
        elif not self.pitch:
            self.pitch = leaves[0].x1 - leaves[0].x0
        for note in header.notes:
            self.label_right = max(self.label_right, note.x1)
        return header

    # --- reading down ------------------------------------------------------------------------

    def _lines(self, text: PageText, after: float) -> Iterator[tuple[PageText, int]]:
        """Lines below ``after`` on this page, then every line of the pages after it."""
        for i, line in enumerate(text.page.lines):
            if line.middle > after:
                yield text, i
        for later in self.texts[text.index + 1 :]:
            for i in range(len(later.page.lines)):
                yield later, i

    def _area(self, chunk: Chunk) -> str:
        """Where a chunk stands: ``label``, ``value`` or ``across`` the two."""
        if chunk.x1 <= self.left + 0.5:
            return "label"
        if chunk.x0 >= self.left - 0.5 or chunk.x0 > self.label_right + 0.5:
            if chunk.x1 > self.right + self.pitch:
                return "across"
            return "value"
        return "across"

    def _kind(self, text: PageText, chunks: list[Chunk]) -> str:
        table = self.roles
        for chunk in chunks:
            found = self.clusters.get(id(chunk))
            if found is not None:
                return "header" if found[0] == self.key else "end"
        for chunk in chunks:
            stack = text.stack_of.get(id(chunk))
            if stack is None:
                continue
            if (
                stack.norm in table.captions
                and stack.norm not in table.rows
                and stack.x1 > self.left
                and len(chunks) == 1
            ):
                return "caption"
            if (stack.norm in table.rows or stack.norm in table.groups) and all(
                self._area(c) == "label" for c in stack.chunks
            ):
                return "row"
        areas = {self._area(c) for c in chunks}
        if "across" in areas or (not table.labelled and "label" in areas):
            return "end"
        return "body"

    def read(self, text: PageText, group: list[Stack]) -> None:
        """Read the table from its first header down."""
        header = self.start(text, group)
        pending: list[tuple[PageText, int]] = []
        last: tuple[PageText, int] | None = None
        skip = header.zone
        after = header.bottom - 0.5
        lines = self._lines(text, header.top - 0.5)
        for page_text, i in lines:
            chunks = [c for c in page_text.chunks[i] if id(c) not in skip]
            line = page_text.page.lines[i]
            if not chunks:
                if page_text.chunks[i]:
                    self.used.setdefault(page_text.index, set()).add(i)
                continue
            if page_text is text and line.middle < after:
                continue
            if self._blocked(page_text, last, line):
                break
            kind = self._kind(page_text, chunks)
            if kind == "end":
                break
            if kind == "header":
                block = self.blocks[-1]
                cluster = next(self.clusters[id(c)] for c in chunks if id(c) in self.clusters)
                caption = self._pending_caption()
                new = self.start(page_text, cluster[1], caption)
                skip = skip | new.zone
                self._commit(pending, block)
                pending = []
                self.used.setdefault(page_text.index, set()).add(i)
                last = (page_text, i)
                continue
            if kind == "caption":
                self._commit(pending)
                pending = []
                stack = next(
                    page_text.stack_of[id(c)] for c in chunks if id(c) in page_text.stack_of
                )
                self.blocks.append(_Block(None, stack))
                skip = skip | {id(c) for c in stack.chunks}
                self.used.setdefault(page_text.index, set()).add(i)
                last = (page_text, i)
                continue
            pending.append((page_text, i))
            if kind == "row":
                self._commit(pending)
                pending = []
                last = (page_text, i)
        self._tail(pending, last)

    def _pending_caption(self) -> Stack | None:
        block = self.blocks[-1]
        if block.header is None and block.caption is not None:
            self.blocks.pop()
            return block.caption
        return None

    def _blocked(self, text: PageText, last: tuple[PageText, int] | None, line: Line) -> bool:
        """True when a ruled table stands between the last line read and ``line``."""
        above = float("-inf")
        if last is not None and last[0] is text:
            above = last[0].page.lines[last[1]].bottom
        return any(above < top < line.top for top, _ in text.page.ruled)

    def _commit(self, lines: Sequence[tuple[PageText, int]], block: _Block | None = None) -> None:
        block = block or self.blocks[-1]
        for text, i in lines:
            self.used.setdefault(text.index, set()).add(i)
            block.chunks.extend(c for c in text.chunks[i] if not self._in_zone(c))

    def _in_zone(self, chunk: Chunk) -> bool:
        return any(b.header is not None and id(chunk) in b.header.zone for b in self.blocks) or any(
            b.caption is not None and chunk in b.caption.chunks for b in self.blocks
        )

    def _tail(self, pending: list[tuple[PageText, int]], last: tuple[PageText, int] | None) -> None:
        """Lines after the last row label that are still the last row's: values, close below."""
        kept: list[tuple[PageText, int]] = []
        previous = last
        for text, i in pending:
            line = text.page.lines[i]
            chunks = text.chunks[i]
            if any(self._area(c) != "value" for c in chunks):
                break
            if any(c.size > _LARGER * self.size for c in chunks):
                break
            if previous is not None and previous[0] is text:
                gap = line.top - previous[0].page.lines[previous[1]].bottom
                if gap > _TAIL_GAP * self.size:
                    break
            if previous is not None and self._rule_between(text, previous, line):
                break
            if any(len(self._leaves_overlapped(c)) > 1 for c in chunks):
                break
            kept.append((text, i))
            previous = (text, i)
        self._commit(kept)

    def _rule_between(self, text: PageText, previous: tuple[PageText, int], line: Line) -> bool:
        if previous[0] is not text:
            return False
        above = previous[0].page.lines[previous[1]].bottom
        width = self.right - self.left
        return any(
            above - 0.5 <= rule.at <= line.top + 0.5
            and overlap(rule.start, rule.end, self.left, self.right) >= 0.5 * width
            for rule in text.page.rules
        )

    def _leaves_overlapped(self, chunk: Chunk) -> list[Leaf]:
        header = next(b.header for b in reversed(self.blocks) if b.header is not None)
        return [leaf for leaf in header.leaves if overlap(chunk.x0, chunk.x1, leaf.x0, leaf.x1) > 0]

    # --- rows and cells ----------------------------------------------------------------------

    def _stack(self, chunk: Chunk) -> Stack | None:
        return self.by_number[chunk.page].stack_of.get(id(chunk))

    def _row(self, stack: Stack) -> _Row:
        keys = self.roles.rows.get(stack.norm, frozenset())
        return _Row(
            stack.page,
            stack.top,
            stack.bottom,
            min(c.bottom - c.top for c in stack.chunks),
            stack.text,
            next(iter(keys)) if len(keys) == 1 else None,
            stack.x0,
            stack.x1,
            stack,
        )

    def _known(self, chunk: Chunk) -> Stack | None:
        """The row or group label of this table a chunk is printed in, if any."""
        stack = self._stack(chunk)
        table = self.roles
        if stack is None or (stack.norm not in table.rows and stack.norm not in table.groups):
            return None
        if not table.numbered_as(stack.text):
            return None  # （六）其他: a piece of （六）其他处理, not the row 3.其他
        return stack

    def _is_label(self, chunk: Chunk) -> bool:
        """True for a chunk in the label column: left of the values, not right of every label.

        Text left of the first column label but right of every row label is a value set to
        the left of its cell.
        """
        if self._area(chunk) != "label":
            return False
        return self._known(chunk) is not None or chunk.x0 <= self.label_right + 0.5 * chunk.size

    def _label_edge(self) -> None:
        """The right edge of the label column: of the row and group labels, and header notes."""
        for block in self.blocks:
            for chunk in block.chunks:
                stack = self._known(chunk)
                if stack is not None and self._area(chunk) == "label":
                    self.label_right = max(self.label_right, stack.x1)

    def rows(self, block: _Block) -> list[_Row]:
        """The rows under a header: its row labels, known or not, top to bottom."""
        table = self.roles
        rows: list[_Row] = []
        duals: list[Stack] = []
        loose: list[Chunk] = []
        seen: set[int] = set()
        for chunk in block.chunks:
            if not self._is_label(chunk):
                continue
            stack = self._known(chunk)
            if stack is None:
                loose.append(chunk)
                continue
            if id(stack) in seen:
                continue
            seen.add(id(stack))
            if stack.norm in table.rows and stack.norm in table.groups:
                duals.append(stack)
            elif stack.norm in table.rows:
                rows.append(self._row(stack))
        keys = {r.key for r in rows}
        for stack in duals:
            # （六）其他处理: the group of the rows under it if any of them is printed, else a row.
            if not table.under.get(table.groups[stack.norm], frozenset()) & keys:
                rows.append(self._row(stack))
        for chunks in _loose_labels(loose):
            self._unknown(rows, chunks)
        rows.sort(key=lambda r: (r.page, r.top))
        beside: list[_Row] = []
        for a, b in itertools.pairwise(rows):
            if a.page != b.page or overlap(a.top, a.bottom, b.top, b.bottom) <= 0.2 * min(
                a.line, b.line
            ):
                continue
            # Two labels level with each other: the one left of the other is a group's (a
            # row's label is the last label of its row); else neither row can be told.
            if a.x1 < b.x0 - 1.0:
                beside.append(a)
            elif b.x1 < a.x0 - 1.0:
                beside.append(b)
            else:
                a.open = b.open = True
        return [r for r in rows if not any(r is x for x in beside)]

    def _unknown(self, rows: list[_Row], chunks: list[Chunk]) -> None:
        """Label text that makes no label: part of a row label, a group's, or a row's of its own."""
        text = ""
        for chunk in chunks:
            text = join_text(text, chunk.text)
        page = chunks[0].page
        top, bottom = chunks[0].top, chunks[-1].bottom
        x0, x1 = min(c.x0 for c in chunks), max(c.x1 for c in chunks)
        size = max(c.size for c in chunks)
        for row in rows:
            if row.page != page or row.stack is None:
                continue
            first = row.stack.chunks[0]
            aligned = (
                abs(first.centre - chunks[0].centre) <= 0.25 * size
                or abs(first.x0 - chunks[0].x0) <= 0.25 * size
            )
            if aligned and -0.3 * size <= top - row.bottom <= _JOIN_LABEL * size:
                row.text, row.bottom, row.key = join_text(row.text, text), bottom, None
                return
            if aligned and -0.3 * size <= row.top - bottom <= _JOIN_LABEL * size:
                row.text, row.top, row.key = join_text(text, row.text), top, None
                return
        above = [r for r in rows if r.page == page and r.bottom <= top]
        below = [r for r in rows if r.page == page and r.top >= bottom]
        nearest = [
            *([max(above, key=lambda r: r.bottom)] if above else []),
            *([min(below, key=lambda r: r.top)] if below else []),
        ]
        if nearest and x1 < min(r.x0 for r in nearest) - 1.0:
            return  # left of the row labels beside it: a group label (cut by a page break?)
        line = min(c.bottom - c.top for c in chunks)
        rows.append(_Row(page, top, bottom, line, text, None, x0, x1, None))

    @staticmethod
    def _columns(
        leaves: Sequence[Leaf], chunks: Sequence[Chunk]
    ) -> tuple[dict[int, int], list[tuple[float, float]]]:
        """The one column each value chunk is in, where the positions prove it (by chunk id).

        A column's *interior* is where its text is printed for certain: its label's extent at
        first, then every value proved to be in it. A chunk is in a column when it overlaps
        that column's interior and keeps clear of the neighbours': cells do not cross their
        column's borders, which lie between the interiors. A value set to the left of a wide
        cell, beside its centred label, is proved by the values of the column that overlap the
        label and start where it starts.
        """
        interiors = [[leaf.x0, leaf.x1] for leaf in leaves]
        found: dict[int, int] = {}
        changed = True
        while changed:
            changed = False
            for chunk in chunks:
                if id(chunk) in found:
                    continue
                least = min(_MARGIN, chunk.x1 - chunk.x0)
                hits = [
                    i
                    for i, (x0, x1) in enumerate(interiors)
                    if overlap(chunk.x0, chunk.x1, x0, x1) >= least
                ]
                if len(hits) != 1:
                    continue
                i = hits[0]
                if i > 0 and chunk.x0 < interiors[i - 1][1] + _MARGIN:
                    continue
                if i + 1 < len(interiors) and chunk.x1 > interiors[i + 1][0] - _MARGIN:
                    continue
                found[id(chunk)] = i
                if " " not in chunk.text:  # (two cells' texts run together never widen it)
                    interiors[i] = [min(interiors[i][0], chunk.x0), max(interiors[i][1], chunk.x1)]
                changed = True
        return found, [(x0, x1) for x0, x1 in interiors]

    def place(self, rows: list[_Row], leaves: list[Leaf], chunks: Sequence[Chunk]) -> _Placed:
        """The value chunks under a header, by column, set against the rows' labels."""
        columns: list[list[Chunk]] = [[] for _ in leaves]
        stray: list[Chunk] = []
        values = [c for c in chunks if not self._is_label(c)]
        # (Text from the label column across into the values is in no one cell: stray.)
        found, interiors = self._columns(leaves, [c for c in values if self._area(c) != "across"])
        for chunk in values:
            i = found.get(id(chunk))
            if i is None:
                stray.append(chunk)
            else:
                columns[i].append(chunk)
        anchors = [Anchor(r.page, r.top, r.bottom, r.line) for r in rows]
        placed = _Placed(rows, leaves, anchors, stray, interiors)
        for leaf, column in zip(leaves, columns, strict=True):
            lines = _lines_of_column(column)
            items = [
                Item(ls[0].page, min(c.top for c in ls), max(c.bottom for c in ls)) for ls in lines
            ]
            walls = [
                Wall(page.number, rule.at)
                for page in self.pages()
                for rule in page.rules
                if overlap(rule.start, rule.end, leaf.x0, leaf.x1) >= 0.5 * (leaf.x1 - leaf.x0)
            ]
            placed.lines.append(lines)
            placed.columns.append(Column(anchors, items, walls))
        return placed

    @staticmethod
    def cells(
        placed: _Placed, alignments: Sequence[str]
    ) -> tuple[list[list[list[Chunk] | None]], list[list[str]]]:
        """Each row's chunks in each column (None: not proved), and why each open cell is open."""
        rows, leaves = placed.rows, placed.leaves
        out: list[list[list[Chunk] | None]] = [[None] * len(leaves) for _ in rows]
        why: list[list[str]] = [[""] * len(leaves) for _ in rows]
        for i, assigned in enumerate(assign(placed.columns, alignments)):
            for r, found in enumerate(assigned):
                if rows[r].open:
                    why[r][i] = "its row label stands level with another"
                elif found is None:
                    why[r][i] = "its lines could be this row's or the next one's"
                else:
                    out[r][i] = [c for k in found for c in placed.lines[i][k]]
        for chunk in placed.stray:
            for r in _rows_near(placed.anchors, chunk):
                for i in _columns_near(placed.interiors, chunk):
                    out[r][i] = None
                    why[r][i] = f"{chunk.text!r} is printed across two columns or between them"
        return out, why

    def pages(self) -> Iterator[TextPage]:
        """The pages the table is printed on."""
        for index in sorted(self.used):
            yield self.texts[index].page

    def single_row(
        self, leaves: list[Leaf], chunks: Sequence[Chunk]
    ) -> tuple[_Row | None, list[list[Chunk] | None], list[str]]:
        """The one row of a table without row labels: everything under its header."""
        columns: list[list[Chunk]] = [[] for _ in leaves]
        stray: list[Chunk] = []
        found, interiors = self._columns(leaves, chunks)
        for chunk in chunks:
            i = found.get(id(chunk))
            (stray if i is None else columns[i]).append(chunk)
        every = [c for column in columns for c in column] + stray
        if not every:
            return None, [], []
        page = every[0].page
        top = min(c.top for c in every)
        bottom = max(c.bottom for c in every)
        line = min(c.bottom - c.top for c in every)
        row = _Row(page, top, bottom, line, "", self.roles.unlabelled, 0.0, 0.0, None)
        anchor = Anchor(page, top, bottom, line)
        out: list[list[Chunk] | None] = []
        why: list[str] = []
        for column in columns:
            lines = _lines_of_column(column)
            items = [
                Item(ls[0].page, min(c.top for c in ls), max(c.bottom for c in ls)) for ls in lines
            ]
            if not items or lines_up(anchor, items):
                out.append(column)
                why.append("")
            else:
                out.append(None)
                why.append("its lines do not line up with the rest of the row")
        for chunk in stray:
            for i in _columns_near(interiors, chunk):
                out[i] = None
                why[i] = f"{chunk.text!r} is printed across two columns or between them"
        return row, out, why

    # --- the grid ----------------------------------------------------------------------------

    def build(self) -> tuple[Grid, list[Finding]] | None:
        """The table as a grid (a header alone is a table too), and the findings."""
        laid: list[
            tuple[_Block, Header, list[_Row], list[list[list[Chunk] | None]], list[list[str]]]
        ] = []
        self._label_edge()
        header: Header | None = None
        placed: list[tuple[_Block, Header, _Placed]] = []
        for block in self.blocks:
            header = block.header or header
            if header is not None and self.roles.labelled:
                placed.append(
                    (block, header, self.place(self.rows(block), header.leaves, block.chunks))
                )
        # A table sets all its cells one way: the evidence of every block counts.
        alignments = alignment([c for _, _, p in placed for c in p.columns])
        for block, header, found in placed:
            cells, why = self.cells(found, alignments)
            laid.append((block, header, found.rows, cells, why))
        header = None
        for block in self.blocks if not self.roles.labelled else ():
            header = block.header or header
            if header is None:
                continue
            row, values, reasons = self.single_row(header.leaves, block.chunks)
            rows = [row] if row is not None else []
            cells, why = ([values], [reasons]) if row is not None else ([], [])
            laid.append((block, header, rows, cells, why))
        if not laid:
            return None
        left, split, right = self._edges(laid)
        grid_rows: list[GridRow] = []
        grid_cells: list[GridCell] = []
        findings: list[Finding] = []
        unproved = 0

        def add_row(page: int, top: float, bottom: float) -> int:
            grid_rows.append(GridRow(page, top, bottom))
            return len(grid_rows) - 1

        for block, header, rows, cells, why in laid:
            seps = [
                split,
                *((a.x1 + b.x0) / 2 for a, b in itertools.pairwise(header.leaves)),
                right,
            ]
            if block.caption is not None:
                c = block.caption
                r = add_row(c.page, c.top, c.bottom)
                grid_cells.append(GridCell(left, right, r, 1, c.text, _fonts(c.chunks)))
            if block.header is not None:
                self._header_rows(header, seps, left, add_row, grid_cells)
            for row, values, reasons in zip(rows, cells, why, strict=True):
                r = add_row(row.page, row.top, row.bottom)
                if self.roles.labelled:
                    chunks = row.stack.chunks if row.stack is not None else []
                    grid_cells.append(GridCell(left, split, r, 1, row.text, _fonts(chunks)))
                for i, (leaf, value, reason) in enumerate(
                    zip(header.leaves, values, reasons, strict=True)
                ):
                    grid_cells.append(
                        GridCell(
                            seps[i],
                            seps[i + 1],
                            r,
                            1,
                            chunks_text(value or ()),
                            _fonts(value or ()),
                        )
                    )
                    if value is None:
                        unproved += 1
                        findings.append(self._unproved(row, leaf, reason))
        pages = sorted({r.page for r in grid_rows})
        shown = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}-{pages[-1]}"
        data = sum(len(rows) for _, _, rows, _, _ in laid)
        findings.insert(
            0,
            Finding(
                FROM_POSITIONS,
                f"a table without ruling lines ({shown}) was read from the positions of its text: "
                f"{data} row(s); {unproved} cell(s) left blank where the positions prove no place "
                f"({UNPROVED_CELL})",
                locate_cell(self.key, None, None, Source(page=pages[0])),
            ),
        )
        edges = sorted(
            {
                left,
                split,
                right,
                *(s for _, h, _, _, _ in laid for s in self._seps(h, split, right)),
            }
        )
        grid = Grid(grid_rows, grid_cells, left, right, ruled=False, edges=edges)
        return grid, findings

    def _seps(self, header: Header, split: float, right: float) -> list[float]:
        leaves = header.leaves
        return [
            split,
            *((a.x1 + b.x0) / 2 for a, b in itertools.pairwise(leaves)),
            right,
        ]

    def _edges(
        self, laid: Sequence[tuple[_Block, Header, list[_Row], object, object]]
    ) -> tuple[float, float, float]:
        """The table's left edge, the edge between label and value columns, the right edge."""
        right = max(h.leaves[-1].x1 for _, h, _, _, _ in laid) + 1.0
        first = min(h.leaves[0].x0 for _, h, _, _, _ in laid)
        lefts = [r.x0 for _, _, rows, _, _ in laid for r in rows if r.text]
        lefts += [n.x0 for _, h, _, _, _ in laid for n in h.notes]
        if not self.roles.labelled or not lefts:
            return first - 1.0, first - 1.0, right
        split = (min(self.label_right, first) + first) / 2
        return min(lefts) - 1.0, split, right

    def _header_rows(
        self,
        header: Header,
        seps: list[float],
        left: float,
        add_row: Callable[[int, float, float], int],
        out: list[GridCell],
    ) -> None:
        levels: list[list[Stack]] = []
        for stack in sorted(header.groups, key=lambda s: s.top):
            if levels and abs(levels[-1][0].top - stack.top) <= 0.5 * stack.size:
                levels[-1].append(stack)
            else:
                levels.append([stack])
        first: int | None = None
        for level in levels:
            r = add_row(header.page, min(s.top for s in level), max(s.bottom for s in level))
            first = r if first is None else first
            for stack in level:
                span = group_span(header.leaves, stack, self.roles)
                if span is not None:
                    out.append(
                        GridCell(
                            seps[span[0]], seps[span[1] + 1], r, 1, stack.text, _fonts(stack.chunks)
                        )
                    )
        leaves = header.leaves
        tops = [leaf.stack.top for leaf in leaves if leaf.stack is not None]
        r = add_row(header.page, min(tops, default=header.top), header.bottom)
        first = r if first is None else first
        for i, leaf in enumerate(leaves):
            chunks = leaf.stack.chunks if leaf.stack is not None else []
            out.append(GridCell(seps[i], seps[i + 1], r, 1, leaf.text, _fonts(chunks)))
        if header.notes and seps[0] > left:
            text = ""
            for note in sorted(header.notes, key=lambda n: n.top):
                text = join_text(text, note.text)
            chunks = [c for n in header.notes for c in n.chunks]
            out.append(GridCell(left, seps[0], first, r - first + 1, text, _fonts(chunks)))

    def _unproved(self, row: _Row, leaf: Leaf, why: str) -> Finding:
        where = f"row {row.text!r}" if row.text else "the row"
        return Finding(
            UNPROVED_CELL,
            f"on page {row.page}, the cell of {where} under {leaf.text!r} is left blank: "
            f"{why}, so the positions of the text prove no value for it",
            locate_cell(self.key, row.key, leaf.key, Source(page=row.page)),
        )


def _fonts(chunks: Sequence[Chunk]) -> frozenset[str]:
    return frozenset(f for c in chunks for f in c.fonts)


def _loose_labels(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """Label-column text that makes no label, stacked where lines are close and aligned."""
    stacks: list[list[Chunk]] = []
    for chunk in sorted(chunks, key=lambda c: (c.page, c.top, c.x0)):
        for stack in stacks:
            last = stack[-1]
            size = max(last.size, chunk.size)
            aligned = (
                abs(last.centre - chunk.centre) <= 0.25 * size
                or abs(last.x0 - chunk.x0) <= 0.25 * size
            )
            if (
                last.page == chunk.page
                and aligned
                and -0.3 * size <= chunk.top - last.bottom <= _JOIN_LABEL * size
            ):
                stack.append(chunk)
                break
        else:
            stacks.append([chunk])
    return stacks


def _lines_of_column(chunks: Sequence[Chunk]) -> list[list[Chunk]]:
    """A column's chunks as printed lines, top to bottom (chunks level with each other are one)."""
    lines: list[list[Chunk]] = []
    for chunk in sorted(chunks, key=lambda c: (c.page, c.top, c.x0)):
        if lines:
            last = lines[-1]
            bottom = max(c.bottom for c in last)
            top = min(c.top for c in last)
            if last[0].page == chunk.page and overlap(
                top, bottom, chunk.top, chunk.bottom
            ) > _SAME_LINE * min(chunk.size, last[0].size):
                last.append(chunk)
                continue
        lines.append([chunk])
    for line in lines:
        line.sort(key=lambda c: c.x0)
    return lines


def _columns_near(interiors: Sequence[tuple[float, float]], chunk: Chunk) -> list[int]:
    """The columns a stray chunk may be in: those whose borders may lie beyond it."""
    out = []
    for i in range(len(interiors)):
        low = interiors[i - 1][1] if i > 0 else float("-inf")
        high = interiors[i + 1][0] if i + 1 < len(interiors) else float("inf")
        if chunk.x1 > low and chunk.x0 < high:
            out.append(i)
    return out


def _rows_near(anchors: Sequence[Anchor], chunk: Chunk) -> list[int]:
    """The rows a stray chunk may be in: the row whose label it is level with, or the two around it."""
    item = Item(chunk.page, chunk.top, chunk.bottom)
    level = [r for r, a in enumerate(anchors) if overlaps(a, item)]
    if level:
        return level
    after = sum(1 for a in anchors if (a.page, a.top) < (chunk.page, chunk.top))
    return [r for r in (after - 1, after) if 0 <= r < len(anchors)]


def unruled_tables(pages: Sequence[TextPage]) -> Unruled:
    """The tables without ruling lines on the pages, as grids, and the lines they hold."""
    texts = [PageText(i, page) for i, page in enumerate(pages)]
    clusters: dict[int, tuple[str, list[Stack]]] = {}
    order: list[tuple[PageText, str, list[Stack]]] = []
    for text in texts:
        for key, group in headers_of(text):
            for stack in group:
                clusters.update((id(c), (key, group)) for c in stack.chunks)
            order.append((text, key, group))
    found = Unruled([[] for _ in pages], [set() for _ in pages], [])
    for text, key, group in order:
        if any(c.line in found.used[text.index] for s in group for c in s.chunks):
            continue
        table = _Table(key, texts, clusters)
        table.read(text, group)
        built = table.build()
        if built is None:
            continue
        grid, findings = built
        found.grids[text.index].append(grid)
        for index, lines in table.used.items():
            found.used[index] |= lines
        found.findings.extend(findings)
    return found
