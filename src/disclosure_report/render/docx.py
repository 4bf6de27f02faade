"""A report as a Word document (.docx): WordprocessingML written with lxml, tables merged as Word merges.

The package holds the minimum a word processor needs (content types, relationships, the main
document and a style part), so it opens in Word, WPS and LibreOffice. Tables follow the
official layout (:mod:`disclosure_report.render._layout`): a column span is ``w:gridSpan``,
a row span is ``w:vMerge w:val="restart"`` on the first cell and a bare ``w:vMerge`` on the
cells it covers below, which Word writes as empty cells of the same width; ``w:tblGrid``
gives the column count. Equal reports give identical bytes (fixed times in the zip).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Final

from lxml import etree

from disclosure_report.model import Report, Table, TextSection
from disclosure_report.render._layout import (
    GridCell,
    grid,
    organ_above_title,
    publication_line,
    width_of,
)
from disclosure_report.tables import TableSpec, edition_spec

__all__ = ["render_docx"]

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE: Final = "{http://www.w3.org/XML/1998/namespace}space"
_PAGE_WIDTH_TWIPS: Final = 11906  # A4
_MARGIN_TWIPS: Final = 1440
_TEXT_WIDTH: Final = _PAGE_WIDTH_TWIPS - 2 * _MARGIN_TWIPS

_CONTENT_TYPES: Final = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"""
_ROOT_RELS: Final = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
_DOCUMENT_RELS: Final = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
_STYLES: Final = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\xe5\xae\x8b\xe4\xbd\x93" w:cs="Times New Roman"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="360" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="\xe9\xbb\x91\xe4\xbd\x93"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>"""


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _w(name), {_w(k): v for k, v in attributes.items()})


def _runs(paragraph: etree._Element, text: str, *, bold: bool = False) -> None:
    for index, line in enumerate(text.split("\n")):
        run = _sub(paragraph, "r")
        if bold:
            _sub(_sub(run, "rPr"), "b")
        if index:
            _sub(run, "br")
        t = _sub(run, "t")
        t.text = line
        if line != line.strip() or not line:
            t.set(_XML_SPACE, "preserve")


def _paragraph(
    body: etree._Element,
    text: str,
    *,
    style: str | None = None,
    align: str | None = None,
    indent: bool = False,
) -> None:
    paragraph = _sub(body, "p")
    if style or align or indent:
        properties = _sub(paragraph, "pPr")
        if style:
            _sub(properties, "pStyle", val=style)
        if indent:
            _sub(properties, "ind", firstLineChars="200")
        if align:
            _sub(properties, "jc", val=align)
    if text:
        _runs(paragraph, text)


def _cell(
    row: etree._Element, cell: GridCell | None, colspan: int, merge: str | None, width: int
) -> None:
    tc = _sub(row, "tc")
    properties = _sub(tc, "tcPr")
    _sub(properties, "tcW", w=str(width * colspan), type="dxa")
    if colspan > 1:
        _sub(properties, "gridSpan", val=str(colspan))
    if merge == "restart":
        _sub(properties, "vMerge", val="restart")
    elif merge == "continue":
        _sub(properties, "vMerge")
    _sub(properties, "vAlign", val="center")
    paragraph = _sub(tc, "p")
    if cell is not None and cell.role not in {"label", "caption"}:
        _sub(_sub(paragraph, "pPr"), "jc", val="center")
    if cell is not None and cell.text:
        _runs(paragraph, cell.text, bold=cell.role == "caption")


def _table(body: etree._Element, rows: Sequence[Sequence[GridCell]]) -> None:
    width = width_of(rows)
    column_width = _TEXT_WIDTH // max(width, 1)
    table = _sub(body, "tbl")
    properties = _sub(table, "tblPr")
    _sub(properties, "tblStyle", val="TableGrid")
    _sub(properties, "tblW", w=str(column_width * width), type="dxa")
    _sub(properties, "tblLayout", type="fixed")
    columns = _sub(table, "tblGrid")
    for _ in range(width):
        _sub(columns, "gridCol", w=str(column_width))
    covered: dict[int, tuple[int, int]] = {}  # grid column -> (last row covered, colspan)
    for r, line in enumerate(rows):
        tr = _sub(table, "tr")
        cells = iter(line)
        column = 0
        while column < width:
            merged = covered.get(column)
            if merged is not None and merged[0] >= r:  # a cell above runs down into this row
                _cell(tr, None, merged[1], "continue", column_width)
                column += merged[1]
                continue
            cell = next(cells, None)
            if cell is None:  # a short row: fill it so every row spans the grid
                _cell(tr, None, width - column, None, column_width)
                break
            merge = "restart" if cell.rowspan > 1 else None
            if cell.rowspan > 1:
                covered[column] = (r + cell.rowspan - 1, cell.colspan)
            _cell(tr, cell, cell.colspan, merge, column_width)
            column += cell.colspan


def _document(report: Report) -> bytes:
    spec = edition_spec(report.edition)
    document = etree.Element(_w("document"), nsmap={"w": W})
    body = _sub(document, "body")
    if (organ := organ_above_title(report)) is not None:
        _paragraph(body, organ, style="Title")
    if report.title:
        _paragraph(body, report.title, style="Title")
    if (published := publication_line(report)) is not None:
        _paragraph(body, published)
    for paragraph in report.preamble:
        _paragraph(body, paragraph.text, indent=True)
    for section in spec.sections:
        value = getattr(report, section.key)
        if value is None:
            continue
        _paragraph(body, value.heading or section.label, style="Heading1")
        if isinstance(value, Table) and isinstance(section, TableSpec):
            _table(body, grid(section, value))
            for note in value.notes:
                _paragraph(body, note.text)
        elif isinstance(value, TextSection):
            for paragraph in value.paragraphs:
                _paragraph(body, paragraph.text, indent=True)
    for paragraph in report.closing:
        _paragraph(body, paragraph.text, align="right")
    page = _sub(body, "sectPr")
    _sub(page, "pgSz", w=str(_PAGE_WIDTH_TWIPS), h="16838")
    margin = str(_MARGIN_TWIPS)
    _sub(
        page,
        "pgMar",
        top=margin,
        right=margin,
        bottom=margin,
        left=margin,
        header="851",
        footer="992",
        gutter="0",
    )
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", standalone=True)


def _package(parts: Iterable[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def render_docx(report: Report) -> bytes:
    """The report as a .docx file (bytes), in the official layout."""
    return _package(
        [
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("word/_rels/document.xml.rels", _DOCUMENT_RELS),
            ("word/styles.xml", _STYLES),
            ("word/document.xml", _document(report)),
        ]
    )
