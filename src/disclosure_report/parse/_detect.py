"""What an input is, from its bytes (never from a file name), and the text of a text input.

Readable forms: a Word file (a zip holding ``word/document.xml``), a PDF (``%PDF``), an HTML
page or fragment (markup), and text (UTF-8, UTF-16 with its byte-order mark as Word's
"Unicode text" writes it, GB18030/GBK). Everything else that can be recognised gets a
:class:`~disclosure_report.errors.ParseError` that names it and says what to do instead.
"""

from __future__ import annotations

import enum
import io
import lzma
import re
import struct
import zipfile
import zlib
from typing import Final

from disclosure_report.errors import ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check

from .crawler import is_crawler_text
from .markdown import is_markdown

__all__ = ["ZIP_ERRORS", "Form", "decode_text", "detect", "open_zip", "text_form"]

ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,  # an encrypted entry; NotImplementedError: a compression zipfile lacks
    struct.error,
    zlib.error,
    lzma.LZMAError,
)
"""What reading a damaged zip archive can raise (a damaged deflate stream is a zlib.error)."""


class Form(enum.StrEnum):
    """A form a report is published in, that this library reads."""

    TEXT = "text"
    """A text extraction (``.txt``): UTF-8, UTF-16 or GB18030."""
    HTML = "html"
    """A web page or an HTML fragment."""
    DOCX = "docx"
    """A Word 2007+ file (WordprocessingML)."""
    PDF = "pdf"
    """A PDF with a text layer."""
    CRAWLER = "crawler"
    """A web page's text as a crawler saves it: table rows flattened, cell boundaries lost."""
    MARKDOWN = "markdown"
    """Markdown from a PDF converter, or an OCR or model dump, with pipe tables."""


_OLE2: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES: Final = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
)
_MARKUP: Final = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|p|div|table|span|"
    rb"h[1-6]|section|article|center|font|br|style|script|link)[\s>/]",
    re.I | re.S,
)
_UTF16_BOMS: Final = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


_END: Final = b"PK\x05\x06"
_END64_LOCATOR: Final = b"PK\x06\x07"
_END64: Final = b"PK\x06\x06"
_LONGEST_COMMENT: Final = 0xFFFF


def _declared_entries(data: bytes) -> int:
    """The entry count a zip archive's end record declares (0 when none is found).

    Read before the archive is opened, so that an archive of a million entries is refused
    without building a million entry records.
    """
    end = data.rfind(_END, max(0, len(data) - 22 - _LONGEST_COMMENT))
    if end < 0 or end + 22 > len(data):
        return 0
    (count,) = struct.unpack_from("<H", data, end + 10)
    locator = end - 20
    if count == 0xFFFF and locator >= 0 and data.startswith(_END64_LOCATOR, locator):
        (offset,) = struct.unpack_from("<Q", data, locator + 8)
        if offset + 56 <= len(data) and data.startswith(_END64, offset):
            (count,) = struct.unpack_from("<Q", data, offset + 32)
    return int(count)


def open_zip(data: bytes, limits: Limits, what: str) -> zipfile.ZipFile:
    """Open a zip archive held in memory, refusing one with too many entries.

    Raises:
        ParseError: the archive is damaged (``what`` names what it should have been).
        LimitExceededError: it has more than :attr:`Limits.max_docx_entries` entries.
    """
    check(limits, "max_docx_entries", _declared_entries(data))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except ZIP_ERRORS as error:
        msg = f"the file is a damaged or incomplete zip archive ({error}); {what} cannot be read"
        raise ParseError(msg) from error
    entries = archive.infolist()
    check(limits, "max_docx_entries", len(entries))
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ".." in name.split("/") or re.match(r"[A-Za-z]:", name):
            archive.close()
            msg = (
                f"the zip archive holds an entry named {entry.filename[:200]!r}, a path out of "
                "the archive (a zip-slip attack): no Word file has one, so it is not read"
            )
            raise ParseError(msg)
    return archive


def _zip_kind(data: bytes, limits: Limits) -> Form:
    with open_zip(data, limits, "a .docx") as archive:
        names = set(archive.namelist())
        try:
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as handle:
                    mimetype = handle.read(100)
        except ZIP_ERRORS as error:
            msg = f"the file is a damaged zip archive ({error}); a .docx cannot be read"
            raise ParseError(msg) from error
    if "word/document.xml" in names:
        return Form.DOCX
    if "xl/workbook.xml" in names:
        what = "an Excel workbook (.xlsx)"
    elif "ppt/presentation.xml" in names:
        what = "a PowerPoint file (.pptx)"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        what = "an OpenDocument text file (.odt)"
    elif any(n.lower().endswith((".docx", ".pdf", ".html", ".txt")) for n in names):
        what = "a zip archive of several files"
    else:
        what = "a zip archive that is not a Word file"
    msg = f"the file is {what}; save the report as .docx, PDF, HTML or text and read that"
    raise ParseError(msg)


def detect(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Form:
    """The form of ``data``, from its content.

    Raises:
        ParseError: the data is a kind of file no reader here reads (a .doc, a workbook, an
            image, RTF ...) or is binary of no known kind.
    """
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data, limits)
    if b"%PDF-" in data[:1024]:
        return Form.PDF
    if data.startswith(_OLE2):
        msg = (
            "the file is an old Office file (.doc, .xls or .wps, OLE2): save it as .docx "
            "(Word or WPS: 另存为 .docx) and read that"
        )
        raise ParseError(msg)
    for magic, what in _IMAGES:
        if data.startswith(magic):
            msg = f"the file is {what}: OCR is not part of this library; read a text, HTML, DOCX or PDF form of the report"
            raise ParseError(msg)
    if data.lstrip().startswith(b"{\\rtf"):
        msg = "the file is RTF: save it as .docx and read that"
        raise ParseError(msg)
    text = decode_text(data)
    if _MARKUP.match(text[:4096].encode("utf-8", errors="replace")):
        return Form.HTML
    return text_form(text)


def text_form(text: str) -> Form:
    """The form of a decoded text: Markdown, crawler text, or a Word text extraction."""
    if is_markdown(text):
        return Form.MARKDOWN
    if is_crawler_text(text):
        return Form.CRAWLER
    return Form.TEXT


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode_text(data: bytes) -> str:
    """Decode a text input: a UTF-16 or UTF-8 byte-order mark, else UTF-8, else GB18030.

    Raises:
        ParseError: the bytes are binary, or text in no encoding known here.
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding)
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(data[3:], "utf-8")
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        try:
            text = data.decode(guessed)
        except UnicodeDecodeError:
            text = ""
        sample = text[:2000]
        if sample and sum(c.isprintable() or c in "\t\n\r" for c in sample) >= 0.95 * len(sample):
            return text
    if b"\x00" in data[:4096]:
        msg = "the file is binary, of no kind this library reads (text, HTML, DOCX or PDF)"
        raise ParseError(msg)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    msg = "the file is neither UTF-8, UTF-16 nor GB18030 text"
    raise ParseError(msg)


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        msg = f"the file says it is {encoding} but is not: {error.reason} at byte {error.start}"
        raise ParseError(msg) from error
