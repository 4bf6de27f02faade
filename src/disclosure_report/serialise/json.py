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

import json
import re
from collections.abc import Iterable, Mapping
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


def _cells(row: Row, plan: v.RowPlan, proven: list[bool]) -> dict[str, object]:
    columns = plan.columns
    out: dict[str, object] = {}
    last = -1
    required = 0
    for cell in row.cells:
        found = columns.get(cell.column)
        if found is None or found.position <= last:
            raise _Unproven
        last = found.position
        required += not found.column.optional
        value = cell.value
        number: object
        if value is None:
            number = None
        elif value.__class__ is int and found.number is int:
            if not -LIMIT < value < LIMIT:
                raise _Unproven
            number = value
        else:
            if not number_fits(value, whole=found.number is int):
                raise _Unproven
            text = v.format_number(value, found.column)
            number = int(text) if found.number is int else text
        if cell.unit is None and cell.marker is None and cell.raw is None:
            out[cell.column] = number
        else:
            item: dict[str, object] = {VALUE: number}
            for name, attribute in zip(
                v.CELL_ATTRIBUTES, (cell.unit, cell.marker, cell.raw), strict=True
            ):
                if attribute is not None:
                    item[name] = attribute
            out[cell.column] = item
    if required != plan.required:
        raise _Unproven
    return out


def _table(table: Table, plan: v.TablePlan, proven: list[bool]) -> dict[str, object]:
    rows: dict[str, object] = {}
    labels: dict[str, str] = {}
    last = -1
    optional = False
    for row in table.rows:
        row_plan = plan.rows.get(row.key)
        if row_plan is None or row_plan.position <= last:
            raise _Unproven
        last = row_plan.position
        optional = optional or row_plan.spec.optional
        rows[row.key] = _cells(row, row_plan, proven)
        if row.label is not None:
            labels[row.key] = row.label
    if optional:
        for spec in plan.spec.rows:
            if spec.optional and spec.key in rows and any(k in rows for k in spec.replaces):
                raise _Unproven
    return {
        HEADING: table.heading,
        ROWS: rows,
        ROW_LABELS: labels,
        EXTRA_ROWS: [{LABEL: e.label, CELLS: list(e.cells)} for e in table.extra_rows],
        NOTES: [p.text for p in table.notes],
    }


def _data(report: Report, proven: list[bool]) -> dict[str, object]:
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
            data[field.name] = _table(value, plan.tables[field.name], proven)
    return data


_PLAIN: Final = frozenset({v.FieldKind.TEXT, v.FieldKind.INTEGER})


def report_to_data(report: Report) -> dict[str, Any]:
    """The JSON document of ``report`` as plain Python data (dicts, lists, str, int, None).

    What :func:`to_json` encodes; useful to embed a report in a larger document.

    Raises:
        NonconformingReportError: the report does not fit its edition.
    """
    proven = [True]
    try:
        data = _data(report, proven)
    except _Unproven:
        refuse_nonconforming(report)
        msg = "internal error: the JSON writer refused a report that conforms"  # pragma: no cover
        raise AssertionError(msg) from None  # pragma: no cover
    if not proven[0]:
        refuse_nonconforming(report)
    return data


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
    return _DUMP.encode(report_to_data(report))


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


_INTERNED: Final = intern_table()
"""Cells of counts and blanks read so far, by (column, value): see :class:`._conform.InternTable`."""
_AMOUNT_TEXT: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


class _Reader:
    def __init__(self, edition: Edition) -> None:
        self.edition = edition
        self.plan = v.edition_plan(edition)
        self.problems = _Problems()
        self.proven = True

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

    def row(self, key: str, value: object, plan: v.RowPlan | None, path: str) -> Row | None:
        if plan is not None and value.__class__ is dict:
            row = self.usual_row(key, value, plan)
            if row is not None:
                return row
        return self.any_row(key, value, plan, path)

    def usual_row(self, key: str, value: dict[str, object], plan: v.RowPlan) -> Row | None:
        """The row when it is the usual kind: counts and blanks, in order; else None."""
        columns = plan.columns
        interned = _INTERNED
        cells = []
        last = -1
        required = 0
        for column, item in value.items():
            found = columns.get(column)
            if found is None or found.position <= last:
                return None
            last = found.position
            required += found.required
            if item is not None and item.__class__ is not int:
                return None
            cell = interned.get((column, item))
            if cell is None:
                if item is not None and (found.number is not int or not -LIMIT < item < LIMIT):
                    return None
                cell = Cell(column=column, value=item)
                interned.keep((column, item), cell)
            cells.append(cell)
        if required != plan.required:
            return None
        return Row(key=key, cells=tuple(cells))  # type: ignore[arg-type]

    def any_row(self, key: str, value: object, plan: v.RowPlan | None, path: str) -> Row | None:
        """The row, whatever it holds: problems are reported, doubts left to conformance."""
        pairs: Iterable[tuple[str, Any]]
        if isinstance(value, _Repeated):
            pairs = value  # conformance names the repeated cell
            self.proven = False
        elif isinstance(value, dict):
            pairs = value.items()
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
        if isinstance(rows_value, _Repeated):
            pairs = rows_value  # conformance names the repeated row
            self.proven = False
        elif isinstance(rows_value, dict):
            pairs = rows_value.items()
        else:
            self.add(f"{path}.{ROWS}", f"expected an object of rows, not {_kind(rows_value)}")
            pairs = ()
        placed = []
        keys = set()
        for key, cells in pairs:
            row_plan = plan.rows.get(key)
            if row_plan is None:
                self.proven = False
            row = self.row(key, cells, row_plan, f"{path}.{ROWS}.{key}")
            keys.add(key)
            if row is not None:
                label = None
                if labels is not None and key in labels:
                    label = self.text(labels[key], f"{path}.{ROW_LABELS}.{key}")
                if label is not None:
                    row = Row(key=row.key, cells=row.cells, label=label)
                position = row_plan.position if row_plan is not None else len(plan.rows)
                placed.append((position, row))
        if labels is not None:
            for key in labels:
                if key not in keys:
                    self.add(
                        f"{path}.{ROW_LABELS}.{key}", "a label for a row the table does not hold"
                    )
        placed.sort(key=lambda item: item[0])
        for spec in plan.spec.rows:
            if spec.optional and spec.key in keys and keys.intersection(spec.replaces):
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


def _load(text: str | bytes | bytearray) -> object:
    if not isinstance(text, str | bytes | bytearray):
        msg = f"JSON input must be str or bytes, not {type(text).__name__}"
        raise SerialiseError(msg)
    size = len(text) if not isinstance(text, str) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_JSON_BYTES:
        msg = f"the document is {size:,} bytes; the limit is {MAX_JSON_BYTES:,}"
        raise SerialiseError(msg)
    try:
        return json.loads(text, object_pairs_hook=_pairs)
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
    return report


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
    return report_from_data(_load(text))
