"""How much input the readers take: limits as documented settings, with safe defaults.

A report is small: a text extraction is a few thousand lines, an HTML page under a megabyte,
a Word file's ``document.xml`` a few megabytes, a PDF a few dozen pages, and its three tables
hold about 600 cells. The defaults below leave a wide margin above every real report and keep
any input, however hostile, within seconds of work and a small multiple of its size in
memory. Each limit is checked as early as the input allows (the size before anything is
decoded, a zip's entry count before it is opened, an XML tree's size before it is walked),
and an input over one is refused with a :class:`LimitExceededError` that names the limit,
the value found and the maximum.

Change a limit by passing your own :class:`Limits` to a reader::

    >>> from disclosure_report import Limits, parse_bytes
    >>> roomy = Limits(max_input_bytes=200 * 2**20, max_pdf_pages=2_000)
    >>> parse_bytes(data, limits=roomy)                           # doctest: +SKIP

A number of a report never has more than
:data:`~disclosure_report.conformance.MAX_NUMBER_DIGITS` digits: that bound belongs to the
model, not to the reader, and is not a setting.

This module imports nothing of ours but :mod:`disclosure_report.errors`.
"""

from __future__ import annotations

from typing import Final

import attrs
from attrs import frozen

from disclosure_report.errors import LimitExceededError

__all__ = ["DEFAULT_LIMITS", "LimitExceededError", "Limits", "check"]

_MiB: Final = 2**20


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"Limits.{attribute.name} must be an int, not {type(value).__name__}"
        raise TypeError(msg)
    if value < 1:
        msg = f"Limits.{attribute.name} must be at least 1, not {value}"
        raise ValueError(msg)


def _limit(default: int) -> int:
    return attrs.field(default=default, validator=_positive)


@frozen(kw_only=True)
class Limits:
    """The most input a reader takes; an input over any limit is refused.

    Every field is a positive ``int``; build a changed copy with :func:`attrs.evolve` or by
    naming the fields to change (the others keep their defaults).
    """

    max_input_bytes: int = _limit(50 * _MiB)
    """A file as given to :func:`~disclosure_report.parse_bytes` or
    :func:`~disclosure_report.parse_file`, in bytes. Word files and PDFs carry pictures, so
    this is the loosest limit; the text inside is bounded by the limits below."""

    max_text_chars: int = _limit(5_000_000)
    """A text or HTML input, in characters once decoded (about 15 MB of Chinese in UTF-8; a
    report's page is under a million)."""

    max_lines: int = _limit(200_000)
    """Lines of a text input (the seed report has 700)."""

    max_paragraph_chars: int = _limit(100_000)
    """Characters of one paragraph (a report's longest is a few thousand)."""

    max_cell_chars: int = _limit(100_000)
    """Characters of one table cell (a report's longest label is about 60, but a page laid
    out in a table can hold the whole report in one cell)."""

    max_cells: int = _limit(200_000)
    """Table cells of the whole input, counted as grid slots: rows times columns of every
    table, so a cell merged over many rows and columns counts every slot it covers (a report
    has about 600)."""

    max_tables: int = _limit(1_000)
    """Tables of the whole input (a report has three)."""

    max_xml_elements: int = _limit(2_000_000)
    """Elements of one XML part of a Word file (a report's ``document.xml`` has tens of
    thousands)."""

    max_xml_depth: int = _limit(256)
    """Nesting depth of one XML part of a Word file (a report's is under 30). 256 is also the
    most the XML parser (libxml2) reads: a higher value reads nothing more; a lower one is
    checked after parsing, at a small cost."""

    max_html_depth: int = _limit(256)
    """Nesting depth of an HTML page's elements (a government CMS page's is under 60). 256 is
    also the most the HTML parser (libxml2) reads, as for :attr:`max_xml_depth`."""

    max_docx_entries: int = _limit(10_000)
    """Entries (files) in a Word file's zip archive (a report has under a hundred)."""

    max_docx_uncompressed_bytes: int = _limit(64 * _MiB)
    """The parts of a Word file that are read (``document.xml``, ``numbering.xml``,
    ``styles.xml``), unpacked, together, in bytes."""

    max_docx_compression_ratio: int = _limit(100)
    """Unpacked size of a part read over its packed size (Word's XML packs about 10 to 1; a
    zip bomb thousands to 1). Parts smaller than a kilobyte packed are not held to it."""

    max_pdf_pages: int = _limit(300)
    """Pages of a PDF (a report has under fifty)."""


DEFAULT_LIMITS: Final = Limits()
"""The limits every reader uses unless given others."""


_MEASURED: Final = {
    "max_input_bytes": "the input (bytes)",
    "max_text_chars": "the text (characters)",
    "max_lines": "the text (lines)",
    "max_paragraph_chars": "a paragraph (characters)",
    "max_cell_chars": "a table cell (characters)",
    "max_cells": "the tables (cells, counted as grid slots)",
    "max_tables": "the input (tables)",
    "max_xml_elements": "an XML part of the Word file (elements)",
    "max_xml_depth": "an XML part of the Word file (nesting depth)",
    "max_html_depth": "the HTML page (nesting depth)",
    "max_docx_entries": "the Word file (zip entries)",
    "max_docx_uncompressed_bytes": "the Word file's parts, unpacked (bytes)",
    "max_docx_compression_ratio": "a part of the Word file (compression ratio)",
    "max_pdf_pages": "the PDF (pages)",
}


def check(limits: Limits, name: str, value: int, what: str | None = None) -> None:
    """Refuse ``value`` if it is over the limit called ``name`` (a :class:`Limits` field).

    Args:
        limits: the limits in force.
        name: the field of :class:`Limits`.
        value: what the input has.
        what: what was measured, in words, if more precise than the limit's own description
            (``"the cell at line 12 (characters)"``).

    Raises:
        LimitExceededError: ``value`` is larger than the limit.
    """
    maximum: int = getattr(limits, name)
    if value > maximum:
        raise LimitExceededError(name, value, maximum, what or _MEASURED[name])
