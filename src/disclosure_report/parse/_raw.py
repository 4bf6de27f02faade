"""The lenient first stage of parsing: what a format reader found, before any meaning.

A format reader (``text.py``, ``html.py``, ``docx.py``, ``pdf.py`` ...) turns its input into a
:class:`RawDocument`: paragraphs and tables in document order, each with the place it was
read. It knows nothing of the official format; ``_tables.py`` and ``_build.py`` alone give
the pieces meaning, so every form shares one label matcher, one cell reader and one check.

A table is a grid, as in the HTML table model: every cell owns a rectangle of slots (its grid
row and column, its row and column spans), each merged cell appears once, in the row where it
starts, and no slot is owned twice. Readers of forms that know positions (HTML, DOCX, PDF)
give every cell its grid column (:attr:`RawTable.width` is set); a form without positions
(a text extraction, one cell per line) leaves :attr:`RawCell.column` ``None``, and its cells
can only be placed by counting, which the table stage says in a diagnostic.
"""

from __future__ import annotations

from collections.abc import Sequence

from attrs import define, field

from disclosure_report.diagnostics import CODES, Diagnostic, Location
from disclosure_report.model import Source

__all__ = [
    "Block",
    "RawCell",
    "RawDocument",
    "RawParagraph",
    "RawRow",
    "RawTable",
    "place",
]


@define
class RawCell:
    """One table cell's text as printed (the lines of a multi-line cell joined by newlines)."""

    text: str
    source: Source
    column: int | None = None
    """Grid column of the cell's first slot (0-based); ``None`` when the form gives none."""
    row_span: int = 1
    col_span: int = 1

    @property
    def end(self) -> int:
        """Grid column after the cell's last slot (only for a cell with a :attr:`column`)."""
        return (self.column or 0) + self.col_span


@define
class RawRow:
    """One printed table row: the cells that start in it, left to right."""

    cells: list[RawCell]
    source: Source
    fused: bool = False
    """The row's values were printed as one run whose cell boundaries were lost (crawler text:
    ``230 000023``): its last cell holds the run, the cells before it its labels, and the
    table stage recovers the values from the table's arithmetic (``_recover.py``)."""
    lined: bool = False
    """A fused row whose run ends its line (a PDF's text prints each row on a line, its values
    apart; crawler text runs the rows of a table together on one line)."""


@define
class RawParagraph:
    """One paragraph of running text."""

    text: str
    source: Source


@define
class RawTable:
    """One printed table: its rows top to bottom, and its grid width when the form knows it."""

    rows: list[RawRow]
    source: Source
    width: int | None = None
    """Number of grid columns; ``None`` for a form without cell positions."""

    @property
    def positioned(self) -> bool:
        """True when every cell knows its grid column."""
        return self.width is not None


Block = RawParagraph | RawTable


@define
class RawDocument:
    """Everything a format reader found, in document order, with what it had to clean."""

    blocks: list[Block] = field(factory=list)
    diagnostics: list[Diagnostic] = field(factory=list)
    title: str | None = None
    """A title the form states apart from the text (an HTML ``<title>``, a crawler header)."""
    publication_date: str | None = None
    """A publication date the form states apart from the text, as printed."""
    address: str | None = None
    """The address the page was read from, when the form states it (a crawler's 原文链接)."""


def diagnostic(
    code: str, message: str, location: Location | None = None, cells: tuple[Location, ...] = ()
) -> Diagnostic:
    """A parser finding of ``code``, with the severity the catalogue gives the code."""
    return Diagnostic(
        code=code,
        severity=CODES[code].severity,
        message=message,
        location=Location() if location is None else location,
        cells=cells,
    )


def place(rows: Sequence[tuple[Source, list[RawCell]]], source: Source) -> RawTable:
    """Place the cells of each row on a grid, by the HTML table model's slot algorithm.

    ``rows`` holds each row's source and its cells, as a reader meets them: spans set, grid
    column not yet known (a row span of 0 means "to the end of the table", as HTML's
    ``rowspan="0"``). Each cell goes to the first column of its row not already owned by a
    cell spanning down from a row above, and owns ``row_span`` x ``col_span`` slots; spans
    that run past the last row are cut there. The cells are placed in place.
    """
    owned: dict[int, set[int]] = {}  # row -> columns owned by cells from rows above
    placed: list[RawRow] = []
    count = len(rows)
    width = 0
    for r, (row_source, cells) in enumerate(rows):
        taken = owned.get(r)
        column = 0
        for cell in cells:
            if taken:
                while column in taken:
                    column += 1
            cell.column = column
            cell.col_span = col_span = max(1, cell.col_span)
            cell.row_span = row_span = (
                count - r if cell.row_span <= 0 else min(cell.row_span, count - r)
            )
            if row_span > 1:
                covered = range(column, column + col_span)
                for below in range(r + 1, r + row_span):
                    owned.setdefault(below, set()).update(covered)
            column += col_span
        width = max(width, column, max(taken) + 1 if taken else 0)
        placed.append(RawRow(cells, row_source))
    return RawTable(rows=placed, source=source, width=width)
