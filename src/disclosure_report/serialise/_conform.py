"""The codecs' side of the conformance contract: refuse what conformance refuses, with its words.

:func:`disclosure_report.conformance.nonconformities` is the one check that a report fits its
edition. Every codec of this package writes and reads only reports it accepts, and a refusal
gives its reasons, word for word, whatever the format.

Running the whole check on every report would cost as much as writing it, so each codec walks
the report (or document) once and proves the usual case on the way: rows and cells in rising
declared position, every required column present, numbers inside the bound. Whatever the walk
cannot prove is handed to :func:`refuse_nonconforming`, which asks the real check and raises
with its reasons. The walk may hand over too much (the real check then finds nothing and the
codec goes on), never too little: a property test holds every codec to the real check.
"""

from __future__ import annotations

from collections.abc import Hashable
from decimal import Decimal
from typing import Final

from disclosure_report.conformance import MAX_NUMBER_DIGITS, nonconformities
from disclosure_report.errors import SerialiseError
from disclosure_report.model import Report

__all__ = [
    "LIMIT",
    "NonconformingReportError",
    "intern_table",
    "number_fits",
    "refuse_nonconforming",
]

LIMIT: Final[int] = 10**MAX_NUMBER_DIGITS
"""Every number of a report lies strictly between ``-LIMIT`` and ``LIMIT``."""


class NonconformingReportError(SerialiseError):
    """A report (to write, or read from a document) does not fit its edition.

    The message lists :func:`~disclosure_report.conformance.nonconformities`, one per line;
    :attr:`nonconformities` holds them as values.
    """

    def __init__(self, message: str, nonconformities: tuple[object, ...]) -> None:
        super().__init__(message)
        self.nonconformities = nonconformities


def refuse_nonconforming(report: Report) -> None:
    """Raise :class:`NonconformingReportError` when ``report`` does not fit its edition.

    The message is the same for every codec: ``"the report does not fit edition N:"`` and one
    line per nonconformity (``section.row.column: what is wrong``).
    """
    found = nonconformities(report)
    if found:
        lines = "\n".join(str(n) for n in found)
        msg = f"the report does not fit edition {report.edition}:\n{lines}"
        raise NonconformingReportError(msg, found)


def number_fits(value: int | Decimal, *, whole: bool) -> bool:
    """True when ``value`` is a number conformance accepts in a column (``whole``: of counts).

    A fast, exact mirror of the number bound of :mod:`disclosure_report.conformance` (a property
    test compares the two); the codecs call it for every number they write or read.
    """
    if isinstance(value, int):  # bool is not a cell value: the model refuses it
        return -LIMIT < value < LIMIT
    if not isinstance(value, Decimal):  # pragma: no cover - the model holds nothing else
        return False
    _sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return False
    if len(digits) > MAX_NUMBER_DIGITS or not (
        -MAX_NUMBER_DIGITS <= exponent <= MAX_NUMBER_DIGITS - len(digits)
    ):
        return False
    return not whole or value == value.to_integral_value()


_INTERNED_MAX: Final = 1 << 16
"""Most entries an intern table keeps; past it, the table starts again (memory stays bounded)."""


class InternTable(dict[Hashable, object]):
    """Values built once and shared: equal cells are one immutable value.

    Real tables are mostly zeros, blanks and small counts, and building a validated
    :class:`~disclosure_report.model.Cell` costs more than looking one up. The readers keep
    the cells they build here, keyed by what the document said (a column and its text or
    value), across documents; the table empties itself when it reaches its size bound.
    """

    def keep(self, key: Hashable, value: object) -> None:
        """Remember ``value`` under ``key``."""
        if len(self) >= _INTERNED_MAX:
            self.clear()
        self[key] = value


def intern_table() -> InternTable:
    """A new, empty intern table (each reader module keeps one)."""
    return InternTable()
