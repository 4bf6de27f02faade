"""One test per rule: a small report that breaks exactly that rule, and what must be said."""

from __future__ import annotations

import attrs
import pytest

from disclosure_report.diagnostics import Diagnostic, Severity, locate
from disclosure_report.model import Cell, Edition, Report, Row, Source
from disclosure_report.tables import edition_spec
from disclosure_report.validate import validate

from ._reports import (
    APPLICATIONS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    CASES,
    COMMERCIAL,
    GRANTED,
    NATURAL_PERSON,
    NEW_RECEIVED,
    PARTIALLY_GRANTED,
    RESULTS_TOTAL,
    REVIEW,
    REVIEW_TOTAL,
    SUBTOTAL,
    TOTAL,
    add,
    at,
    blank,
    consistent,
    replace_table,
    table_of,
    with_cell,
    without_row,
)

EDITIONS = list(Edition)


def errors(report: Report) -> list[Diagnostic]:
    return [d for d in validate(report) if d.severity is Severity.ERROR]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("subtotal", [False, True])
def test_a_consistent_report_gives_nothing(edition: Edition, *, subtotal: bool) -> None:
    assert validate(consistent(edition, subtotal=subtotal)) == ()


# --- the sum rules ---------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_r3_1_column_identity(edition: Edition) -> None:
    # One more carried over, in 自然人 and in 总计: every row still adds up, the columns not.
    report = consistent(edition)
    report = add(report, APPLICATIONS, CARRIED_OVER, NATURAL_PERSON, 1)
    report = add(report, APPLICATIONS, CARRIED_OVER, TOTAL, 1)
    found = errors(report)
    assert [d.code for d in found] == ["R3.1", "R3.1"]
    assert [d.location for d in found] == [
        at(APPLICATIONS, RESULTS_TOTAL, NATURAL_PERSON),
        at(APPLICATIONS, RESULTS_TOTAL, TOTAL),
    ]
    assert set(found[0].cells) == {
        at(APPLICATIONS, row, NATURAL_PERSON)
        for row in (NEW_RECEIVED, CARRIED_OVER, RESULTS_TOTAL, CARRIED_FORWARD)
    }
    assert "differ by 1" in found[0].message


@pytest.mark.parametrize("edition", EDITIONS)
def test_r3_2_row_identity(edition: Edition) -> None:
    # One request moved from （二） to （一） in 自然人 only: every column still adds up.
    report = consistent(edition)
    report = add(report, APPLICATIONS, GRANTED, NATURAL_PERSON, 1)
    report = add(report, APPLICATIONS, PARTIALLY_GRANTED, NATURAL_PERSON, -1)
    found = errors(report)
    assert [d.code for d in found] == ["R3.2", "R3.2"]
    assert [d.location.path for d in found] == [
        f"$.{APPLICATIONS}.{GRANTED}.{TOTAL}",
        f"$.{APPLICATIONS}.{PARTIALLY_GRANTED}.{TOTAL}",
    ]
    applicants = [c.key for c in edition_spec(edition).table(APPLICATIONS).columns]
    assert set(found[0].cells) == {
        at(APPLICATIONS, GRANTED, c) for c in applicants if c != SUBTOTAL
    }


@pytest.mark.parametrize(("edition", "code"), [(Edition.E2021, "R3.3"), (Edition.E2019, "R3.3b")])
def test_r3_3_results_identity(edition: Edition, code: str) -> None:
    # One request moved from 四、结转 to （七）总计 without touching the result rows.
    report = consistent(edition)
    for column in (NATURAL_PERSON, TOTAL):
        report = add(report, APPLICATIONS, RESULTS_TOTAL, column, 1)
        report = add(report, APPLICATIONS, CARRIED_FORWARD, column, -1)
    found = errors(report)
    assert [d.code for d in found] == [code, code]
    assert [d.location for d in found] == [
        at(APPLICATIONS, RESULTS_TOTAL, NATURAL_PERSON),
        at(APPLICATIONS, RESULTS_TOTAL, TOTAL),
    ]
    results = [
        r.key for r in edition_spec(edition).table(APPLICATIONS).expected_rows(()) if r.groups
    ]  # every template row under 三、本年度办理结果, （七）总计 included
    assert {c.row for c in found[0].cells} == set(results)


@pytest.mark.parametrize("edition", EDITIONS)
def test_r3_8_subtotal_identity(edition: Edition) -> None:
    report = consistent(edition, subtotal=True)
    report = add(report, APPLICATIONS, GRANTED, SUBTOTAL, 1)
    report = add(report, APPLICATIONS, PARTIALLY_GRANTED, SUBTOTAL, -1)
    found = errors(report)
    assert [d.code for d in found] == ["R3.8", "R3.8"]
    assert [d.location for d in found] == [
        at(APPLICATIONS, GRANTED, SUBTOTAL),
        at(APPLICATIONS, PARTIALLY_GRANTED, SUBTOTAL),
    ]
    assert at(APPLICATIONS, GRANTED, COMMERCIAL) in found[0].cells
    assert at(APPLICATIONS, GRANTED, NATURAL_PERSON) not in found[0].cells


@pytest.mark.parametrize("edition", EDITIONS)
def test_r3_8_only_where_the_subtotal_is_printed(edition: Edition) -> None:
    report = consistent(edition)  # no subtotal column
    assert validate(report, select=["R3.8"]) == ()


def _review_groups() -> list[tuple[str, str]]:
    """(code, total column) per column group of 四, in printed order."""
    columns = edition_spec(Edition.E2021).table(REVIEW).columns
    totals = [c.key for c in columns if c.key.endswith(f"_{TOTAL}")]
    return list(zip(["R4.1", "R4.2", "R4.3"], totals, strict=True))


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("code", "total"), _review_groups())
def test_r4_totals(edition: Edition, code: str, total: str) -> None:
    report = add(consistent(edition), REVIEW, CASES, total, 1)
    found = errors(report)
    assert [(d.code, d.location) for d in found] == [(code, at(REVIEW, CASES, total))]
    group = edition_spec(edition).table(REVIEW).rows[0].column(total).group
    assert {c.column for c in found[0].cells} == {
        c.key for c in edition_spec(edition).table(REVIEW).columns if c.group == group
    }


# --- R0.6 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_r0_6_blank_cell(edition: Edition) -> None:
    report = blank(consistent(edition), APPLICATIONS, CARRIED_OVER, TOTAL)
    found = [d for d in validate(report) if d.code == "R0.6"]
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert found[0].location == at(APPLICATIONS, CARRIED_OVER, TOTAL)
    assert found[0].cells == (at(APPLICATIONS, CARRIED_OVER, TOTAL),)
    assert "blank" in found[0].message


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        (Cell(column=TOTAL, marker="/"), "/"),
        (Cell(column=TOTAL, marker="无"), "无"),
        (Cell(column=TOTAL, raw="十二"), "十二"),
    ],
)
def test_r0_6_not_a_number(cell: Cell, shown: str) -> None:
    report = with_cell(consistent(Edition.E2021), APPLICATIONS, GRANTED, cell)
    found = [d for d in validate(report) if d.code == "R0.6"]
    assert [(d.severity, d.location) for d in found] == [
        (Severity.WARNING, at(APPLICATIONS, GRANTED, TOTAL))
    ]
    assert f'"{shown}"' in found[0].message


def test_r0_6_keeps_the_source() -> None:
    source = Source(line=42)
    report = with_cell(
        consistent(Edition.E2019), REVIEW, CASES, Cell(column=REVIEW_TOTAL, source=source)
    )
    [found] = validate(report, select=["R0.6"])
    assert found.location.source == source
    assert "line 42" in str(found)


# --- R0.3 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("edition", "year", "severity"),
    [
        (Edition.E2019, 2019, None),
        (Edition.E2019, 2020, None),
        (Edition.E2021, 2021, None),
        (Edition.E2021, 2030, None),
        (Edition.E2019, 2021, Severity.ERROR),  # superseded tables
        (Edition.E2019, 2024, Severity.ERROR),
        (Edition.E2021, 2020, Severity.WARNING),  # newer tables for an earlier year
        (Edition.E2019, 2018, Severity.WARNING),  # before every edition
        (Edition.E2021, 2010, Severity.WARNING),
    ],
)
def test_r0_3_edition_year(edition: Edition, year: int, severity: Severity | None) -> None:
    found = validate(consistent(edition, year=year))
    assert [d.severity for d in found] == ([] if severity is None else [severity])
    assert all(d.code == "R0.3" for d in found)
    if found:
        assert str(year) in found[0].message
        assert edition_spec(edition).name in found[0].message


def test_r0_3_no_year_no_finding() -> None:
    report = attrs.evolve(consistent(Edition.E2019), year=None)
    assert validate(report) == ()


# --- not assessable --------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_blank_makes_a_rule_not_assessable(edition: Edition) -> None:
    report = blank(consistent(edition), APPLICATIONS, GRANTED, COMMERCIAL)
    found = validate(report)
    assert not [d for d in found if d.severity is Severity.ERROR]
    r32 = [d for d in found if d.code == "R3.2"]
    assert len(r32) == 1
    assert r32[0].severity is Severity.INFO
    assert r32[0].assessable is False
    assert r32[0].location == at(APPLICATIONS, GRANTED, TOTAL)
    assert r32[0].cells == (at(APPLICATIONS, GRANTED, COMMERCIAL),)
    row = edition_spec(edition).table(APPLICATIONS).row(GRANTED)
    assert r32[0].message.startswith("not checked: blank cell ")
    assert row.path in r32[0].message
    assert row.column(COMMERCIAL).path in r32[0].message
    # The results identity of that column cannot be checked either; R0.6 says why.
    assert [d.severity for d in found if d.code.startswith("R3.3")] == [Severity.INFO]
    assert [d.severity for d in found if d.code == "R0.6"] == [Severity.WARNING]


def test_a_blank_is_not_counted_as_zero() -> None:
    # 自然人 of （一）予以公开 really is 0, and the row adds up if a blank were 0: still unchecked.
    report = consistent(Edition.E2021)
    value = table_of(report, APPLICATIONS).cell(GRANTED, NATURAL_PERSON).value
    assert isinstance(value, int)
    report = add(report, APPLICATIONS, GRANTED, NATURAL_PERSON, -value)
    report = add(report, APPLICATIONS, GRANTED, TOTAL, -value)
    report = blank(report, APPLICATIONS, GRANTED, NATURAL_PERSON)
    [found] = validate(report, select=["R3.2"])
    assert found.assessable is False


def test_a_marker_makes_a_rule_not_assessable() -> None:
    report = with_cell(
        consistent(Edition.E2021), APPLICATIONS, CARRIED_OVER, Cell(column=TOTAL, marker="/")
    )
    found = validate(report, select=["R3.1"])
    assert [(d.severity, d.assessable, d.location) for d in found] == [
        (Severity.INFO, False, at(APPLICATIONS, RESULTS_TOTAL, TOTAL))
    ]
    assert found[0].cells == (at(APPLICATIONS, CARRIED_OVER, TOTAL),)
    assert '"/"' in found[0].message


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_missing_row_makes_rules_not_assessable(edition: Edition) -> None:
    report = without_row(consistent(edition), APPLICATIONS, CARRIED_OVER)
    found = validate(report)
    assert found
    assert all(d.severity is Severity.INFO and not d.assessable for d in found)
    label = edition_spec(edition).table(APPLICATIONS).row(CARRIED_OVER).path
    assert all(f"missing row {label}" in d.message for d in found)
    columns = [c.key for c in edition_spec(edition).table(APPLICATIONS).columns if not c.optional]
    # R3.1 in every column, R3.2 in the missing row itself.
    assert [(d.code, d.location) for d in found] == [
        *(("R3.1", at(APPLICATIONS, RESULTS_TOTAL, c)) for c in columns),
        ("R3.2", at(APPLICATIONS, CARRIED_OVER, TOTAL)),
    ]
    assert found[0].cells == (at(APPLICATIONS, CARRIED_OVER, columns[0]),)


def test_a_missing_cell_makes_a_rule_not_assessable() -> None:
    report = consistent(Edition.E2021)
    table = table_of(report, APPLICATIONS)
    rows = tuple(
        attrs.evolve(r, cells=tuple(c for c in r.cells if c.column != COMMERCIAL))
        if r.key == GRANTED
        else r
        for r in table.rows
    )
    report = attrs.evolve(report, applications=attrs.evolve(table, rows=rows))
    found = validate(report)
    assert [(d.code, d.severity) for d in found] == [
        ("R3.2", Severity.INFO),
        ("R3.3", Severity.INFO),
    ]
    assert all("missing cell" in d.message for d in found)
    assert all(d.cells == (at(APPLICATIONS, GRANTED, COMMERCIAL),) for d in found)


def test_a_subtotal_printed_in_some_rows_only() -> None:
    # The subtotal column is checked where printed; R3.1 cannot check it without all four rows.
    report = consistent(Edition.E2021, subtotal=True)
    report = without_row(report, APPLICATIONS, CARRIED_FORWARD)
    table = table_of(report, APPLICATIONS)
    full = table_of(consistent(Edition.E2021), APPLICATIONS).row(CARRIED_FORWARD)
    report = attrs.evolve(report, applications=attrs.evolve(table, rows=(*table.rows, full)))
    found = [d for d in validate(report) if d.location.column == SUBTOTAL]
    assert [(d.code, d.severity) for d in found] == [("R3.1", Severity.INFO)]
    assert found[0].cells == (at(APPLICATIONS, CARRIED_FORWARD, SUBTOTAL),)


@pytest.mark.parametrize("section", [APPLICATIONS, REVIEW])
def test_a_missing_section_gives_nothing(section: str) -> None:
    report = replace_table(consistent(Edition.E2021), section, None)
    assert validate(report) == ()


# --- what a clerk reads ----------------------------------------------------------------------


def test_a_violation_states_both_sides_with_numbers_and_labels() -> None:
    # The worked example of FORMAT.md §7.2 (Shanghai 2019, 总计 column), with one number off.
    report = consistent(Edition.E2019)
    for row, value in ((NEW_RECEIVED, 859), (CARRIED_OVER, 18), (RESULTS_TOTAL, 805)):
        report = with_cell(report, APPLICATIONS, row, Cell(column=TOTAL, value=value))
    report = with_cell(report, APPLICATIONS, CARRIED_FORWARD, Cell(column=TOTAL, value=70))
    [found] = validate(report, select=["R3.1"])
    table = edition_spec(Edition.E2019).table(APPLICATIONS)
    new, over, forward = (table.row(k).label for k in (NEW_RECEIVED, CARRIED_OVER, CARRIED_FORWARD))
    results_total = table.row(RESULTS_TOTAL).path
    assert found.message == (
        f"{new} (859) + {over} (18) = 877, but {results_total} (805) + {forward} (70) = 875; "
        "the two sides differ by 2"
    )


def test_str_names_the_official_labels() -> None:
    report = add(consistent(Edition.E2021), APPLICATIONS, GRANTED, TOTAL, 1)
    [found] = validate(report, select=["R3.2"])
    table = edition_spec(Edition.E2021).table(APPLICATIONS)
    row = table.row(GRANTED)
    text = str(found)
    for label in (table.label, row.path, row.column(TOTAL).path):
        assert label in text
    assert found.location == locate(Edition.E2021, APPLICATIONS, GRANTED, TOTAL)
    # Both sides: the total and each applicant column, by label, with its number.
    for column in row.columns:
        if not column.optional and column.key != TOTAL:
            assert column.label in found.message


def test_str_of_a_review_finding_names_the_column_group() -> None:
    report = add(consistent(Edition.E2021), REVIEW, CASES, REVIEW_TOTAL, 1)
    [found] = validate(report)
    table = edition_spec(Edition.E2021).table(REVIEW)
    assert table.label in str(found)
    assert table.rows[0].column(REVIEW_TOTAL).path in str(found)


# --- （六）其他处理 printed as one row in a 2021-edition report (the 2019 layout) -----------------


def _hybrid(report: Report) -> Report:
    """Replace the three （六） sub-rows by one optional row holding their sums."""
    spec = edition_spec(Edition.E2021).table(APPLICATIONS)
    (single,) = [r for r in spec.rows if r.optional]
    table = table_of(report, APPLICATIONS)
    parts = [table.row(k) for k in single.replaces]
    merged = Row(
        key=single.key,
        cells=tuple(
            Cell(column=c.column, value=sum(p.cell(c.column).value or 0 for p in parts))
            for c in parts[0].cells
        ),
    )
    rows: list[Row] = []
    for row in table.rows:
        if row.key == single.replaces[0]:
            rows.append(merged)
        if row.key not in single.replaces:
            rows.append(row)
    return replace_table(report, APPLICATIONS, attrs.evolve(table, rows=tuple(rows)))


def test_single_other_handling_row_stands_for_the_three_sub_rows() -> None:
    report = _hybrid(consistent(Edition.E2021))
    assert validate(report) == ()
    (single,) = [r for r in edition_spec(Edition.E2021).table(APPLICATIONS).rows if r.optional]
    bumped = add(report, APPLICATIONS, single.key, NATURAL_PERSON, 1)
    codes = {d.code for d in validate(bumped) if d.severity is Severity.ERROR}
    assert codes == {"R3.2", "R3.3"}
    (r33,) = [d for d in validate(bumped) if d.code == "R3.3"]
    assert at(APPLICATIONS, single.key, NATURAL_PERSON) in r33.cells
