"""Long-format records and CSV: one labelled record per official cell, in printed order."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import attrs
import pytest

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Cell, Edition, ExtraRow, Report, Row, Table
from disclosure_report.serialise import Record, to_csv, to_records
from disclosure_report.tables import TableSpec, edition_spec

from ._reports import full_report, official_cells

_R = attrs.fields(Report)
APPLICATIONS = _R.applications.name
REVIEW = _R.review_litigation.name
PROACTIVE = _R.proactive_disclosure.name


def test_record_fields() -> None:
    assert Record._fields == (
        "table",
        "row",
        "column",
        "table_label",
        "row_label",
        "column_label",
        "value",
        "unit",
        "raw",
    )


@pytest.mark.parametrize("edition", list(Edition))
def test_one_record_per_cell_in_printed_order_with_declared_labels(edition: Edition) -> None:
    report = full_report(edition)
    records = to_records(report)
    assert len(records) == official_cells(report)
    spec = edition_spec(edition)
    expected = []
    for table in spec.tables:
        model_table = getattr(report, table.key)
        for row in table.expected_rows(()):
            cells = {cell.column: cell for cell in model_table.row(row.key).cells}
            for column in row.columns:
                if column.key in cells:
                    expected.append((table, row, column, cells[column.key]))
    assert len(expected) == len(records)
    for record, (table, row, column, cell) in zip(records, expected, strict=True):
        assert (record.table, record.row, record.column) == (table.key, row.key, column.key)
        assert record.table_label == table.label
        assert record.row_label == row.path
        assert record.column_label == column.path
        assert record.value == cell.value
        assert record.unit == (cell.unit if cell.unit is not None else column.unit)
        assert record.raw == (cell.raw if cell.raw is not None else cell.marker)


def test_labels_as_the_format_prints_them() -> None:
    """Independent expectations, copied from the official template (spec/FORMAT.md §3)."""
    records = {(r.table, r.row, r.column): r for r in to_records(full_report(Edition.E2021))}
    secret = records[(APPLICATIONS, "withheld_state_secret", "natural_person")]
    assert secret.table_label == "三、收到和处理政府信息公开申请情况"
    assert secret.row_label == "三、本年度办理结果/（三）不予公开/1.属于国家秘密"
    assert secret.column_label == "自然人"
    enterprise = records[(APPLICATIONS, "new_received", "commercial_enterprise")]
    assert enterprise.column_label == "法人或其他组织/商业企业"
    regulations = records[(PROACTIVE, "regulations", "issued")]
    assert regulations.row_label == "第二十条第（一）项/规章"
    review = records[(REVIEW, "cases", "litigation_after_review_total")]
    assert review.row_label == ""
    assert review.column_label == "行政诉讼/复议后起诉/总计"
    fees = records[(PROACTIVE, "administrative_fees", "fee_amount_wan_yuan")]
    assert fees.unit == "万元"


def _applications_report(*rows: Row, extra: tuple[ExtraRow, ...] = ()) -> Report:
    return Report(edition=Edition.E2021, applications=Table(rows=rows, extra_rows=extra))


def _table() -> TableSpec:
    return edition_spec(Edition.E2021).table(APPLICATIONS)


def test_blank_marker_raw_and_unit() -> None:
    row = _table().rows[0]
    first, second, third, fourth = row.columns[:4]
    report = _applications_report(
        Row(
            key=row.key,
            cells=(
                Cell(column=first.key),
                Cell(column=second.key, marker="/"),
                Cell(column=third.key, value=22, raw="22（其中修订16件）", marker="/"),
                Cell(column=fourth.key, value=Decimal("3.50"), unit="元"),
            ),
        )
    )
    blank, marker, noted, with_unit = to_records(report)
    assert (blank.value, blank.unit, blank.raw) == (None, None, None)
    assert (marker.value, marker.raw) == (None, "/")
    assert (noted.value, noted.raw) == (22, "22（其中修订16件）")
    assert (with_unit.value, with_unit.unit) == (Decimal("3.50"), "元")


def test_model_order_does_not_matter_and_extra_rows_are_left_out() -> None:
    first, second = _table().rows[:2]
    report = _applications_report(
        Row(key=second.key, cells=(Cell(column=second.columns[1].key, value=2),)),
        Row(
            key=first.key,
            cells=(
                Cell(column=first.columns[1].key, value=1),
                Cell(column=first.columns[0].key, value=0),
            ),
        ),
        extra=(ExtraRow(label="其中：网上申请", cells=("9",)),),
    )
    records = to_records(report)
    assert [(r.row, r.column, r.value) for r in records] == [
        (first.key, first.columns[0].key, 0),
        (first.key, first.columns[1].key, 1),
        (second.key, second.columns[1].key, 2),
    ]


def test_missing_tables_and_empty_report() -> None:
    assert to_records(Report(edition=Edition.E2019)) == ()
    assert to_csv(Report(edition=Edition.E2019)) == ",".join(Record._fields) + "\r\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (Row(key="invented", cells=()), "not an official row"),
        (Row(key="new_received", cells=(Cell(column="invented"),)), "not a column"),
        (
            Row(key="new_received", cells=(Cell(column="total"), Cell(column="total"))),
            "twice",
        ),
    ],
)
def test_cells_without_an_official_place_are_refused(row: Row, message: str) -> None:
    with pytest.raises(SerialiseError, match=message):
        to_records(_applications_report(row))


def test_csv_reads_back() -> None:
    row = _table().rows[0]
    awkward = 'a,b "c"\r\nd'
    report = _applications_report(
        Row(
            key=row.key,
            cells=(
                Cell(column=row.columns[0].key, value=3, raw=awkward),
                Cell(column=row.columns[1].key, value=Decimal("1E+2")),
                Cell(column=row.columns[2].key),
            ),
        )
    )
    text = to_csv(report)
    lines = list(csv.reader(io.StringIO(text, newline="")))
    assert lines[0] == list(Record._fields)
    records = to_records(report)
    assert len(lines) == len(records) + 1
    first, second, third = lines[1:]
    assert first[Record._fields.index("raw")] == awkward
    assert first[Record._fields.index("value")] == "3"
    assert second[Record._fields.index("value")] == "100"  # plain notation
    assert third[Record._fields.index("value")] == ""  # None
    assert third[Record._fields.index("unit")] == ""
    for line, record in zip(lines[1:], records, strict=True):
        assert line[:6] == list(record[:6])


def test_full_report_csv_has_one_line_per_record() -> None:
    report = full_report(Edition.E2021)
    lines = list(csv.reader(io.StringIO(to_csv(report), newline="")))
    assert len(lines) == len(to_records(report)) + 1
