"""The PDF reader: the corpus PDFs, reports drawn as PDFs read back equal, and refusals.

Reports are drawn by ``pdf_form.py`` (reportlab) from the table declaration, laid out like
the corpus PDFs; each must read back equal to the report it was drawn from, with ruling
lines and without, with a table forced over a page break, header rows repeated there or not.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.errors import ParseError
from disclosure_report.model import Cell, Report, Table
from disclosure_report.parse import ParseResult, parse_bytes, parse_file, parse_pdf
from disclosure_report.parse._raw import RawParagraph

from .pdf_support import (
    RULES,
    Rules,
    Style,
    partly_mapped_font_text,
    require,
    unmapped_font_table,
)
from .test_seed_form_roundtrip import printable_reports

CORPUS = Path(__file__).parent.parent / "corpus"

pytestmark = pytest.mark.usefixtures("pdf_packages")


@pytest.fixture(scope="module")
def pdf_packages() -> None:
    require("pdfplumber", "reportlab")


def _render(report: Report, **options: Any) -> bytes:
    from .pdf_form import render

    return render(report, **options)


# --- the corpus ---------------------------------------------------------------------------------


def test_a_label_cut_by_the_page_break_is_joined() -> None:
    result = parse_file(CORPUS / "001.pdf")
    table = result.report.applications
    assert isinstance(table, Table)
    rows = {r.key: r for r in table.rows}
    # （四）无 on page 4, 法提供 on page 5: the group holds its three rows, on both pages.
    assert rows["unable_not_held"].source is not None
    assert rows["unable_not_held"].source.page == 4
    assert rows["unable_requires_creation"].source is not None
    assert rows["unable_requires_creation"].source.page == 5
    assert [c.value for c in rows["unable_requires_creation"].cells] == [11, 0, 0, 0, 0, 0, 11]
    assert not table.extra_rows
    joined = [d.message for d in result.diagnostics if d.code == "P1.32"]
    assert any("cut by the page break joined" in m for m in joined)


def test_page_numbers_are_not_text_and_paragraphs_are_whole() -> None:
    report = parse_file(CORPUS / "001.pdf").report
    assert report.overview is not None
    texts = [p.text for p in report.overview.paragraphs]
    assert not any("- 1 -" in t or t.strip("- ").isdigit() for t in texts)
    # One paragraph over five printed lines, and over the page break (pages 1-2).
    first = next(t for t in texts if t.startswith("（一）主动公开情况"))
    assert "政府信息5500余条" in first
    assert first.endswith("回应舆论关切。")
    assert report.title == "2024年政府信息公开工作年度报告"


def test_cells_say_their_page() -> None:
    report = parse_file(CORPUS / "002.pdf").report
    table = report.review_litigation
    assert isinstance(table, Table)
    cell = table.rows[0].cells[0]
    assert cell.source is not None
    assert (cell.source.page, cell.value) == (4, 10)


# --- reports drawn as PDFs ----------------------------------------------------------------------

_DRAWN = settings(
    # Modest in the default run (drawing and reading a PDF takes a fraction of a second);
    # PDF_EXAMPLES=300 runs many more.
    max_examples=int(os.environ.get("PDF_EXAMPLES", "8")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@_DRAWN
@given(printable_reports(), st.booleans())
def test_a_drawn_report_reads_back_equal(report: Report, repeat_header: bool) -> None:
    result = parse_pdf(_render(report, rules="all", repeat_header=repeat_header))
    assert result.report == report
    assert {d.code for d in result.diagnostics} <= {"P1.4", "P1.6", "P1.32"}


@_DRAWN
@given(printable_reports(), st.sampled_from(RULES[1:]), st.booleans())
def test_a_report_drawn_without_all_its_ruling_lines_reads_back_equal(
    report: Report, rules: Rules, repeat_header: bool
) -> None:
    # No lines, rules across only, a frame, rows ruled, the label column ruled off: the
    # tables are read from the positions of their text (P1.33), every cell of them.
    result = parse_pdf(_render(report, rules=rules, repeat_header=repeat_header))
    assert result.report == report
    codes = {d.code for d in result.diagnostics}
    assert codes <= {"P1.4", "P1.6", "P1.33"}
    assert [d.code for d in result.diagnostics].count("P1.33") == 3


def _cells(report: Report) -> dict[tuple[str, str, str], Cell]:
    found: dict[tuple[str, str, str], Cell] = {}
    for name in ("proactive_disclosure", "applications", "review_litigation"):
        table = getattr(report, name)
        if isinstance(table, Table):
            for row in table.rows:
                for cell in row.cells:
                    found[name, row.key, cell.column] = cell
    return found


_STYLES = st.builds(
    Style,
    valign=st.sampled_from(["top", "middle", "bottom"]),
    value_valign=st.sampled_from([None, "top", "middle", "bottom"]),
    value_halign=st.sampled_from(["left", "centre", "right"]),
    pad=st.sampled_from([0.0, 1.0, 3.0, 5.0]),
)


def never_a_wrong_number(report: Report, result: ParseResult) -> tuple[int, int]:
    """Assert every value drawn is read back, or blank with a finding at its cell or row.

    Also that no number is read where none was drawn. Returns the cells read right and
    the cells left blank.
    """
    drawn, read = _cells(report), _cells(result.report)
    found = {(d.location.section, d.location.row, d.location.column) for d in result.diagnostics}
    rows = {(section, row) for section, row, _ in found}
    right = blank = 0
    for place, cell in drawn.items():
        got = read.get(place)
        if cell.value is None:
            assert got is None or got.value is None, place
        elif got is not None and got.value is not None:
            assert got.value == cell.value, (place, cell, got)
            right += 1
        else:
            assert place in found or place[:2] in rows, place
            blank += 1
    for place, got in read.items():
        assert got.value is None or place in drawn, place
    return right, blank


@_DRAWN
@given(printable_reports(), st.sampled_from(RULES[1:]), st.booleans(), _STYLES)
def test_a_table_without_ruling_lines_never_gives_a_wrong_number(
    report: Report, rules: Rules, repeat_header: bool, style: Style
) -> None:
    # Cells set at the top, middle or bottom, values left, centred or right, labels set
    # another way than values, no padding: what the positions do not prove is blank, with a
    # finding there; everything read is what was drawn.
    result = parse_pdf(_render(report, rules=rules, repeat_header=repeat_header, style=style))
    never_a_wrong_number(report, result)


# --- refusals -----------------------------------------------------------------------------------


def _refused(data: bytes, words: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ParseError, match=words):
        parse_bytes(data)
    assert time.perf_counter() - started < 1.0


def test_a_scan_is_refused_saying_ocr_is_not_here() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    picture = Image.new("L", (400, 560), 255)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842))
    page.drawImage(ImageReader(picture), 0, 0, 595, 842)
    page.save()
    _refused(buffer.getvalue(), "no text layer.*OCR is not part of this library")


def test_an_encrypted_pdf_is_refused() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=StandardEncryption("user", "owner"))
    page.drawString(72, 700, "locked")
    page.save()
    _refused(buffer.getvalue(), "encrypted")


def test_a_truncated_pdf_is_refused() -> None:
    data = (CORPUS / "001.pdf").read_bytes()
    _refused(data[: len(data) // 2], "truncated")


@pytest.mark.parametrize("seed", range(3))
def test_random_bytes_behind_a_pdf_header_are_refused(seed: int) -> None:
    noise = bytes((seed * 7919 + i * 104729) % 251 for i in range(20_000))
    _refused(b"%PDF-1.7\n" + noise + b"\n%%EOF\n", "PDF")


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    from disclosure_report import LimitExceededError, Limits, parse_pdf

    data = (CORPUS / "002.pdf").read_bytes()
    parse_pdf(data, limits=Limits(max_pdf_pages=5))
    with pytest.raises(LimitExceededError, match="max_pdf_pages") as caught:
        parse_pdf(data, limits=Limits(max_pdf_pages=4))
    assert (caught.value.value, caught.value.maximum) == (5, 4)


def test_a_page_drawing_too_much_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_report.parse import pdf

    monkeypatch.setattr(pdf, "MAX_CONTENT_BYTES", 1000)
    _refused((CORPUS / "002.pdf").read_bytes(), "page 1 of the PDF draws more than")


def test_a_font_without_a_unicode_map_gives_a_finding_and_no_number() -> None:
    from disclosure_report.parse._cells import read_cell
    from disclosure_report.parse.pdf import read_pdf
    from disclosure_report.tables import edition_spec

    raw = read_pdf(unmapped_font_table())
    assert [d.code for d in raw.diagnostics] == ["P1.30"]
    (table,) = raw.blocks
    assert not isinstance(table, str)
    texts = [[c.text for c in row.cells] for row in table.rows]  # type: ignore[union-attr]
    assert texts == [["Received", "\ufffd"], ["Carried", "\ufffd"]]
    column = edition_spec("2021").table("applications").columns[0]
    for _, value in texts:
        cell, problem = read_cell(value, column)
        assert cell.value is None
        assert problem is not None


def test_without_pdfplumber_the_reader_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ParseError, match=r'pip install "disclosure-report\[pdf\]"'):
        parse_file(CORPUS / "001.pdf")


def test_importing_the_package_never_needs_pdfplumber() -> None:
    code = (
        "import sys\n"
        "for name in ('pdfplumber', 'pdfminer', 'pypdfium2'):\n"
        "    sys.modules[name] = None\n"
        "import disclosure_report, disclosure_report.parse.pdf\n"
        "assert disclosure_report.parse_pdf\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})


def test_a_font_found_unmapped_reads_as_unmapped_even_where_it_mapped() -> None:
    # Found only once the whole file is read: the characters it did map (1, 2) are read
    # again as U+FFFD, so no number comes from a font whose map cannot be trusted.
    from disclosure_report.parse.pdf import read_pdf

    raw = read_pdf(partly_mapped_font_text())
    assert [d.code for d in raw.diagnostics] == ["P1.30"]
    texts = [b.text for b in raw.blocks if isinstance(b, RawParagraph)]
    assert texts == ["Paragraph in a mapped font.\ufffd\ufffd\ufffd"]


def test_pdfminer_warnings_do_not_reach_standard_error_unasked() -> None:
    # A PDF printed by Chromium makes pdfminer log hundreds of warnings; a program that has
    # not configured logging must not see them on its console (one that has still gets them).
    noise = 'logging.getLogger("pdfminer.pdffont").warning("Could not get FontBBox")'
    alone = subprocess.run(
        [sys.executable, "-c", f"import logging; {noise}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "FontBBox" in alone.stderr  # what Python does without the reader's handler
    quiet = subprocess.run(
        [sys.executable, "-c", f"import logging, disclosure_report.parse.pdf; {noise}"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert quiet.stderr == ""
    configured = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import logging, disclosure_report.parse.pdf; logging.basicConfig(); {noise}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "FontBBox" in configured.stderr


def test_no_glyph_outlives_the_page_it_was_read_from() -> None:
    # A glyph object costs a hundred times what a compact PDF spends on the character: each
    # page is read down to its tables and lines before the next, so none is left once read.
    import gc

    from disclosure_report.limits import DEFAULT_LIMITS
    from disclosure_report.parse import pdf
    from disclosure_report.parse.pdf._page import Glyph

    require("pdfplumber")
    read = pdf._read_all((CORPUS / "001.pdf").read_bytes(), DEFAULT_LIMITS, frozenset())
    gc.collect()
    assert len(read) > 1
    assert all(not page.page.glyphs for page in read)
    assert not any(isinstance(o, Glyph) for o in gc.get_objects())
