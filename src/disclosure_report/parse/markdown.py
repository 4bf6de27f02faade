"""Reader for Markdown written by PDF converters (and OCR or model dumps in Markdown).

A converter re-emits each PDF table as pipe tables, row by row, and loses what the layout
said: merged header cells come out in fragments (``| 业 | 构 | 益组织 |``), a label that did
not fit its cell lands outside the table, a group label is cut in two rows (``| （三）不 |``
… ``| 予公开 |``), page footers (``— 5 —``) and repeated captions (``## 表三：…``) fall
inside a table, and a block of a table may come out as plain lines (``行政许可 0``). Grammar::

    document = { table | text_line | blank }
    table    = pipe_row { pipe_row | delimiter_row }
    pipe_row = "|" cell { "|" cell } "|"

What the structure supports is read, the rest left blank with findings:

* each pipe row is a row of cells without positions (the table stage counts them from the
  right, and says so); trailing empty cells, which converters add to pad a row, are dropped;
* a header row of generic words (``数据1`` … ``数据6``, ``总计``, as OCR and model dumps print)
  names no column: it is left out with a finding, and the columns are placed by position;
* label fragments before a row's own label (``（三）不``) are left out with a finding;
* a row label printed just above a table whose first row has no label is that row's label;
* the plain lines of a table section are read as flattened table text (:mod:`._flat`);
* a title broken over two lines is joined, and the lines of a paragraph broken at the page
  width are joined again (a line not ending a sentence goes on on the next one);
* a table written in HTML (``<table>`` … ``</table>``, as converters write a table with merged
  cells) is read as an HTML page's table is, its merged cells placed (:mod:`.html`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from disclosure_report.diagnostics import Diagnostic, Location
from disclosure_report.errors import LimitExceededError, ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits
from disclosure_report.model import Source
from disclosure_report.tables import SectionSpec, TableSpec

from ._flat import PAGE_NUMBER, ROW, flat_blocks, labels_at, row_of_fragment
from ._metadata import is_title
from ._raw import Block, RawCell, RawDocument, RawParagraph, RawRow, RawTable, diagnostic
from ._sections import heading
from .html import read_html

__all__ = ["is_markdown", "read_markdown"]

_PIPE_ROW: Final = re.compile(r"^\s*\|.*\|\s*$")
_DELIMITER: Final = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_MARKDOWN_HEADING: Final = re.compile(r"^\s{0,3}#{1,6}\s+")
_SENTENCE_END: Final = tuple("。！？；：!?;:")
_GENERIC: Final = re.compile(
    r"^(?:数据|数值|列|栏|值|第)\s*\d{1,2}\s*(?:列|栏)?$|^(?:col(?:umn)?|data|value)\s*\d{1,2}$",
    re.I,
)
_VALUE: Final = re.compile(r"^[\s\d.,+\-/—–－\u2212元万件项个条次%]*$")
_HTML_TABLE: Final = re.compile(r"<table\b", re.IGNORECASE)
_HTML_TABLE_END: Final = re.compile(r"</table\s*>", re.IGNORECASE)
_TAG: Final = re.compile(r"<[^>]*>")
_UNPLACED: Final = "P1.10"
_HTML_PAGE: Final = "the HTML page"
"""How the HTML reader's errors name what it read (an HTML table, inside Markdown)."""
_UNKNOWN_HEADER: Final = "P1.13"


def is_markdown(text: str) -> bool:
    """True for Markdown with tables.

    A delimiter row (``|---|---|``) under a pipe row, or an HTML table (``<table>``) in a
    text that is not an HTML page (told apart before this is asked).
    """
    previous = ""
    for line in text.split("\n"):
        if _DELIMITER.match(line) and "|" in line and _PIPE_ROW.match(previous):
            return True
        if _HTML_TABLE.search(line):
            return True
        if line.strip():
            previous = line
    return False


def _finding(code: str, message: str, source: Source) -> Diagnostic:
    return diagnostic(code, message, Location(source=source))


_ESCAPED: Final = re.compile(r"\\([!-/:-@\[-`{-~])")
_LINE_BREAK: Final = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _unescape(text: str) -> str:
    """Markdown's backslash escapes of ASCII punctuation undone (a backslash before ``*`` …)."""
    return _ESCAPED.sub(r"\1", text) if "\\" in text else text


def _cells(line: str) -> list[str]:
    """The cells of a pipe row, as printed (empty cells kept; ``<br>`` a line break)."""
    inner = line.strip()
    inner = inner.removeprefix("|").removesuffix("|")
    return [_unescape(_LINE_BREAK.sub("\n", c.strip())) for c in re.split(r"(?<!\\)\|", inner)]


def _unpadded(cells: list[str]) -> list[str]:
    """A row's cells without trailing empty cells (a converter's padding)."""
    cells = list(cells)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _row_label(text: str) -> bool:
    """The text is one declared row label and nothing else."""
    found = list(labels_at(text))
    if len(found) != 1 or ROW not in found[0].kinds:
        return False
    rest = text[: found[0].start] + text[found[0].end :]
    return not any(c.isalnum() for c in rest)


def _is_label(text: str) -> bool:
    found = list(labels_at(text))
    if len(found) != 1:
        return False
    rest = text[: found[0].start] + text[found[0].end :]
    return not any(c.isalnum() for c in rest)


_ITEM_NUMBER: Final = re.compile(r"(?<![0-9])[1-9][.．](?![0-9])")
"""The number of a numbered row label (``2.没有现成信息…``), even in a garbled line."""


def _is_value(text: str) -> bool:
    return bool(_VALUE.match(text))


class _Reader:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.document = RawDocument()
        self.blocks = self.document.blocks
        self.position = -1
        self.section: SectionSpec | None = None
        self.head: list[tuple[str, int]] = []
        """Text lines before section 一 (text, line number)."""
        self.text: list[tuple[str, int]] = []
        """Text lines of the current section not yet turned into blocks."""
        self.page_numbers = 0

    def say(self, code: str, message: str, line: int) -> None:
        self.document.diagnostics.append(_finding(code, message, Source(line=line)))

    # --- text ----------------------------------------------------------------------------

    def line(self, text: str, number: int) -> None:
        text = _MARKDOWN_HEADING.sub("", text)
        if PAGE_NUMBER.match(text):
            self.page_numbers += 1
            return
        found = heading(text, self.position)
        if found is not None:
            self.flush()
            self.position, self.section, printed, rest = found
            self.blocks.append(RawParagraph(text=printed, source=Source(line=number)))
            if rest:
                self.text.append((rest, number))
            return
        (self.head if self.section is None else self.text).append((text, number))

    def blank(self) -> None:
        if self.section is not None:
            self.flush()
        elif self.head:
            self.head.append(("", _BREAK))  # the head keeps its blank lines as breaks

    def flush(self) -> None:
        """Turn the pending text lines into blocks."""
        if self.section is None:
            self._head()
        elif isinstance(self.section, TableSpec):
            self._table_text()
        else:
            self.blocks.extend(_paragraphs(self.text))
        self.text = []

    def _head(self) -> None:
        lines, self.head = self.head, []
        title = None
        for i, (text, _) in enumerate(lines):
            if is_title(text):
                title = (i, i + 1)
            elif (
                i + 1 < len(lines)
                and not is_title(lines[i + 1][0])  # (then that line alone: ``正文`` is not in it)
                and is_title(text + lines[i + 1][0])
            ):
                title = (i, i + 2)
            if title is not None:
                break
        if title is None:
            self.blocks.extend(_paragraphs(lines))
            return
        start, end = title
        self.blocks.extend(RawParagraph(text=t, source=Source(line=n)) for t, n in lines[:start])
        joined = "".join(t.strip() for t, _ in lines[start:end])
        self.blocks.append(RawParagraph(text=joined, source=Source(line=lines[start][1])))
        self.blocks.extend(_paragraphs(lines[end:]))

    def _table_text(self) -> None:
        lines, self.text = self.text, []
        if not lines:
            return
        text = "\n".join(t for t, _ in lines)
        starts = []
        at = 0
        for t, _ in lines:
            starts.append(at)
            at += len(t) + 1
        numbers = [n for _, n in lines]

        def where(offset: int) -> Source:
            index = max(i for i, s in enumerate(starts) if s <= offset)
            return Source(line=numbers[index])

        self.blocks.extend(
            flat_blocks(
                text, where, say=lambda message, at: self.say(_UNPLACED, message, at.line or 0)
            )
        )

    # --- tables --------------------------------------------------------------------------

    def table(self, rows: Sequence[tuple[list[str], int]]) -> None:
        self.flush()
        if _regular(rows):
            # A well-formed pipe table: every row as wide as its header, so every cell knows
            # its column, and the header rows name them.
            table_rows = [
                RawRow(
                    cells=[
                        RawCell(text=c, source=Source(line=n), column=i)
                        for i, c in enumerate(cells)
                    ],
                    source=Source(line=n),
                )
                for cells, n in rows
            ]
            self.blocks.append(
                RawTable(rows=table_rows, source=table_rows[0].source, width=len(rows[0][0]))
            )
            return
        raw_rows: list[RawRow] = []
        for printed, number in rows:
            cells = _unpadded(printed)
            if not any(cells):
                continue
            source = Source(line=number)
            if self._generic(cells):
                shown = " | ".join(cells)
                self.say(
                    _UNKNOWN_HEADER,
                    f"header row {shown!r} names no column of the official table; "
                    "left out, the columns are placed by position",
                    number,
                )
                continue
            kept = self._without_fragments(cells, number)
            raw_rows.append(
                RawRow(cells=[RawCell(text=c, source=source) for c in kept], source=source)
            )
        if not raw_rows:
            return
        self._attach_label(raw_rows[0])
        self.blocks.append(RawTable(rows=raw_rows, source=raw_rows[0].source))

    def html_table(self, fragment: str, number: int) -> None:
        """A table written in HTML from line ``number``: read as an HTML page's table."""
        self.flush()
        try:
            read = read_html(fragment, self.limits)
        except LimitExceededError as error:  # said of the table, not of "the HTML page"
            what = error.what.replace(_HTML_PAGE, f"the HTML table at line {number}")
            raise LimitExceededError(error.limit, error.value, error.maximum, what) from None
        except ParseError as error:
            raise ParseError(
                str(error).replace(_HTML_PAGE, f"the HTML table at line {number}")
            ) from None
        found = [b for b in read.blocks if isinstance(b, RawTable)]
        if not found:  # no table after all (markup alone): its text is text
            text = " ".join(_TAG.sub(" ", fragment).split())
            if text:
                self.line(text, number)
            return
        for table in found:  # where the fragment's lines stand in the text
            table.source = _in_text(table.source, number)
            for row in table.rows:
                row.source = _in_text(row.source, number)
                for cell in row.cells:
                    cell.source = _in_text(cell.source, number)
            self.blocks.append(table)

    @staticmethod
    def _generic(cells: list[str]) -> bool:
        """A header of generic words (数据1 … 数据6, 总计), as OCR and model dumps print."""
        named = [c for c in cells[1:] if c]
        return len(named) >= 2 and sum(bool(_GENERIC.match(c)) for c in named) >= len(named) - 1

    def _without_fragments(self, cells: list[str], number: int) -> list[str]:
        """A row's cells without label fragments before its own label (``| （三）不 | 4.保护… |``).

        Label cells none of which is a label, that together are part of one row label only
        (``| 缴纳费用、 | 行政机关不再处理其政 |``), name that row.
        """
        first_value = next((i for i, c in enumerate(cells) if c and _is_value(c)), len(cells))
        labels = [i for i in range(first_value) if cells[i] and _row_label(cells[i])]
        if not labels and first_value > 0:
            return self._named_by_fragments(cells, first_value, number)
        if not labels or labels[0] == 0:
            return cells
        dropped = [c for c in cells[: labels[0]] if c]
        if not dropped or any(_is_label(c) for c in dropped):
            return cells
        self.say(
            _UNPLACED,
            f"label fragment(s) {dropped!r} before the row label {cells[labels[0]]!r} left out",
            number,
        )
        return cells[labels[0] :]

    def _named_by_fragments(self, cells: list[str], first_value: int, number: int) -> list[str]:
        printed = [c for c in cells[:first_value] if c]
        if any(_is_label(c) for c in printed):
            return cells
        found = row_of_fragment("".join(printed))
        if found is None:
            return cells
        self.say(
            _UNPLACED,
            f"label fragment(s) {printed!r} read as the row {found!r}: the only row label "
            "they are part of",
            number,
        )
        return [found, *cells[first_value:]]

    def _attach_label(self, row: RawRow) -> None:
        """A row label printed just above a table whose first row has no label.

        Only when it is the one row label printed since the table before: of several (``5.属于
        三类内部事务信息``, ``1.本机关不掌握相关政府信息``, then a table of unlabelled rows),
        the nearest may name any of the rows, so none is read as a label.
        """
        if not self.blocks or not all(_is_value(c.text) for c in row.cells):
            return
        last = self.blocks[-1]
        if not isinstance(last, RawParagraph) or not _row_label(last.text):
            return
        others = []
        for block in reversed(self.blocks[:-1]):
            if not isinstance(block, RawParagraph):
                break
            if _ITEM_NUMBER.search(block.text) or any(
                ROW in found.kinds for found in labels_at(block.text)
            ):
                others.append(block.text)
        if others:
            self.say(
                _UNPLACED,
                f"row labels {[*others[::-1], last.text]!r} printed above a table whose rows "
                "have none: which row each names cannot be told, so none is read as a label",
                row.source.line or 0,
            )
            return
        self.blocks.pop()
        row.cells.insert(0, RawCell(text=last.text, source=last.source))
        self.say(
            _UNPLACED,
            f"the row label {last.text!r} printed above the table read as the label of "
            "the table's first row",
            row.source.line or 0,
        )


def _in_text(source: Source, first: int) -> Source:
    """A source in an HTML fragment starting at line ``first``, as a source in the text."""
    line = first + (source.line or 1) - 1
    return Source(line=line, row=source.row, cell=source.cell)


def _regular(rows: Sequence[tuple[list[str], int]]) -> bool:
    """Every row as wide as the header, the header naming columns: cells know their column."""
    if len(rows) < 2 or len({len(cells) for cells, _ in rows}) != 1 or len(rows[0][0]) < 2:
        return False
    header = [c for c in rows[0][0] if c]
    return (
        len(header) == len(rows[0][0])
        and not any(_is_value(c) for c in header)
        and not _Reader._generic(rows[0][0])
    )


_BREAK: Final = -1
"""The line number of a blank line kept in the head: a paragraph break."""


def _paragraphs(lines: Sequence[tuple[str, int]]) -> list[Block]:
    """Paragraphs of text lines: a line that does not end a sentence goes on on the next."""
    blocks: list[Block] = []
    text, first = "", 0
    for printed, number in lines:
        line = printed.strip()
        if not line:
            if text and number == _BREAK:  # a blank line ends a paragraph
                blocks.append(RawParagraph(text=text, source=Source(line=first)))
                text = ""
            continue
        if not text:
            text, first = line, number
        else:
            text += line
        if line.endswith(_SENTENCE_END):
            blocks.append(RawParagraph(text=text, source=Source(line=first)))
            text = ""
    if text:
        blocks.append(RawParagraph(text=text, source=Source(line=first)))
    return blocks


def _pieces(lines: Sequence[str]) -> Iterator[tuple[str, int, bool]]:
    """The text's lines, each HTML table (``<table>`` … ``</table>``) as one piece.

    Yields each piece, its first line's number, and whether it is an HTML table. A table never
    closed is what there is of it, to the end of the text.
    """
    html: list[str] = []
    start = depth = 0
    for number, line in enumerate(lines, start=1):
        rest = line
        if not html:
            opening = _HTML_TABLE.search(rest)
            if opening is None:
                yield rest, number, False
                continue
            if rest[: opening.start()].strip():
                yield rest[: opening.start()], number, False
            rest, start = rest[opening.start() :], number
        depth += len(_HTML_TABLE.findall(rest)) - len(_HTML_TABLE_END.findall(rest))
        if depth > 0:
            html.append(rest)
            continue
        ends = list(_HTML_TABLE_END.finditer(rest))
        cut = ends[-1].end() if ends else len(rest)
        yield "\n".join([*html, rest[:cut]]), start, True
        html, depth = [], 0
        if rest[cut:].strip():
            yield rest[cut:], number, False
    if html:
        yield "\n".join(html), start, True


def read_markdown(text: str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read converter Markdown into paragraphs and tables.

    Args:
        text: the whole text, decoded.
        limits: the most read of an HTML table in it (its nesting, tables and cells).

    Returns:
        The raw document: pipe tables without cell positions, HTML tables with them, the
        plain lines of table sections as flattened tables, paragraphs, and findings for what
        was left out.
    """
    reader = _Reader(limits)
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    table: list[tuple[list[str], int]] = []
    in_table = False
    for line, number, is_html in _pieces(lines):
        if is_html:
            if in_table:
                reader.table(table)
                table, in_table = [], False
            reader.html_table(line, number)
            continue
        if _PIPE_ROW.match(line):
            in_table = True
            if not _DELIMITER.match(line):
                table.append((_cells(line), number))
            continue
        if in_table and _DELIMITER.match(line):
            continue
        if in_table:
            reader.table(table)
            table, in_table = [], False
        if line.strip():
            reader.line(_unescape(line), number)
        else:
            reader.blank()
    if in_table:
        reader.table(table)
    reader.flush()
    if reader.page_numbers:
        reader.document.diagnostics.append(
            _finding(_UNPLACED, f"{reader.page_numbers} page number line(s) left out", Source())
        )
    return reader.document
