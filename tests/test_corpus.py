"""Per-cell accuracy against the hand-checked truth files of the corpus.

Each truth file (copied from the project's corpus with its provenance, see
tests/corpus/PROVENANCE.md) gives every cell of tables 二, 三 and 四 by official label, as
printed, with ``null`` for a blank cell. The parsed report must agree on every cell: 100 %.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_report.model import Report, Table
from disclosure_report.parse import parse_file
from disclosure_report.tables import edition_spec

CORPUS = Path(__file__).parent / "corpus"
READABLE = sorted(p for p in CORPUS.glob("*.txt") if p.with_suffix(".json").exists())

_R = attrs.fields(Report)


def _values(table: Table | None, row: str, columns: list[str]) -> list[Any]:
    if table is None:
        return ["<no table>"] * len(columns)
    try:
        found = table.row(row)
    except KeyError:
        return ["<no row>"] * len(columns)
    out: list[Any] = []
    for column in columns:
        try:
            out.append(found.cell(column).value)
        except KeyError:
            out.append("<no cell>")
    return out


def _compare(truth: dict[str, Any], report: Report) -> tuple[int, list[str]]:
    """Count the truth's cells and list the ones the report gets wrong."""
    spec = edition_spec(truth["edition"])
    wrong: list[str] = []
    total = 0

    def check(where: str, expected: list[Any], actual: list[Any]) -> None:
        nonlocal total
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            total += 1
            # JSON numbers are int or float; amounts are Decimal in the model.
            if not (e is None and a is None) and (e is None or a is None or Decimal(str(e)) != a):
                wrong.append(f"{where}[{i}]: expected {e!r}, got {a!r}")

    applications = spec.table(_R.applications.name)
    by_path = {row.path: row for row in applications.rows}
    for path, expected in truth["section3"].items():
        row = by_path[path]
        columns = [c.key for c in row.columns if not c.optional]
        check(f"三 {path}", expected, _values(report.applications, row.key, columns))

    review = spec.table(_R.review_litigation.name)
    (cases,) = review.rows
    check(
        "四",
        truth["section4"],
        _values(report.review_litigation, cases.key, [c.key for c in cases.columns]),
    )

    proactive = spec.table(_R.proactive_disclosure.name)
    by_label = {row.label: row for row in proactive.rows}
    for label, expected in truth["section2"].items():
        if expected is None:
            continue  # the truth could not read this row unambiguously
        row = by_label[label]
        check(
            f"二 {label}",
            expected,
            _values(report.proactive_disclosure, row.key, [c.key for c in row.columns]),
        )
    return total, wrong


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.stem)
def test_every_cell_matches_the_truth(path: Path) -> None:
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    report = parse_file(path).report
    total, wrong = _compare(truth, report)
    accuracy = 1 - len(wrong) / total
    assert total > 0
    assert accuracy == 1.0, f"{accuracy:.2%} of {total} cells right; wrong: {wrong}"


@pytest.mark.parametrize("path", READABLE, ids=lambda p: p.stem)
def test_metadata_matches_the_truth(path: Path) -> None:
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    report = parse_file(path).report
    assert report.organ == truth["organ"]
    assert report.year == truth["year"]
    assert str(report.edition) == truth["edition"]
    if "publication_date" in truth:
        assert report.publication_date == date.fromisoformat(truth["publication_date"])


def test_the_comparison_notices_a_wrong_cell() -> None:
    """Guard on the guard: one changed cell must lower the accuracy below 100 %."""
    path = CORPUS / "000.txt"
    truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    truth["section3"]["一、本年新收政府信息公开申请数量"][0] += 1
    truth["section4"][4] = None
    _, wrong = _compare(truth, parse_file(path).report)
    assert len(wrong) == 2
