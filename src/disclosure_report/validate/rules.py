"""The rules of ``spec/FORMAT.md`` §7 and the checks of §8, as data: :data:`RULES`.

Each entry is a rule kind of :mod:`.kinds` naming keys of the declaration
(:mod:`disclosure_report.tables`); the few keys that must be named are named once, below.
Checks no kind expresses are functions named ``rule_<code>`` (``R0.3`` → :func:`rule_r0_3`),
here for the document and in :mod:`.narrative` for the text.

Order matters: :func:`~disclosure_report.validate.validate` reports findings in the order of
:data:`RULES`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Final

import attrs

from disclosure_report.diagnostics import Diagnostic, Location, Phrase, Severity, locate
from disclosure_report.model import Edition, Report, Table
from disclosure_report.tables import EDITIONS, TITLE_ENDINGS, EditionSpec, ValueKind, edition_spec

from . import narrative
from ._bodies import is_government
from .kinds import (
    AtLeast,
    BlankCells,
    Check,
    ColumnTotal,
    Conforms,
    ExtraRows,
    NonNegative,
    RequiredField,
    RequiredRows,
    RequiredSections,
    RowTotal,
    Rule,
    SumRule,
)

__all__ = ["RULES", "rule_e7", "rule_r0_3", "rule_r0_4", "rule_r0_5", "rule_r2_5"]

# --- the keys the rules name (everything else is read from the declaration) ----------------

_REPORT = attrs.fields(Report)
_PROACTIVE: Final = _REPORT.proactive_disclosure.name
"""二、主动公开政府信息情况"""
_APPLICATIONS: Final = _REPORT.applications.name
"""三、收到和处理政府信息公开申请情况"""
_REVIEW_LITIGATION: Final = _REPORT.review_litigation.name
"""四、政府信息公开行政复议、行政诉讼情况"""

_NEW_RECEIVED: Final = "new_received"
"""一、本年新收政府信息公开申请数量"""
_CARRIED_OVER: Final = "carried_over"
"""二、上年结转政府信息公开申请数量"""
_RESULTS: Final = "results"
"""The row group 三、本年度办理结果, whose total row is （七）总计."""
_RESULTS_TOTAL: Final = "results_total"
"""（七）总计"""
_CARRIED_FORWARD: Final = "carried_forward"
"""四、结转下年度继续办理"""
_APPLICANTS: Final = "applicants"
"""The column group 申请人情况, whose total column is 总计."""
_ORGANISATIONS: Final = "organisations"
"""The column group 法人或其他组织, whose (optional) total column is 小计."""
_OUTCOME_GROUPS: Final = ("review", "litigation_direct", "litigation_after_review")
"""The column groups of 四: 行政复议, 未经复议直接起诉, 复议后起诉."""
_PUBLISHED: Final = "published"
"""本年新公开数量 (2019)"""
_PUBLISHED_TOTAL: Final = "published_total"
"""对外公开总数量 (2019)"""
_ITEMS_PREV_YEAR: Final = "items_prev_year"
"""上一年项目数量 (2019)"""
_ITEMS_CHANGE: Final = "items_change"
"""本年增/减 (2019)"""


# --- R0.3: edition against year ------------------------------------------------------------


def _years(spec: EditionSpec) -> Phrase:
    first, last = spec.years
    if last is None:
        return Phrase(f"{first}年起", f"{first} onward")
    return Phrase(f"{first}-{last}年", f"{first}-{last}")


def rule_r0_3(report: Report) -> Iterator[Diagnostic]:
    """R0.3: the edition of the tables fits the report year.

    A year that a *later* edition covers is an ERROR (the report used superseded tables, e.g.
    a 2022 report on the 2019 tables); any other mismatch is a WARNING (newer tables for an
    earlier year, or a year before every edition). A report without a year gives nothing
    here (M2 says the year is missing).
    """
    if report.year is None:
        return
    spec = edition_spec(report.edition)
    if spec.covers(report.year):
        return
    meant = [s for s in EDITIONS.values() if s.covers(report.year)]
    if meant:
        advice = Phrase(
            "；".join(f"{report.year}年的报告应采用{s.name}（{s.notice}）" for s in meant),
            "; ".join(f"{report.year} reports use {s.name} ({s.notice})" for s in meant),
        )
    else:
        advice = Phrase(
            f"没有适用于{report.year}年的官方格式",
            f"no edition of the official format covers {report.year}",
        )
    later = any(s.years[0] > spec.years[0] for s in meant)
    yield Diagnostic(
        code="R0.3",
        severity=Severity.ERROR if later else Severity.WARNING,
        location=Location(),
        args=(
            ("year", report.year),
            ("used", f"{spec.name}（{spec.notice}）"),
            ("years", _years(spec)),
            ("advice", advice),
        ),
    )


# --- R0.4: one year everywhere -------------------------------------------------------------

_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年")
_OPENING_YEAR: Final = re.compile(
    r"^\s*(?:[（(][一1][)）]\s*\S{0,12}?\s*)?((?:19|20)\d{2})\s*年度?\s*[，,]"
)
_TITLE_WHAT: Final = Phrase("标题", "the title")
_PERIOD_WHAT: Final = Phrase("统计期限", "the statistics period")
_OVERVIEW_WHAT: Final = Phrase("总体情况的第一句", "the first sentence of the overview")


def rule_r0_4(report: Report) -> Iterator[Diagnostic]:
    """R0.4: the year in the title, the statistics period and the overview is the report year.

    The overview is read only where it opens with a year (「2024年，…」), the way reports
    start their account of the year; a year mentioned later may be any year.
    """
    year = report.year
    if year is None:
        return
    found: list[tuple[Phrase, int, Location]] = []
    if report.title is not None:
        match = _YEAR.search(report.title)
        if match is not None:
            found.append((_TITLE_WHAT, int(match[1]), Location(section=_REPORT.title.name)))
    for name in (_REPORT.period_start.name, _REPORT.period_end.name):
        value = getattr(report, name)
        if isinstance(value, date):
            found.append((_PERIOD_WHAT, value.year, Location(section=name)))
    if report.overview is not None and report.overview.paragraphs:
        first = report.overview.paragraphs[0]
        match = _OPENING_YEAR.match(first.text)
        if match is not None:
            location = locate(report.edition, _REPORT.overview.name, source=first.source)
            found.append((_OVERVIEW_WHAT, int(match[1]), location))
    seen = set()
    for what, stated, location in found:
        if stated == year or (what, stated) in seen:
            continue
        seen.add((what, stated))
        yield Diagnostic(
            code="R0.4",
            severity=Severity.ERROR,
            location=location,
            expected=year,
            actual=stated,
            args=(("what", what), ("found", stated), ("year", year)),
        )


# --- R0.5: published on time ---------------------------------------------------------------

_FIRST_EDITION_YEAR: Final = min(spec.years[0] for spec in EDITIONS.values())


def _deadline(report: Report) -> tuple[date, Phrase] | None:
    """The statutory deadline of the report, and who it binds; ``None`` if it cannot be told."""
    if report.year is None:
        return None
    following = report.year + 1
    organ = report.organ or ""
    if report.year < _FIRST_EDITION_YEAR:
        return date(following, 3, 31), Phrase("2019年以前的", "reports before 2019")
    if report.organ is None or is_government(organ):
        # A government's (aggregate) report, or a body we cannot tell: the later deadline.
        return date(following, 3, 31), Phrase("人民政府", "a government's report")
    return date(following, 1, 31), Phrase("政府部门", "a department's report")


def rule_r0_5(report: Report) -> Iterator[Diagnostic]:
    """R0.5: published by the statutory deadline, and not before the period it reports ended.

    Departments publish by 1月31日 of the next year, governments (and aggregate reports, and
    any body this cannot tell) by 3月31日 (条例 Art. 49); before 2019, 3月31日 for all. A
    report without a publication date gives nothing here (M4 says it is missing).
    """
    published = report.publication_date
    if published is None:
        return
    found = _deadline(report)
    location = Location(section=_REPORT.publication_date.name)
    if found is not None:
        deadline, kind = found
        if published > deadline:
            yield Diagnostic(
                code="R0.5",
                severity=Severity.WARNING,
                location=location,
                args=(
                    ("date", published.isoformat()),
                    ("deadline", deadline.isoformat()),
                    ("kind", kind),
                ),
            )
    end = report.period_end or (date(report.year, 12, 31) if report.year is not None else None)
    if end is not None and published < end:
        yield Diagnostic(
            code="R0.5",
            severity=Severity.WARNING,
            location=location,
            form="published-early",
            args=(("date", published.isoformat()), ("end", end.isoformat())),
        )


# --- R2.5: an amount with no unit anywhere -------------------------------------------------


@lru_cache(maxsize=8)
def _unitless_amounts(edition: Edition) -> tuple[tuple[str, str, str, str], ...]:
    """``(table, row, column, label)`` of each amount cell whose header gives no unit."""
    return tuple(
        (table.key, row.key, column.key, column.label)
        for table in edition_spec(edition).tables
        for row in table.rows
        for column in row.columns
        if column.kind is ValueKind.AMOUNT and column.unit is None
    )


def rule_r2_5(report: Report) -> Iterator[Diagnostic]:
    """R2.5: an amount in a column whose header gives no unit carries its own (元, 万元)."""
    for section, row, column, label in _unitless_amounts(report.edition):
        table = getattr(report, section, None)
        if not isinstance(table, Table):
            continue
        try:
            cell = table.cell(row, column)
        except KeyError:
            continue
        if cell.value and cell.unit is None:  # 0 needs no unit
            location = locate(report.edition, section, row, column, source=cell.source)
            yield Diagnostic(
                code="R2.5",
                severity=Severity.INFO,
                location=location,
                cells=(location,),
                args=(("column", label), ("value", str(cell.value))),
            )


# --- E7: the title -------------------------------------------------------------------------

_ANNUAL: Final = "年度"


def rule_e7(report: Report) -> Iterator[Diagnostic]:
    """E7: the title names an annual report of information disclosure.

    It holds one of the title endings of the declaration
    (:data:`~disclosure_report.tables.TITLE_ENDINGS`) and says 年度: a 「工作报告」 or a covering
    letter is not the annual report. A missing title is M3's finding.
    """
    title = report.title
    if title is None or not title.strip():
        return
    compact = "".join(title.split())
    if any(ending in compact for ending in TITLE_ENDINGS) and _ANNUAL in compact:
        return
    yield Diagnostic(
        code="E7",
        severity=Severity.WARNING,
        location=Location(section=_REPORT.title.name),
        args=(("title", title),),
    )


# --- the rule table -------------------------------------------------------------------------

RULES: Final[tuple[Rule, ...]] = (
    # The document: sections, rows, shape, metadata.
    RequiredSections(code="R0.1"),
    RequiredRows(code="R0.2"),
    ExtraRows(code="R0.2b"),
    Conforms(code="C1"),
    RequiredField(code="M1", field=_REPORT.organ.name),
    RequiredField(code="M2", field=_REPORT.year.name),
    RequiredField(code="M3", field=_REPORT.title.name),
    RequiredField(code="M4", field=_REPORT.publication_date.name),
    Check("R0.3", rule_r0_3),
    Check("R0.4", rule_r0_4),
    Check("R0.5", rule_r0_5),
    BlankCells(code="R0.6"),
    Check("E7", rule_e7),
    # 二: counts and amounts; the 2019 columns' bounds.
    NonNegative(code="R2.1", table=_PROACTIVE),
    AtLeast(
        code="R2.3", table=_PROACTIVE, along="row", left=(_PUBLISHED_TOTAL,), right=(_PUBLISHED,)
    ),
    AtLeast(code="R2.4", table=_PROACTIVE, along="row", left=(_ITEMS_PREV_YEAR, _ITEMS_CHANGE)),
    Check("R2.5", rule_r2_5),
    # 三: 一 + 二 = 三(七) + 四 in every column, located at （七）总计 of the column.
    SumRule(
        code="R3.1",
        table=_APPLICATIONS,
        along="column",
        left=(_NEW_RECEIVED, _CARRIED_OVER),
        right=(_RESULTS_TOTAL, _CARRIED_FORWARD),
        at=_RESULTS_TOTAL,
    ),
    ColumnTotal(code="R3.2", table=_APPLICATIONS, group=_APPLICANTS),
    RowTotal(code="R3.3", table=_APPLICATIONS, group=_RESULTS, edition=Edition.E2021),
    RowTotal(code="R3.3b", table=_APPLICATIONS, group=_RESULTS, edition=Edition.E2019),
    NonNegative(code="R3.4", table=_APPLICATIONS),
    Check("R3.7", narrative.rule_r3_7),
    ColumnTotal(code="R3.8", table=_APPLICATIONS, group=_ORGANISATIONS),
    Check("R3.9", narrative.rule_r3_9),
    # 四: each group's 总计 = its four outcomes.
    *(
        ColumnTotal(code=code, table=_REVIEW_LITIGATION, group=group)
        for code, group in zip(("R4.1", "R4.2", "R4.3"), _OUTCOME_GROUPS, strict=True)
    ),
    NonNegative(code="R4.4", table=_REVIEW_LITIGATION),
    Check("R4.6", narrative.rule_r4_6),
    # 一, 五, 六.
    Check("R6.1", narrative.rule_r6_1),
    Check("R6.2", narrative.rule_r6_2),
    Check("R6.3", narrative.rule_r6_3),
    Check("E9", narrative.rule_e9),
)
"""The rules :func:`~disclosure_report.validate.validate` checks, in reporting order."""
