"""The official 2021 template, a real Word structure, read in the seed's text form.

The template (tests/corpus/2021-template.docx, see PROVENANCE.md) is turned into a text
extraction the way the seed report was made: a paragraph per line, a table cell per
tab-indented line (its further paragraphs on the following lines), a blank line after each
row, a vertically merged continuation cell printed empty, a horizontally merged cell printed
once. Read back, it must be an all-blank 2021 report holding every official row.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from disclosure_report.model import Edition, Report
from disclosure_report.parse import parse_text
from disclosure_report.tables import TableSpec, edition_spec
from disclosure_report.validate import validate

TEMPLATE = Path(__file__).parents[1] / "corpus" / "2021-template.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


def as_text_extraction(docx: Path) -> str:
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    lines: list[str] = []
    body = root.find(f"{W}body")
    assert body is not None
    for element in body:
        if element.tag == f"{W}p":
            lines.append(_text(element))
        elif element.tag == f"{W}tbl":
            for row in element.iter(f"{W}tr"):
                for cell in row.findall(f"{W}tc"):
                    merge = cell.find(f"{W}tcPr/{W}vMerge")
                    continued = merge is not None and merge.get(f"{W}val") != "restart"
                    texts = [""] if continued else [_text(p) for p in cell.findall(f"{W}p")]
                    lines.append("\t" + "\n".join(texts))
                lines.append("")
    return "\n".join(lines) + "\n"


def assert_all_blank_2021(report: Report) -> None:
    """``report`` is the official 2021 template: every official row, every cell blank."""
    assert report.edition is Edition.E2021
    spec = edition_spec(Edition.E2021)
    for section in spec.sections:
        value = getattr(report, section.key)
        assert value is not None, section.key
        if isinstance(section, TableSpec):
            assert [r.key for r in value.rows] == [r.key for r in section.expected_rows(())]
            assert not value.extra_rows
            assert all(cell.is_blank for row in value.rows for cell in row.cells)
            assert all(
                len(row.cells) == len([c for c in section.row(row.key).columns if not c.optional])
                for row in value.rows
            )
    assert report.other_matters is not None
    assert "信息处理费" in report.other_matters.text


def test_the_2021_template_reads_as_an_all_blank_2021_report() -> None:
    result = parse_text(as_text_extraction(TEMPLATE))
    report = result.report
    assert_all_blank_2021(report)
    # A template names no organ, no year and no date; the parser says so and invents none.
    assert (report.organ, report.year, report.publication_date) == (None, None, None)
    # Tables 二 and 三 are read by counting cells (the text form has no positions); 四 is blank.
    assert sorted(d.code for d in result.diagnostics) == ["P1.11", "P1.11", "P1.8", "P1.8", "P1.8"]


def test_every_cell_of_the_template_is_a_blank_warning() -> None:
    report: Report = parse_text(as_text_extraction(TEMPLATE)).report
    blanks = [d for d in validate(report) if d.code == "R0.6"]
    spec = edition_spec(Edition.E2021)
    cells = sum(
        len([c for c in row.columns if not c.optional])
        for table in spec.tables
        for row in table.expected_rows(())
    )
    assert sum(len(d.cells) for d in blanks) == cells  # one finding per row, naming its cells
