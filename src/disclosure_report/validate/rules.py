"""The core rules of ``spec/FORMAT.md`` §7, as data: :data:`RULES`.

The sum identities are :class:`~disclosure_report.validate._engine.SumRule` values whose
terms are read from the table declaration (:mod:`disclosure_report.tables`); the few keys
that must be named are named once, below. Checks that are not sums are functions named
``rule_<code>`` (``R0.6`` → :func:`rule_r0_6`).

Order matters: :func:`~disclosure_report.validate.validate` reports findings in the order of
:data:`RULES`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator
from typing import Final, TypeVar

import attrs

from disclosure_report.diagnostics import Diagnostic, Location, Severity, locate
from disclosure_report.model import Edition, Report, Table
from disclosure_report.tables import EDITIONS, Column, EditionSpec, TableSpec, edition_spec

from ._engine import Check, Rule, SumRule

__all__ = ["RULES", "rule_r0_3", "rule_r0_6"]

# --- the keys the rules name (everything else is derived from the declaration) -------------

_REPORT = attrs.fields(Report)
_APPLICATIONS: Final = _REPORT.applications.name
"""三、收到和处理政府信息公开申请情况"""
_REVIEW_LITIGATION: Final = _REPORT.review_litigation.name
"""四、政府信息公开行政复议、行政诉讼情况"""

_NEW_RECEIVED: Final = "new_received"
"""一、本年新收政府信息公开申请数量"""
_CARRIED_OVER: Final = "carried_over"
"""二、上年结转政府信息公开申请数量"""
_RESULTS: Final = "results"
"""The row group 三、本年度办理结果."""
_RESULTS_TOTAL: Final = "results_total"
"""（七）总计"""
_CARRIED_FORWARD: Final = "carried_forward"
"""四、结转下年度继续办理"""
_TOTAL: Final = "total"
"""总计: the column of 三, and the suffix of each ``<group>_total`` column of 四."""
_SUBTOTAL: Final = "legal_person_subtotal"
"""法人或其他组织 小计, the column some publishers add to 三."""

# --- terms derived from the declaration ----------------------------------------------------

_T = TypeVar("_T", bound=Hashable)


def _in_every_edition(derive: Callable[[EditionSpec], _T]) -> _T:
    """Derive the terms of a rule every edition shares, and make sure they are shared.

    Raises:
        ValueError: the editions' declarations differ, so the rule must be split by edition.
    """
    found = {derive(spec) for spec in EDITIONS.values()}
    if len(found) != 1:
        msg = f"{derive.__name__} differs between editions: give each edition its own rule"
        raise ValueError(msg)
    return found.pop()


def _column(table: TableSpec, key: str) -> Column:
    [column] = [c for c in table.columns if c.key == key]
    return column


def _applicant_columns(spec: EditionSpec) -> tuple[str, ...]:
    """R3.2's parts: every column of 三 except 总计 and the optional subtotal."""
    table = spec.table(_APPLICATIONS)
    total = _column(table, _TOTAL)
    return tuple(c.key for c in table.columns if c is not total and not c.optional)


def _organisation_columns(spec: EditionSpec) -> tuple[str, ...]:
    """R3.8's parts: the columns under the subtotal's own heading (法人或其他组织)."""
    table = spec.table(_APPLICATIONS)
    subtotal = _column(table, _SUBTOTAL)
    return tuple(c.key for c in table.columns if c.group == subtotal.group and c is not subtotal)


def _result_rows(edition: Edition) -> tuple[str, ...]:
    """R3.3's parts: every row under 三、本年度办理结果 except （七）总计 itself."""
    table = edition_spec(edition).table(_APPLICATIONS)
    return tuple(
        r.key
        for r in table.rows
        if _RESULTS in (g.key for g in r.groups) and r.key != _RESULTS_TOTAL
    )


def _outcome_groups(spec: EditionSpec) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """R4.x: per column group of 四, its ``<prefix>_total`` column and the group's other columns."""
    groups: defaultdict[tuple[str, ...], list[Column]] = defaultdict(list)
    for column in spec.table(_REVIEW_LITIGATION).columns:
        groups[column.group].append(column)
    found = []
    for columns in groups.values():
        [total] = [c for c in columns if c.key.endswith(f"_{_TOTAL}")]
        found.append((total.key, tuple(c.key for c in columns if c is not total)))
    return tuple(found)


# --- checks that are not sums ---------------------------------------------------------------


def _years(spec: EditionSpec) -> str:
    first, last = spec.years
    return f"{first} onward" if last is None else f"{first}-{last}"


def rule_r0_3(report: Report) -> Iterator[Diagnostic]:
    """R0.3: the edition of the tables fits the report year.

    A year that a *later* edition covers is an ERROR (the report used superseded tables, e.g.
    a 2022 report on the 2019 tables); any other mismatch is a WARNING (newer tables for an
    earlier year, or a year before every edition). A report without a year gives nothing.
    """
    if report.year is None:
        return
    spec = edition_spec(report.edition)
    if spec.covers(report.year):
        return
    meant = [s for s in EDITIONS.values() if s.covers(report.year)]
    used = f"uses the tables of {spec.name} ({spec.notice}), meant for {_years(spec)}"
    if meant:
        advice = "; ".join(f"{report.year} reports use {s.name} ({s.notice})" for s in meant)
    else:
        advice = f"no edition of the official format covers {report.year}"
    later = any(s.years[0] > spec.years[0] for s in meant)
    yield Diagnostic(
        code="R0.3",
        severity=Severity.ERROR if later else Severity.WARNING,
        message=f"the report is for {report.year} but {used}; {advice}",
        location=Location(),
    )


def _not_a_number(text: str) -> str:
    return f'"{text}" is written instead of a number: write the number, 0 if there were none'


def rule_r0_6(report: Report) -> Iterator[Diagnostic]:
    """R0.6: every numeric cell of an official row holds a number (0 included).

    One WARNING per blank cell, and per cell holding a marker (``/``, ``—``, ``无``) or text
    no number could be read from. FORMAT.md §7.0 asks for an ERROR when the blank cell is a
    total; the project decided on WARNING for every cell, because real reports (the seed
    report among them) leave whole 总计 columns blank, and a blank is a gap, not a
    contradiction.

    Only cells the report has are checked: a missing row or cell is the parser's finding
    (P1.4, P1.5), and the sum rules say which of their inputs it leaves unchecked.
    """
    spec = edition_spec(report.edition)
    for table_spec in spec.tables:
        table = getattr(report, table_spec.key, None)
        if not isinstance(table, Table):
            continue
        for row_spec in table_spec.rows:
            try:
                row = table.row(row_spec.key)
            except KeyError:
                continue
            for column in row_spec.columns:
                try:
                    cell = row.cell(column.key)
                except KeyError:
                    continue
                if cell.value is not None:
                    continue
                if cell.is_blank:
                    message = "blank cell: write the number, 0 if there were none (blank is not 0)"
                else:
                    message = _not_a_number(
                        cell.marker if cell.marker is not None else cell.raw or ""
                    )
                location = locate(
                    report.edition, table_spec.key, row_spec.key, column.key, source=cell.source
                )
                yield Diagnostic(
                    code="R0.6",
                    severity=Severity.WARNING,
                    message=message,
                    location=location,
                    cells=(location,),
                )


# --- the rule table -------------------------------------------------------------------------

_E = Severity.ERROR

RULES: Final[tuple[Rule, ...]] = (
    Check("R0.3", rule_r0_3),
    Check("R0.6", rule_r0_6),
    # 一 + 二 = 三(七) + 四 in every column; a violation is located at （七）总计 of the column.
    SumRule(
        code="R3.1",
        severity=_E,
        table=_APPLICATIONS,
        along="column",
        left=(_NEW_RECEIVED, _CARRIED_OVER),
        right=(_RESULTS_TOTAL, _CARRIED_FORWARD),
        at=_RESULTS_TOTAL,
    ),
    SumRule(
        code="R3.2",
        severity=_E,
        table=_APPLICATIONS,
        along="row",
        left=(_TOTAL,),
        right=_in_every_edition(_applicant_columns),
    ),
    SumRule(
        code="R3.3",
        severity=_E,
        table=_APPLICATIONS,
        along="column",
        left=(_RESULTS_TOTAL,),
        right=_result_rows(Edition.E2021),
        edition=Edition.E2021,
    ),
    SumRule(
        code="R3.3b",
        severity=_E,
        table=_APPLICATIONS,
        along="column",
        left=(_RESULTS_TOTAL,),
        right=_result_rows(Edition.E2019),
        edition=Edition.E2019,
    ),
    SumRule(
        code="R3.8",
        severity=_E,
        table=_APPLICATIONS,
        along="row",
        left=(_SUBTOTAL,),
        right=_in_every_edition(_organisation_columns),
    ),
    *(
        SumRule(
            code=code,
            severity=_E,
            table=_REVIEW_LITIGATION,
            along="row",
            left=(total,),
            right=parts,
        )
        for code, (total, parts) in zip(
            ("R4.1", "R4.2", "R4.3"), _in_every_edition(_outcome_groups), strict=True
        )
    ),
)
"""The core rules, in reporting order."""
