"""Validation cost of a consistent, complete 2021 report, next to two floors.

Measurements, not assertions: run ``pytest benchmarks --benchmark-enable``. The target of
issue 7 is <= 100 µs for :func:`~disclosure_report.validate.validate` on this report. The
floors, in the same process and on the same report:

* "read every cell": one comprehension reading every cell's value (what any validator of the
  model has to do at least);
* "sum identities by hand": the arithmetic identities of 三 and 四 written as straight-line
  Python over dictionaries, with no findings, no blanks and no locations: a lower bound for a
  checker of those rules alone.
"""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.conftest import full_report
from disclosure_report.model import Cell, Paragraph, Report, Row, Table, TextSection
from disclosure_report.tables import TableSpec, edition_spec
from disclosure_report.validate import validate

_OVERVIEW_TOPICS = (
    "（一）主动公开。", "（二）依申请公开。", "（三）政府信息管理。",
    "（四）政府信息公开平台建设。", "（五）监督保障。工作考核、社会评议和责任追究情况良好。",
)  # fmt: skip
_FEE_SENTENCE = "本年度未收取信息处理费。"


def _consistent_table(spec: TableSpec, table: Table) -> Table:
    """``table`` with every declared total replaced by the sum of its parts (counts only)."""
    values: dict[tuple[str, str], int | Decimal | None] = {
        (r.key, c.column): c.value for r in table.rows for c in r.cells
    }

    def count(row: str, column: str) -> int:
        value = values.get((row, column))
        return value if isinstance(value, int) else 0

    for group in spec.groups:
        if group.total is None:
            continue
        parts = [
            r.key for r in spec.expected_rows(()) if group in r.groups and r.key != group.total
        ]
        for column in spec.columns:
            values[group.total, column.key] = sum(count(p, column.key) for p in parts)
    for row in spec.rows:
        for column_group in spec.column_groups:
            if (row.key, column_group.total) in values:
                values[row.key, column_group.total] = sum(
                    count(row.key, c) for c in column_group.columns
                )
    if any(r.key == "new_received" for r in table.rows):  # 一 + 二 = 三(七) + 四, per column
        for column in spec.columns:
            right = count("results_total", column.key) + count("carried_forward", column.key)
            values["carried_over", column.key] = min(count("carried_over", column.key), right)
            values["new_received", column.key] = right - count("carried_over", column.key)
    return attrs.evolve(
        table,
        rows=tuple(
            Row(
                key=r.key,
                cells=tuple(Cell(column=c.column, value=values[r.key, c.column]) for c in r.cells),
            )
            for r in table.rows
            if not spec.row(r.key).optional
        ),
    )


def consistent_full_report() -> Report:
    """The benchmarks' realistic 2021 report, made to pass every rule."""
    report = full_report()
    spec = edition_spec(report.edition)
    changes: dict[str, object] = {
        table.key: _consistent_table(table, getattr(report, table.key)) for table in spec.tables
    }
    assert report.overview is not None
    assert report.other_matters is not None
    three = changes["applications"]
    four = changes["review_litigation"]
    assert isinstance(three, Table)
    assert isinstance(four, Table)
    cases = four.rows[0]
    litigation = sum(
        cases.cell(f"{g}_total").value or 0
        for g in ("litigation_direct", "litigation_after_review")
    )
    statement = (  # what real reports say in 一, as R3.7 and R4.6 read it
        f"{report.year}年，共收到政府信息公开申请{three.cell('new_received', 'total').value}件，"
        f"办结{three.cell('results_total', 'total').value}件。"
        f"被申请行政复议{cases.cell('review_total').value}件，行政诉讼{litigation}件。"
    )
    changes["overview"] = TextSection(
        heading=report.overview.heading,
        paragraphs=(
            Paragraph(text=statement),
            *report.overview.paragraphs,
            *(Paragraph(text=topic) for topic in _OVERVIEW_TOPICS),
        ),
    )
    changes["other_matters"] = TextSection(
        heading=report.other_matters.heading,
        paragraphs=(*report.other_matters.paragraphs, Paragraph(text=_FEE_SENTENCE)),
    )
    return attrs.evolve(report, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def consistent() -> Report:
    report = consistent_full_report()
    assert validate(report) == ()
    return report


def read_every_cell(report: Report) -> int:
    tables = (report.proactive_disclosure, report.applications, report.review_litigation)
    return len([c.value for t in tables if t is not None for r in t.rows for c in r.cells])


def sum_identities_by_hand(report: Report) -> bool:
    assert report.applications is not None
    assert report.review_litigation is not None
    three = {r.key: {c.column: c.value or 0 for c in r.cells} for r in report.applications.rows}
    columns = list(three["new_received"])
    parts = columns[:6]
    ok = True
    for row in three.values():
        ok &= row["total"] == sum(row[c] for c in parts)
        ok &= row["legal_person_subtotal"] == sum(row[c] for c in parts[1:])
    ends = {"new_received", "carried_over", "results_total", "carried_forward"}
    results = [k for k in three if k not in ends]
    for column in columns:
        ok &= three["new_received"][column] + three["carried_over"][column] == (
            three["results_total"][column] + three["carried_forward"][column]
        )
        ok &= three["results_total"][column] == sum(three[r][column] for r in results)
    four: dict[str, int | Decimal] = {
        c.column: c.value or 0 for c in report.review_litigation.rows[0].cells
    }
    for prefix in ("review", "litigation_direct", "litigation_after_review"):
        ok &= four[f"{prefix}_total"] == sum(
            four[f"{prefix}_{o}"] for o in ("upheld", "corrected", "other", "pending")
        )
    return ok


@pytest.mark.benchmark(group="validate")
def test_floor_read_every_cell(benchmark: BenchmarkFixture, consistent: Report) -> None:
    assert benchmark(read_every_cell, consistent) > 200


@pytest.mark.benchmark(group="validate")
def test_floor_sum_identities_by_hand(benchmark: BenchmarkFixture, consistent: Report) -> None:
    assert benchmark(sum_identities_by_hand, consistent)


@pytest.mark.benchmark(group="validate")
def test_validate_consistent_full_2021(benchmark: BenchmarkFixture, consistent: Report) -> None:
    assert benchmark(validate, consistent) == ()


@pytest.mark.benchmark(group="validate")
def test_validate_seed(benchmark: BenchmarkFixture) -> None:
    from disclosure_report.parse import parse_file

    from .test_bench_parse import SEED

    report = parse_file(SEED).report
    assert benchmark(validate, report)
