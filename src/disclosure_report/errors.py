"""Exceptions raised by disclosure_report.

Every exception the library raises on purpose derives from
:class:`DisclosureReportError`, so ``except DisclosureReportError`` catches them
all. Findings about a report's *content* are never raised: they are
:class:`~disclosure_report.diagnostics.Diagnostic` values.

This module imports nothing of ours: it is the floor every other layer stands on.
"""

from __future__ import annotations

__all__ = ["DisclosureReportError", "InvalidTextError", "ParseError", "SerialiseError"]


class DisclosureReportError(Exception):
    """Base class of every exception raised by disclosure_report."""


class ParseError(DisclosureReportError, ValueError):
    """The input cannot be read as a report at all.

    Args:
        message: what is wrong, in words a clerk can act on.
        line: the 1-based line of the input where the problem was seen, if known.
    """

    def __init__(self, message: str, *, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


class SerialiseError(DisclosureReportError, ValueError):
    """A report cannot be written to, or read back from, an exchange format (XML, JSON)."""


class InvalidTextError(DisclosureReportError, ValueError):
    """A string holds a character that XML 1.0 cannot carry (most C0 controls, lone surrogates).

    The model refuses such text so that every report it can hold can be written to XML
    and read back unchanged. Parsers remove these characters and say so in a diagnostic.
    """
