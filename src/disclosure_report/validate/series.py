"""Checks across reports: one body over the years, and children rolled up into a parent.

* :func:`validate_series`: the same body's reports of consecutive years: 上年结转 equals last
  year's 结转下年度 (R3.6), 现行有效件数 is last year's plus what was issued minus what was
  repealed (R2.2), and no report copies last year's tables or text (R0.7, R6.2).
* :func:`rollup`: the tables of a parent (a county, say) as the sum of its children's
  (townships, departments). A cell any child leaves blank stays blank; missing children are
  named; nothing is filled in.
* :func:`check_rollup`: a published parent report against the sum of its children.

Every finding names the report it is about in :attr:`~disclosure_report.diagnostics.Diagnostic.report`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import localcontext
from typing import Final

import attrs
from attrs import frozen

from disclosure_report.diagnostics import Diagnostic, Location, Number, Phrase, Severity, locate
from disclosure_report.errors import DisclosureReportError
from disclosure_report.model import Cell, Edition, Report, Row, Table, TextSection
from disclosure_report.tables import RowSpec, TableSpec, ValueKind, edition_spec

from ._engine import EXACT, join, magnitude, side_text

__all__ = ["SERIES_CODES", "Rollup", "SeriesError", "check_rollup", "rollup", "validate_series"]

SERIES_CODES: Final = ("R0.7", "R2.2", "R3.6", "R6.2")
"""The codes :func:`validate_series` can give."""

_REPORT = attrs.fields(Report)
_PROACTIVE: Final = _REPORT.proactive_disclosure.name
_APPLICATIONS: Final = _REPORT.applications.name
_CARRIED_OVER: Final = "carried_over"
"""二、上年结转政府信息公开申请数量"""
_CARRIED_FORWARD: Final = "carried_forward"
"""四、结转下年度继续办理"""
_ISSUED: Final = "issued"
"""本年制发件数 (2021)"""
_REPEALED: Final = "repealed"
"""本年废止件数 (2021)"""
_IN_FORCE: Final = "in_force"
"""现行有效件数 (2021)"""
_COPY_MINIMUM: Final = 20
"""Fewest characters a text must have for an identical copy of it to be worth a finding."""


class SeriesError(DisclosureReportError, ValueError):
    """Reports cannot be checked together.

    A year is missing or repeated, the bodies differ, or the editions cannot be added up.
    """


def _name(report: Report) -> str:
    return f"{report.organ or ''}{report.year if report.year is not None else ''}".strip()


def _same_body(organs: Iterable[str | None]) -> bool:
    known = {"".join(o.split()) for o in organs if o}
    return len(known) <= 1


def _cell(report: Report, section: str, row: str, column: str) -> Cell | None:
    table = getattr(report, section, None)
    if not isinstance(table, Table):
        return None
    try:
        return table.cell(row, column)
    except KeyError:
        return None


def _label(report: Report, section: str, row: str, column: str) -> tuple[str, ...]:
    labels = locate(report.edition, section, row, column).labels
    return tuple(label for label in labels[1:] if label)


# --- one body over the years ---------------------------------------------------------------


def validate_series(reports: Iterable[Report]) -> tuple[Diagnostic, ...]:
    """Check one body's reports across consecutive years (each report alone: :func:`validate`).

    Reports are taken in year order; only reports of consecutive years are compared. A blank
    cell is compared with nothing.

    Raises:
        SeriesError: a report has no year, two have the same year, or the organs differ.
    """
    ordered = sorted(reports, key=lambda r: -1 if r.year is None else r.year)
    if any(r.year is None for r in ordered):
        msg = "every report of a series needs its year"
        raise SeriesError(msg)
    years = [r.year for r in ordered]
    if len(set(years)) != len(years):
        msg = f"two reports of the same year in one series: {sorted(years)}"  # type: ignore[type-var]
        raise SeriesError(msg)
    if not _same_body(r.organ for r in ordered):
        msg = (
            f"the reports are of different bodies: {sorted({r.organ for r in ordered if r.organ})}"
        )
        raise SeriesError(msg)
    found: list[Diagnostic] = []
    for previous, current in itertools.pairwise(ordered):
        if previous.year is None or current.year != previous.year + 1:
            continue
        found.extend(_carry_over(previous, current))
        found.extend(_stock_and_flow(previous, current))
        found.extend(_copied(previous, current))
    return tuple(found)


def _identity(
    code: str,
    report: Report,
    *,
    left: tuple[tuple[str, ...], Number],
    right: Sequence[tuple[tuple[str, ...], Number]],
    cells: tuple[Location, ...],
    right_text: str | None = None,
) -> Diagnostic:
    """``left`` should equal the sum of ``right``; located at the first of ``cells``."""
    location = cells[0]
    with localcontext(EXACT):
        total: Number = sum((value for _, value in right), start=0)
        difference = magnitude(left[1] - total)
        return Diagnostic(
            code=code,
            severity=Severity.WARNING,
            location=location,
            cells=cells,
            expected=total,
            actual=left[1],
            report=_name(report),
            args=(
                ("left", side_text([left], left[1])),
                ("right", right_text if right_text is not None else side_text(right, total)),
                ("difference", difference),
            ),
        )


def _carry_over(previous: Report, current: Report) -> Iterator[Diagnostic]:
    """R3.6: 二、上年结转 of this year = 四、结转下年度 of last year, column by column."""
    try:
        spec = edition_spec(current.edition).table(_APPLICATIONS)
        row = spec.row(_CARRIED_OVER)
    except KeyError:
        return
    for column in row.columns:
        now = _cell(current, _APPLICATIONS, _CARRIED_OVER, column.key)
        before = _cell(previous, _APPLICATIONS, _CARRIED_FORWARD, column.key)
        if now is None or before is None or now.value is None or before.value is None:
            continue
        if now.value == before.value:
            continue
        here = locate(current.edition, _APPLICATIONS, _CARRIED_OVER, column.key, source=now.source)
        there = locate(previous.edition, _APPLICATIONS, _CARRIED_FORWARD, column.key)
        last = (f"{previous.year}", *_label(previous, _APPLICATIONS, _CARRIED_FORWARD, column.key))
        yield _identity(
            "R3.6",
            current,
            left=(_label(current, _APPLICATIONS, _CARRIED_OVER, column.key), now.value),
            right=[(last, before.value)],
            cells=(here, there),
        )


def _stock_and_flow(previous: Report, current: Report) -> Iterator[Diagnostic]:
    """R2.2: 现行有效件数 = last year's + 本年制发件数 - 本年废止件数, per row that has all three."""
    try:
        spec = edition_spec(current.edition).table(_PROACTIVE)
    except KeyError:
        return
    for row in spec.rows:
        keys = {c.key for c in row.columns}
        if not {_ISSUED, _REPEALED, _IN_FORCE} <= keys:
            continue
        cells = {
            key: _cell(current, _PROACTIVE, row.key, key) for key in (_ISSUED, _REPEALED, _IN_FORCE)
        }
        before = _cell(previous, _PROACTIVE, row.key, _IN_FORCE)
        values = [c.value if c is not None else None for c in (*cells.values(), before)]
        if any(v is None for v in values):
            continue
        issued, repealed, in_force, last = values
        assert issued is not None
        assert repealed is not None
        assert in_force is not None
        assert last is not None
        if in_force == last + issued - repealed:
            continue
        source = cells[_IN_FORCE].source if cells[_IN_FORCE] is not None else None
        here = locate(current.edition, _PROACTIVE, row.key, _IN_FORCE, source=source)
        names = {key: "/".join(_label(current, _PROACTIVE, row.key, key)[-1:]) for key in cells}
        expected = last + issued - repealed
        yield _identity(
            "R2.2",
            current,
            left=(_label(current, _PROACTIVE, row.key, _IN_FORCE), in_force),
            right=[((), last), ((), issued), ((), -repealed)],
            cells=(
                here,
                locate(current.edition, _PROACTIVE, row.key, _ISSUED),
                locate(current.edition, _PROACTIVE, row.key, _REPEALED),
                locate(previous.edition, _PROACTIVE, row.key, _IN_FORCE),
            ),
            right_text=(
                f"{previous.year} {names[_IN_FORCE]} ({last}) + {names[_ISSUED]} ({issued}) "
                f"- {names[_REPEALED]} ({repealed}) = {expected}"
            ),
        )


def _numbers(report: Report) -> dict[tuple[str, str, str], Number | None]:
    found: dict[tuple[str, str, str], Number | None] = {}
    for spec in edition_spec(report.edition).tables:
        table = getattr(report, spec.key, None)
        if isinstance(table, Table):
            for row in table.rows:
                for cell in row.cells:
                    found[spec.key, row.key, cell.column] = cell.value
    return found


def _text(section: TextSection | None) -> str:
    return "" if section is None else "".join(section.text.split())


def _copied(previous: Report, current: Report) -> Iterator[Diagnostic]:
    """R0.7: every number the same as last year's (not all 0); R0.7 and R6.2: copied text.

    A text section word for word last year's is R6.2 for 五, R0.7 for the others.
    """
    now, before = _numbers(current), _numbers(previous)
    if now and now == before and any(v for v in now.values()):
        yield Diagnostic(
            code="R0.7",
            severity=Severity.WARNING,
            location=Location(),
            report=_name(current),
            args=(("previous", str(previous.year)),),
        )
    for spec in edition_spec(current.edition).text_sections:
        text = _text(getattr(current, spec.key, None))
        if len(text) < _COPY_MINIMUM or text != _text(getattr(previous, spec.key, None)):
            continue
        code = "R6.2" if spec.key == _REPORT.problems.name else "R0.7"
        yield Diagnostic(
            code=code,
            severity=Severity.WARNING,
            location=locate(current.edition, spec.key),
            report=_name(current),
            form="copied",
            args=(("section", spec.label), ("previous", str(previous.year))),
        )


# --- children rolled up into a parent ------------------------------------------------------


@frozen
class Rollup:
    """A parent's tables as the sum of its children's, and what stopped a cell from being summed."""

    report: Report
    """The parent: organ, year, edition and the summed tables 二, 三 and 四; no text."""
    diagnostics: tuple[Diagnostic, ...]
    """A1 for each expected child with no report, A2 for each row with a cell left blank."""
    children: tuple[str, ...]
    """The organs summed, in the order given."""


def _parent_rows(spec: TableSpec, children: Sequence[Report]) -> tuple[RowSpec, ...]:
    """The parent prints an optional row (（六） as one row) if any child does."""
    printed: set[str] = set()
    for child in children:
        table = getattr(child, spec.key, None)
        if isinstance(table, Table):
            printed.update(r.key for r in table.rows)
    return spec.expected_rows({r.key for r in spec.rows if r.optional and r.key in printed})


def _child_value(child: Report, spec: TableSpec, row: RowSpec, column: str) -> Number | None:
    """The child's number for ``row`` and ``column``, else ``None``.

    For an optional row the child does not print, the sum of the rows it stands for (all
    known).
    """
    table = getattr(child, spec.key, None)
    if not isinstance(table, Table):
        return None
    keys: tuple[str, ...] = (row.key,)
    if row.optional and all(r.key != row.key for r in table.rows):
        keys = row.replaces
    total: Number = 0
    for key in keys:
        cell = _cell(child, spec.key, key, column)
        if cell is None or cell.value is None:
            return None
        declared = row.column(column)
        if cell.unit is not None and cell.unit != (declared.unit or cell.unit):
            return None  # a number in another unit than the column's cannot be added
        total += cell.value
    return total


def rollup(
    children: Iterable[Report],
    *,
    organ: str,
    year: int,
    expected: Iterable[str] = (),
) -> Rollup:
    """Sum the tables of ``children`` into a report of ``organ`` for ``year``.

    A cell is the sum of the children's cells only when every child has a number there; else
    it is left blank and an A2 finding names the children that leave it blank. Each organ of
    ``expected`` with no report among ``children`` gives an A1 finding. Nothing is filled in:
    a blank is never taken for 0.

    Raises:
        SeriesError: no children, a child of another year, or children of different editions.
    """
    given = tuple(children)
    if not given:
        msg = "a rollup needs at least one child report"
        raise SeriesError(msg)
    other_years = sorted({str(c.year) for c in given if c.year != year})
    if other_years:
        msg = f"children of other years than {year}: {', '.join(other_years)}"
        raise SeriesError(msg)
    editions = {c.edition for c in given}
    if len(editions) != 1:
        msg = f"children of different editions cannot be added up: {sorted(map(str, editions))}"
        raise SeriesError(msg)
    (edition,) = editions
    names = tuple(c.organ or f"#{i + 1}" for i, c in enumerate(given))
    diagnostics: list[Diagnostic] = [
        Diagnostic(
            code="A1",
            severity=Severity.WARNING,
            location=Location(),
            report=f"{organ}{year}",
            args=(("child", child),),
        )
        for child in expected
        if child not in names
    ]
    tables: dict[str, Table] = {}
    with localcontext(EXACT):
        for spec in edition_spec(edition).tables:
            rows = []
            for row in _parent_rows(spec, given):
                cells = []
                blank: dict[str, list[str]] = {}
                for column in row.columns:
                    if column.optional:
                        continue
                    values = [_child_value(c, spec, row, column.key) for c in given]
                    missing = [n for n, v in zip(names, values, strict=True) if v is None]
                    if missing:
                        blank[column.key] = missing
                        cells.append(Cell(column=column.key))
                    else:
                        total = sum((v for v in values if v is not None), start=0)
                        if column.kind is not ValueKind.AMOUNT:
                            total = int(total)
                        cells.append(Cell(column=column.key, value=total))
                rows.append(Row(key=row.key, cells=tuple(cells)))
                if blank:
                    diagnostics.append(_blank(edition, spec, row, blank, f"{organ}{year}"))
            tables[spec.key] = Table(rows=tuple(rows))
    report = Report(edition=edition, organ=organ, year=year, **tables)  # type: ignore[arg-type]
    return Rollup(report=report, diagnostics=tuple(diagnostics), children=names)


def _blank(
    edition: Edition, spec: TableSpec, row: RowSpec, blank: dict[str, list[str]], name: str
) -> Diagnostic:
    children = list(dict.fromkeys(child for names in blank.values() for child in names))
    return Diagnostic(
        code="A2",
        severity=Severity.WARNING,
        location=locate(edition, spec.key, row.key),
        cells=tuple(locate(edition, spec.key, row.key, column) for column in blank),
        report=name,
        args=(
            ("count", len(children)),
            ("children", Phrase(join(children, "zh"), join(children, "en"))),
        ),
    )


def check_rollup(parent: Report, children: Iterable[Report]) -> tuple[Diagnostic, ...]:
    """Compare a published parent report with the sum of its children, cell by cell (A3).

    Only cells where the parent and every child have a number are compared.

    Raises:
        SeriesError: as :func:`rollup` does; the parent needs its organ and year.
    """
    if parent.year is None:
        msg = "the parent report needs its year"
        raise SeriesError(msg)
    summed = rollup(children, organ=parent.organ or "", year=parent.year).report
    if summed.edition is not parent.edition:
        msg = f"the parent is of edition {parent.edition}, its children of {summed.edition}"
        raise SeriesError(msg)
    found: list[Diagnostic] = []
    for spec in edition_spec(parent.edition).tables:
        table = getattr(parent, spec.key, None)
        if not isinstance(table, Table):
            continue
        for row in table.rows:
            for cell in row.cells:
                other = _cell(summed, spec.key, row.key, cell.column)
                if cell.value is None or other is None or other.value is None:
                    continue
                if cell.value == other.value:
                    continue
                where = locate(parent.edition, spec.key, row.key, cell.column, source=cell.source)
                labels = _label(parent, spec.key, row.key, cell.column)
                found.append(
                    _identity(
                        "A3",
                        parent,
                        left=(labels, cell.value),
                        right=[((*labels[:-1], f"{labels[-1]}（下级报告之和）"), other.value)],
                        cells=(where,),
                    )
                )
    return tuple(found)
