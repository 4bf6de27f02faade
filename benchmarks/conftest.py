"""Fixtures for the benchmarks: one realistic, fully filled report built from the declaration.

The report is the same kind as the performance anchors' (``shared/bench/report_data.py``):
edition 2021, every row and column of tables 二, 三 and 四 filled (the optional 小计 column
included), about 3,000 Chinese characters of prose in about 20 paragraphs, deterministic.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from disclosure_report.model import (
    Cell,
    Edition,
    Paragraph,
    Report,
    Row,
    Table,
    TextSection,
)
from disclosure_report.tables import TableSpec, TextSectionSpec, ValueKind, edition_spec

_PHRASES = (
    "本年度，我单位坚持以习近平新时代中国特色社会主义思想为指导，",
    "认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，",
    "围绕中心工作，聚焦群众关切，持续深化决策、执行、管理、服务、结果公开，",
    "不断加强政策解读和回应关切，进一步规范依申请公开办理流程，",
    "全面提升政府信息公开平台建设水平，切实保障人民群众的知情权、参与权、表达权和监督权。",
    "主动公开方面，及时发布机构职能、规划计划、财政预决算、重大建设项目等信息，",
    "依申请公开方面，严格按照法定时限答复，做到依法依规、公开透明、便民高效。",
)
_PREAMBLE_PARAGRAPHS = 2
_SECTION_PARAGRAPHS = (8, 6, 3)
_CLOSING_PARAGRAPHS = 2
_CHARS_PER_PARAGRAPH = 150


def _prose(rng: random.Random, count: int) -> tuple[Paragraph, ...]:
    paragraphs = []
    for _ in range(count):
        text = ""
        while len(text) < _CHARS_PER_PARAGRAPH:
            text += rng.choice(_PHRASES)
        paragraphs.append(Paragraph(text=text[:_CHARS_PER_PARAGRAPH]))
    return tuple(paragraphs)


def _number(rng: random.Random, kind: ValueKind) -> int | Decimal:
    if kind is ValueKind.AMOUNT:
        return Decimal(rng.randrange(0, 100_000)) / 100
    if kind is ValueKind.SIGNED:
        return rng.randrange(-5, 6)
    # Real tables are mostly zeros with a few small counts.
    return 0 if rng.random() < 0.6 else rng.randrange(1, 40)


def _table(rng: random.Random, spec: TableSpec) -> Table:
    rows = tuple(
        Row(
            key=row.key,
            cells=tuple(
                Cell(column=column.key, value=_number(rng, column.kind)) for column in row.columns
            ),
        )
        for row in spec.rows
    )
    return Table(heading=spec.label, rows=rows)


def full_report(edition: Edition = Edition.E2021) -> Report:
    """A realistic report of ``edition`` with every official cell filled."""
    rng = random.Random(2024)
    spec = edition_spec(edition)
    counts = iter(_SECTION_PARAGRAPHS)
    sections: dict[str, Table | TextSection] = {}
    for section in spec.sections:
        if isinstance(section, TableSpec):
            sections[section.key] = _table(rng, section)
        elif isinstance(section, TextSectionSpec):
            sections[section.key] = TextSection(
                heading=section.label, paragraphs=_prose(rng, next(counts))
            )
    return Report(
        edition=edition,
        organ="某某市人民政府办公室",
        year=2024,
        title="某某市人民政府办公室2024年政府信息公开工作年度报告",
        publication_date=date(2025, 1, 20),
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        preamble=_prose(rng, _PREAMBLE_PARAGRAPHS),
        closing=_prose(rng, _CLOSING_PARAGRAPHS),
        **sections,  # type: ignore[arg-type]
    )


@pytest.fixture(scope="session")
def report() -> Report:
    """The realistic, fully filled 2021-edition report."""
    return full_report()


@pytest.fixture(scope="session")
def report_xml(report: Report) -> bytes:
    """The report as written by ``to_xml``."""
    from disclosure_report.serialise import to_xml

    return to_xml(report)


@pytest.fixture(scope="session")
def report_json(report: Report) -> str:
    """The report as written by ``to_json``."""
    from disclosure_report.serialise import to_json

    return to_json(report)
