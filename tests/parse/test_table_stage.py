"""The table stage on grids shaped as some publishers print them."""

from __future__ import annotations

from decimal import Decimal

import attrs

from disclosure_report.model import Cell, Edition, Report, Row, Source, Table
from disclosure_report.parse._build import build
from disclosure_report.parse._raw import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from disclosure_report.tables import edition_spec

from .grids import grid

_R = attrs.fields(Report)
SPEC = edition_spec(Edition.E2021).table(_R.applications.name)


def _applications() -> Table:
    rows = []
    for n, row_spec in enumerate(SPEC.expected_rows(())):
        cells = tuple(
            Cell(column=c.key, value=n * 10 + i)
            for i, c in enumerate(row_spec.columns)
            if not c.optional
        )
        rows.append(Row(key=row_spec.key, cells=cells))
    return Table(heading=SPEC.label, rows=tuple(rows))


def _keyed(table: Table) -> list[tuple[str, tuple[Cell, ...]]]:
    return [(r.key, r.cells) for r in table.rows]


def _read(table: RawTable) -> tuple[Table, list[str]]:
    document = RawDocument(
        blocks=[
            RawParagraph(SPEC.label, Source()),
            table,
            RawParagraph("五、存在的主要问题及改进情况", Source()),
        ]
    )
    report, diagnostics = build(document)
    assert report.applications is not None
    return report.applications, [d.code for d in diagnostics]


def test_group_and_row_label_in_one_cell() -> None:
    """（三）不予公开 printed in the cell of its first row, on its own line or run together."""
    expected = _applications()
    raw, _ = grid(SPEC, expected)
    for row in raw.rows:
        group = next((c for c in row.cells if c.text == "（三）不予公开"), None)
        if group is None:
            continue
        label = next(c for c in row.cells if c.text == "1.属于国家秘密")
        row.cells.remove(group)
        label.text = "（三）不予公开\n1.属于国家秘密"
        label.column, label.col_span = group.column, (label.col_span + 1)
    read, codes = _read(raw)
    assert _keyed(read) == _keyed(expected)
    assert "P1.9" in codes  # the label printed otherwise is kept, and said
    raw, _ = grid(SPEC, expected)
    for row in raw.rows:
        group = next((c for c in row.cells if c.text == "（四）无法提供"), None)
        if group is None:
            continue
        label = next(c for c in row.cells if c.text.startswith("1.本机关"))
        row.cells.remove(group)
        label.text = "（四）无法提供1.本机关不掌握相关政府信息"
        label.column, label.col_span = group.column, (label.col_span + 1)
    read, codes = _read(raw)
    assert _keyed(read) == _keyed(expected)


def test_a_row_number_column_before_the_labels() -> None:
    expected = _applications()
    raw, _ = grid(SPEC, expected)
    header_rows = 2
    rows = []
    for r, row in enumerate(raw.rows):
        cells = [
            RawCell(c.text, c.source, (c.column or 0) + 1, c.row_span, c.col_span)
            for c in row.cells
        ]
        if r == 0:
            cells.insert(0, RawCell("序号", row.source, 0, header_rows, 1))
        elif r >= header_rows:
            cells.insert(0, RawCell(str(r - header_rows + 1), row.source, 0, 1, 1))
        rows.append(RawRow(cells, row.source))
    read, _ = _read(RawTable(rows=rows, source=raw.source, width=(raw.width or 0) + 1))
    assert read.rows == expected.rows


def test_amounts_keep_their_printed_scale() -> None:
    spec = edition_spec(Edition.E2021).table(_R.proactive_disclosure.name)
    row = Row(
        key="administrative_fees",
        cells=(Cell(column="fee_amount_wan_yuan", value=Decimal("0.50")),),
    )
    raw, _ = grid(spec, Table(rows=(row,)))
    document = RawDocument(blocks=[RawParagraph(spec.label, Source()), raw])
    report, _ = build(document)
    assert report.proactive_disclosure is not None
    value = report.proactive_disclosure.cell("administrative_fees", "fee_amount_wan_yuan").value
    assert str(value) == "0.50"


def test_a_group_label_cut_in_two_by_a_page_break() -> None:
    """（六）其他 | 处理: the cut label names nothing, and the rows under it are still read."""
    expected = _applications()
    raw, _ = grid(SPEC, expected)
    for r, row in enumerate(raw.rows):
        group = next((c for c in row.cells if c.text == "（六）其他处理"), None)
        if group is None:
            continue
        group.text, group.row_span = "（六）其他", 1
        below = raw.rows[r + 1]
        below.cells.insert(0, RawCell("处理", below.source, group.column, 1, 1))
        break
    read, codes = _read(raw)
    assert _keyed(read) == _keyed(expected)
    assert "P1.2" not in codes
