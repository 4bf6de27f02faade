"""Exchange speed against lxml and json doing the same work in the same process.

Measurements, not assertions: ``pytest benchmarks --benchmark-enable`` runs each pair side by
side (``--benchmark-group-by=group``), and ``python -m benchmarks.test_bench_serialise``
prints the ratios of issue 8 for both documents. With ``--benchmark-disable`` (the default in
pyproject.toml) each benchmark runs once, as a smoke test that it still works.

Anchors, on the same bytes or the same report:

* XML load: ``etree.fromstring`` of the document plus a walk reading every element's text;
  target ``from_xml`` <= 2.0x with schema validation (the default), <= 1.5x without;
* XML dump: building the same tree with lxml (``SubElement``, same tags, attributes and text)
  and serialising it; target ``to_xml`` <= 0.35x;
* JSON load: ``json.loads`` of the same string; target ``from_json`` <= 3x;
* JSON dump: ``json.dumps`` of the equivalent plain dict; target ``to_json`` <= 1.5x.

Beside each load ratio, its bound: the least work any reader of this model does, over the same
anchor (the anchor's own work, the schema validation where it is on, and building the report's
objects with the model's constructors, cells ready-made). A target below its bound cannot be
met by reading better, only by a cheaper model.

Documents: a full 2021 report (every template row and column filled, the optional 小计 column
too, about 3,000 characters of prose) and the bundled sample (段店乡人民政府 2019).
"""

from __future__ import annotations

import json
import platform
import statistics
import timeit
from collections.abc import Callable
from importlib.resources import files
from typing import Any

import attrs
import pytest
from lxml import etree
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.model import Paragraph, Report, Row, Table, TextSection
from disclosure_report.parse import parse_text
from disclosure_report.serialise import XML_NAMESPACE, from_json, from_xml, to_json, to_xml
from disclosure_report.serialise.json import report_to_data
from disclosure_report.serialise.xsd import xml_schema
from disclosure_report.tables import edition_spec

from .conftest import full_report

Spec = tuple[str, dict[str, str] | None, str | None, tuple[Any, ...]]
"""An element as plain data: tag, attributes, text, children."""


def conforming_full_report() -> Report:
    """The benchmark report, without the optional row printed beside the rows it stands for."""
    report = full_report()
    table = report.applications
    assert table is not None
    spec = edition_spec(report.edition).table(attrs.fields(Report).applications.name)
    template = {r.key for r in spec.expected_rows(())}
    rows = tuple(r for r in table.rows if r.key in template)
    return attrs.evolve(report, applications=attrs.evolve(table, rows=rows))


def sample_report() -> Report:
    text = files("disclosure_report").joinpath("samples/duandian-2019.txt").read_text("utf-8")
    return parse_text(text).report


DOCUMENTS: dict[str, Callable[[], Report]] = {
    "full": conforming_full_report,
    "sample": sample_report,
}


# --- the anchors ----------------------------------------------------------------------------


def walk(root: etree._Element) -> int:
    read = 0
    for element in root.iter():
        if element.text is not None:
            read += 1
    return read


def load_floor(data: bytes) -> int:
    return walk(etree.fromstring(data))


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


def dump_spec(document: bytes) -> Spec:
    spec = extract(etree.fromstring(document, etree.XMLParser(remove_blank_text=True)))
    assert dump_floor(spec) == document, "the dump floor must write the same document"
    return spec


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


# --- benchmarks -----------------------------------------------------------------------------

PAIRS: dict[str, tuple[str, str]] = {
    "xml-load": ("lxml parse + walk", "from_xml"),
    "xml-load-trusted": ("lxml parse + walk", "from_xml(validate=False)"),
    "xml-dump": ("lxml build + tostring", "to_xml"),
    "json-load": ("json.loads", "from_json"),
    "json-dump": ("json.dumps of the dict", "to_json"),
}


def workloads(report: Report) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """Per group: (anchor, ours), both doing the same work on the same input."""
    document = to_xml(report)
    text = to_json(report)
    spec = dump_spec(document)
    data = report_to_data(report)
    assert from_xml(document) == report
    assert from_json(text) == report
    assert dumps(data) == text
    return {
        "xml-load": (lambda: load_floor(document), lambda: from_xml(document)),
        "xml-load-trusted": (
            lambda: load_floor(document),
            lambda: from_xml(document, validate=False),
        ),
        "xml-dump": (lambda: dump_floor(spec), lambda: to_xml(report)),
        "json-load": (lambda: json.loads(text), lambda: from_json(text)),
        "json-dump": (lambda: dumps(data), lambda: to_json(report)),
    }


@pytest.fixture(scope="module", params=list(DOCUMENTS))
def work(request: pytest.FixtureRequest) -> tuple[str, dict[str, Any]]:
    name = str(request.param)
    return name, workloads(DOCUMENTS[name]())


@pytest.mark.parametrize("group", list(PAIRS))
@pytest.mark.parametrize("side", ["anchor", "ours"])
def test_exchange(
    benchmark: BenchmarkFixture, work: tuple[str, dict[str, Any]], group: str, side: str
) -> None:
    name, loads = work
    benchmark.group = f"{group} ({name})"
    anchor, ours = loads[group]
    benchmark(anchor if side == "anchor" else ours)


# --- the least a reader of this model can do ------------------------------------------------


def constructors_only(report: Report) -> Callable[[], Report]:
    """A function that builds ``report`` again with the model's constructors and nothing else.

    Every paragraph, row, section and the report itself are constructed from values already
    read; each row's cells come ready-made, in their tuple (the readers intern cells, so a
    warm reader finds every cell of these documents built). No reader of this model can do
    less, so (parsing + this) over the anchor is a lower bound of the load ratios.
    """
    values: dict[str, Any] = {}
    sections: list[tuple[str, Any]] = []
    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if isinstance(value, Table | TextSection) or (
            isinstance(value, tuple) and field.name != "edition"
        ):
            sections.append((field.name, value))
        elif value is not None:
            values[field.name] = value

    def texts(paragraphs: tuple[Paragraph, ...]) -> tuple[str, ...]:
        return tuple(p.text for p in paragraphs)

    plain: list[tuple[str, str, Any]] = []
    for name, value in sections:
        if isinstance(value, Table):
            rows = tuple((r.key, r.cells, r.label) for r in value.rows)
            plain.append((name, "table", (value.heading, rows, texts(value.notes))))
        elif isinstance(value, TextSection):
            plain.append((name, "text", (value.heading, texts(value.paragraphs))))
        else:
            plain.append((name, "paragraphs", texts(value)))

    def build() -> Report:
        built = dict(values)
        for name, kind, data in plain:
            if kind == "table":
                heading, rows, notes = data
                built[name] = Table(
                    heading=heading,
                    rows=tuple([Row(key=k, cells=c, label=label) for k, c, label in rows]),
                    notes=tuple([Paragraph(text=t) for t in notes]),
                )
            elif kind == "text":
                heading, paragraphs = data
                built[name] = TextSection(
                    heading=heading, paragraphs=tuple([Paragraph(text=t) for t in paragraphs])
                )
            else:
                built[name] = tuple([Paragraph(text=t) for t in data])
        return Report(**built)

    return build


def bounds(report: Report) -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """Per load group: (anchor, the least a reader of this model does).

    That is the anchor's own work (a reader reads every element's text, or parses the JSON),
    the schema validation where it is on, and :func:`constructors_only`.
    """
    document = to_xml(report)
    text = to_json(report)
    build = constructors_only(report)
    assert build() == report
    schema = xml_schema(report.edition)

    def validated() -> object:
        root = etree.fromstring(document)
        return walk(root), schema.validate(root), build()

    return {
        "xml-load": (lambda: load_floor(document), validated),
        "xml-load-trusted": (lambda: load_floor(document), lambda: (load_floor(document), build())),
        "json-load": (lambda: json.loads(text), lambda: (json.loads(text), build())),
    }


@pytest.mark.parametrize("document", list(DOCUMENTS))
@pytest.mark.parametrize("group", ["xml-load", "xml-load-trusted", "json-load"])
def test_least_of_a_reader(benchmark: BenchmarkFixture, document: str, group: str) -> None:
    benchmark.group = f"{group} ({document})"
    benchmark(bounds(DOCUMENTS[document]())[group][1])


def _median_ratio(
    anchor: Callable[[], object], ours: Callable[[], object], rounds: int, number: int
) -> float:
    per_round = []
    for _ in range(rounds):
        first = timeit.timeit(anchor, number=number)
        second = timeit.timeit(ours, number=number)
        per_round.append(second / first)
    return statistics.median(per_round)


def ratios(rounds: int = 9, number: int = 300) -> dict[tuple[str, str], float]:
    """Median over ``rounds`` of (time of ours) / (time of the anchor), per (document, group).

    Anchor and ours are timed in turn, round after round, so that a machine busy with other
    work slows both alike; the median of the per-round ratios is what is reported.
    """
    found = {}
    for name, make in DOCUMENTS.items():
        report = make()
        for group, (anchor, ours) in workloads(report).items():
            found[name, group] = _median_ratio(anchor, ours, rounds, number)
        for group, (anchor, least) in bounds(report).items():
            found[name, f"{group} bound"] = _median_ratio(anchor, least, rounds, number)
    return found


def main() -> None:
    """Print the ratios of issue 8, and the bounds of the load ratios, with the machine."""
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    for (name, group), ratio in ratios().items():
        if group.endswith(" bound"):
            print(
                f"{name:7} {group:23} {'the least of a reader':26} / {'the same':24} = {ratio:.2f}x"
            )
        else:
            anchor, ours = PAIRS[group]
            print(f"{name:7} {group:23} {ours:26} / {anchor:24} = {ratio:.2f}x")


if __name__ == "__main__":
    main()
