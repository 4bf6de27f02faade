"""Reading published reports into the model.

``parse_text`` and ``parse_file`` return a :class:`ParseResult`: the report, and the parser's
own findings (a cell it could not read, a label it did not know, a missing section) as
diagnostics pointing at the line they come from. They raise :class:`ParseError` only when
the input is not a report at all.

Forms read so far: text extractions of Word files (one cell per tab-indented line), the form
of the seed report. Each form has a reader module producing a raw document; ``_build``
gives it meaning against the table declaration.
"""

from __future__ import annotations

import os

from attrs import frozen

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.errors import ParseError
from disclosure_report.model import Report

from ._build import build
from .text import read_text

__all__ = ["ParseResult", "parse_file", "parse_text"]

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are refused: no annual report comes near it."""


@frozen
class ParseResult:
    """What parsing gives: the report and the parser's findings about the input."""

    report: Report
    diagnostics: tuple[Diagnostic, ...]


def parse_text(text: str) -> ParseResult:
    """Parse a report from a text extraction of a Word file.

    Args:
        text: the whole text, decoded.

    Returns:
        The report and the parser's diagnostics.

    Raises:
        ParseError: the text holds no section of an annual report.
    """
    if not isinstance(text, str):
        msg = f"parse_text takes str, not {type(text).__name__}; use parse_file for files and bytes"
        raise ParseError(msg)
    report, diagnostics = build(read_text(text))
    return ParseResult(report=report, diagnostics=tuple(diagnostics))


def decode(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else GB18030 (which covers GBK/GB2312).

    Raises:
        ParseError: the bytes are binary (a Word or PDF file, say) or in no known encoding.
    """
    if b"\x00" in data[:4096]:
        msg = "the file is binary (a .docx, .pdf or image?); only text extractions are read so far"
        raise ParseError(msg)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    msg = "the file is neither UTF-8 nor GB18030 text"
    raise ParseError(msg)


def parse_file(path: str | os.PathLike[str]) -> ParseResult:
    """Parse a report from a file.

    Args:
        path: a text extraction (``.txt``), UTF-8 or GB18030.

    Raises:
        ParseError: the file cannot be read, is too large, is not text, or holds no report.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        msg = f"cannot read {os.fspath(path)!r}: {error.strerror or error}"
        raise ParseError(msg) from error
    if len(data) > MAX_INPUT_BYTES:
        msg = f"{os.fspath(path)!r} is larger than {MAX_INPUT_BYTES // 2**20} MiB"
        raise ParseError(msg)
    return parse_text(decode(data))
