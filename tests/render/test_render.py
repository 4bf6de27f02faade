"""Rendering: the official layout in every form, and parsing a rendering gives the report back."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from lxml import etree
from lxml import html as lxml_html

import disclosure_report as dr
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.render import render
from disclosure_report.tables import edition_spec
from parse.test_seed_form_roundtrip import printable_reports
from serialise._reports import full_report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
APPLICATIONS = attrs.fields(Report).applications.name
REVIEW = attrs.fields(Report).review_litigation.name
PROACTIVE = attrs.fields(Report).proactive_disclosure.name


def seed() -> Report:
    from conftest import CORPUS

    return dr.parse_file(CORPUS / "000.txt").report


def slots(rows: list[list[tuple[int, int]]]) -> list[int]:
    """How many grid columns each row fills, by the HTML table model (spans from above count)."""
    taken: dict[tuple[int, int], bool] = {}
    widths = []
    for r, cells in enumerate(rows):
        column = 0
        for rowspan, colspan in cells:
            while (r, column) in taken:
                column += 1
            for dr_ in range(rowspan):
                for dc in range(colspan):
                    taken[r + dr_, column + dc] = True
            column += colspan
        widths.append(max((c for (row, c) in taken if row == r), default=-1) + 1)
    return widths


def html_tables(page: str) -> dict[str, Any]:
    root = lxml_html.fromstring(page.encode("utf-8"))
    return {str(t.get("data-section")): t for t in root.iter("table")}


def spans(table: Any) -> list[list[tuple[int, int]]]:
    return [
        [
            (int(c.get("rowspan", "1")), int(c.get("colspan", "1")))
            for c in tr
            if c.tag in ("td", "th")
        ]
        for tr in table.iter("tr")
    ]


# --- text: the seed's form, read back by parse_text ----------------------------------------


def test_the_seed_report_reads_back_from_its_text_rendering() -> None:
    report = seed()
    assert dr.parse_text(render(report, "text")).report == report


@pytest.mark.property
@given(printable_reports())
def test_a_rendered_text_reads_back_equal(report: Report) -> None:
    assert dr.parse_text(render(report, "text")).report == report


# --- HTML -----------------------------------------------------------------------------------


@pytest.mark.parametrize("edition", list(Edition))
def test_html_tables_are_rectangles_with_every_cell_in_place(edition: Edition) -> None:
    report = full_report(edition)
    page = render(report, "html")
    assert page.startswith("<!DOCTYPE html>")
    tables = html_tables(page)
    for spec in edition_spec(edition).tables:
        table = tables[spec.key]
        widths = slots(spans(table))
        assert len(set(widths)) == 1, (spec.key, widths)
        model = getattr(report, spec.key)
        for row in model.rows:
            for cell in row.cells:
                [td] = table.xpath(f".//td[@data-row='{row.key}'][@data-column='{cell.column}']")
                expected = (
                    cell.marker or cell.raw or ("" if cell.value is None else str(cell.value))
                )
                assert (td.text or "") == expected


def test_html_headers_merge_as_the_official_template() -> None:
    """The spans FORMAT.md §3.3 and §3.4 give for tables 三 and 四."""
    tables = html_tables(render(dr.blank_report("2021"), "html"))
    three = tables[APPLICATIONS].xpath(".//thead/tr")
    corner, applicants = three[0]
    assert (corner.get("rowspan"), corner.get("colspan")) == ("3", "3")
    assert applicants.get("colspan") == "7"
    person, organisations, total = three[1]
    assert person.get("rowspan") == "2"
    assert organisations.get("colspan") == "5"
    assert total.get("rowspan") == "2"
    assert len(three[2]) == 5
    results = tables[APPLICATIONS].xpath(".//tbody/tr[th[@rowspan]][1]/th[1]")[0]
    assert results.get("rowspan") == "22"  # 三、本年度办理结果 over 22 rows in 2021
    four = tables[REVIEW].xpath(".//thead/tr")
    assert [c.get("colspan") for c in four[0]] == ["5", "10"]
    assert [c.get("rowspan") for c in four[1]] == ["2"] * 5 + [None, None]
    assert len(four[2]) == 10
    tables_2019 = html_tables(render(dr.blank_report("2019"), "html"))
    results = tables_2019[APPLICATIONS].xpath(".//tbody/tr[th[@rowspan]][1]/th[1]")[0]
    assert results.get("rowspan") == "20"  # and over 20 rows in 2019


def test_html_prints_official_labels_and_escapes_text() -> None:
    report = dr.blank_report("2021", title="<script>alert(1)</script>")
    page = render(report, "html")
    assert "<script>alert" not in page
    for label in edition_spec(Edition.E2021).labels():
        if label and label not in {
            v for s in edition_spec(Edition.E2021).sections for v in s.variants
        }:
            pass
    spec = edition_spec(Edition.E2021)
    text = "".join(lxml_html.fromstring(page.encode()).itertext())
    for table in spec.tables:
        assert table.label in text
        for row in table.rows:
            if not row.optional:
                assert row.label in text
        for column in table.columns:
            if not column.optional:
                assert column.label in text


# --- DOCX -----------------------------------------------------------------------------------


def docx_tables(data: bytes) -> list[etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
        document = etree.fromstring(archive.read("word/document.xml"))
    return list(document.iter(f"{W}tbl"))


@pytest.mark.parametrize("edition", list(Edition))
def test_docx_tables_fill_their_grid_and_merge_as_word_does(edition: Edition) -> None:
    report = full_report(edition)
    data = render(report, "docx")
    assert render(report, "docx") == data, "identical bytes for equal reports"
    tables = docx_tables(data)
    assert len(tables) == len(edition_spec(edition).tables)
    for table in tables:
        grid = len(table.findall(f"{W}tblGrid/{W}gridCol"))
        for tr in table.iter(f"{W}tr"):
            widths = [
                int(span.get(f"{W}val", "1"))
                if (span := tc.find(f"{W}tcPr/{W}gridSpan")) is not None
                else 1
                for tc in tr.iter(f"{W}tc")
            ]
            assert sum(widths) == grid
        for merge in table.iter(f"{W}vMerge"):  # a bare vMerge continues a restart above
            assert merge.get(f"{W}val") in (None, "restart")


def test_docx_holds_every_label_and_number() -> None:
    report = full_report(Edition.E2021)
    with zipfile.ZipFile(io.BytesIO(render(report, "docx"))) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
    text = "".join(t.text or "" for t in document.iter(f"{W}t"))
    for table in edition_spec(Edition.E2021).tables:
        assert table.label in text
        for column in table.columns:
            assert column.label in text
    assert "12.50" in text


def test_docx_merges_the_results_group_down_22_rows() -> None:
    [_, three, _] = docx_tables(render(dr.blank_report("2021"), "docx"))
    restarts = [
        tc
        for tc in three.iter(f"{W}tc")
        if (m := tc.find(f"{W}tcPr/{W}vMerge")) is not None and m.get(f"{W}val") == "restart"
    ]
    texts = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in restarts]
    results = edition_spec(Edition.E2021).table(APPLICATIONS).row("granted").groups[0].label
    assert results in texts
    rows = list(three.iter(f"{W}tr"))
    start = next(
        i for i, tr in enumerate(rows) if results in "".join(t.text or "" for t in tr.iter(f"{W}t"))
    )
    continued = 0
    for tr in rows[start + 1 :]:
        first = next(tr.iter(f"{W}tc"))
        merge = first.find(f"{W}tcPr/{W}vMerge")
        if merge is None or merge.get(f"{W}val") == "restart":
            break
        continued += 1
    assert continued == 21


# --- Markdown -------------------------------------------------------------------------------


def test_markdown_pipe_tables_have_one_width_each() -> None:
    text = render(full_report(Edition.E2021), "markdown")
    widths: list[list[int]] = [[]]
    for line in text.splitlines():
        if line.startswith("|"):
            widths[-1].append(line.replace("\\|", "").count("|"))
        elif widths[-1]:
            widths.append([])
    tables = [w for w in widths if len(w) > 1]
    assert len(tables) >= 6  # four blocks of 二, then 三 and 四
    for table in tables:
        assert len(set(table)) == 1, table
    corner = edition_spec(Edition.E2021).table(APPLICATIONS).header_labels[0]
    assert f"| {corner} |" in text


def test_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError, match="html, markdown, text, docx"):
        render(dr.blank_report("2021"), "pdf")  # type: ignore[call-overload]


# --- reading a rendering back with the structured readers ------------------------------------


def _readers() -> dict[str, Any]:
    return {"html": dr.parse_html, "docx": dr.parse_docx, "text": dr.parse_text}


@pytest.mark.parametrize("form", ["html", "docx", "text"])
def test_a_rendering_reads_back_with_its_reader(form: str) -> None:
    blank = dr.blank_report(
        "2021", organ="某某局", year=2024, title="2024年某某局政府信息公开工作年度报告"
    )
    for report in (seed(), blank):
        rendered = render(report, form)  # type: ignore[call-overload]
        assert _readers()[form](rendered).report == report


@pytest.mark.property
@given(printable_reports())
def test_every_structured_rendering_reads_back_equal(report: Report) -> None:
    assert dr.parse_html(render(report, "html")).report == report
    assert dr.parse_docx(render(report, "docx")).report == report
    assert dr.parse_bytes(render(report, "docx")).report == report


def test_a_markdown_rendering_reads_back() -> None:
    """Well-formed pipe tables are read by position, their one-row headers as paths.

    Not a property over any report: in a table section the Markdown reader takes loose text
    lines for a table a converter flattened, so a note under a table does not read back.
    """
    report = seed()
    markdown = render(report, "markdown")
    assert dr.parse_bytes(markdown.encode("utf-8"), form="markdown").report == report


def test_rendering_prints_numbers_as_held() -> None:
    spec = edition_spec(Edition.E2021).table(PROACTIVE)
    fees = next(r for r in spec.rows if r.columns[0].unit)
    cell = Cell(column=fees.columns[0].key, value=Decimal("0.50"))
    report = Report(
        edition=Edition.E2021, proactive_disclosure=Table(rows=(Row(key=fees.key, cells=(cell,)),))
    )
    for form in ("html", "markdown", "text"):
        assert "0.50" in render(report, form)


# --- the corpus: each report read, rendered in every form, reads back -------------------------

_CORPUS_FILES = ["000.txt", "001.pdf", "002.pdf", "003.pdf", "006.md", "007.txt", "009.txt", "011.txt", "014.html", "103.docx"]  # fmt: skip
_RENDERINGS = [
    (name, form) for name in _CORPUS_FILES for form in ("html", "docx", "text", "markdown")
]
"""Every corpus report in every form."""


@pytest.mark.parametrize(("name", "form"), _RENDERINGS)
def test_every_corpus_report_reads_back_from_each_rendering(name: str, form: str) -> None:
    from conftest import CORPUS

    if name.endswith(".pdf"):
        from parse.pdf_support import require

        require("pdfplumber")
    report = dr.parse_file(CORPUS / name).report
    rendered = render(report, form)  # type: ignore[call-overload]
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    back = dr.parse_bytes(data, form=form).report
    assert back == report


@pytest.mark.parametrize("form", ["html", "docx", "text", "markdown"])
def test_an_extra_row_of_a_table_printed_in_blocks_reads_back(form: str) -> None:
    # 二 is printed one block per article; its extra rows follow the last block (the text
    # form left them out).
    from disclosure_report.model import ExtraRow

    report = seed()
    assert report.proactive_disclosure is not None
    table = attrs.evolve(report.proactive_disclosure, extra_rows=(ExtraRow(label="22"),))
    report = attrs.evolve(report, proactive_disclosure=table)
    rendered = render(report, form)  # type: ignore[call-overload]
    data = rendered if isinstance(rendered, bytes) else rendered.encode("utf-8")
    back = dr.parse_bytes(data, form=form).report
    assert back.proactive_disclosure is not None
    assert back.proactive_disclosure.extra_rows == (ExtraRow(label="22"),)


def test_a_row_label_printed_as_a_variant_reads_back_from_its_markdown_path() -> None:
    # Markdown prints a row label as its path (三、本年度办理结果/（三）不予公开/2.…): the
    # groups are the path's head, the variant is the row's own label.
    report = full_report(Edition.E2021)
    assert report.applications is not None
    rows = tuple(
        attrs.evolve(r, label="2.其他法律行政止公开")
        if r.key == "withheld_prohibited_by_law"
        else r
        for r in report.applications.rows
    )
    report = attrs.evolve(report, applications=attrs.evolve(report.applications, rows=rows))
    back = dr.parse_bytes(render(report, "markdown").encode("utf-8"), form="markdown").report
    assert back.applications is not None
    labels = {r.key: r.label for r in back.applications.rows}
    assert labels["withheld_prohibited_by_law"] == "2.其他法律行政止公开"
