"""The seed report (段店乡 2019, a Word text extraction) read end to end.

Expected values are read from the report text by hand (tests/corpus/000.txt) and from the
issue's acceptance list, never from the parser's own output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from disclosure_report.model import Edition, Report
from disclosure_report.parse import ParseResult, parse_file

SEED = Path(__file__).parents[1] / "corpus" / "000.txt"


@pytest.fixture(scope="module")
def seed() -> ParseResult:
    return parse_file(SEED)


def _strings(value: Any) -> list[str]:
    """Every string held anywhere in a model value."""
    if isinstance(value, str):
        return [value]
    if attrs.has(type(value)):
        return [s for f in attrs.fields(type(value)) for s in _strings(getattr(value, f.name))]
    if isinstance(value, tuple):
        return [s for item in value for s in _strings(item)]
    return []


def test_metadata(seed: ParseResult) -> None:
    report = seed.report
    assert report.organ == "段店乡人民政府"
    assert report.year == 2019
    assert report.edition is Edition.E2019
    assert str(report.edition) == "2019"
    assert report.edition.value == "2019"
    assert report.publication_date == date(2019, 12, 31)
    assert report.title == "段店乡2019年度政府信息公开年度报告"


def test_table_three_natural_person_column(seed: ParseResult) -> None:
    table = seed.report.applications
    assert table is not None
    column = [row.cell("natural_person").value for row in table.rows]
    # 一 1, 二 0, (一) 1, then 0 for every other result row, (七) 1, 四 0.
    assert column == [1, 0, 1, *[0] * 18, 1, 0]


def test_blank_is_not_zero(seed: ParseResult) -> None:
    table = seed.report.applications
    assert table is not None
    carried_over_total = table.cell("carried_over", "total")
    assert carried_over_total.value is None
    assert carried_over_total.is_blank
    assert table.cell("results_total", "total").is_blank
    assert table.cell("new_received", "total").value == 1


def test_table_four(seed: ParseResult) -> None:
    table = seed.report.review_litigation
    assert table is not None
    (row,) = table.rows
    assert [c.value for c in row.cells] == [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]


def test_table_two_blocks(seed: ParseResult) -> None:
    table = seed.report.proactive_disclosure
    assert table is not None
    assert len(table.rows) == 8
    assert all(c.value == 0 for row in table.rows for c in row.cells)
    assert [len(row.cells) for row in table.rows] == [3, 3, 3, 3, 3, 3, 2, 2]


def test_text_sections(seed: ParseResult) -> None:
    report = seed.report
    assert report.other_matters is not None
    assert report.other_matters.text == "无"
    assert report.other_matters.heading == "6、 其他需要报告的事项"
    assert report.overview is not None
    assert report.overview.paragraphs[1].text.startswith("（一）、进一步强化组织领导")
    assert report.problems is not None
    assert len(report.problems.paragraphs) == 2
    assert [p.text for p in report.closing] == ["段店乡人民政府", "2019年12月31日"]


def test_no_artefact_anywhere(seed: ParseResult) -> None:
    strings = _strings(seed.report)
    assert len(strings) > 200
    assert not [s for s in strings if "[bookmark" in s]
    # The artefact removed, and one note per table that its cells were placed by counting.
    assert [d.code for d in seed.diagnostics] == ["P1.6", "P1.11", "P1.11", "P1.11"]
    assert seed.diagnostics[0].location.source is not None
    assert seed.diagnostics[0].location.source.line == 20


def test_every_value_knows_its_line(seed: ParseResult) -> None:
    table = seed.report.applications
    assert table is not None
    cell = table.cell("new_received", "natural_person")
    assert cell.source is not None
    assert SEED.read_text(encoding="utf-8").splitlines()[cell.source.line - 1] == "\t1"  # type: ignore[operator]


def test_provenance_is_not_part_of_equality(seed: ParseResult) -> None:
    def strip(value: Any) -> Any:
        if attrs.has(type(value)):
            changes = {
                f.name: strip(getattr(value, f.name))
                for f in attrs.fields(type(value))
                if f.name != "source"
            }
            if "source" in attrs.fields_dict(type(value)):
                changes["source"] = None
            return attrs.evolve(value, **changes)
        if isinstance(value, tuple):
            return tuple(strip(v) for v in value)
        return value

    stripped: Report = strip(seed.report)
    assert stripped.applications is not None
    assert stripped.applications.rows[0].source is None
    assert stripped == seed.report
