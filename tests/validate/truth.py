"""Reports built from the corpus's hand-checked truth files, without any parser.

A truth file (tests/validate/corpus/NNN.json) gives table 三 by official row label path, table
四 as its fifteen numbers in printed order, and table 二 by row label (sometimes with the unit
appended, 「行政事业性收费（万元）」). The labels are matched against the declaration
(:mod:`disclosure_report.tables`), so nothing here spells a label or key.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import RowSpec, TableSpec, ValueKind, edition_spec, normalise_label

CORPUS = Path(__file__).parent / "corpus"
TRUTHS = sorted(CORPUS.glob("*.json"))

_R = attrs.fields(Report)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _number(value: Any, kind: ValueKind) -> int | Decimal | None:
    if value is None:
        return None
    if kind is ValueKind.AMOUNT:
        return Decimal(str(value))
    return int(value)


def _row(spec: RowSpec, values: list[Any]) -> Row:
    columns = [c for c in spec.columns if not c.optional]
    assert len(columns) == len(values), (spec.key, values)
    return Row(
        key=spec.key,
        cells=tuple(
            Cell(column=c.key, value=_number(v, c.kind))
            for c, v in zip(columns, values, strict=True)
        ),
    )


def _by_label(table: TableSpec, label: str) -> RowSpec:
    """The row whose label path, or label, the truth's key is (a unit in brackets may follow)."""
    wanted = normalise_label(label)
    for row in table.rows:
        if wanted in {normalise_label(row.path), normalise_label(row.label)}:
            return row
    for row in table.rows:
        if wanted.startswith(normalise_label(row.label)):
            return row
    raise KeyError(label)


def report_from_truth(truth: dict[str, Any]) -> Report:
    """The tables, organ, year and edition of a truth file as a :class:`Report`."""
    edition = Edition(truth["edition"])
    spec = edition_spec(edition)
    applications = spec.table(_R.applications.name)
    three = Table(
        rows=tuple(
            _row(row, truth["section3"][key])
            for row in applications.rows
            for key in [k for k in truth["section3"] if _by_label(applications, k) is row]
        )
    )
    review = spec.table(_R.review_litigation.name)
    (cases,) = review.rows
    four = Table(rows=(_row(cases, truth["section4"]),))
    proactive = spec.table(_R.proactive_disclosure.name)
    found = {_by_label(proactive, k).key: v for k, v in truth["section2"].items()}
    two = Table(rows=tuple(_row(row, found[row.key]) for row in proactive.rows if row.key in found))
    published = truth.get("publication_date")
    return Report(
        edition=edition,
        organ=truth["organ"],
        year=truth["year"],
        publication_date=date.fromisoformat(published) if published else None,
        proactive_disclosure=two,
        applications=three,
        review_litigation=four,
    )
