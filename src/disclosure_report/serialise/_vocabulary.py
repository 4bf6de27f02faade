"""The XML vocabulary shared by the codec (:mod:`.xml`) and its schema (:mod:`.xsd`).

Nothing here spells an official key or label: element names come from the model's attribute
names (read with :func:`attrs.fields`) and from the table declaration
(:mod:`disclosure_report.tables`). The few names the model has no attribute for (a paragraph
``p``, an ``extra_row`` and its ``cell``, a ``note``, the root ``report``) are the vocabulary's
own and are defined once, here.

The shape of a report element is derived from the *types* of :class:`~disclosure_report.model.Report`'s
attributes, so a metadata attribute added to the model flows into the XML, the XSD and JSON
without touching this package; an attribute of a type the vocabulary has no encoding for
fails at import time, on purpose.
"""

from __future__ import annotations

import enum
import functools
import json
import operator
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Final

import attrs
from attrs import frozen
from lxml import etree

from disclosure_report.conformance import MAX_NUMBER_DIGITS
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
)
from disclosure_report.serialise._conform import InternTable, intern_table
from disclosure_report.tables import (
    Column,
    RowSpec,
    TableSpec,
    TextSectionSpec,
    ValueKind,
    edition_spec,
)

XML_NAMESPACE: Final = "urn:x-disclosure-report:1"
"""Namespace of the XML vocabulary; the trailing ``1`` is the vocabulary version."""
VOCABULARY_VERSION: Final = XML_NAMESPACE.rsplit(":", 1)[1]
NAMESPACE_STEM: Final = XML_NAMESPACE[: -len(VOCABULARY_VERSION)]
"""The namespace without its version, to recognise a document of another vocabulary version."""

ROOT: Final = "report"
PARAGRAPH: Final = "p"
EXTRA_ROW: Final = "extra_row"
EXTRA_CELL: Final = "cell"
NOTE: Final = "note"
HEADING: Final = attrs.fields(TextSection).heading.name
EDITION_ATTRIBUTE: Final = attrs.fields(Report).edition.name
ROW_LABEL: Final = attrs.fields(Row).label.name
EXTRA_ROW_LABEL: Final = attrs.fields(ExtraRow).label.name
CELL_ATTRIBUTES: Final = (
    attrs.fields(Cell).unit.name,
    attrs.fields(Cell).marker.name,
    attrs.fields(Cell).raw.name,
)
"""Optional text attributes of a cell element, in the order they are written."""

CELL_INDENT: Final = " " * 6
"""Indentation of a cell element in a written document (report > section > row > cell)."""

RESERVED: Final = frozenset({HEADING, EXTRA_ROW, NOTE})
"""Names a row key cannot take: they are siblings of the row elements in a table."""

assert attrs.fields(Table).heading.name == HEADING  # one word for both kinds of section

INTEGER_PATTERN: Final = "-?[0-9]+"
"""Lexical form of an integer as written: optional minus, digits."""
DECIMAL_PATTERN: Final = r"-?[0-9]+(\.[0-9]+)?"
"""Lexical form of a decimal as written: optional minus, digits, optional fraction."""
DATE_PATTERN: Final = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
CELL_INTEGER_PATTERN: Final = f"-?0*[0-9]{{1,{MAX_NUMBER_DIGITS}}}"
"""An integer of a cell: at most :data:`~disclosure_report.conformance.MAX_NUMBER_DIGITS`
digits after leading zeros, exactly the bound of conformance."""
CELL_DECIMAL_PATTERN: Final = (
    f"-?0*[0-9]{{1,{MAX_NUMBER_DIGITS}}}(\\.[0-9]{{1,{MAX_NUMBER_DIGITS}}})?"
)
"""A decimal of a cell: at most 28 digits on each side of the point. Conformance bounds the
significant digits of both sides together, which a pattern cannot say; the readers apply it."""
"""Lexical form of a date as written: ISO 8601 calendar date, no time zone."""

NUMBER_KINDS: Final[Mapping[ValueKind, type[int] | type[Decimal]]] = {
    ValueKind.COUNT: int,
    ValueKind.SIGNED: int,
    ValueKind.AMOUNT: Decimal,
}
"""The Python type a column's numbers are read as."""
assert set(NUMBER_KINDS) == set(ValueKind), "every ValueKind needs an XML number type"


def hardened_parser(encoding: str | None = None) -> etree.XMLParser:
    """The one way this package parses XML: no entities, no DTD, no network, no huge trees.

    A DOCTYPE is refused separately by the reader; these options make sure nothing in one is
    ever resolved or fetched.
    """
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def qualified(name: str) -> str:
    """Return ``name`` in the vocabulary's namespace, in lxml's ``{namespace}name`` form."""
    return f"{{{XML_NAMESPACE}}}{name}"


def format_number(value: int | Decimal, column: Column) -> str:
    """Write a cell's number in the lexical form of its column's XSD type.

    Integers are decimal digits. A :class:`~decimal.Decimal` is written in plain notation
    (``format(d, "f")``), which keeps its scale (``1.20`` stays ``1.20``); a positive
    exponent (``1E+2``) is written out (``100``), equal in value.

    Raises:
        SerialiseError: a fractional number in a whole-number column, or an integer too long
            to write.
    """
    if NUMBER_KINDS[column.kind] is int and isinstance(value, Decimal):
        if value != value.to_integral_value():
            msg = f"column {column.key!r} holds whole numbers, not {value}"
            raise SerialiseError(msg)
        value = int(value)
    try:
        return str(value) if isinstance(value, int) else format(value, "f")
    except ValueError as exc:  # int longer than sys.get_int_max_str_digits()
        msg = f"column {column.key!r}: cannot write the number: {exc}"
        raise SerialiseError(msg) from exc


class FieldKind(enum.Enum):
    """How an attribute of :class:`~disclosure_report.model.Report` is written."""

    EDITION = "edition"
    """The root element's ``edition`` attribute."""
    TEXT = "text"
    """An element holding text; absent when ``None``, empty when ``""``."""
    INTEGER = "integer"
    """An element holding an integer; absent when ``None``."""
    DATE = "date"
    """An element holding an ISO date; absent when ``None``."""
    PARAGRAPHS = "paragraphs"
    """An element holding one ``p`` per paragraph; absent when there are none."""
    TEXT_SECTION = "text_section"
    """A section of running text: optional ``heading``, then ``p`` elements."""
    TABLE = "table"
    """A section holding an official table: ``heading``, rows, extra rows, notes."""


_KINDS_BY_TYPE: Final[Mapping[object, FieldKind]] = {
    Edition: FieldKind.EDITION,
    str | None: FieldKind.TEXT,
    int | None: FieldKind.INTEGER,
    date | None: FieldKind.DATE,
    tuple[Paragraph, ...]: FieldKind.PARAGRAPHS,
    TextSection | None: FieldKind.TEXT_SECTION,
    Table | None: FieldKind.TABLE,
}


@frozen
class ReportField:
    """One attribute of :class:`~disclosure_report.model.Report` and how it is written."""

    name: str
    kind: FieldKind
    tag: str
    """Qualified element name (``{namespace}name``)."""


def _strip_parameters(hint: object) -> object:
    """``Table[K, C] | None`` -> ``Table | None``: key types do not change the encoding."""
    args = typing.get_args(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        stripped = [_strip_parameters(arg) for arg in args]
        return functools.reduce(operator.or_, stripped)
    origin = typing.get_origin(hint)
    return origin if origin is not None and attrs.has(origin) else hint


def _report_fields() -> tuple[ReportField, ...]:
    hints = typing.get_type_hints(Report)
    found = []
    for field in attrs.fields(Report):
        kind = _KINDS_BY_TYPE.get(_strip_parameters(hints[field.name]))
        if kind is None:  # pragma: no cover - fires only when the model grows
            msg = f"Report.{field.name}: the XML vocabulary has no encoding for {hints[field.name]}"
            raise TypeError(msg)
        found.append(ReportField(field.name, kind, qualified(field.name)))
    return tuple(found)


REPORT_FIELDS: Final = _report_fields()
"""Every attribute of :class:`~disclosure_report.model.Report`, in model (= document) order."""


@frozen
class ColumnPlan:
    """A declared column of one row: its position in the row and its element name."""

    position: int
    column: Column
    tag: str
    """Qualified element name (``{namespace}key``)."""
    number: type[int] | type[Decimal]
    """What the column's numbers are read as (:data:`NUMBER_KINDS`)."""
    required: int
    """1 when the column is not optional, else 0 (to count required cells by adding)."""
    open_tag: str
    """The start of the cell element as written, indentation included (``      <issued``)."""
    close_tag: str
    """The end of the cell element as written, line end included (``</issued>\\n``)."""
    json_key: str
    """The cell's key as written in JSON, colon included (``"issued":``)."""
    json_pieces: InternTable = attrs.field(factory=intern_table, eq=False, repr=False)
    """A blank or a count as written in JSON in this column (``"issued":3``), by value, as
    :func:`~disclosure_report.serialise.to_json` meets them: tables are mostly blanks, zeros
    and small counts."""
    xml_pieces: InternTable = attrs.field(factory=intern_table, eq=False, repr=False)
    """A cell of this column holding a blank or a count as written in XML, by value, as
    :func:`~disclosure_report.serialise.to_xml` meets them."""


@frozen
class RowPlan:
    """A declared row: its position in the table, element name and columns (by key and tag)."""

    position: int
    spec: RowSpec
    tag: str
    columns: Mapping[str, ColumnPlan]
    columns_by_tag: Mapping[str, ColumnPlan]
    name: str
    """The element's local name (the row key)."""
    required: int
    """How many of its columns are not optional."""
    json_key: str
    """The row's key as written in JSON, colon included (``"granted":``)."""
    required_keys: tuple[str, ...]
    """The keys of its columns that are not optional, in order."""
    all_keys: tuple[str, ...]
    """The keys of all its columns, in order."""
    required_tags: tuple[str, ...]
    """The element names (qualified) of its columns that are not optional, in order."""
    all_tags: tuple[str, ...]
    """The element names (qualified) of all its columns, in order."""


@frozen
class TablePlan:
    """A declared table, indexed for the codec."""

    spec: TableSpec
    rows: Mapping[str, RowPlan]
    rows_by_tag: Mapping[str, RowPlan]
    replacing: tuple[RowSpec, ...]
    """The optional rows that stand for others (（六）其他处理): a table may not hold both."""


@frozen
class EditionPlan:
    """What the vocabulary looks like for one edition."""

    edition: Edition
    sections: Mapping[str, TableSpec | TextSectionSpec]
    """Declared sections by key (= Report attribute name)."""
    tables: Mapping[str, TablePlan]


@functools.cache
def edition_plan(edition: Edition) -> EditionPlan:
    """Index the declaration of ``edition`` for the codec, checking that it fits the vocabulary.

    Raises:
        TypeError: a key of the declaration cannot be an element name here.
    """
    spec = edition_spec(edition)
    sections = {section.key: section for section in spec.sections}
    fields = {field.name: field.kind for field in REPORT_FIELDS}
    tables: dict[str, TablePlan] = {}
    for key, section in sections.items():
        wanted = FieldKind.TABLE if isinstance(section, TableSpec) else FieldKind.TEXT_SECTION
        if fields.get(key) is not wanted:  # pragma: no cover - a broken declaration
            msg = f"section {key!r} of edition {edition} is not a Report attribute of kind {wanted}"
            raise TypeError(msg)
        if isinstance(section, TableSpec):
            rows: dict[str, RowPlan] = {}
            for position, row in enumerate(section.rows):
                if row.key in RESERVED:  # pragma: no cover - a broken declaration
                    msg = f"row key {row.key!r} of {key!r} collides with the XML vocabulary"
                    raise TypeError(msg)
                columns = {
                    column.key: ColumnPlan(
                        i,
                        column,
                        qualified(column.key),
                        NUMBER_KINDS[column.kind],
                        0 if column.optional else 1,
                        f"{CELL_INDENT}<{column.key}",
                        f"</{column.key}>\n",
                        json.dumps(column.key) + ":",
                    )
                    for i, column in enumerate(row.columns)
                }
                by_tag = {plan.tag: plan for plan in columns.values()}
                required = sum(not column.optional for column in row.columns)
                rows[row.key] = RowPlan(
                    position,
                    row,
                    qualified(row.key),
                    columns,
                    by_tag,
                    row.key,
                    required,
                    json.dumps(row.key) + ":",
                    tuple(c.key for c in row.columns if not c.optional),
                    tuple(c.key for c in row.columns),
                    tuple(qualified(c.key) for c in row.columns if not c.optional),
                    tuple(qualified(c.key) for c in row.columns),
                )
            tables[key] = TablePlan(
                section,
                rows,
                {row.tag: row for row in rows.values()},
                tuple(row for row in section.rows if row.optional and row.replaces),
            )
    return EditionPlan(edition, sections, tables)
