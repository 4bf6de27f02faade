"""The converter-Markdown reader: pipe tables read by counting, what the layout lost blank."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_report.model import Edition
from disclosure_report.parse import Form, parse_bytes, parse_text
from disclosure_report.parse._detect import text_form
from disclosure_report.parse.markdown import is_markdown
from disclosure_report.tables import edition_spec

CORPUS = Path(__file__).parents[1] / "corpus"

_2021 = edition_spec(Edition.E2021)
_HEADINGS = [s.label for s in _2021.sections]
_APPLICATIONS = _2021.table("applications")


def _document(table: str, *, head: str = "2023年某某县人民政府政府信息公开工作年度报告") -> str:
    return "\n".join(
        [
            head,
            "",
            _HEADINGS[0],
            "2023年，我县推进政务公开。",
            "",
            _HEADINGS[2],
            table,
            "",
            _HEADINGS[4],
            "无。",
        ]
    )


def _rows(cells: str = "12 | 0 | 3 | 0 | 0 | 0 | 15", *, skip: tuple[str, ...] = ()) -> list[str]:
    return [
        f"| {row.label} | {cells} |"
        for row in _APPLICATIONS.expected_rows(())
        if row.key not in skip
    ]


def _table(lines: list[str], header: str = "| 项目 | a | b | c | d | e | f | g |") -> str:
    return "\n".join([header, "|---|---|---|---|---|---|---|---|", *lines])


def test_the_corpus_report() -> None:
    result = parse_bytes((CORPUS / "006.md").read_bytes())
    report = result.report
    assert (report.organ, report.year) == ("上海市人民政府办公厅", 2025)
    assert report.applications is not None
    assert [c.value for c in report.applications.row("results_total").cells] == [
        1139,
        48,
        0,
        0,
        4,
        0,
        1191,
    ]
    assert report.review_litigation is not None
    assert [c.value for c in report.review_litigation.rows[0].cells][:5] == [40, 0, 10, 5, 55]


def test_every_row_read_by_counting_from_the_right() -> None:
    result = parse_text(_document(_table(_rows())))
    report = result.report
    assert report.applications is not None
    for row in report.applications.rows:
        assert [c.value for c in row.cells] == [12, 0, 3, 0, 0, 0, 15]
    assert any(d.code == "P1.11" for d in result.diagnostics)


def test_a_generic_header_is_left_out_and_the_columns_placed_by_position() -> None:
    header = "| 项目 | 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 总计 |"
    result = parse_text(_document(_table(_rows(), header)))
    assert result.report.applications is not None
    assert not result.report.applications.extra_rows
    generic = [d for d in result.diagnostics if d.code == "P1.13"]
    assert len(generic) == 1
    assert "placed by position" in generic[0].message
    assert any(d.code == "P1.11" for d in result.diagnostics)


def test_padding_cells_at_the_end_of_a_row_are_dropped() -> None:
    lines = [line + "  |" for line in _rows()]
    report = parse_text(_document(_table(lines))).report
    assert report.applications is not None
    assert [c.value for c in report.applications.row("granted").cells] == [12, 0, 3, 0, 0, 0, 15]


def test_label_fragments_before_a_row_label_are_left_out() -> None:
    """| （三）不 | 4.保护第三方合法权益 | …: a group label cut in two by the converter."""
    lines = [
        line.replace("| 4.", "| （三）不 | 4.").replace("| 5.属于三类", "| 予公开 | 5.属于三类")
        for line in _rows()
    ]
    result = parse_text(_document(_table(lines)))
    assert result.report.applications is not None
    row = result.report.applications.row("withheld_third_party_rights")
    assert [c.value for c in row.cells] == [12, 0, 3, 0, 0, 0, 15]
    fragments = [d.message for d in result.diagnostics if d.code == "P1.10"]
    assert any("（三）不" in m for m in fragments)
    assert any("予公开" in m for m in fragments)


def test_a_row_label_printed_above_the_table_of_its_values() -> None:
    label = _APPLICATIONS.row("granted").label
    table = _table(_rows(skip=("new_received", "carried_over", "granted")))
    values = "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n|---|---|---|---|---|---|---|"
    document = _document(f"{label[:4]}\n{label[4:]}\n{values}\n\n{table}")
    result = parse_text(document)
    assert result.report.applications is not None
    assert [c.value for c in result.report.applications.row("granted").cells] == [
        2,
        0,
        0,
        0,
        0,
        0,
        2,
    ]


@pytest.mark.parametrize("garbled", [False, True])
def test_several_row_labels_above_a_table_name_none_of_its_rows(garbled: bool) -> None:
    """As a converter printed 上海市科委 2024: two labels, then their rows, nearest label last.

    The first row is the first label's (5, …), not the nearest one's: reading the nearest
    label as the first row's label gave that row 5 where the report says 0. A label garbled
    with its group's (``（四）无2.没有现成信息需要另法提供行制作``) still counts as a label.
    """
    first = _APPLICATIONS.row("unable_requires_creation").label
    second = _APPLICATIONS.row("unable_unclear_after_correction").label
    printed_first = f"（四）无{first[:9]}\n法提供行{first[9:]}" if garbled else first
    rest = _rows(skip=("unable_requires_creation", "unable_unclear_after_correction"))
    values = "\n".join(
        [
            "| 5 | 0 | 0 | 0 | 0 | 0 | 5 |",
            "|---|---|---|---|---|---|---|",
            "| 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        ]
    )
    document = _document(f"{_table(rest)}\n\n{printed_first}\n\n{second}\n{values}")
    result = parse_text(document)
    table = result.report.applications
    assert table is not None
    for key in ("unable_requires_creation", "unable_unclear_after_correction"):
        with pytest.raises(KeyError):
            table.row(key)
        assert any(d.code == "P1.4" and d.location.row == key for d in result.diagnostics)
    assert any(
        d.code == "P1.10" and "cannot be told" in d.message and second in d.message
        for d in result.diagnostics
    )


def test_a_row_of_values_without_a_label_stays_out() -> None:
    lines = _rows(skip=("granted",))
    lines.insert(2, "| 2 | 0 | 0 | 0 | 0 | 0 | 2 |")
    result = parse_text(_document(_table(lines)))
    assert result.report.applications is not None
    with pytest.raises(KeyError):
        result.report.applications.row("granted")
    assert any(d.code == "P1.4" and d.location.row == "granted" for d in result.diagnostics)


def test_a_title_broken_over_two_lines_and_page_numbers() -> None:
    document = _document(
        _table(_rows()), head="2023年某某县人民政府政府信息\n公开工作年度报告\n— 1 —"
    )
    result = parse_text(document)
    assert result.report.title == "2023年某某县人民政府政府信息公开工作年度报告"
    assert result.report.organ == "某某县人民政府"
    assert any("page number" in d.message for d in result.diagnostics)


@pytest.mark.parametrize(
    "title", ["某某县2023年政府信息公开工作年度报告", "2023年某某县政府信息公开工作年度报告"]
)
def test_a_line_above_a_title_on_one_line_is_not_part_of_it(title: str) -> None:
    """A converter's ``正文`` above the title made the organ 正文某某县."""
    result = parse_text(_document(_table(_rows()), head=f"正文\n{title}"))
    assert result.report.title == title
    assert result.report.organ == "某某县"
    assert result.report.year == 2023


def test_plain_lines_of_a_table_section_are_read_as_flattened_rows() -> None:
    """006.md prints blocks of 二 as lines: 行政许可 0."""
    proactive = _2021.table("proactive_disclosure")
    lines = [
        proactive.row("administrative_licensing").groups[0].label,
        proactive.header_labels[0] + proactive.row("administrative_licensing").columns[0].label,
        proactive.row("administrative_licensing").label + " 7",
    ]
    document = "\n".join(
        [
            "2023年某某县人民政府政府信息公开工作年度报告",
            _HEADINGS[1],
            *lines,
            _HEADINGS[2],
            _table(_rows()),
        ]
    )
    report = parse_text(document).report
    assert report.proactive_disclosure is not None
    assert [c.value for c in report.proactive_disclosure.row("administrative_licensing").cells] == [
        7
    ]


@pytest.mark.parametrize(
    ("name", "expected"), [("006.md", True), ("000.txt", False), ("007.txt", False)]
)
def test_markdown_is_recognised(name: str, expected: bool) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert is_markdown(text) is expected
    if expected:
        assert text_form(text) is Form.MARKDOWN


def test_label_cells_that_are_part_of_one_row_label_only_name_that_row() -> None:
    """| 缴纳费用、 | 行政机关不再处理其政 | 0 | …: the label of （六）2 cut into two cells."""
    fee = _APPLICATIONS.row("other_fee_unpaid")
    lines = [
        line
        if fee.label not in line
        else "| 缴纳费用、 | 行政机关不再处理其政 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
        for line in _rows()
    ]
    result = parse_text(_document(_table(lines)))
    assert result.report.applications is not None
    assert [c.value for c in result.report.applications.row("other_fee_unpaid").cells] == [0] * 7
    assert any("the only row label" in d.message for d in result.diagnostics)


def test_label_cells_part_of_several_row_labels_name_no_row() -> None:
    """行政机关不再处理其政府信息公 is in the labels of （六）1 and （六）2: no row."""
    fee = _APPLICATIONS.row("other_fee_unpaid")
    lines = [
        line
        if fee.label not in line
        else "| 行政机关不再处理其政府信息公 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
        for line in _rows()
    ]
    result = parse_text(_document(_table(lines)))
    assert result.report.applications is not None
    with pytest.raises(KeyError):
        result.report.applications.row("other_fee_unpaid")


# --- tables written in HTML (converters write a table with merged cells so) -----------------


def _html_tables_markdown(page: str) -> str:
    """The body of a rendered HTML page as converter Markdown: text lines, tables kept in HTML."""
    import re

    body = page[page.index("<body") : page.index("</body>")]
    out: list[str] = []
    for part in re.split(r"(<table.*?</table>)", body, flags=re.S):
        if part.startswith("<table"):
            out.append(" ".join(part.split()))  # one line, as MinerU writes it
        else:
            text = re.sub(r"<[^>]+>", "\n", part)
            out.extend(line.strip() for line in text.split("\n") if line.strip())
    return "\n\n".join(out)


@pytest.mark.parametrize("name", ["000.txt", "001.pdf", "014.html", "103.docx"])
def test_tables_written_in_html_are_read_with_their_merged_cells(name: str) -> None:
    from disclosure_report import parse_file, render

    if name.endswith(".pdf"):
        pytest.importorskip("pdfplumber")
    report = parse_file(CORPUS / name).report
    markdown = _html_tables_markdown(render(report, "html"))
    assert text_form(markdown) is Form.MARKDOWN
    back = parse_bytes(markdown.encode("utf-8")).report
    for section in ("proactive_disclosure", "applications", "review_litigation"):
        assert getattr(back, section) == getattr(report, section)
    if name == "000.txt":  # (014's date is in the page's head, which the Markdown leaves out)
        assert back == report


def test_an_html_table_over_several_lines_with_text_around_it() -> None:
    rows = "".join(
        f"<tr><td>{label}</td>{'<td>1</td>' * 7}</tr>"
        for label in ("一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量")
    )
    table = f"表三 <table>\n<tr><td>申请人情况</td></tr>\n{rows}\n</table> 注：无"
    result = parse_text(_document(table))
    assert result.report.applications is not None
    cells = {r.key: [c.value for c in r.cells] for r in result.report.applications.rows}
    assert cells["new_received"] == [1] * 7
    assert cells["carried_over"] == [1] * 7


def test_an_html_table_never_closed_is_read_to_the_end() -> None:
    table = "<table><tr><td>一、本年新收政府信息公开申请数量</td>" + "<td>2</td>" * 7 + "</tr>"
    result = parse_text(_document(table))
    assert result.report.applications is not None
    cells = {r.key: [c.value for c in r.cells] for r in result.report.applications.rows}
    assert cells["new_received"] == [2] * 7


def test_an_html_table_over_a_limit_is_named_as_the_table_of_its_line() -> None:
    from disclosure_report import DEFAULT_LIMITS, LimitExceededError

    depth = DEFAULT_LIMITS.max_html_depth + 10
    table = "<table><tr><td>" + "<div>" * depth + "1" + "</div>" * depth + "</td></tr></table>"
    document = _document(f"说明\n{table}")
    with pytest.raises(LimitExceededError) as caught:
        parse_text(document)
    error = caught.value
    assert error.limit == "max_html_depth"
    line = document.splitlines().index(table) + 1
    assert f"the HTML table at line {line}" in str(error)
    assert "HTML page" not in str(error)
