r"""Reading one printed cell into a :class:`~disclosure_report.model.Cell`.

The only place where printed text becomes a number, and it never takes part of a cell
silently: a text is a number by one of the rules below, a marker, blank, or *unreadable*
(no value, the text kept in :attr:`Cell.raw`, and a reason the caller turns into a
diagnostic). Grammar, after NFKC (full-width digits and brackets become ASCII) with the lines
of the cell joined by one space::

    cell      = blank | marker | number [unit] [note]
    number    = [sign] digits ["." digits]
    digits    = DIGIT+ | group ("," DIGIT{3})+ | group (" " DIGIT{3})+    (group = DIGIT{1,3})
    sign      = "+" | "-"
    unit      = count unit (件 项 个 条 次), optionally after 万    in a count column
              | amount unit (万元 元 万)                          in an amount column
    note      = a bracketed text at the end: (…) […] 【…】

Rules that keep a cell from being misread:

* ``12 3``, ``12\n3``, ``5-3``: two numbers or an expression, not one number: unreadable.
* A space between digit groups is a thousands separator only where it cannot be two cells:
  every later group has three digits and one of them starts with 0 (``1 036`` is 1036,
  ``12 300`` is unreadable). Commas separate thousands when every later group has three digits.
* ``万`` after a count multiplies it, exactly (``10万`` is 100000; ``1.23456万`` is unreadable);
  after an amount it is the unit (``25.1万`` is 25.1 in 万).
* A superscript, subscript, circled or parenthesised digit (``5¹``, ``3①``) cannot be told from
  a footnote mark, so the cell is unreadable rather than read as 51 or 31.
* A count never has a fraction; no number has more than
  :data:`~disclosure_report.conformance.MAX_NUMBER_DIGITS` digits.

A clean number (``12``, ``+3``, ``0.50``) is stored as its value alone; anything more (a
unit, a note, separators) keeps the printed text in :attr:`Cell.raw` as well.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from functools import cache
from typing import Final

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.model import Cell, Source
from disclosure_report.tables import (
    AMOUNT_UNITS,
    COUNT_UNITS,
    INVISIBLE_CHARACTERS,
    MARKERS,
    TEN_THOUSAND,
    Column,
    ValueKind,
)

__all__ = ["read_cell"]

_CLEAN: Final = re.compile(r"[+-]?\d+(?:\.\d+)?")
_NOTE: Final = r"(?P<note>\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】)"
"""One bracketed note, ending the cell: two notes (two cells run together) do not match."""
_DIGITS: Final = r"(?P<digits>\d+|\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+)"


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_COUNT: Final = re.compile(
    rf"(?P<sign>[+-])?{_DIGITS}(?P<fraction>\.\d+)? ?"
    rf"(?P<multiplier>{TEN_THOUSAND})?(?P<unit>{_alternatives(COUNT_UNITS)})? ?{_NOTE}?"
)
_AMOUNT: Final = re.compile(
    rf"(?P<sign>[+-])?{_DIGITS}(?P<fraction>\.\d+)? ?"
    rf"(?P<unit>{_alternatives(AMOUNT_UNITS)})? ?{_NOTE}?"
)
_MINUS: Final = str.maketrans(
    {"\u2212": "-", "\u2010": "-", "\u2011": "-", **dict.fromkeys(INVISIBLE_CHARACTERS)}
)
"""Minus signs as ASCII; characters that print nothing (a zero-width space) dropped."""
_TWO_NUMBERS: Final = re.compile(r"\d\s*[\s+\-*/×—~\uff5e至]\s*\d")


@cache
def _is_odd_digit(character: str) -> bool:
    """A character NFKC turns into a digit that is not a digit of its own (¹ ① ⑴ ⒈ ₃)."""
    if character.isascii() or "\uff10" <= character <= "\uff19":
        return False
    return any(c.isdigit() for c in unicodedata.normalize("NFKC", character))


def _fold(text: str) -> str:
    # NFKC folds full-width digits and brackets; split() drops NBSP and the ideographic space
    # and joins the lines of a multi-line cell with one space.
    return " ".join(unicodedata.normalize("NFKC", text).translate(_MINUS).split())


def read_cell(text: str, column: Column, source: Source | None = None) -> tuple[Cell, str | None]:
    """Read the printed ``text`` of a cell of ``column``.

    Returns:
        The cell, and ``None`` when it was read, or why it could not be: then the cell has
        no value and keeps the text in ``raw``.
    """
    printed = text.strip()  # str.strip() also drops NBSP and the ideographic space
    if not printed:
        return Cell(column=column.key, source=source), None
    if (
        printed.isascii()
        and printed.isdigit()
        and column.kind is not ValueKind.AMOUNT
        and len(printed) <= MAX_NUMBER_DIGITS
    ):
        return Cell(column=column.key, value=int(printed), source=source), None  # usual case
    odd = [c for c in printed if not c.isascii() and _is_odd_digit(c)]
    if odd:
        return _unreadable(
            printed,
            column,
            source,
            f"holds {''.join(odd)!r}, a superscript, circled or bracketed digit that cannot be "
            "told from a footnote mark",
        )
    folded = _fold(printed)
    if not folded:
        return Cell(column=column.key, source=source), None
    if folded in MARKERS:
        return Cell(column=column.key, marker=printed, source=source), None
    if _CLEAN.fullmatch(folded):
        value, problem = _value(folded, "", column.kind, multiplier=False)
        if value is not None:
            return Cell(column=column.key, value=value, source=source), None
        return _unreadable(printed, column, source, problem)
    pattern = _AMOUNT if column.kind is ValueKind.AMOUNT else _COUNT
    match = pattern.fullmatch(folded)
    if match is None:
        reason = (
            "holds more than one number (or an expression); a cell holds one"
            if _TWO_NUMBERS.search(folded)
            else "is not a number, a number with a unit or a bracketed note, or a marker"
        )
        return _unreadable(printed, column, source, reason)
    digits = match["digits"]
    if " " in digits and not any(g.startswith("0") for g in digits.split(" ")[1:]):
        return _unreadable(
            printed,
            column,
            source,
            "holds digits split by a space: a thousands separator or two numbers, "
            "which cannot be told apart",
        )
    number = (match["sign"] or "") + digits.replace(",", "").replace(" ", "")
    multiplier = column.kind is not ValueKind.AMOUNT and match["multiplier"] is not None
    value, problem = _value(number, match["fraction"] or "", column.kind, multiplier=multiplier)
    if value is None:
        return _unreadable(printed, column, source, problem)
    unit = match["unit"]
    return Cell(column=column.key, value=value, unit=unit, raw=printed, source=source), None


def _unreadable(
    printed: str, column: Column, source: Source | None, reason: str | None
) -> tuple[Cell, str]:
    return Cell(column=column.key, raw=printed, source=source), reason or "is not a number"


def _value(
    number: str, fraction: str, kind: ValueKind, *, multiplier: bool
) -> tuple[int | Decimal | None, str | None]:
    """The value of a signed digit string (and its fraction) for a column of ``kind``."""
    if sum(c.isdigit() for c in number + fraction) > MAX_NUMBER_DIGITS:
        return None, f"has more than {MAX_NUMBER_DIGITS} digits"
    if kind is ValueKind.AMOUNT:
        return Decimal(number + fraction), None
    if "." in number:  # a clean "1.5" reaches here whole
        number, _, fraction = number.partition(".")
        fraction = "." + fraction
    if multiplier:
        exact = Decimal(number + fraction) * 10_000
        if exact != exact.to_integral_value():
            return None, f"is not a whole number once multiplied by {TEN_THOUSAND}"
        return int(exact), None
    if fraction:
        return None, "has a fraction, but the column counts whole things"
    return int(number), None
