"""Reports printed as grids, merged, expanded and thinned out as real extractors do, read back.

The property the structured-forms readers stand on: whatever merges, blank cells left out or
merged cells expanded into blanks a table shows, every cell the parser returns is the number
that was printed, or blank with a finding at that cell (or its row). Never a different number.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.conformance import nonconformities
from disclosure_report.model import Cell, Edition, Report, Row, Source, Table
from disclosure_report.parse._build import build
from disclosure_report.parse._raw import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from disclosure_report.tables import TableSpec, ValueKind, edition_spec

from .grids import grid

pytestmark = pytest.mark.property

_R = attrs.fields(Report)


def _value(kind: ValueKind) -> st.SearchStrategy[int | Decimal | None]:
    if kind is ValueKind.AMOUNT:
        number: st.SearchStrategy[int | Decimal] = st.decimals(0, 10**6, places=2)
    elif kind is ValueKind.SIGNED:
        number = st.integers(-999, 999)
    else:
        number = st.integers(0, 10**5)
    return st.none() | number


@st.composite
def _tables(draw: st.DrawFn, spec: TableSpec) -> Table:
    printed = {r.key for r in spec.rows if r.optional and draw(st.booleans())}
    subtotal = draw(st.booleans())
    rows = []
    for row_spec in spec.expected_rows(printed):
        cells = tuple(
            Cell(column=c.key, value=draw(_value(c.kind)))
            for c in row_spec.columns
            if not c.optional or subtotal
        )
        rows.append(Row(key=row_spec.key, cells=cells))
    return Table(heading=spec.label, rows=tuple(rows))


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    spec = edition_spec(draw(st.sampled_from(list(Edition))))
    tables = {t.key: draw(_tables(t)) for t in spec.tables}
    return Report(edition=spec.edition, **tables)  # type: ignore[arg-type]


@st.composite
def _thinned(draw: st.DrawFn, table: RawTable, values: list[RawCell]) -> RawTable:
    """The grid as an extractor may give it: blank cells left out, merged cells expanded into
    blanks, neighbouring cells merged."""
    value_ids = {id(c) for c in values}
    rows = []
    for row in table.rows:
        out: list[RawCell] = []
        cells = list(row.cells)
        i = 0
        while i < len(cells):
            cell = cells[i]
            if id(cell) not in value_ids:
                out.append(cell)
                i += 1
                continue
            action = draw(st.sampled_from(["keep", "keep", "keep", "drop", "expand", "merge"]))
            if action == "drop" and not cell.text:
                pass  # an extractor that leaves blank cells out
            elif action == "expand" and cell.col_span > 1:
                out.append(RawCell(cell.text, cell.source, cell.column, 1, 1))
                out.extend(
                    RawCell("", cell.source, (cell.column or 0) + k, 1, 1)
                    for k in range(1, cell.col_span)
                )
            elif action == "merge" and i + 1 < len(cells) and id(cells[i + 1]) in value_ids:
                after = cells[i + 1]
                text = " ".join(t for t in (cell.text, after.text) if t)
                out.append(
                    RawCell(text, cell.source, cell.column, 1, cell.col_span + after.col_span)
                )
                i += 1
            else:
                out.append(cell)
            i += 1
        rows.append(RawRow(out, row.source))
    return RawTable(rows=rows, source=table.source, width=table.width)


def _document(data: st.DataObject, report: Report) -> RawDocument:
    spec = edition_spec(report.edition)
    blocks: list[RawParagraph | RawTable] = [
        RawParagraph("2022年某某县人民政府政府信息公开工作年度报告", Source(line=1))
    ]
    for number, section in enumerate(spec.sections):
        blocks.append(RawParagraph(section.label, Source(line=number + 2)))
        if isinstance(section, TableSpec):
            table, values = grid(section, getattr(report, section.key), number=number)
            blocks.append(data.draw(_thinned(table, values)))
        else:
            blocks.append(RawParagraph("无。", Source(line=number + 2)))
    return RawDocument(blocks=blocks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_cell_is_the_printed_number_or_blank_with_a_finding(data: st.DataObject) -> None:
    report = data.draw(_reports())
    parsed, diagnostics = build(_document(data, report))
    assert parsed.edition is report.edition
    assert nonconformities(parsed) == ()
    said = {(d.location.row, d.location.column) for d in diagnostics}
    for spec in edition_spec(report.edition).tables:
        expected: Table = getattr(report, spec.key)
        got = getattr(parsed, spec.key)
        assert got is not None
        for row in expected.rows:
            found = next((r for r in got.rows if r.key == row.key), Row(key=row.key))
            for cell in row.cells:
                try:
                    value = found.cell(cell.column).value
                except KeyError:
                    value = None
                if value is None and cell.value is not None:
                    assert (row.key, cell.column) in said or (row.key, None) in said, (
                        f"{spec.key}.{row.key}.{cell.column}: {cell.value} became blank silently"
                    )
                else:
                    assert value == cell.value, f"{spec.key}.{row.key}.{cell.column}"


@given(_reports())
@settings(max_examples=30, deadline=None)
def test_a_clean_grid_reads_back_exactly_without_findings(report: Report) -> None:
    spec = edition_spec(report.edition)
    blocks: list[RawParagraph | RawTable] = [
        RawParagraph("2022年某某县人民政府政府信息公开工作年度报告", Source(line=1))
    ]
    for section in spec.sections:
        blocks.append(RawParagraph(section.label, Source()))
        if isinstance(section, TableSpec):
            blocks.append(grid(section, getattr(report, section.key))[0])
        else:
            blocks.append(RawParagraph("无。", Source()))
    parsed, diagnostics = build(RawDocument(blocks=blocks))
    for section in spec.tables:
        assert getattr(parsed, section.key).rows == getattr(report, section.key).rows
    assert {d.code for d in diagnostics} <= {"P1.8"}  # no organ in the title, no date
