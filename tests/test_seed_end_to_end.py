"""The seed report end to end: parse, validate, XML against the shipped XSD, JSON, records."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from lxml import etree

import disclosure_report as dr

SEED = Path(__file__).parent / "corpus" / "000.txt"


def test_seed_end_to_end() -> None:
    result = dr.parse_file(SEED)
    report = result.report

    findings = dr.validate(report)
    assert not [d for d in findings if d.severity is dr.Severity.ERROR]
    blank = [d for d in findings if d.code == "R0.6"]
    assert blank
    # One finding per row, naming its blank cells.
    assert all(d.severity is dr.Severity.WARNING and d.location.row for d in blank)
    assert all(cell.column for d in blank for cell in d.cells)
    first = next(d for d in blank if d.location.row == "carried_over")
    assert "二、上年结转政府信息公开申请数量" in str(first)
    assert "总计" in str(first)

    xml = dr.to_xml(report)
    schema_file = (
        files("disclosure_report") / "serialise" / "schemas" / "disclosure-report-2019.xsd"
    )
    schema = etree.XMLSchema(etree.fromstring(schema_file.read_bytes()))
    schema.assertValid(etree.fromstring(xml))
    assert dr.from_xml(xml) == report
    assert dr.to_xml(dr.from_xml(xml)) == xml

    assert dr.from_json(dr.to_json(report)) == report

    records = dr.to_records(report)
    blank_records = [r for r in records if r.table == "applications" and r.value is None]
    assert len(blank_records) == sum(len(d.cells) for d in blank)
