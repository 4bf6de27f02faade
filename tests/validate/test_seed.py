"""The seed report (段店乡 2019): blanks everywhere, no contradiction, so no ERROR.

The report is built from its hand-checked truth file, not from the parser, so that this test
checks the validator alone.
"""

from __future__ import annotations

from typing import Any

import pytest

from disclosure_report.diagnostics import Severity
from disclosure_report.model import Report
from disclosure_report.validate import validate

from ._reports import APPLICATIONS
from .truth import CORPUS, load, report_from_truth


@pytest.fixture(scope="module")
def seed() -> tuple[Report, dict[str, Any]]:
    truth = load(CORPUS / "000.json")
    return report_from_truth(truth), truth


def _blanks(truth: dict[str, Any]) -> int:
    count = 0
    for name in ("section2", "section3", "section4"):
        section = truth[name]
        rows = [section] if isinstance(section, list) else list(section.values())
        count += sum(value is None for row in rows for value in row)
    return count


def test_the_seed_report_has_no_arithmetic_error(seed: tuple[Report, dict[str, Any]]) -> None:
    report, truth = seed
    found = validate(report, select=["R2", "R3", "R4", "C"])
    assert not [d for d in found if d.severity is Severity.ERROR]
    assert truth["consistency_violations"] == []


def test_every_blank_of_the_seed_is_named_once(seed: tuple[Report, dict[str, Any]]) -> None:
    report, truth = seed
    found = validate(report, select=["R0.6"])
    assert sum(len(d.cells) for d in found) == _blanks(truth) > 0
    assert len({cell for d in found for cell in d.cells}) == _blanks(truth)
    assert {d.severity for d in found} == {Severity.WARNING}
    assert all(d.location.row is not None and d.location.column is None for d in found)


def test_what_the_seed_leaves_unchecked(seed: tuple[Report, dict[str, Any]]) -> None:
    report, _ = seed
    unchecked = [d for d in validate(report) if not d.assessable]
    assert [d.code for d in unchecked] == ["R3.1", "R3.2", "R3.3b"]  # one note per rule
    assert {d.severity for d in unchecked} == {Severity.INFO}
    # 四 is filled in and adds up; 三's 自然人 column adds up too; the blanks are 三's.
    assert {d.location.section for d in unchecked} == {APPLICATIONS}
