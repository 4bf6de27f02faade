"""Checks of the report's text, alone and against its tables (R3.7, R3.9, R4.6, R6.1-R6.3, E9).

The text is read conservatively: a statement is compared with a table only when it is a plain
one about the report year (a clause mentioning last year, a comparison or a carry-over is
skipped), and every finding is a WARNING or a note, never an ERROR. A blank table cell is not
compared with anything.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from operator import attrgetter
from typing import Final

import attrs

from disclosure_report.diagnostics import Diagnostic, Location, Number, Severity, locate
from disclosure_report.model import Edition, Paragraph, Report, Table, TextSection
from disclosure_report.tables import edition_spec

from ._bodies import is_government

__all__ = [
    "rule_e9",
    "rule_r3_7",
    "rule_r3_9",
    "rule_r4_6",
    "rule_r6_1",
    "rule_r6_2",
    "rule_r6_3",
]

_REPORT = attrs.fields(Report)
_OVERVIEW: Final = _REPORT.overview.name
_PROBLEMS: Final = _REPORT.problems.name
_OTHER_MATTERS: Final = _REPORT.other_matters.name
_APPLICATIONS: Final = _REPORT.applications.name
_REVIEW_LITIGATION: Final = _REPORT.review_litigation.name

_NEW_RECEIVED: Final = "new_received"
_CARRIED_OVER: Final = "carried_over"
_RESULTS_TOTAL: Final = "results_total"
_OTHER_FEE_UNPAID: Final = "other_fee_unpaid"
_APPLICANTS: Final = "applicants"
_REVIEW: Final = "review"
_LITIGATION: Final = ("litigation_direct", "litigation_after_review")

_QUOTE_WIDTH: Final = 40
"""Most characters of the text a finding quotes."""

# --- reading the text -------------------------------------------------------------------------

_ENDS: Final = "。；;！!？?\n"
"""Characters that end a clause."""
_OTHER_YEAR: Final = re.compile(r"上年|去年|上一年|同比|较上|比上|结转|(?:19|20)\d{2}\s*年")


def _paragraphs(section: TextSection | None) -> Sequence[Paragraph]:
    return () if section is None else section.paragraphs


_TEXT = attrgetter("text")
_END: Final = re.compile(f"[{_ENDS}]")
_CLAUSE_REST: Final = re.compile(f"[^{_ENDS}]*")


def _found(
    paragraphs: Sequence[Paragraph], *patterns: re.Pattern[str]
) -> Iterator[tuple[Paragraph, str, re.Match[str]]]:
    """Each match of ``patterns`` (which never span two clauses), with its paragraph and clause.

    The paragraphs are searched as one text: one regex scan per pattern, not one per paragraph.
    """
    texts = list(map(_TEXT, paragraphs))
    text = "\n".join(texts)
    starts: list[int] | None = None
    for pattern in patterns:
        for match in pattern.finditer(text):
            if starts is None:
                starts = list(accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
            number = bisect_right(starts, match.start()) - 1
            own, offset = texts[number], starts[number]
            local = match.start() - offset
            last = _END.search(own[local - 1 :: -1]) if local else None  # the clause's start
            begin = local - last.start() if last is not None else 0
            rest = _CLAUSE_REST.match(own, match.end() - offset)
            stop = rest.end() if rest is not None else len(own)
            yield paragraphs[number], own[begin:stop].strip(), match


def _about_this_year(clause: str, year: int | None) -> bool:
    """No mention of another year, last year, a comparison or a carry-over."""
    for match in _OTHER_YEAR.finditer(clause):
        digits = re.match(r"\d{4}", match[0])
        if digits is None or year is None or int(digits[0]) != year:
            return False
    return True


def _quote(clause: str) -> str:
    clause = clause.strip()
    return clause if len(clause) <= _QUOTE_WIDTH else clause[: _QUOTE_WIDTH - 1] + "…"


def _compact(text: str) -> str:
    """The text without whitespace."""
    return "".join(text.split())


# --- reading the tables -----------------------------------------------------------------------


class _Place:
    """A cell of a table: its number (``None`` when blank or absent), and where it is.

    The location is built only when a finding needs it.
    """

    __slots__ = ("column", "edition", "row", "section", "source", "value")

    def __init__(self, report: Report, section: str, row: str, column: str) -> None:
        table = getattr(report, section, None)
        cell = None
        if isinstance(table, Table):
            try:
                cell = table.cell(row, column)
            except KeyError:
                cell = None
        self.value: Number | None = cell.value if cell is not None else None
        self.source = cell.source if cell is not None else None
        self.edition = report.edition
        self.section, self.row, self.column = section, row, column

    @property
    def location(self) -> Location:
        return locate(self.edition, self.section, self.row, self.column, source=self.source)


def _total_column(report: Report, group: str) -> str | None:
    try:
        spec = edition_spec(report.edition).table(_APPLICATIONS)
        return spec.column_group(group).total
    except KeyError:
        return None


def _name(location: Location) -> str:
    """A cell's row and column labels, for a message."""
    return "/".join(label for label in location.labels[1:] if label) or location.path


# --- R3.7: what 一 says about applications ------------------------------------------------------

_UNIT = r"\s*(?:件|个|份|条|宗)"
_GAP = r"[^，,:：。；;！!？?\n\d]"
"""Any character inside a clause but a digit."""
# 「收到…申请X件」: read from 「申请」 on (a pattern starting with a word is a fast scan), then
# the verb is looked for in the few characters before it.
_RECEIVED: Final = re.compile(rf"申请{_GAP}{{0,6}}?(\d+){_UNIT}")
_RECEIVED_VERB: Final = re.compile(rf"(?:收到|新收|受理|接收|接到){_GAP}{{0,14}}$")
_VERB_REACH: Final = 16
"""Characters before 「申请」 the verb may stand in."""
# 「办结X件」, 「答复X件」.
_CLOSED: Final = tuple(
    re.compile(rf"{verb}{_GAP}{{0,10}}?(\d+){_UNIT}") for verb in ("办结", "答复")
)


def _statements(
    report: Report,
    patterns: Sequence[re.Pattern[str]],
    before: dict[re.Pattern[str], re.Pattern[str]],
) -> dict[re.Pattern[str], tuple[int, str, int]]:
    """The earliest statement about the report year each of ``patterns`` reads in 一.

    Each as where it stands, its clause and its number. ``before`` gives, for a pattern, what must stand in the characters before its match.
    """
    found: dict[re.Pattern[str], tuple[int, str, int]] = {}
    for _, clause, match in _found(_paragraphs(report.overview), *patterns):
        pattern = match.re
        if pattern in found:
            continue
        verb = before.get(pattern)
        if verb is not None and not verb.search(
            match.string, max(0, match.start() - _VERB_REACH), match.start()
        ):
            continue
        if _about_this_year(clause, report.year):
            found[pattern] = (match.start(), clause, int(match[1]))
    return found


def _narrative(
    code: str, report: Report, clause: str, *, stated: int, value: Number, cells: Sequence[Location]
) -> Diagnostic:
    """A statement of 一 (``clause``) saying ``stated`` where the table's cells say ``value``.

    The finding is located at the first of ``cells``.
    """
    location = cells[0]
    return Diagnostic(
        code=code,
        severity=Severity.WARNING,
        location=location,
        cells=tuple(cells),
        expected=value,
        actual=stated,
        args=(
            ("section", _section_label(report, _OVERVIEW)),
            ("quote", _quote(clause)),
            ("table", _name(location)),
            ("value", value),
        ),
    )


def rule_r3_7(report: Report) -> Iterator[Diagnostic]:
    """R3.7: the numbers of applications 一 states (收到申请X件, 办结X件) equal table 三.

    「收到…申请X件」 is compared with 一、本年新收 (or 一 + 二, since some count the carried-over
    ones in), 「办结/答复X件」 with （七）总计, in the 总计 column. The first such statement about
    the report year counts.
    """
    total = _total_column(report, _APPLICANTS)
    if report.overview is None or total is None or report.applications is None:
        return
    statements = _statements(report, (_RECEIVED, *_CLOSED), {_RECEIVED: _RECEIVED_VERB})
    received = statements.get(_RECEIVED)
    if received is not None:
        _, clause, stated = received
        new = _Place(report, _APPLICATIONS, _NEW_RECEIVED, total)
        over = _Place(report, _APPLICATIONS, _CARRIED_OVER, total).value
        if new.value is not None:
            accepted = {new.value} | ({new.value + over} if over is not None else set())
            if stated not in accepted:
                yield _narrative(
                    "R3.7", report, clause, stated=stated, value=new.value, cells=[new.location]
                )
    closed = min((statements[p] for p in _CLOSED if p in statements), default=None)
    if closed is not None:
        _, clause, stated = closed
        results = _Place(report, _APPLICATIONS, _RESULTS_TOTAL, total)
        if results.value is not None and stated != results.value:
            yield _narrative(
                "R3.7", report, clause, stated=stated, value=results.value, cells=[results.location]
            )


# --- R4.6: what 一 says about review and litigation ----------------------------------------------

_NONE_OF: Final = re.compile(
    rf"(?:未|没有|无)(?:发生|出现|收到|产生|涉及|有)?{_GAP}{{0,24}}?(?:行政复议|行政诉讼)"
    rf"|(?:行政复议|行政诉讼){_GAP}{{0,12}}?(?:均为|为|均)?(?:0|零)(?:件|起)?(?=$|[，,。；;])"
)
_NOT_ABOUT_CASES: Final = re.compile(r"纠错|纠正|败诉|撤销|确认违法|被诉|复议机关")
_CASE_WORDS: Final = re.compile(r"行政(?:复议|诉讼)")
_AND_MORE: Final = re.compile(r"(?:[、和及与或]|以及)(行政复议|行政诉讼)")
"""A further kind of case listed after the first: 「未发生行政复议、行政诉讼」."""
_REVIEW_WORD: Final = "行政复议"
_COUNTS: Final = re.compile(r"(行政复议|行政诉讼)(?:案件)?(?:共)?(\d+)\s*(?:件|起|宗)")


def _groups(report: Report, word: str) -> list[tuple[str, ...]]:
    """Per column group of 四 the word names, its column keys, the total first."""
    table = edition_spec(report.edition).table(_REVIEW_LITIGATION)
    found = []
    for key in (_REVIEW,) if word == _REVIEW_WORD else _LITIGATION:
        try:
            group = table.column_group(key)
        except KeyError:
            continue
        found.append((group.total, *group.columns))
    return found


def _places(report: Report, columns: Sequence[str]) -> list[_Place]:
    (row,) = edition_spec(report.edition).table(_REVIEW_LITIGATION).rows
    return [_Place(report, _REVIEW_LITIGATION, row.key, column) for column in columns]


def rule_r4_6(report: Report) -> Iterator[Diagnostic]:
    """R4.6: what 一 says about administrative review and litigation agrees with table 四.

    「未发生行政复议、行政诉讼」 (and the like) means every cell of the groups it names is 0;
    「行政复议X件」 and 「行政诉讼X件」 are compared with the 总计 of 行政复议 and the sum of the
    two 总计 of 行政诉讼. A clause about corrections, lost cases or another year is skipped.
    """
    if report.overview is None or report.review_litigation is None:
        return
    clauses: dict[str, Paragraph] = {}
    for paragraph, clause, _ in _found(report.overview.paragraphs, _CASE_WORDS):
        if _about_this_year(clause, report.year):
            clauses.setdefault(clause, paragraph)
    said: set[str] = set()
    counted: set[str] = set()
    for clause in clauses:
        for count in _COUNTS.finditer(clause):
            word = count[1]
            if word in counted:
                continue
            counted.add(word)
            totals = _places(report, [columns[0] for columns in _groups(report, word)])
            if not totals or any(t.value is None for t in totals):
                continue
            value = sum(t.value for t in totals if t.value is not None)
            stated = int(count[2])
            if stated != value:
                cells = tuple(t.location for t in totals)
                yield _narrative("R4.6", report, clause, stated=stated, value=value, cells=cells)
        match = _NONE_OF.search(clause)
        if match is None or _NOT_ABOUT_CASES.search(clause):
            continue
        named = set(_CASE_WORDS.findall(match[0]))
        more = _AND_MORE.match(clause, match.end())
        if more is not None:
            named.add(more[1])
        for word in sorted(named - said):
            said.add(word)
            columns = [key for group in _groups(report, word) for key in group]
            nonzero = [place for place in _places(report, columns) if place.value]
            first = nonzero[0].value if nonzero else None
            if first is not None:
                cells = tuple(place.location for place in nonzero)
                yield _narrative("R4.6", report, match[0], stated=0, value=first, cells=cells)


# --- R3.9: closed for unpaid fees, and no fee -----------------------------------------------------

_FEE: Final = re.compile(r"处理费|收费|收取")


def rule_r3_9(report: Report) -> Iterator[Diagnostic]:
    """R3.9 (2021): applications closed because a fee was not paid, but 六 mentions no fee."""
    if report.edition is not Edition.E2021 or report.other_matters is None:
        return
    if _FEE.search(report.other_matters.text):
        return
    total = _total_column(report, _APPLICANTS)
    if total is None:
        return
    place = _Place(report, _APPLICATIONS, _OTHER_FEE_UNPAID, total)
    value = place.value
    if value is None or value <= 0:
        return
    location = place.location
    spec = edition_spec(report.edition)
    yield Diagnostic(
        code="R3.9",
        severity=Severity.INFO,
        location=location,
        cells=(location,),
        args=(
            ("row", spec.table(_APPLICATIONS).row(_OTHER_FEE_UNPAID).path),
            ("value", value),
            ("section", next(s.label for s in spec.sections if s.key == _OTHER_MATTERS)),
        ),
    )


# --- R6.1 - R6.3: sections 一, 五, 六 ----------------------------------------------------------

_ASPECTS: Final = (
    # 「主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障」, each with
    # the shortest wording reports use for it.
    ("主动公开", ("主动公开",)),
    ("依申请公开", ("依申请公开", "申请公开")),
    ("政府信息管理", ("信息管理",)),
    ("政府信息公开平台建设", ("平台",)),
    ("监督保障", ("监督", "保障")),
)
_GOVERNMENT_ASPECTS: Final = (
    # 条例 Art. 50(四): 各级人民政府 also report 工作考核、社会评议和责任追究结果.
    ("工作考核", ("考核",)),
    ("社会评议", ("评议",)),
    ("责任追究", ("责任追究", "追究")),
)


def _section_label(report: Report, key: str) -> str:
    return next(s.label for s in edition_spec(report.edition).sections if s.key == key)


def rule_r6_1(report: Report) -> Iterator[Diagnostic]:
    """R6.1 (2021): 一 covers 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障.

    A government's report also covers 工作考核, 社会评议 and 责任追究 (条例 Art. 50(四)).
    """
    if report.edition is not Edition.E2021 or report.overview is None:
        return
    aspects = _ASPECTS + (_GOVERNMENT_ASPECTS if is_government(report.organ) else ())
    text = report.overview.text
    missing = [name for name, words in aspects if not any(w in text for w in words)]
    if missing:  # a word broken by a line break or a space in the source still counts
        text = _compact(text)
        missing = [name for name, words in aspects if not any(w in text for w in words)]
    if missing:
        yield Diagnostic(
            code="R6.1",
            severity=Severity.WARNING,
            location=locate(report.edition, _OVERVIEW, source=report.overview.source),
            args=(("section", _section_label(report, _OVERVIEW)), ("missing", "、".join(missing))),
        )


_NOTHING: Final = frozenset({"无", "暂无", "没有", "无无", "略"})
_MIN_CONTENT: Final = 8
"""Fewest characters (no punctuation, no heading) that can say what the problems are."""


_WORD: Final = re.compile(r"\w")


def _says_something(section: TextSection) -> bool:
    """At least a few letters or digits, and more than 「无」."""
    text = section.text
    if len(text) > _ENOUGH:
        return True
    content = "".join(_WORD.findall(text))
    return len(content) >= _MIN_CONTENT and content not in _NOTHING


_ENOUGH: Final = 64


def rule_r6_2(report: Report) -> Iterator[Diagnostic]:
    """R6.2: 五 says what the problems and improvements are (not empty, not 「无」).

    Whether it copies last year's 五 is checked across reports
    (:func:`~disclosure_report.validate.validate_series`).
    """
    section = report.problems
    if section is None:
        return
    if _says_something(section):
        return
    yield Diagnostic(
        code="R6.2",
        severity=Severity.WARNING,
        location=locate(report.edition, _PROBLEMS, source=section.source),
        args=(("section", _section_label(report, _PROBLEMS)),),
    )


_PROCESSING_FEE: Final = re.compile(r"处理费")


def rule_r6_3(report: Report) -> Iterator[Diagnostic]:
    """R6.3 (2021): 六 reports the 信息处理费 collected (「未收取」 included).

    The 2021 template's placeholder in 六 reads 「收取信息处理费情况在此处报告」; 「无。」 alone
    does not say it (R6.4 accepts 「无。」 only for the 2019 edition).
    """
    section = report.other_matters
    if report.edition is not Edition.E2021 or section is None:
        return
    if _PROCESSING_FEE.search(_compact(section.text)):
        return
    yield Diagnostic(
        code="R6.3",
        severity=Severity.WARNING,
        location=locate(report.edition, _OTHER_MATTERS, source=section.source),
        args=(("section", _section_label(report, _OTHER_MATTERS)),),
    )


# --- E9: a number missing in the text -------------------------------------------------------------

_NUMERALS = "零〇一二三四五六七八九十百千万两几多"
_MISSING_NUMBER: Final = re.compile(
    r"(?:共|合计|累计|总计)计?(?:主动)?(?:公开|发布|收到|受理|办结|答复|制发|处理|接收|接到|印发|更新)了?"
    rf"(?:(?![{_NUMERALS}\d])[\u4e00-\u9fff]){{0,8}}?"
    r"(?<![文事条要案物])(?:条|件|篇|项)(?![例款数目])"
)

_COUNTED_IN: Final = frozenset({_OVERVIEW, _OTHER_MATTERS})
"""The sections that state counts (五 is prose about problems)."""


def rule_e9(report: Report) -> Iterator[Diagnostic]:
    """E9: a sentence of 一 or 六 states a count without its number (「共主动公开条」)."""
    spec = edition_spec(report.edition)
    for section in spec.text_sections:
        value = getattr(report, section.key, None)
        if section.key not in _COUNTED_IN or not isinstance(value, TextSection):
            continue
        for paragraph, _, match in _found(value.paragraphs, _MISSING_NUMBER):
            yield Diagnostic(
                code="E9",
                severity=Severity.WARNING,
                location=locate(report.edition, section.key, source=paragraph.source),
                args=(("section", section.label), ("quote", match[0])),
            )
