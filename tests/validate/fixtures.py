"""One fixture per validator code: an input that breaks exactly that code, and what must be found.

Each :class:`Fixture` builds its input from a complete, consistent report
(:func:`._reports.consistent`) with one thing wrong, and lists the findings *of its code* it
must give: severity and place (the location's key path). ``test_fixtures.py`` runs them and
fails when a code of the catalogue has no fixture.

Inputs are of three kinds: one report (:func:`~disclosure_report.validate.validate`), a
series of one body's reports (:func:`~disclosure_report.validate.validate_series`), and
children with an optional parent (:func:`~disclosure_report.validate.rollup`,
:func:`~disclosure_report.validate.check_rollup`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

import attrs
from attrs import frozen

from disclosure_report.diagnostics import Diagnostic, Severity
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    TextSection,
)
from disclosure_report.validate import check_rollup, rollup, validate, validate_series

from ._reports import (
    APPLICATIONS,
    CARRIED_OVER,
    CASES,
    COMMERCIAL,
    GRANTED,
    NATURAL_PERSON,
    OVERVIEW,
    PROACTIVE,
    RESULTS_TOTAL,
    REVIEW,
    TOTAL,
    add,
    blank,
    consistent,
    replace_table,
    table_of,
    with_cell,
    without_row,
)

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a note
E19, E21 = Edition.E2019, Edition.E2021


@frozen
class Fixture:
    """An input and the findings of one code it must give: ``(severity, location path)``."""

    run: Callable[[], tuple[Diagnostic, ...]]
    expected: tuple[tuple[Severity, str], ...]


def one(build: Callable[[], Report], *expected: tuple[Severity, str]) -> Fixture:
    return Fixture(lambda: validate(build()), expected)


def text(*paragraphs: str) -> TextSection:
    return TextSection(paragraphs=tuple(Paragraph(text=t) for t in paragraphs))


def evolve(report: Report, **changes: object) -> Report:
    return attrs.evolve(report, **changes)  # type: ignore[arg-type]


def _path(section: str, row: str | None = None, column: str | None = None) -> str:
    return ".".join(["$", section, *(p for p in (row, column) if p)])


# --- inputs --------------------------------------------------------------------------------


def _extra_row() -> Report:
    report = consistent(E21)
    table = table_of(report, APPLICATIONS)
    note = ExtraRow(label="注：含上年度结转数量", cells=())
    return replace_table(report, APPLICATIONS, attrs.evolve(table, extra_rows=(note,)))


def _duplicate_cell() -> Report:
    report = consistent(E21)
    table = table_of(report, REVIEW)
    (row,) = table.rows
    doubled = attrs.evolve(row, cells=(*row.cells, row.cells[-1]))
    return replace_table(report, REVIEW, attrs.evolve(table, rows=(doubled,)))


def next_year(report: Report) -> Report:
    """The same body's report of the following year, agreeing with this one: 上年结转 is this
    year's 结转下年度 (一、本年新收 adjusted so that 三 still adds up), and 现行有效件数 is this
    year's plus what is issued minus what is repealed."""
    assert report.year is not None
    following = consistent(report.edition, year=report.year + 1)
    for section in (OVERVIEW, "problems"):  # a new year is a new text
        own: TextSection = getattr(following, section)
        news = Paragraph(text=f"{report.year + 1}年，本机关继续推进政务公开工作。")
        following = evolve(
            following, **{section: attrs.evolve(own, paragraphs=(news, *own.paragraphs))}
        )
    three = table_of(following, APPLICATIONS)
    forward = table_of(report, APPLICATIONS).row("carried_forward")
    over = three.row(CARRIED_OVER)
    for cell in forward.cells:
        old = over.cell(cell.column).value
        assert cell.value is not None
        assert old is not None
        following = with_cell(following, APPLICATIONS, CARRIED_OVER, cell)
        following = add(following, APPLICATIONS, "new_received", cell.column, int(old - cell.value))
    for row in table_of(report, PROACTIVE).rows:
        if not any(c.column == "in_force" for c in row.cells):
            continue
        mine = table_of(following, PROACTIVE).row(row.key)
        value = row.cell("in_force").value
        issued, repealed = mine.cell("issued").value, mine.cell("repealed").value
        assert value is not None
        assert issued is not None
        assert repealed is not None
        following = with_cell(
            following, PROACTIVE, row.key, Cell(column="in_force", value=value + issued - repealed)
        )
    return following


def _series(change: Callable[[Report], Report]) -> Callable[[], tuple[Diagnostic, ...]]:
    def run() -> tuple[Diagnostic, ...]:
        first = consistent(E21, year=2021)
        return validate_series([first, change(next_year(first))])

    return run


def _copy_of_last_year(_report: Report) -> Report:
    return evolve(consistent(E21, year=2021), year=2022)


def _carried_over_off(report: Report) -> Report:
    return add(report, APPLICATIONS, CARRIED_OVER, TOTAL, 1)


def _in_force_off(report: Report) -> Report:
    return add(report, PROACTIVE, "regulations", "in_force", 5)


def _different_numbers(report: Report) -> Report:
    return add(add(report, REVIEW, CASES, "review_upheld", 1), REVIEW, CASES, "review_total", 1)


def _children(*, blank_cell: bool = False) -> list[Report]:
    first = evolve(consistent(E21, year=2023), organ="甲镇人民政府")
    second = evolve(consistent(E21, year=2023), organ="乙镇人民政府")
    if blank_cell:
        second = blank(second, APPLICATIONS, GRANTED, COMMERCIAL)
    return [first, second]


def _parent_off() -> tuple[Diagnostic, ...]:
    children = _children()
    parent = rollup(children, organ="某某县人民政府", year=2023).report
    parent = add(parent, REVIEW, CASES, "review_total", 1)
    return check_rollup(parent, children)


def _split_digits() -> Report:
    # 自然人 of （一）予以公开 is 12 and 商业企业 0; the extraction printed 「1」「2」.
    report = consistent(E21, values={(GRANTED, NATURAL_PERSON): 12, (GRANTED, COMMERCIAL): 0})
    report = with_cell(report, APPLICATIONS, GRANTED, Cell(column=NATURAL_PERSON, value=1))
    return with_cell(report, APPLICATIONS, GRANTED, Cell(column=COMMERCIAL, value=2))


def _shifted() -> Report:
    # 5 requests of 自然人 written under 商业企业 (whose true number is 0).
    report = consistent(E21, values={(GRANTED, NATURAL_PERSON): 5, (GRANTED, COMMERCIAL): 0})
    report = with_cell(report, APPLICATIONS, GRANTED, Cell(column=NATURAL_PERSON, value=0))
    return with_cell(report, APPLICATIONS, GRANTED, Cell(column=COMMERCIAL, value=5))


def _swapped_groups() -> Report:
    # The four outcomes of 行政复议 and of 未经复议直接起诉 written in each other's place.
    report = consistent(E21)
    (row,) = table_of(report, REVIEW).rows
    values = {c.column: c.value for c in row.cells}
    for a, b in zip(
        ("upheld", "corrected", "other", "pending"),
        ("upheld", "corrected", "other", "pending"),
        strict=True,
    ):
        first, second = f"review_{a}", f"litigation_direct_{b}"
        report = with_cell(report, REVIEW, CASES, Cell(column=first, value=values[second]))
        report = with_cell(report, REVIEW, CASES, Cell(column=second, value=values[first]))
    return report


def _total_in_data_row() -> Report:
    # The row 3.其他 of （六） prints the numbers of （七）总计 (its true numbers are 0).
    report = consistent(E21, values={("other_misc", c): 0 for c in (NATURAL_PERSON, COMMERCIAL, "research_institution", "public_welfare_org", "legal_service_org", "other_org")})  # fmt: skip
    total = table_of(report, APPLICATIONS).row(RESULTS_TOTAL)
    return replace_table(
        report,
        APPLICATIONS,
        attrs.evolve(
            table_of(report, APPLICATIONS),
            rows=tuple(
                Row(key=r.key, cells=total.cells) if r.key == "other_misc" else r
                for r in table_of(report, APPLICATIONS).rows
            ),
        ),
    )


def _department_late() -> Report:
    return evolve(consistent(E21, year=2023), organ="某某县教育局", title="某某县教育局2023年政府信息公开工作年度报告", publication_date=date(2024, 2, 15))  # fmt: skip


# --- the fixtures --------------------------------------------------------------------------

FIXTURES: dict[str, Fixture] = {
    "R0.1": one(lambda: evolve(consistent(E21), problems=None), (E, "$.problems")),
    "R0.2": one(
        lambda: without_row(consistent(E21), APPLICATIONS, CARRIED_OVER),
        (E, _path(APPLICATIONS, CARRIED_OVER)),
    ),
    "R0.2b": one(_extra_row, (W, _path(APPLICATIONS))),
    "R0.3": one(lambda: consistent(E19, year=2022), (E, "$")),
    "R0.4": one(
        lambda: evolve(
            consistent(E21, year=2022), title="某某县人民政府2021年政府信息公开工作年度报告"
        ),
        (E, "$.title"),
    ),
    "R0.5": one(_department_late, (W, "$.publication_date")),
    "R0.6": one(
        lambda: blank(consistent(E21), APPLICATIONS, GRANTED, COMMERCIAL),
        (W, _path(APPLICATIONS, GRANTED)),
    ),
    "R0.7": Fixture(_series(_copy_of_last_year), ((W, "$"), (W, "$." + OVERVIEW))),
    "R2.1": one(
        lambda: with_cell(
            consistent(E21), PROACTIVE, "regulations", Cell(column="issued", value=-3)
        ),
        (E, _path(PROACTIVE, "regulations", "issued")),
    ),
    "R2.2": Fixture(_series(_in_force_off), ((W, _path(PROACTIVE, "regulations", "in_force")),)),
    "R2.3": one(
        lambda: with_cell(
            consistent(E19), PROACTIVE, "regulations", Cell(column="published_total", value=0)
        ),
        (W, _path(PROACTIVE, "regulations", "published_total")),
    ),
    "R2.4": one(
        lambda: with_cell(
            consistent(E19),
            PROACTIVE,
            "administrative_licensing",
            Cell(column="items_change", value=-100),
        ),
        (E, _path(PROACTIVE, "administrative_licensing", "items_prev_year")),
    ),
    "R2.5": one(
        lambda: with_cell(
            consistent(E19),
            PROACTIVE,
            "centralized_procurement",
            Cell(column="procurement_amount", value=Decimal(251000)),
        ),
        (N, _path(PROACTIVE, "centralized_procurement", "procurement_amount")),
    ),
    "R3.1": one(
        lambda: add(
            add(consistent(E21), APPLICATIONS, CARRIED_OVER, NATURAL_PERSON, 1),
            APPLICATIONS,
            CARRIED_OVER,
            TOTAL,
            1,
        ),
        (E, _path(APPLICATIONS, RESULTS_TOTAL, NATURAL_PERSON)),
        (E, _path(APPLICATIONS, RESULTS_TOTAL, TOTAL)),
    ),
    "R3.2": one(
        lambda: add(consistent(E21), APPLICATIONS, GRANTED, TOTAL, 1),
        (E, _path(APPLICATIONS, GRANTED, TOTAL)),
    ),
    "R3.3": one(
        lambda: add(
            add(consistent(E21), APPLICATIONS, RESULTS_TOTAL, TOTAL, 1),
            APPLICATIONS,
            "carried_forward",
            TOTAL,
            -1,
        ),
        (E, _path(APPLICATIONS, RESULTS_TOTAL, TOTAL)),
    ),
    "R3.3b": one(
        lambda: add(
            add(consistent(E19), APPLICATIONS, RESULTS_TOTAL, TOTAL, 1),
            APPLICATIONS,
            "carried_forward",
            TOTAL,
            -1,
        ),
        (E, _path(APPLICATIONS, RESULTS_TOTAL, TOTAL)),
    ),
    "R3.4": one(
        lambda: with_cell(
            consistent(E21), APPLICATIONS, GRANTED, Cell(column=NATURAL_PERSON, value=-1)
        ),
        (E, _path(APPLICATIONS, GRANTED, NATURAL_PERSON)),
    ),
    "R3.6": Fixture(_series(_carried_over_off), ((W, _path(APPLICATIONS, CARRIED_OVER, TOTAL)),)),
    "R3.7": one(
        lambda: evolve(
            consistent(E21), overview=text("2021年，共收到政府信息公开申请1件，办结1件。")
        ),
        (W, _path(APPLICATIONS, "new_received", TOTAL)),
        (W, _path(APPLICATIONS, RESULTS_TOTAL, TOTAL)),
    ),
    "R3.8": one(
        lambda: add(
            consistent(E21, subtotal=True), APPLICATIONS, GRANTED, "legal_person_subtotal", 1
        ),
        (E, _path(APPLICATIONS, GRANTED, "legal_person_subtotal")),
    ),
    "R3.9": one(
        lambda: evolve(consistent(E21), other_matters=text("无。")),
        (N, _path(APPLICATIONS, "other_fee_unpaid", TOTAL)),
    ),
    "R4.1": one(
        lambda: add(consistent(E21), REVIEW, CASES, "review_total", 1),
        (E, _path(REVIEW, CASES, "review_total")),
    ),
    "R4.2": one(
        lambda: add(consistent(E21), REVIEW, CASES, "litigation_direct_total", 1),
        (E, _path(REVIEW, CASES, "litigation_direct_total")),
    ),
    "R4.3": one(
        lambda: add(consistent(E21), REVIEW, CASES, "litigation_after_review_total", 1),
        (E, _path(REVIEW, CASES, "litigation_after_review_total")),
    ),
    "R4.4": one(
        lambda: with_cell(consistent(E21), REVIEW, CASES, Cell(column="review_upheld", value=-2)),
        (E, _path(REVIEW, CASES, "review_upheld")),
    ),
    "R4.6": one(
        lambda: evolve(
            consistent(E21), overview=text("本年度未发生政府信息公开行政复议、行政诉讼案件。")
        ),
        (W, _path(REVIEW, CASES, "review_total")),
        (W, _path(REVIEW, CASES, "litigation_direct_total")),
    ),
    "R6.1": one(
        lambda: evolve(consistent(E21), overview=text("（一）主动公开。（二）依申请公开。")),
        (W, "$." + OVERVIEW),
    ),
    "R6.2": one(lambda: evolve(consistent(E21), problems=text("无。")), (W, "$.problems")),
    "R6.3": one(
        lambda: evolve(consistent(E21), other_matters=text("无。")), (W, "$.other_matters")
    ),
    "E7": one(lambda: evolve(consistent(E21), title="关于报送2021年工作情况的函"), (W, "$.title")),
    "E9": one(
        lambda: evolve(
            consistent(E21),
            other_matters=text("本年度共收取信息处理费0元。全年共主动公开政府信息条。"),
        ),
        (W, "$.other_matters"),
    ),
    "M1": one(lambda: evolve(consistent(E21), organ=None), (E, "$.organ")),
    "M2": one(lambda: evolve(consistent(E21), year=None), (E, "$.year")),
    "M3": one(lambda: evolve(consistent(E21), title=None), (W, "$.title")),
    "M4": one(lambda: evolve(consistent(E21), publication_date=None), (W, "$.publication_date")),
    "C1": one(_duplicate_cell, (E, _path(REVIEW, CASES, "litigation_after_review_total"))),
    "A1": Fixture(
        lambda: (
            rollup(
                _children(),
                organ="某某县人民政府",
                year=2023,
                expected=["甲镇人民政府", "丙镇人民政府"],
            ).diagnostics
        ),
        ((W, "$"),),
    ),
    "A2": Fixture(
        lambda: rollup(_children(blank_cell=True), organ="某某县人民政府", year=2023).diagnostics,
        ((W, _path(APPLICATIONS, GRANTED)),),
    ),
    "A3": Fixture(_parent_off, ((W, _path(REVIEW, CASES, "review_total")),)),
    "S1": one(_split_digits, (N, _path(APPLICATIONS, GRANTED, NATURAL_PERSON))),
    "S2": one(_shifted, (N, _path(APPLICATIONS, GRANTED, NATURAL_PERSON))),
    # Swapping the outcomes back, or the totals, both mend it: both are suggested.
    "S3": one(
        _swapped_groups,
        (N, _path(REVIEW, CASES, "review_upheld")),
        (N, _path(REVIEW, CASES, "review_total")),
    ),
    "S4": one(_total_in_data_row, (N, _path(APPLICATIONS, "other_misc", NATURAL_PERSON))),
}
"""The fixture of each validator code."""
