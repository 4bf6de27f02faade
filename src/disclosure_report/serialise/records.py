"""Long-format export: one :class:`Record` per official cell, labelled from the declaration.

For analysis tools: ``pandas.DataFrame(to_records(report))`` or :func:`to_csv` give one row
per cell with its keys and official labels, in printed order. Only the official tables'
cells are exported: extra rows (:attr:`~disclosure_report.model.Table.extra_rows`), notes
and text sections are not cells and are left out.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import NamedTuple

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Cell, Report, Row, Table
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.tables import Column, edition_spec

__all__ = ["Record", "to_csv", "to_records"]


class Record(NamedTuple):
    """One cell of an official table, with its keys and official labels."""

    table: str
    """Section key, e.g. ``applications``."""
    row: str
    """Row key, e.g. ``withheld_state_secret``."""
    column: str
    """Column key, e.g. ``natural_person``."""
    table_label: str
    """Official section heading, e.g. ``三、收到和处理政府信息公开申请情况``."""
    row_label: str
    """Official row label path (:attr:`~disclosure_report.tables.RowSpec.path`); empty for a
    table's only, unlabelled row."""
    column_label: str
    """Official column header path (:attr:`~disclosure_report.tables.Column.path`)."""
    value: int | Decimal | None
    """The number; ``None`` for a blank cell or one holding a marker or text only."""
    unit: str | None
    """The unit written in the cell, else the column's declared unit, else ``None``."""
    raw: str | None
    """The cell text as printed when it was not a clean number, else its marker, else ``None``."""


def _ordered_cells(table: Table, plan: v.TablePlan) -> list[tuple[v.RowPlan, Row, Column, Cell]]:
    """The table's cells with their declaration, in printed order (row, then column)."""
    placed: list[tuple[tuple[int, int], v.RowPlan, Row, Column, Cell]] = []
    seen: set[tuple[str, str]] = set()
    for row in table.rows:
        row_plan = plan.rows.get(row.key)
        if row_plan is None:
            msg = f"{plan.spec.key}.{row.key}: not an official row of {plan.spec.label}"
            raise SerialiseError(msg)
        for cell in row.cells:
            found = row_plan.columns.get(cell.column)
            if found is None:
                msg = f"{plan.spec.key}.{row.key}.{cell.column}: not a column of this row"
                raise SerialiseError(msg)
            if (row.key, cell.column) in seen:
                msg = f"{plan.spec.key}.{row.key}.{cell.column}: the cell is there twice"
                raise SerialiseError(msg)
            seen.add((row.key, cell.column))
            placed.append(((row_plan.position, found.position), row_plan, row, found.column, cell))
    placed.sort(key=lambda item: item[0])
    return [(row_plan, row, column, cell) for _, row_plan, row, column, cell in placed]


def to_records(report: Report) -> tuple[Record, ...]:
    """Return one :class:`Record` per cell present in ``report``'s official tables.

    Records come in printed order: the declaration's section order, then its row order, then
    its column order, whatever the order in the model. Rows and cells the model does not hold
    give no record (a blank cell present in the model gives one, with ``value=None``). Extra
    rows, notes and text sections are not official cells and give no record.

    Raises:
        SerialiseError: a row or column key the edition does not declare (no official label
            exists for it), or the same cell twice.
    """
    spec = edition_spec(report.edition)
    plan = v.edition_plan(report.edition)
    records = []
    for section in spec.tables:
        table = getattr(report, section.key)
        if table is None:
            continue
        for row_plan, row, column, cell in _ordered_cells(table, plan.tables[section.key]):
            records.append(
                Record(
                    table=section.key,
                    row=row.key,
                    column=column.key,
                    table_label=section.label,
                    row_label=row_plan.spec.path,
                    column_label=column.path,
                    value=cell.value,
                    unit=cell.unit if cell.unit is not None else column.unit,
                    raw=cell.raw if cell.raw is not None else cell.marker,
                )
            )
    return tuple(records)


def _csv_field(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # plain notation: spreadsheets read 1E+2 as a float
    return value


def to_csv(report: Report) -> str:
    r"""Return :func:`to_records` as CSV text, with a header line of the field names.

    One line per record after the header (the :class:`Record` field names). Written with the
    :mod:`csv` module (excel dialect: comma-separated, ``\r\n`` line ends,
    quotes where needed). ``None`` is an empty field; decimals are in plain notation. Encode
    the text as UTF-8 (``utf-8-sig`` for Excel) to write a file.

    Raises:
        SerialiseError: as :func:`to_records`.
    """
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(Record._fields)
    for record in to_records(report):
        writer.writerow([_csv_field(value) for value in record])
    return out.getvalue()
