"""Reading one printed cell into a :class:`~disclosure_report.model.Cell`.

The only place where printed text becomes a number. Grammar of a cell, after NFKC and
with surrounding whitespace removed::

    cell    = "" | marker | number [unit] [note] | other
    number  = ["+" | "-"] digits ["." digits]      (digits may carry "," thousands separators)
    unit    = "万元" | "元" | "件" | "项" | "个" | "条"
    marker  = "/" | "-" | "—" | "无" | "不适用" | ...   (written instead of a number)

A clean number (``12``, ``+3``, ``0.50``) is stored as its value alone; anything more (a
unit, a note, separators) keeps the printed text in :attr:`Cell.raw`. Text no number can be
read from is kept in ``raw`` with no value, and reported.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Final

from disclosure_report.model import Cell, Source
from disclosure_report.tables import Column, ValueKind

__all__ = ["MARKERS", "read_cell"]

MARKERS: Final = frozenset(
    {"/", "//", "\\", "-", "--", "—", "——", "–", "无", "不适用", "空", "暂无", "N/A", "n/a", "×"}
)
"""What publishers write instead of a number (compared after NFKC and stripping)."""

_CLEAN = re.compile(r"[+-]?\d+(?:\.\d+)?")
_NUMBER = re.compile(r"(?P<number>[+-]?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元|件|项|个|条)?")


def _strip(text: str) -> str:
    # NFKC folds full-width digits and the ideographic space; split() drops NBSP too.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def read_cell(text: str, column: Column, source: Source | None = None) -> tuple[Cell, bool]:
    """Read the printed ``text`` of a cell of ``column``.

    Returns:
        The cell, and whether its text was unreadable (kept in ``raw`` without a value).
    """
    printed = text.strip()  # str.strip() also drops NBSP and the ideographic space
    if not printed:
        return Cell(column=column.key, source=source), False
    if printed.isascii() and printed.isdigit() and column.kind is not ValueKind.AMOUNT:
        return Cell(column=column.key, value=int(printed), source=source), False  # the usual case
    folded = _strip(text)
    if not folded:
        return Cell(column=column.key, source=source), False
    if folded in MARKERS:
        return Cell(column=column.key, marker=printed, source=source), False
    if _CLEAN.fullmatch(folded):
        value = _number(folded, column.kind)
        if value is not None:
            return Cell(column=column.key, value=value, source=source), False
    match = _NUMBER.match(folded)
    if match is not None:
        value = _number(match["number"].replace(",", ""), column.kind)
        if value is not None:
            return Cell(
                column=column.key, value=value, unit=match["unit"], raw=printed, source=source
            ), False
    return Cell(column=column.key, raw=printed, source=source), True


def _number(text: str, kind: ValueKind) -> int | Decimal | None:
    """The value of a clean number for a column of ``kind``; None if the kind cannot hold it."""
    if kind is ValueKind.AMOUNT:
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the regexes only pass decimal numbers
            return None
    if "." in text:
        return None  # a count with a fraction is not a count
    return int(text)
