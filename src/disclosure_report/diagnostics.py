"""Findings as data: :class:`Diagnostic`, its :class:`Location`, and the catalogue of codes.

Parsers and the validator never raise because of what a report says; they return
diagnostics. Each has a stable code (``R3.1`` for a rule of ``spec/FORMAT.md`` §7, ``P1.x``
for what the parser could only partly read), a severity, the place it is about, and a message
a clerk can act on. ``str(diagnostic)`` names the official table, row and column labels.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from typing import Final

from attrs import field, frozen

from disclosure_report.model import Edition, Source
from disclosure_report.tables import TableSpec, edition_spec

__all__ = [
    "CODES",
    "LABEL_SEPARATOR",
    "CodeInfo",
    "Diagnostic",
    "Location",
    "Severity",
    "code_matches",
    "locate",
]


LABEL_SEPARATOR: Final = " › "
"""Between the labels of a place: section › row path › column path."""


class Severity(enum.StrEnum):
    """How much a finding matters."""

    ERROR = "error"
    """The report contradicts the official format or itself."""
    WARNING = "warning"
    """Suspicious or incomplete; real reports sometimes do this."""
    INFO = "info"
    """Worth knowing; nothing to fix (e.g. a rule that could not be checked)."""


@frozen(kw_only=True)
class Location:
    """A place in a report: a section, a row, a cell, or the whole report.

    Keys (:attr:`section`, :attr:`row`, :attr:`column`) make the identity; the official labels
    and the place in the input are there for people and left out of equality.
    """

    section: str | None = None
    row: str | None = None
    column: str | None = None
    labels: tuple[str, ...] = field(default=(), eq=False)
    """Official labels of the section, row (path) and column (path), as far as known."""
    source: Source | None = field(default=None, eq=False)

    @property
    def path(self) -> str:
        """cattrs-style path of keys, e.g. ``$.applications.carried_over.total``."""
        return ".".join(["$", *(p for p in (self.section, self.row, self.column) if p)])

    def __str__(self) -> str:
        where = LABEL_SEPARATOR.join(label for label in self.labels if label) or self.path
        return where if self.source is None else f"{where} ({self.source})"


def locate(
    edition: Edition | str,
    section: str | None = None,
    row: str | None = None,
    column: str | None = None,
    *,
    source: Source | None = None,
) -> Location:
    """Build a :class:`Location`, with the official labels of ``edition`` filled in."""
    labels = _labels(Edition(edition), section, row, column)
    return Location(section=section, row=row, column=column, labels=labels, source=source)


@lru_cache(maxsize=4096)
def _labels(
    edition: Edition, section: str | None, row: str | None, column: str | None
) -> tuple[str, ...]:
    """Official labels of a section, row path and column path; keys where there is none."""
    if section is None:
        return ()
    spec = edition_spec(edition)
    found = next((s for s in spec.sections if s.key == section), None)
    if found is None:
        return tuple(k for k in (section, row, column) if k is not None)
    labels = [found.label]
    if not isinstance(found, TableSpec) or row is None:
        return tuple(labels)
    try:
        row_spec = found.row(row)
    except KeyError:
        return (*labels, row, *((column,) if column is not None else ()))
    labels.append(row_spec.path)
    if column is not None:
        try:
            labels.append(row_spec.column(column).path)
        except KeyError:
            labels.append(column)
    return tuple(labels)


@frozen(kw_only=True)
class Diagnostic:
    """One finding about a report."""

    code: str
    """Stable code, e.g. ``R3.1``; see :data:`CODES`."""
    severity: Severity
    message: str
    location: Location = Location()
    cells: tuple[Location, ...] = ()
    """The cells the finding is about: for a rule that could not be checked, the blank ones."""
    assessable: bool = True
    """False when a rule could not be checked because some of its cells are blank."""

    @property
    def name(self) -> str:
        """The code's stable kebab-case name, e.g. ``column-identity``."""
        info = CODES.get(self.code)
        return info.name if info is not None else self.code

    def __str__(self) -> str:
        return f"{self.severity} {self.code} [{self.location}]: {self.message}"


def code_matches(code: str, selector: str) -> bool:
    """True when ``selector`` names ``code``.

    A selector is the code itself (``R0.6``), a prefix of it up to a dot (``R3`` for ``R3.1``
    … ``R3.8``; ``P1`` for every parser finding), or its letter (``R``). ``R3.3`` does not
    name ``R3.3b``, and ``P1.1`` does not name ``P1.10``.
    """
    return (
        code == selector
        or code.startswith(selector.rstrip(".") + ".")
        or (selector.isalpha() and code.startswith(selector))
    )


@frozen
class CodeInfo:
    """What a diagnostic code means."""

    name: str
    severity: Severity
    """Default severity."""
    summary: str


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: Final = {
    # What the parser could read only in part.
    "P1.1": CodeInfo("unreadable-cell", _W, "A cell holds text no number could be read from."),
    "P1.2": CodeInfo("unknown-row", _W, "A row label is not in the official table; kept as is."),
    "P1.3": CodeInfo("missing-section", _E, "One of the six sections was not found."),
    "P1.4": CodeInfo("missing-row", _W, "An official row was not found in its table."),
    "P1.5": CodeInfo("cell-count", _W, "A row has more or fewer cells than its columns."),
    "P1.6": CodeInfo("text-cleaned", _I, "Artefacts or unprintable characters were removed."),
    "P1.7": CodeInfo("edition-guessed", _W, "The tables did not show which edition they follow."),
    "P1.8": CodeInfo("missing-metadata", _W, "Organ, year or publication date was not found."),
    "P1.9": CodeInfo("label-variant", _I, "A label differs from the official one."),
    "P1.10": CodeInfo("unplaced-text", _I, "Text the format has no place for was kept."),
    "P1.11": CodeInfo(
        "cells-counted", _I, "Values were placed by counting cells: no column positions."
    ),
    "P1.12": CodeInfo(
        "ambiguous-cell", _W, "What stands under a column cannot be one value; left blank."
    ),
    "P1.13": CodeInfo("unknown-header", _I, "A header cell names no column of the table."),
    "P1.14": CodeInfo("no-table", _E, "A table section holds no table."),
    "P1.15": CodeInfo(
        "table-by-content", _I, "A table was placed by its labels, not by a heading."
    ),
    "P1.16": CodeInfo(
        "nonconforming-row", _W, "A row did not fit the edition; kept as an extra row."
    ),
    # Rules of spec/FORMAT.md §7.
    "R0.3": CodeInfo("edition-year", _E, "The edition of the tables does not fit the year."),
    "R0.6": CodeInfo("blank-cell", _W, "A numeric cell is blank (blank is not 0)."),
    "R3.1": CodeInfo(
        "column-identity",
        _E,
        "Table 3: received + carried over = results total + carried forward, per column.",
    ),
    "R3.2": CodeInfo(
        "row-identity",
        _E,
        "Table 3: the total column = the sum of the six applicant columns, per row.",
    ),
    "R3.3": CodeInfo(
        "results-identity",
        _E,
        "Table 3 (2021 edition): the results total = the sum of the result rows.",
    ),
    "R3.3b": CodeInfo(
        "results-identity",
        _E,
        "Table 3 (2019 edition): the results total = the sum of the result rows.",
    ),
    "R3.8": CodeInfo(
        "subtotal-identity",
        _E,
        "Table 3: an added organisation subtotal = its five organisation columns.",
    ),
    "R4.1": CodeInfo(
        "review-total", _E, "Table 4: the administrative review total = its four outcomes."
    ),
    "R4.2": CodeInfo(
        "direct-litigation-total", _E, "Table 4: the direct litigation total = its four outcomes."
    ),
    "R4.3": CodeInfo(
        "litigation-after-review-total",
        _E,
        "Table 4: the litigation-after-review total = its four outcomes.",
    ),
}
"""Every diagnostic code, with its name, default severity and meaning. Codes are never reused."""
