"""Exchange formats of a report: XML (with XSDs generated from the declaration), JSON, records.

* :func:`to_xml` / :func:`from_xml`: the namespaced, versioned XML vocabulary
  :data:`XML_NAMESPACE`; :func:`xml_schema` and :func:`build_xsd` give its schema per edition.
* :func:`to_json` / :func:`from_json`: the same shape as JSON, with a JSON Schema per edition.
* :func:`to_records` / :func:`to_csv` / :func:`to_dataframe` / :func:`to_parquet`: one
  labelled, typed :class:`Record` per official cell, naming its report, for data-frame and
  spreadsheet tools.
* :func:`json_schema` and :func:`xml_schema`: the shipped schemas of each edition.
* :func:`write_xml_collection` / :func:`read_xml_collection` and :func:`write_json_lines` /
  :func:`read_json_lines`: many reports in one file, one report at a time.

Provenance (``source``) is never exchanged. Bad input raises
:class:`~disclosure_report.errors.SerialiseError`.
"""

from __future__ import annotations

from disclosure_report.serialise._conform import NonconformingReportError
from disclosure_report.serialise.collection import (
    read_json_lines,
    read_xml_collection,
    write_json_lines,
    write_xml_collection,
)
from disclosure_report.serialise.json import from_json, to_json
from disclosure_report.serialise.json_schema import json_schema
from disclosure_report.serialise.records import (
    Record,
    report_id,
    to_csv,
    to_dataframe,
    to_parquet,
    to_records,
)
from disclosure_report.serialise.xml import XML_NAMESPACE, from_xml, to_xml
from disclosure_report.serialise.xsd import build_xsd, write_schemas, xml_schema

__all__ = [
    "XML_NAMESPACE",
    "NonconformingReportError",
    "Record",
    "build_xsd",
    "from_json",
    "from_xml",
    "json_schema",
    "read_json_lines",
    "read_xml_collection",
    "report_id",
    "to_csv",
    "to_dataframe",
    "to_json",
    "to_parquet",
    "to_records",
    "to_xml",
    "write_json_lines",
    "write_schemas",
    "write_xml_collection",
    "xml_schema",
]
