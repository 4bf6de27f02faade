"""Every failure the fuzzers found, kept as a test (``tools/fuzz.py`` saves them shrunk).

Each test names what was wrong; the input is the harness's shrunk input, or a small one
built to fail the same way.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from disclosure_report import (
    ParseError,
    SerialiseError,
    from_json,
    parse_bytes,
    parse_html,
    parse_text,
    to_json,
)

from . import attacks as a
from .fuzzing import check_codec, check_parse

CORPUS = Path(__file__).parents[1] / "corpus"

# html: a table whose header row names no column (its rows cut off by the damage) made
# the table stage take the min() of nothing (ValueError, an "internal error").
_HEADER_NAMES_NO_COLUMN = '<p align="center">三、收到和处理政府信息公开申请情况</p><table cellspacing="1"><tr><td style="width:217px;">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</p><tr><td style="width:194px;">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</p'


def test_a_table_whose_header_names_no_column_is_read_by_counting() -> None:
    result = parse_html(_HEADER_NAMES_NO_COLUMN)
    assert result.report.applications is not None
    check_parse(_HEADER_NAMES_NO_COLUMN.encode("utf-8"))


def _damaged_deflate_stream() -> bytes:
    data = bytearray(a.DOCX)
    info = zipfile.ZipFile(io.BytesIO(a.DOCX)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for at in range(start + info.compress_size // 2, start + info.compress_size // 2 + 40):
        data[at] ^= 0x55
    return bytes(data)


def test_a_damaged_deflate_stream_in_a_word_file_is_a_parse_error() -> None:
    # zlib.error is none of the zipfile errors: it escaped the Word reader.
    with pytest.raises(ParseError, match="cannot be read") as caught:
        parse_bytes(_damaged_deflate_stream())
    assert not str(caught.value).startswith("internal error")


def test_json_with_a_column_key_that_is_not_declared_is_refused() -> None:
    # from_json took " items_change" (a space before the key) as a cell and returned a report
    # that does not fit its edition.
    text = to_json(parse_text(a.SEED_TEXT).report)
    assert text.count('"items_change"') > 0
    damaged = text.replace('"items_change"', '" items_change"', 1)
    with pytest.raises(SerialiseError):
        from_json(damaged)
    check_codec(damaged.encode("utf-8"), from_json)


def test_a_pdf_whose_page_tree_is_damaged_is_a_parse_error() -> None:
    # One byte of 001.pdf's font dictionary changed: reading the page tree failed with a
    # ParseError, then closing the document walked the tree again and raised pdfminer's own
    # exception in its place (an "internal error").
    data = (a.CORPUS / "001.pdf").read_bytes()
    assert data[1133:1134] == b">"
    damaged = data[:1133] + b"\x01" + data[1134:]
    with pytest.raises(ParseError, match="page tree") as caught:
        parse_bytes(damaged)
    assert not str(caught.value).startswith("internal error")


def test_a_pdf_behind_a_stray_byte_is_read_and_the_oracle_reads_it_too() -> None:
    """The fuzz oracle took a PDF with a NUL byte before ``%PDF-`` for text, and so found
    every number the reader rightly read "invented"; the reader reads it as a PDF (the header
    may stand anywhere in the first 1024 bytes), and now the oracle does too."""
    pdf = (CORPUS / "001.pdf").read_bytes()
    shifted = b"\x00" + pdf
    assert parse_bytes(shifted).report == parse_bytes(pdf).report
    check_parse(shifted)


def test_a_font_named_by_a_keyword_is_read() -> None:
    # pdf: a font descriptor's /FontName without its slash (a damaged file) made pdfminer name
    # the font by a keyword; the fonts of a line printed in it and another font could not be
    # sorted (TypeError, an "internal error").
    from disclosure_report.parse._raw import RawParagraph
    from disclosure_report.parse.pdf import read_pdf
    from parse.pdf_support import keyword_font_name_text, require

    require("pdfplumber")
    data = keyword_font_name_text()
    texts = [b.text for b in read_pdf(data).blocks if isinstance(b, RawParagraph)]
    assert texts == ["Total 12"]
    check_parse(data)
