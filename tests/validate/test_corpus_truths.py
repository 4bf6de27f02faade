"""The real reports of the corpus, built from their hand-checked truths (no parser).

Every identity a truth lists as broken (``consistency_violations``) must be found, as an error
at the right table and row; a report whose truth lists none must give no arithmetic error.
Entries starting with ``note`` are remarks, not violations.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_report.diagnostics import Diagnostic, Severity
from disclosure_report.model import Report
from disclosure_report.tables import edition_spec, normalise_label
from disclosure_report.validate import validate, validate_series

from ._reports import APPLICATIONS, REVIEW, add
from .truth import CORPUS, TRUTHS, load, report_from_truth

_ARITHMETIC = ("R2", "R3", "R4", "C")
_ENTRY = re.compile(r"^(s[234])\s+(.*?):")


def _errors(report: Report) -> list[Diagnostic]:
    found = validate(report, select=_ARITHMETIC, suggestions=False)
    return [d for d in found if d.severity is Severity.ERROR]


def _place(report: Report, entry: str) -> tuple[str, str | None, str | None]:
    """The table, and as far as the entry names them the row and column, it is about."""
    match = _ENTRY.match(entry)
    assert match is not None, f"unreadable violation {entry!r}"
    section = {"s2": "proactive_disclosure", "s3": APPLICATIONS, "s4": REVIEW}[match[1]]
    named = normalise_label(match[2])
    table = edition_spec(report.edition).table(section)
    rows = [r for r in table.rows if r.label and normalise_label(r.label) in named]
    row = max(rows, key=lambda r: len(r.label)).key if rows else None
    if len(table.rows) == 1:
        row = table.rows[0].key
    groups = [
        g for g in table.column_groups if named.endswith(normalise_label(g.label.split("/")[-1]))
    ]
    column = groups[0].total if groups else None
    return section, row, column


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.stem)
def test_the_truths_violations_are_found_and_nothing_else(path: Path) -> None:
    truth: dict[str, Any] = load(path)
    report = report_from_truth(truth)
    found = _errors(report)
    listed = [v for v in truth["consistency_violations"] if not v.startswith("note")]
    places = [_place(report, entry) for entry in listed]
    for entry, (section, row, column) in zip(listed, places, strict=True):
        hits = [
            d
            for d in found
            if d.location.section == section
            and (row is None or d.location.row == row)
            and (column is None or d.location.column == column)
        ]
        assert hits, f"{path.stem}: {entry!r} not found; found {[str(d) for d in found]}"
    assert len(found) == len(listed), [str(d) for d in found]


def test_the_reading_of_violations_is_checked() -> None:
    truth = load(CORPUS / "002.json")
    report = report_from_truth(truth)
    assert [_place(report, v) for v in truth["consistency_violations"]] == [
        (REVIEW, "cases", "review_total"),
        (REVIEW, "cases", "litigation_after_review_total"),
    ]


def test_one_body_over_two_years() -> None:
    # 洪泽区 2023 and 2024: last year's 结转 is this year's 上年结转; 行政规范性文件 in force
    # 5 + 3 issued - 0 repealed = 8.
    before, after = (report_from_truth(load(CORPUS / f"{n}.json")) for n in ("002", "003"))
    assert validate_series([after, before]) == ()
    broken = add(after, APPLICATIONS, "carried_over", "total", 1)
    [found] = validate_series([before, broken])
    assert (found.code, found.location.row, found.location.column) == (
        "R3.6",
        "carried_over",
        "total",
    )
    assert found.report == f"{after.organ}{after.year}"
    stock = add(after, "proactive_disclosure", "normative_documents", "in_force", 2)
    [found] = validate_series([before, stock])
    assert (found.code, found.expected, found.actual) == ("R2.2", 8, 10)


def test_reports_of_different_years_of_the_corpus_are_not_compared() -> None:
    # 平潭 2021 and 2023: not consecutive, so no carry-over is checked.
    reports = [report_from_truth(load(CORPUS / f"{n}.json")) for n in ("009", "011")]
    assert validate_series(reports) == ()
    assert attrs.has(type(reports[0]))
