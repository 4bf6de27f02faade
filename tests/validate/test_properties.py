"""Properties of the rules over generated reports (tests/strategies.py).

Which identities cover a cell is worked out here from the declaration's groups (the column
groups with their totals, the row group of 三、本年度办理结果 and the corner note's four rows),
independently of the rule engine, so that "exactly the rules that cover the cell fire" is a
real check.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.diagnostics import CODES, Diagnostic, Location, Severity
from disclosure_report.model import Cell, Edition, Report, Table
from disclosure_report.tables import edition_spec
from disclosure_report.validate import RULES, validate
from strategies import consistent_reports, reports

from ._reports import APPLICATIONS, REVIEW, add, at, blank, table_of

pytestmark = pytest.mark.property

_ARITHMETIC = ("R2", "R3", "R4", "C")
_CORNER_NOTE_ROWS = ("new_received", "carried_over", "results_total", "carried_forward")
"""第一项, 第二项, 第三项, 第四项 of the note 「本列数据的勾稽关系为…」 (FORMAT.md R3.1)."""
_RESULTS_CODE = {Edition.E2019: "R3.3b", Edition.E2021: "R3.3"}
_GROUP_CODES = {
    "applicants": "R3.2",
    "organisations": "R3.8",
    "review": "R4.1",
    "litigation_direct": "R4.2",
    "litigation_after_review": "R4.3",
}


def _covering(report: Report, section: str, row: str, column: str) -> set[str]:
    """The identities whose lines hold the cell, read off the declaration."""
    table = edition_spec(report.edition).table(section)
    printed = {c.column for c in table_of(report, section).row(row).cells}
    codes = {
        _GROUP_CODES[group.key]
        for group in table.column_groups
        if column in (*group.columns, group.total) and group.total in printed
    }
    if section == APPLICATIONS:
        if row in _CORNER_NOTE_ROWS:
            codes.add("R3.1")
        if any(group.total is not None for group in table.row(row).groups) or any(
            group.total == row for group in table.groups
        ):
            codes.add(_RESULTS_CODE[report.edition])
    return codes


def _cell(report: Report, location: Location) -> Cell | None:
    table = getattr(report, location.section or "", None)
    if not isinstance(table, Table) or location.row is None or location.column is None:
        return None
    try:
        return table.cell(location.row, location.column)
    except KeyError:
        return None


def _places(report: Report, data: st.DataObject) -> tuple[str, str, str]:
    section = data.draw(st.sampled_from([APPLICATIONS, REVIEW]))
    row = data.draw(st.sampled_from(table_of(report, section).rows))
    cell = data.draw(st.sampled_from(row.cells))
    return section, row.key, cell.column


@given(consistent_reports())
def test_a_consistent_report_gives_no_arithmetic_finding(report: Report) -> None:
    assert validate(report, select=_ARITHMETIC) == ()


@given(consistent_reports(), st.data(), st.sampled_from([1, -1]))
def test_a_changed_cell_fires_exactly_the_rules_that_cover_it(
    report: Report, data: st.DataObject, delta: int
) -> None:
    section, row, column = _places(report, data)
    if delta < 0 and table_of(report, section).cell(row, column).value == 0:
        delta = 1  # keep it a count
    found = validate(
        add(report, section, row, column, delta), select=_ARITHMETIC, suggestions=False
    )
    assert {d.code for d in found} == _covering(report, section, row, column)
    changed = at(section, row, column)
    for diagnostic in found:
        assert (diagnostic.severity, diagnostic.assessable) == (Severity.ERROR, True)
        assert changed in diagnostic.cells
        assert abs(diagnostic.difference or 0) == 1
    assert len(found) == len({d.code for d in found})  # one line per rule holds the cell


@given(consistent_reports(), st.data())
def test_a_blank_is_never_counted_as_zero(report: Report, data: st.DataObject) -> None:
    section, row, column = _places(report, data)
    found = validate(blank(report, section, row, column), select=_ARITHMETIC)
    # The numbers left are consistent, so nothing is an error; every rule through the blank
    # says it could not check that line, naming the blank cell, even when the cell was 0.
    assert not [d for d in found if d.severity is Severity.ERROR]
    unchecked = {d.code for d in found if not d.assessable and at(section, row, column) in d.cells}
    assert unchecked == _covering(report, section, row, column)


# Generating arbitrary reports is slow (they are big values), so one test draws them and
# checks every property that holds for any report.


@settings(max_examples=60)
@given(reports(), st.data())
def test_any_report(report: Report, data: st.DataObject) -> None:
    found = validate(report)
    _findings_are_catalogued_and_readable(found)
    _verdicts_only_use_numbers(report, found)
    _every_cell_without_a_number_is_named_once(report)
    _select_and_ignore_filter_by_code(report, found, data)


def _findings_are_catalogued_and_readable(found: tuple[Diagnostic, ...]) -> None:
    for diagnostic in found:
        assert diagnostic.code in CODES
        for lang in ("zh", "en"):
            text = diagnostic.text(lang, fallback="\0")
            assert text not in {"", "\0"}, (diagnostic.code, lang)
        json.dumps(diagnostic.to_dict(), ensure_ascii=False)


def _verdicts_only_use_numbers(report: Report, found: tuple[Diagnostic, ...]) -> None:
    """A verdict of an identity reads numbers only; a blank is named, never counted as 0."""
    for diagnostic in found:
        if not diagnostic.code.startswith(("R3.1", "R3.2", "R3.3", "R3.8", "R4.1", "R4.2", "R4.3")):
            continue
        cells = [_cell(report, location) for location in diagnostic.cells]
        if not diagnostic.assessable:
            assert diagnostic.severity is Severity.INFO
            assert cells
            assert all(c is None or c.value is None for c in cells)
        elif diagnostic.form != "parts-exceed":
            assert diagnostic.severity is Severity.ERROR
            assert all(c is not None and c.value is not None for c in cells)


def _every_cell_without_a_number_is_named_once(report: Report) -> None:
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
    assert [cell for d in found for cell in d.cells] == expected
    assert all(d.severity is Severity.WARNING for d in found)


def _select_and_ignore_filter_by_code(
    report: Report, everything: tuple[Diagnostic, ...], data: st.DataObject
) -> None:
    codes = sorted({rule.code for rule in RULES})
    chosen = data.draw(st.lists(st.sampled_from(codes), unique=True))
    dropped = data.draw(st.lists(st.sampled_from(codes), unique=True))
    found = validate(report, select=chosen, ignore=dropped, suggestions=False)
    plain = tuple(d for d in everything if not d.code.startswith("S"))
    assert found == tuple(d for d in plain if d.code in chosen and d.code not in dropped)


def test_the_bumped_cell_property_can_fail() -> None:
    # The covering sets are not empty, and a wrong one would be noticed.
    from ._reports import consistent

    report = consistent(Edition.E2021, subtotal=True)
    assert _covering(report, APPLICATIONS, "granted", "commercial_enterprise") == {
        "R3.2",
        "R3.3",
        "R3.8",
    }
    assert _covering(report, APPLICATIONS, "new_received", "total") == {"R3.1", "R3.2"}
    assert _covering(report, REVIEW, "cases", "review_total") == {"R4.1"}
    assert attrs.has(Report)
