"""Properties of every codec over arbitrary reports of each edition (tests/strategies.py).

One test per edition checks every codec on the same drawn report: generating a report is the
expensive part (a report holds hundreds of cells), so the checks share the draws.
"""

from __future__ import annotations

import csv
import importlib.resources
import io
import json

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from disclosure_report.model import Edition
from disclosure_report.serialise import (
    Record,
    from_json,
    from_xml,
    to_csv,
    to_json,
    to_records,
    to_xml,
)
from disclosure_report.serialise.json import report_to_data
from disclosure_report.tables import edition_spec
from strategies import reports

from ._reports import official_cells, with_provenance


def shipped_schema(edition: Edition) -> etree.XMLSchema:
    """The schema file shipped in the package, loaded independently of the codec."""
    name = f"disclosure-report-{edition}.xsd"
    data = importlib.resources.files("disclosure_report.serialise").joinpath("schemas", name)
    return etree.XMLSchema(etree.fromstring(data.read_bytes()))


SCHEMAS = {edition: shipped_schema(edition) for edition in Edition}
JSON_VALIDATORS = {
    edition: jsonschema.Draft202012Validator(
        json.loads(
            importlib.resources.files("disclosure_report.serialise")
            .joinpath("schemas", f"disclosure-report-{edition}.schema.json")
            .read_text(encoding="utf-8")
        )
    )
    for edition in Edition
}


@pytest.mark.property
@pytest.mark.parametrize("edition", list(Edition))
@given(data=st.data())
def test_every_codec_round_trips(edition: Edition, data: st.DataObject) -> None:
    report = data.draw(reports(edition))
    provenanced = with_provenance(report)

    # XML: reads back equal (bytes and text), validates, ignores provenance.
    document = to_xml(report)
    assert from_xml(document) == report, "XML round trip"
    assert from_xml(document.decode("utf-8")) == report, "XML round trip from text"
    schema = SCHEMAS[edition]
    assert schema.validate(etree.fromstring(document)), schema.error_log
    assert to_xml(provenanced) == document, "XML bytes depend on provenance"

    # JSON: reads back equal, validates against the shipped JSON Schema, ignores provenance.
    text = to_json(report)
    assert from_json(text) == report, "JSON round trip"
    JSON_VALIDATORS[edition].validate(json.loads(text))
    plain = report_to_data(report)
    assert text == json.dumps(plain, ensure_ascii=False, separators=(",", ":")), "text writer"
    assert to_json(from_json(text)) == text, "equal reports, identical text"
    assert to_xml(from_xml(document)) == document, "equal reports, identical bytes"
    assert from_json(text.encode("utf-8")) == report, "JSON round trip from bytes"
    assert to_json(provenanced) == text, "JSON text depends on provenance"

    # Records: one per cell, in printed order; the CSV holds the same.
    records = to_records(report)
    assert len(records) == official_cells(report)
    spec = edition_spec(edition)
    places = []
    for record in records:
        tables = [t.key for t in spec.tables]
        table = spec.table(record.table)
        row = table.row(record.row)
        places.append(
            (
                tables.index(record.table),
                table.rows.index(row),
                row.columns.index(row.column(record.column)),
            )
        )
    assert places == sorted(places), "records out of printed order"
    assert len(set(places)) == len(places), "a cell exported twice"
    lines = list(csv.reader(io.StringIO(to_csv(report), newline="")))
    assert lines[0] == list(Record._fields)
    assert len(lines) == len(records) + 1
    assert [tuple(line[:3]) for line in lines[1:]] == [(r.table, r.row, r.column) for r in records]
