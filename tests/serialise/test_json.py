"""The JSON codec: shape, determinism, exact numbers, strict reading with cattrs paths."""

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
from disclosure_report.serialise import from_json, to_json
from disclosure_report.serialise import json as json_module
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
    assert list(data) == [f.name for f in _R]  # model order, every attribute set
    assert data[_R.edition.name] == "2021"
    assert data[_R.publication_date.name] == "2025-01-20"
    assert "政府" in to_json(report)  # ensure_ascii=False
    assert "\n" not in to_json(report)  # compact


def _report_with_values(*values: int | Decimal | None) -> Report:
    spec = edition_spec(Edition.E2021).table(PROACTIVE)
    row = next(r for r in spec.rows if r.columns[0].kind is ValueKind.AMOUNT)
    cells = tuple(Cell(column=row.columns[0].key, value=v) for v in values)
    return Report(
        edition=Edition.E2021, proactive_disclosure=Table(rows=(Row(key=row.key, cells=cells),))
    )


def _values(data: dict[str, Any]) -> list[Any]:
    return [c.get("value") for c in data[PROACTIVE]["rows"][0]["cells"]]


def test_int_is_a_number_and_decimal_a_string() -> None:
    report = _report_with_values(3, Decimal("12.50"), None, Decimal("1E+2"), Decimal("-0.0001"))
    text = to_json(report)
    assert _values(json.loads(text)) == [3, "12.50", None, "1E+2", "-0.0001"]
    back = from_json(text)
    assert back == report
    table, sent_table = back.proactive_disclosure, report.proactive_disclosure
    assert table is not None
    assert sent_table is not None
    for got, sent in zip(table.rows[0].cells, sent_table.rows[0].cells, strict=True):
        assert type(got.value) is type(sent.value)
        if isinstance(sent.value, Decimal):
            assert isinstance(got.value, Decimal)
            assert got.value.as_tuple() == sent.value.as_tuple()


def test_empty_string_is_kept_and_none_left_out() -> None:
    report = Report(edition=Edition.E2019, organ="", title=None, preamble=(Paragraph(text=""),))
    data = json.loads(to_json(report))
    assert data["organ"] == ""
    assert "title" not in data
    assert from_json(to_json(report)) == report
    # An explicit null and a missing key mean the same.
    assert from_json('{"edition": "2019", "title": null, "organ": ""}') == Report(
        edition=Edition.E2019, organ=""
    )


@pytest.mark.parametrize("text", ["\r\n", "\t x ", "\u3000", '"\\', "\U0001f600"])
def test_awkward_text_round_trips(text: str) -> None:
    report = Report(edition=Edition.E2021, organ=text, closing=(Paragraph(text=text),))
    assert from_json(to_json(report)) == report


def test_bytes_input() -> None:
    report = full_report(Edition.E2019)
    assert from_json(to_json(report).encode("utf-8")) == report
    assert from_json(to_json(report).encode("utf-16")) == report


# --- errors ------------------------------------------------------------------------------


def _one_cell(value: Any) -> str:
    row = edition_spec(Edition.E2021).table(APPLICATIONS).rows[3]
    data = {
        "edition": "2021",
        APPLICATIONS: {
            "rows": [{"key": row.key, "cells": [{"column": row.columns[0].key, "value": value}]}]
        },
    }
    return json.dumps(data)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("abc", "decimal number"),
        (" 12", "decimal number"),
        ("1_000", "decimal number"),
        ("NaN", "decimal number"),
        (1.5, "not float"),
        (True, "not bool"),
        ([1], "not list"),
        ({"n": 1}, "not dict"),
    ],
)
def test_bad_cell_value_names_its_path(value: Any, expected: str) -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json(_one_cell(value))
    message = str(caught.value)
    assert expected in message
    assert f"$.{APPLICATIONS}.rows[0].cells[0].value" in message


@pytest.mark.parametrize(
    ("document", "path", "expected"),
    [
        ('{"edition": "2021", "year": "2024"}', "$.year", "expected an integer"),
        ('{"edition": "2021", "year": true}', "$.year", "expected an integer"),
        ('{"edition": "2021", "organ": 5}', "$.organ", "expected a string"),
        ('{"edition": "2021", "organ": "a\\u0001b"}', "$.organ", "U+0001"),
        ('{"edition": "2021", "publication_date": "20th"}', "$.publication_date", "date"),
        ('{"edition": "2021", "publication_date": 20250120}', "$.publication_date", "date"),
        ('{"edition": "2018"}', "$.edition", "expected an edition"),
        ('{"edition": 2021}', "$.edition", "expected an edition"),
        ('{"organ": "x"}', "$.edition", "required field missing"),
        ('{"edition": "2021", "colour": "red"}', "$", "extra fields found (colour)"),
        ('{"edition": "2021", "preamble": "text"}', "$.preamble", "expected an array"),
        (
            '{"edition": "2021", "preamble": [{"text": "a", "source": {"line": 1}}]}',
            "$.preamble[0]",
            "source",
        ),
        ('{"edition": "2021", "preamble": [{}]}', "$.preamble[0].text", "required field missing"),
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
        ('{"edition": "2021", "applications": []}', "$.applications", ""),
    ],
)
def test_wrong_shapes_name_their_path(document: str, path: str, expected: str) -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json(document)
    message = str(caught.value)
    assert f"@ {path}" in message
    assert expected in message


def test_every_problem_is_listed() -> None:
    with pytest.raises(SerialiseError) as caught:
        from_json('{"edition": "2021", "year": "x", "organ": 1, "title": 2}')
    message = str(caught.value)
    for path in ("$.year", "$.organ", "$.title"):
        assert path in message


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


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [f.name for f in _R] + ["rows", "cells", "key", "column", "value", "text"]
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
