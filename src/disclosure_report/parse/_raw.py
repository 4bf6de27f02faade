"""The lenient first stage of parsing: what a format reader found, before any meaning.

A format reader (``text.py`` today; HTML, DOCX and PDF later) turns its input into a
:class:`RawDocument`: paragraphs and tables of cell texts, in document order, each with the
place it was read. It knows nothing of the official format. ``_build.py`` alone gives the
pieces meaning, so every format shares one label matcher and one number reader.
"""

from __future__ import annotations

from attrs import define, field

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.model import Source


@define
class RawCell:
    """One table cell's text, as printed (lines of a multi-line cell joined by newlines)."""

    text: str
    source: Source


@define
class RawRow:
    """One printed table row: its cells left to right, merged cells printed once or blank."""

    cells: list[RawCell]
    source: Source


@define
class RawParagraph:
    """One paragraph (one line of a text extraction)."""

    text: str
    source: Source


@define
class RawTable:
    """One printed table: its rows top to bottom."""

    rows: list[RawRow]
    source: Source


Block = RawParagraph | RawTable


@define
class RawDocument:
    """Everything a format reader found, in document order, with what it had to clean."""

    blocks: list[Block] = field(factory=list)
    diagnostics: list[Diagnostic] = field(factory=list)
