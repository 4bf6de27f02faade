"""Across reports: one body over the years, children rolled up into a parent."""

from __future__ import annotations

import attrs
import pytest

from disclosure_report.model import Edition, Report
from disclosure_report.tables import edition_spec
from disclosure_report.validate import check_rollup, rollup, validate, validate_series
from disclosure_report.validate.series import SeriesError

from ._reports import (
    APPLICATIONS,
    COMMERCIAL,
    GRANTED,
    NATURAL_PERSON,
    REVIEW,
    blank,
    consistent,
    table_of,
)
from .fixtures import next_year
from .test_rules import _hybrid


def test_a_series_that_agrees_gives_nothing() -> None:
    first = consistent(Edition.E2021, year=2021)
    second = next_year(first)
    assert validate_series([second, first, next_year(second)]) == ()


@pytest.mark.parametrize(
    "reports",
    [
        lambda: [consistent(Edition.E2021, year=2021), consistent(Edition.E2021, year=2021)],
        lambda: [attrs.evolve(consistent(Edition.E2021), year=None)],
        lambda: [
            consistent(Edition.E2021, year=2021),
            attrs.evolve(consistent(Edition.E2021, year=2022), organ="另一个机关"),
        ],
    ],
)
def test_a_series_needs_one_body_and_distinct_years(reports: object) -> None:
    with pytest.raises(SeriesError):
        validate_series(reports())  # type: ignore[operator]


def test_a_blank_is_compared_with_nothing_across_years() -> None:
    first = consistent(Edition.E2021, year=2021)
    second = blank(next_year(first), APPLICATIONS, "carried_over", NATURAL_PERSON)
    assert validate_series([first, second]) == ()


def _children() -> list[Report]:
    return [
        attrs.evolve(consistent(Edition.E2021, year=2023), organ=name)
        for name in ("甲镇人民政府", "乙镇人民政府")
    ]


def test_rollup_sums_the_children() -> None:
    children = _children()
    summed = rollup(children, organ="某某县人民政府", year=2023)
    assert summed.diagnostics == ()
    assert summed.children == ("甲镇人民政府", "乙镇人民政府")
    one = table_of(children[0], APPLICATIONS).cell(GRANTED, NATURAL_PERSON).value
    assert one is not None
    assert table_of(summed.report, APPLICATIONS).cell(GRANTED, NATURAL_PERSON).value == 2 * one
    # The sum of consistent reports is consistent.
    assert validate(summed.report, select=["R3", "R4"]) == ()
    assert check_rollup(summed.report, children) == ()


def test_rollup_never_fills_a_blank() -> None:
    children = _children()
    children[1] = blank(children[1], APPLICATIONS, GRANTED, COMMERCIAL)
    summed = rollup(children, organ="某某县人民政府", year=2023)
    assert table_of(summed.report, APPLICATIONS).cell(GRANTED, COMMERCIAL).value is None
    [finding] = summed.diagnostics
    assert finding.code == "A2"
    assert "乙镇人民政府" in finding.text("zh")


def test_rollup_adds_a_hybrid_child_by_its_single_row() -> None:
    children = _children()
    children[0] = _hybrid(attrs.evolve(children[0]))
    summed = rollup(children, organ="某某县人民政府", year=2023)
    spec = edition_spec(Edition.E2021).table(APPLICATIONS)
    (single,) = [r for r in spec.rows if r.optional]
    rows = [r.key for r in table_of(summed.report, APPLICATIONS).rows]
    assert single.key in rows
    assert not set(single.replaces) & set(rows)
    assert validate(summed.report, select=["R3"]) == ()


@pytest.mark.parametrize(
    "make",
    [
        lambda: rollup([], organ="x", year=2023),
        lambda: rollup(_children(), organ="x", year=2024),
        lambda: rollup([*_children(), consistent(Edition.E2019, year=2023)], organ="x", year=2023),
    ],
)
def test_rollup_refuses_what_cannot_be_added(make: object) -> None:
    with pytest.raises(SeriesError):
        make()  # type: ignore[operator]


def test_check_rollup_names_the_parent_cell_that_differs() -> None:
    children = _children()
    parent = rollup(children, organ="某某县人民政府", year=2023).report
    review_total = table_of(parent, REVIEW).cell("cases", "review_total")
    assert review_total.value is not None
    parent = attrs.evolve(
        parent,
        review_litigation=attrs.evolve(
            table_of(parent, REVIEW),
            rows=tuple(
                attrs.evolve(
                    r,
                    cells=tuple(
                        attrs.evolve(c, value=c.value + 1)
                        if c.column == "review_total" and c.value is not None
                        else c
                        for c in r.cells
                    ),
                )
                for r in table_of(parent, REVIEW).rows
            ),
        ),
    )
    [found] = check_rollup(parent, children)
    assert (found.code, found.location.column, found.difference) == ("A3", "review_total", 1)
