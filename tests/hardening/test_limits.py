"""Each limit of :class:`Limits` is enforced by the reader it concerns, at its boundary.

For every limit: the corpus file at exactly its own measure is read, one less is refused with a
:class:`LimitExceededError` that names the limit, the value and the maximum.
"""

from __future__ import annotations

import io
import pickle
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import disclosure_report as dr
from disclosure_report import DEFAULT_LIMITS, LimitExceededError, Limits, ParseError, ParseResult
from disclosure_report.limits import check
from disclosure_report.parse import parse_bytes, parse_docx, parse_html, parse_pdf, parse_text
from disclosure_report.parse._raw import RawDocument, RawParagraph, RawTable
from disclosure_report.parse.docx import read_docx
from disclosure_report.parse.html import read_html
from disclosure_report.parse.text import read_text

from . import attacks as a

DOCS = Path(__file__).parents[2] / "docs"
SEED_BYTES = a.SEED_TEXT.encode("utf-8")
HTML_TEXT = a.HTML_PAGE.decode("utf-8")
LIMITS = tuple(attrs.fields_dict(Limits))


def _longest(texts: list[str]) -> int:
    return max(len(t) for t in texts)


def _paragraphs(document: RawDocument) -> list[str]:
    return [b.text for b in document.blocks if isinstance(b, RawParagraph)]


def _raw_tables(document: RawDocument) -> list[RawTable]:
    return [b for b in document.blocks if isinstance(b, RawTable)]


def _cells(document: RawDocument) -> list[str]:
    return [c.text for t in _raw_tables(document) for r in t.rows for c in r.cells]


def _slots(document: RawDocument) -> int:
    return sum(
        len(t.rows) * t.width if t.width is not None else sum(len(r.cells) for r in t.rows)
        for t in _raw_tables(document)
    )


def _tables(document: RawDocument) -> int:
    return len(_raw_tables(document))


def _docx_part(name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(a.DOCX)).read(name)


def _docx_unpacked() -> int:
    parts = ("word/document.xml", "word/numbering.xml", "word/styles.xml")
    names = zipfile.ZipFile(io.BytesIO(a.DOCX)).namelist()
    read = [p for p in parts if p in names]
    if "word/numbering.xml" not in names:
        read = ["word/document.xml"]
    return sum(len(_docx_part(p)) for p in read)


def _docx_ratio() -> int:
    info = zipfile.ZipFile(io.BytesIO(a.DOCX)).getinfo("word/document.xml")
    return info.file_size // max(info.compress_size, 1024)


def _docx_elements() -> int:
    from lxml import etree

    return sum(1 for _ in etree.fromstring(_docx_part("word/document.xml")).iter())


def _docx_depth() -> int:
    from lxml import etree

    root = etree.fromstring(_docx_part("word/document.xml"))
    return 1 + max(sum(1 for _ in e.iterancestors()) for e in root.iter())


def _html_depth() -> int:
    from lxml import etree

    root = etree.fromstring(HTML_TEXT, etree.HTMLParser())
    return 1 + max(sum(1 for _ in e.iterancestors()) for e in root.iter())


PDF = (a.CORPUS / "002.pdf").read_bytes()


def _pdf_pages() -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(PDF)) as document:
        return len(document.pages)


# Each limit: how much of it the carrier file has, and how to read the carrier.
_CASES: dict[str, tuple[Callable[[], int], Callable[[Limits], ParseResult]]] = {
    "max_input_bytes": (lambda: len(SEED_BYTES), lambda lim: parse_bytes(SEED_BYTES, limits=lim)),
    "max_text_chars": (lambda: len(a.SEED_TEXT), lambda lim: parse_text(a.SEED_TEXT, limits=lim)),
    "max_lines": (
        lambda: a.SEED_TEXT.count("\n") + (not a.SEED_TEXT.endswith("\n")),
        lambda lim: parse_text(a.SEED_TEXT, limits=lim),
    ),
    "max_paragraph_chars": (
        lambda: _longest(_paragraphs(read_text(a.SEED_TEXT))),
        lambda lim: parse_text(a.SEED_TEXT, limits=lim),
    ),
    "max_cell_chars": (
        lambda: _longest(_cells(read_html(HTML_TEXT))),
        lambda lim: parse_html(HTML_TEXT, limits=lim),
    ),
    "max_cells": (
        lambda: _slots(read_html(HTML_TEXT)),
        lambda lim: parse_html(HTML_TEXT, limits=lim),
    ),
    "max_tables": (lambda: _tables(read_docx(a.DOCX)), lambda lim: parse_docx(a.DOCX, limits=lim)),
    "max_xml_elements": (_docx_elements, lambda lim: parse_docx(a.DOCX, limits=lim)),
    "max_xml_depth": (_docx_depth, lambda lim: parse_docx(a.DOCX, limits=lim)),
    "max_html_depth": (_html_depth, lambda lim: parse_html(HTML_TEXT, limits=lim)),
    "max_docx_entries": (
        lambda: len(zipfile.ZipFile(io.BytesIO(a.DOCX)).namelist()),
        lambda lim: parse_docx(a.DOCX, limits=lim),
    ),
    "max_docx_uncompressed_bytes": (_docx_unpacked, lambda lim: parse_docx(a.DOCX, limits=lim)),
    "max_docx_compression_ratio": (_docx_ratio, lambda lim: parse_docx(a.DOCX, limits=lim)),
    "max_pdf_pages": (_pdf_pages, lambda lim: parse_pdf(PDF, limits=lim)),
}


def test_every_limit_has_a_case_here() -> None:
    assert set(_CASES) == set(LIMITS)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_a_limit_reads_its_measure_and_refuses_one_more(name: str) -> None:
    measure, read = _CASES[name]
    value = measure()
    assert value > 1
    read(attrs.evolve(DEFAULT_LIMITS, **{name: value}))
    with pytest.raises(LimitExceededError) as caught:
        read(attrs.evolve(DEFAULT_LIMITS, **{name: value - 1}))
    error = caught.value
    assert error.limit == name
    assert error.maximum == value - 1
    assert error.value >= value
    assert name in str(error)
    assert f"{value - 1:,}" in str(error)


@pytest.mark.parametrize("name", sorted(_CASES))
def test_the_defaults_read_the_corpus_with_room_to_spare(name: str) -> None:
    measure, _ = _CASES[name]
    assert measure() * 5 <= getattr(DEFAULT_LIMITS, name)


def test_a_limit_exceeded_is_a_parse_error_and_pickles_as_itself() -> None:
    error = LimitExceededError("max_cells", 300_000, 200_000, "the tables (cells)")
    assert isinstance(error, ParseError)
    assert isinstance(error, dr.DisclosureReportError)
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is LimitExceededError
    assert (back.limit, back.value, back.maximum, back.what, str(back)) == (
        "max_cells",
        300_000,
        200_000,
        "the tables (cells)",
        str(error),
    )
    assert "300,000" in str(error)
    assert "200,000" in str(error)
    assert "max_cells" in str(error)


@pytest.mark.parametrize("name", LIMITS)
def test_every_limit_says_what_it_measures(name: str) -> None:
    with pytest.raises(LimitExceededError) as caught:
        check(attrs.evolve(DEFAULT_LIMITS, **{name: 1}), name, 2)
    assert re.match(r"\w", caught.value.what)
    assert caught.value.what != "the input" or name == "max_input_bytes"


@pytest.mark.parametrize("bad", [0, -1])
def test_a_limit_below_one_is_a_value_error(bad: int) -> None:
    with pytest.raises(ValueError, match="max_cells"):
        Limits(max_cells=bad)


@pytest.mark.parametrize("bad", ["5", 5.0, True, None])
def test_a_limit_that_is_not_an_int_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="max_lines"):
        Limits(max_lines=bad)  # type: ignore[arg-type]


def test_limits_are_frozen_and_keyword_only() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        DEFAULT_LIMITS.max_cells = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        Limits(1)  # type: ignore[call-arg]


def test_the_facade_exports_the_limits() -> None:
    assert dr.Limits is Limits
    assert Limits() == dr.DEFAULT_LIMITS
    assert dr.LimitExceededError is LimitExceededError


def test_the_security_page_lists_every_limit_with_its_default() -> None:
    page = (DOCS / "explanation" / "security.md").read_text(encoding="utf-8")
    for name in LIMITS:
        default = getattr(DEFAULT_LIMITS, name)
        row = next((line for line in page.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"{name} is not on the security page"
        shown = {f"{default:,}", str(default), f"{default // 2**20} MiB"}
        assert any(s in row for s in shown), f"{name}: {row}"
