"""Exceptions raised by disclosure_report.

Every exception the library raises on purpose derives from
:class:`DisclosureReportError`, so ``except DisclosureReportError`` catches them
all. Findings about a report's *content* are never raised: they are
:class:`~disclosure_report.diagnostics.Diagnostic` values.

This module imports nothing of ours: it is the floor every other layer stands on.
"""

from __future__ import annotations

__all__ = [
    "DisclosureReportError",
    "InvalidTextError",
    "LimitExceededError",
    "ParseError",
    "SerialiseError",
]


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


class LimitExceededError(ParseError):
    """The input is over one of the reader's limits (:class:`~disclosure_report.limits.Limits`).

    Nothing of the input was read past the point where the limit was seen.

    Args:
        limit: the name of the limit, a field of :class:`~disclosure_report.limits.Limits`
            (``"max_input_bytes"``, ``"max_cells"`` ...).
        value: what the input has (bytes, characters, cells ...), or at least how much was
            seen before reading stopped.
        maximum: the limit in force.
        what: what was measured, in words (``"the input"``, ``"a table cell"`` ...).
    """

    def __init__(self, limit: str, value: int, maximum: int, what: str = "the input") -> None:
        super().__init__(
            f"{what}: {value:,} is over the limit {limit} ({maximum:,}); "
            f"not read (to read more, pass limits=Limits({limit}=...))"
        )
        self.limit = limit
        self.value = value
        self.maximum = maximum
        self.what = what

    def __reduce__(self) -> tuple[type[LimitExceededError], tuple[str, int, int, str]]:
        # Picklable as itself (multiprocessing pools send exceptions between processes).
        return type(self), (self.limit, self.value, self.maximum, self.what)


class SerialiseError(DisclosureReportError, ValueError):
    """A report cannot be written to, or read back from, an exchange format (XML, JSON)."""


class InvalidTextError(DisclosureReportError, ValueError):
    """A string holds a character that XML 1.0 cannot carry (most C0 controls, lone surrogates).

    The model refuses such text so that every report it can hold can be written to XML
    and read back unchanged. Parsers remove these characters and say so in a diagnostic.
    """
