"""The one check that a report fits its edition: one test per kind of nonconformity."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given

from disclosure_report.conformance import (
    MAX_NUMBER_DIGITS,
    NonconformityKind,
    nonconformities,
)
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import RowSpec, edition_spec
from strategies import reports

_R = attrs.fields(Report)
K = NonconformityKind


def _row(spec: RowSpec, **values: int | Decimal | None) -> Row:
    return Row(
        key=spec.key,
        cells=tuple(
            Cell(column=c.key, value=values.get(c.key)) for c in spec.columns if not c.optional
        ),
    )


def _applications(edition: Edition, *rows: Row) -> Report:
    return Report(edition=edition, applications=Table(rows=rows))


def _kinds(report: Report) -> list[NonconformityKind]:
    return [n.kind for n in nonconformities(report)]


SPEC_2021 = edition_spec(Edition.E2021).table(_R.applications.name)
SPEC_2019 = edition_spec(Edition.E2019).table(_R.applications.name)
GRANTED = SPEC_2021.row("granted")


@given(reports())
def test_the_test_strategy_draws_only_conforming_reports(report: Report) -> None:
    assert nonconformities(report) == ()


def test_a_complete_template_report_conforms() -> None:
    for edition in Edition:
        spec = edition_spec(edition)
        tables = {
            t.key: Table(rows=tuple(_row(r) for r in t.expected_rows(()))) for t in spec.tables
        }
        assert nonconformities(Report(edition=edition, **tables)) == ()  # type: ignore[arg-type]


def test_undeclared_row() -> None:
    # other_no_correction exists in 2021 only.
    row = _row(SPEC_2021.row("other_no_correction"))
    (found,) = nonconformities(_applications(Edition.E2019, row))
    assert (found.kind, found.section, found.row) == (K.UNDECLARED_ROW, "applications", row.key)
    assert "extra row" in found.message


def test_duplicate_row() -> None:
    assert _kinds(_applications(Edition.E2021, _row(GRANTED), _row(GRANTED))) == [K.DUPLICATE_ROW]


def test_row_order() -> None:
    later = _row(SPEC_2021.row("carried_forward"))
    assert _kinds(_applications(Edition.E2021, later, _row(GRANTED))) == [K.ROW_ORDER]


def test_optional_row_with_the_rows_it_replaces() -> None:
    single = _row(SPEC_2021.row("other_handling"))
    misc = _row(SPEC_2021.row("other_misc"))
    (found,) = nonconformities(_applications(Edition.E2021, single, misc))
    assert (found.kind, found.row) == (K.REPLACED_ROWS, "other_handling")
    assert "other_misc" in found.message
    assert nonconformities(_applications(Edition.E2021, single)) == ()


def test_undeclared_column() -> None:
    row = attrs.evolve(_row(GRANTED), cells=(*_row(GRANTED).cells, Cell(column="nobody")))
    (found,) = nonconformities(_applications(Edition.E2021, row))
    assert (found.kind, found.column) == (K.UNDECLARED_COLUMN, "nobody")


def test_duplicate_cell() -> None:
    cells = _row(GRANTED).cells
    row = Row(key=GRANTED.key, cells=(cells[0], *cells))
    assert _kinds(_applications(Edition.E2021, row)) == [K.DUPLICATE_CELL]


def test_cell_order() -> None:
    cells = _row(GRANTED).cells
    row = Row(key=GRANTED.key, cells=(cells[1], cells[0], *cells[2:]))
    assert _kinds(_applications(Edition.E2021, row)) == [K.CELL_ORDER]


def test_missing_cell_but_not_a_missing_optional_one() -> None:
    cells = _row(GRANTED).cells
    row = Row(key=GRANTED.key, cells=cells[:-1])
    (found,) = nonconformities(_applications(Edition.E2021, row))
    assert (found.kind, found.column) == (K.MISSING_CELL, "total")
    # legal_person_subtotal is optional: its absence is no nonconformity (see _row).
    assert nonconformities(_applications(Edition.E2021, _row(GRANTED))) == ()


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (Decimal("2.5"), K.FRACTION_IN_COUNT),
        (10**MAX_NUMBER_DIGITS, K.NUMBER_TOO_LARGE),
        (-(10**MAX_NUMBER_DIGITS), K.NUMBER_TOO_LARGE),
        (Decimal("1E+999999999"), K.NUMBER_TOO_LARGE),
        (Decimal("1E-999999999"), K.NUMBER_TOO_LARGE),
    ],
)
def test_numbers_a_count_column_cannot_hold(value: int | Decimal, kind: NonconformityKind) -> None:
    assert _kinds(_applications(Edition.E2021, _row(GRANTED, total=value))) == [kind]


@pytest.mark.parametrize(
    "value", [Decimal(3), 10**MAX_NUMBER_DIGITS - 1, -(10**MAX_NUMBER_DIGITS - 1)]
)
def test_numbers_a_count_column_can_hold(value: int | Decimal) -> None:
    assert nonconformities(_applications(Edition.E2021, _row(GRANTED, total=value))) == ()


def test_an_amount_may_have_a_fraction() -> None:
    spec = edition_spec(Edition.E2021).table(_R.proactive_disclosure.name)
    fees = _row(spec.row("administrative_fees"), fee_amount_wan_yuan=Decimal("0.25"))
    report = Report(edition=Edition.E2021, proactive_disclosure=Table(rows=(fees,)))
    assert nonconformities(report) == ()
