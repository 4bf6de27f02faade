"""Hand-built reports for the codec tests, made by walking the table declaration."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import attrs

from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Source,
    Table,
    TextSection,
)
from disclosure_report.tables import Column, TableSpec, ValueKind, edition_spec

_SOURCE = attrs.fields(Cell).source.name


def _cells(columns: tuple[Column, ...], seed: int) -> tuple[Cell, ...]:
    """One cell per column, cycling through the kinds of content a cell can have."""
    made = []
    for i, column in enumerate(columns):
        variant = (seed + i) % 6
        number: int | Decimal = Decimal("12.50") if column.kind is ValueKind.AMOUNT else i
        if column.kind is ValueKind.SIGNED:
            number = -i
        if variant == 0:
            made.append(Cell(column=column.key))
        elif variant == 1:
            made.append(Cell(column=column.key, marker="/"))
        elif variant == 2:
            made.append(Cell(column=column.key, value=number, raw=f"{number}（其中修订1件）"))
        elif variant == 3:
            made.append(Cell(column=column.key, value=number, unit="元", raw=f"{number}元"))
        elif variant == 4:
            made.append(Cell(column=column.key, raw="见附件"))
        else:
            made.append(Cell(column=column.key, value=number))
    return tuple(made)


def full_report(edition: Edition = Edition.E2021) -> Report:
    """Every section, every template row, every column (optional ones too), varied cells, all metadata.

    An optional row (2021's （六）其他处理 as one row) is left out: it cannot be printed together
    with the rows it stands for.
    """
    spec = edition_spec(edition)
    sections: dict[str, Any] = {}
    for index, section in enumerate(spec.sections):
        if isinstance(section, TableSpec):
            sections[section.key] = Table(
                heading=section.label,
                rows=tuple(
                    Row(key=row.key, cells=_cells(row.columns, n), label=None if n % 5 else "变体")
                    for n, row in enumerate(section.expected_rows(()))
                ),
                extra_rows=(ExtraRow(label="其中：网上申请", cells=("3", "", "/")),),
                notes=(Paragraph(text="注：本表数据截至12月31日。"),),
            )
        else:
            sections[section.key] = TextSection(
                heading=section.label,
                paragraphs=tuple(Paragraph(text=f"第{index}节第{n}段。") for n in range(3)),
            )
    return Report(
        edition=edition,
        organ="某某市人民政府办公室",
        year=spec.years[0],
        title="政府信息公开工作年度报告",
        publication_date=date(2025, 1, 20),
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        preamble=(Paragraph(text="本报告根据《条例》编制。"),),
        closing=(Paragraph(text="某某市人民政府办公室"), Paragraph(text="2025年1月20日")),
        **sections,
    )


def with_provenance(value: Any, lines: Iterator[int] | None = None) -> Any:
    """Return ``value`` with a distinct :class:`Source` set on everything that can carry one."""
    counter = itertools.count(1) if lines is None else lines
    if isinstance(value, tuple):
        return tuple(with_provenance(item, counter) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {
        field.name: with_provenance(getattr(value, field.name), counter)
        for field in attrs.fields(type(value))
        if field.name != _SOURCE
    }
    if any(field.name == _SOURCE for field in attrs.fields(type(value))):
        changes[_SOURCE] = Source(line=next(counter), page=1)
    return attrs.evolve(value, **changes)


def official_cells(report: Report) -> int:
    """How many cells the report's official tables hold."""
    spec = edition_spec(report.edition)
    total = 0
    for section in spec.tables:
        table = getattr(report, section.key)
        if table is not None:
            total += sum(len(row.cells) for row in table.rows)
    return total
