"""Records for analysts: one :class:`Record` per official cell, labelled and typed.

Each record names its place (keys and official labels of the table, row and column), what
the cell holds: the number
in the column of its kind (``integer`` for whole numbers, ``amount`` for decimal amounts), the
unit, the marker and the printed text, each apart), and its report (``report_id``,
``organ``, ``year``, ``edition``, last, so that the first columns read alone). Records come
in the official order:
sections, then rows, then columns, as the template prints them.

* :func:`to_records` gives the tuples; :func:`to_csv` writes them (``bom=True`` for Excel);
* :func:`to_dataframe` and :func:`to_parquet` need the optional extras
  (``pip install "disclosure-report[pandas]"`` or ``[parquet]``), imported only when called.

Only the official tables' cells are records: extra rows, notes and text sections are not.
"""

from __future__ import annotations

import csv
import hashlib
import importlib
import io
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from disclosure_report.model import Report
from disclosure_report.serialise._conform import refuse_nonconforming
from disclosure_report.serialise.json import to_json
from disclosure_report.tables import EDITIONS, ValueKind, edition_spec

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Record", "report_id", "to_csv", "to_dataframe", "to_parquet", "to_records"]

BOM = "\ufeff"


class Record(NamedTuple):
    """One cell of an official table, with its report, its place and what it holds."""

    table: str
    """Section key, e.g. ``applications``."""
    row: str
    """Row key, e.g. ``withheld_state_secret``."""
    column: str
    """Column key, e.g. ``natural_person``."""
    table_label: str
    """Official section heading, e.g. ``三、收到和处理政府信息公开申请情况``."""
    row_label: str
    """Official row label path (levels joined by ``/``); empty for a table's only, unlabelled row."""
    column_label: str
    """Official column header path (levels joined by ``/``)."""
    kind: str
    """The column's kind: ``count``, ``signed`` or ``amount``."""
    integer: int | None
    """The number of a ``count`` or ``signed`` column; ``None`` when blank (or another kind)."""
    amount: Decimal | None
    """The number of an ``amount`` column; ``None`` when blank (or another kind)."""
    unit: str | None
    """The unit written in the cell, else the column's declared unit, else ``None``."""
    marker: str | None
    """What the publisher wrote instead of a number (``/``, ``—``, ``无`` ...)."""
    raw: str | None
    """The cell text as printed, when it was more than a clean number."""
    report_id: str
    """Identifies the report: given by the caller, else a digest of its content (:func:`report_id`)."""
    organ: str | None
    """The publishing body."""
    year: int | None
    """The report year."""
    edition: str
    """The edition of the format, ``"2019"`` or ``"2021"``."""

    @property
    def value(self) -> int | Decimal | None:
        """The number, whatever the kind: :attr:`integer` or :attr:`amount` (not a field)."""
        return self.amount if self.kind == ValueKind.AMOUNT.value else self.integer


def report_id(report: Report) -> str:
    """A stable identifier of a report's content: 16 hex digits of the SHA-256 of its JSON.

    Equal reports have the same id; any change of content gives another.
    """
    return hashlib.sha256(to_json(report).encode("utf-8")).hexdigest()[:16]


def _records(report: Report, identifier: str | None) -> Iterator[Record]:
    refuse_nonconforming(report)
    spec = edition_spec(report.edition)
    ident = identifier if identifier is not None else report_id(report)
    edition = str(report.edition)
    for section in spec.tables:
        table = getattr(report, section.key)
        if table is None:
            continue
        for row in table.rows:  # conforming: rows and cells in the official order
            row_spec = section.row(row.key)
            for cell in row.cells:
                column = row_spec.column(cell.column)
                value = cell.value
                whole = column.kind is not ValueKind.AMOUNT
                yield Record(
                    report_id=ident,
                    organ=report.organ,
                    year=report.year,
                    edition=edition,
                    table=section.key,
                    row=row.key,
                    column=column.key,
                    table_label=section.label,
                    row_label=row_spec.path,
                    column_label=column.path,
                    kind=column.kind.value,
                    integer=int(value) if whole and value is not None else None,
                    amount=Decimal(value) if not whole and value is not None else None,
                    unit=cell.unit if cell.unit is not None else column.unit,
                    marker=cell.marker,
                    raw=cell.raw,
                )


def _reports(reports: Report | Iterable[Report]) -> Iterable[Report]:
    return (reports,) if isinstance(reports, Report) else reports


def to_records(report: Report, *, report_id: str | None = None) -> tuple[Record, ...]:
    """One :class:`Record` per cell of ``report``'s official tables, in the official order.

    A blank cell present in the report gives a record without a number; rows and cells the
    report does not hold give none.

    Args:
        report: a report that fits its edition.
        report_id: the identifier to put in every record (default: :func:`report_id`).

    Raises:
        NonconformingReportError: the report does not fit its edition.
    """
    return tuple(_records(report, report_id))


def _csv_field(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")  # plain notation: spreadsheets read 1E+2 as a float
    return value


def to_csv(reports: Report | Iterable[Report], *, bom: bool = False) -> str:
    r"""The records of one report, or of many one after another, as CSV text.

    A header line of the :class:`Record` field names, then one line per record, written with
    the :mod:`csv` module (comma-separated, ``\r\n`` line ends, quotes where needed). ``None``
    is an empty field; decimals are in plain notation.

    Args:
        reports: a report, or reports.
        bom: start with a byte-order mark, so that Excel reads the UTF-8 text as UTF-8 (write
            the text with ``encoding="utf-8"`` and ``newline=""``).

    Raises:
        NonconformingReportError: a report does not fit its edition.
    """
    out = io.StringIO()
    if bom:
        out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(Record._fields)
    for report in _reports(reports):
        for record in _records(report, None):
            writer.writerow([_csv_field(value) for value in record])
    return out.getvalue()


def _optional(module: str, extra: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        msg = f'{module} is needed for this: pip install "disclosure-report[{extra}]"'
        raise ImportError(msg) from exc


def to_dataframe(reports: Report | Iterable[Report]) -> pandas.DataFrame:
    """The records of one report or many as a pandas DataFrame, in the official order.

    ``table``, ``row`` and ``column`` are ordered categoricals whose order is the template's,
    so sorting by them gives the printed order; ``integer`` is a nullable integer column
    (``Int64``), ``amount`` holds exact :class:`~decimal.Decimal` values.

    Raises:
        ImportError: pandas is not installed (the ``pandas`` extra).
        NonconformingReportError: a report does not fit its edition.
    """
    pd: Any = _optional("pandas", "pandas")
    records = [record for report in _reports(reports) for record in _records(report, None)]
    frame = pd.DataFrame.from_records(records, columns=Record._fields)
    frame["integer"] = frame["integer"].astype("Int64")
    frame["year"] = frame["year"].astype("Int64")
    for name, order in _category_orders().items():
        frame[name] = pd.Categorical(frame[name], categories=order, ordered=True)
    return cast("pandas.DataFrame", frame)


def _merged(orders: list[list[str]]) -> list[str]:
    """One order that keeps each given order: later keys go in after their predecessor."""
    merged: list[str] = []
    for order in orders:
        for index, key in enumerate(order):
            if key in merged:
                continue
            before = next((k for k in reversed(order[:index]) if k in merged), None)
            merged.insert(0 if before is None else merged.index(before) + 1, key)
    return merged


def _category_orders() -> dict[str, list[str]]:
    """Table, row and column keys in the template's order, true for every edition at once."""
    specs = list(EDITIONS.values())[::-1]  # the current edition's order first
    return {
        "table": _merged([[t.key for t in spec.tables] for spec in specs]),
        "row": _merged([[r.key for t in spec.tables for r in t.rows] for spec in specs]),
        "column": _merged([[c.key for t in spec.tables for c in t.columns] for spec in specs]),
    }


def to_parquet(reports: Report | Iterable[Report], path: str | os.PathLike[str]) -> None:
    """Write the records of one report or many to a Parquet file (through pandas and pyarrow).

    Amounts are stored as exact decimals (``decimal128``), counts as nullable integers.

    Raises:
        ImportError: pandas or pyarrow is not installed (the ``parquet`` extra).
        NonconformingReportError: a report does not fit its edition.
    """
    _optional("pyarrow", "parquet")
    frame = to_dataframe(reports)
    frame.to_parquet(path, index=False)
