"""Reading published reports into the model.

Every entry point returns a :class:`ParseResult`: the report, and the parser's own findings
(a cell it could not read, a label it did not know, a missing section) as ``P1.x``
diagnostics pointing at the place they come from. They raise :class:`ParseError` only when
the input is not a report at all, or not a form read here.

Each form has a reader module producing the same raw document (paragraphs, and tables as
grids of positioned cells): ``text.py`` (text extractions of Word files), ``html.py`` (web
pages), ``docx.py`` (Word files), ``pdf/`` (PDFs with a text layer). ``_build`` alone gives
the raw document its meaning against the table declaration, and no report leaves it that
does not fit its edition.
"""

from __future__ import annotations

import os

from attrs import frozen

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.errors import ParseError
from disclosure_report.model import Report

from ._build import build
from ._detect import Form, decode_text, detect, text_form
from ._raw import RawDocument
from .crawler import read_crawler
from .docx import read_docx
from .html import read_html
from .markdown import read_markdown
from .pdf import read_pdf
from .text import read_text

__all__ = [
    "MAX_INPUT_BYTES",
    "Form",
    "ParseResult",
    "parse_bytes",
    "parse_docx",
    "parse_file",
    "parse_html",
    "parse_pdf",
    "parse_text",
]

MAX_INPUT_BYTES = 50 * 1024 * 1024
"""Inputs larger than this are refused: no annual report comes near it."""


@frozen
class ParseResult:
    """What parsing gives: the report and the parser's findings about the input."""

    report: Report
    diagnostics: tuple[Diagnostic, ...]


def _result(document: RawDocument) -> ParseResult:
    report, diagnostics = build(document)
    return ParseResult(report=report, diagnostics=tuple(diagnostics))


_TEXT_READERS = {Form.TEXT: read_text, Form.CRAWLER: read_crawler, Form.MARKDOWN: read_markdown}


def parse_text(text: str) -> ParseResult:
    """Parse a report from text: a Word extraction, crawler text or converter Markdown.

    The form is recognised from the text: Markdown by its pipe tables, crawler text by its
    header block or by table rows flattened into lines (labels followed by runs of digits,
    whose cells are recovered from the tables' arithmetic); anything else is read as a text
    extraction of a Word file (one cell per tab-indented line).

    Args:
        text: the whole text, decoded.

    Returns:
        The report and the parser's diagnostics.

    Raises:
        ParseError: the text holds no section of an annual report.
    """
    if not isinstance(text, str):
        msg = f"parse_text takes str, not {type(text).__name__}; use parse_bytes for bytes"
        raise ParseError(msg)
    return _result(_TEXT_READERS[text_form(text)](text))


def parse_html(page: bytes | str) -> ParseResult:
    """Parse a report from an HTML page or fragment (bytes: the encoding is found in them).

    Raises:
        ParseError: the page holds no annual report.
    """
    if not isinstance(page, bytes | str):
        msg = f"parse_html takes bytes or str, not {type(page).__name__}"
        raise ParseError(msg)
    return _result(read_html(page))


def parse_docx(data: bytes) -> ParseResult:
    """Parse a report from a Word file (.docx) given as bytes.

    Raises:
        ParseError: the bytes are not a readable Word file, or it holds no annual report.
    """
    if not isinstance(data, bytes):
        msg = f"parse_docx takes bytes, not {type(data).__name__}"
        raise ParseError(msg)
    return _result(read_docx(data))


def parse_pdf(data: bytes) -> ParseResult:
    """Parse a report from a PDF with a text layer, given as bytes.

    Needs the optional extra: ``pip install "disclosure-report[pdf]"``.

    Raises:
        ParseError: pdfplumber is not installed; the bytes are not a readable PDF (damaged,
            truncated, encrypted, too large); the PDF has no text layer (a scan: OCR is not
            part of this library); or it holds no annual report.
    """
    if not isinstance(data, bytes):
        msg = f"parse_pdf takes bytes, not {type(data).__name__}"
        raise ParseError(msg)
    return _result(read_pdf(data))


def parse_bytes(data: bytes, *, form: Form | str | None = None) -> ParseResult:
    """Parse a report from its bytes, in whatever form it was published.

    Args:
        data: the whole file.
        form: ``"text"``, ``"crawler"``, ``"markdown"``, ``"html"``, ``"docx"`` or ``"pdf"`` to
            skip detection; by default the
            form is found from the content (a zip with ``word/document.xml``, ``%PDF``, markup,
            byte-order marks), never from a file name.

    Raises:
        ParseError: the data is too large, of a kind no reader here reads (a .doc, a
            workbook, an image ...; the message says what to do instead), or holds no report.
    """
    if not isinstance(data, bytes):
        msg = f"parse_bytes takes bytes, not {type(data).__name__}"
        raise ParseError(msg)
    if len(data) > MAX_INPUT_BYTES:
        msg = f"the input is larger than {MAX_INPUT_BYTES // 2**20} MiB"
        raise ParseError(msg)
    if form is None:
        chosen = detect(data)
    elif form in set(Form):
        chosen = Form(form)
    else:
        msg = f"unknown form {form!r}; the forms are {', '.join(f.value for f in Form)}"
        raise ParseError(msg)
    if chosen is Form.DOCX:
        return parse_docx(data)
    if chosen is Form.HTML:
        return parse_html(data)
    if chosen is Form.PDF:
        return parse_pdf(data)
    text = decode_text(data)
    reader = _TEXT_READERS[text_form(text) if form is None else chosen]
    return _result(reader(text))


def parse_file(path: str | os.PathLike[str]) -> ParseResult:
    """Parse a report from a file; its form is found from its content (see :func:`parse_bytes`).

    Raises:
        ParseError: the file cannot be read, is too large, is of a kind no reader here
            reads, or holds no report.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except (OSError, TypeError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        msg = f"cannot read {path!r}: {reason}"
        raise ParseError(msg) from error
    if len(data) > MAX_INPUT_BYTES:
        msg = f"{os.fspath(path)!r} is larger than {MAX_INPUT_BYTES // 2**20} MiB"
        raise ParseError(msg)
    return parse_bytes(data)
