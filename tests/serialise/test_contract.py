"""One exchange contract: both codecs refuse exactly what conformance refuses, in its words.

Reports are drawn from the conforming strategy and then, most of the time, broken in one of
the ways :class:`~disclosure_report.conformance.NonconformityKind` names. Then:

* ``to_xml`` and ``to_json`` raise iff ``nonconformities`` finds something, with the same
  message, and write what it accepts;
* a document written *without* any check (a plain lxml tree, a JSON text built by hand, keys
  repeated where the report repeats them) reads back, through ``from_xml`` (schema on and off)
  and ``from_json``, as the report when it conforms, and is refused with conformance's
  message when it does not.

JSON objects are unordered, so the JSON reader puts rows and cells in the official order: for
JSON the expected verdict is that of the report in official order.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from disclosure_report.conformance import MAX_NUMBER_DIGITS, nonconformities
from disclosure_report.errors import SerialiseError
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.serialise import (
    XML_NAMESPACE,
    NonconformingReportError,
    from_json,
    from_xml,
    to_json,
    to_xml,
)
from disclosure_report.serialise._conform import number_fits
from disclosure_report.tables import TableSpec, ValueKind, edition_spec
from strategies import reports

pytestmark = pytest.mark.property

_TABLE = attrs.fields(Report).applications.name  # any table field name works for typing below


def _tables(report: Report) -> list[tuple[TableSpec, Table]]:
    spec = edition_spec(report.edition)
    return [(t, getattr(report, t.key)) for t in spec.tables if getattr(report, t.key) is not None]


@st.composite
def broken_reports(draw: st.DrawFn) -> Report:
    """A conforming report, or one broken in one of the ways conformance names."""
    report = draw(reports())
    tables = _tables(report)
    how = draw(st.sampled_from(range(11)))
    if how == 0 or not tables:
        return report
    if how == 4:  # the tables with an optional row first
        tables.sort(key=lambda found: not any(r.optional for r in found[0].rows))
        spec, table = tables[0]
    else:
        spec, table = draw(st.sampled_from(tables))
    rows = list(table.rows)

    def replace(new_rows: list[Row]) -> Report:
        changes: dict[str, Any] = {spec.key: attrs.evolve(table, rows=tuple(new_rows))}
        return attrs.evolve(report, **changes)

    if how == 1:  # an undeclared row
        return replace([*rows, Row(key="invented_row", cells=())])
    if how == 2 and rows:  # a row twice
        return replace([*rows, rows[draw(st.integers(0, len(rows) - 1))]])
    if how == 3 and len(rows) > 1:  # rows out of order
        return replace(rows[::-1])
    if how == 4:  # an optional row with the rows it stands for
        optional = [r for r in spec.rows if r.optional and r.replaces]
        if optional:
            extra = [
                Row(key=r.key, cells=tuple(Cell(column=c.key) for c in r.columns))
                for r in spec.rows
                if r.optional or r.key in optional[0].replaces
            ]
            return replace(extra)
        return report
    if not rows:
        return report
    index = draw(st.integers(0, len(rows) - 1))
    row = rows[index]
    cells = list(row.cells)
    if how == 5:  # an undeclared column
        cells.append(Cell(column="invented_column"))
    elif how == 6 and cells:  # a cell twice
        cells.append(cells[0])
    elif how == 10 and cells:  # a required cell missing
        del cells[draw(st.integers(0, len(cells) - 1))]
    elif how == 7 and len(cells) > 1:  # cells out of order
        cells.reverse()
    elif how in (8, 9) and cells:  # a number too large, or a fraction in a count
        at = draw(st.integers(0, len(cells) - 1))
        value: int | Decimal = (
            draw(st.sampled_from([10**MAX_NUMBER_DIGITS, -(10**40), Decimal("1E+30")]))
            if how == 8
            else Decimal("2.5")
        )
        cells[at] = attrs.evolve(cells[at], value=value)
    rows[index] = attrs.evolve(row, cells=tuple(cells))
    return replace(rows)


def as_written(report: Report) -> Report:
    """The report as a document says it: whole numbers as int, amounts as Decimal.

    A document cannot tell ``Decimal("1E+30")`` from ``10**30`` (they are equal), and
    conformance words the two differently.
    """
    changes: dict[str, Any] = {}
    for spec, table in _tables(report):
        kinds = {c.key: c.kind for c in spec.columns}

        def number(cell: Cell, kinds: dict[str, ValueKind] = kinds) -> Cell:
            value = cell.value
            if value is None:
                return cell
            if kinds.get(cell.column) is ValueKind.AMOUNT:
                return attrs.evolve(cell, value=Decimal(_number_text(value)))
            if isinstance(value, Decimal) and value == value.to_integral_value():
                return attrs.evolve(cell, value=int(value))
            return cell

        rows = tuple(attrs.evolve(r, cells=tuple(map(number, r.cells))) for r in table.rows)
        changes[spec.key] = attrs.evolve(table, rows=rows)
    return attrs.evolve(report, **changes)


def _message(report: Report) -> str | None:
    found = nonconformities(report)
    if not found:
        return None
    return f"the report does not fit edition {report.edition}:\n" + "\n".join(map(str, found))


# --- documents written without any check ---------------------------------------------------


def _q(name: str) -> str:
    return f"{{{XML_NAMESPACE}}}{name}"


def _number_text(value: int | Decimal) -> str:
    return str(value) if isinstance(value, int) else format(value, "f")


def unchecked_xml(report: Report) -> bytes:
    """The report as XML, written with lxml as it stands: no check of any kind."""
    root = etree.Element(
        _q("report"), {"edition": str(report.edition)}, nsmap={None: XML_NAMESPACE}
    )
    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if field.name == "edition" or value is None or value == ():
            continue
        element = etree.SubElement(root, _q(field.name))
        if isinstance(value, str):
            element.text = value
        elif isinstance(value, int):
            element.text = str(value)
        elif isinstance(value, tuple):
            for paragraph in value:
                etree.SubElement(element, _q("p")).text = paragraph.text
        elif isinstance(value, Table):
            if value.heading is not None:
                etree.SubElement(element, _q("heading")).text = value.heading
            for row in value.rows:
                row_element = etree.SubElement(element, _q(row.key))
                if row.label is not None:
                    row_element.set("label", row.label)
                for cell in row.cells:
                    cell_element = etree.SubElement(row_element, _q(cell.column))
                    for name in ("unit", "marker", "raw"):
                        if getattr(cell, name) is not None:
                            cell_element.set(name, getattr(cell, name))
                    if cell.value is not None:
                        cell_element.text = _number_text(cell.value)
            for extra in value.extra_rows:
                extra_element = etree.SubElement(element, _q("extra_row"), label=extra.label)
                for text in extra.cells:
                    etree.SubElement(extra_element, _q("cell")).text = text
            for note in value.notes:
                etree.SubElement(element, _q("note")).text = note.text
        elif hasattr(value, "paragraphs"):
            if value.heading is not None:
                etree.SubElement(element, _q("heading")).text = value.heading
            for paragraph in value.paragraphs:
                etree.SubElement(element, _q("p")).text = paragraph.text
        else:
            element.text = value.isoformat()
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _json_cell(cell: Cell, kind: ValueKind) -> str:
    value = cell.value
    if value is None:
        number = "null"
    elif kind is not ValueKind.AMOUNT and value == int(value):
        number = str(int(value))
    else:
        number = json.dumps(_number_text(value))
    extra = {n: getattr(cell, n) for n in ("unit", "marker", "raw") if getattr(cell, n) is not None}
    if not extra:
        return number
    items = [f'"value":{number}'] + [f"{json.dumps(k)}:{json.dumps(t)}" for k, t in extra.items()]
    return "{" + ",".join(items) + "}"


def unchecked_json(report: Report) -> str:
    """The report as JSON text, built by hand as it stands: repeated keys stay repeated."""
    base = json.loads(json.dumps({"edition": str(report.edition)}))
    parts = [f'"edition":{json.dumps(base["edition"])}']
    spec = edition_spec(report.edition)
    for field in attrs.fields(Report):
        value = getattr(report, field.name)
        if field.name == "edition":
            continue
        if value is None:
            parts.append(f'"{field.name}":null')
        elif isinstance(value, str | int):
            parts.append(f'"{field.name}":{json.dumps(value, ensure_ascii=False)}')
        elif isinstance(value, tuple):
            parts.append(
                f'"{field.name}":{json.dumps([p.text for p in value], ensure_ascii=False)}'
            )
        elif isinstance(value, Table):
            table_spec = spec.table(field.name)
            kinds = {c.key: c.kind for c in table_spec.columns}
            rows = ",".join(
                f"{json.dumps(row.key)}:{{"
                + ",".join(
                    f"{json.dumps(c.column)}:{_json_cell(c, kinds.get(c.column, ValueKind.COUNT))}"
                    for c in row.cells
                )
                + "}"
                for row in value.rows
            )
            labels = {row.key: row.label for row in value.rows if row.label is not None}
            section = {
                "heading": value.heading,
                "row_labels": labels,
                "extra_rows": [
                    {"label": e.label, "cells": list(e.cells)} for e in value.extra_rows
                ],
                "notes": [p.text for p in value.notes],
            }
            rest = json.dumps(section, ensure_ascii=False)[1:-1]
            parts.append(f'"{field.name}":{{"rows":{{{rows}}},{rest}}}')
        elif hasattr(value, "paragraphs"):
            section = {"heading": value.heading, "paragraphs": [p.text for p in value.paragraphs]}
            parts.append(f'"{field.name}":{json.dumps(section, ensure_ascii=False)}')
        else:
            parts.append(f'"{field.name}":"{value.isoformat()}"')
    return "{" + ",".join(parts) + "}"


def in_official_order(report: Report) -> Report:
    """The report with rows and cells stably sorted by declared position (unknown ones last)."""
    changes: dict[str, Any] = {}
    for spec, table in _tables(report):
        positions = {r.key: i for i, r in enumerate(spec.rows)}

        def cells(row: Row, spec: TableSpec = spec) -> tuple[Cell, ...]:
            columns = (
                {c.key: i for i, c in enumerate(spec.row(row.key).columns)}
                if row.key in {r.key for r in spec.rows}
                else {}
            )
            return tuple(sorted(row.cells, key=lambda c: columns.get(c.column, len(columns))))

        rows = sorted(table.rows, key=lambda r: positions.get(r.key, len(positions)))
        changes[spec.key] = attrs.evolve(
            table, rows=tuple(attrs.evolve(r, cells=cells(r)) for r in rows)
        )
    return attrs.evolve(report, **changes)


# --- the contract ---------------------------------------------------------------------------


def _refused_with(action: object, message: str) -> None:
    with pytest.raises(NonconformingReportError) as caught:
        action()  # type: ignore[operator]
    assert str(caught.value) == message


@given(broken_reports())
def test_writers_refuse_exactly_what_conformance_refuses(report: Report) -> None:
    message = _message(report)
    if message is None:
        assert from_xml(to_xml(report)) == report
        assert from_json(to_json(report)) == report
    else:
        _refused_with(lambda: to_xml(report), message)
        _refused_with(lambda: to_json(report), message)


@given(broken_reports())
def test_readers_refuse_exactly_what_conformance_refuses(report: Report) -> None:
    document = unchecked_xml(report)
    message = _message(as_written(report))
    for validate in (True, False):
        if message is None:
            assert from_xml(document, validate=validate) == report
        else:
            _refused_with(lambda validate=validate: from_xml(document, validate=validate), message)
    ordered = in_official_order(as_written(report))
    text = unchecked_json(report)
    message = _message(ordered)
    if message is None:
        assert from_json(text) == ordered
    else:
        _refused_with(lambda: from_json(text), message)


@given(st.one_of(st.integers(), st.decimals(allow_nan=False, allow_infinity=False)), st.booleans())
def test_the_fast_number_check_is_the_conformance_bound(value: int | Decimal, whole: bool) -> None:
    spec = edition_spec(Edition.E2021).table(attrs.fields(Report).proactive_disclosure.name)
    row = next(r for r in spec.rows if (r.columns[0].kind is ValueKind.AMOUNT) is not whole)
    cells = tuple(
        Cell(column=c.key, value=value if i == 0 else None) for i, c in enumerate(row.columns)
    )
    report = Report(
        edition=Edition.E2021,
        proactive_disclosure=Table(rows=(Row(key=row.key, cells=cells),)),
    )
    assert number_fits(value, whole=whole) == (nonconformities(report) == ())


def test_a_refusal_is_a_serialise_error_with_the_nonconformities() -> None:
    spec = edition_spec(Edition.E2021).table(_TABLE)
    report = Report(edition=Edition.E2021, applications=Table(rows=(Row(key="invented_row"),)))
    with pytest.raises(SerialiseError) as caught:
        to_json(report)
    assert isinstance(caught.value, NonconformingReportError)
    assert caught.value.nonconformities == nonconformities(report)
    assert spec.label in str(caught.value)
