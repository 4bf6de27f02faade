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

import contextlib
import gc
import os
from collections.abc import Callable, Iterator

from attrs import frozen

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.errors import DisclosureReportError, ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.model import Report

from ._build import build
from ._detect import Form, decode_text, detect, text_form
from ._guard import guard
from ._raw import RawDocument
from .crawler import read_crawler
from .docx import read_docx
from .html import decode_html, read_html
from .markdown import read_markdown
from .pdf import read_pdf
from .text import line_count, read_text

__all__ = [
    "MAX_INPUT_BYTES",
    "Form",
    "ParseResult",
    "detect",
    "parse_bytes",
    "parse_docx",
    "parse_file",
    "parse_html",
    "parse_pdf",
    "parse_text",
]

MAX_INPUT_BYTES = DEFAULT_LIMITS.max_input_bytes
"""Inputs larger than this are refused by default (:attr:`Limits.max_input_bytes`)."""

_MOST_BYTES_PER_CHAR = 4
"""UTF-8, UTF-16 and GB18030 spend at most four bytes on a character."""
_AT_LEAST_CHARS = "the text (characters, at least: counted from its bytes before decoding)"


@frozen
class ParseResult:
    """What parsing gives: the report and the parser's findings about the input."""

    report: Report
    diagnostics: tuple[Diagnostic, ...]
    address: str | None = None
    """The address the input says the report was published at, when it says so: a crawler
    page's 原文链接, an HTML page's canonical link (``<link rel="canonical">``,
    ``<meta property="og:url">``). It describes where the input came from, not the report,
    so it is not part of the report (nor of its XML and JSON)."""


def _limits(limits: object) -> Limits:
    if not isinstance(limits, Limits):
        msg = f"limits must be a disclosure_report.Limits, not {type(limits).__name__}"
        raise TypeError(msg)
    return limits


def _bytes(data: object, function: str) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, bytearray | memoryview):
        return bytes(data)
    hint = "; use parse_text for text" if isinstance(data, str) else ""
    msg = f"{function} takes bytes, not {type(data).__name__}{hint}"
    raise TypeError(msg)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a report is read.

    Reading makes an object per line, cell and paragraph and no reference cycles; the
    collector's full passes walk every live object, and would make reading time grow faster
    than the input. Left as it was found (a program that disabled it keeps it disabled).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _result(read: Callable[[], RawDocument], limits: Limits) -> ParseResult:
    """Check the raw document a reader gives, then give it its meaning.

    ``read`` is a reader's call, made here so that a fault of ours inside any reader is a
    :class:`ParseError` that says so (with the fault as its cause), never a stray exception.
    """
    try:
        with _collector_paused():
            document = read()
            guard(document, limits)
            report, diagnostics = build(document)
    except (DisclosureReportError, MemoryError):
        raise
    except Exception as error:
        msg = (
            f"internal error while reading the input ({type(error).__name__}: {error}); "
            "please report it with the file"
        )
        raise ParseError(msg) from error
    return ParseResult(report=report, diagnostics=tuple(diagnostics), address=document.address)


_TEXT_READERS: dict[Form, Callable[[str, Limits], RawDocument]] = {
    Form.TEXT: read_text,
    Form.CRAWLER: lambda text, _: read_crawler(text),
    Form.MARKDOWN: read_markdown,
}


def _read_text_form(text: str, form: Form, limits: Limits) -> ParseResult:
    check(limits, "max_text_chars", len(text))
    check(limits, "max_lines", line_count(text))
    reader = _TEXT_READERS[form]
    return _result(lambda: reader(text, limits), limits)


def parse_text(text: str, *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a report from text: a Word extraction, crawler text or converter Markdown.

    The form is recognised from the text: Markdown by its pipe tables (or tables written in
    HTML), crawler text by its header block or by table rows flattened into lines (labels
    followed by runs of digits, whose cells are recovered from the tables' arithmetic);
    anything else is read as a text extraction of a Word file (one cell per tab-indented
    line).

    Args:
        text: the whole text, decoded.
        limits: the most input read (:class:`~disclosure_report.limits.Limits`).

    Returns:
        The report and the parser's diagnostics.

    Raises:
        ParseError: the text holds no section of an annual report.
        LimitExceededError: the text is over a limit (a :class:`ParseError` too).
        TypeError: ``text`` is not a ``str`` (bytes go to :func:`parse_bytes`).
    """
    if not isinstance(text, str):
        hint = "; use parse_bytes for bytes" if isinstance(text, bytes | bytearray) else ""
        msg = f"parse_text takes str, not {type(text).__name__}{hint}"
        raise TypeError(msg)
    limits = _limits(limits)
    check(limits, "max_text_chars", len(text))
    return _read_text_form(text, text_form(text), limits)


def parse_html(page: bytes | str, *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a report from an HTML page or fragment (bytes: the encoding is found in them).

    Raises:
        ParseError: the page holds no annual report.
        LimitExceededError: the page is over a limit (a :class:`ParseError` too).
        TypeError: ``page`` is neither ``bytes`` nor ``str``.
    """
    limits = _limits(limits)
    if not isinstance(page, str):
        data = _bytes(page, "parse_html")
        check(limits, "max_input_bytes", len(data))
        if len(data) > _MOST_BYTES_PER_CHAR * limits.max_text_chars:
            check(limits, "max_text_chars", len(data) // _MOST_BYTES_PER_CHAR, _AT_LEAST_CHARS)
        page = decode_html(data)
    check(limits, "max_text_chars", len(page))
    text = page
    return _result(lambda: read_html(text, limits), limits)


def parse_docx(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a report from a Word file (.docx) given as bytes.

    Raises:
        ParseError: the bytes are not a readable Word file, or it holds no annual report.
        LimitExceededError: the file is over a limit (a :class:`ParseError` too): too large,
            too many entries, a part too large or too compressed (a zip bomb), too many
            elements or too deep.
        TypeError: ``data`` is not ``bytes``.
    """
    data = _bytes(data, "parse_docx")
    limits = _limits(limits)
    check(limits, "max_input_bytes", len(data))
    return _result(lambda: read_docx(data, limits), limits)


def parse_pdf(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a report from a PDF with a text layer, given as bytes.

    Needs the optional extra: ``pip install "disclosure-report[pdf]"``.

    Raises:
        ParseError: pdfplumber is not installed; the bytes are not a readable PDF (damaged,
            truncated, encrypted); the PDF has no text layer (a scan: OCR is not part of this
            library); or it holds no annual report.
        LimitExceededError: the PDF is over a limit (a :class:`ParseError` too): too large,
            too many pages, too many tables or cells.
        TypeError: ``data`` is not ``bytes``.
    """
    data = _bytes(data, "parse_pdf")
    limits = _limits(limits)
    check(limits, "max_input_bytes", len(data))
    return _result(lambda: read_pdf(data, limits), limits)


def parse_bytes(
    data: bytes, *, form: Form | str | None = None, limits: Limits = DEFAULT_LIMITS
) -> ParseResult:
    """Parse a report from its bytes, in whatever form it was published.

    Args:
        data: the whole file.
        form: ``"text"``, ``"crawler"``, ``"markdown"``, ``"html"``, ``"docx"`` or ``"pdf"`` to
            skip detection; by default the
            form is found from the content (a zip with ``word/document.xml``, ``%PDF``, markup,
            byte-order marks), never from a file name.
        limits: the most input read (:class:`~disclosure_report.limits.Limits`).

    Raises:
        ParseError: the data is of a kind no reader here reads (a .doc, a workbook, an
            image ...; the message says what to do instead), or holds no report.
        LimitExceededError: the data is over a limit (a :class:`ParseError` too).
        TypeError: ``data`` is not ``bytes``, or ``form`` not a string.
    """
    data = _bytes(data, "parse_bytes")
    limits = _limits(limits)
    check(limits, "max_input_bytes", len(data))
    if form is None:
        chosen = detect(data, limits)
    elif not isinstance(form, str):
        msg = f"form must be a Form or a str, not {type(form).__name__}"
        raise TypeError(msg)
    elif form in set(Form):
        chosen = Form(form)
    else:
        msg = f"unknown form {form!r}; the forms are {', '.join(f.value for f in Form)}"
        raise ParseError(msg)
    if chosen is Form.DOCX:
        return parse_docx(data, limits=limits)
    if chosen is Form.HTML:
        return parse_html(data, limits=limits)
    if chosen is Form.PDF:
        return parse_pdf(data, limits=limits)
    if len(data) > _MOST_BYTES_PER_CHAR * limits.max_text_chars:
        check(limits, "max_text_chars", len(data) // _MOST_BYTES_PER_CHAR, _AT_LEAST_CHARS)
    text = decode_text(data)
    return _read_text_form(text, text_form(text) if form is None else chosen, limits)


def parse_file(path: str | os.PathLike[str], *, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Parse a report from a file; its form is found from its content (see :func:`parse_bytes`).

    At most :attr:`Limits.max_input_bytes` and one more byte are read from the file.

    Raises:
        ParseError: the file cannot be read, is of a kind no reader here reads, or holds no
            report.
        LimitExceededError: the file is over a limit (a :class:`ParseError` too).
        TypeError: ``path`` is neither a ``str`` nor an ``os.PathLike``.
    """
    if not isinstance(path, str | os.PathLike):
        msg = f"parse_file takes a path (str or os.PathLike), not {type(path).__name__}"
        raise TypeError(msg)
    limits = _limits(limits)
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_input_bytes + 1)
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        msg = f"cannot read {os.fspath(path)!r}: {reason}"
        raise ParseError(msg) from error
    check(limits, "max_input_bytes", len(data), f"the file {os.fspath(path)!r} (bytes, at least)")
    return parse_bytes(data, limits=limits)
