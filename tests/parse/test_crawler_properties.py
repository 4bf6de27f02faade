"""Properties: a report written as crawler text reads back right, or blank with a finding.

crawler_form.py flattens every table row into its label and its digits run together, with
random spaces between some cells. Whatever the numbers, every cell the parser returns is the
number the report holds, or blank with a finding that names it (P1.21-P1.23): never another
number. That holds for consistent reports and for reports that break one of the totals of
table 三.
"""

from __future__ import annotations

import random
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.diagnostics import Location, locate
from disclosure_report.model import Cell, Edition, Report, Row, Table, TextSection
from disclosure_report.parse import parse_text
from disclosure_report.tables import Along, ValueKind, edition_spec
from strategies import consistent_reports

from .crawler_form import render

pytestmark = pytest.mark.property

_R = attrs.fields(Report)
_BLANKED = frozenset({"P1.21", "P1.22", "P1.23"})
_TABLES = (_R.proactive_disclosure.name, _R.applications.name, _R.review_litigation.name)


def _proactive(edition: Edition, draw: st.DrawFn) -> Table:
    spec = edition_spec(edition).table(_R.proactive_disclosure.name)
    rows = []
    for row in spec.rows:
        cells = []
        for column in row.columns:
            if column.kind is ValueKind.AMOUNT:
                value: int | Decimal = Decimal(draw(st.integers(0, 10**6))) / 100
            elif column.kind is ValueKind.SIGNED:
                value = draw(st.integers(-50, 50))
            else:
                value = draw(st.integers(0, 500))
            cells.append(Cell(column=column.key, value=value))
        rows.append(Row(key=row.key, cells=tuple(cells)))
    return Table(rows=tuple(rows))


@st.composite
def crawled(draw: st.DrawFn, *, broken: bool = False) -> tuple[Report, str]:
    """A consistent report (``broken``: one total bumped), and its crawler text."""
    report = draw(consistent_reports())
    year = edition_spec(report.edition).years[0]
    report = attrs.evolve(
        report,
        organ="某某县人民政府",
        year=year,
        title=f"某某县人民政府{year}年政府信息公开工作年度报告",
        proactive_disclosure=_proactive(report.edition, draw),
        overview=TextSection(paragraphs=()),
    )
    if broken:
        report = _break_a_total(report, draw)
    spaces = draw(st.sampled_from([0.0, 0.2, 0.6, 1.0]))
    return report, render(report, random.Random(draw(st.integers(0, 2**32))), spaces=spaces)


def _break_a_total(report: Report, draw: st.DrawFn) -> Report:
    """Break one total of table 三, as publishers do.

    Either a column's total (（七）总计 or 一 in one column, the row's own 总计 moved with it:
    the row still adds up, the column identities do not), or a row's own 总计 (the row no
    longer adds up; the column identities tell which split is right).

    Table 四 is left whole: its one row has no column identities, so a coincidental split
    that makes a broken group total hold cannot be told from the printed one (see the docs,
    "What the proof assumes").
    """
    section = _R.applications.name
    table = getattr(report, section)
    spec = edition_spec(report.edition).table(section)
    delta = draw(st.integers(1, 30))
    identity = draw(
        st.sampled_from([i for i in spec.identities if i.code in {"R3.1", "R3.2", "R3.3", "R3.3b"}])
    )
    if identity.along is Along.ROW:  # a row's own 总计
        row = draw(st.sampled_from(table.rows))
        bumped = {identity.left[0]}
    else:  # one column of 一 or （七）总计, and the row's total with it
        row = table.row(identity.left[0])
        column = draw(st.sampled_from([c.column for c in row.cells if c.column != "total"]))
        bumped = {column, "total"}
        if column == "legal_person_subtotal":
            return report
        if (
            any(c.column == "legal_person_subtotal" for c in row.cells)
            and column != "natural_person"
        ):
            bumped.add("legal_person_subtotal")
    cells = tuple(
        attrs.evolve(c, value=c.value + delta) if c.column in bumped else c for c in row.cells
    )
    rows = tuple(attrs.evolve(r, cells=cells) if r.key == row.key else r for r in table.rows)
    return attrs.evolve(report, **{section: attrs.evolve(table, rows=rows)})


def _check(report: Report, text: str) -> None:
    result = parse_text(text)
    parsed = result.report
    blanked: set[Location] = {c for d in result.diagnostics if d.code in _BLANKED for c in d.cells}
    for section in _TABLES:
        table = getattr(report, section)
        got = getattr(parsed, section)
        assert got is not None, section
        for row in table.rows:
            for cell in row.cells:
                value = got.cell(row.key, cell.column).value
                if value == cell.value:
                    continue
                where = locate(report.edition, section, row.key, cell.column)
                assert value is None, f"{where}: {value!r} read, {cell.value!r} printed\n{text}"
                assert where in blanked, f"{where} blank without a finding\n{text}"


@settings(max_examples=40)
@given(crawled())
def test_a_consistent_report_reads_back_right_or_blank_with_a_finding(
    case: tuple[Report, str],
) -> None:
    _check(*case)


@settings(max_examples=40)
@given(crawled(broken=True))
def test_a_report_with_a_broken_total_reads_back_right_or_blank_with_a_finding(
    case: tuple[Report, str],
) -> None:
    _check(*case)


@settings(max_examples=15)
@given(crawled())
def test_most_cells_of_a_consistent_report_are_recovered(case: tuple[Report, str]) -> None:
    """Not a lottery: with small counts, the arithmetic settles most of table 三."""
    report, text = case
    parsed = parse_text(text).report
    assert parsed.applications is not None
    wanted = [c for r in report.applications.rows for c in r.cells]  # type: ignore[union-attr]
    got = [c.value for r in parsed.applications.rows for c in r.cells]
    assert sum(v is not None for v in got) >= len(wanted) // 2
