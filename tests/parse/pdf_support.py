"""Helpers for the PDF reader's tests: the optional dependency, and PDFs written by hand.

The PDF tests need pdfplumber (the ``[pdf]`` extra) and reportlab (the ``[test]`` extra).
Where they are missing the tests are skipped, except under CI (``CI`` set), where a missing
package fails them: CI installs both, and a skipped PDF test there would hide a broken
install step.
"""

from __future__ import annotations

import importlib.util
import io
import os
from dataclasses import dataclass
from typing import Literal

import pytest

PAD = 3.0
"""Space between a drawn cell's border and its text (``pdf_form.py``)."""

Rules = Literal["all", "none", "horizontal", "frame", "rows", "labels"]
"""Which ruling lines a table is drawn with: every cell's border, none, the horizontal
borders only (a table ruled across but not down), only a frame around the table, the frame
and the horizontal borders (rows ruled, columns not), or those and one line down after the
label columns (the value columns not ruled apart)."""
RULES: tuple[Rules, ...] = ("all", "none", "horizontal", "frame", "rows", "labels")


@dataclass(frozen=True)
class Style:
    """How cells are set: vertically (labels and headers; values), values across, padding."""

    valign: Literal["top", "middle", "bottom"] = "middle"
    value_valign: Literal["top", "middle", "bottom"] | None = None
    """Values set otherwise than labels (None: the same way)."""
    value_halign: Literal["left", "centre", "right"] = "centre"
    pad: float = PAD
    """Space between a cell's border and its text, above, below and at the sides."""


def require(*modules: str) -> None:
    """Skip (or, under CI, fail) unless every module can be imported."""
    missing = [m for m in modules if importlib.util.find_spec(m) is None]
    if not missing:
        return
    why = f"needs {', '.join(missing)} (pip install -e '.[test,pdf]')"
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the PDF tests: {why}")
    pytest.skip(why)


def handmade_pdf(objects: list[bytes], *, root: int = 1) -> bytes:
    """A PDF file of the given objects (object n is ``objects[n - 1]``), with its xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)


def stream(content: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def _helvetica_and_identity(content: bytes, name: bytes, to_unicode: bytes | None) -> bytes:
    """A one-page PDF drawing ``content`` with two fonts: /F1 Helvetica and /F2 ``name``.

    /F2 is a Type0 font with Identity-H encoding and an Identity ordering: its character
    codes say nothing of the characters they draw, but what ``to_unicode`` (a ToUnicode
    CMap, if any) maps.
    """
    cmap = b" /ToUnicode 9 0 R" if to_unicode is not None else b""
    return handmade_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
            b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
            stream(content),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H"
            b" /DescendantFonts [7 0 R]%s >>" % (name, cmap),
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s /DW 600"
            b" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
            b" /FontDescriptor 8 0 R >>" % name,
            b"<< /Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [0 -200 1000 800]"
            b" /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>" % name,
            *([stream(to_unicode)] if to_unicode is not None else []),
        ]
    )


def unmapped_font_table() -> bytes:
    """A page with a ruled 2 x 2 table: labels in Helvetica, numbers in a font with no map.

    The second font has no ToUnicode map: its character codes say nothing of the characters
    they draw.
    """
    content = b"\n".join(
        [
            b"0.5 w 72 600 m 372 600 l S 72 630 m 372 630 l S 72 660 m 372 660 l S",
            b"72 600 m 72 660 l S 222 600 m 222 660 l S 372 600 m 372 660 l S",
            b"BT /F1 12 Tf 80 640 Td (Received) Tj ET",
            b"BT /F1 12 Tf 80 610 Td (Carried) Tj ET",
            b"BT /F2 12 Tf 230 640 Td <00140015> Tj ET",
            b"BT /F2 12 Tf 230 610 Td <0016> Tj ET",
        ]
    )
    return _helvetica_and_identity(content, b"NoMap", None)


_PART_MAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /PartMap def /CMapType 2 def
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0014> <0031> <0015> <0032> endbfchar
endcmap CMapName currentdict /CMap defineresource pop end end"""


def partly_mapped_font_text() -> bytes:
    """A page of running text: a line in Helvetica, then one in a font mapping only some codes.

    The second font's ToUnicode map gives ``1`` and ``2`` for two codes and nothing for a
    third (pdfminer's ``(cid:22)``), so the font has no usable map: the ``1`` and ``2`` it
    did map may be any characters too. The line prints ``12`` and the unmapped code.
    """
    content = b"\n".join(
        [
            b"BT /F1 12 Tf 72 700 Td (Paragraph in a mapped font.) Tj ET",
            b"BT /F2 12 Tf 72 640 Td <001400150016> Tj ET",
        ]
    )
    return _helvetica_and_identity(content, b"PartMap", _PART_MAP)


def keyword_font_name_text() -> bytes:
    """A line printed in Helvetica and, run on, in a font its descriptor names by a keyword.

    ``/FontName PartMap``: the slash lost, as in a damaged file, so pdfminer gives the font's
    name as a keyword, not a string. The line reads ``Total 12``.
    """
    content = b"BT /F1 12 Tf 72 700 Td (Total ) Tj /F2 12 Tf <00140015> Tj ET"
    named = _helvetica_and_identity(content, b"PartMap", _PART_MAP)
    return named.replace(b"/FontName /PartMap", b"/FontName  PartMap")  # offsets kept


def positioned_pdf(
    pages: list[list[tuple[float, float, str]]],
    *,
    size: float = 9.0,
    rules: list[list[tuple[float, float, float]]] | None = None,
) -> bytes:
    """A PDF printing each text with its left edge at x and its top at y (points, from the top).

    ``pages`` holds each page's texts as ``(x, top, text)``; a text whose ``x`` is negative
    is centred on ``-x``. ``rules`` holds each page's horizontal rules as ``(x0, x1, y)``.
    The font is reportlab's STSong-Light, as in ``pdf_form.py``.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    pdfmetrics.registerFont(UnicodeCIDFont(font))
    height = 842.0
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595.0, height))
    for number, texts in enumerate(pages):
        for at, top, text in texts:
            page.setFont(font, size)
            x = -at - pdfmetrics.stringWidth(text, font, size) / 2 if at < 0 else at
            page.drawString(x, height - top - size * 0.88, text)
        for x0, x1, y in (rules or [])[number] if rules and number < len(rules) else ():
            page.setLineWidth(0.5)
            page.line(x0, height - y, x1, height - y)
        page.showPage()
    page.save()
    return buffer.getvalue()
