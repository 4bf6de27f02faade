"""The JSON codec: shape, determinism, exact numbers, strict reading with paths to each problem."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Cell, Edition, Paragraph, Report, Row, Table
from disclosure_report.serialise import NonconformingReportError, from_json, to_json
from disclosure_report.serialise import json as json_module
from disclosure_report.serialise import records as records_module
from disclosure_report.serialise import xml as xml_module
from disclosure_report.tables import ValueKind, edition_spec

from ._reports import full_report, with_provenance

_R = attrs.fields(Report)
APPLICATIONS = _R.applications.name
PROACTIVE = _R.proactive_disclosure.name
SOURCE = attrs.fields(Cell).source.name


def keys_anywhere(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_anywhere(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_anywhere(v)}
    return set()


@pytest.mark.parametrize("edition", list(Edition))
def test_full_report_round_trips_and_drops_provenance(edition: Edition) -> None:
    report = full_report(edition)
    text = to_json(report)
    assert from_json(text) == report
    assert to_json(with_provenance(report)) == text
    assert SOURCE not in keys_anywhere(json.loads(text))


def test_shape() -> None:
    report = full_report(Edition.E2021)
    data = json.loads(to_json(report))
    assert list(data) == [f.name for f in _R]  # model order, every attribute written
    assert data[_R.edition.name] == "2021"
    assert data[_R.publication_date.name] == "2025-01-20"
    assert "政府" in to_json(report)  # ensure_ascii=False
    assert "\n" not in to_json(report)  # compact
    spec = edition_spec(Edition.E2021)
    for table in spec.tables:
        section = data[table.key]
        assert list(section) == ["heading", "rows", "row_labels", "extra_rows", "notes"]
        # Rows keyed by row key, cells by column key, in the official order.
        assert list(section["rows"]) == [r.key for r in table.expected_rows(())]
        for row in table.expected_rows(()):
            assert list(section["rows"][row.key]) == [c.key for c in row.columns]


def test_blank_is_null_and_a_missing_section_is_null() -> None:
    report = Report(edition=Edition.E2019, organ="")
    data = json.loads(to_json(report))
    assert data["organ"] == ""
    assert data["title"] is None
    assert data[APPLICATIONS] is None
    assert data["preamble"] == []
    spec = edition_spec(Edition.E2021).table(APPLICATIONS)
    row = spec.rows[0]
    blank = Report(
        edition=Edition.E2021,
        applications=Table(
            rows=(
                Row(
                    key=row.key,
                    cells=tuple(Cell(column=c.key) for c in row.columns if not c.optional),
                ),
            )
        ),
    )
    cells = json.loads(to_json(blank))[APPLICATIONS]["rows"][row.key]
    assert set(cells.values()) == {None}
    assert from_json(to_json(blank)) == blank


def _report_with_value(value: int | Decimal | None) -> Report:
    spec = edition_spec(Edition.E2021).table(PROACTIVE)
    row = next(r for r in spec.rows if r.columns[0].kind is ValueKind.AMOUNT)
    cells = (Cell(column=row.columns[0].key, value=value),)
    return Report(
        edition=Edition.E2021, proactive_disclosure=Table(rows=(Row(key=row.key, cells=cells),))
    )


def _amount(data: dict[str, Any]) -> Any:
    [row] = data[PROACTIVE]["rows"].values()
    [value] = row.values()
    return value


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (Decimal("12.50"), "12.50"),
        (Decimal("1E+2"), "100"),
        (Decimal("-0.0001"), "-0.0001"),
        (3, "3"),
        (None, None),
    ],
)
def test_amounts_are_decimal_strings_keeping_their_scale(
    value: int | Decimal | None, written: str | None
) -> None:
    report = _report_with_value(value)
    text = to_json(report)
    assert _amount(json.loads(text)) == written
    back = from_json(text)
    assert back == report
    assert back.proactive_disclosure is not None
    got = back.proactive_disclosure.rows[0].cells[0].value
    if written is not None:
        assert isinstance(got, Decimal)
        assert format(got, "f") == written


def test_counts_are_json_integers() -> None:
    report = full_report(Edition.E2019)
    data = json.loads(to_json(report))
    counts = [
        value
        for row in data[APPLICATIONS]["rows"].values()
        for value in row.values()
        if not isinstance(value, dict) and value is not None
    ]
    assert counts
    assert all(type(value) is int for value in counts)


@pytest.mark.parametrize("text", ["\r\n", "\t x ", "\u3000", '"\\', "\U0001f600"])
def test_awkward_text_round_trips(text: str) -> None:
    report = Report(edition=Edition.E2021, organ=text, closing=(Paragraph(text=text),))
    assert from_json(to_json(report)) == report


def test_bytes_input() -> None:
    report = full_report(Edition.E2019)
    assert from_json(to_json(report).encode("utf-8")) == report
    assert from_json(to_json(report).encode("utf-16")) == report


def test_keys_in_any_order_read_in_the_official_order() -> None:
    report = full_report(Edition.E2021)
    data = json.loads(to_json(report))
    for table in edition_spec(Edition.E2021).tables:
        rows = data[table.key]["rows"]
        data[table.key]["rows"] = {k: dict(reversed(rows[k].items())) for k in reversed(rows)}
    assert from_json(json.dumps(data, ensure_ascii=False)) == report


# --- errors ------------------------------------------------------------------------------

ROW = edition_spec(Edition.E2021).table(APPLICATIONS).rows[3]
COLUMN = ROW.columns[0]


def _one_cell(value: Any) -> str:
    cells = {c.key: (value if c is COLUMN else None) for c in ROW.columns if not c.optional}
    return json.dumps({"edition": "2021", APPLICATIONS: {"rows": {ROW.key: cells}}})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", "expected an integer"),
        (" 12", "expected an integer"),
        ("1_000", "expected an integer"),
        ("NaN", "expected an integer"),
        ("5.0", "written as an integer"),
        (1.5, "not a fractional number"),
        (True, "not a boolean"),
        ([1], "not an array"),
        ({"n": 1}, "unknown keys: n"),
    ],
)
def test_bad_cell_value_names_its_path(value: Any, expected: str) -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json(_one_cell(value))
    message = str(caught.value)
    assert expected in message
    assert f"$.{APPLICATIONS}.rows.{ROW.key}.{COLUMN.key}" in message


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1.5", "has a fraction"),
        (10**28, "more than 28 digits"),
    ],
)
def test_nonconforming_values_are_refused_in_conformance_words(value: Any, reason: str) -> None:
    with pytest.raises(NonconformingReportError, match=reason):
        from_json(_one_cell(value))


@pytest.mark.parametrize(
    ("document", "path", "expected"),
    [
        ('{"edition": "2021", "year": "2024"}', "$.year", "expected an integer"),
        ('{"edition": "2021", "year": true}', "$.year", "expected an integer"),
        ('{"edition": "2021", "organ": 5}', "$.organ", "expected a string"),
        ('{"edition": "2021", "organ": "a\\u0001b"}', "$.organ", "U+0001"),
        ('{"edition": "2021", "publication_date": "20th"}', "$.publication_date", "date"),
        ('{"edition": "2021", "publication_date": 20250120}', "$.publication_date", "date"),
        ('{"edition": "2021", "publication_date": "2024-02-30"}', "$.publication_date", "date"),
        ('{"edition": "2018"}', "$.edition", "expected an edition"),
        ('{"edition": 2021}', "$.edition", "expected an edition"),
        ('{"organ": "x"}', "$.edition", "required key missing"),
        ('{"edition": "2021", "colour": "red"}', "$", "unknown keys: colour"),
        ('{"edition": "2021", "organ": "a", "organ": "b"}', "$", "keys written twice: organ"),
        # compact, and with colons in the text: the colon count cannot hide the repeated key
        ('{"edition":"2021","organ":"a","organ":"b"}', "$", "keys written twice: organ"),
        ('{"edition":"2021","organ":"a:","organ":"b:"}', "$", "keys written twice: organ"),
        ('{"edition":"2021","title":"a\\":","organ":"a","organ":"b"}', "$", "written twice"),
        ('{"edition": "2021", "preamble": "text"}', "$.preamble", "expected an array"),
        ('{"edition": "2021", "preamble": [{"text": "a"}]}', "$.preamble[0]", "expected a string"),
        (
            '{"edition": "2021", "applications": {"extra_rows": [{"label": "x", "cells": "abc"}]}}',
            "$.applications.extra_rows[0].cells",
            "expected an array",
        ),
        (
            '{"edition": "2021", "applications": {"extra_rows": [{"label": "x", "cells": [1]}]}}',
            "$.applications.extra_rows[0].cells[0]",
            "expected a string",
        ),
        ('{"edition": "2021", "applications": []}', "$.applications", "expected an object"),
        (
            '{"edition": "2021", "applications": {"rows": {}, "row_labels": {"granted": "x"}}}',
            "$.applications.row_labels.granted",
            "a label for a row the table does not hold",
        ),
    ],
)
def test_wrong_shapes_name_their_path(document: str, path: str, expected: str) -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json(document)
    message = str(caught.value)
    assert f"{path}:" in message
    assert expected in message


def test_every_problem_is_listed() -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json('{"edition": "2021", "year": "x", "organ": 1, "title": 2}')
    message = str(caught.value)
    for path in ("$.year", "$.organ", "$.title"):
        assert path in message


def test_repeated_rows_and_cells_are_refused_in_conformance_words() -> None:
    cells = ", ".join(f'"{c.key}": 1' for c in ROW.columns if not c.optional)
    twice = f'{{"edition": "2021", "{APPLICATIONS}": {{"rows": {{"{ROW.key}": {{{cells}}}, "{ROW.key}": {{{cells}}}}}}}}}'
    with pytest.raises(NonconformingReportError, match="appears twice"):
        from_json(twice)
    cell_twice = f'{{"edition": "2021", "{APPLICATIONS}": {{"rows": {{"{ROW.key}": {{{cells}, "{COLUMN.key}": 2}}}}}}}}'
    with pytest.raises(NonconformingReportError, match="two cells for column"):
        from_json(cell_twice)


def test_undeclared_row_and_column_are_refused_in_conformance_words() -> None:
    with pytest.raises(NonconformingReportError, match="is not a row of"):
        from_json(f'{{"edition": "2021", "{APPLICATIONS}": {{"rows": {{"invented": {{}}}}}}}}')
    with pytest.raises(NonconformingReportError, match="not a column of this row"):
        from_json(_one_cell(1).replace(f'"{COLUMN.key}"', '"invented"'))


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("", "line 1, column 1"),
        ("{", "not valid JSON"),
        ('{"edition": "2021",\n "year": }', "line 2"),
        ("[]", "expected a JSON object"),
        ("null", "expected a JSON object"),
        ('"report"', "expected a JSON object"),
        ('{"edition": "2021", "year": ' + "9" * 5000 + "}", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        (b"\xff\xfe\x00", "not valid JSON"),
    ],
)
def test_not_json_is_a_serialise_error(document: str | bytes, expected: str) -> None:
    with pytest.raises(SerialiseError, match=expected.replace("[", r"\[")):
        from_json(document)


def test_wrong_input_type_and_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SerialiseError, match="str or bytes"):
        from_json(42)  # type: ignore[arg-type]
    monkeypatch.setattr(json_module, "MAX_JSON_BYTES", 10)
    with pytest.raises(SerialiseError, match="limit"):
        from_json('{"edition": "2021"}')
    # The limit is in bytes: a text under it in characters but over it in UTF-8 is refused.
    document = '{"organ":"某某某某某"}'
    monkeypatch.setattr(json_module, "MAX_JSON_BYTES", len(document) + 1)
    with pytest.raises(SerialiseError, match=f"{len(document.encode())} bytes"):
        from_json(document)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [f.name for f in _R]
                + ["rows", "row_labels", "cells", "heading", "paragraphs", "label", "value"]
                + ["granted", "natural_person", "total", "cases", "review_total"]
            ),
            children,
            max_size=4,
        )
    ),
    max_leaves=20,
)


@pytest.mark.property
@given(json_values, st.sampled_from(list(Edition)))
def test_arbitrary_json_raises_only_serialise_error(value: Any, edition: Edition) -> None:
    document = value if not isinstance(value, dict) else {"edition": str(edition), **value}
    try:
        report = from_json(json.dumps(document))
    except SerialiseError:
        return
    assert from_json(to_json(report)) == report


@pytest.mark.parametrize(
    "document",
    [
        '{"edition":"2021","organ":"a","organ":"b"}',
        '{"edition":"2021","organ":"x\\\\\\":","organ":"b"}',  # '":' inside a string too
        '{"edition":"2021","title" :"t","organ":"a","organ":"b"}',  # a space before a colon
        '{"edition":"2021","applications":{"rows":{},"rows":{}}}',
    ],
)
def test_a_repeated_key_is_refused_however_the_document_is_written(document: str) -> None:
    json.loads(document)  # valid JSON: the plain parser would keep the last value
    with pytest.raises(SerialiseError, match="written twice"):
        from_json(document)
    with pytest.raises(SerialiseError, match="written twice"):
        from_json(document.encode("utf-8"))


def test_a_written_document_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repeated-key check passes on what to_json writes, so no second, slower parse runs."""
    calls = []
    real = json_module._load

    def counted(text: str | bytes | bytearray, *, pairs: bool = True) -> object:
        calls.append(pairs)
        return real(text, pairs=pairs)

    monkeypatch.setattr(json_module, "_load", counted)
    for edition in Edition:
        report = full_report(edition)
        assert from_json(to_json(report)) == report
    assert calls == [False, False]


def test_a_huge_exponent_is_refused_before_any_writer_runs() -> None:
    """The issue's example: "1E+999999999" once read fine and then made to_xml run for minutes."""
    fees = next(
        r
        for r in edition_spec(Edition.E2021).table(PROACTIVE).rows
        if r.columns[0].kind is ValueKind.AMOUNT
    )
    document = json.dumps(
        {"edition": "2021", PROACTIVE: {"rows": {fees.key: {fees.columns[0].key: "1E+999999999"}}}}
    )
    with pytest.raises(SerialiseError, match="decimal string"):
        from_json(document)
    report = Report(
        edition=Edition.E2021,
        proactive_disclosure=Table(
            rows=(
                Row(
                    key=fees.key,
                    cells=(Cell(column=fees.columns[0].key, value=Decimal("1E+999999999")),),
                ),
            )
        ),
    )
    for write in (to_json, xml_module.to_xml, records_module.to_csv):
        with pytest.raises(NonconformingReportError, match="more than 28 digits"):
            write(report)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
@pytest.mark.parametrize(
    "document",
    [
        '{"edition":"2021","organ":"a","organ":"b"}',
        '{"edition": "2021", "organ": "为:", "organ" : "b"}',
    ],
)
def test_a_repeated_key_in_bytes_is_refused_whatever_the_encoding(
    document: str, encoding: str
) -> None:
    with pytest.raises(SerialiseError, match="keys written twice: organ"):
        from_json(document.encode(encoding))


@pytest.mark.parametrize("value", [3, 0, None, Decimal(3), Decimal("3.0")])
def test_what_a_count_is_written_as_is_kept_and_never_stands_for_another_value(
    value: int | Decimal | None,
) -> None:
    """``to_json`` keeps what each count is written as: the output stays what ``json.dumps``
    writes of the report's data, whatever was written before."""
    from disclosure_report.build import replace_cell

    report = full_report()
    for before in (3, 0, None):
        to_json(replace_cell(report, "applications", "granted", "natural_person", before))
    changed = replace_cell(report, "applications", "granted", "natural_person", value)
    expected = json.dumps(
        json_module.report_to_data(changed), ensure_ascii=False, separators=(",", ":")
    )
    assert to_json(changed) == expected


@pytest.mark.parametrize("value", [10**40, -(10**40)])
def test_a_count_out_of_bounds_is_refused_after_counts_were_written(value: int) -> None:
    report = full_report()
    to_json(report)
    table = report.applications
    assert table is not None
    row = table.rows[0]
    cells = (attrs.evolve(row.cells[0], value=value), *row.cells[1:])
    wrong = attrs.evolve(
        report,
        applications=attrs.evolve(table, rows=(attrs.evolve(row, cells=cells), *table.rows[1:])),
    )
    with pytest.raises(NonconformingReportError):
        to_json(wrong)
