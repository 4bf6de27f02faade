"""JSON Schemas of the JSON documents, one per edition, generated from the declaration.

JSON Schema draft 2020-12. Each row and column is a property named by its key and described
by its official label; the metadata follow the attributes of
:class:`~disclosure_report.model.Report`. The generated files ship with the package
(``schemas/disclosure-report-<edition>.schema.json``); regenerate them with::

    python -m disclosure_report.serialise

and a test fails while they differ from :func:`build_json_schema`.

A document valid against its edition's schema has the shape :func:`~disclosure_report.from_json`
reads. The reader also requires what a schema cannot say: no key written twice, no optional
row together with the rows it stands for, and at most
:data:`~disclosure_report.conformance.MAX_NUMBER_DIGITS` significant digits in an amount.
"""

from __future__ import annotations

import functools
import importlib.resources
import json
from pathlib import Path
from typing import Any, Final

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.model import Edition
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.serialise import json as j
from disclosure_report.tables import Column, RowSpec, TableSpec, ValueKind, edition_spec

__all__ = ["build_json_schema", "json_schema", "json_schema_filename", "write_json_schemas"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_SCHEMAS_FOLDER: Final = "schemas"
_BOUND: Final = 10**MAX_NUMBER_DIGITS - 1


def json_schema_filename(edition: Edition | str) -> str:
    """File name of the shipped JSON Schema of ``edition``, e.g. ``disclosure-report-2021.schema.json``."""
    return f"disclosure-report-{Edition(edition)}.schema.json"


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


_TEXT: Final = {"$ref": "#/$defs/text"}
_TEXTS: Final = {"type": "array", "items": _TEXT}


def _definitions() -> dict[str, Any]:
    whole = {
        "type": "integer",
        "minimum": -_BOUND,
        "maximum": _BOUND,
        "description": f"A whole number of at most {MAX_NUMBER_DIGITS} digits.",
    }
    amount = {
        "type": "string",
        "pattern": f"^{v.CELL_DECIMAL_PATTERN}$",
        "description": "A decimal amount in plain notation, its scale kept (e.g. 12.50); "
        f"at most {MAX_NUMBER_DIGITS} significant digits.",
    }
    definitions: dict[str, Any] = {
        "text": {
            "type": "string",
            "description": "Text as printed; characters XML 1.0 cannot carry are refused.",
        },
        "date": {
            "type": "string",
            "pattern": f"^{v.DATE_PATTERN}$",
            "description": "A date written YYYY-MM-DD.",
        },
        "textSection": {
            "type": "object",
            "description": "A section of running text: its heading as printed, then paragraphs.",
            "properties": {j.HEADING: _nullable(_TEXT), j.PARAGRAPHS: _TEXTS},
            "additionalProperties": False,
        },
        "extraRow": {
            "type": "object",
            "description": "A table row the official format has no place for: label and cell texts.",
            "properties": {j.LABEL: _TEXT, j.CELLS: _TEXTS},
            "required": [j.LABEL],
            "additionalProperties": False,
        },
    }
    for kind in ValueKind:
        number = whole if v.NUMBER_KINDS[kind] is int else amount
        definitions[f"{kind.value}Number"] = number
        definitions[f"{kind.value}Cell"] = {
            "description": f"A cell of a column of kind {kind.value}: null when blank, the number, "
            "or an object when the cell holds more than a number.",
            "anyOf": [
                {"type": "null"},
                {"$ref": f"#/$defs/{kind.value}Number"},
                {
                    "type": "object",
                    "properties": {
                        j.VALUE: _nullable({"$ref": f"#/$defs/{kind.value}Number"}),
                        **dict.fromkeys(v.CELL_ATTRIBUTES, _TEXT),
                    },
                    "required": [j.VALUE],
                    "additionalProperties": False,
                },
            ],
        }
    return definitions


def _column(column: Column) -> dict[str, Any]:
    description = column.path + (f" (unit: {column.unit})" if column.unit else "")
    return {"$ref": f"#/$defs/{column.kind.value}Cell", "description": description}


def _row(row: RowSpec) -> dict[str, Any]:
    return {
        "type": "object",
        "description": row.path or "(the table's only, unlabelled row)",
        "properties": {column.key: _column(column) for column in row.columns},
        "required": [column.key for column in row.columns if not column.optional],
        "additionalProperties": False,
    }


def _table(table: TableSpec) -> dict[str, Any]:
    rows = {row.key: _row(row) for row in table.rows}
    optional = [row for row in table.rows if row.optional and row.replaces]
    rows_schema: dict[str, Any] = {
        "type": "object",
        "description": "The rows the report holds, by row key (a row not printed is absent).",
        "properties": rows,
        "additionalProperties": False,
    }
    if optional:
        rows_schema["allOf"] = [
            {
                "description": f"{row.key} stands for {', '.join(row.replaces)}: never both.",
                "not": {
                    "required": [row.key],
                    "anyOf": [{"required": [key]} for key in row.replaces],
                },
            }
            for row in optional
        ]
    return {
        "type": "object",
        "description": table.label,
        "properties": {
            j.HEADING: _nullable(_TEXT),
            j.ROWS: rows_schema,
            j.ROW_LABELS: {
                "type": "object",
                "description": "Row labels printed differently from the official ones, by row key.",
                "propertyNames": {"enum": [row.key for row in table.rows]},
                "additionalProperties": _TEXT,
            },
            j.EXTRA_ROWS: {"type": "array", "items": {"$ref": "#/$defs/extraRow"}},
            j.NOTES: _TEXTS,
        },
        "additionalProperties": False,
    }


_FIELD_SCHEMAS: Final = {
    v.FieldKind.TEXT: _nullable(_TEXT),
    v.FieldKind.INTEGER: {"type": ["integer", "null"]},
    v.FieldKind.DATE: _nullable({"$ref": "#/$defs/date"}),
    v.FieldKind.PARAGRAPHS: _TEXTS,
}


def build_json_schema(edition: Edition | str) -> str:
    """Generate the JSON Schema of ``edition`` from the declaration.

    Returns:
        The schema as JSON text (two-space indentation, UTF-8 text as is, a final newline),
        deterministic: the same declaration always gives the same text.
    """
    edition = Edition(edition)
    spec = edition_spec(edition)
    plan = v.edition_plan(edition)
    properties: dict[str, Any] = {}
    for field in v.REPORT_FIELDS:
        if field.kind is v.FieldKind.EDITION:
            properties[field.name] = {"const": str(edition)}
        elif field.kind in _FIELD_SCHEMAS:
            properties[field.name] = {
                **_FIELD_SCHEMAS[field.kind],
                "description": f"Report.{field.name}",
            }
        elif field.name in plan.sections:
            section = plan.sections[field.name]
            if isinstance(section, TableSpec):
                properties[field.name] = _nullable(_table(section))
            else:
                properties[field.name] = {
                    **_nullable({"$ref": "#/$defs/textSection"}),
                    "description": section.label,
                }
    schema = {
        "$schema": DRAFT,
        "$id": f"{v.XML_NAMESPACE}:json:{edition}",
        "title": f"{spec.name}（{spec.notice}）",
        "description": f"Government information disclosure annual report, edition {edition}, "
        f"as JSON; vocabulary version {v.VOCABULARY_VERSION}. Generated from "
        "disclosure_report.tables by disclosure_report.serialise.json_schema: do not edit by hand.",
        "type": "object",
        "properties": properties,
        "required": [v.EDITION_ATTRIBUTE],
        "additionalProperties": False,
        "$defs": _definitions(),
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


@functools.cache
def _shipped(edition: Edition) -> str:
    package = v.__name__.rpartition(".")[0]
    resource = importlib.resources.files(package).joinpath(_SCHEMAS_FOLDER)
    return resource.joinpath(json_schema_filename(edition)).read_text(encoding="utf-8")


def json_schema(edition: Edition | str) -> dict[str, Any]:
    """Return the shipped JSON Schema of ``edition`` as a new dict (the file is read once).

    Hand it to any JSON Schema validator (draft 2020-12), e.g.
    ``jsonschema.Draft202012Validator(json_schema("2021"))``.

    Raises:
        FileNotFoundError: the package was installed without its schema files.
    """
    data: dict[str, Any] = json.loads(_shipped(Edition(edition)))
    return data


def write_json_schemas(directory: Path | str | None = None) -> list[Path]:
    """Write the JSON Schema of every edition (default: into the package's ``schemas`` folder).

    Returns:
        The paths written, oldest edition first.
    """
    target = Path(__file__).parent / _SCHEMAS_FOLDER if directory is None else Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for edition in Edition:
        path = target / json_schema_filename(edition)
        path.write_bytes(build_json_schema(edition).encode("utf-8"))
        written.append(path)
    return written
