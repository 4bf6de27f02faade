"""Long-format records and CSV: one labelled record per official cell, in printed order."""

from __future__ import annotations

import csv
import io
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_report.model import Cell, Edition, ExtraRow, Report, Row, Table
from disclosure_report.serialise import (
    NonconformingReportError,
    Record,
    report_id,
    to_csv,
    to_dataframe,
    to_parquet,
    to_records,
)
from disclosure_report.tables import TableSpec, ValueKind, edition_spec

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
        "kind",
        "integer",
        "amount",
        "unit",
        "marker",
        "raw",
        "report_id",
        "organ",
        "year",
        "edition",
    )


def value(record: Record) -> int | Decimal | None:
    return record.integer if record.kind != ValueKind.AMOUNT.value else record.amount


def test_every_record_names_its_report() -> None:
    report = full_report(Edition.E2021)
    records = to_records(report)
    assert {(r.organ, r.year, r.edition) for r in records} == {(report.organ, report.year, "2021")}
    assert {r.report_id for r in records} == {report_id(report)}
    assert report_id(report) == report_id(full_report(Edition.E2021))
    assert report_id(report) != report_id(attrs.evolve(report, organ="另一个机关"))
    assert {r.report_id for r in to_records(report, report_id="A-1")} == {"A-1"}


def test_the_number_is_typed_by_the_column_kind() -> None:
    for record in to_records(full_report(Edition.E2021)):
        assert record.kind in {k.value for k in ValueKind}
        if record.kind == ValueKind.AMOUNT.value:
            assert record.integer is None
            assert record.amount is None or type(record.amount) is Decimal
        else:
            assert record.amount is None
            assert record.integer is None or type(record.integer) is int


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
        assert value(record) == cell.value
        assert record.unit == (cell.unit if cell.unit is not None else column.unit)
        assert (record.marker, record.raw) == (cell.marker, cell.raw)


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
                Cell(column=fourth.key, value=Decimal("3"), unit="元"),
                *(Cell(column=c.key) for c in row.columns[4:] if not c.optional),
            ),
        )
    )
    blank, marker, noted, with_unit, *_ = to_records(report)
    assert (blank.integer, blank.unit, blank.marker, blank.raw) == (None, None, None, None)
    assert (marker.integer, marker.marker, marker.raw) == (None, "/", None)
    assert (noted.integer, noted.marker, noted.raw) == (22, "/", "22（其中修订16件）")
    assert (with_unit.integer, with_unit.unit) == (3, "元")
    assert type(with_unit.integer) is int


def test_extra_rows_are_left_out() -> None:
    first, second = _table().rows[:2]
    report = _applications_report(
        Row(
            key=first.key,
            cells=tuple(Cell(column=c.key, value=1) for c in first.columns if not c.optional),
        ),
        extra=(ExtraRow(label="其中：网上申请", cells=("9",)),),
    )
    records = to_records(report)
    assert {r.row for r in records} == {first.key}
    assert second.key not in {r.row for r in records}


def test_missing_tables_and_empty_report() -> None:
    assert to_records(Report(edition=Edition.E2019)) == ()
    assert to_csv(Report(edition=Edition.E2019)) == ",".join(Record._fields) + "\r\n"
    assert to_csv(Report(edition=Edition.E2019), bom=True).startswith("\ufefftable,row,column,")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (Row(key="invented", cells=()), "is not a row of"),
        (Row(key="new_received", cells=(Cell(column="invented"),)), "not a column"),
        (
            Row(key="new_received", cells=(Cell(column="total"), Cell(column="total"))),
            "two cells",
        ),
    ],
)
def test_cells_without_an_official_place_are_refused(row: Row, message: str) -> None:
    with pytest.raises(NonconformingReportError, match=message):
        to_records(_applications_report(row))


def test_csv_reads_back() -> None:
    row = _table().rows[0]
    awkward = 'a,b "c"\r\nd'
    cells = [Cell(column=c.key) for c in row.columns if not c.optional]
    cells[0] = Cell(column=cells[0].column, value=3, raw=awkward)
    report = _applications_report(Row(key=row.key, cells=tuple(cells)))
    text = to_csv(report)
    lines = list(csv.reader(io.StringIO(text, newline="")))
    assert lines[0] == list(Record._fields)
    records = to_records(report)
    assert len(lines) == len(records) + 1
    first, second = lines[1:3]
    assert first[Record._fields.index("raw")] == awkward
    assert first[Record._fields.index("integer")] == "3"
    assert second[Record._fields.index("integer")] == ""  # None
    assert second[Record._fields.index("unit")] == ""
    for line, record in zip(lines[1:], records, strict=True):
        assert line[:6] == list(record[:6])


def test_amounts_are_written_in_plain_notation() -> None:
    spec = edition_spec(Edition.E2021).table(PROACTIVE)
    fees = next(r for r in spec.rows if r.columns[0].kind is ValueKind.AMOUNT)
    report = Report(
        edition=Edition.E2021,
        proactive_disclosure=Table(
            rows=(
                Row(key=fees.key, cells=(Cell(column=fees.columns[0].key, value=Decimal("1E+2")),)),
            )
        ),
    )
    [line] = list(csv.reader(io.StringIO(to_csv(report), newline="")))[1:]
    assert line[Record._fields.index("amount")] == "100"


def test_excel_csv_has_a_byte_order_mark_and_reads_as_utf8() -> None:
    report = full_report(Edition.E2019)
    data = to_csv(report, bom=True).encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig") == to_csv(report)


def test_many_reports_in_one_csv() -> None:
    reports = [full_report(Edition.E2019), full_report(Edition.E2021)]
    lines = list(csv.reader(io.StringIO(to_csv(reports), newline="")))
    assert len(lines) == 1 + sum(len(to_records(r)) for r in reports)


def test_dataframe_in_official_order_with_typed_columns() -> None:
    pd = pytest.importorskip("pandas")
    reports = [full_report(Edition.E2021), full_report(Edition.E2019)]
    frame = to_dataframe(reports)
    assert len(frame) == sum(len(to_records(r)) for r in reports)
    assert str(frame["integer"].dtype) == "Int64"
    for report in reports:
        mine = frame[frame.report_id == report_id(report)]
        shuffled = mine.sample(frac=1, random_state=1)
        ordered = shuffled.sort_values(["table", "row", "column"])
        assert list(ordered.column) == [r.column for r in to_records(report)]
    assert isinstance(frame.amount.dropna().iloc[0], Decimal)
    assert pd.isna(frame.integer[frame.kind == "amount"]).all()


def test_parquet_keeps_exact_amounts(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    report = full_report(Edition.E2021)
    path = tmp_path / "report.parquet"
    to_parquet(report, path)
    back = pd.read_parquet(path)
    assert list(back.column) == [r.column for r in to_records(report)]
    amounts = back.amount.dropna()
    assert [Decimal(a) for a in amounts] == [
        r.amount for r in to_records(report) if r.amount is not None
    ]


def test_missing_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    monkeypatch.delitem(sys.modules, "pandas", raising=False)
    with pytest.raises(ImportError, match=r"disclosure-report\[pandas\]"):
        to_dataframe(full_report(Edition.E2021))


def test_full_report_csv_has_one_line_per_record() -> None:
    report = full_report(Edition.E2021)
    lines = list(csv.reader(io.StringIO(to_csv(report), newline="")))
    assert len(lines) == len(to_records(report)) + 1
