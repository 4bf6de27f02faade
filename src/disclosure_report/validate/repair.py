"""Repair suggestions for broken identities (S codes): proposed with their evidence, never applied.

When an identity of 三 or 四 does not hold, some mistakes of extraction and of filling in leave
a recognisable trace. For each, the candidate repair is tried on a copy of the report, and
suggested only if it makes every broken identity through the changed cells hold and breaks
none:

* S1: the digits of one number split across two neighbouring cells (``1 | 0`` for ``10``);
* S2: a value written in the neighbouring cell (two neighbours swapped, one of them often 0);
* S3: two column groups of 四 swapped (e.g. 行政复议 and 复议后起诉);
* S4: a total printed in a data row or column (it holds the sum of the others).

The report itself is never changed: a suggestion is a finding with the proposed values
(:attr:`~disclosure_report.diagnostics.Diagnostic.fixes`) and the identities that support it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from disclosure_report.diagnostics import (
    Diagnostic,
    Fix,
    Location,
    Number,
    Phrase,
    Severity,
    locate,
)
from disclosure_report.model import Report, Table
from disclosure_report.tables import ValueKind, edition_spec

from ._engine import join, plan
from .rules import RULES

__all__ = ["suggest"]

_IDENTITIES: Final = ("R3.1", "R3.2", "R3.3", "R3.3b", "R3.8", "R4.1", "R4.2", "R4.3")
"""The identities whose breaks the suggestions explain."""
_MAX_TRIES: Final = 400
"""Most candidate repairs tried for one report (each is one check of the identities)."""
_MAX_SAME: Final = 2
"""More equally good candidates of one kind than this, and none is suggested (a guess)."""

_Edit = tuple[str, str, str, Number]
"""A proposed value: table, row, column, value."""


def _errors(report: Report) -> set[tuple[str, Location]]:
    found = plan(RULES, report.edition, _IDENTITIES, ()).run(report)
    return {(d.code, d.location) for d in found if d.assessable and d.severity is Severity.ERROR}


def _apply(report: Report, edits: Sequence[_Edit]) -> Report:
    changes: dict[str, Table] = {}
    for section, row_key, column, value in edits:
        table = changes.get(section) or getattr(report, section)
        rows = tuple(
            attrs.evolve(
                row,
                cells=tuple(
                    attrs.evolve(c, value=value, raw=None, marker=None) if c.column == column else c
                    for c in row.cells
                ),
            )
            if row.key == row_key
            else row
            for row in table.rows
        )
        changes[section] = attrs.evolve(table, rows=rows)
    return attrs.evolve(report, **changes)  # type: ignore[arg-type]


def _counts(report: Report, section: str) -> dict[tuple[str, str], int]:
    """The whole numbers of a table, by row and column (blanks and amounts left out)."""
    table = getattr(report, section, None)
    if not isinstance(table, Table):
        return {}
    return {
        (row.key, cell.column): cell.value
        for row in table.rows
        for cell in row.cells
        if type(cell.value) is int
    }


def _neighbours(report: Report, section: str) -> Iterator[tuple[str, str, str, str]]:
    """``(row, column, row, column)`` of each pair of cells side by side, or one above the other."""
    spec = edition_spec(report.edition).table(section)
    table = getattr(report, section)
    rows = [r for r in table.rows if any(r.key == s.key for s in spec.rows)]
    for row in rows:
        columns = [c.column for c in row.cells]
        for left, right in itertools.pairwise(columns):
            yield row.key, left, row.key, right
    for upper, lower in itertools.pairwise(rows):
        for cell in upper.cells:
            if any(c.column == cell.column for c in lower.cells):
                yield upper.key, cell.column, lower.key, cell.column


def _candidates(report: Report, broken: set[Location]) -> Iterator[tuple[str, list[_Edit]]]:
    """Candidate repairs touching at least one cell of a broken identity.

    The few of S3 and S4 first, then S1 and S2 for each pair of neighbouring cells.
    """
    sections = sorted({location.section for location in broken if location.section})
    for section in sections:
        values = _counts(report, section)
        yield from _swapped_groups(report, section, values)
        yield from _totals_in_data(report, section, values)
    for section in sections:
        values = _counts(report, section)
        for row_a, col_a, row_b, col_b in _neighbours(report, section):
            a, b = values.get((row_a, col_a)), values.get((row_b, col_b))
            if a is None or b is None:
                continue
            touched = {Location(section=section, row=row_a, column=col_a), Location(section=section, row=row_b, column=col_b)}  # fmt: skip
            if not touched & broken:
                continue
            if a > 0 and row_a == row_b:  # digits split along a printed row
                merged = int(f"{a}{b}")
                yield "S1", [(section, row_a, col_a, merged), (section, row_b, col_b, 0)]
                yield "S1", [(section, row_a, col_a, 0), (section, row_b, col_b, merged)]
            if a != b:
                yield "S2", [(section, row_a, col_a, b), (section, row_b, col_b, a)]


def _swapped_groups(
    report: Report, section: str, values: dict[tuple[str, str], int]
) -> Iterator[tuple[str, list[_Edit]]]:
    """Two column groups of the same shape whose parts (or whose totals) were swapped."""
    spec = edition_spec(report.edition).table(section)
    groups = (
        [g for g in spec.column_groups if not spec.rows[0].column(g.total).optional]
        if spec.rows
        else []
    )
    for row in spec.rows:
        for i, first in enumerate(groups):
            for second in groups[i + 1 :]:
                if len(first.columns) != len(second.columns):
                    continue
                keys = (*first.columns, first.total, *second.columns, second.total)
                if any((row.key, k) not in values for k in keys):
                    continue
                for a, b in ((first.columns, second.columns), ((first.total,), (second.total,))):
                    edits: list[_Edit] = [
                        (section, row.key, x, values[row.key, y]) for x, y in zip(a, b, strict=True)
                    ]
                    edits += [
                        (section, row.key, y, values[row.key, x]) for x, y in zip(a, b, strict=True)
                    ]
                    yield "S3", edits


def _totals_in_data(
    report: Report, section: str, values: dict[tuple[str, str], int]
) -> Iterator[tuple[str, list[_Edit]]]:
    """A data row (column) printing the same numbers as its group's total row (column).

    The total is printed twice; the true numbers are then 0 if that makes the identities hold.
    """
    spec = edition_spec(report.edition).table(section)
    columns = [c.key for c in spec.columns]
    for group in spec.groups:
        if group.total is None:
            continue
        total = {c: values.get((group.total, c)) for c in columns}
        for row in spec.rows:
            if row.key == group.total or group not in row.groups:
                continue
            same = [c for c in columns if (row.key, c) in values and total[c] is not None]
            if (
                same
                and any(total[c] for c in same)
                and all(values[row.key, c] == total[c] for c in same)
            ):
                yield "S4", [(section, row.key, c, 0) for c in same]
    for column_group in spec.column_groups:
        rows = [r.key for r in spec.rows]
        for part in column_group.columns:
            same = [r for r in rows if (r, part) in values and (r, column_group.total) in values]
            if (
                same
                and any(values[r, part] for r in same)
                and all(values[r, part] == values[r, column_group.total] for r in same)
            ):
                yield "S4", [(section, r, part, 0) for r in same]


def _holds(
    report: Report, before: set[tuple[str, Location]], edits: Sequence[_Edit]
) -> tuple[int, list[str]] | None:
    """How many broken identities the edits mend, and which, if they break none."""
    after = _errors(_apply(report, edits))
    if not after <= before or after == before:
        return None
    mended = before - after
    return len(mended), sorted({code for code, _ in mended})


def _where(location: Location) -> str:
    return "/".join(label for label in location.labels[1:] if label) or location.path


def suggest(report: Report, findings: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Repairs that would make broken identities among ``findings`` hold (never applied).

    Only the identities of 三 and 四 are considered, and only assessable violations. A kind
    of repair with several equally good candidates is not suggested (it would be a guess).
    """
    errors = [
        d
        for d in findings
        if d.code in _IDENTITIES and d.assessable and d.severity is Severity.ERROR
    ]
    if not errors:
        return ()
    before = {(d.code, d.location) for d in errors}
    broken = {cell for d in errors for cell in d.cells}
    found: dict[str, list[tuple[int, list[_Edit], list[str]]]] = {}
    for tries, (kind, edits) in enumerate(_candidates(report, broken)):
        if tries >= _MAX_TRIES:
            break
        if _kind_of(report, edits) is not ValueKind.COUNT:
            continue
        result = _holds(report, before, edits)
        if result is not None:
            found.setdefault(kind, []).append((result[0], edits, result[1]))
    suggestions = []
    for kind in sorted(found):
        best = max(score for score, _, _ in found[kind])
        top = [(edits, codes) for score, edits, codes in found[kind] if score == best]
        if len(top) > _MAX_SAME:
            continue
        for edits, codes in top:
            suggestions.append(_finding(report, kind, edits, codes))
    return tuple(suggestions)


def _kind_of(report: Report, edits: Sequence[_Edit]) -> ValueKind:
    spec = edition_spec(report.edition)
    kinds = {spec.table(s).row(r).column(c).kind for s, r, c, _ in edits}
    return kinds.pop() if len(kinds) == 1 else ValueKind.AMOUNT


def _finding(report: Report, kind: str, edits: Sequence[_Edit], codes: Sequence[str]) -> Diagnostic:
    table = getattr(report, edits[0][0])
    fixes = []
    names = []
    for section, row, column, value in edits:
        cell = table.cell(row, column)
        if cell.value == value:
            continue
        location = locate(report.edition, section, row, column, source=cell.source)
        fixes.append(Fix(location=location, value=value))
        names.append(f"{_where(location)} {cell.value}→{value}")
    first = fixes[0].location
    args: list[tuple[str, str | Phrase]] = [
        ("fixes", Phrase(join(names, "zh"), join(names, "en"))),
        ("holds", Phrase("、".join(codes), ", ".join(codes))),
    ]
    if kind == "S3":
        spec = edition_spec(report.edition).table(section)
        changed = {f.location.column for f in fixes}
        groups = [g.label for g in spec.column_groups if changed & {*g.columns, g.total}]
        args += [("first", groups[0]), ("second", groups[-1])]
    if kind == "S4":
        rows = {f.location.row for f in fixes}
        spec = edition_spec(report.edition).table(edits[0][0])
        if len(rows) == 1:
            line = spec.row(first.row or "").path
        else:
            line = spec.row(first.row or "").column(first.column or "").path
        args.append(("line", line))
    return Diagnostic(
        code=kind,
        severity=Severity.INFO,
        location=first,
        cells=tuple(f.location for f in fixes),
        fixes=tuple(fixes),
        args=tuple(args),
    )
