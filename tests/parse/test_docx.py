"""The Word reader on the corpus file, the official template, and the structures Word writes.

tests/corpus/103.docx is the 上海市人民政府办公厅 2019 report saved as .docx (gridSpan, vMerge);
each test rewrites its document.xml the way another authoring tool would, and the report
must read the same.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from disclosure_report.errors import ParseError
from disclosure_report.model import Report
from disclosure_report.parse import parse_bytes, parse_docx, parse_file

from .test_template import assert_all_blank_2021

CORPUS = Path(__file__).parents[1] / "corpus"
BASE = (CORPUS / "103.docx").read_bytes()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {"w": W, "mc": MC}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def expected() -> Report:
    return parse_file(CORPUS / "103.docx").report


def _tables(report: Report) -> tuple[object, ...]:
    return (report.proactive_disclosure, report.applications, report.review_litigation)


def _rewrite(
    transform: Callable[[etree._Element], None], extra: dict[str, bytes] | None = None
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(BASE))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/document.xml":
                root = etree.fromstring(data)
                transform(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            target.writestr(name, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def _run_of(root: etree._Element, text: str) -> tuple[etree._Element, etree._Element]:
    """The run showing ``text``, and its paragraph."""
    (found,) = [t for t in root.iter(w("t")) if t.text == text]
    run = found.getparent()
    assert run is not None
    paragraph = run.getparent()
    assert paragraph is not None
    return run, paragraph


def _wrap(element: etree._Element, tag: str = "sdt") -> None:
    """Put ``element`` inside a content control (or another wrapper) in place."""
    parent = element.getparent()
    assert parent is not None
    wrapper = etree.Element(w(tag))
    content = etree.SubElement(wrapper, w("sdtContent")) if tag == "sdt" else wrapper
    parent.replace(element, wrapper)
    content.append(element)


def test_the_official_template_reads_as_an_all_blank_2021_report() -> None:
    result = parse_file(CORPUS / "2021-template.docx")
    assert_all_blank_2021(result.report)
    # Read by position: no cell was placed by counting.
    assert "P1.11" not in {d.code for d in result.diagnostics}


def test_content_controls_around_tables_rows_and_cells(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        tables = root.findall(".//w:tbl", NS)
        _wrap(tables[0])
        rows = tables[1].findall("w:tr", NS)
        _wrap(rows[4])
        _wrap(rows[5], "customXml")
        _wrap(rows[6].findall("w:tc", NS)[2])

    assert _tables(parse_docx(_rewrite(transform)).report) == _tables(expected)


def test_tracked_changes_keep_insertions_and_drop_deletions(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        run, paragraph = _run_of(root, "821")
        deleted = etree.SubElement(paragraph, w("del"))
        old = etree.SubElement(etree.SubElement(deleted, w("r")), w("delText"))
        old.text = "9"
        inserted = etree.Element(w("ins"))
        paragraph.replace(run, inserted)
        inserted.append(run)
        paragraph.remove(deleted)
        paragraph.insert(1, deleted)

    assert _tables(parse_docx(_rewrite(transform)).report) == _tables(expected)


def test_field_codes_are_left_out_and_their_result_kept(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        run, paragraph = _run_of(root, "821")
        at = paragraph.index(run)
        for offset, (tag, attrs, body) in enumerate(
            [
                ("fldChar", {w("fldCharType"): "begin"}, None),
                ("instrText", {}, " = 800 + 21 "),
                ("fldChar", {w("fldCharType"): "separate"}, None),
            ]
        ):
            field_run = etree.Element(w("r"))
            child = etree.SubElement(field_run, w(tag), attrs)
            child.text = body
            paragraph.insert(at + offset, field_run)
        end = etree.Element(w("r"))
        etree.SubElement(end, w("fldChar"), {w("fldCharType"): "end"})
        paragraph.append(end)

    assert _tables(parse_docx(_rewrite(transform)).report) == _tables(expected)


def test_a_text_box_is_read_once(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        anchor = next(
            p for p in root.iter(w("p")) if "".join(p.itertext()) == "六、其他需要报告的事项"
        )
        box = etree.SubElement(etree.SubElement(anchor, w("r")), f"{{{MC}}}AlternateContent")
        for branch in ("Choice", "Fallback"):
            holder = etree.SubElement(box, f"{{{MC}}}{branch}")
            content = etree.SubElement(holder, w("txbxContent"))
            paragraph = etree.SubElement(content, w("p"))
            etree.SubElement(
                etree.SubElement(paragraph, w("r")), w("t")
            ).text = "（文本框）本年度未收取信息处理费。"

    report = parse_docx(_rewrite(transform)).report
    assert report.other_matters is not None
    texts = [p.text for p in report.other_matters.paragraphs]
    assert texts.count("（文本框）本年度未收取信息处理费。") == 1
    assert _tables(report) == _tables(expected)


NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>""".encode()


def test_list_numbering_is_rendered_as_word_shows_it(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        body = root.find("w:body", NS)
        assert body is not None
        for paragraph in body.findall("w:p", NS):  # the six section headings, outside tables
            text = "".join(paragraph.itertext())
            if len(text) < 30 and text[:2] in {f"{n}、" for n in "一二三四五六"}:
                for t in paragraph.iter(w("t")):
                    t.text = (t.text or "").replace(text[:2], "")
                properties = paragraph.find(w("pPr"))
                assert properties is not None
                numbering = etree.SubElement(properties, w("numPr"))
                etree.SubElement(numbering, w("ilvl"), {w("val"): "0"})
                etree.SubElement(numbering, w("numId"), {w("val"): "7"})

    report = parse_docx(_rewrite(transform, {"word/numbering.xml": NUMBERING})).report
    assert report.overview is not None
    assert report.overview.heading == "一、总体情况"
    assert report.other_matters is not None
    assert report.other_matters.heading == "六、其他需要报告的事项"
    for got, want in zip(_tables(report), _tables(expected), strict=True):
        assert got.rows == want.rows  # type: ignore[attr-defined]


def test_a_layout_table_holding_the_report(expected: Report) -> None:
    def transform(root: etree._Element) -> None:
        body = root.find("w:body", NS)
        assert body is not None
        children = [c for c in body if c.tag != w("sectPr")]
        frame = etree.Element(w("tbl"))
        cell = etree.SubElement(etree.SubElement(frame, w("tr")), w("tc"))
        for child in children:
            cell.append(child)
        body.insert(0, frame)

    report = parse_docx(_rewrite(transform)).report
    assert _tables(report) == _tables(expected)
    assert report.title == expected.title


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 40,  # a truncated zip
        BASE[: len(BASE) // 2],  # half a Word file
    ],
)
def test_a_broken_word_file_is_a_parse_error(data: bytes) -> None:
    with pytest.raises(ParseError):
        parse_bytes(data)


def test_a_zip_that_is_not_a_word_file() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ParseError, match="Excel"):
        parse_bytes(out.getvalue())
    with pytest.raises(ParseError, match=r"no word/document\.xml"):
        parse_docx(out.getvalue())


def test_a_zip_bomb_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b" " * (80 * 2**20) + b"</a>")
    with pytest.raises(ParseError, match=r"max_docx_uncompressed_bytes|max_docx_compression_ratio"):
        parse_docx(out.getvalue())
