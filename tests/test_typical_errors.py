"""The typical errors of FORMAT.md §8 (E1-E14), each on the seed report: what the library says.

One test per documented behaviour of docs/reference/typical-errors.md; the seed report is
changed the way a real report gets it wrong, and the findings it gains are the ones that
page names (E5, E11 and E13 are covered by the rules of the others, or not checkable).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from disclosure_report import Severity, parse_file, parse_text, validate
from disclosure_report.build import replace_cell
from disclosure_report.validate import validate_series

CORPUS = Path(__file__).parent / "corpus"
SEED = (CORPUS / "000.txt").read_text(encoding="utf-8")
DOCS = Path(__file__).parents[1] / "docs" / "reference" / "typical-errors.md"


def _findings(text: str) -> set[tuple[str, Severity]]:
    result = parse_text(text)
    return {(d.code, d.severity) for d in (*result.diagnostics, *validate(result.report))}


BASE = _findings(SEED)


def _gained(text: str) -> set[tuple[str, Severity]]:
    return _findings(text) - BASE


def _without(text: str, start: str, end: str) -> str:
    i = text.index(start)
    return text[:i] + text[text.index(end, i) :]


def test_e1_a_blank_cell_is_none_never_zero_and_a_warning() -> None:
    report = parse_text(SEED).report
    assert report.applications is not None
    assert report.applications.cell("carried_over", "total").value is None
    assert ("R0.6", Severity.WARNING) in BASE
    marked = parse_text(SEED.replace("数量\n\t1\n", "数量\n\t—\n", 1)).report
    assert marked.applications is not None
    cell = marked.applications.cell("new_received", "natural_person")
    assert (cell.value, cell.marker) == (None, "—")


def test_e2_totals_that_do_not_add_up_are_errors() -> None:
    assert _gained(SEED.replace("数量\n\t1\n", "数量\n\t5\n", 1)) == {
        ("R3.1", Severity.ERROR),
        ("R3.2", Severity.ERROR),
    }


def test_e3_the_tables_of_another_edition_than_the_year_wants() -> None:
    text = SEED.replace("段店乡2019年度", "段店乡2022年度").replace(
        "2019年12月31日", "2023年1月20日"
    )
    assert ("R0.3", Severity.ERROR) in _gained(text)


def test_e4_a_missing_section_is_an_error_of_the_parser_and_the_validator() -> None:
    text = _without(SEED, "五、存在的主要问题", "6、 其他需要报告的事项")
    assert _gained(text) == {("P1.3", Severity.ERROR), ("R0.1", Severity.ERROR)}


def test_e6_published_late_is_a_warning() -> None:
    assert _gained(SEED.replace("2019年12月31日", "2020年4月15日")) == {("R0.5", Severity.WARNING)}


@pytest.mark.parametrize(
    "title", ["段店乡2019年政府信息公开工作报告", "段店乡关于2019年政府信息公开工作的报告"]
)
def test_e7_a_title_that_is_not_an_annual_reports_is_a_warning(title: str) -> None:
    text = SEED.replace("段店乡2019年度政府信息公开年度报告", title, 1)
    assert _gained(text) == {("E7", Severity.WARNING)}


def test_e8_a_copy_of_last_years_report_is_a_warning() -> None:
    report = parse_text(SEED).report
    copied = attrs.evolve(report, year=2020)
    codes = {(d.code, d.severity) for d in validate_series([report, copied])}
    assert ("R0.7", Severity.WARNING) in codes


def test_e9_a_sentence_missing_its_number_is_a_warning() -> None:
    text = SEED.replace("现将我乡", "本年共主动公开条。现将我乡", 1)
    assert _gained(text) == {("E9", Severity.WARNING)}


def test_e10_an_amount_without_its_unit_in_2019_is_a_note() -> None:
    at = SEED.index("\t政府集中采购\n")
    text = SEED[:at] + SEED[at:].replace("\t0\n\t0\n", "\t0\n\t251000\n", 1)
    assert _gained(text) == {("R2.5", Severity.INFO)}


def test_e10_a_fee_in_yuan_where_the_2021_column_is_in_wan_yuan_is_a_warning() -> None:
    template = parse_file(CORPUS / "2021-template.docx").report
    changed = replace_cell(
        template,
        "proactive_disclosure",
        "administrative_fees",
        "fee_amount_wan_yuan",
        Decimal(251000),
        unit="元",
        raw="251000元",
    )
    assert "R2.1" not in {d.code for d in validate(template)}
    assert ("R2.1", Severity.WARNING) in {(d.code, d.severity) for d in validate(changed)}


def test_e11_a_deleted_row_is_said_by_the_parser_and_an_error_of_the_validator() -> None:
    text = _without(SEED, "\t行政强制\n", "\t第二十条第")
    gained = _gained(text)
    assert {("P1.4", Severity.WARNING), ("R0.2", Severity.ERROR)} <= gained


def test_e12_a_year_the_text_states_otherwise_is_an_error() -> None:
    assert _gained(SEED.replace("2019年，根据", "2018年，根据", 1)) == {("R0.4", Severity.ERROR)}


def test_e14_labels_split_by_extraction_read_as_the_label() -> None:
    expected = parse_text(SEED).report
    assert parse_text(SEED.replace("\t结果维持\n", "\t结 果 维 持\n", 1)).report == expected
    cleaned = [d for d in parse_text(SEED).diagnostics if d.code == "P1.6"]
    assert any("[bookmark: _GoBack]" in d.message for d in cleaned)


def test_the_page_documents_every_typical_error() -> None:
    page = DOCS.read_text(encoding="utf-8")
    for number in range(1, 15):
        assert f"| E{number} |" in page, f"E{number}"
