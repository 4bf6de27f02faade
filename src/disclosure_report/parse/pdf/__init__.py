"""Reader for PDFs with a text layer (WPS and Word exports), through pdfplumber.

pdfplumber is the optional extra ``disclosure-report[pdf]``: importing this package does not
need it; reading a PDF without it raises :class:`~disclosure_report.errors.ParseError`
saying how to install it.

What it reads, page by page (pdfminer's layout objects, walked once, :mod:`._page`; each
page read down to its tables and lines of text before the next is laid out, so that no
glyph outlives its page and a long document is held in a small multiple of its size):

* tables drawn with ruling lines as grids of merged cells (:mod:`._grid`);
* tables drawn without ruling lines, or with only some, from the positions of their text
  (:mod:`._unruled`: the header by :mod:`._header`, the rows by :mod:`._rows`), a cell the
  positions do not prove left blank with a finding;
* page numbers, running headers and footers removed (:mod:`._furniture`);
* running text as paragraphs, lines joined as the publisher wrote them, a table
  continued on the next page joined into one with a label or row cut by the page break
  made whole (:mod:`._flow`, :mod:`._join`).

What it refuses, with a :class:`~disclosure_report.errors.ParseError`: a file that is not a
readable PDF (damaged, truncated, random bytes behind a ``%PDF`` header), an encrypted PDF
that needs a password, a PDF with more than
:attr:`~disclosure_report.limits.Limits.max_pdf_pages` pages or a page content
stream larger than :data:`MAX_CONTENT_BYTES`, and a PDF without a text layer (a scan: OCR is
not part of this library). Characters a font cannot map to Unicode read as U+FFFD, with a
finding, and no number is read from a cell printed in such a font. A font is found to have
no usable map once every page is read; when it also printed characters that did map, the
pages are read again with those as U+FFFD too (such a file is read twice).
"""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from attrs import define

from disclosure_report.diagnostics import Location
from disclosure_report.errors import ParseError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.parse._raw import RawDocument, diagnostic

from ._chunks import TextPage
from ._flow import Item, blocks
from ._furniture import furniture
from ._grid import Grid, ruled_grids
from ._page import UNMAPPED, Page, load_page
from ._text import Line, lines_of
from ._unruled import unruled_tables

if TYPE_CHECKING:
    from types import ModuleType

    from pdfminer.pdftypes import PDFStream
    from pdfplumber.page import Page as PlumberPage
    from pdfplumber.pdf import PDF

__all__ = ["MAX_CONTENT_BYTES", "read_pdf"]

MAX_CONTENT_BYTES: Final = 16 * 1024 * 1024
"""Largest decoded content stream of one page (a report page needs well under 100 KiB)."""
INSTALL: Final = 'reading PDFs needs pdfplumber: pip install "disclosure-report[pdf]"'

UNMAPPED_FONT: Final = "P1.30"
IMAGE_PAGE: Final = "P1.31"
TABLE_JOINED: Final = "P1.32"
FURNITURE: Final = "P1.6"

_SCAN_SHARE: Final = 0.3
"""A page without text whose images cover this share of it is a scanned page."""
_GARBAGE_SHARE: Final = 0.2
"""A font with this share of its glyphs unmapped has no usable Unicode map at all."""


# pdfminer logs what it makes of a damaged or unusual file (``Could not get FontBBox``, some
# hundred lines for one PDF printed by Chromium). With no handler of its own, Python prints a
# library's warnings to standard error when the program has configured no logging: this
# handler stops that, as the logging guide asks of libraries, and a program that configures
# logging still receives them.
_PDFMINER_LOG: Final = logging.getLogger("pdfminer")
if not any(isinstance(h, logging.NullHandler) for h in _PDFMINER_LOG.handlers):
    _PDFMINER_LOG.addHandler(logging.NullHandler())


def _pdfplumber() -> ModuleType:
    try:
        import pdfplumber  # noqa: PLC0415 - the optional dependency, imported on use
    except ImportError as error:
        raise ParseError(INSTALL) from error
    return pdfplumber


def _cause(error: BaseException) -> BaseException:
    """The pdfminer exception pdfplumber wraps."""
    inner = error.args[0] if error.args else None
    return inner if isinstance(inner, BaseException) else error


def _open(data: bytes) -> PDF:
    pdfplumber = _pdfplumber()
    if b"%%EOF" not in data[-4096:]:
        msg = (
            "the PDF is truncated or damaged: it has no end-of-file marker (%%EOF); "
            "download or save it again"
        )
        raise ParseError(msg)
    try:
        document: PDF = pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfminer raises many kinds for a damaged file
        cause = _cause(error)
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            msg = (
                "the PDF is encrypted and needs a password to be opened; save an "
                "unprotected copy (print to PDF, or 另存为 without a password) and read that"
            )
            raise ParseError(msg) from error
        msg = f"the PDF cannot be read: it is damaged or not a PDF ({name}: {cause})"
        raise ParseError(msg) from error
    return document


def _streams(page: PlumberPage) -> list[PDFStream]:
    """A page's content streams."""
    from pdfminer.pdftypes import PDFStream, resolve1  # noqa: PLC0415

    found = (resolve1(reference) for reference in page.page_obj.contents or ())
    return [stream for stream in found if isinstance(stream, PDFStream)]


def _content_size(streams: list[PDFStream]) -> int:
    """Decoded size of a page's content streams, stopping past :data:`MAX_CONTENT_BYTES`."""
    total = 0
    for stream in streams:
        filters = stream.get_filters()
        raw = stream.rawdata if stream.rawdata is not None else stream.data or b""
        if not filters:
            total += len(raw)
        elif [str(getattr(f, "name", f)) for f, _ in filters] == ["FlateDecode"]:
            inflater = zlib.decompressobj()
            try:
                total += len(inflater.decompress(raw, MAX_CONTENT_BYTES + 1 - total))
            except zlib.error:
                continue  # pdfminer reads what it can of a damaged stream
        else:
            total += len(raw)
        if total > MAX_CONTENT_BYTES:
            break
    return total


def _pages(document: PDF, limits: Limits, unmapped: frozenset[str]) -> Iterator[Page]:
    try:
        pages = document.pages
        count = len(pages)
    except Exception as error:
        msg = f"the PDF's page tree cannot be read: {_cause(error)}"
        raise ParseError(msg) from error
    check(limits, "max_pdf_pages", count)
    for number, page in enumerate(pages, start=1):
        streams: list[tuple[PDFStream, bytes | None]] = []
        try:
            streams = [(s, s.rawdata) for s in _streams(page)]
            if _content_size([s for s, _ in streams]) > MAX_CONTENT_BYTES:
                msg = (
                    f"page {number} of the PDF draws more than "
                    f"{MAX_CONTENT_BYTES // 2**20} MiB of content: not a report page"
                )
                raise ParseError(msg)
            loaded = load_page(page.layout, number, unmapped)
        except ParseError:
            raise
        except Exception as error:
            msg = f"page {number} of the PDF cannot be read: {_cause(error)}"
            raise ParseError(msg) from error
        finally:
            page.close()
            # pdfminer keeps each stream it decoded, for as long as the document is open: a
            # page's content, decoded, is several times its bytes in the file. Once the page
            # is read, its streams go back to their bytes as stored.
            for stream, stored in streams:
                if stored is not None and stream.rawdata is None:
                    stream.data = None
                    stream.rawdata = stored
        yield loaded


@define
class _Read:
    """One page once read: its ruled tables and its lines of text, no longer its glyphs."""

    page: Page
    """The page, its glyphs let go (:attr:`Page.glyphs` is empty)."""
    grids: list[Grid]
    lines: list[Line]


def _read(page: Page) -> _Read:
    """The ruled tables and the other lines of a page; its glyphs are let go.

    A page holds a glyph object for each character printed (a compact PDF spends a byte or
    two on one): reading each page down to its lines before the next is laid out keeps a
    long document in a small multiple of its size.
    """
    grids, used = ruled_grids(page)
    lines = lines_of(
        g
        for g in page.glyphs
        if id(g) not in used
        and g.x1 > 0
        and g.x0 < page.width
        and g.bottom > 0
        and g.top < page.height
    )
    page.glyphs = []
    return _Read(page, grids, lines)


def _read_all(data: bytes, limits: Limits, unmapped: frozenset[str]) -> list[_Read]:
    """Every page of the PDF, read one after the other."""
    document = _open(data)
    try:
        return [_read(page) for page in _pages(document, limits, unmapped)]
    finally:
        # Closing walks the page tree again: when that is what is damaged, it raises again
        # and would hide the ParseError that says so (found by fuzzing).
        with contextlib.suppress(Exception):
            document.close()
        del document
        # pdfminer's objects refer to one another: freed only by the cyclic collector, which
        # is paused while a report is read. Its youngest generation holds what this reading
        # made (nothing older is walked): collected now, the document does not outlive it.
        gc.collect(0)


def _unmapped(pages: list[Page]) -> frozenset[str]:
    """Fonts without a usable Unicode map: nothing printed in them is read."""
    glyphs: dict[str, int] = {}
    garbage: dict[str, int] = {}
    broken: set[str] = set()
    for page in pages:
        broken |= page.broken_fonts
        for font, count in page.font_glyphs.items():
            glyphs[font] = glyphs.get(font, 0) + count
        for font, count in page.font_garbage.items():
            garbage[font] = garbage.get(font, 0) + count
    return frozenset(
        font
        for font in glyphs
        if font in broken or garbage.get(font, 0) > _GARBAGE_SHARE * glyphs[font]
    )


def _unreadable(page: Page, unmapped: frozenset[str]) -> int:
    """Glyphs of the page that read as U+FFFD: all of an unmapped font's, the others' garbage."""
    return sum(
        count if font in unmapped else page.font_garbage.get(font, 0)
        for font, count in page.font_glyphs.items()
    )


def read_pdf(data: bytes, limits: Limits = DEFAULT_LIMITS) -> RawDocument:
    """Read a PDF with a text layer into paragraphs and grid tables.

    Raises:
        ParseError: pdfplumber is not installed; the file is not a readable PDF, is
            encrypted, too large, or has no text layer (a scan).
        LimitExceededError: it has more than :attr:`Limits.max_pdf_pages` pages.
    """
    read = _read_all(data, limits, frozenset())
    raw = RawDocument()
    if not read:
        msg = "the PDF has no pages"
        raise ParseError(msg)
    pages = [r.page for r in read]
    unmapped = _unmapped(pages)
    total = sum(sum(p.font_glyphs.values()) for p in pages)
    unreadable = sum(_unreadable(p, unmapped) for p in pages)
    scanned = [p.number for p in pages if not p.font_glyphs and p.image_share >= _SCAN_SHARE]
    if total == 0 or unreadable > 0.5 * total:
        what = (
            "has no text layer: it is a scan or pictures of pages"
            if total == 0
            else "prints its text in fonts without a Unicode map, so the text cannot be read"
        )
        msg = f"the PDF {what}; OCR is not part of this library: read a text, HTML, DOCX or text-layer PDF form of the report"
        raise ParseError(msg)
    if unreadable > sum(sum(p.font_garbage.values()) for p in pages):
        # A font found unmapped only once every page was read also printed characters that
        # did map: read the pages again, every character of that font as U+FFFD.
        read = _read_all(data, limits, unmapped)
    for number in scanned:
        raw.diagnostics.append(
            diagnostic(
                IMAGE_PAGE,
                f"page {number} is an image without a text layer (a scanned page?): "
                "what it shows was not read (OCR is not part of this library)",
                Location(),
            )
        )
    if unmapped or any(p.font_garbage for p in pages):
        affected = sorted(
            {
                n
                for p in pages
                for n in ([p.number] if p.font_garbage or unmapped & set(p.font_glyphs) else [])
            }
        )
        names = sorted(unmapped) or sorted({f for p in pages for f in p.font_garbage})
        raw.diagnostics.append(
            diagnostic(
                UNMAPPED_FONT,
                f"font(s) {', '.join(names)} print characters without a Unicode map (pages "
                f"{', '.join(map(str, affected))}): they read as {UNMAPPED!r}, and no number "
                "is read from a cell printed in them",
                Location(),
            )
        )
    removed = furniture([(r.page.height, r.lines) for r in read])
    shown: list[str] = []
    text_pages: list[TextPage] = []
    for page, dropped in zip(read, removed, strict=True):
        shown.extend(page.lines[i].text for i in sorted(dropped))
        text_pages.append(
            TextPage(
                page.page.number,
                [line for i, line in enumerate(page.lines) if i not in dropped],
                [r for r in page.page.rules if r.horizontal],
                [(g.top, g.bottom) for g in page.grids],
            )
        )
    unruled = unruled_tables(text_pages)
    laid_out: list[tuple[int, list[Item]]] = []
    for page, text, found, used in zip(read, text_pages, unruled.grids, unruled.used, strict=True):
        kept = [line for i, line in enumerate(text.lines) if i not in used]
        items: list[Item] = [*page.grids, *found, *kept]
        items.sort(key=lambda item: item.top)
        laid_out.append((page.page.number, items))
    raw.diagnostics.extend(diagnostic(f.code, f.message, f.location) for f in unruled.findings)
    if shown:
        sample = ", ".join(repr(t) for t in shown[:3])
        raw.diagnostics.append(
            diagnostic(
                FURNITURE,
                f"{len(shown)} page number(s), running header(s) or footer(s) removed ({sample}"
                f"{' …' if len(shown) > 3 else ''})",
                Location(),
            )
        )
    raw.blocks, joined = blocks(laid_out, unmapped)
    for what in joined:
        raw.diagnostics.append(
            diagnostic(
                TABLE_JOINED, f"a table continued across pages was joined: {what}", Location()
            )
        )
    return raw
