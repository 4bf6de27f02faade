"""The typed object model of a 政府信息公开工作年度报告 (government information disclosure annual report).

The model is a tree of frozen attrs classes. It holds any report that exists, wrong ones
included: constructors check *types* only; arithmetic and completeness are the business of
:mod:`disclosure_report.validate`.

The model is self-describing: every :class:`Row` and :class:`Cell` carries the key of the
official row or column it fills, so a report can be read, compared and serialised without
the table declaration. Which keys exist, their official labels and their order are declared
once, in :mod:`disclosure_report.tables`.

Three rules hold everywhere:

* a blank cell is ``None``, never 0;
* text the publisher wrote instead of a number (``/``, ``—``, ``无``) or around it
  (``22（其中修订16件）``) is kept (:attr:`Cell.marker`, :attr:`Cell.raw`);
* where a value was read (:class:`Source`) is left out of equality, so the same report read
  from two forms compares equal.

The model does no I/O.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any, Generic, get_args

import attrs
from attrs import field, frozen
from typing_extensions import TypeVar

from disclosure_report.errors import InvalidTextError
from disclosure_report.keys import (
    ApplicationsColumn,
    ApplicationsRow,
    ProactiveDisclosureColumn,
    ProactiveDisclosureRow,
    ReviewLitigationColumn,
    ReviewLitigationRow,
)

__all__ = [
    "Cell",
    "ColumnKey",
    "Edition",
    "ExtraRow",
    "Paragraph",
    "Report",
    "Row",
    "RowKey",
    "Source",
    "Table",
    "TextSection",
    "xml_illegal_characters",
]


class Edition(enum.StrEnum):
    """An edition of the official format; ``str(edition)`` is its year, e.g. ``"2021"``."""

    E2019 = "2019"
    """《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号: report years 2019-2020."""
    E2021 = "2021"
    """《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号: report years 2021 on."""


# XML 1.0 §2.2 Char, complemented: what an XML document cannot carry even as a character reference.
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_illegal_characters(text: str) -> list[str]:
    """Return the characters of ``text`` that XML 1.0 cannot carry (in order, repeats kept)."""
    return _XML_ILLEGAL.findall(text)


def _check_text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: ``value`` is a str that XML 1.0 can carry (one call: this runs for every cell)."""
    if not isinstance(value, str):
        msg = f"{attribute.name} must be str, not {type(value).__name__}"
        raise TypeError(msg)
    if _XML_ILLEGAL.search(value):
        bad = ", ".join(sorted({f"U+{ord(c):04X}" for c in xml_illegal_characters(value)}))
        msg = f"{attribute.name} holds characters XML 1.0 cannot carry ({bad}); remove them first"
        raise InvalidTextError(msg)


def _check_optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _check_text(instance, attribute, value)


_TUPLE = attrs.validators.instance_of(tuple)  # tuples keep the model immutable and hashable
_TEXT = _check_text
_OPTIONAL_TEXT = _check_optional_text


def _check_value(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # bool is an int subclass, but True is not a count.
    if value is None or (isinstance(value, int | Decimal) and not isinstance(value, bool)):
        if isinstance(value, Decimal) and not value.is_finite():
            msg = f"{attribute.name} must be a finite number, not {value}"
            raise TypeError(msg)
        return
    msg = f"{attribute.name} must be int, Decimal or None, not {type(value).__name__}"
    raise TypeError(msg)


def _optional(kind: type) -> Callable[[Any, attrs.Attribute[Any], Any], None]:
    return attrs.validators.optional(attrs.validators.instance_of(kind))


@frozen(kw_only=True)
class Source:
    """Where in the input something was read: enough to point a person at it.

    Provenance is never part of a report's equality, and is not written to XML or JSON.
    Parsers fill it; it is not validated (it is built for every cell, so it is kept cheap).
    """

    line: int | None = None
    """1-based line in a text input."""
    page: int | None = None
    """1-based page in a paged input (PDF)."""
    table: int | None = None
    """0-based index of the table in the input (HTML, DOCX)."""
    row: int | None = None
    """0-based row of that table, as printed."""
    cell: int | None = None
    """0-based cell of that row, as printed."""

    def __str__(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in (
                ("page", self.page),
                ("line", self.line),
                ("table", self.table),
                ("row", self.row),
                ("cell", self.cell),
            )
            if value is not None
        ]
        return ", ".join(parts) or "unknown place"


# Tables, rows and cells are generic in their key types (the Literal types of
# :mod:`disclosure_report.keys`), so a type checker catches a misspelt key. The type variables
# default to ``str`` (a bare ``Row`` is ``Row[str, str]``) and are covariant: a table of the
# applications' keys is a table of ``str`` keys too. Lookups take a key of the table's own type.
ColumnKey = TypeVar("ColumnKey", default=str, covariant=True)  # noqa: PLC0105 - a public name
"""The type of a cell's column key (a ``Literal`` of :mod:`disclosure_report.keys`, or ``str``)."""
RowKey = TypeVar("RowKey", default=str, covariant=True)  # noqa: PLC0105 - a public name
"""The type of a row's key (a ``Literal`` of :mod:`disclosure_report.keys`, or ``str``)."""

_SOURCE: Any = field(default=None, eq=False, repr=False, validator=_optional(Source))

_CLEAN_KEYS: frozenset[object] = frozenset(
    get_args(ApplicationsRow) + get_args(ProactiveDisclosureRow) + get_args(ReviewLitigationRow)
)
"""The declared row keys: text XML can carry, so a row of one needs no character check."""

_NOTE_PREFIX = re.compile(r"^\s*[+\-]?[\d,，.．]*\s*")


@frozen(kw_only=True)
class Cell(Generic[ColumnKey]):
    """One cell of an official table.

    Exactly one of these holds: the cell is blank (everything ``None``); it holds a number
    (:attr:`value`, with :attr:`raw` when the printed text was more than a clean number); it
    holds a marker the publisher wrote instead of a number (:attr:`marker`); or it holds text
    no number could be read from (:attr:`raw` only; the parser says so in a diagnostic).
    """

    column: ColumnKey
    """Key of the official column (see :mod:`disclosure_report.tables`)."""
    value: int | Decimal | None = None
    """The number: ``int`` for counts (signed for 本年增/减), ``Decimal`` for amounts."""
    unit: str | None = None
    """Unit written in the cell itself (e.g. ``元``); ``None`` means the column's own unit."""
    marker: str | None = None
    """What the publisher wrote instead of a number: ``/``, ``—``, ``无``, ``不适用`` ..."""
    raw: str | None = None
    """The cell text as printed, kept whenever it was not a clean number."""
    source: Source | None = field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The same checks as the other classes' validators, in one pass with a fast path for
        # the usual cell (a count or a blank): a report holds hundreds of cells, and this
        # halves what building one costs.
        value = self.value
        column: object = self.column
        if (
            type(column) is str
            and (value is None or type(value) is int)
            and self.unit is None
            and self.marker is None
            and self.raw is None
            and (self.source is None or type(self.source) is Source)
            and _XML_ILLEGAL.search(column) is None
        ):
            return
        fields = attrs.fields(Cell)
        _optional(Source)(self, fields.source, self.source)
        _check_text(self, fields.column, self.column)
        _check_value(self, fields.value, value)
        for attribute in (fields.unit, fields.marker, fields.raw):
            _check_optional_text(self, attribute, getattr(self, attribute.name))

    @property
    def is_blank(self) -> bool:
        """True when nothing at all was written in the cell."""
        return self.value is None and self.marker is None and self.raw is None

    @property
    def note(self) -> str | None:
        """Text printed beside the number, e.g. ``（其中修订16件）`` in ``22（其中修订16件）``."""
        if self.value is None or self.raw is None:
            return None
        rest = _NOTE_PREFIX.sub("", self.raw, count=1).strip()
        if self.unit is not None and rest.startswith(self.unit):
            rest = rest[len(self.unit) :].strip()
        return rest or None


@frozen(kw_only=True)
class Row(Generic[RowKey, ColumnKey]):
    """One data row of an official table: its key and its cells in the official column order."""

    key: RowKey
    """Key of the official row (see :mod:`disclosure_report.tables`)."""
    cells: tuple[Cell[ColumnKey], ...] = ()
    label: str | None = None
    """The row label as printed, kept only when it is not the official label (a variant)."""
    source: Source | None = field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The checks of the other classes' validators, in one pass with a fast path for the
        # usual row (a declared key, a tuple of cells, no label), as in :class:`Cell`.
        key: object = self.key
        if (
            key.__class__ is str
            and self.cells.__class__ is tuple
            and self.label is None
            and self.source is None
            and (key in _CLEAN_KEYS or _XML_ILLEGAL.search(key) is None)
        ):
            return
        fields = attrs.fields(Row)
        _check_text(self, fields.key, key)
        _TUPLE(self, fields.cells, self.cells)
        _check_optional_text(self, fields.label, self.label)
        _optional(Source)(self, fields.source, self.source)

    def cell(self, column: ColumnKey) -> Cell[ColumnKey]:  # type: ignore[misc]  # a lookup
        """Return the cell of ``column``.

        Raises:
            KeyError: the row has no cell for that column.
        """
        for cell in self.cells:
            if cell.column == column:
                return cell
        raise KeyError(column)

    def __iter__(self) -> Iterator[Cell[ColumnKey]]:
        return iter(self.cells)


@frozen(kw_only=True)
class ExtraRow:
    """A table row the official format has no place for, kept as printed (label and cell texts)."""

    label: str = field(validator=_TEXT)
    cells: tuple[str, ...] = field(default=(), validator=_TUPLE)
    source: Source | None = _SOURCE

    def __attrs_post_init__(self) -> None:
        for text in self.cells:
            _check_text(self, attrs.fields(ExtraRow).cells, text)


@frozen(kw_only=True)
class Paragraph:
    """One paragraph of text, as printed (sub-headings such as （一）... stay in the text)."""

    text: str
    source: Source | None = field(default=None, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # The validators' checks, with a fast path for the usual paragraph (as in :class:`Cell`).
        text: object = self.text
        if text.__class__ is str and self.source is None and _XML_ILLEGAL.search(text) is None:
            return
        fields = attrs.fields(Paragraph)
        _check_text(self, fields.text, text)
        _optional(Source)(self, fields.source, self.source)


@frozen(kw_only=True)
class TextSection:
    """A section of running text: 一 总体情况, 五 存在的主要问题及改进情况, 六 其他需要报告的事项."""

    heading: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    """The heading as printed, e.g. ``6、 其他需要报告的事项``."""
    paragraphs: tuple[Paragraph, ...] = field(default=(), validator=_TUPLE)
    source: Source | None = _SOURCE

    @property
    def text(self) -> str:
        """All paragraphs, one per line."""
        return "\n".join(p.text for p in self.paragraphs)


@frozen(kw_only=True)
class Table(Generic[RowKey, ColumnKey]):
    """A section holding an official table: 二, 三 or 四.

    :attr:`rows` holds the official rows found in the source, in the official order; a row
    the source did not print is absent (not invented). What the official table has no place
    for is kept in :attr:`extra_rows` and :attr:`notes`.
    """

    heading: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    """The section heading as printed."""
    rows: tuple[Row[RowKey, ColumnKey], ...] = field(default=(), validator=_TUPLE)
    extra_rows: tuple[ExtraRow, ...] = field(default=(), validator=_TUPLE)
    """Rows with labels the official table does not have."""
    notes: tuple[Paragraph, ...] = field(default=(), validator=_TUPLE)
    """Text printed inside the section besides the table (a note under it, an explanation)."""
    source: Source | None = _SOURCE

    def row(self, key: RowKey) -> Row[RowKey, ColumnKey]:  # type: ignore[misc]  # a lookup
        """Return the row ``key``.

        Raises:
            KeyError: the table has no such row.
        """
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def cell(self, row: RowKey, column: ColumnKey) -> Cell[ColumnKey]:  # type: ignore[misc]
        """Return the cell at ``row`` and ``column``.

        Raises:
            KeyError: the table has no such row, or the row no such column.
        """
        return self.row(row).cell(column)


def _any_table(value: Table | None) -> Table[Any, Any] | None:
    """Converter of the table attributes: the identity.

    It exists for the type checker: a report is built from tables of any key type (a parser
    builds ``Table[str, str]``), and its attributes are read as tables of the section's own
    key types; :mod:`disclosure_report.conformance` checks the keys at run time.
    """
    return value


_TABLE: Any = attrs.validators.optional(attrs.validators.instance_of(Table))


@frozen(kw_only=True)
class Report:
    """One annual report: metadata, the six sections, and the text around them.

    A section the source did not contain is ``None``.
    """

    edition: Edition = field(converter=Edition, validator=attrs.validators.instance_of(Edition))
    """Edition of the official format the report's tables follow."""
    organ: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    """The publishing body, e.g. ``段店乡人民政府``."""
    year: int | None = field(default=None, validator=_optional(int))
    """The report year (the year the statistics cover)."""
    title: str | None = field(default=None, validator=_OPTIONAL_TEXT)
    publication_date: date | None = field(default=None, validator=_optional(date))
    period_start: date | None = field(default=None, validator=_optional(date))
    """First day of the statistics period, when the report states it."""
    period_end: date | None = field(default=None, validator=_optional(date))
    """Last day of the statistics period, when the report states it."""
    preamble: tuple[Paragraph, ...] = field(default=(), validator=_TUPLE)
    """Text between the title and section 一."""
    overview: TextSection | None = field(default=None, validator=_optional(TextSection))
    """一、总体情况"""
    proactive_disclosure: Table[ProactiveDisclosureRow, ProactiveDisclosureColumn] | None = field(
        default=None, converter=_any_table, validator=_TABLE
    )
    """二、主动公开政府信息情况"""
    applications: Table[ApplicationsRow, ApplicationsColumn] | None = field(
        default=None, converter=_any_table, validator=_TABLE
    )
    """三、收到和处理政府信息公开申请情况"""
    review_litigation: Table[ReviewLitigationRow, ReviewLitigationColumn] | None = field(
        default=None, converter=_any_table, validator=_TABLE
    )
    """四、政府信息公开行政复议、行政诉讼情况"""
    problems: TextSection | None = field(default=None, validator=_optional(TextSection))
    """五、存在的主要问题及改进情况"""
    other_matters: TextSection | None = field(default=None, validator=_optional(TextSection))
    """六、其他需要报告的事项"""
    closing: tuple[Paragraph, ...] = field(default=(), validator=_TUPLE)
    """Text after section 六: the signature and date lines."""
