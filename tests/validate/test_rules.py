"""The arithmetic rules: a small report that breaks exactly one rule, and what must be said."""

from __future__ import annotations

import attrs
import pytest

from disclosure_report.diagnostics import Diagnostic, Severity, locate
from disclosure_report.model import Cell, Edition, Report, Row, Source, Table
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
    RESEARCH,
    RESULTS_TOTAL,
    REVIEW,
    REVIEW_TOTAL,
    REVIEW_UPHELD,
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
    return [d for d in validate(report, suggestions=False) if d.severity is Severity.ERROR]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("subtotal", [False, True])
def test_a_consistent_complete_report_gives_nothing(edition: Edition, *, subtotal: bool) -> None:
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
    # The printed side (the one holding （七）总计) is the actual, the other the expected.
    assert found[0].difference == -1
    assert found[0].actual is not None
    assert found[0].expected == found[0].actual + 1


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
    assert [d.difference for d in found] == [-1, 1]
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
    assert found[0].difference == 1


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
    """(code, total column) per column group of 四, by the groups' keys."""
    table = edition_spec(Edition.E2021).table(REVIEW)
    keys = ("review", "litigation_direct", "litigation_after_review")
    return [
        (code, table.column_group(key).total)
        for code, key in zip(("R4.1", "R4.2", "R4.3"), keys, strict=True)
    ]


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize(("code", "total"), _review_groups())
def test_r4_totals(edition: Edition, code: str, total: str) -> None:
    report = add(consistent(edition), REVIEW, CASES, total, 1)
    found = errors(report)
    assert [(d.code, d.location) for d in found] == [(code, at(REVIEW, CASES, total))]
    group = next(g for g in edition_spec(edition).table(REVIEW).column_groups if g.total == total)
    assert {c.column for c in found[0].cells} == {*group.columns, group.total}


# --- per-cell predicates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "row", "column", "code"),
    [
        (APPLICATIONS, GRANTED, NATURAL_PERSON, "R3.4"),
        (REVIEW, CASES, REVIEW_UPHELD, "R4.4"),
    ],
)
def test_a_negative_count_is_an_error(section: str, row: str, column: str, code: str) -> None:
    report = with_cell(consistent(Edition.E2021), section, row, Cell(column=column, value=-1))
    found = [d for d in validate(report) if d.code == code]
    assert [(d.severity, d.location, d.actual) for d in found] == [
        (Severity.ERROR, at(section, row, column), -1)
    ]


def test_a_fraction_in_a_count_is_an_error_once() -> None:
    from decimal import Decimal

    report = with_cell(
        consistent(Edition.E2021),
        APPLICATIONS,
        GRANTED,
        Cell(column=RESEARCH, value=Decimal("2.5")),
    )
    found = validate(report, suggestions=False)
    assert [d.code for d in found if d.location == at(APPLICATIONS, GRANTED, RESEARCH)] == ["R3.4"]
    assert not [d for d in found if d.code == "C1"]  # the conformance rule leaves it to R3.4


# --- R0.6 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_r0_6_blank_cells_are_grouped_by_row(edition: Edition) -> None:
    report = blank(consistent(edition), APPLICATIONS, CARRIED_OVER, TOTAL)
    report = blank(report, APPLICATIONS, CARRIED_OVER, COMMERCIAL)
    found = [d for d in validate(report) if d.code == "R0.6"]
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert found[0].location == locate(edition, APPLICATIONS, CARRIED_OVER)
    assert found[0].cells == (
        at(APPLICATIONS, CARRIED_OVER, COMMERCIAL),
        at(APPLICATIONS, CARRIED_OVER, TOTAL),
    )
    table = edition_spec(edition).table(APPLICATIONS)
    text = str(found[0])
    assert table.row(CARRIED_OVER).label in text
    assert table.row(CARRIED_OVER).column(COMMERCIAL).label in text


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
    assert [(d.severity, d.cells) for d in found] == [
        (Severity.WARNING, (at(APPLICATIONS, GRANTED, TOTAL),))
    ]
    assert f'"{shown}"' in found[0].text("zh")
    assert f'"{shown}"' in found[0].text("en")


def test_r0_6_keeps_the_source() -> None:
    source = Source(line=42)
    report = with_cell(
        consistent(Edition.E2019), REVIEW, CASES, Cell(column=REVIEW_TOTAL, source=source)
    )
    [found] = validate(report, select=["R0.6"])
    assert found.cells[0].source == source
    assert "第42行" in str(found)
    assert "line 42" in found.format("en")


# --- blanks: not assessable, or decided by what is known ------------------------------------------


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_blank_makes_a_rule_not_assessable(edition: Edition) -> None:
    report = blank(consistent(edition), APPLICATIONS, GRANTED, COMMERCIAL)
    found = validate(report)
    assert not [d for d in found if d.severity is Severity.ERROR]
    r32 = [d for d in found if d.code == "R3.2"]
    assert len(r32) == 1
    assert r32[0].severity is Severity.INFO
    assert r32[0].assessable is False
    assert r32[0].cells == (at(APPLICATIONS, GRANTED, COMMERCIAL),)
    assert edition_spec(edition).table(APPLICATIONS).row(GRANTED).label in r32[0].text("zh")
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


def test_known_parts_above_their_total_are_an_error_despite_a_blank() -> None:
    # 总计 of （一） is 10 less than its parts (22 = 2+3+4+5+6+2), and 商业企业 (3) is blank: the
    # other parts alone (19) exceed the total (12), and no count in the blank can mend that.
    report = add(consistent(Edition.E2021), APPLICATIONS, GRANTED, TOTAL, -10)
    report = blank(report, APPLICATIONS, GRANTED, COMMERCIAL)
    [found] = validate(report, select=["R3.2"])
    assert (found.severity, found.assessable, found.location) == (
        Severity.ERROR,
        True,
        at(APPLICATIONS, GRANTED, TOTAL),
    )
    assert found.form == "parts-exceed"
    assert found.actual is not None
    assert found.expected is not None
    assert found.actual < found.expected  # the printed total is below the known parts alone
    assert edition_spec(Edition.E2021).table(APPLICATIONS).row(GRANTED).column(
        COMMERCIAL
    ).label in found.text("en")


def test_a_total_above_known_parts_with_a_blank_is_not_assessable() -> None:
    report = add(consistent(Edition.E2021), APPLICATIONS, GRANTED, TOTAL, 100)
    report = blank(report, APPLICATIONS, GRANTED, COMMERCIAL)
    [found] = validate(report, select=["R3.2"])
    assert (found.severity, found.assessable) == (Severity.INFO, False)


def test_a_negative_part_does_not_decide_a_line_with_a_blank() -> None:
    # Known parts bound a blank only when every known part is a count >= 0.
    report = consistent(Edition.E2021)
    report = with_cell(report, APPLICATIONS, GRANTED, Cell(column=NATURAL_PERSON, value=-50))
    report = add(report, APPLICATIONS, GRANTED, TOTAL, -100)
    report = blank(report, APPLICATIONS, GRANTED, COMMERCIAL)
    [found] = validate(report, select=["R3.2"])
    assert found.assessable is False


def test_not_assessable_lines_are_folded_into_one_finding_per_rule() -> None:
    report = consistent(Edition.E2021)
    for row in (GRANTED, PARTIALLY_GRANTED, CARRIED_OVER):
        report = blank(report, APPLICATIONS, row, COMMERCIAL)
    found = [d for d in validate(report) if d.code == "R3.2"]
    assert len(found) == 1
    assert found[0].location == locate(Edition.E2021, APPLICATIONS)
    assert set(found[0].cells) == {
        at(APPLICATIONS, r, COMMERCIAL) for r in (GRANTED, PARTIALLY_GRANTED, CARRIED_OVER)
    }
    assert "3" in found[0].text("en")


def test_a_marker_makes_a_rule_not_assessable() -> None:
    report = with_cell(
        consistent(Edition.E2021), APPLICATIONS, CARRIED_OVER, Cell(column=TOTAL, marker="/")
    )
    found = validate(report, select=["R3.1"])
    assert [(d.severity, d.assessable) for d in found] == [(Severity.INFO, False)]
    assert found[0].cells == (at(APPLICATIONS, CARRIED_OVER, TOTAL),)
    assert '"/"' in found[0].text("zh")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_missing_row_is_r0_2_and_makes_rules_not_assessable(edition: Edition) -> None:
    report = without_row(consistent(edition), APPLICATIONS, CARRIED_OVER)
    found = validate(report)
    assert [(d.code, d.severity, d.location) for d in found if d.assessable] == [
        ("R0.2", Severity.ERROR, locate(edition, APPLICATIONS, CARRIED_OVER))
    ]
    unchecked = [d for d in found if not d.assessable]
    assert [d.code for d in unchecked] == ["R3.1", "R3.2"]
    label = edition_spec(edition).table(APPLICATIONS).row(CARRIED_OVER).label
    assert all(label in d.text("zh") for d in unchecked)
    columns = [c.key for c in edition_spec(edition).table(APPLICATIONS).columns if not c.optional]
    assert set(unchecked[0].cells) == {at(APPLICATIONS, CARRIED_OVER, c) for c in columns}


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
        ("C1", Severity.ERROR),  # the shape: a column without a cell
        ("R3.2", Severity.INFO),
        ("R3.3", Severity.INFO),
    ]
    assert found[0].location == at(APPLICATIONS, GRANTED, COMMERCIAL)
    assert all(d.cells == (at(APPLICATIONS, GRANTED, COMMERCIAL),) for d in found[1:])


def test_a_subtotal_printed_in_some_rows_only() -> None:
    # The subtotal column is checked where printed; R3.1 cannot check it without all four rows.
    report = consistent(Edition.E2021, subtotal=True)
    report = without_row(report, APPLICATIONS, CARRIED_FORWARD)
    table = table_of(report, APPLICATIONS)
    full = table_of(consistent(Edition.E2021), APPLICATIONS).row(CARRIED_FORWARD)
    report = attrs.evolve(report, applications=attrs.evolve(table, rows=(*table.rows, full)))
    found = [d for d in validate(report) if at(APPLICATIONS, CARRIED_FORWARD, SUBTOTAL) in d.cells]
    assert [(d.code, d.severity) for d in found] == [("R3.1", Severity.INFO)]


@pytest.mark.parametrize("section", [APPLICATIONS, REVIEW])
def test_a_missing_section_is_r0_1_and_nothing_else(section: str) -> None:
    report = replace_table(consistent(Edition.E2021), section, None)
    found = validate(report)
    assert [(d.code, d.location.section) for d in found] == [("R0.1", section)]


# --- what a clerk reads ----------------------------------------------------------------------


def test_a_violation_states_both_sides_with_numbers_and_labels() -> None:
    # The worked example of FORMAT.md §7.2 (Shanghai 2019, 总计 column), with one number off.
    report = consistent(Edition.E2019)
    for row, value in ((NEW_RECEIVED, 859), (CARRIED_OVER, 18), (RESULTS_TOTAL, 805)):
        report = with_cell(report, APPLICATIONS, row, Cell(column=TOTAL, value=value))
    report = with_cell(report, APPLICATIONS, CARRIED_FORWARD, Cell(column=TOTAL, value=70))
    [found] = validate(report, select=["R3.1"])
    table = edition_spec(Edition.E2019).table(APPLICATIONS)
    new, over, total, forward = (
        table.row(k).label for k in (NEW_RECEIVED, CARRIED_OVER, RESULTS_TOTAL, CARRIED_FORWARD)
    )
    assert (found.expected, found.actual, found.difference) == (877, 875, -2)
    en = found.text("en")
    assert f"{new} (859) + {over} (18) = 877" in en
    assert f"{total} (805) + {forward} (70) = 875" in en
    assert en.endswith("differ by 2")
    zh = found.text("zh")
    assert f"{new} (859) + {over} (18) = 877" in zh
    assert "相差2" in zh


def test_str_names_the_official_labels_in_chinese_by_default() -> None:
    report = add(consistent(Edition.E2021), APPLICATIONS, GRANTED, TOTAL, 1)
    [found] = validate(report, select=["R3.2"], suggestions=False)
    table = edition_spec(Edition.E2021).table(APPLICATIONS)
    row = table.row(GRANTED)
    text = str(found)
    assert text.startswith("错误 R3.2 [")
    for label in (table.label, row.path, row.column(TOTAL).path):
        assert label in text
    assert found.location == locate(Edition.E2021, APPLICATIONS, GRANTED, TOTAL)
    assert found.format("en").startswith("error R3.2 [")
    for column in row.columns:
        if not column.optional and column.key != TOTAL:
            assert column.label in found.message


def test_a_long_sum_names_its_first_and_last_terms() -> None:
    report = add(consistent(Edition.E2021), APPLICATIONS, GRANTED, NATURAL_PERSON, 1)
    [found] = validate(report, select=["R3.3"], suggestions=False)
    assert "…" in found.message
    assert len(found.message) < 200


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
    codes = {d.code for d in errors(bumped)}
    assert codes == {"R3.2", "R3.3"}
    (r33,) = [d for d in validate(bumped) if d.code == "R3.3"]
    assert at(APPLICATIONS, single.key, NATURAL_PERSON) in r33.cells


def test_a_table_without_any_official_row_is_one_finding() -> None:
    report = replace_table(consistent(Edition.E2021), APPLICATIONS, Table())
    found = [d for d in validate(report) if d.code == "R0.2"]
    rows = edition_spec(Edition.E2021).table(APPLICATIONS).expected_rows(())
    assert [(d.severity, d.location) for d in found] == [
        (Severity.ERROR, locate(Edition.E2021, APPLICATIONS))
    ]
    assert [c.row for c in found[0].cells] == [r.key for r in rows]
    assert str(len(rows)) in found[0].text("en")
