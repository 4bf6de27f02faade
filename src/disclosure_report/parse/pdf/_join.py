"""A table continued on the next page, joined into one.

A table that ends its page and a table that starts the next one (furniture aside) are one
table when their left and right edges line up and their column boundaries agree (the
boundaries of one are, within a few points, among those of the other). Joining them:

* header rows that the next page repeats (the same texts in the same columns as the
  table's first rows, and no number among them) are dropped;
* a cell cut by the page break is joined. Word and WPS close a table at the page foot and
  open it again on the next page, so a merged label cell is printed twice: in the last row
  of the first part and in the first row of the second. The two are one cell when the
  second is blank and spans rows (a group label such as ``三、本年度办理结果`` continuing
  down its column), or when neither text is a label of the official tables but the two
  together are (``（四）无`` + ``法提供``);
* a row cut by the page break (its label's lines split over the two pages) is joined into
  one row when one of its two parts holds no number and their label texts together make a
  label of the official tables. Each value cell keeps its own text; two texts in one
  column are kept on two lines, which no reader takes for one number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from ._grid import Grid, GridCell
from ._text import join_text, known_label

__all__ = ["continues", "join"]

_EDGE: Final = 8.0
"""Points by which the outer edges of the two parts of a table may differ."""
_BOUNDARY: Final = 3.0
"""Points by which a column boundary may move between the two parts."""
_NUMBER: Final = re.compile(r"\d")


def _matching(edges: Sequence[float], others: Sequence[float]) -> float:
    """Share of ``edges`` that have a boundary of ``others`` within :data:`_BOUNDARY`."""
    if not edges:
        return 0.0
    hits = sum(1 for e in edges if any(abs(e - o) <= _BOUNDARY for o in others))
    return hits / len(edges)


def continues(before: Grid, after: Grid) -> bool:
    """True when ``after`` (first on its page) continues ``before`` (last on the page before)."""
    if abs(before.x0 - after.x0) > _EDGE or abs(before.x1 - after.x1) > _EDGE:
        return False
    return max(_matching(before.edges, after.edges), _matching(after.edges, before.edges)) >= 1.0


def _same_place(a: GridCell, b: GridCell) -> bool:
    return abs(a.x0 - b.x0) <= _BOUNDARY and abs(a.x1 - b.x1) <= _BOUNDARY


def _numeric(cells: Sequence[GridCell]) -> bool:
    return any(_NUMBER.search(c.text) for c in cells)


def _signature(grid: Grid, row: int) -> list[tuple[int, int, str]]:
    return [
        (round(c.x0), round(c.x1), "".join(c.text.split()))
        for c in grid.starting(row)
        if c.text.strip()
    ]


def _repeated_header(before: Grid, after: Grid) -> int:
    """How many of ``after``'s first rows repeat ``before``'s first rows (header rows)."""
    count = 0
    while count < min(len(before.rows), len(after.rows) - 1):
        mine, theirs = _signature(before, count), _signature(after, count)
        if not mine or not theirs or _numeric(before.starting(count)):
            break
        if [t for *_, t in mine] != [t for *_, t in theirs]:
            break
        if any(
            abs(a[0] - b[0]) > _BOUNDARY or abs(a[1] - b[1]) > _BOUNDARY
            for a, b in zip(mine, theirs, strict=True)
        ):
            break
        count += 1
    return count


def _drop_rows(grid: Grid, count: int) -> None:
    """Remove ``grid``'s first ``count`` rows (cells reaching below them are cut)."""
    kept = []
    for cell in grid.cells:
        if cell.end <= count:
            continue
        start = max(cell.row, count)
        cell.row_span = cell.end - start
        cell.row = start - count
        kept.append(cell)
    grid.cells = kept
    del grid.rows[:count]


def _cut_label(a: GridCell, b: GridCell) -> bool:
    """Two texts that are no label alone and one label together (``（四）无`` + ``法提供``)."""
    return (
        bool(a.text.strip())
        and bool(b.text.strip())
        and not known_label(a.text)
        and not known_label(b.text)
        and known_label(join_text(_flat(a.text), _flat(b.text)))
    )


def _absorb(a: GridCell, b: GridCell, rows: int) -> None:
    """Cell ``b`` joined into ``a``, which grows by ``rows`` rows."""
    if b.text.strip():
        a.text = join_text(_flat(a.text), _flat(b.text)) if a.text.strip() else b.text
    a.row_span += rows
    a.fonts |= b.fonts


def join(before: Grid, after: Grid) -> tuple[Grid, list[str]]:
    """``after`` joined below ``before``; also what was done, for a finding."""
    done: list[str] = []
    repeated = _repeated_header(before, after)
    if repeated:
        _drop_rows(after, repeated)
        done.append(f"{repeated} repeated header row(s) dropped")
    last = len(before.rows) - 1
    bottom = [c for c in before.cells if c.end == len(before.rows)]
    top = after.starting(0)
    partner = {id(b): a for b in top for a in bottom if _same_place(a, b)}
    # A row cut in two: every cell of the next page's first row continues a cell above,
    # one part holds no number, and a label is whole only when the parts are joined.
    whole_row = (
        bool(top)
        and all(id(b) in partner for b in top)
        and (not _numeric([c for c in bottom if c.row == last]) or not _numeric(top))
        and any(_cut_label(partner[id(b)], b) for b in top)
    )
    merged: set[int] = set()
    for b in top:
        a = partner.get(id(b))
        if a is None:
            continue
        if whole_row:
            _absorb(a, b, b.row_span - 1)
        elif (not b.text.strip() and b.row_span > 1 and not _NUMBER.search(a.text)) or (
            _cut_label(a, b)
        ):
            _absorb(a, b, b.row_span)
        else:
            continue
        merged.add(id(b))
    if whole_row:
        done.append("a row cut by the page break joined")
    elif merged:
        done.append(f"{len(merged)} cell(s) cut by the page break joined")
    shift = len(before.rows) - (1 if whole_row else 0)
    for cell in after.cells:
        if id(cell) not in merged:
            cell.row += shift
            before.cells.append(cell)
    before.rows.extend(after.rows[1:] if whole_row else after.rows)
    before.edges = sorted({*before.edges, *after.edges})
    return before, done


def _flat(text: str) -> str:
    """A cell's lines as one text (a label's lines are one text cut by the cell's width)."""
    out = ""
    for line in text.split("\n"):
        if line.strip():
            out = join_text(out, line.strip())
    return out
