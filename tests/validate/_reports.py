"""Small hand-made reports for the rule tests, built by walking the table declaration.

The keys named here are test expectations (the places a finding must point at), written
independently of the rule table they check.
"""

from __future__ import annotations

from typing import Any

import attrs

from disclosure_report.diagnostics import Location
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import edition_spec

_R = attrs.fields(Report)
APPLICATIONS = _R.applications.name
REVIEW = _R.review_litigation.name

TOTAL = "total"
SUBTOTAL = "legal_person_subtotal"
NATURAL_PERSON = "natural_person"
COMMERCIAL = "commercial_enterprise"
RESEARCH = "research_institution"
NEW_RECEIVED = "new_received"
CARRIED_OVER = "carried_over"
GRANTED = "granted"
PARTIALLY_GRANTED = "partially_granted"
RESULTS_TOTAL = "results_total"
CARRIED_FORWARD = "carried_forward"
CASES = "cases"
REVIEW_TOTAL = "review_total"
REVIEW_UPHELD = "review_upheld"


def consistent(edition: Edition, *, subtotal: bool = False, year: int | None = None) -> Report:
    """A fully filled report of ``edition`` whose every identity of 三 and 四 holds.

    Every cell is at least 2, so that a test can take 1 off any cell and keep it a count.
    """
    spec = edition_spec(edition)
    three = spec.table(APPLICATIONS)
    parts = [c.key for c in three.columns if not c.optional and c.key != TOTAL]
    template = three.expected_rows(())  # the template's rows: no optional ones
    results = [r.key for r in template if r.groups and r.key != RESULTS_TOTAL]
    grid: dict[str, dict[str, int]] = {
        row: {column: 2 + (i + j) % 5 for j, column in enumerate(parts)}
        for i, row in enumerate(results)
    }
    grid[RESULTS_TOTAL] = {c: sum(grid[r][c] for r in results) for c in parts}
    grid[CARRIED_FORWARD] = {c: 3 + j for j, c in enumerate(parts)}
    grid[CARRIED_OVER] = dict.fromkeys(parts, 2)
    grid[NEW_RECEIVED] = {
        c: grid[RESULTS_TOTAL][c] + grid[CARRIED_FORWARD][c] - grid[CARRIED_OVER][c] for c in parts
    }
    rows = []
    for row_spec in template:
        values = dict(grid[row_spec.key])
        organisations = sum(v for k, v in values.items() if k != NATURAL_PERSON)
        values[SUBTOTAL] = organisations
        values[TOTAL] = values[NATURAL_PERSON] + organisations
        cells = tuple(
            Cell(column=c.key, value=values[c.key])
            for c in row_spec.columns
            if subtotal or not c.optional
        )
        rows.append(Row(key=row_spec.key, cells=cells))
    four = spec.table(REVIEW)
    review_rows = []
    for row_spec in four.rows:
        values = {}
        for i, column in enumerate(row_spec.columns):
            if column.key.endswith(f"_{TOTAL}"):
                values[column.key] = sum(
                    v for c, v in values.items() if c.startswith(column.key.removesuffix(TOTAL))
                )
            else:
                values[column.key] = 2 + i
        review_rows.append(
            Row(key=row_spec.key, cells=tuple(Cell(column=k, value=v) for k, v in values.items()))
        )
    return Report(
        edition=edition,
        year=spec.years[0] if year is None else year,
        applications=Table(rows=tuple(rows)),
        review_litigation=Table(rows=tuple(review_rows)),
    )


def table_of(report: Report, section: str) -> Table:
    """The table ``section`` of ``report``, which must be there."""
    table = getattr(report, section)
    assert isinstance(table, Table)
    return table


def replace_table(report: Report, section: str, table: Table | None) -> Report:
    """``report`` with the table section ``section`` replaced (``None``: the section is gone)."""
    changes: dict[str, Any] = {section: table}
    return attrs.evolve(report, **changes)


def with_cell(report: Report, section: str, row: str, cell: Cell) -> Report:
    """``report`` with the cell of ``row`` and ``cell.column`` in ``section`` replaced."""
    table = table_of(report, section)
    rows = tuple(
        attrs.evolve(r, cells=tuple(cell if c.column == cell.column else c for c in r.cells))
        if r.key == row
        else r
        for r in table.rows
    )
    return replace_table(report, section, attrs.evolve(table, rows=rows))


def add(report: Report, section: str, row: str, column: str, delta: int) -> Report:
    """``report`` with ``delta`` added to the number at ``row`` and ``column`` of ``section``."""
    cell = table_of(report, section).cell(row, column)
    assert cell.value is not None
    return with_cell(report, section, row, attrs.evolve(cell, value=cell.value + delta))


def blank(report: Report, section: str, row: str, column: str) -> Report:
    """``report`` with the cell at ``row`` and ``column`` of ``section`` left blank."""
    return with_cell(report, section, row, Cell(column=column))


def without_row(report: Report, section: str, row: str) -> Report:
    """``report`` without the row ``row`` of ``section``."""
    table = table_of(report, section)
    rows = tuple(r for r in table.rows if r.key != row)
    return replace_table(report, section, attrs.evolve(table, rows=rows))


def at(section: str, row: str, column: str) -> Location:
    """The location of a cell, as diagnostics compare it (keys only)."""
    return Location(section=section, row=row, column=column)
