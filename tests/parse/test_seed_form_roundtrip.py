"""Property: any report written in the seed's form reads back equal, for both editions.

The writer (seed_form.py) lays reports out as the seed report is laid out, with labels from
the declaration; the parser must recover every cell (blanks, zeros, markers, notes beside
numbers, signed and decimal values), the optional 小计 column, missing rows, the text sections
and the metadata.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_report.model import Cell, Edition, Paragraph, Report, Row, Table, TextSection
from disclosure_report.parse import parse_text
from disclosure_report.tables import (
    MARKERS,
    Column,
    TableSpec,
    TextSectionSpec,
    ValueKind,
    edition_spec,
)

from .seed_form import render

pytestmark = pytest.mark.property

_HAN = "政府信息公开工作推进完善制度建设平台监督保障年度主动申请办理结果问题改进措施群众"
sentences = st.text(st.sampled_from(_HAN + "，、0123456789"), min_size=1, max_size=30).map(
    lambda s: "我" + s + "。"
)
organs = st.sampled_from(
    ["段店乡人民政府", "某某市财政局", "某某区人民政府办公室", "某某街道办事处"]
)


def _cells(column: Column) -> st.SearchStrategy[Cell]:
    key = column.key
    if column.kind is ValueKind.AMOUNT:
        number: st.SearchStrategy[int | Decimal] = st.decimals(
            min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False
        )
    elif column.kind is ValueKind.SIGNED:
        number = st.integers(-(10**6), 10**6)
    else:
        number = st.integers(0, 10**9)
    noted = st.integers(0, 999).map(
        lambda n: Cell(column=key, value=n, raw=f"{n}（其中修订{n // 2}件）")
    )
    return st.one_of(
        st.just(Cell(column=key)),
        number.map(lambda v: Cell(column=key, value=v)),
        st.sampled_from(sorted(MARKERS)).map(lambda m: Cell(column=key, marker=m)),
        *([noted] if column.kind is ValueKind.COUNT else []),
    )


@st.composite
def printable_reports(draw: st.DrawFn) -> Report:
    spec = edition_spec(draw(st.sampled_from(list(Edition))))
    year = draw(st.integers(spec.years[0], (spec.years[1] or 2030)))
    organ = draw(organs)
    published = draw(st.dates(date(year + 1, 1, 1), date(year + 1, 3, 31)))
    sections: dict[str, Table | TextSection] = {}
    for section in spec.sections:
        if isinstance(section, TextSectionSpec):
            paragraphs = draw(st.lists(sentences, min_size=1, max_size=3))
            sections[section.key] = TextSection(
                heading=section.label, paragraphs=tuple(Paragraph(text=p) for p in paragraphs)
            )
            continue
        assert isinstance(section, TableSpec)
        with_optional = draw(st.booleans())
        rows = []
        # An optional row (2021's （六） printed as one row) stands in for the rows it replaces.
        printed = {r.key for r in section.rows if r.optional and draw(st.booleans())}
        for row_spec in section.expected_rows(printed):
            if draw(st.integers(0, 19)) == 0:
                continue  # a row the publisher left out
            columns = [c for c in row_spec.columns if not c.optional or with_optional]
            rows.append(Row(key=row_spec.key, cells=tuple(draw(_cells(c)) for c in columns)))
        notes = tuple(Paragraph(text=t) for t in draw(st.lists(sentences, max_size=1)))
        sections[section.key] = Table(heading=section.label, rows=tuple(rows), notes=notes)
    return Report(
        edition=spec.edition,
        organ=organ,
        year=year,
        title=f"{year}年{organ}政府信息公开工作年度报告",
        publication_date=published,
        preamble=tuple(Paragraph(text=t) for t in draw(st.lists(sentences, max_size=2))),
        closing=(
            Paragraph(text=organ),
            Paragraph(text=f"{published.year}年{published.month}月{published.day}日"),
        ),
        **sections,  # type: ignore[arg-type]
    )


@given(printable_reports())
def test_a_printed_report_reads_back_equal(report: Report) -> None:
    result = parse_text(render(report))
    assert result.report == report
    assert {d.code for d in result.diagnostics} <= {"P1.4", "P1.11"}
    missing = counted = 0
    for spec in edition_spec(report.edition).tables:
        table = getattr(report, spec.key)
        present = {r.key for r in table.rows}
        missing += sum(r.key not in present for r in spec.expected_rows(present))
        # The text form has no positions: one note per table whose cells were counted (a row
        # of blanks only, without a label, is read without counting).
        counted += any(
            r.label is not None or r.key != "cases" or not all(c.is_blank for c in r.cells)
            for r in table.rows
        )
    assert [d.code for d in result.diagnostics].count("P1.4") == missing
    assert [d.code for d in result.diagnostics].count("P1.11") == counted
