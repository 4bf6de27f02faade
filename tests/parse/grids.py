"""Print a report's tables as positioned grids, in the official layout, for the parser tests.

Everything is read off the declaration (tables.py): header rows from the columns' group paths,
label cells from the rows' groups (merged down the rows they head), one caption row per block
of 二. The result is what the HTML, DOCX and PDF readers produce: each merged cell once, with
its grid position and spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from disclosure_report.model import Cell, Row, Source, Table
from disclosure_report.parse._raw import RawCell, RawRow, RawTable
from disclosure_report.tables import Column, RowSpec, TableSpec


def text_of(cell: Cell) -> str:
    """How a publisher prints a cell."""
    if cell.raw is not None:
        return cell.raw
    if cell.marker is not None:
        return cell.marker
    if cell.value is None:
        return ""
    return format(cell.value, "f") if isinstance(cell.value, Decimal) else str(cell.value)


def _spans(count: int, width: int) -> list[int]:
    """Split ``width`` grid columns among ``count`` cells, the first ones wider."""
    base, extra = divmod(width, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def _is_caption_table(spec: TableSpec) -> bool:
    return all(len(r.groups) == 1 for r in spec.rows) and len({r.groups for r in spec.rows}) > 1


def grid(spec: TableSpec, table: Table, *, number: int = 0) -> tuple[RawTable, list[RawCell]]:
    """The grid of ``table`` as its official layout prints it, and its value cells."""
    rows: list[list[RawCell]] = []
    values: list[RawCell] = []
    printed = list(table.rows)
    by_key = {r.key: r for r in spec.rows}

    def source(r: int, c: int | None = None) -> Source:
        return Source(table=number, row=r, cell=c)

    def add(r: int, cell: RawCell) -> None:
        while len(rows) <= r:
            rows.append([])
        rows[r].append(cell)

    if _is_caption_table(spec):  # 二: blocks, each a caption row and a header row
        value_width = max(len(r.columns) for r in spec.rows)
        width = 1 + value_width
        r = 0
        block = None
        for row in printed:
            row_spec = by_key[row.key]
            if row_spec.groups != block:
                block = row_spec.groups
                add(r, RawCell(block[0].label, source(r), 0, 1, width))
                r += 1
                add(r, RawCell(spec.header_labels[0], source(r), 0, 1, 1))
                column = 1
                for c, span in zip(
                    row_spec.columns, _spans(len(row_spec.columns), value_width), strict=True
                ):
                    add(r, RawCell(c.label, source(r), column, 1, span))
                    column += span
                r += 1
            add(r, RawCell(row_spec.label, source(r), 0, 1, 1))
            column = 1
            for cell, span in zip(row.cells, _spans(len(row.cells), value_width), strict=True):
                values.append(RawCell(text_of(cell), source(r), column, 1, span))
                add(r, values[-1])
                column += span
            r += 1
        made = RawTable(
            rows=[RawRow(cells, source(i)) for i, cells in enumerate(rows)],
            source=source(0),
            width=width,
        )
        return made, values

    label_width = max((len(r.groups) + 1 for r in spec.rows if r.label), default=0)
    columns: Sequence[Column] = [
        c
        for c in spec.columns
        if any(c.key == cell.column for row in printed for cell in row.cells)
    ] or [c for c in spec.columns if not c.optional]
    depth = max(len(c.group) for c in columns) + 1
    width = label_width + len(columns)
    if label_width:
        add(0, RawCell(spec.header_labels[0], source(0), 0, depth, label_width))
    for level in range(depth):
        at = 0
        while at < len(columns):
            head = columns[at]
            if level < len(head.group):
                end = at
                while (
                    end < len(columns)
                    and columns[end].group[: level + 1] == head.group[: level + 1]
                ):
                    end += 1
                add(level, RawCell(head.group[level], source(level), label_width + at, 1, end - at))
                at = end
                continue
            if level == len(head.group):
                add(level, RawCell(head.label, source(level), label_width + at, depth - level, 1))
            at += 1
    r = depth
    for i, row in enumerate(printed):
        row_spec = by_key[row.key]
        for d, group in enumerate(row_spec.groups):
            previous = by_key[printed[i - 1].key] if i else None
            if previous is not None and previous.groups[: d + 1] == row_spec.groups[: d + 1]:
                continue
            run = 1
            while (
                i + run < len(printed)
                and by_key[printed[i + run].key].groups[: d + 1] == row_spec.groups[: d + 1]
            ):
                run += 1
            add(r, RawCell(group.label, source(r), d, run, 1))
        if label_width:
            level = len(row_spec.groups)
            add(r, RawCell(row_spec.label, source(r), level, 1, label_width - level))
        by_column = {cell.column: cell for cell in row.cells}
        for position, leaf in enumerate(columns):
            if leaf.key in by_column:
                values.append(
                    RawCell(text_of(by_column[leaf.key]), source(r), label_width + position, 1, 1)
                )
                add(r, values[-1])
        r += 1
    for line in rows:
        line.sort(key=lambda cell: cell.column or 0)
    made = RawTable(
        rows=[RawRow(cells, source(i)) for i, cells in enumerate(rows)],
        source=source(0),
        width=width,
    )
    return made, values


def row_specs(spec: TableSpec, row: Row) -> RowSpec:
    """The declaration of a printed row."""
    return spec.row(row.key)
