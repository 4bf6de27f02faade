"""Properties of the rules over generated reports (tests/strategies.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_report.diagnostics import CODES, Diagnostic, Location, Severity
from disclosure_report.model import Cell, Report, Table
from disclosure_report.tables import edition_spec
from disclosure_report.validate import RULES, validate
from strategies import consistent_reports, reports

from ._reports import APPLICATIONS, REVIEW, TOTAL, add, at, table_of

pytestmark = pytest.mark.property


def _cell(report: Report, location: Location) -> Cell | None:
    """The cell at ``location``, ``None`` when the report lacks it."""
    table = getattr(report, location.section or "", None)
    if not isinstance(table, Table) or location.row is None or location.column is None:
        return None
    try:
        return table.cell(location.row, location.column)
    except KeyError:
        return None


def _sum_rule_findings(found: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    return [d for d in found if d.code.startswith(("R3", "R4"))]


@given(consistent_reports())
def test_consistent_reports_give_nothing(report: Report) -> None:
    found = validate(report)
    assert not [d for d in _sum_rule_findings(found) if d.severity is not Severity.INFO]
    assert not [d for d in found if d.code == "R0.6"]
    assert found == ()  # filled, with the edition's own year: nothing at all


@given(consistent_reports(), st.data())
def test_a_bumped_cell_is_found_and_named(report: Report, data: st.DataObject) -> None:
    section = data.draw(st.sampled_from([APPLICATIONS, REVIEW]))
    row = data.draw(st.sampled_from(table_of(report, section).rows))
    cell = data.draw(st.sampled_from(row.cells))
    found = validate(add(report, section, row.key, cell.column, 1))
    assert found
    bumped = at(section, row.key, cell.column)
    for diagnostic in found:
        assert diagnostic.severity is Severity.ERROR
        assert diagnostic.assessable
        assert bumped in diagnostic.cells


@given(consistent_reports(), st.data())
def test_a_bumped_row_total_is_found_once_in_its_row(report: Report, data: st.DataObject) -> None:
    row = data.draw(st.sampled_from(table_of(report, APPLICATIONS).rows))
    found = validate(add(report, APPLICATIONS, row.key, TOTAL, 1))
    r32 = [d for d in found if d.code == "R3.2"]
    assert [d.location.path for d in r32] == [f"$.{APPLICATIONS}.{row.key}.{TOTAL}"]
    assert r32[0].severity is Severity.ERROR


# Generating arbitrary reports is slow (they are big values), so one test draws them and
# checks every property that holds for any report.


@given(reports(), st.data())
def test_any_report(report: Report, data: st.DataObject) -> None:
    found = validate(report)
    _only_catalogued_codes(found)
    _verdicts_only_use_numbers(report, found)
    _every_cell_without_a_number_is_reported_once(report)
    _select_and_ignore_filter_by_code(report, found, data)


def _only_catalogued_codes(found: tuple[Diagnostic, ...]) -> None:
    codes = {rule.code for rule in RULES}
    for diagnostic in found:
        assert diagnostic.code in CODES
        assert diagnostic.code in codes
        assert str(diagnostic)


def _verdicts_only_use_numbers(report: Report, found: tuple[Diagnostic, ...]) -> None:
    """No blank, marker or missing cell is ever counted as 0; each one is named instead."""
    for diagnostic in _sum_rule_findings(found):
        cells = [_cell(report, location) for location in diagnostic.cells]
        if diagnostic.assessable:
            assert diagnostic.severity is Severity.ERROR
            assert all(c is not None and c.value is not None for c in cells)
        else:
            assert diagnostic.severity is Severity.INFO
            assert cells
            assert all(c is None or c.value is None for c in cells)


def _every_cell_without_a_number_is_reported_once(report: Report) -> None:
    expected = []
    for table_spec in edition_spec(report.edition).tables:
        table = getattr(report, table_spec.key)
        if not isinstance(table, Table):
            continue
        for row_spec in table_spec.rows:
            row = next((r for r in table.rows if r.key == row_spec.key), None)
            if row is None:
                continue
            for column in row_spec.columns:
                cell = next((c for c in row.cells if c.column == column.key), None)
                if cell is not None and cell.value is None:
                    expected.append(at(table_spec.key, row.key, column.key))
    found = validate(report, select=["R0.6"])
    assert [d.location for d in found] == expected
    assert all(d.severity is Severity.WARNING for d in found)


def _select_and_ignore_filter_by_code(
    report: Report, everything: tuple[Diagnostic, ...], data: st.DataObject
) -> None:
    codes = sorted({rule.code for rule in RULES})
    chosen = data.draw(st.lists(st.sampled_from(codes), unique=True))
    dropped = data.draw(st.lists(st.sampled_from(codes), unique=True))
    found = validate(report, select=chosen, ignore=dropped)
    assert found == tuple(d for d in everything if d.code in chosen and d.code not in dropped)
