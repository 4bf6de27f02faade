"""The text-extraction reader and the builder on small, focused inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_report.errors import ParseError
from disclosure_report.model import Edition
from disclosure_report.parse import parse_file, parse_text
from disclosure_report.parse._raw import RawParagraph, RawTable
from disclosure_report.parse.text import read_text

SEED = Path(__file__).parents[1] / "corpus" / "000.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def codes(text: str) -> list[str]:
    return [d.code for d in parse_text(text).diagnostics]


def test_cells_rows_and_continuation_lines() -> None:
    raw = read_text("标题\n\t本年新\n制作数量\n\t0\n\n\t规章\n\t1\n\n段落\n")
    paragraph, table, after = raw.blocks
    assert isinstance(table, RawTable)
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["本年新\n制作数量", "0"],
        ["规章", "1"],
    ]
    assert paragraph.source.line == 1
    assert after.source.line == 9


def test_artefacts_and_control_characters_are_removed_and_reported() -> None:
    raw = read_text("a[bookmark: _GoBack]b\x01c\x0bd\n")
    (paragraph,) = raw.blocks
    assert isinstance(paragraph, RawParagraph)
    assert paragraph.text == "abc\nd"
    (diagnostic,) = raw.diagnostics
    assert diagnostic.code == "P1.6"
    assert "U+0001" in diagnostic.message
    assert "[bookmark: _GoBack]" in diagnostic.message


@pytest.mark.parametrize("text", ["", "   \n\n", "hello world\n", "\t1\n\t2\n"])
def test_not_a_report_raises_parse_error(text: str) -> None:
    with pytest.raises(ParseError, match="no section heading"):
        parse_text(text)


def test_parse_text_refuses_bytes_as_a_bad_call() -> None:
    with pytest.raises(TypeError, match="parse_bytes"):
        parse_text(SEED_TEXT.encode())  # type: ignore[arg-type]


def test_parse_file_reads_gb18030_and_refuses_binary_and_missing(tmp_path: Path) -> None:
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SEED_TEXT.encode("gb18030"))
    assert parse_file(gbk).report == parse_file(SEED).report
    binary = tmp_path / "report.docx"
    binary.write_bytes(b"PK\x03\x04\x00\x00" + b"\x00" * 100)
    with pytest.raises(ParseError, match="damaged or incomplete zip"):
        parse_file(binary)
    with pytest.raises(ParseError, match="cannot read"):
        parse_file(tmp_path / "missing.txt")


def test_missing_section_is_reported() -> None:
    start = SEED_TEXT.index("五、存在的主要问题及改进情况")
    end = SEED_TEXT.index("6、 其他需要报告的事项")
    result = parse_text(SEED_TEXT[:start] + SEED_TEXT[end:])
    assert result.report.problems is None
    (missing,) = [d for d in result.diagnostics if d.code == "P1.3"]
    assert missing.location.section == "problems"
    assert "五、存在的主要问题及改进情况" in str(missing)


def test_unknown_row_is_kept_as_an_extra_row() -> None:
    text = SEED_TEXT.replace("\t行政强制\n", "\t行政强制\n\t0\n\t0\n\t0\n\n\t自定义事项\n", 1)
    result = parse_text(text)
    table = result.report.proactive_disclosure
    assert table is not None
    assert [(e.label, e.cells) for e in table.extra_rows] == [("自定义事项", ("0", "0", "0"))]
    assert "P1.2" in [d.code for d in result.diagnostics]


def test_label_variant_is_kept_and_reported() -> None:
    text = SEED_TEXT.replace("\t规范性文件\n", "\t行政规范性文件\n", 1)
    result = parse_text(text)
    table = result.report.proactive_disclosure
    assert table is not None
    assert table.row("normative_documents").label == "行政规范性文件"
    (variant,) = [d for d in result.diagnostics if d.code == "P1.9"]
    assert variant.location.row == "normative_documents"


def test_unreadable_cell_is_kept_and_reported() -> None:
    text = SEED_TEXT.replace("\t1\n\t0\xa0\n", "\t约1\n\t0\xa0\n", 1)
    result = parse_text(text)
    table = result.report.applications
    assert table is not None
    cell = table.cell("new_received", "natural_person")
    assert (cell.value, cell.raw) == (None, "约1")
    (unreadable,) = [d for d in result.diagnostics if d.code == "P1.1"]
    assert unreadable.location.path == "$.applications.new_received.natural_person"
    assert "自然人" in str(unreadable)


def test_edition_from_labels_beats_the_year() -> None:
    # A 2021 report that kept the 2019 tables is read as 2019 (R0.3 then flags it).
    text = SEED_TEXT.replace("段店乡2019年度", "段店乡2021年度", 1)
    result = parse_text(text)
    assert (result.report.year, result.report.edition) == (2021, Edition.E2019)
    assert "P1.7" not in [d.code for d in result.diagnostics]


def test_edition_guessed_without_tables() -> None:
    start = SEED_TEXT.index("二、主动公开政府信息情况")
    end = SEED_TEXT.index("五、存在的主要问题及改进情况")
    result = parse_text(SEED_TEXT[:start] + SEED_TEXT[end:])
    assert result.report.edition is Edition.E2019  # from the year 2019
    assert "P1.7" in [d.code for d in result.diagnostics]


def test_cells_short_of_the_columns_are_reported_not_invented() -> None:
    text = SEED_TEXT.replace("\t行政强制\n\t0\n\t0\n\t0\n", "\t行政强制\n\t0\n", 1)
    result = parse_text(text)
    table = result.report.proactive_disclosure
    assert table is not None
    # One printed cell for three columns: which column it belongs to cannot be told.
    cells = table.row("administrative_coercion").cells
    assert [c.column for c in cells] == ["items_prev_year", "items_change", "decisions"]
    assert all(c.is_blank for c in cells)
    (finding,) = [d for d in result.diagnostics if d.code == "P1.5"]
    assert "['0']" in finding.message


def test_rows_printed_one_per_line_with_tabs_read_the_same() -> None:
    """Another extraction style: a whole row per line, cells separated by TABs."""
    lines = SEED_TEXT.split("\n")
    out: list[str] = []
    row: list[str] = []
    for line in lines:
        if line.startswith("\t"):
            row.append(line[1:])
        elif row and not line.strip():
            out.append("\t".join(["", *row]) if len(row) == 1 else "\t".join(row))
            row = []
        elif row:
            row[-1] += line  # the seed's multi-line header cells
        else:
            out.append(line)
    assert parse_text("\n".join(out)).report == parse_file(SEED).report


@pytest.mark.parametrize(
    ("closing", "expected"),
    [
        ("2019年12月31日", "2019-12-31"),
        ("2020-01-20", "2020-01-20"),
        ("二〇二〇年一月二十日", "2020-01-20"),
        ("二〇一九年十二月三十一日", "2019-12-31"),
    ],
)
def test_publication_date_forms(closing: str, expected: str) -> None:
    text = SEED_TEXT.replace("2019年12月31日", closing)
    assert str(parse_text(text).report.publication_date) == expected


def test_title_over_two_lines_and_statistics_period() -> None:
    text = SEED_TEXT.replace(
        "段店乡2019年度政府信息公开年度报告\n",
        "某某县人民政府\n2019年政府信息公开工作年度报告\n"
        "本报告中所列数据的统计期限自2019年1月1日起至12月31日止。\n",
    ).replace("段店乡人民政府\n", "")
    report = parse_text(text).report
    assert report.organ == "某某县人民政府"
    assert report.title == "2019年政府信息公开工作年度报告"
    assert (str(report.period_start), str(report.period_end)) == ("2019-01-01", "2019-12-31")
    assert [p.text for p in report.preamble][-1].startswith("本报告中所列数据")


def test_table_inside_a_text_section_is_kept_as_paragraphs() -> None:
    text = SEED_TEXT.replace(
        "6、 其他需要报告的事项\n无\n", "6、 其他需要报告的事项\n无\n\t收费\n\t0元\n\n", 1
    )
    result = parse_text(text)
    assert result.report.other_matters is not None
    assert result.report.other_matters.text == "无\n收费 0元"
    assert "P1.10" in [d.code for d in result.diagnostics]
