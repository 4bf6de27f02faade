"""The official layout of a report's tables as a grid of merged cells, read off the declaration.

One grid serves every form that can merge cells (HTML, DOCX): a table is a list of grid rows,
each a list of the cells that *start* in it, with their row and column spans, as in the HTML
table model. What each cell holds (a header, a row label, a number) comes from
:mod:`disclosure_report.tables`; nothing here spells a label.

Layouts:

* table 二 prints one block per article of the Regulation: a caption row spanning the table,
  a header row (信息内容 and the block's columns), then the block's rows; a block with fewer
  columns than the widest one lets its last column span the rest, as the template does;
* the other tables print their column headers as merged cells (the header path of each
  column), above them a caption over every column when the declaration lists one that is not
  a column group (申请人情况), and in the top-left corner the first header label (the
  勾稽关系 note) across the row-label columns; row labels are merged down the rows of a group
  (三、本年度办理结果, （三）不予公开 ...).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Literal

from attrs import frozen

from disclosure_report.model import Cell, Report, Row, Table
from disclosure_report.tables import Column, RowSpec, TableSpec

__all__ = [
    "GridCell",
    "cell_text",
    "grid",
    "is_blocks",
    "organ_above_title",
    "printed_columns",
    "publication_line",
    "row_label",
    "width_of",
]

Role = Literal["caption", "header", "label", "value", "extra"]


@frozen
class GridCell:
    """A cell of the printed grid, placed where it starts."""

    text: str
    role: Role
    rowspan: int = 1
    colspan: int = 1
    row: str | None = None
    """Row key, for a value cell or a row label."""
    column: str | None = None
    """Column key, for a value cell or a column header."""


def cell_text(cell: Cell | None) -> str:
    """What a cell prints: its marker, its text as printed, or its number (with its unit)."""
    if cell is None or cell.is_blank:
        return ""
    if cell.marker is not None:
        return cell.marker
    if cell.raw is not None:
        return cell.raw
    value = cell.value
    number = str(value) if not isinstance(value, Decimal) else format(value, "f")
    return number + (cell.unit or "")


def row_label(spec: RowSpec, row: Row | None) -> str:
    """The row's label as printed: the publisher's variant when kept, else the official one."""
    if row is not None and row.label is not None:
        return row.label
    return spec.label


def is_blocks(spec: TableSpec) -> bool:
    """True for a table printed in blocks, one per row group: every row has exactly one (二)."""
    return bool(spec.rows) and all(len(r.groups) == 1 for r in spec.rows)


def printed_columns(spec: TableSpec, table: Table) -> list[Column]:
    """The columns printed: every non-optional one, and optional ones some row holds."""
    present = {cell.column for row in table.rows for cell in row.cells}
    return [c for c in spec.columns if not c.optional or c.key in present]


def _value_cells(
    row_spec: RowSpec, row: Row | None, columns: Sequence[Column], width: int | None = None
) -> list[GridCell]:
    """The row's value cells; with ``width``, the last one spans what the row leaves empty."""
    cells = {c.column: c for c in row.cells} if row is not None else {}
    found = [c for c in columns if c.key in {d.key for d in row_spec.columns}]
    out = []
    for i, column in enumerate(found):
        last = i == len(found) - 1
        span = width - len(found) + 1 if width is not None and last else 1
        out.append(
            GridCell(
                cell_text(cells.get(column.key)),
                "value",
                colspan=span,
                row=row_spec.key,
                column=column.key,
            )
        )
    return out


def _blocks(spec: TableSpec, table: Table) -> list[list[GridCell]]:
    rows = {row.key: row for row in table.rows}
    present = [r for r in spec.rows if r.key in rows]
    columns = printed_columns(spec, table)
    width = max((len([c for c in columns if c in r.columns]) for r in spec.rows), default=1)
    content = spec.header_labels[0] if spec.header_labels else ""
    out: list[list[GridCell]] = []
    group = None
    for row_spec in present:
        if row_spec.groups[0] != group:
            group = row_spec.groups[0]
            out.append([GridCell(group.label, "caption", colspan=width + 1)])
            block_columns = [c for c in columns if c in row_spec.columns]
            header = [GridCell(content, "header")]
            for i, column in enumerate(block_columns):
                span = width - len(block_columns) + 1 if i == len(block_columns) - 1 else 1
                header.append(GridCell(column.path, "header", colspan=span, column=column.key))
            out.append(header)
        label = GridCell(row_label(row_spec, rows[row_spec.key]), "label", row=row_spec.key)
        out.append([label, *_value_cells(row_spec, rows[row_spec.key], columns, width)])
    return out


def _caption(spec: TableSpec, columns: Sequence[Column]) -> str | None:
    """A header label over every column that is no column's group (申请人情况), if declared."""
    groups = {g for c in columns for g in c.group}
    for label in spec.header_labels[1:]:
        if label not in groups:
            return label
    return None


def _headers(spec: TableSpec, columns: Sequence[Column], depth: int) -> list[list[GridCell]]:
    caption = _caption(spec, columns)
    levels = max(len(c.group) for c in columns) + 1
    rows: list[list[GridCell]] = []
    total = levels + (1 if caption else 0)
    first: list[GridCell] = []
    if depth:
        corner = spec.header_labels[0] if spec.header_labels else ""
        first.append(GridCell(corner, "header", rowspan=total, colspan=depth))
    if caption:
        rows.append([*first, GridCell(caption, "header", colspan=len(columns))])
        first = []
    for level in range(levels):
        line = list(first) if level == 0 else []
        i = 0
        while i < len(columns):
            column = columns[i]
            path = (*column.group, column.label)
            if level >= len(path):
                i += 1
                continue
            if level == len(path) - 1:  # the column's own label, down to the last header row
                line.append(
                    GridCell(column.label, "header", rowspan=levels - level, column=column.key)
                )
                i += 1
                continue
            head = path[: level + 1]
            span = 1
            while i + span < len(columns) and (*columns[i + span].group, "")[: level + 1] == head:
                span += 1
            line.append(GridCell(path[level], "header", colspan=span))
            i += span
        rows.append(line)
    return rows


def _labelled(spec: TableSpec, table: Table) -> list[list[GridCell]]:
    rows = {row.key: row for row in table.rows}
    present = [r for r in spec.rows if r.key in rows]
    columns = printed_columns(spec, table)
    depth = max((len(r.groups) + 1 for r in present if r.label), default=0)
    out = _headers(spec, columns, depth)
    for index, row_spec in enumerate(present):
        line: list[GridCell] = []
        if depth:
            for level, group in enumerate(row_spec.groups):
                previous = present[index - 1] if index else None
                if (
                    previous is not None
                    and previous.groups[: level + 1] == row_spec.groups[: level + 1]
                ):
                    continue  # merged into the cell above
                span = 1
                while (
                    index + span < len(present)
                    and present[index + span].groups[: level + 1] == row_spec.groups[: level + 1]
                ):
                    span += 1
                line.append(GridCell(group.label, "label", rowspan=span))
            line.append(
                GridCell(
                    row_label(row_spec, rows[row_spec.key]),
                    "label",
                    colspan=depth - len(row_spec.groups),
                    row=row_spec.key,
                )
            )
        line.extend(_value_cells(row_spec, rows[row_spec.key], columns))
        out.append(line)
    return out


def _extra_rows(table: Table, label_width: int, cells: int) -> Iterator[list[GridCell]]:
    """Extra rows: the label across the row-label columns, then one cell per printed cell.

    A row printing more cells than the table has columns keeps the rest in its last cell.
    """
    for extra in table.extra_rows:
        texts = list(extra.cells)
        if len(texts) > cells:
            texts[cells - 1 :] = [" ".join(texts[cells - 1 :])]
        texts += [""] * (cells - len(texts))
        yield [
            GridCell(extra.label, "extra", colspan=label_width),
            *(GridCell(text, "extra") for text in texts),
        ]


def grid(spec: TableSpec, table: Table) -> list[list[GridCell]]:
    """The printed grid of ``table``, header rows first, then rows, then extra rows."""
    out = _blocks(spec, table) if is_blocks(spec) else _labelled(spec, table)
    width = width_of(out) if out else 2
    if is_blocks(spec):
        out.extend(_extra_rows(table, 1, width - 1))
        return out
    present = [r for r in spec.rows if r.key in {row.key for row in table.rows}]
    depth = max((len(r.groups) + 1 for r in present if r.label), default=0)
    out.extend(_extra_rows(table, max(depth, 1), width - max(depth, 1)))
    return out


def width_of(rows: Sequence[Sequence[GridCell]]) -> int:
    """The number of grid columns (the widest row, spans and cells above counted)."""
    occupied: dict[int, int] = {}
    widest = 0
    for r, line in enumerate(rows):
        column = 0
        for cell in line:
            while occupied.get(column, -1) >= r:
                column += 1
            for c in range(column, column + cell.colspan):
                occupied[c] = r + cell.rowspan - 1
            column += cell.colspan
        widest = max(widest, max(occupied, default=-1) + 1)
    return widest


def organ_above_title(report: Report) -> str | None:
    """The organ, printed on its own line above a title that does not name it.

    A title such as ``2024年政府信息公开工作年度报告`` leaves the publisher to the line above
    it, where reports print it and readers look for it; a title that names the body, or the
    start of its name (``段店乡2019年度…`` of 段店乡人民政府), needs no such line.
    """
    organ, title = report.organ, report.title
    if not organ or not title or organ[:2] in title:
        return None
    return organ


PUBLICATION_FIELD = "发布日期"
"""The field a government page prints its publication date under (发布日期：2020-01-31)."""


def publication_line(report: Report) -> str | None:
    """The line under the title that states the publication date, as pages print it.

    The date is what publishers state apart from the report's text (a page's field), so a
    rendering prints it where a reader looks for it, and parsing the rendering gives it back.
    """
    if report.publication_date is None:
        return None
    return f"{PUBLICATION_FIELD}：{report.publication_date.isoformat()}"
