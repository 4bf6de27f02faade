"""The seed report (段店乡 2019): blanks everywhere, no contradiction, so no ERROR.

The report is built from its hand-checked truth file (tests/corpus/000.json), not from the
parser, so that this test checks the validator alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from disclosure_report.diagnostics import Diagnostic, Severity
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import TableSpec, edition_spec
from disclosure_report.validate import validate

from ._reports import APPLICATIONS, REVIEW

_PROACTIVE = "proactive_disclosure"
_TRUTH_SECTIONS = {_PROACTIVE: "section2", APPLICATIONS: "section3", REVIEW: "section4"}


def _table(spec: TableSpec, truth: Any) -> Table:
    """Rows of ``spec`` from a truth section: a mapping by label path, or one row of values."""
    rows = []
    for row_spec in spec.rows:
        if isinstance(truth, list):
            values = truth
        else:
            values = truth.get(row_spec.path, truth.get(row_spec.label))
        columns = [c for c in row_spec.columns if not c.optional]
        cells = tuple(Cell(column=c.key, value=v) for c, v in zip(columns, values, strict=True))
        rows.append(Row(key=row_spec.key, cells=cells))
    return Table(rows=tuple(rows))


@pytest.fixture(scope="module")
def seed() -> tuple[Report, dict[str, Any]]:
    path = Path(__file__).parents[1] / "corpus" / "000.json"
    truth = json.loads(path.read_text(encoding="utf-8"))
    spec = edition_spec(truth["edition"])
    tables: dict[str, Any] = {
        key: _table(spec.table(key), truth[name]) for key, name in _TRUTH_SECTIONS.items()
    }
    report = Report(edition=Edition(truth["edition"]), year=truth["year"], **tables)
    return report, truth


def _blanks(truth: dict[str, Any]) -> int:
    count = 0
    for name in _TRUTH_SECTIONS.values():
        section = truth[name]
        rows = [section] if isinstance(section, list) else list(section.values())
        count += sum(value is None for row in rows for value in row)
    return count


def test_the_seed_report_has_no_error(seed: tuple[Report, dict[str, Any]]) -> None:
    report, truth = seed
    found = validate(report)
    assert not [d for d in found if d.severity is Severity.ERROR]
    assert truth["consistency_violations"] == []


def test_every_blank_of_the_seed_is_a_warning(seed: tuple[Report, dict[str, Any]]) -> None:
    report, truth = seed
    found = validate(report, select=["R0.6"])
    assert len(found) == _blanks(truth) > 0
    assert {d.severity for d in found} == {Severity.WARNING}


def test_what_the_seed_leaves_unchecked(seed: tuple[Report, dict[str, Any]]) -> None:
    report, _ = seed
    found = validate(report)
    unchecked: list[Diagnostic] = [d for d in found if not d.assessable]
    assert unchecked
    assert {d.severity for d in unchecked} == {Severity.INFO}
    # 四 is filled in and adds up; 三's 自然人 column adds up too; the blanks are 三's.
    assert {d.location.section for d in unchecked} == {APPLICATIONS}
