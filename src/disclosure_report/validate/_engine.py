"""The rule engine: sum identities as data (:class:`SumRule`), other checks as functions.

The engine knows no table, row or column by name. A :class:`SumRule` names its table and its
terms by their keys; the engine reads the rest (which rows and columns exist, which columns
are optional, the official labels) from the report's edition in
:mod:`disclosure_report.tables`.

A blank is never counted as 0: an identity with a blank (or otherwise non-numeric, or absent)
term gives one *not assessable* finding, severity INFO, naming the cells it would have needed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from typing import Literal

from attrs import field, frozen

from disclosure_report.diagnostics import LABEL_SEPARATOR, Diagnostic, Location, Severity, locate
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import Column, RowSpec, TableSpec, edition_spec

__all__ = ["Along", "Check", "Rule", "SumRule", "evaluate"]

Along = Literal["row", "column"]
"""``"row"``: the terms are columns and the identity is checked in every row.
``"column"``: the terms are rows and the identity is checked in every column."""

Number = int | Decimal
"""What a cell's value can be."""


def _nonempty(_instance: object, attribute: object, value: tuple[str, ...]) -> None:
    if not value:
        msg = "a side of a sum rule needs at least one term"
        raise ValueError(msg)


@frozen(kw_only=True)
class SumRule:
    """An identity ``sum(left) == sum(right)`` inside one table, checked in every line.

    A line is a row of the table (``along="row"``, the terms are column keys) or a column
    (``along="column"``, the terms are row keys). The lines checked are those the edition's
    declaration gives every term to, in declaration order.

    Optional columns (a subtotal some publishers add) are checked only where they are
    printed: along a row, a row that lacks an optional term column is skipped; along a column,
    an optional column no row of the table prints is skipped.
    """

    code: str
    """Diagnostic code, e.g. ``R3.1``."""
    severity: Severity
    """Severity of a violation (not of a *not assessable* finding, which is always INFO)."""
    table: str
    """Key of the table section (a :class:`~disclosure_report.model.Report` attribute)."""
    along: Along
    left: tuple[str, ...] = field(validator=_nonempty)
    right: tuple[str, ...] = field(validator=_nonempty)
    at: str | None = None
    """The term whose cell locates a finding; ``None`` means the first term of :attr:`left`."""
    edition: Edition | None = None
    """The only edition the rule applies to; ``None`` means every edition."""

    def __attrs_post_init__(self) -> None:
        if self.at is not None and self.at not in self.terms:
            msg = f"{self.code}: at={self.at!r} is not a term of the rule"
            raise ValueError(msg)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every term, left side first."""
        return (*self.left, *self.right)

    @property
    def anchor(self) -> str:
        """The term whose cell locates a finding."""
        return self.at if self.at is not None else self.left[0]

    def applies_to(self, edition: Edition) -> bool:
        """True when the rule is checked in reports of ``edition``."""
        return self.edition is None or self.edition is edition


@frozen
class Check:
    """A rule that is not a sum: a function ``rule_<code>(report)`` yielding diagnostics."""

    code: str
    run: Callable[[Report], Iterable[Diagnostic]]


Rule = SumRule | Check
"""One entry of the rule table."""


def evaluate(rule: Rule, report: Report) -> Iterator[Diagnostic]:
    """Yield the findings of ``rule`` about ``report``, in declaration row then column order.

    A table section the report lacks (``None``) gives nothing: parsing reports missing
    sections.
    """
    if isinstance(rule, Check):
        yield from rule.run(report)
        return
    if not rule.applies_to(report.edition):
        return
    table = getattr(report, rule.table, None)
    if not isinstance(table, Table):
        return
    spec = edition_spec(report.edition).table(rule.table)
    for left, right in _lines(rule, spec, table):
        yield from _check(rule, report.edition, left, right)


# --- one identity in one line --------------------------------------------------------------


@frozen
class _Term:
    """One term of an identity in one line: where it is declared and what the report holds."""

    row: RowSpec
    column: Column
    found: Row | None
    """The report's row, ``None`` when the row is missing."""
    cell: Cell | None
    """The report's cell, ``None`` when the row or the cell is missing."""


def _row(table: Table, key: str) -> Row | None:
    try:
        return table.row(key)
    except KeyError:
        return None


def _cell(row: Row | None, key: str) -> Cell | None:
    if row is None:
        return None
    try:
        return row.cell(key)
    except KeyError:
        return None


def _declares(row: RowSpec, column: str) -> bool:
    return any(c.key == column for c in row.columns)


_Line = tuple[Sequence[_Term], Sequence[_Term]]
"""The terms of one identity in one line: its left side and its right side."""


def _lines(rule: SumRule, spec: TableSpec, table: Table) -> Iterator[_Line]:
    """Yield, for each line the rule is checked in, its terms (left side, right side).

    Rows the table is not expected to hold (an optional row it does not print, or template
    rows an optional row it prints stands for) are neither lines nor terms.
    """
    expected = {r.key for r in spec.expected_rows({r.key for r in table.rows})}
    if rule.along == "row":
        for row_spec in spec.rows:
            if row_spec.key not in expected:
                continue
            if not all(_declares(row_spec, key) for key in rule.terms):
                continue
            found = _row(table, row_spec.key)
            columns = [row_spec.column(key) for key in rule.terms]
            if any(c.optional and _cell(found, c.key) is None for c in columns):
                continue
            terms = [_Term(row_spec, c, found, _cell(found, c.key)) for c in columns]
            yield terms[: len(rule.left)], terms[len(rule.left) :]
    else:
        sides = [
            [spec.row(key) for key in side if key in expected] for side in (rule.left, rule.right)
        ]
        for column in spec.columns:
            if not all(_declares(r, column.key) for side in sides for r in side):
                continue
            if column.optional and all(_cell(r, column.key) is None for r in table.rows):
                continue
            left, right = (
                [
                    _Term(r, column, found, _cell(found, column.key))
                    for r in side
                    for found in (_row(table, r.key),)
                ]
                for side in sides
            )
            yield left, right


def _locate(edition: Edition, table: str, term: _Term) -> Location:
    source = term.cell.source if term.cell is not None else None
    return locate(edition, table, term.row.key, term.column.key, source=source)


def _key(term: _Term, rule: SumRule) -> str:
    """The key a rule names the term by: its column along a row, its row along a column."""
    return term.column.key if rule.along == "row" else term.row.key


def _check(
    rule: SumRule, edition: Edition, left: Sequence[_Term], right: Sequence[_Term]
) -> Iterator[Diagnostic]:
    terms = [*left, *right]
    anchor = next(t for t in terms if _key(t, rule) == rule.anchor)
    location = _locate(edition, rule.table, anchor)
    unknown = [t for t in terms if t.cell is None or t.cell.value is None]
    if unknown:
        yield Diagnostic(
            code=rule.code,
            severity=Severity.INFO,
            message=_not_checked(unknown),
            location=location,
            cells=tuple(_locate(edition, rule.table, t) for t in unknown),
            assessable=False,
        )
        return
    along_row = rule.along == "row"
    left_known = [
        (t, t.cell.value) for t in left if t.cell is not None and t.cell.value is not None
    ]
    right_known = [
        (t, t.cell.value) for t in right if t.cell is not None and t.cell.value is not None
    ]
    left_sum, right_sum = _sum(left_known), _sum(right_known)
    if left_sum == right_sum:
        return
    yield Diagnostic(
        code=rule.code,
        severity=rule.severity,
        message=(
            f"{_side(left_known, left_sum, along_row=along_row)}, "
            f"but {_side(right_known, right_sum, along_row=along_row)}; "
            f"the two sides differ by {abs(left_sum - right_sum)}"
        ),
        location=location,
        cells=tuple(_locate(edition, rule.table, t) for t in terms),
    )


# Exact sums of any finite numbers the model holds: no rounding, no overflow trap.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def _sum(side: Sequence[tuple[_Term, Number]]) -> Number:
    with localcontext(_EXACT):
        return sum((value for _, value in side), start=0)


# --- messages ------------------------------------------------------------------------------


def _path(term: _Term, *, along_row: bool) -> tuple[str, ...]:
    """The label path of the term's own heading: its column in a row, its row in a column."""
    if along_row:
        return (*term.column.group, term.column.label)
    return (*(g.label for g in term.row.groups), term.row.label)


def _side(side: Sequence[tuple[_Term, Number]], total: Number, *, along_row: bool) -> str:
    """``a (1) + b (2) = 3``, each label without the headings all terms of the side share."""
    paths = [_path(term, along_row=along_row) for term, _ in side]
    shared = 0
    while all(len(p) > shared + 1 and p[shared] == paths[0][shared] for p in paths):
        shared += 1
    named = [f"{'/'.join(p[shared:])} ({value})" for p, (_, value) in zip(paths, side, strict=True)]
    return named[0] if len(named) == 1 else f"{' + '.join(named)} = {total}"


def _name(term: _Term) -> str:
    """The official row and column labels of a term, as :class:`Location` joins them."""
    return LABEL_SEPARATOR.join(label for label in (term.row.path, term.column.path) if label)


def _not_checked(unknown: Sequence[_Term]) -> str:
    missing_rows = list(dict.fromkeys(t.row.path or t.row.key for t in unknown if t.found is None))
    missing_cells = [_name(t) for t in unknown if t.found is not None and t.cell is None]
    blank = [_name(t) for t in unknown if t.cell is not None and t.cell.is_blank]
    written = [
        f'{_name(t)} ("{t.cell.marker if t.cell.marker is not None else t.cell.raw}")'
        for t in unknown
        if t.cell is not None and not t.cell.is_blank
    ]
    parts = [
        f"{what} {', '.join(items)}"
        for what, items in (
            ("missing row" if len(missing_rows) == 1 else "missing rows", missing_rows),
            ("missing cell" if len(missing_cells) == 1 else "missing cells", missing_cells),
            ("blank cell" if len(blank) == 1 else "blank cells", blank),
            ("no number in", written),
        )
        if items
    ]
    return f"not checked: {'; '.join(parts)}"
