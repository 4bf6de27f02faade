"""Small hand-made reports for the rule tests, built by walking the table declaration.

The keys named here are test expectations (the places a finding must point at), written
independently of the rule table they check.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from disclosure_report.diagnostics import Location
from disclosure_report.model import Cell, Edition, Paragraph, Report, Row, Table, TextSection
from disclosure_report.tables import ValueKind, edition_spec

_R = attrs.fields(Report)
PROACTIVE = _R.proactive_disclosure.name
APPLICATIONS = _R.applications.name
REVIEW = _R.review_litigation.name
OVERVIEW = _R.overview.name
PROBLEMS = _R.problems.name
OTHER_MATTERS = _R.other_matters.name
ORGAN = "某某县人民政府"

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


def _text(*paragraphs: str) -> TextSection:
    return TextSection(paragraphs=tuple(Paragraph(text=t) for t in paragraphs))


OVERVIEW_TEXT = (
    "（一）主动公开。及时公开机构职能、规划计划等信息。",
    "（二）依申请公开。严格按照法定时限答复。",
    "（三）政府信息管理。规范发布审查流程。",
    "（四）政府信息公开平台建设。优化政府网站栏目。",
    "（五）监督保障。开展工作考核、社会评议，落实责任追究。",
)
PROBLEMS_TEXT = ("主要问题是政策解读形式较为单一。下一步将丰富解读形式。",)
OTHER_TEXT = ("本年度未收取信息处理费。",)


def _proactive(edition: Edition) -> Table:
    """Table 二 filled so that every rule on it holds (counts >= 2, totals above the parts)."""
    rows = []
    for i, row in enumerate(edition_spec(edition).table(PROACTIVE).rows):
        cells = []
        for j, column in enumerate(row.columns):
            if column.kind is ValueKind.AMOUNT:
                cells.append(
                    Cell(column=column.key, value=Decimal("1.5"), unit=column.unit or "万元")
                )
            elif column.kind is ValueKind.SIGNED:
                cells.append(Cell(column=column.key, value=1))
            else:
                cells.append(Cell(column=column.key, value=2 + i + 10 * j))
        rows.append(Row(key=row.key, cells=tuple(cells)))
    return Table(rows=tuple(rows))


def consistent(
    edition: Edition,
    *,
    subtotal: bool = False,
    year: int | None = None,
    values: dict[tuple[str, str], int] | None = None,
) -> Report:
    """A complete report of ``edition`` that breaks no rule: every section, metadata, and
    tables whose every identity holds.

    Every count of 三 and 四 is at least 2, so that a test can take 1 off any cell and keep
    it a count, unless ``values`` (``(row, column) -> number`` for result rows of 三 and the
    applicant columns) sets it; the totals are worked out from them.
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
    for (row_key, column_key), value in (values or {}).items():
        grid[row_key][column_key] = value
    grid[RESULTS_TOTAL] = {c: sum(grid[r][c] for r in results) for c in parts}
    grid[CARRIED_FORWARD] = {c: 3 + j for j, c in enumerate(parts)}
    grid[CARRIED_OVER] = dict.fromkeys(parts, 2)
    grid[NEW_RECEIVED] = {
        c: grid[RESULTS_TOTAL][c] + grid[CARRIED_FORWARD][c] - grid[CARRIED_OVER][c] for c in parts
    }
    rows = []
    for row_spec in template:
        line = dict(grid[row_spec.key])
        organisations = sum(v for k, v in line.items() if k != NATURAL_PERSON)
        line[SUBTOTAL] = organisations
        line[TOTAL] = line[NATURAL_PERSON] + organisations
        cells = tuple(
            Cell(column=c.key, value=line[c.key])
            for c in row_spec.columns
            if subtotal or not c.optional
        )
        rows.append(Row(key=row_spec.key, cells=cells))
    four = spec.table(REVIEW)
    review_rows = []
    for row_spec in four.rows:
        numbers: dict[str, int] = {}
        for i, column in enumerate(row_spec.columns):
            if column.key.endswith(f"_{TOTAL}"):
                numbers[column.key] = sum(
                    v for c, v in numbers.items() if c.startswith(column.key.removesuffix(TOTAL))
                )
            else:
                numbers[column.key] = 2 + i
        review_rows.append(
            Row(key=row_spec.key, cells=tuple(Cell(column=k, value=v) for k, v in numbers.items()))
        )
    year = spec.years[0] if year is None else year
    return Report(
        edition=edition,
        organ=ORGAN,
        year=year,
        title=f"{ORGAN}{year}年政府信息公开工作年度报告",
        publication_date=date(year + 1, 1, 20),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        overview=_text(*OVERVIEW_TEXT),
        proactive_disclosure=_proactive(edition),
        applications=Table(rows=tuple(rows)),
        review_litigation=Table(rows=tuple(review_rows)),
        problems=_text(*PROBLEMS_TEXT),
        other_matters=_text(*OTHER_TEXT),
    )


def tables_only(report: Report) -> Report:
    """``report`` with its tables 三 and 四 only: no metadata, no text, no 二."""
    return Report(
        edition=report.edition,
        year=report.year,
        applications=report.applications,
        review_litigation=report.review_litigation,
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
