"""Does a report fit its edition? One check, read off the declaration.

:func:`nonconformities` lists every way a :class:`~disclosure_report.model.Report` does not
fit the shape its edition declares in :mod:`disclosure_report.tables`: a row or column key
the edition does not have, a row or cell printed twice or out of the official order, a
non-optional column without a cell, an optional row printed together with the rows it stands
for, a fraction in a whole-number column, a number too large for any report. Wrong
*arithmetic* is not a nonconformity: a report may hold any numbers (that is the validator's
business); it may not hold a shape the format has no place for.

Everyone trusts this one check: the parsers never return a report that fails it, the XML and
JSON codecs refuse what it refuses, and the validator reports it. It lives in the
declaration layer (it knows the model and the declaration, nothing else of ours).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from decimal import Decimal
from typing import Final

from attrs import frozen

from disclosure_report.model import Report, Row, Table
from disclosure_report.tables import RowSpec, TableSpec, ValueKind, edition_spec

__all__ = [
    "MAX_NUMBER_DIGITS",
    "Nonconformity",
    "NonconformityKind",
    "nonconformities",
]

MAX_NUMBER_DIGITS: Final = 28
"""Most digits a number of a report may have, before and after the decimal point together.

No count or amount of an annual report comes near it (a count of 10²⁸ applications, an
amount of 10²⁸ 万元); the bound keeps every writer and every sum linear in the input.
"""


class NonconformityKind(enum.StrEnum):
    """The ways a report can fail to fit its edition; the value is a stable kebab-case name."""

    UNDECLARED_SECTION = "undeclared-section"
    """A table in a section the edition does not declare as a table."""
    UNDECLARED_ROW = "undeclared-row"
    """A row key the table does not declare (keep such rows as ``ExtraRow``)."""
    DUPLICATE_ROW = "duplicate-row"
    """The same row key twice in one table."""
    ROW_ORDER = "row-order"
    """Rows not in the official order."""
    REPLACED_ROWS = "replaced-rows"
    """An optional row printed together with a row it stands for (（六）其他处理 and its three sub-rows)."""
    UNDECLARED_COLUMN = "undeclared-column"
    """A cell whose column key the row does not declare."""
    DUPLICATE_CELL = "duplicate-cell"
    """Two cells for the same column in one row."""
    CELL_ORDER = "cell-order"
    """Cells not in the official column order."""
    MISSING_CELL = "missing-cell"
    """A non-optional column without a cell (a blank cell is a ``Cell`` with no value)."""
    FRACTION_IN_COUNT = "fraction-in-count"
    """A number with a fraction in a column of whole numbers."""
    NUMBER_TOO_LARGE = "number-too-large"
    """A number with more than :data:`MAX_NUMBER_DIGITS` digits or such an exponent."""


@frozen
class Nonconformity:
    """One way a report does not fit its edition, at a place named by keys."""

    kind: NonconformityKind
    section: str
    """Key of the section (a :class:`~disclosure_report.model.Report` attribute)."""
    row: str | None
    column: str | None
    message: str
    """What is wrong and what to do, in words a clerk can act on."""

    def __str__(self) -> str:
        path = ".".join(p for p in (self.section, self.row, self.column) if p)
        return f"{path}: {self.message}"


def nonconformities(report: Report) -> tuple[Nonconformity, ...]:
    """Every way ``report`` does not fit the shape of its edition (empty when it fits).

    >>> from disclosure_report.model import Report
    >>> nonconformities(Report(edition="2021"))
    ()
    """
    spec = edition_spec(report.edition)
    found: list[Nonconformity] = []
    for section in spec.sections:
        value = getattr(report, section.key)
        if isinstance(value, Table):
            if not isinstance(section, TableSpec):
                found.append(
                    Nonconformity(
                        NonconformityKind.UNDECLARED_SECTION,
                        section.key,
                        None,
                        None,
                        f"edition {spec.edition} has text, not a table, in {section.label}",
                    )
                )
                continue
            found.extend(_table(section, value))
    return tuple(found)


_POSITIONS: dict[int, dict[str, int]] = {}


def _positions(spec: TableSpec) -> dict[str, int]:
    # Keyed by identity: hashing a whole TableSpec costs more than the check it serves.
    found = _POSITIONS.get(id(spec))
    if found is None:
        found = _POSITIONS[id(spec)] = {row.key: i for i, row in enumerate(spec.rows)}
    return found


def _table(spec: TableSpec, table: Table) -> Iterator[Nonconformity]:
    positions = _positions(spec)
    seen: set[str] = set()
    last = -1
    for row in table.rows:
        position = positions.get(row.key)
        if position is None:
            declared = ", ".join(r.key for r in spec.rows)
            yield Nonconformity(
                NonconformityKind.UNDECLARED_ROW,
                spec.key,
                row.key,
                None,
                f"{row.key!r} is not a row of {spec.label}; keep it as an extra row "
                f"(the rows are {declared})",
            )
            continue
        if row.key in seen:
            yield Nonconformity(
                NonconformityKind.DUPLICATE_ROW,
                spec.key,
                row.key,
                None,
                f"row {row.key!r} appears twice; keep the second as an extra row",
            )
            continue
        if position < last:
            yield Nonconformity(
                NonconformityKind.ROW_ORDER,
                spec.key,
                row.key,
                None,
                f"row {row.key!r} comes after a row that follows it in the official table",
            )
        seen.add(row.key)
        last = max(last, position)
        yield from _row(spec, spec.rows[position], row)
    for row_spec in spec.rows:
        if row_spec.optional and row_spec.key in seen:
            printed = [k for k in row_spec.replaces if k in seen]
            if printed:
                yield Nonconformity(
                    NonconformityKind.REPLACED_ROWS,
                    spec.key,
                    row_spec.key,
                    None,
                    f"row {row_spec.key!r} stands for {', '.join(row_spec.replaces)}; "
                    f"it cannot be printed together with {', '.join(printed)}",
                )


def _row(table: TableSpec, spec: RowSpec, row: Row) -> Iterator[Nonconformity]:
    columns = {c.key: (i, c) for i, c in enumerate(spec.columns)}
    seen: set[str] = set()
    last = -1
    for cell in row.cells:
        found = columns.get(cell.column)
        if found is None:
            declared = ", ".join(c.key for c in spec.columns)
            yield Nonconformity(
                NonconformityKind.UNDECLARED_COLUMN,
                table.key,
                row.key,
                cell.column,
                f"{cell.column!r} is not a column of this row (its columns are {declared})",
            )
            continue
        position, column = found
        if cell.column in seen:
            yield Nonconformity(
                NonconformityKind.DUPLICATE_CELL,
                table.key,
                row.key,
                cell.column,
                f"two cells for column {cell.column!r}",
            )
            continue
        if position < last:
            yield Nonconformity(
                NonconformityKind.CELL_ORDER,
                table.key,
                row.key,
                cell.column,
                f"the cell of {cell.column!r} comes after a column that follows it",
            )
        seen.add(cell.column)
        last = max(last, position)
        value = cell.value
        problem = None if value is None else _number_problem(value, column.kind)
        if problem is not None:
            kind, message = problem
            yield Nonconformity(kind, table.key, row.key, cell.column, message)
    for column in spec.columns:
        if not column.optional and column.key not in seen:
            yield Nonconformity(
                NonconformityKind.MISSING_CELL,
                table.key,
                row.key,
                column.key,
                f"no cell for column {column.key!r}; a blank is a cell without a value",
            )


_LIMIT: Final = 10**MAX_NUMBER_DIGITS


def _number_problem(value: int | Decimal, kind: ValueKind) -> tuple[NonconformityKind, str] | None:
    if isinstance(value, int):  # the usual case first: a count well inside the bound
        if -_LIMIT < value < _LIMIT:
            return None
        return NonconformityKind.NUMBER_TOO_LARGE, (
            f"a number of more than {MAX_NUMBER_DIGITS} digits; no report holds one"
        )
    _sign, digits, exponent = value.as_tuple()
    if (
        not isinstance(exponent, int)
        or len(digits) > MAX_NUMBER_DIGITS
        or not (-MAX_NUMBER_DIGITS <= exponent <= MAX_NUMBER_DIGITS - len(digits))
    ):
        return NonconformityKind.NUMBER_TOO_LARGE, (
            f"{value!s:.40} has more than {MAX_NUMBER_DIGITS} digits or such an exponent"
        )
    if kind is not ValueKind.AMOUNT and value != value.to_integral_value():
        return NonconformityKind.FRACTION_IN_COUNT, (
            f"{value} has a fraction, but the column holds whole numbers"
        )
    return None
