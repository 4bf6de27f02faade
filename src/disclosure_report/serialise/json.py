"""The JSON codec: :func:`to_json` and :func:`from_json`, the XML vocabulary's shape in JSON.

A report is one object, its keys the XML's element names in the same order; a table holds
its rows in an object keyed by row key, and each row its cells in an object keyed by column
key, so ``data["applications"]["rows"]["granted"]["natural_person"]`` is one number::

    {
      "edition": "2021",
      "organ": "某某市人民政府办公室",
      "year": 2024,
      "title": null,
      "publication_date": "2025-01-20",
      "period_start": "2024-01-01",
      "period_end": "2024-12-31",
      "preamble": ["根据《中华人民共和国政府信息公开条例》……"],
      "overview": {"heading": "一、总体情况", "paragraphs": ["……"]},
      "proactive_disclosure": {
        "heading": "二、主动公开政府信息情况",
        "rows": {
          "regulations": {"issued": 3, "repealed": null, "in_force": {"value": null, "marker": "/"}},
          "administrative_fees": {"fee_amount_wan_yuan": "12.50"}
        },
        "row_labels": {"normative_documents": "规范性文件"},
        "extra_rows": [{"label": "合计", "cells": ["5"]}],
        "notes": ["注：……"]
      },
      ...
    }

Rules (the same as the XML's; the shipped JSON Schema of each edition states them):

* every key of the report and of a section is always written; ``None`` is ``null``, ``""``
  is ``""``; a section the report lacks is ``null``;
* a row the report lacks is absent from ``rows``; a blank cell is ``null``;
* a number is a JSON integer in a column of whole numbers and a string in plain notation
  in a column of amounts (``"12.50"``: the scale is kept, no float rounding);
* a cell that holds more than a number (a unit, a marker, the printed text) is an object:
  ``value`` always, then ``unit``, ``marker``, ``raw`` when set;
* a row label printed differently from the official one is in ``row_labels``;
* provenance is never written.

Output is compact (no spaces), UTF-8 text as is (``ensure_ascii=False``), identical for equal
reports. Reading is strict: no unknown or repeated keys, no type coercion, and the report must
fit its edition (:func:`~disclosure_report.conformance.nonconformities`); each problem is
named by its path, e.g. ``$.applications.rows.granted.natural_person``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from disclosure_report.errors import SerialiseError
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Table,
    TextSection,
    xml_illegal_characters,
)
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.serialise._conform import (
    LIMIT,
    InternTable,
    intern_table,
    number_fits,
    refuse_nonconforming,
)

__all__ = ["MAX_JSON_BYTES", "from_json", "report_from_data", "report_to_data", "to_json"]

MAX_JSON_BYTES: Final = 50 * 1024 * 1024
"""Largest document :func:`from_json` reads (a real report is about 15 KB)."""

HEADING: Final = v.HEADING
PARAGRAPHS: Final = "paragraphs"
ROWS: Final = "rows"
ROW_LABELS: Final = "row_labels"
EXTRA_ROWS: Final = "extra_rows"
NOTES: Final = "notes"
LABEL: Final = v.EXTRA_ROW_LABEL
CELLS: Final = "cells"
VALUE: Final = "value"
TABLE_KEYS: Final = (HEADING, ROWS, ROW_LABELS, EXTRA_ROWS, NOTES)
"""The keys of a table section's object, in the order they are written."""
TEXT_SECTION_KEYS: Final = (HEADING, PARAGRAPHS)
EXTRA_ROW_KEYS: Final = (LABEL, CELLS)
CELL_KEYS: Final = (VALUE, *v.CELL_ATTRIBUTES)
"""The keys of a cell written as an object, in the order they are written."""

_DUMP: Final = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)


# --- writing -------------------------------------------------------------------------------


class _Unproven(Exception):  # noqa: N818 - a signal inside this module
    """The walk cannot prove the report conforms: the real check decides."""


def _number(value: int | Decimal | None, column: v.ColumnPlan) -> object:
    """A cell's number as written: null, a JSON integer, or a decimal string (amounts)."""
    if value is None:
        return None
    if value.__class__ is int and column.number is int:
        if not -LIMIT < value < LIMIT:
            raise _Unproven
        return value
    if not number_fits(value, whole=column.number is int):
        raise _Unproven
    text = v.format_number(value, column.column)
    return int(text) if column.number is int else text


def _cell_data(cell: Cell, column: v.ColumnPlan) -> object:
    number = _number(cell.value, column)
    if cell.unit is None and cell.marker is None and cell.raw is None:
        return number
    item: dict[str, object] = {VALUE: number}
    for name, attribute in zip(v.CELL_ATTRIBUTES, (cell.unit, cell.marker, cell.raw), strict=True):
        if attribute is not None:
            item[name] = attribute
    return item


def _placed(row: Row, plan: v.RowPlan) -> Iterator[tuple[Cell, v.ColumnPlan]]:
    """The row's cells with their plans, proving order and completeness on the way."""
    columns = plan.columns
    last = -1
    required = 0
    for cell in row.cells:
        found = columns.get(cell.column)
        if found is None or found.position <= last:
            raise _Unproven
        last = found.position
        required += found.required
        yield cell, found
    if required != plan.required:
        raise _Unproven


def _rows(table: Table, plan: v.TablePlan) -> Iterator[tuple[Row, v.RowPlan]]:
    """The table's rows with their plans, proving order and replaced rows on the way."""
    last = -1
    optional = False
    for row in table.rows:
        row_plan = plan.rows.get(row.key)
        if row_plan is None or row_plan.position <= last:
            raise _Unproven
        last = row_plan.position
        optional = optional or row_plan.spec.optional
        yield row, row_plan
    if optional:
        keys = {row.key for row in table.rows}
        for spec in plan.spec.rows:
            if spec.optional and spec.key in keys and keys.intersection(spec.replaces):
                raise _Unproven


def _table_data(table: Table, plan: v.TablePlan) -> dict[str, object]:
    rows: dict[str, object] = {}
    labels: dict[str, str] = {}
    for row, row_plan in _rows(table, plan):
        rows[row.key] = {
            cell.column: _cell_data(cell, found) for cell, found in _placed(row, row_plan)
        }
        if row.label is not None:
            labels[row.key] = row.label
    return {
        HEADING: table.heading,
        ROWS: rows,
        ROW_LABELS: labels,
        EXTRA_ROWS: [{LABEL: e.label, CELLS: list(e.cells)} for e in table.extra_rows],
        NOTES: [p.text for p in table.notes],
    }


def _data(report: Report) -> dict[str, object]:
    plan = v.edition_plan(report.edition)
    data: dict[str, object] = {}
    for field in v.REPORT_FIELDS:
        value = getattr(report, field.name)
        kind = field.kind
        if kind is v.FieldKind.EDITION:
            data[field.name] = str(value)
        elif value is None or kind in _PLAIN:
            data[field.name] = value
        elif kind is v.FieldKind.DATE:
            data[field.name] = value.isoformat()
        elif kind is v.FieldKind.PARAGRAPHS:
            data[field.name] = [p.text for p in value]
        elif field.name not in plan.sections:
            raise _Unproven
        elif kind is v.FieldKind.TEXT_SECTION:
            data[field.name] = {
                HEADING: value.heading,
                PARAGRAPHS: [p.text for p in value.paragraphs],
            }
        else:
            data[field.name] = _table_data(value, plan.tables[field.name])
    return data


_PLAIN: Final = frozenset({v.FieldKind.TEXT, v.FieldKind.INTEGER})


def report_to_data(report: Report) -> dict[str, Any]:
    """The JSON document of ``report`` as plain Python data (dicts, lists, str, int, None).

    :func:`to_json` writes exactly ``json.dumps`` of it (compact, UTF-8 text as is); useful to
    embed a report in a larger document.

    Raises:
        NonconformingReportError: the report does not fit its edition.
    """
    try:
        return _data(report)
    except _Unproven:
        refuse_nonconforming(report)
        msg = "internal error: the JSON writer refused a report that conforms"  # pragma: no cover
        raise AssertionError(msg) from None  # pragma: no cover


# Writing text directly (the same text ``json.dumps`` makes of :func:`report_to_data`, as a test
# checks) saves building the intermediate objects: most of a report is counts and blanks.
_string = json.encoder.encode_basestring
_NULL: Final = "null"


def _text_or_null(text: str | None) -> str:
    return _NULL if text is None else _string(text)


def _texts(texts: Iterable[str]) -> str:
    return "[" + ",".join(map(_string, texts)) + "]"


@functools.cache
def _key(name: str) -> str:
    return _string(name) + ":"


def _count_piece(column: v.ColumnPlan, value: int | None) -> str:
    """The JSON of a plain cell holding ``value`` (an int or None) in ``column``, kept."""
    if value is None:
        piece = column.json_key + _NULL
    elif column.number is int and -LIMIT < value < LIMIT:
        piece = column.json_key + str(value)
    else:  # an amount written as a string, or a count out of bounds (refused)
        return column.json_key + _DUMP.encode(_number(value, column))
    column.json_pieces.keep(value, piece)
    return piece


def _write_table(out: list[str], table: Table, plan: v.TablePlan) -> None:
    out.append('{"heading":')
    out.append(_text_or_null(table.heading))
    out.append(',"rows":{')
    labels = []
    first_row = True
    for row, row_plan in _rows(table, plan):
        if not first_row:
            out.append(",")
        first_row = False
        out.append(row_plan.json_key)
        columns = row_plan.columns
        last = -1
        required = 0
        pieces: list[str] = []
        for cell in row.cells:  # the proof of _placed, inlined: this loop is the hot one
            found = columns.get(cell.column)
            if found is None or found.position <= last:
                raise _Unproven
            last = found.position
            required += found.required
            value = cell.value
            if cell.unit is None and cell.marker is None and cell.raw is None:
                if value.__class__ is int or value is None:
                    piece: str | None = found.json_pieces.get(value)  # type: ignore[assignment]
                    if piece is None:
                        piece = _count_piece(found, value)
                    pieces.append(piece)
                else:
                    pieces.append(found.json_key + _DUMP.encode(_number(value, found)))
            else:
                pieces.append(found.json_key + _DUMP.encode(_cell_data(cell, found)))
        if required != row_plan.required:
            raise _Unproven
        out.append("{" + ",".join(pieces))
        out.append("}")
        if row.label is not None:
            labels.append(row_plan.json_key + _string(row.label))
    out.append('},"row_labels":{')
    out.append(",".join(labels))
    out.append('},"extra_rows":[')
    out.append(
        ",".join(
            '{"label":' + _string(e.label) + ',"cells":' + _texts(e.cells) + "}"
            for e in table.extra_rows
        )
    )
    out.append('],"notes":')
    out.append(_texts(p.text for p in table.notes))
    out.append("}")


def _write(report: Report) -> str:
    plan = v.edition_plan(report.edition)
    out = ['{"edition":', _string(str(report.edition))]
    for field in v.REPORT_FIELDS:
        kind = field.kind
        if kind is v.FieldKind.EDITION:
            continue
        out.append(",")
        out.append(_key(field.name))
        value = getattr(report, field.name)
        if value is None:
            out.append(_NULL)
        elif kind is v.FieldKind.TEXT:
            out.append(_string(value))
        elif kind is v.FieldKind.INTEGER:
            out.append(str(value))
        elif kind is v.FieldKind.DATE:
            out.append('"' + value.isoformat() + '"')
        elif kind is v.FieldKind.PARAGRAPHS:
            out.append(_texts(p.text for p in value))
        elif field.name not in plan.sections:
            raise _Unproven
        elif kind is v.FieldKind.TEXT_SECTION:
            out.append('{"heading":')
            out.append(_text_or_null(value.heading))
            out.append(',"paragraphs":')
            out.append(_texts(p.text for p in value.paragraphs))
            out.append("}")
        else:
            _write_table(out, value, plan.tables[field.name])
    out.append("}")
    return "".join(out)


def to_json(report: Report) -> str:
    """Write ``report`` as a JSON document (see the module docstring for its shape).

    Args:
        report: a report that fits its edition.

    Returns:
        Compact JSON text, identical for equal reports; provenance is not written.

    Raises:
        NonconformingReportError: the report does not fit its edition (a
            :class:`~disclosure_report.errors.SerialiseError`); the message is the one
            :func:`~disclosure_report.serialise.xml.to_xml` gives.
    """
    try:
        return _write(report)
    except _Unproven:
        refuse_nonconforming(report)
        msg = "internal error: the JSON writer refused a report that conforms"  # pragma: no cover
        raise AssertionError(msg) from None  # pragma: no cover


# --- reading -------------------------------------------------------------------------------


class _Repeated(list[tuple[str, Any]]):
    """An object with a key written twice: its pairs, in order."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any] | _Repeated:
    found = dict(pairs)
    return found if len(found) == len(pairs) else _Repeated(pairs)


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a fractional number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


class _Problems(Exception):  # noqa: N818 - collects, then becomes a SerialiseError
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def add(self, path: str, message: str) -> None:
        self.found.append(f"{path}: {message}")


_COLUMN_CELLS: Final[dict[str, InternTable]] = {}
"""Cells of counts and blanks read so far, per column key by value: see
:class:`._conform.InternTable` (a key names one column, of one kind, in every edition)."""
_get: Final[Callable[[InternTable, object], Cell | None]] = dict.get  # type: ignore[assignment]
_ROW_CELLS: Final[dict[tuple[str, ...], tuple[InternTable, ...]]] = {}
"""The tables of :data:`_COLUMN_CELLS` of a row's columns, by the row's column keys."""
_COUNT_TYPES: Final = frozenset({int, type(None)})
_AMOUNT_TEXT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _Reader:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.plan = v.edition_plan(edition)
        self.problems = _Problems()
        self.proven = True
        self.keys = 0
        """How many keys the objects read had (to tell a repeated key, see :func:`from_json`)."""

    def add(self, path: str, message: str) -> None:
        self.problems.add(path, message)

    def mapping(
        self, value: object, path: str, keys: Iterable[str], *, required: Iterable[str] = ()
    ) -> Mapping[str, Any] | None:
        if isinstance(value, _Repeated):
            counts: dict[str, int] = {}
            for key, _ in value:
                counts[key] = counts.get(key, 0) + 1
            repeated = ", ".join(k for k, n in counts.items() if n > 1)
            self.add(path, f"keys written twice: {repeated}")
            return None
        if not isinstance(value, dict):
            self.add(path, f"expected an object, not {_kind(value)}")
            return None
        self.keys += len(value)
        allowed = set(keys)
        unknown = [k for k in value if k not in allowed]
        if unknown:
            self.add(path, f"unknown keys: {', '.join(unknown)} (the keys are {', '.join(keys)})")
        for key in required:
            if key not in value:
                self.add(f"{path}.{key}", "required key missing")
        return value

    def text(self, value: object, path: str, *, optional: bool = False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str):
            self.add(path, f"expected a string{' or null' if optional else ''}, not {_kind(value)}")
            return None
        bad = xml_illegal_characters(value)
        if bad:
            codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
            self.add(path, f"text holds characters XML 1.0 cannot carry ({codes})")
            return None
        return value

    def texts(self, value: object, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            self.add(path, f"expected an array of strings, not {_kind(value)}")
            return ()
        found = [self.text(item, f"{path}[{i}]") for i, item in enumerate(value)]
        return tuple(t for t in found if t is not None)

    def paragraphs(self, value: object, path: str) -> tuple[Paragraph, ...]:
        if value.__class__ is list:  # the usual case: the model checks the text itself
            try:
                return tuple(Paragraph(text=t) for t in value)
            except (TypeError, ValueError):
                pass  # say which item, below
        return tuple(Paragraph(text=t) for t in self.texts(value, path))

    def number(self, value: object, plan: v.ColumnPlan | None, path: str) -> int | Decimal | None:
        whole = plan is None or plan.number is int
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            if plan is not None and not whole:
                self.add(path, f'an amount is written as a string, e.g. "{value}"')
                return None
            if not -LIMIT < value < LIMIT:
                self.proven = False
            return value
        if isinstance(value, str) and _AMOUNT_TEXT.fullmatch(value):
            number = Decimal(value)
            if plan is None or not number_fits(number, whole=whole):
                self.proven = False
            elif whole:  # a decimal string in a column of whole numbers, though integral
                self.add(path, f"a whole number is written as an integer, not {value!r}")
            return number
        expected = "an integer" if whole else 'a decimal string such as "12.50"'
        self.add(path, f"expected {expected}, null or an object, not {_kind(value)}")
        return None

    def cell(self, column: str, value: object, plan: v.ColumnPlan | None, path: str) -> Cell | None:
        if isinstance(value, dict | _Repeated):
            item = self.mapping(value, path, CELL_KEYS, required=(VALUE,))
            if item is None:
                return None
            number = self.number(item.get(VALUE), plan, f"{path}.{VALUE}")
            unit, marker, raw = (
                self.text(item.get(name), f"{path}.{name}", optional=True)
                for name in v.CELL_ATTRIBUTES
            )
            return Cell(column=column, value=number, unit=unit, marker=marker, raw=raw)
        if plan is None:  # a column the row does not declare: conformance names it
            self.proven = False
            return Cell(column=column, value=self.number(value, plan, path))
        problems = len(self.problems.found)
        number = self.number(value, plan, path)
        if len(self.problems.found) > problems:
            return None
        return Cell(column=column, value=number)

    def usual_row(self, key: str, value: dict[str, object], plan: v.RowPlan) -> Row | None:
        """The row when it is the usual kind: counts and blanks, in order; else None.

        Checked in bulk, at C speed: the keys are exactly the row's columns in order, every
        value is an int or null, and each value is found among the cells of its column read
        before (each one in bounds and in a column of whole numbers when it was first built).
        """
        self.keys += len(value)
        keys = tuple(value)
        if keys not in (plan.all_keys, plan.required_keys):
            return None
        values = value.values()
        if not _COUNT_TYPES.issuperset(map(type, values)):
            return None
        tables = _ROW_CELLS.get(keys)
        if tables is None:
            tables = tuple(_COLUMN_CELLS.setdefault(k, intern_table()) for k in keys)
            _ROW_CELLS[keys] = tables
        cells: tuple[Cell | None, ...] = tuple(map(_get, tables, values))
        if not all(cells):
            columns = plan.columns
            filled = list(cells)
            for index, (column, item) in enumerate(zip(keys, values, strict=True)):
                if filled[index] is not None:
                    continue
                if item is not None and (
                    columns[column].number is not int or not -LIMIT < item < LIMIT  # type: ignore[operator]
                ):
                    return None
                cell = Cell(column=column, value=item)  # type: ignore[arg-type]
                tables[index].keep(item, cell)
                filled[index] = cell
            cells = tuple(filled)
        return Row(key=key, cells=cells)  # type: ignore[arg-type]

    def any_row(self, key: str, value: object, plan: v.RowPlan | None, path: str) -> Row | None:
        """The row, whatever it holds: problems are reported, doubts left to conformance."""
        pairs: Iterable[tuple[str, Any]]
        if isinstance(value, _Repeated):
            pairs = value  # conformance names the repeated cell
            self.proven = False
        elif isinstance(value, dict):
            pairs = value.items()
            self.keys += len(value)
        else:
            self.add(path, f"expected an object of cells, not {_kind(value)}")
            return None
        if plan is None:
            self.proven = False
            columns: Mapping[str, v.ColumnPlan] = {}
        else:
            columns = plan.columns
        placed = []
        required = 0
        for column, item in pairs:
            found = columns.get(column)
            if found is None:
                self.proven = False
            else:
                required += found.required
            cell = self.cell(column, item, found, f"{path}.{column}")
            if cell is not None:
                placed.append((found.position if found is not None else len(columns), cell))
        if plan is None or required != plan.required:
            self.proven = False
        placed.sort(key=lambda item: item[0])  # JSON objects are unordered: official order
        return Row(key=key, cells=tuple(cell for _, cell in placed))

    def table(self, value: object, plan: v.TablePlan, path: str) -> Table | None:
        data = self.mapping(value, path, TABLE_KEYS)
        if data is None:
            return None
        heading = self.text(data.get(HEADING), f"{path}.{HEADING}", optional=True)
        labels_value = data.get(ROW_LABELS, {})
        labels = self.mapping(labels_value, f"{path}.{ROW_LABELS}", labels_value or ())
        rows_value = data.get(ROWS, {})
        pairs: Iterable[tuple[str, Any]]
        present: Collection[str]
        if isinstance(rows_value, _Repeated):
            pairs = rows_value  # conformance names the repeated row
            present = {key for key, _ in rows_value}
            self.proven = False
        elif isinstance(rows_value, dict):
            pairs = rows_value.items()
            present = rows_value.keys()
            self.keys += len(rows_value)
        else:
            self.add(f"{path}.{ROWS}", f"expected an object of rows, not {_kind(rows_value)}")
            pairs = present = ()
        placed = []
        in_order = True
        last = -1
        plans = plan.rows
        for key, cells in pairs:
            row_plan = plans.get(key)
            row = None
            if row_plan is not None and cells.__class__ is dict:
                row = self.usual_row(key, cells, row_plan)
                if row is None:
                    self.keys -= len(cells)  # counted again by any_row
            if row is None:
                row = self.any_row(key, cells, row_plan, f"{path}.{ROWS}.{key}")
                if row is None:
                    continue
            if labels and key in labels:
                label = self.text(labels[key], f"{path}.{ROW_LABELS}.{key}")
                if label is not None:
                    row = Row(key=row.key, cells=row.cells, label=label)
            position = row_plan.position if row_plan is not None else len(plans)
            in_order = in_order and position > last
            last = position
            placed.append((position, row))
        if labels is not None:
            for key in labels:
                if key not in present:
                    self.add(
                        f"{path}.{ROW_LABELS}.{key}", "a label for a row the table does not hold"
                    )
        if not in_order:  # JSON objects are unordered: the official order
            placed.sort(key=lambda item: item[0])
        for spec in plan.replacing:
            if spec.key in present and any(key in present for key in spec.replaces):
                self.proven = False
        extra_rows = []
        extra_value = data.get(EXTRA_ROWS, [])
        if not isinstance(extra_value, list):
            self.add(f"{path}.{EXTRA_ROWS}", f"expected an array, not {_kind(extra_value)}")
            extra_value = []
        for i, item in enumerate(extra_value):
            where = f"{path}.{EXTRA_ROWS}[{i}]"
            extra = self.mapping(item, where, EXTRA_ROW_KEYS, required=(LABEL,))
            if extra is None:
                continue
            label = self.text(extra.get(LABEL), f"{where}.{LABEL}")
            cells = self.texts(extra.get(CELLS, []), f"{where}.{CELLS}")
            if label is not None:
                extra_rows.append(ExtraRow(label=label, cells=cells))
        notes = self.paragraphs(data.get(NOTES, []), f"{path}.{NOTES}")
        return Table(
            heading=heading,
            rows=tuple(row for _, row in placed),
            extra_rows=tuple(extra_rows),
            notes=notes,
        )

    def text_section(self, value: object, path: str) -> TextSection | None:
        data = self.mapping(value, path, TEXT_SECTION_KEYS)
        if data is None:
            return None
        return TextSection(
            heading=self.text(data.get(HEADING), f"{path}.{HEADING}", optional=True),
            paragraphs=self.paragraphs(data.get(PARAGRAPHS, []), f"{path}.{PARAGRAPHS}"),
        )

    def report(self, data: Mapping[str, Any]) -> Report:
        values: dict[str, object] = {}
        for field in v.REPORT_FIELDS:
            if field.kind is v.FieldKind.EDITION or field.name not in data:
                continue
            value = data[field.name]
            path = f"$.{field.name}"
            kind = field.kind
            if value is None and kind is not v.FieldKind.PARAGRAPHS:
                continue
            if kind is v.FieldKind.TEXT:
                values[field.name] = self.text(value, path)
            elif kind is v.FieldKind.INTEGER:
                if isinstance(value, int) and not isinstance(value, bool):
                    values[field.name] = value
                else:
                    self.add(path, f"expected an integer or null, not {_kind(value)}")
            elif kind is v.FieldKind.DATE:
                values[field.name] = self.date(value, path)
            elif kind is v.FieldKind.PARAGRAPHS:
                values[field.name] = self.paragraphs(value, path)
            elif field.name not in self.plan.sections:
                self.add(path, f"edition {self.edition} has no such section")
            elif kind is v.FieldKind.TEXT_SECTION:
                values[field.name] = self.text_section(value, path)
            else:
                values[field.name] = self.table(value, self.plan.tables[field.name], path)
        if self.problems.found:
            raise self.problems
        return Report(edition=self.edition, **values)  # type: ignore[arg-type]

    def date(self, value: object, path: str) -> date | None:
        if isinstance(value, str) and _DATE_TEXT.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.add(path, f"expected a date written YYYY-MM-DD or null, not {value!r:.40}")
        return None


_DATE_TEXT: Final = re.compile(v.DATE_PATTERN)
_SPACED_COLON: Final = re.compile('"[ \t\n\r]+:')
_SPACED_COLON_BYTES: Final = re.compile(b'"[ \t\n\r]+:')
_REPORT_KEYS: Final = tuple(field.name for field in v.REPORT_FIELDS)


def _edition(data: Mapping[str, Any]) -> Edition:
    known = ", ".join(f'"{e}"' for e in Edition)
    if v.EDITION_ATTRIBUTE not in data:
        msg = f"$.{v.EDITION_ATTRIBUTE}: required key missing (one of {known})"
        raise SerialiseError(msg)
    value = data[v.EDITION_ATTRIBUTE]
    if not isinstance(value, str) or value not in Edition.__members__.values():
        msg = (
            f"$.{v.EDITION_ATTRIBUTE}: expected an edition ({known}) as a string, not {value!r:.40}"
        )
        raise SerialiseError(msg)
    return Edition(value)


_MOST_BYTES_PER_CHARACTER: Final = 4
"""A character is at most four bytes in UTF-8: a text of a quarter of the limit is within it."""


def _checked(text: object) -> str | bytes | bytearray:
    if not isinstance(text, str | bytes | bytearray):
        msg = f"JSON input must be str or bytes, not {type(text).__name__}"
        raise SerialiseError(msg)
    size = len(text)
    if isinstance(text, str) and size * _MOST_BYTES_PER_CHARACTER > MAX_JSON_BYTES:
        size = len(text.encode("utf-8", "surrogatepass"))  # only a text near the limit
    if size > MAX_JSON_BYTES:
        msg = f"the document is {size:,} bytes; the limit is {MAX_JSON_BYTES:,}"
        raise SerialiseError(msg)
    return text


def _load(text: str | bytes | bytearray, *, pairs: bool = True) -> object:
    try:
        return json.loads(text, object_pairs_hook=_pairs) if pairs else json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        raise SerialiseError(msg) from exc
    except (ValueError, RecursionError) as exc:  # bad bytes, over-long integers, deep nesting
        msg = f"not valid JSON: {exc}"
        raise SerialiseError(msg) from exc


def report_from_data(data: object) -> Report:
    """Build a report from plain Python data shaped like the JSON document.

    Raises:
        SerialiseError: see :func:`from_json`.
    """
    return _build(data)[0]


def _build(data: object) -> tuple[Report, int]:
    """The report, and how many keys its objects had."""
    if isinstance(data, _Repeated):
        counts: dict[str, int] = {}
        for key, _ in data:
            counts[key] = counts.get(key, 0) + 1
        repeated = ", ".join(k for k, n in counts.items() if n > 1)
        msg = f"$: keys written twice: {repeated}"
        raise SerialiseError(msg)
    if not isinstance(data, dict):
        msg = f"$: expected a JSON object (a report), not {_kind(data)}"
        raise SerialiseError(msg)
    edition = _edition(data)
    reader = _Reader(edition)
    reader.mapping(data, "$", _REPORT_KEYS)
    try:
        report = reader.report(data)
    except _Problems as problems:
        msg = "not a valid report:\n" + "\n".join(problems.found)
        raise SerialiseError(msg) from None
    except (ValueError, TypeError, ArithmeticError, InvalidOperation) as exc:  # safety net
        msg = f"not a valid report: {exc}"
        raise SerialiseError(msg) from exc
    if not reader.proven:
        refuse_nonconforming(report)
    return report, reader.keys


def from_json(text: str | bytes) -> Report:
    """Read a report written by :func:`to_json`.

    Args:
        text: the JSON document, as text or as UTF-8/16/32 bytes.

    Returns:
        The report, without provenance.

    Raises:
        SerialiseError: the input is too large, is not JSON, or does not have the shape of a
            report; the message lists every problem with its path, e.g.
            ``$.applications.rows.granted.natural_person``.
        NonconformingReportError: the document holds a report that does not fit its edition
            (a :class:`~disclosure_report.errors.SerialiseError` too), in the words of
            :func:`~disclosure_report.serialise.xml.from_xml`.
    """
    document = _checked(text)
    # The usual document is read as plain JSON, whose parser keeps the last of repeated keys
    # without a word, and the keys of the objects read are counted. Every key written is
    # followed by one colon, so the colons of the document are at least the keys written, and
    # those at least the keys read: when colons and keys read are as many, no key was
    # repeated. A document with colons in its text is checked more closely: a key is written
    # ``"key":``, and the same two characters inside a string can only follow a backslash and
    # are counted too, so when no key has space before its colon, that count is also at least
    # the keys written. Otherwise (or on any problem) the document is read again, every
    # object's pairs seen, for an exact answer.
    try:
        report, keys = _build(_load(document, pairs=False))
    except SerialiseError:
        pass
    else:
        if isinstance(document, str):
            if keys == document.count(":") or (
                _SPACED_COLON.search(document) is None and keys == document.count('":')
            ):
                return report
        elif keys == document.count(b":") or (
            _SPACED_COLON_BYTES.search(document) is None and keys == document.count(b'":')
        ):
            return report
    return _build(_load(document))[0]
