"""What each official label is in its table, over every edition: a column, a row, a group.

The reader of tables without ruling lines finds a table's header and rows by their labels
before it knows the edition, so it asks of a printed label: which tables print it, and as
what (a column header, a group of columns above them, a note in the header, a row label, a
group of rows). Everything is read from the table declaration (:mod:`disclosure_report.tables`),
keyed by normalised label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Final

from attrs import frozen

from disclosure_report.diagnostics import Location, locate
from disclosure_report.model import Edition, Source
from disclosure_report.tables import EDITIONS, TableSpec, normalise_label

__all__ = ["Roles", "locate_cell", "numbering", "roles", "tables_printing"]


@frozen
class Roles:
    """The labels of one official table (every edition), by normalised label."""

    key: str
    columns: Mapping[str, frozenset[str]]
    """Column labels and variants: the keys of the columns they name."""
    column_groups: frozenset[str]
    """Group labels above columns (行政诉讼, 复议后起诉, 法人或其他组织)."""
    notes: frozenset[str]
    """Other header texts: corner notes, 信息内容, 申请人情况."""
    rows: Mapping[str, frozenset[str]]
    """Row labels and variants: the keys of the rows they name."""
    groups: Mapping[str, str]
    """Row group labels and variants: the group's key."""
    captions: frozenset[str]
    """Outermost row groups: may head a block of rows across the table (第二十条第（一）项)."""
    under: Mapping[str, frozenset[str]]
    """Keys of the rows in each row group."""
    orders: tuple[tuple[tuple[str, frozenset[str]], ...], ...]
    """For each edition: its columns in printed order, each with its labels."""
    paths: Mapping[str, tuple[str, ...]]
    """Normalised group labels above each column, outermost first."""
    numbers: Mapping[str, frozenset[str]]
    """The item numbers (``3.``, ``(六)``; ``""`` for none) row and group labels are
    printed with, by normalised label: ``（六）其他``, a group label cut by a page break, is no
    ``3.其他``."""
    labelled: bool
    """False for a table whose only row has no label (四: the review and litigation cases)."""
    unlabelled: str | None
    """The key of that row."""

    def header(self, norm: str) -> bool:
        """True when ``norm`` may be printed in the table's header."""
        return norm in self.columns or norm in self.column_groups or norm in self.notes

    def numbered_as(self, text: str) -> bool:
        """True when a row or group label is printed with an item number its label has.

        A label printed without a number, or declared without one, fits any.
        """
        found = self.numbers.get(normalise_label(text), frozenset())
        printed = numbering(text)
        return not printed or not found or "" in found or printed in found


_NUMBER: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)[、.]?|\d{1,2}[、.])"
)


def numbering(text: str) -> str:
    """The item number a label is printed with (``3.``, ``(六)``), ``""`` if none."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    found = _NUMBER.match(folded)
    return found.group(0).replace("、", ".") if found else ""


def _add(found: dict[str, set[str]], labels: Sequence[str], key: str) -> None:
    for label in labels:
        norm = normalise_label(label)
        if norm:
            found.setdefault(norm, set()).add(key)


def _roles(key: str, specs: Sequence[TableSpec]) -> Roles:
    columns: dict[str, set[str]] = {}
    rows: dict[str, set[str]] = {}
    groups: dict[str, str] = {}
    captions: set[str] = set()
    under: dict[str, set[str]] = {}
    column_groups: set[str] = set()
    notes: set[str] = set()
    paths: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, set[str]] = {}
    orders = []
    for spec in specs:
        notes.update(normalise_label(n) for n in spec.header_labels)
        order = []
        for column in spec.columns:
            _add(columns, (column.label, *column.variants), column.key)
            column_groups.update(normalise_label(g) for g in column.group)
            paths[column.key] = tuple(normalise_label(g) for g in column.group)
            labels = frozenset(normalise_label(v) for v in (column.label, *column.variants))
            order.append((column.key, labels))
        orders.append(tuple(order))
        for row in spec.rows:
            if row.label:
                _add(rows, (row.label, *row.variants), row.key)
            for label in (row.label, *row.variants):
                numbers.setdefault(normalise_label(label), set()).add(numbering(label))
            for depth, group in enumerate(row.groups):
                under.setdefault(group.key, set()).add(row.key)
                for label in (group.label, *group.variants):
                    groups[normalise_label(label)] = group.key
                    numbers.setdefault(normalise_label(label), set()).add(numbering(label))
                    if depth == 0:
                        captions.add(normalise_label(label))
    return Roles(
        key=key,
        columns={k: frozenset(v) for k, v in columns.items()},
        column_groups=frozenset(column_groups),
        notes=frozenset(notes - {""}),
        rows={k: frozenset(v) for k, v in rows.items()},
        groups=groups,
        captions=frozenset(captions),
        under={k: frozenset(v) for k, v in under.items()},
        orders=tuple(orders),
        paths=paths,
        numbers={k: frozenset(v) for k, v in numbers.items()},
        labelled=all(r.label for s in specs for r in s.rows),
        unlabelled=next((r.key for s in specs for r in s.rows if not r.label), None),
    )


@cache
def roles() -> Mapping[str, Roles]:
    """The roles of every official table's labels, by table key."""
    specs: dict[str, list[TableSpec]] = {}
    for edition in sorted(EDITIONS, key=lambda e: e.value, reverse=True):
        for table in EDITIONS[edition].tables:
            specs.setdefault(table.key, []).append(table)
    return {key: _roles(key, found) for key, found in specs.items()}


@cache
def tables_printing(norm: str) -> frozenset[str]:
    """Keys of the tables that print ``norm`` as a column header."""
    return frozenset(key for key, r in roles().items() if norm in r.columns)


def locate_cell(table: str, row: str | None, column: str | None, source: Source | None) -> Location:
    """The location of a cell, with the labels of the newest edition that has it."""
    for edition in sorted(Edition, key=lambda e: e.value, reverse=True):
        spec = EDITIONS[edition]
        try:
            found = spec.table(table)
            if row is not None:
                row_spec = found.row(row)
                if column is not None:
                    row_spec.column(column)
        except KeyError:
            continue
        return locate(edition, table, row, column, source=source)
    return Location(section=table, row=row, column=column, source=source)
