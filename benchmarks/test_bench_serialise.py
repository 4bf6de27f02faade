"""Serialisation cost of one realistic report, next to the raw-lxml floors.

Measurements, not assertions: run ``pytest benchmarks --benchmark-enable`` and compare each
group's rows (``--benchmark-group-by=group``). The floors are the anchors of
``shared/bench/RESULTS.md`` applied to this codec's own document:

* load floor: ``etree.fromstring`` of the same bytes plus a walk reading every ``.text``;
* dump floor: building the same tree (same tags, attributes, texts, formatting) from
  pre-extracted tuples with ``SubElement``, then ``etree.tostring``.

Targets from RESULTS.md: XML load <= 3x its floor, dump <= 1.5x its floor, JSON round trip
<= 250 us. With ``--benchmark-disable`` (the default in pyproject.toml) each benchmark runs
once, as a smoke test that it still works.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.model import Report
from disclosure_report.serialise import XML_NAMESPACE, from_json, from_xml, to_json, to_xml
from disclosure_report.serialise._vocabulary import hardened_parser
from disclosure_report.serialise.xsd import xml_schema

Spec = tuple[str, dict[str, str] | None, str | None, tuple[Any, ...]]
"""An element as plain data: tag, attributes, text, children."""

HARDENED = hardened_parser()  # the parser from_xml uses


# --- the anchors (shared/bench/impl_raw.py, applied to this document) -----------------------


def load_floor(data: bytes) -> int:
    root = etree.fromstring(data)
    read = 0
    for element in root.iter():
        if element.text is not None:
            read += 1
    return read


def extract(element: etree._Element) -> Spec:
    return (
        str(element.tag),
        dict(element.attrib) or None,
        element.text,
        tuple(extract(child) for child in element),
    )


def _build(parent: etree._Element, children: tuple[Spec, ...]) -> None:
    sub = etree.SubElement
    for tag, attributes, text, grandchildren in children:
        child = sub(parent, tag, attributes) if attributes else sub(parent, tag)
        child.text = text
        if grandchildren:
            _build(child, grandchildren)


def dump_floor(spec: Spec) -> bytes:
    tag, attributes, text, children = spec
    root = etree.Element(tag, attributes or {}, nsmap={None: XML_NAMESPACE})
    root.text = text
    _build(root, children)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


@pytest.fixture(scope="module")
def dump_spec(report_xml: bytes) -> Spec:
    tree = etree.fromstring(report_xml, etree.XMLParser(remove_blank_text=True))
    spec = extract(tree)
    assert dump_floor(spec) == report_xml, "the dump floor must write the same document"
    return spec


# --- XML ------------------------------------------------------------------------------------


def test_xml_load_floor(benchmark: BenchmarkFixture, report_xml: bytes) -> None:
    benchmark.group = "xml-load"
    assert benchmark(load_floor, report_xml) > 0


def test_xml_parse_and_validate(
    benchmark: BenchmarkFixture, report: Report, report_xml: bytes
) -> None:
    benchmark.group = "xml-load"
    schema = xml_schema(report.edition)
    assert benchmark(lambda: schema.validate(etree.fromstring(report_xml, HARDENED)))


def test_from_xml(benchmark: BenchmarkFixture, report: Report, report_xml: bytes) -> None:
    benchmark.group = "xml-load"
    assert benchmark(from_xml, report_xml) == report


def test_xml_dump_floor(benchmark: BenchmarkFixture, dump_spec: Spec, report_xml: bytes) -> None:
    benchmark.group = "xml-dump"
    assert benchmark(dump_floor, dump_spec) == report_xml


def test_to_xml(benchmark: BenchmarkFixture, report: Report, report_xml: bytes) -> None:
    benchmark.group = "xml-dump"
    assert benchmark(to_xml, report) == report_xml


# --- JSON -----------------------------------------------------------------------------------


def test_to_json(benchmark: BenchmarkFixture, report: Report, report_json: str) -> None:
    benchmark.group = "json"
    assert benchmark(to_json, report) == report_json


def test_from_json(benchmark: BenchmarkFixture, report: Report, report_json: str) -> None:
    benchmark.group = "json"
    assert benchmark(from_json, report_json) == report


def test_json_round_trip(benchmark: BenchmarkFixture, report: Report) -> None:
    benchmark.group = "json"
    assert benchmark(lambda: from_json(to_json(report))) == report
