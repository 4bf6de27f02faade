"""Reader for Word files (.docx, WordprocessingML), with zipfile and lxml.

What it reads from ``word/document.xml``, in document order:

* paragraphs: text runs, tabs and breaks; tracked insertions kept and deletions dropped;
  field codes left out (their shown result kept); content controls (``w:sdt``), smart tags
  and custom XML read through; text boxes read as paragraphs after their anchor paragraph
  (once, though Word stores each twice for old readers); list numbering rendered from
  ``word/numbering.xml`` (``一、`` ``（三）`` ``1.``), as Word shows it;
* tables as grids: ``w:gridBefore`` and ``w:gridSpan`` give a cell's columns, ``w:vMerge``
  restart/continue its rows (the continuing cells are empty placeholders, not cells); a table
  holding other tables is layout, and its cells are read as blocks.

Headers, footers, comments and footnotes are other parts of the package and are not read.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from typing import Final

from lxml import etree

from disclosure_report.errors import LimitExceededError, ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.model import Source

from ._detect import ZIP_ERRORS, open_zip
from ._guard import PARSER_DEPTH, deeper_than, element_count
from ._raw import Block, RawCell, RawDocument, RawParagraph, RawRow, RawTable

__all__ = ["read_docx"]

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DOCUMENT: Final = "word/document.xml"
_SMALL_PART: Final = 1024
"""Packed bytes under which a part is not held to the compression ratio limit."""
_WRAPPERS: Final = frozenset({f"{W}sdt", f"{W}customXml", f"{W}smartTag", f"{W}ins", f"{W}moveTo"})
_DROPPED: Final = frozenset({f"{W}del", f"{W}moveFrom", f"{W}sectPr", f"{W}tblPr", f"{W}trPr"})
_HAN: Final = "〇一二三四五六七八九"
_LEAVES: Final = frozenset(
    {f"{W}{n}" for n in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen", "instrText", "delText")}
)
"""What a run shows (or, inside a field's code, hides)."""


class _Parts:
    """Reads the XML parts of one Word file within the limits: size, ratio, elements, depth."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.archive = archive
        self.limits = limits
        self.unpacked = 0

    def read(self, name: str) -> etree._Element | None:
        limits = self.limits
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        budget = limits.max_docx_uncompressed_bytes - self.unpacked
        what = "the Word file's parts, unpacked (bytes, at least)"
        check(limits, "max_docx_uncompressed_bytes", self.unpacked + info.file_size, what)
        packed = max(info.compress_size, _SMALL_PART)
        ratio = f"{name} (compression ratio, at least)"
        check(limits, "max_docx_compression_ratio", info.file_size // packed, ratio)
        # The sizes a zip declares may lie: what is read is bounded whatever they say.
        try:
            with self.archive.open(info) as handle:
                data = handle.read(budget + 1)
        except ZIP_ERRORS as error:
            msg = f"{name} in the Word file cannot be read: {error}"
            raise ParseError(msg) from error
        self.unpacked += len(data)
        check(limits, "max_docx_uncompressed_bytes", self.unpacked, what)
        check(limits, "max_docx_compression_ratio", len(data) // packed, ratio)
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
        )
        try:
            root = etree.fromstring(data, parser)
        except (etree.XMLSyntaxError, ValueError) as error:
            if "Excessive depth" in str(error):
                what = f"{name} (depth, at least)"
                maximum = min(limits.max_xml_depth, PARSER_DEPTH)
                raise LimitExceededError(
                    "max_xml_depth", PARSER_DEPTH + 1, maximum, what
                ) from error
            msg = f"{name} in the Word file cannot be read: {error}"
            raise ParseError(msg) from error
        if root.getroottree().docinfo.doctype:
            # Word never writes one; entities were neither loaded nor expanded, but a part
            # that declares them is an attack, not a report.
            msg = f"{name} in the Word file has a DOCTYPE declaration: not read (Word never writes one)"
            raise ParseError(msg)
        check(limits, "max_xml_elements", element_count(root), f"{name} (elements)")
        if deeper_than(root, limits.max_xml_depth):
            check(limits, "max_xml_depth", limits.max_xml_depth + 1, f"{name} (depth, at least)")
        return root


def _han(number: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (up to 99; beyond, digits)."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = ("" if tens <= 1 else _HAN[tens]) + ("十" if tens else "")
    return text + (_HAN[units] if units else "")


def _letters(number: int) -> str:
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def _roman(number: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out += letters
            number -= value
    return out


def _format(number: int, kind: str) -> str:
    if kind in {"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified"}:
        return _han(number)
    if kind in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 0 < number <= 20:
        return chr(0x2460 + number - 1)
    if kind == "upperLetter":
        return _letters(number)
    if kind == "lowerLetter":
        return _letters(number).lower()
    if kind == "upperRoman" and number < 4000:
        return _roman(number)
    if kind == "lowerRoman" and number < 4000:
        return _roman(number).lower()
    if kind in {"bullet", "none"}:
        return ""
    return str(number)


class _Numbering:
    """Renders Word list numbers (``%1、``) from numbering.xml, counting as Word does."""

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_numbers: dict[str, tuple[str, int]] = {}
        if numbering is None:
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in numbering.iter(f"{W}abstractNum"):
            levels: dict[int, tuple[int, str, str]] = {}
            for level in node.iter(f"{W}lvl"):
                ilvl = _int(level.get(f"{W}ilvl"), 0)
                start = _int(_val(level, "start"), 1)
                levels[ilvl] = (
                    start,
                    _val(level, "numFmt") or "decimal",
                    _val(level, "lvlText") or "",
                )
            abstract[node.get(f"{W}abstractNumId") or ""] = levels
        for num in numbering.iter(f"{W}num"):
            levels = dict(abstract.get(_val(num, "abstractNumId") or "", {}))
            for override in num.iter(f"{W}lvlOverride"):
                ilvl = _int(override.get(f"{W}ilvl"), 0)
                restart = _val(override, "startOverride")
                if restart is not None and ilvl in levels:
                    _, kind, text = levels[ilvl]
                    levels[ilvl] = (_int(restart, 1), kind, text)
            self.levels[num.get(f"{W}numId") or ""] = levels
        if styles is not None:
            for style in styles.iter(f"{W}style"):
                num_pr = style.find(f"{W}pPr/{W}numPr")
                if num_pr is not None:
                    self.style_numbers[style.get(f"{W}styleId") or ""] = (
                        _val(num_pr, "numId") or "",
                        _int(_val(num_pr, "ilvl"), 0),
                    )

    def prefix(self, paragraph: etree._Element) -> str:
        """The list number Word shows before ``paragraph`` ("" when it has none)."""
        if not self.levels:
            return ""
        properties = paragraph.find(f"{W}pPr")
        if properties is None:
            return ""
        num_pr = properties.find(f"{W}numPr")
        if num_pr is not None:
            num_id, ilvl = _val(num_pr, "numId") or "", _int(_val(num_pr, "ilvl"), 0)
        else:
            style = _val(properties, "pStyle")
            if style is None or style not in self.style_numbers:
                return ""
            num_id, ilvl = self.style_numbers[style]
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if not 0 <= ilvl < len(counters):
            return ""
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        text = levels[ilvl][2]
        for level in range(ilvl + 1):
            first, kind, _ = levels.get(level, (1, "decimal", ""))
            text = text.replace(f"%{level + 1}", _format(first + max(counters[level], 1) - 1, kind))
        return text


def _val(element: etree._Element, name: str) -> str | None:
    child = element.find(f"{W}{name}")
    return None if child is None else child.get(f"{W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Reader:
    def __init__(self, numbering: _Numbering, limits: Limits) -> None:
        self.numbering = numbering
        self.tables = 0
        self.limits = limits
        self.slots = 0
        """Grid slots of the tables so far (a cell counts every column it spans)."""
        self.chars = 0
        """Characters of text read so far (list numbers included)."""

    def counted(self, text: str) -> str:
        """``text``, counted against :attr:`Limits.max_text_chars` as it is read."""
        self.chars += len(text)
        check(self.limits, "max_text_chars", self.chars, "the Word file's text (characters)")
        return text

    def blocks(self, parent: etree._Element) -> Iterator[Block]:
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                yield from self.paragraph(child)
            elif tag == f"{W}tbl":
                yield from self.table(child)
            elif tag in _WRAPPERS:
                yield from self.blocks(_content(child))

    def paragraph(self, paragraph: etree._Element) -> Iterator[Block]:
        boxes: list[etree._Element] = []
        text = self.counted(self.numbering.prefix(paragraph) + _text(paragraph, boxes))
        if text.strip():
            yield RawParagraph(text=text, source=Source())
        for box in boxes:
            yield from self.blocks(box)

    def table(self, table: etree._Element) -> Iterator[Block]:
        rows = list(_children(table, f"{W}tr"))
        cells = [list(_children(tr, f"{W}tc")) for tr in rows]
        if any(True for nested in table.iter(f"{W}tbl") if nested is not table):
            for layout_row in cells:  # layout: a table holding tables
                for layout_cell in layout_row:
                    yield from self.blocks(layout_cell)
            return
        index = self.tables
        self.tables += 1
        check(self.limits, "max_tables", self.tables)
        grid = table.find(f"{W}tblGrid")
        width = len(grid.findall(f"{W}gridCol")) if grid is not None else 0
        open_merges: dict[int, RawCell] = {}
        placed: list[RawRow] = []
        for r, (row, row_cells) in enumerate(zip(rows, cells, strict=True)):
            properties = row.find(f"{W}trPr")
            column = _int(_val(properties, "gridBefore"), 0) if properties is not None else 0
            out: list[RawCell] = []
            for c, cell in enumerate(row_cells):
                cell_properties = cell.find(f"{W}tcPr")
                span = 1
                merge: str | None = None
                if cell_properties is not None:
                    span = max(1, _int(_val(cell_properties, "gridSpan"), 1))
                    node = cell_properties.find(f"{W}vMerge")
                    if node is not None:
                        merge = node.get(f"{W}val") or "continue"
                # A span is a step per column it covers: count before taking the steps.
                self.slots += span
                check(self.limits, "max_cells", max(self.slots, column + span))
                above = open_merges.get(column)
                if merge == "continue" and above is not None:
                    above.row_span += 1
                else:
                    raw = RawCell(
                        text=self.counted(_cell_text(cell, self.numbering)),
                        source=Source(table=index, row=r, cell=c),
                        column=column,
                        col_span=span,
                    )
                    out.append(raw)
                    for covered in range(column, column + span):
                        open_merges.pop(covered, None)
                    if merge == "restart":
                        open_merges[column] = raw
                column += span
            width = max(width, column)
            placed.append(RawRow(cells=out, source=Source(table=index, row=r)))
        yield RawTable(rows=placed, source=Source(table=index), width=width)


def _content(wrapper: etree._Element) -> etree._Element:
    """The content of a wrapper element (a content control's ``w:sdtContent``)."""
    content = wrapper.find(f"{W}sdtContent")
    return content if content is not None else wrapper


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with ``tag``, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(_content(child), tag)


_SHOWN: Final = {
    f"{W}t": None,
    f"{W}tab": " ",
    f"{W}ptab": " ",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "-",
}
_COMPLEX: Final = (
    f"{W}del",
    f"{W}moveFrom",
    f"{W}fldChar",
    f"{W}instrText",
    f"{_MC}AlternateContent",
    f"{W}txbxContent",
)
"""What makes a paragraph's text more than its runs' text in order."""


def _text(paragraph: etree._Element, boxes: list[etree._Element]) -> str:
    """A paragraph's shown text; text boxes found in it are added to ``boxes``."""
    if next(paragraph.iter(*_COMPLEX), None) is None:
        # The usual paragraph: its runs' text in order, found by lxml in one pass.
        return "".join(
            (element.text or "") if (shown := _SHOWN[str(element.tag)]) is None else shown
            for element in paragraph.iter(*_SHOWN)
        )
    parts: list[str] = []
    state = {"field": 0, "code": False}

    def visit(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _DROPPED or tag == f"{W}pPr":
                continue
            if tag == f"{_MC}AlternateContent":
                choice = child.find(f"{_MC}Choice")
                visit(choice if choice is not None else child)
                continue
            if tag == f"{W}txbxContent":
                boxes.append(child)
                continue
            if tag == f"{W}fldChar":
                kind = child.get(f"{W}fldCharType")
                if kind == "begin":
                    state["field"] += 1
                    state["code"] = True
                elif kind == "separate":
                    state["code"] = False
                elif kind == "end":
                    state["field"] = max(0, state["field"] - 1)
                    state["code"] = False
                continue
            if tag == f"{W}r" or tag not in _LEAVES:
                visit(child)
            elif state["code"]:
                continue  # a field's code (instrText ...), not its shown result
            elif tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in {f"{W}tab", f"{W}ptab"}:
                parts.append(" ")
            elif tag in {f"{W}br", f"{W}cr"}:
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")

    visit(paragraph)
    return "".join(parts)


def _cell_text(cell: etree._Element, numbering: _Numbering) -> str:
    lines: list[str] = []
    for paragraph in cell.iter(f"{W}p"):
        text = numbering.prefix(paragraph) + _text(paragraph, [])
        lines.extend(line.strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def read_docx(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a Word file into paragraphs and grid tables.

    Raises:
        ParseError: the data is not a readable Word file.
        LimitExceededError: the file is over a limit: too many entries, parts too large or
            too compressed, too many elements or nested too deep, too many tables or cells,
            too much text.
    """
    with open_zip(data, limits, "a Word (.docx) file") as archive:
        parts = _Parts(archive, limits)
        root = parts.read(_DOCUMENT)
        if root is None:
            msg = f"the zip archive has no {_DOCUMENT}: it is not a Word file"
            raise ParseError(msg)
        numbers = parts.read("word/numbering.xml")
        styles = parts.read("word/styles.xml") if numbers is not None else None
        numbering = _Numbering(numbers, styles)
    body = root.find(f"{W}body")
    if body is None:
        msg = f"{_DOCUMENT} has no body"
        raise ParseError(msg)
    return RawDocument(blocks=list(_Reader(numbering, limits).blocks(body)))
