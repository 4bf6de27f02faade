"""The HTML reader on the corpus page and on the shapes real government pages take.

The base is tests/corpus/014.html (上海市人民政府办公厅 2019, a CMS body fragment); each test
dresses it the way another site or another tool would, and the report must read the same.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree, html

from disclosure_report.errors import ParseError
from disclosure_report.model import Report
from disclosure_report.parse import parse_bytes, parse_file, parse_html

CORPUS = Path(__file__).parents[1] / "corpus"
FRAGMENT = (CORPUS / "014.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expected() -> Report:
    return parse_file(CORPUS / "014.html").report


def _tables(report: Report) -> tuple[object, ...]:
    return (report.proactive_disclosure, report.applications, report.review_litigation)


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


CMS = """
<div class="top"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | 无障碍 | 长者模式</div>
<nav><ul><li>政务公开</li><li>政府信息公开年报</li><li>一、总体情况</li></ul></nav>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="article">
  <h1>2019年上海市人民政府办公厅政府信息公开工作年度报告</h1>
  <div class="info">发布时间：2020-01-31 09:30 来源：市政府办公厅 【字体：大 中 小】</div>
  <div class="content">{fragment}</div>
  <div class="tools">【打印本页】【关闭窗口】</div>
</div>
<script>var heading = "三、收到和处理政府信息公开申请情况";</script>
<div class="footer">主办：上海市人民政府办公厅 版权所有 网站标识码3100000001 沪ICP备0000号</div>
"""


def test_the_report_inside_a_full_cms_page_in_gbk(expected: Report) -> None:
    fragment = FRAGMENT.split("</p>", 2)[2]  # the page prints the title and date above it
    page = _page(
        CMS.format(fragment=fragment),
        head='<meta charset="gb2312"><title>年度报告 - 中国上海</title>',
    )
    report = parse_bytes(page.encode("gb18030")).report
    assert _tables(report) == _tables(expected)
    assert report.title == expected.title
    assert report.publication_date == expected.publication_date
    assert report.organ == expected.organ
    assert report.other_matters == expected.other_matters  # no footer or tools in 六
    assert report.preamble == expected.preamble


@pytest.mark.parametrize(
    ("head", "encoding"),
    [
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk"),
        ("", "gb18030"),  # no declaration: sniffed
        ('<meta charset="utf-8">', "utf-8"),
    ],
)
def test_the_encoding_is_found(head: str, encoding: str, expected: Report) -> None:
    page = _page(FRAGMENT, head)
    assert _tables(parse_bytes(page.encode(encoding)).report) == _tables(expected)


@pytest.mark.parametrize(
    ("bom", "encoding"), [(b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le")]
)
def test_a_byte_order_mark_names_the_encoding(bom: bytes, encoding: str, expected: Report) -> None:
    report = parse_bytes(bom + _page(FRAGMENT).encode(encoding)).report
    assert _tables(report) == _tables(expected)


def _word_export(fragment: str) -> str:
    """The fragment as Word's "Save as web page" writes it: every character in its own span,
    paragraphs inside cells, &nbsp; padding, a spacer row at the end of each table."""
    root = html.fragment_fromstring(fragment, create_parent="div")
    for cell in root.iter("td"):
        text = cell.text_content()
        for child in list(cell):
            cell.remove(child)
        cell.text = None
        paragraph = etree.SubElement(cell, "p", {"class": "MsoNormal"})
        for character in text:
            span = etree.SubElement(paragraph, "span", {"lang": "EN-US"})
            span.text = character
        etree.SubElement(paragraph, "span").text = "\xa0"
    for table in root.iter("table"):
        spacer = etree.SubElement(table, "tr", {"style": "height:0"})
        for _ in range(3):
            etree.SubElement(spacer, "td").text = "\xa0"
    return etree.tostring(root, encoding="unicode", method="html")


def test_word_exported_html_with_split_labels_and_digits(expected: Report) -> None:
    report = parse_html(_page(_word_export(FRAGMENT)))
    assert _tables(report.report) == _tables(expected)


def test_line_breaks_inside_cells_and_nbsp_padding(expected: Report) -> None:
    broken = FRAGMENT.replace(">821<", ">&nbsp;821&nbsp;<").replace(
        "（二）部分公开（区分处理的", "（二）部分公开<br/>（区分处理的"
    )
    broken = broken.replace(
        "一、本年新收政府信息公开申请数量", "一、本年新收<br>政府信息<p>公开申请数量</p>"
    )
    assert broken.count("<br") > FRAGMENT.count("<br")
    assert _tables(parse_html(broken).report) == _tables(expected)


def test_a_layout_table_around_the_report(expected: Report) -> None:
    framed = f'<table width="100%"><tr><td class="menu">栏目</td><td>{FRAGMENT}</td></tr></table>'
    report = parse_html(_page(framed)).report
    assert _tables(report) == _tables(expected)
    assert report.title == expected.title


def test_a_heading_printed_as_a_table_row(expected: Report) -> None:
    moved = FRAGMENT.replace(
        "<p><br />四、政府信息公开行政复议、行政诉讼情况</p><table",
        "<table><tr><td>四、政府信息公开行政复议、行政诉讼情况</td></tr></table><table",
        1,
    )
    assert moved != FRAGMENT
    assert _tables(parse_html(moved).report) == _tables(expected)


def test_a_table_without_its_heading_is_placed_by_its_labels(expected: Report) -> None:
    headless = FRAGMENT.replace("<p>二、主动公开政府信息情况</p>", "", 1)
    assert headless != FRAGMENT
    result = parse_html(headless)
    assert result.report.proactive_disclosure is not None
    assert result.report.proactive_disclosure.rows == expected.proactive_disclosure.rows  # type: ignore[union-attr]
    assert "P1.15" in {d.code for d in result.diagnostics}


def test_headings_glued_to_their_first_sentence(expected: Report) -> None:
    glued = re.sub(r"<p>(一、总体情况)</p><p>", r"<p>\1", FRAGMENT, count=1)
    assert glued != FRAGMENT
    report = parse_html(glued).report
    assert report.overview is not None
    assert report.overview.heading == "一、总体情况"
    assert report.overview.paragraphs[0].text.startswith("2019年，上海市人民政府办公厅")


def test_the_six_sections_numbered_otherwise_after_other_chapters(expected: Report) -> None:
    """Some provincial departments print their own chapters first and number the tables 一/二/三."""
    renumbered = (
        FRAGMENT.replace("<p>二、主动公开政府信息情况", "<p>七、主动公开政府信息情况")
        .replace("<p>三、收到和处理政府信息公开申请情况", "<p>八、收到和处理政府信息公开申请情况")
        .replace("<p>四、政府信息公开行政复议", "<p>九、政府信息公开行政复议")
    )
    report = parse_html(renumbered).report
    for got, want in zip(_tables(report), _tables(expected), strict=True):
        assert got.rows == want.rows  # type: ignore[attr-defined]


def test_cms_meta_fields_give_the_title_and_date(expected: Report) -> None:
    """TRS and Hanweb pages state the article's title and date in meta tags, and bury the
    title among the site's names in <title>."""
    body = FRAGMENT.split("</p>", 2)[2]  # no title or date in the text
    head = (
        "<title>2019年上海市人民政府办公厅政府信息公开工作年度报告_年度报告_中国上海</title>"
        '<meta name="PubDate" content="2020-01-31 09:30">'
    )
    report = parse_html(_page(f"<div>{body}</div>", head)).report
    assert report.title == expected.title
    assert report.organ == expected.organ
    assert report.publication_date == expected.publication_date
    head = '<meta name="ArticleTitle" content="2019年上海市人民政府办公厅政府信息公开工作年度报告">'
    assert parse_html(_page(f"<div>{body}</div>", head)).report.title == expected.title


def test_misprinted_labels_and_headings_worded_otherwise(expected: Report) -> None:
    """Typos in row labels, a unit after a header, a heading reworded: read, with a finding."""
    varied = (
        FRAGMENT.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开")
        .replace("4.无正当理由大量反复申请", "4.无正当理由大量反复申清")
        .replace("二、主动公开政府信息情况", "二、主动公开政府信息的情况")
        .replace(">采购总金额<", ">采购总金额（元）<")
    )
    assert "行政止公开" in varied
    assert "采购总金额（元）" in varied
    result = parse_html(varied)
    for got, want in zip(_tables(result.report), _tables(expected), strict=True):
        assert [(r.key, r.cells) for r in got.rows] == [(r.key, r.cells) for r in want.rows]  # type: ignore[attr-defined]
    variants = [d.message for d in result.diagnostics if d.code == "P1.9"]
    assert any("2.其他法律行政止公开" in m for m in variants)
    assert any("反复申清" in m for m in variants)


def test_an_unknown_label_is_not_taken_for_a_near_one() -> None:
    """A row no declared label is near stays an extra row: never read into a declared row."""
    varied = FRAGMENT.replace("5.要求行政机关确认或重新出具已获取信息", "5.其他原因")
    result = parse_html(varied)
    assert result.report.applications is not None
    assert "not_processed_confirm_or_reissue" not in {
        r.key for r in result.report.applications.rows
    }
    assert [r.label for r in result.report.applications.extra_rows] == ["5.其他原因"]


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>欢迎访问</p><table><tr><td>1</td></tr></table></body></html>",
        "<html></html>",
        "",
        "<p>" + "<div>" * 5000 + "x",
    ],
)
def test_a_page_without_a_report(page: str) -> None:
    with pytest.raises(ParseError):
        parse_html(page)


_SEED_BODY = (CORPUS / "014.html").read_bytes()


@pytest.mark.parametrize(
    ("head", "address"),
    [
        (
            '<link rel="canonical" href="http://www.example.gov.cn/art/1.html">',
            "http://www.example.gov.cn/art/1.html",
        ),
        (
            '<meta property="og:url" content="https://example.gov.cn/2.html">',
            "https://example.gov.cn/2.html",
        ),
        ('<link rel="Canonical" href=" https://a.gov.cn/3 ">', "https://a.gov.cn/3"),
        ('<link rel="canonical" href="/relative/4.html">', None),
        ('<link rel="canonical" href="javascript:alert(1)">', None),
        ('<link rel="stylesheet" href="https://a.gov.cn/s.css">', None),
        ("", None),
    ],
)
def test_the_pages_own_address_is_read_from_its_head(head: str, address: str | None) -> None:
    page = (
        b"<html><head>" + head.encode("utf-8") + b"</head><body>" + _SEED_BODY + b"</body></html>"
    )
    result = parse_html(page)
    assert result.address == address
    assert result.report == parse_html(_SEED_BODY).report


def test_an_extra_row_keeps_its_cells_not_the_grids_empty_slots_after_them() -> None:
    page = (CORPUS / "014.html").read_text(encoding="utf-8")
    row = "<tr><td>合计</td><td>5</td><td></td><td>&nbsp;</td></tr>"
    at = page.index("</table>")
    table = parse_html(page[:at] + row + page[at:]).report.proactive_disclosure
    assert table is not None
    (extra,) = [e for e in table.extra_rows if e.label == "合计"]
    assert extra.cells == ("5",)
