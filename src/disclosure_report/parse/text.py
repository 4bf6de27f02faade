"""Reader for text extractions of Word files: one cell per tab-indented line.

This is the form of the project's seed report (a Word file saved as text by an extraction
tool). Its grammar, line by line::

    document   = { paragraph | table | blank }
    paragraph  = line not starting with TAB
    table      = row { blank+ row }
    row        = cell { cell }
    cell       = TAB text NEWLINE { continuation }
    continuation = line not starting with TAB, directly after a cell line (a cell's next line)
    tab_row    = a line with a TAB after its first character: a whole row, cells split at TABs

A blank line ends a row; a paragraph after a blank line ends the table. Extraction
artefacts (``[bookmark: _GoBack]``) and characters XML cannot carry are removed, and the
removal is reported.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from disclosure_report.diagnostics import Diagnostic, Location
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.model import Source, xml_illegal_characters

from ._raw import RawCell, RawDocument, RawParagraph, RawRow, RawTable, diagnostic

__all__ = ["line_count", "read_text"]

_ARTEFACT = re.compile(r"\[bookmark: [^\]]*\]")
# Anything _clean would change: an artefact, or a character outside XML 1.0 (VT and FF included).
_SUSPECT = re.compile("\\[bookmark: |[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_CLEANED = "P1.6"


def _clean(line: str, number: int, diagnostics: list[Diagnostic]) -> str:
    """Remove artefacts and XML-illegal characters from one line, reporting what went."""
    if _SUSPECT.search(line) is None:
        return line
    removed: list[str] = _ARTEFACT.findall(line)
    if removed:
        line = _ARTEFACT.sub("", line)
    # Word writes a manual line break as VT and a page break as FF; both are line breaks here.
    line = line.replace("\x0b", "\n").replace("\x0c", "\n")
    illegal = xml_illegal_characters(line)
    if illegal:
        line = "".join(c for c in line if not xml_illegal_characters(c))
        removed.extend(f"U+{ord(c):04X}" for c in illegal)
    if removed:
        diagnostics.append(
            diagnostic(
                _TEXT_CLEANED,
                f"removed {', '.join(sorted(set(removed)))}",
                Location(source=Source(line=number)),
            )
        )
    return line


def line_count(text: str) -> int:
    """Lines of ``text``, split at newlines (a newline at the very end starts no line)."""
    return text.count("\n") + (not text.endswith("\n"))


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time.

    Not a list of them all: beside the cells made of the same text, it would add half again
    to the reader's peak memory.
    """
    start = 0
    find = text.find
    while (end := find("\n", start)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def read_text(text: str, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Split a text extraction into paragraphs and tables of cells.

    Args:
        text: the whole extraction, already decoded.
        limits: the most lines read (:attr:`Limits.max_lines`).

    Returns:
        The raw document; its diagnostics say what was cleaned. Its tables have no cell
        positions: the form prints a merged cell once, so cells can only be counted.
    """
    document = RawDocument()
    blocks = document.blocks
    table: RawTable | None = None
    row: RawRow | None = None
    cell: RawCell | None = None
    lines_of_cell: list[str] = []  # the last cell's lines, while continuations follow

    # Not str.splitlines(): it would also break at VT, FF, NEL and U+2028, which are not lines here.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    check(limits, "max_lines", line_count(text))
    # One search of the whole text finds the lines to clean: usually none.
    suspects: set[int] = set()
    if _SUSPECT.search(text):
        breaks = [m.start() for m in re.finditer("\n", text)]
        suspects = {bisect.bisect_left(breaks, m.start()) + 1 for m in _SUSPECT.finditer(text)}
    for number, line in enumerate(_lines(text), start=1):
        if number in suspects:
            line = _clean(line, number, document.diagnostics)  # noqa: PLW2901
        if line.startswith("\t") and "\t" not in line[1:]:
            # The usual line of a table: one cell.
            if cell is not None and len(lines_of_cell) > 1:
                cell.text = "\n".join(lines_of_cell)
            source = Source(line=number)
            if table is None:
                table = RawTable(rows=[], source=source)
                blocks.append(table)
            if row is None:
                row = RawRow(cells=[], source=source)
                table.rows.append(row)
            cell = RawCell(text=line[1:], source=source)
            row.cells.append(cell)
            lines_of_cell = [cell.text]
            continue
        tab_row = "\t" in line[1:]
        if cell is not None and not tab_row and line.strip():
            lines_of_cell.append(line)  # the cell's next line
            continue
        if cell is not None and len(lines_of_cell) > 1:
            cell.text = "\n".join(lines_of_cell)
        if tab_row:
            # Another extraction style: a whole row on one line, cells separated by TABs.
            source = Source(line=number)
            if table is None:
                table = RawTable(rows=[], source=source)
                blocks.append(table)
            table.rows.append(
                RawRow(
                    cells=[RawCell(text=t, source=source) for t in line.split("\t")], source=source
                )
            )
            row, cell = None, None
        elif not line.strip():
            row, cell = None, None  # a blank line ends the row
        else:
            table, row = None, None
            blocks.append(RawParagraph(text=line, source=Source(line=number)))
        lines_of_cell = []
    if cell is not None and len(lines_of_cell) > 1:
        cell.text = "\n".join(lines_of_cell)
    return document
