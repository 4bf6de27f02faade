"""Collection documents: many reports in one file, written and read in constant memory."""

from __future__ import annotations

import gc
import io
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from lxml import etree

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Edition, Report, Row, Table
from disclosure_report.serialise import (
    XML_NAMESPACE,
    NonconformingReportError,
    read_json_lines,
    read_xml_collection,
    to_xml,
    write_json_lines,
    write_xml_collection,
    xml_schema,
)

from ._reports import full_report


def many(count: int) -> Iterator[Report]:
    """``count`` distinct reports of both editions, made one at a time."""
    for number in range(count):
        report = full_report(Edition.E2021 if number % 2 else Edition.E2019)
        yield attrs.evolve(report, organ=f"第{number}号机关")


def test_xml_collection_round_trips_and_each_report_is_schema_valid(tmp_path: Path) -> None:
    path = tmp_path / "reports.xml"
    with path.open("wb") as file:
        assert write_xml_collection(many(5), file) == 5
    root = etree.parse(str(path)).getroot()
    assert root.tag == f"{{{XML_NAMESPACE}}}reports"
    for element, report in zip(root, many(5), strict=True):
        assert xml_schema(report.edition).validate(element)
    assert list(read_xml_collection(path)) == list(many(5))
    with path.open("rb") as file:
        assert list(read_xml_collection(file, validate=False)) == list(many(5))


def test_a_report_in_a_collection_is_the_same_report_alone(tmp_path: Path) -> None:
    [report] = list(many(1))
    buffer = io.BytesIO()
    write_xml_collection([report], buffer)
    alone = to_xml(report).decode()
    body = alone.split("\n", 1)[1].replace(f' xmlns="{XML_NAMESPACE}"', "", 1)
    assert body in buffer.getvalue().decode()


def test_json_lines_round_trip() -> None:
    buffer = io.StringIO()
    assert write_json_lines(many(4), buffer) == 4
    assert buffer.getvalue().count("\n") == 4
    buffer.seek(0)
    assert list(read_json_lines(buffer)) == list(many(4))


def _peak(run: object) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        run()  # type: ignore[operator]
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_reading_and_writing_take_constant_memory(tmp_path: Path) -> None:
    small, large = tmp_path / "small.xml", tmp_path / "large.xml"
    lines_small, lines_large = tmp_path / "small.jsonl", tmp_path / "large.jsonl"

    def write(path: Path, count: int) -> None:
        with path.open("wb") as file:
            write_xml_collection(many(count), file)

    def write_lines(path: Path, count: int) -> None:
        with path.open("w", encoding="utf-8") as file:
            write_json_lines(many(count), file)

    def read(path: Path) -> None:
        for _ in read_xml_collection(path):
            pass

    def read_lines(path: Path) -> None:
        with path.open(encoding="utf-8") as file:
            for _ in read_json_lines(file):
                pass

    peaks = {
        "write": (_peak(lambda: write(small, 10)), _peak(lambda: write(large, 200))),
        "read": (_peak(lambda: read(small)), _peak(lambda: read(large))),
        "write lines": (
            _peak(lambda: write_lines(lines_small, 10)),
            _peak(lambda: write_lines(lines_large, 200)),
        ),
        "read lines": (
            _peak(lambda: read_lines(lines_small)),
            _peak(lambda: read_lines(lines_large)),
        ),
    }
    assert large.stat().st_size > 19 * small.stat().st_size
    for what, (few, many_more) in peaks.items():
        # Twenty times the reports, and not four times the memory: one report at a time
        # (the peak moves with the garbage collector's timing, not with the count).
        assert many_more < 4 * few, (what, few, many_more)


def test_a_bad_report_in_a_collection_names_where_it_starts() -> None:
    bad = Report(edition="2021", applications=Table(rows=(Row(key="invented_row"),)))
    with pytest.raises(NonconformingReportError):
        write_xml_collection([bad], io.BytesIO())
    good = (
        to_xml(next(many(1))).decode().split("\n", 1)[1].replace(f' xmlns="{XML_NAMESPACE}"', "", 1)
    )
    document = (
        f"<reports xmlns='{XML_NAMESPACE}'>\n{good}"
        "<report edition='2021'><year>soon</year></report>\n</reports>"
    ).encode()
    reports = read_xml_collection(io.BytesIO(document))
    assert next(reports) == next(many(1))
    with pytest.raises(SerialiseError, match=r"(?s)the report starting on line \d+: .*year"):
        next(reports)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (b"<reports/>", "expected <reports> in namespace"),
        (
            f"<reports xmlns='{XML_NAMESPACE}'><other/></reports>".encode(),
            "holds <report> elements only",
        ),
        (f"<reports xmlns='{XML_NAMESPACE}'><report".encode(), "not well-formed"),
        (
            b'<?xml version="1.0"?><!DOCTYPE reports [<!ENTITY x "y">]>'
            + f"<reports xmlns='{XML_NAMESPACE}'/>".encode(),
            "DOCTYPE",
        ),
    ],
)
def test_what_is_not_a_collection_is_refused(document: bytes, expected: str) -> None:
    with pytest.raises(SerialiseError, match=expected):
        list(read_xml_collection(io.BytesIO(document)))


def test_json_lines_name_the_bad_line() -> None:
    text = io.StringIO('{"edition": "2021"}\n\n{"edition": "2018"}\n')
    reports = read_json_lines(text)
    assert next(reports) == Report(edition="2021")
    with pytest.raises(SerialiseError, match="line 3: "):
        next(reports)


def test_the_xml_reader_forgets_each_report_once_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """lxml's memory is not Python's (tracemalloc does not see it): check the tree instead."""
    from disclosure_report.serialise import collection

    path = tmp_path / "reports.xml"
    with path.open("wb") as file:
        write_xml_collection(many(30), file)
    siblings = []
    real = collection.read_report  # type: ignore[attr-defined]

    def spy(element: etree._Element, *, validate: bool = True) -> Report:
        before = list(element.itersiblings(preceding=True))
        siblings.append(len(before) + sum(len(e) for e in before))
        return real(element, validate=validate)

    monkeypatch.setattr(collection, "read_report", spy)
    assert len(list(read_xml_collection(path))) == 30
    # Of the reports read before this one, only the last is left, and it is empty.
    assert siblings == [0] + [1] * 29
