"""The kinds of rule, as data: what a rule of :data:`~disclosure_report.validate.rules.RULES` can say.

A rule names its table, rows, columns and column groups by their keys in the declaration
(:mod:`disclosure_report.tables`); a key no edition declares fails when the rule is defined
(:class:`RuleDefinitionError`), so a typo never checks nothing in silence. Which lines a rule
is checked in, and which terms each line adds up, is worked out once per edition, when the
edition is first validated (:mod:`._compile`): a data-only change to an edition never breaks
``import disclosure_report``.

Every arithmetic kind reads cells through one term resolver (:mod:`._compile`), and a blank
is never counted as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Literal, cast

import attrs
from attrs import field, frozen

from disclosure_report.diagnostics import CODES, Diagnostic, Severity
from disclosure_report.errors import DisclosureReportError
from disclosure_report.model import Edition, Report
from disclosure_report.tables import EDITIONS, EditionSpec, TableSpec

__all__ = [
    "REPORT_FIELDS",
    "Along",
    "AtLeast",
    "BlankCells",
    "Check",
    "ColumnTotal",
    "Conforms",
    "ExtraRows",
    "NonNegative",
    "RequiredField",
    "RequiredRows",
    "RequiredSections",
    "RowTotal",
    "Rule",
    "RuleDefinitionError",
    "SumRule",
]

Along = Literal["row", "column"]
"""``"row"``: the terms are columns and the rule is checked in every row.
``"column"``: the terms are rows and the rule is checked in every column."""

REPORT_FIELDS = frozenset(a.name for a in attrs.fields(Report))
"""Attributes of :class:`~disclosure_report.model.Report` a rule may name."""


class RuleDefinitionError(DisclosureReportError, ValueError):
    """A rule is malformed: it names a code, table, row, column or group nobody declares."""


def _editions(edition: Edition | None) -> tuple[EditionSpec, ...]:
    return tuple(EDITIONS.values()) if edition is None else (EDITIONS[edition],)


def _fail(code: str, what: str) -> RuleDefinitionError:
    return RuleDefinitionError(f"rule {code}: {what}")


def _catalogued(code: str) -> None:
    if code not in CODES:
        raise _fail(code, "the code is not in the catalogue (diagnostics.CODES)")


def _tables(code: str, table: str, edition: Edition | None) -> tuple[TableSpec, ...]:
    """The declarations of ``table`` in the editions a rule may apply to; at least one."""
    found = []
    for spec in _editions(edition):
        try:
            found.append(spec.table(table))
        except KeyError:
            continue
    if not found:
        where = "any edition" if edition is None else f"edition {edition}"
        raise _fail(code, f"{table!r} is not a table of {where}")
    return tuple(found)


def _declared(code: str, what: str, keys: Iterable[str], declared: set[str]) -> None:
    unknown = [k for k in keys if k not in declared]
    if unknown:
        raise _fail(code, f"{', '.join(map(repr, unknown))} is not a declared {what}")


def _nonempty(
    _instance: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not value:
        msg = f"{attribute.name}: a side of a sum rule needs at least one term"
        raise RuleDefinitionError(msg)


@frozen(kw_only=True)
class SumRule:
    """An identity ``sum(left) == sum(right)`` inside one table, checked in every line.

    A line is a row of the table (``along="row"``, the terms are column keys) or a column
    (``along="column"``, the terms are row keys). The lines checked are those the edition's
    declaration gives every term to, in declaration order. Optional columns (a subtotal some
    publishers add) are checked only where they are printed.
    """

    code: str
    table: str
    """Key of the table section (a :class:`~disclosure_report.model.Report` attribute)."""
    along: Along
    left: tuple[str, ...] = field(validator=_nonempty)
    right: tuple[str, ...] = field(validator=_nonempty)
    at: str | None = None
    """The term whose cell locates a finding; ``None`` means the first term of :attr:`left`."""
    edition: Edition | None = None
    """The only edition the rule applies to; ``None`` means every edition declaring its terms."""
    severity: Severity | None = None
    """Severity of a violation; ``None`` takes the catalogue's."""

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        if self.at is not None and self.at not in self.terms:
            raise _fail(self.code, f"at={self.at!r} is not a term of the rule")
        declared: set[str] = set()
        for spec in _tables(self.code, self.table, self.edition):
            if self.along == "row":
                declared.update(c.key for c in spec.columns)
            else:
                declared.update(r.key for r in spec.rows)
        _declared(self.code, "column" if self.along == "row" else "row", self.terms, declared)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term, left side first."""
        return (*self.left, *self.right)

    @property
    def anchor(self) -> str:
        """The term whose cell locates a finding."""
        return self.at if self.at is not None else self.left[0]

    def applies_to(self, edition: Edition) -> bool:
        """True when the rule may be checked in reports of ``edition``."""
        return self.edition is None or self.edition is edition


@frozen(kw_only=True)
class ColumnTotal:
    """In every row, a column group's declared total column = the sum of its columns.

    The group is a :class:`~disclosure_report.tables.ColumnGroup` of the table, by key.
    """

    code: str
    table: str
    group: str
    edition: Edition | None = None

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        declared = {
            g.key for t in _tables(self.code, self.table, self.edition) for g in t.column_groups
        }
        _declared(self.code, "column group", (self.group,), declared)

    def applies_to(self, edition: Edition) -> bool:
        """True when the rule may be checked in reports of ``edition``."""
        return self.edition is None or self.edition is edition


@frozen(kw_only=True)
class RowTotal:
    """In every column, a row group's declared total row = the sum of the group's other rows.

    The group is a :class:`~disclosure_report.tables.Group` of the table with a ``total``.
    """

    code: str
    table: str
    group: str
    edition: Edition | None = None

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        declared = {
            g.key
            for t in _tables(self.code, self.table, self.edition)
            for g in t.groups
            if g.total is not None
        }
        _declared(self.code, "row group with a total", (self.group,), declared)

    def applies_to(self, edition: Edition) -> bool:
        """True when the rule may be checked in reports of ``edition``."""
        return self.edition is None or self.edition is edition


@frozen(kw_only=True)
class AtLeast:
    """In every line, ``sum(left) >= sum(right)``; an empty right side is 0.

    Checked in each line the edition declares every term for (so a rule on 2019 columns is
    simply not checked in 2021 reports).
    """

    code: str
    table: str
    along: Along
    left: tuple[str, ...] = field(validator=_nonempty)
    right: tuple[str, ...] = ()
    edition: Edition | None = None

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        declared: set[str] = set()
        for spec in _tables(self.code, self.table, self.edition):
            if self.along == "row":
                declared.update(c.key for c in spec.columns)
            else:
                declared.update(r.key for r in spec.rows)
        what = "column" if self.along == "row" else "row"
        _declared(self.code, what, (*self.left, *self.right), declared)

    def applies_to(self, edition: Edition) -> bool:
        """True when the rule may be checked in reports of ``edition``."""
        return self.edition is None or self.edition is edition


@frozen(kw_only=True)
class NonNegative:
    """Every cell of a table: a count is a whole number >= 0, an amount is >= 0.

    Signed columns (2019 本年增/减) are not checked. An amount column with a declared unit
    is also checked for a cell written in another unit (``元`` in a ``万元`` column).
    """

    code: str
    table: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        _tables(self.code, self.table, None)


@frozen(kw_only=True)
class BlankCells:
    """Every cell of every official row holds a number; one finding per row naming its blanks."""

    code: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


@frozen(kw_only=True)
class RequiredSections:
    """Every section of the edition is present."""

    code: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


@frozen(kw_only=True)
class RequiredRows:
    """Every table that is present holds each row the template expects."""

    code: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


@frozen(kw_only=True)
class ExtraRows:
    """A table holds rows the template does not have (kept as extra rows)."""

    code: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


@frozen(kw_only=True)
class Conforms:
    """The report fits the shape of its edition (:func:`disclosure_report.conformance.nonconformities`)."""

    code: str

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


@frozen(kw_only=True)
class RequiredField:
    """A metadata attribute of the report is given (not ``None``, not empty)."""

    code: str
    field: str
    """A :class:`~disclosure_report.model.Report` attribute, e.g. ``organ``."""

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)
        _declared(self.code, "report attribute", (self.field,), set(REPORT_FIELDS))


_Run = Callable[[Report], Iterable[Diagnostic]]


def _callable(_instance: object, _attribute: attrs.Attribute[_Run], value: _Run) -> None:
    if not callable(cast("object", value)):
        msg = "run must be a function of the report"
        raise RuleDefinitionError(msg)


@frozen
class Check:
    """A rule that is none of the kinds above: a function ``rule_<code>(report)`` yielding findings."""

    code: str
    run: _Run = field(validator=_callable)

    def __attrs_post_init__(self) -> None:
        _catalogued(self.code)


Rule = (
    SumRule
    | ColumnTotal
    | RowTotal
    | AtLeast
    | NonNegative
    | BlankCells
    | RequiredSections
    | RequiredRows
    | ExtraRows
    | Conforms
    | RequiredField
    | Check
)
"""One entry of the rule table."""
