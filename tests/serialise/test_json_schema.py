"""The JSON Schemas: generated from the declaration, shipped unchanged, and as strict as meant."""

from __future__ import annotations

import importlib.resources
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from disclosure_report.model import Edition
from disclosure_report.serialise import to_json
from disclosure_report.serialise.json_schema import (
    build_json_schema,
    json_schema,
    json_schema_filename,
    write_json_schemas,
)
from disclosure_report.tables import TableSpec, edition_spec

from ._reports import full_report


def shipped(edition: Edition) -> dict[str, Any]:
    """The file shipped in the package, read independently of the module."""
    resource = importlib.resources.files("disclosure_report.serialise").joinpath(
        "schemas", json_schema_filename(edition)
    )
    data: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return data


VALIDATORS = {e: jsonschema.Draft202012Validator(shipped(e)) for e in Edition}


@pytest.mark.parametrize("edition", list(Edition))
def test_shipped_schema_matches_the_declaration(edition: Edition) -> None:
    """Fails after a change to tables.py until `python -m disclosure_report.serialise` is run."""
    assert shipped(edition) == json.loads(build_json_schema(edition))
    assert json_schema(edition) == shipped(edition)


@pytest.mark.parametrize("edition", list(Edition))
def test_schema_is_a_valid_draft_2020_12_schema_and_deterministic(edition: Edition) -> None:
    jsonschema.Draft202012Validator.check_schema(shipped(edition))
    assert build_json_schema(edition) == build_json_schema(edition)


def test_write_json_schemas(tmp_path: Path) -> None:
    written = write_json_schemas(tmp_path)
    assert [p.name for p in written] == [json_schema_filename(e) for e in Edition]
    for path, edition in zip(written, Edition, strict=True):
        assert json.loads(path.read_text(encoding="utf-8")) == shipped(edition)


@pytest.mark.parametrize("edition", list(Edition))
def test_every_row_and_column_with_its_official_label(edition: Edition) -> None:
    schema = shipped(edition)
    for section in edition_spec(edition).sections:
        assert section.key in schema["properties"]
        if not isinstance(section, TableSpec):
            continue
        [table] = [
            s for s in schema["properties"][section.key]["anyOf"] if s.get("type") == "object"
        ]
        rows = table["properties"]["rows"]["properties"]
        assert list(rows) == [r.key for r in section.rows]
        for row in section.rows:
            assert rows[row.key]["description"] == (
                row.path or "(the table's only, unlabelled row)"
            )
            assert list(rows[row.key]["properties"]) == [c.key for c in row.columns]
            for column in row.columns:
                assert rows[row.key]["properties"][column.key]["description"].startswith(
                    column.path
                )


@pytest.mark.parametrize("edition", list(Edition))
def test_full_report_validates(edition: Edition) -> None:
    VALIDATORS[edition].validate(json.loads(to_json(full_report(edition))))


def _valid(edition: Edition, document: dict[str, Any]) -> bool:
    return VALIDATORS[edition].is_valid(document)


def test_schema_refuses_what_the_reader_refuses() -> None:
    edition = Edition.E2021
    good = json.loads(to_json(full_report(edition)))
    assert _valid(edition, good)
    spec = edition_spec(edition).table("applications")
    row, column = spec.rows[0].key, spec.rows[0].columns[0].key

    def changed(path: list[str], value: Any) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(json.dumps(good))
        target = document
        for key in path[:-1]:
            target = target[key]
        if value is KeyError:
            del target[path[-1]]
        else:
            target[path[-1]] = value
        return document

    cells = ["applications", "rows", row, column]
    for bad in (
        changed(["colour"], "red"),
        changed(["edition"], "2019"),
        changed(["year"], "2024"),
        changed(["publication_date"], "20th"),
        changed(cells, 1.5),
        changed(cells, "1"),
        changed(cells, True),
        changed(cells, 10**28),
        changed(cells, {"value": 1, "colour": "red"}),
        changed(cells, {"marker": "/"}),
        changed(["applications", "rows", row, "invented"], 1),
        changed(["applications", "rows", "invented"], {}),
        changed(["applications", "rows", row, "total"], KeyError),
        changed(["applications", "row_labels", "invented"], "x"),
        changed(
            ["proactive_disclosure", "rows", "administrative_fees", "fee_amount_wan_yuan"], 12.5
        ),
        changed(
            ["proactive_disclosure", "rows", "administrative_fees", "fee_amount_wan_yuan"], "1E+2"
        ),
    ):
        assert not _valid(edition, bad), bad
    both = changed(
        ["applications", "rows", "other_handling"], good["applications"]["rows"]["other_misc"]
    )
    assert not _valid(edition, both), "an optional row with the rows it stands for"
    assert _valid(edition, changed(["applications", "rows", row, "total"], None))
    assert _valid(edition, changed(cells, {"value": None, "marker": "/"}))
