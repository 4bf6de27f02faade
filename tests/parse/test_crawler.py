"""The crawler-text reader: header fields, furniture, glued headings, flattened rows."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from disclosure_report.model import Edition
from disclosure_report.parse import Form, parse_bytes, parse_text
from disclosure_report.parse._detect import text_form
from disclosure_report.parse._raw import RawTable
from disclosure_report.parse.crawler import is_crawler_text, read_crawler
from disclosure_report.serialise import to_xml
from disclosure_report.tables import edition_spec

CORPUS = Path(__file__).parents[1] / "corpus"

_2021 = edition_spec(Edition.E2021)
_2019 = edition_spec(Edition.E2019)
_HEADINGS_2021 = [s.label for s in _2021.sections]
_APPLICATIONS_2021 = _2021.table("applications")
_APPLICATIONS_2019 = _2019.table("applications")
_REVIEW = _2021.table("review_litigation")


def _labels(table_rows: list[tuple[str, str]]) -> str:
    """Rows of 三 as a crawler prints them: label, then the run."""
    return "".join(label + run for label, run in table_rows)


def _zeros(rows: list[str]) -> list[tuple[str, str]]:
    return [(label, "0000000") for label in rows]


def _report(*, three: str, two: str = "", four: str | None = None, head: str = "") -> str:
    """A 2021-edition report body in crawler form, every row of 三 given by ``three``."""
    review = _REVIEW.header_labels[0] + "".join(c.label for c in _REVIEW.columns)
    four = four if four is not None else review + "0" * 15
    return (
        "标题: 某某县人民政府2023年政府信息公开工作年度报告\n"
        "发布时间: 2024-01-20 10:00\n"
        "原文链接: https://www.example.gov.cn/nb/2023.htm\n"
        "==================== 正文 ====================\n"
        f"{head}某某县人民政府2023年政府信息公开工作年度报告 本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。"
        f"{_HEADINGS_2021[0]}2023年，我县推进政务公开。{_HEADINGS_2021[1]}{two}"
        f"{_HEADINGS_2021[2]}{three}{_HEADINGS_2021[3]}{four}"
        f"{_HEADINGS_2021[4]}无。{_HEADINGS_2021[5]}无。"
    )


def _three_2021(overrides: dict[str, str] | None = None) -> str:
    """三 as a crawler prints it: a group label where it starts, each row label and its run."""
    runs = overrides or {}
    out = []
    previous: tuple[str, ...] = ()
    for row in _APPLICATIONS_2021.expected_rows(()):
        groups = tuple(g.label for g in row.groups)
        new = [g for i, g in enumerate(groups) if i >= len(previous) or previous[i] != g]
        previous = groups
        out.append(("".join(new) + row.label, runs.get(row.key, "0000000")))
    return _labels(out)


def test_the_corpus_report_of_2019() -> None:
    result = parse_bytes((CORPUS / "007.txt").read_bytes())
    report = result.report
    assert (report.organ, report.year, report.edition) == ("平潭综合实验区", 2019, Edition.E2019)
    assert report.publication_date == date(2020, 1, 20)
    assert (report.period_start, report.period_end) == (date(2019, 1, 1), date(2019, 12, 31))
    assert report.applications is not None
    assert [c.value for c in report.applications.row("new_received").cells] == [
        23,
        0,
        0,
        0,
        0,
        0,
        23,
    ]
    assert report.other_matters is not None
    assert report.other_matters.text == "无其他需要报告的事项"


def test_header_fields() -> None:
    document = read_crawler((CORPUS / "007.txt").read_text(encoding="utf-8"))
    assert document.title == "平潭综合实验区2019年度政府信息公开工作年度报告"
    assert document.publication_date is not None
    assert "2020-01-20" in document.publication_date
    assert document.address == (
        "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm"
    )


def test_page_furniture_around_the_title_is_left_out_with_findings() -> None:
    result = parse_bytes((CORPUS / "009.txt").read_bytes())
    furniture = [d for d in result.diagnostics if d.code == "P1.10"]
    assert any("当前位置" in d.message for d in furniture)  # before the title
    assert any("微博" in d.message and "相关链接" in d.message for d in furniture)  # after it
    preamble = " ".join(p.text for p in result.report.preamble)
    assert preamble.startswith("根据《中华人民共和国政府信息公开条例》")
    assert result.report.title == "平潭综合实验区2021年度政府信息公开工作年度报告"


def test_a_body_without_a_title_takes_the_header_title() -> None:
    result = parse_bytes((CORPUS / "011.txt").read_bytes())
    assert result.report.title == "平潭综合实验区2023年度政府信息公开工作年度报告"
    assert result.report.organ == "平潭综合实验区"


def test_headings_are_found_where_they_are_glued_to_the_text() -> None:
    report = parse_text(_report(three=_three_2021())).report
    assert report.overview is not None
    assert report.overview.heading == _HEADINGS_2021[0]
    assert report.overview.text == "2023年，我县推进政务公开。"
    assert report.problems is not None
    assert report.problems.text == "无。"


def test_a_numeral_glued_to_a_word_is_no_heading() -> None:
    """统一、主动公开政府信息情况: the 一 of 统一 does not number section 二."""
    head = "我们坚持统" + _HEADINGS_2021[1].replace("二", "一")
    result = parse_text(_report(three=_three_2021(), head=head + "。"))
    assert result.report.proactive_disclosure is not None
    assert result.report.proactive_disclosure.heading == _HEADINGS_2021[1]


def test_item_numbers_glued_to_the_run_before_them() -> None:
    """00000002.其他法律…: the 2. numbers the next label, it is no digit of the run."""
    text = _report(three=_three_2021({"withheld_state_secret": "1000001"}))
    assert "10000012.其他法律行政法规禁止公开" in text
    report = parse_text(text).report
    assert report.applications is not None
    row = report.applications.row("withheld_state_secret")
    assert [c.value for c in row.cells] == [1, 0, 0, 0, 0, 0, 1]


def test_rows_one_per_line_with_spaces_between_cells() -> None:
    """An OCR dump: one row per line, spaces between the cells; the digits prove the split."""
    lines = [_HEADINGS_2021[2]]
    for row in _APPLICATIONS_2021.expected_rows(()):
        lines.append(f"{row.label} 12 0 3 0 0 0 15")
    lines.append(_HEADINGS_2021[3])
    text = "\n".join(["2023年某某县人民政府政府信息公开工作年度报告", *lines])
    assert text_form(text) is Form.CRAWLER
    report = parse_text(text).report
    assert report.applications is not None
    for read in report.applications.rows:
        assert [c.value for c in read.cells] == [12, 0, 3, 0, 0, 0, 15]


def test_a_2021_report_with_the_2019_single_other_handling_row() -> None:
    """A hybrid: 2021 columns in 二, （六）其他处理 as one row in 三 (洪泽区 2023, 2024)."""
    rows = []
    for row in _APPLICATIONS_2021.rows:
        if row.key in {"other_no_correction", "other_fee_unpaid", "other_misc"}:
            continue
        groups = "".join(g.label for g in row.groups)
        run = "2000002" if row.key == "other_handling" else "0000000"
        if row.key in {"results_total", "new_received"}:
            run = "2000002"
        rows.append((groups + row.label, run))
    report = parse_text(_report(three=_labels(rows))).report
    assert report.edition is Edition.E2021
    assert report.applications is not None
    assert [c.value for c in report.applications.row("other_handling").cells] == [
        2,
        0,
        0,
        0,
        0,
        0,
        2,
    ]


def test_a_header_word_with_a_typo_does_not_stop_the_table() -> None:
    """先行有效件数 for 现行有效件数."""
    two = "第二十条第（一）项信息内容本年制发件数本年废止件数先行有效件数规章000行政规范性文件000"
    report = parse_text(_report(three=_three_2021(), two=two)).report
    assert report.proactive_disclosure is not None
    assert [c.value for c in report.proactive_disclosure.row("regulations").cells] == [0, 0, 0]


def test_a_missing_row_is_reported() -> None:
    two = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数行政规范性文件000"
    result = parse_text(_report(three=_three_2021(), two=two))
    missing = [d for d in result.diagnostics if d.code == "P1.4"]
    assert [d.location.row for d in missing] == ["regulations"] + [
        r.key for r in _2021.table("proactive_disclosure").rows[2:]
    ]


def test_review_and_litigation_after_its_header() -> None:
    review = _REVIEW.header_labels[0] + "".join(c.label for c in _REVIEW.columns)
    report = parse_text(
        _report(three=_three_2021(), four=review + "1 0 2 0 3 12 0 0 0 12 0 0 0 0 0")
    ).report
    assert report.review_litigation is not None
    values = [c.value for c in report.review_litigation.rows[0].cells]
    assert values == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]


def test_a_misprinted_heading_glued_to_its_table_is_found() -> None:
    """平潭综合实验区's 2022 report prints 四、政府信息公开行政法复议、行政诉讼情况."""
    review = _REVIEW.header_labels[0] + "".join(c.label for c in _REVIEW.columns)
    official = _HEADINGS_2021[3]
    misprinted = official.replace("行政复议", "行政法复议")
    assert misprinted != official
    text = _report(
        three=_three_2021({"carried_forward": "1000001"}),
        four=review + "0 1 1 0 2 1 0 0 0 1 0 0 0 0 0",
    ).replace(official, misprinted)
    report = parse_text(text).report
    assert report.review_litigation is not None
    assert report.review_litigation.heading == misprinted
    values = [c.value for c in report.review_litigation.rows[0].cells]
    assert values == [0, 1, 1, 0, 2, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    assert report.applications is not None  # 四、结转下年度继续办理 is no heading
    assert [c.value for c in report.applications.row("carried_forward").cells] == [
        1,
        0,
        0,
        0,
        0,
        0,
        1,
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("000.txt", False),
        ("006.md", False),
        ("007.txt", True),
        ("009.txt", True),
        ("011.txt", True),
    ],
)
def test_crawler_text_is_recognised(name: str, expected: bool) -> None:
    assert is_crawler_text((CORPUS / name).read_text(encoding="utf-8")) is expected


def test_the_form_can_be_named() -> None:
    data = (CORPUS / "007.txt").read_bytes()
    assert parse_bytes(data, form="crawler").report == parse_bytes(data).report


def test_flattened_tables_have_no_positions_and_fused_rows() -> None:
    document = read_crawler((CORPUS / "007.txt").read_text(encoding="utf-8"))
    tables = [b for b in document.blocks if isinstance(b, RawTable)]
    assert tables
    assert all(t.width is None for t in tables)
    fused = [r for t in tables for r in t.rows if r.fused]
    assert len(fused) == 8 + 23 + 1  # 二, 三 (2019: 23 rows), 四


def test_an_ocr_dump_with_generic_headers() -> None:
    """数据1 … 数据6 / 总计 over the rows: the header names no column, the digits place them."""
    lines = [_HEADINGS_2021[2], "项目 数据1 数据2 数据3 数据4 数据5 数据6 总计"]
    for row in _APPLICATIONS_2021.expected_rows(()):
        lines.append(f"{row.label} 2 0 1 0 0 0 3")
    lines += [_HEADINGS_2021[3], "数据1 数据2 数据3 数据4 数据5", "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0"]
    text = "\n".join(["2023年某某县人民政府政府信息公开工作年度报告", *lines])
    result = parse_text(text)
    report = result.report
    assert report.applications is not None
    assert [c.value for c in report.applications.row("granted").cells] == [2, 0, 1, 0, 0, 0, 3]
    assert report.review_litigation is not None
    assert [c.value for c in report.review_litigation.rows[0].cells] == [0] * 15
    assert not report.applications.extra_rows


def test_the_pages_address_reaches_the_parse_result_not_the_report() -> None:
    result = parse_bytes((CORPUS / "007.txt").read_bytes())
    assert result.address == (
        "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202001/t20200120_80576.htm"
    )
    assert "t20200120_80576" not in to_xml(result.report).decode("utf-8")


def test_a_header_without_the_body_line_is_still_the_header() -> None:
    """Some crawlers write the page's fields and then the body, without a 正文 line."""
    text = (CORPUS / "007.txt").read_text(encoding="utf-8")
    separator = "==================== 正文 ====================\n"
    assert separator in text
    without = parse_bytes(text.replace(separator, "").encode("utf-8"))
    assert without.report == parse_bytes(text.encode("utf-8")).report
    assert without.report.publication_date == date(2020, 1, 20)
    assert without.address is not None
    assert without.address.endswith("t20200120_80576.htm")


# --- a PDF's text: the crawler form with lines (pdfplumber's extract_text) -------------------


def test_a_page_number_line_between_rows_is_left_out() -> None:
    label = _APPLICATIONS_2021.row("unable_not_held").label
    three = _three_2021().replace(f"{label}0000000", f"{label}746 12 0 0 10 1 769\n- 4 -\n")
    result = parse_text(_report(three=three))
    assert result.report.applications is not None
    row = result.report.applications.row("unable_not_held")
    assert [c.value for c in row.cells] == [746, 12, 0, 0, 10, 1, 769]
    assert any("1 page number line(s) left out" in d.message for d in result.diagnostics)


def test_an_item_number_on_a_line_of_its_own_ends_the_run_before_it() -> None:
    """5.要求行政机关确认或重新出 / 1 0 0 0 0 0 1 / 具已获取信息: the 5 is no value of row 4."""
    excessive = _APPLICATIONS_2021.row("not_processed_excessive").label
    confirm = _APPLICATIONS_2021.row("not_processed_confirm_or_reissue").label
    three = _three_2021().replace(
        f"{excessive}0000000{confirm}0000000",
        f"{excessive} 0 0 0 0 0 0 0\n{confirm[:13]}\n1 0 0 0 0 0 1\n{confirm[13:]}\n",
    )
    assert confirm[13:] in three
    result = parse_text(_report(three=three))
    table = result.report.applications
    assert table is not None
    assert [c.value for c in table.row("not_processed_excessive").cells] == [0] * 7
    assert [c.value for c in table.row("not_processed_confirm_or_reissue").cells] == [
        1, 0, 0, 0, 0, 0, 1,
    ]  # fmt: skip
    assert any(
        d.code == "P1.10" and "the only row label they are part of" in d.message
        for d in result.diagnostics
    )


def test_a_fragment_part_of_several_labels_names_no_row() -> None:
    """行政机关不再处理其政府信 is in both （六）1 and （六）2: its run stays out."""
    first = _APPLICATIONS_2021.row("other_no_correction").label
    three = _three_2021().replace(
        f"{first}0000000", "\n、行政机关不再处理其政府信\n67 3 0 0 1 0 71\n"
    )
    result = parse_text(_report(three=three))
    assert result.report.applications is not None
    with pytest.raises(KeyError):
        result.report.applications.row("other_no_correction")


def test_the_one_run_of_a_garbled_review_header_is_its_row() -> None:
    """四's header cut into fragments (结 果 结果 其他 …): its one run of values is the row."""
    garbled = "行政复议 行政诉讼\n结 果 结果 其他 尚未\n维持 纠正 果 审结\n"
    text = _report(three=_three_2021(), four=garbled + "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20\n")
    report = parse_text(text).report
    assert report.review_litigation is not None
    values = [c.value for c in report.review_litigation.rows[0].cells]
    assert values == [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20]


def test_two_runs_under_a_garbled_review_header_are_no_row() -> None:
    garbled = "行政复议 行政诉讼\n结 果 结果 其他 尚未\n"
    runs = (
        "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20\n注：含上年结转\n2 0 0 0 2 0 0 0 0 0 0 0 0 0 0\n"
    )
    report = parse_text(_report(three=_three_2021(), four=garbled + runs)).report
    assert report.review_litigation is None or not report.review_litigation.rows


@pytest.mark.parametrize(
    ("name", "layout", "least"),
    [("001", False, 186), ("002", True, 144)],  # (143 and 0 before the PDF text rules)
)
def test_the_text_of_a_corpus_pdf_reads_without_a_wrong_number(
    name: str, layout: bool, least: int
) -> None:
    """pdfplumber's text of a corpus PDF: labels broken over lines, page numbers between rows;
    laid out as printed (``layout=True``), many spaces between a label and its values."""
    from .pdf_support import require

    require("pdfplumber")
    import pdfplumber

    from disclosure_report.accuracy import Outcome, compare

    with pdfplumber.open(CORPUS / f"{name}.pdf") as pdf:
        text = "\n".join(page.extract_text(layout=layout) or "" for page in pdf.pages)
    assert text_form(text) is Form.CRAWLER
    truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    score = compare(truth, parse_text(text).report)
    assert score.counts[Outcome.WRONG] == 0
    assert score.counts[Outcome.INVENTED] == 0
    assert score.counts[Outcome.RIGHT] >= least


def test_a_run_after_the_end_of_a_label_and_before_the_next_is_no_row_of_the_first() -> None:
    """5.要求行政 / 4 … / 机关确认或重新出具已获取信息 / 1 … / 年 / 1.申请人无正当理由….

    The second run is printed level with the next label's first line (as in 002.pdf's text):
    the fragment before it ends its own label, and what follows goes on with no label of it,
    so the fragment does not name the run.
    """
    confirm = _APPLICATIONS_2021.row("not_processed_confirm_or_reissue").label
    head, tail = confirm[:6], confirm[6:]
    three = _three_2021().replace(
        f"{confirm}0000000", f"\n{head}\n4 0 0 0 0 0 4\n{tail}\n1 0 0 0 0 0 1\n年\n"
    )  # 年: a piece of the group label 三、本年度办理结果 printed down the side
    result = parse_text(_report(three=three))
    table = result.report.applications
    assert table is not None
    row = next((r for r in table.rows if r.key == "not_processed_confirm_or_reissue"), None)
    assert row is None or [c.value for c in row.cells] != [1, 0, 0, 0, 0, 0, 1]


def test_a_run_that_ends_its_line_is_marked_so() -> None:
    """A PDF's text prints each row on a line; crawler text runs the rows together."""
    from disclosure_report.model import Source
    from disclosure_report.parse._flat import flat_blocks

    secret = _APPLICATIONS_2021.row("withheld_state_secret").label
    law = _APPLICATIONS_2021.row("withheld_prohibited_by_law").label

    def lined(text: str) -> list[bool]:
        tables = [b for b in flat_blocks(text, lambda _: Source()) if isinstance(b, RawTable)]
        return [row.lined for table in tables for row in table.rows]

    assert lined(f"{secret} 2 0 0 0 0 0 2 \n{law} 0 0 0 0 0 0 0") == [True, True]
    assert lined(f"{secret}2000002{law}0000000") == [False, True]
