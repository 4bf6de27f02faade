"""The rule engine: rules compiled once per edition, checked over one term resolver.

Compiling (:func:`plan`) turns each rule of the table into the lines it is checked in, with
the declared row and column of every term, once per edition and selection. Checking a report
then resolves each table's shape once (:class:`_Layout`, cached by the shape, not by the
report): every term becomes an index into the table's flat list of values, so an identity is
two C-level sums. Only a line that does not hold, or holds a blank, takes the slow path that
builds findings.

A blank is never counted as 0. A line with a blank, a marker or a missing cell is *not
assessable*, unless the numbers it has already contradict it: counts are >= 0, so known
parts above their total are a definite error. The lines a rule could not check are folded
into one INFO finding per rule and table, naming the cells that stopped it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from functools import lru_cache
from itertools import chain
from operator import attrgetter, itemgetter
from typing import Any, Final, Literal

from attrs import frozen

from disclosure_report.conformance import MAX_NUMBER_DIGITS, NonconformityKind, nonconformities
from disclosure_report.diagnostics import (
    CODES,
    Diagnostic,
    Location,
    Number,
    Phrase,
    Severity,
    code_matches,
    locate,
)
from disclosure_report.model import Cell, Edition, Report, Row, Table
from disclosure_report.tables import (
    Column,
    EditionSpec,
    RowSpec,
    TableSpec,
    TextSectionSpec,
    ValueKind,
    edition_spec,
)

from .kinds import (
    AtLeast,
    BlankCells,
    ColumnTotal,
    Conforms,
    ExtraRows,
    NonNegative,
    RequiredField,
    RequiredRows,
    RequiredSections,
    RowTotal,
    Rule,
    SumRule,
)

__all__ = ["EXACT", "Plan", "join", "magnitude", "plan", "side_text"]

EXACT: Final = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""Exact sums of any finite numbers the model holds: no rounding, no overflow trap."""

_LIMIT: Final = 10**MAX_NUMBER_DIGITS
_MAX_NAMED: Final = 6
"""How many lines or cells a folded finding names before it says how many more."""


def join(items: Sequence[str], lang: Literal["zh", "en"] = "zh") -> str:
    """Names one after another, the first few only: ``a、b、c等8处`` / ``a, b, c and 5 more``."""
    shown = list(items[:_MAX_NAMED])
    rest = len(items) - len(shown)
    if lang == "zh":
        return "、".join(shown) + (f"等{len(items)}处" if rest else "")
    return ", ".join(shown) + (f" and {rest} more" if rest else "")


def _both(items: Sequence[str]) -> Phrase:
    return Phrase(join(items, "zh"), join(items, "en"))


@lru_cache(maxsize=64)
def _short_paths(table: TableSpec) -> dict[str, tuple[str, ...]]:
    """A short label path for each row and column key of ``table``.

    Its label where no other row (column) of the table prints the same label, else its whole
    label path.
    """
    paths: dict[str, tuple[str, ...]] = {}
    for row in table.rows:
        paths[row.key] = (
            (*(g.label for g in row.groups), row.label) if row.label else (table.label,)
        )
    for column in table.columns:
        paths[column.key] = (*column.group, column.label)
    for items in (table.rows, table.columns):
        labels = [item.label for item in items]
        for item in items:
            if item.label and labels.count(item.label) == 1:
                paths[item.key] = (item.label,)
    return paths


def _short_names(table: TableSpec) -> dict[str, str]:
    """:func:`_short_paths`, levels joined by ``/``."""
    return {key: "/".join(path) for key, path in _short_paths(table).items()}


# --- the report's tables, resolved once per shape --------------------------------------------


@frozen
class _Term:
    """One term of a line: the declared row and column, and its index in the flat values."""

    row: RowSpec
    column: Column
    index: int | None
    """``None`` when the report lacks the row or the cell."""


@frozen
class _Line:
    """One line of an arithmetic rule: its terms, resolved against one table shape."""

    name: str
    """The line's official label path: a row path (along a row) or a column path."""
    left: tuple[_Term, ...]
    right: tuple[_Term, ...]
    anchor: _Term
    get_left: Callable[[list[Any]], tuple[Any, ...]] | None
    """Reads the left terms' values; ``None`` when a term is missing from the report."""
    get_right: Callable[[list[Any]], tuple[Any, ...]] | None
    counts: bool
    """Every term is a count (>= 0): known parts bound the blanks."""


_Getter = Callable[[list[Any]], tuple[Any, ...]]


class _Lines(tuple[tuple["_Getter | None", "_Getter | None", _Line], ...]):
    """The lines of a rule in one shape, each as ``(get_left, get_right, line)``.

    Every line's getters are also side by side, for checking all lines at once (``None``: a
    term is missing).
    """

    complete: tuple[tuple[_Getter, ...], tuple[_Getter, ...]] | None
    """Every line's left and right getters, when no line has a missing term."""

    def __new__(cls, lines: tuple[_Line, ...]) -> _Lines:
        made = super().__new__(cls, ((line.get_left, line.get_right, line) for line in lines))
        lefts = tuple(line.get_left for line in lines if line.get_left is not None)
        rights = tuple(line.get_right for line in lines if line.get_right is not None)
        whole = len(lefts) == len(rights) == len(lines)
        made.complete = (lefts, rights) if whole else None
        return made


def _getter(indexes: Sequence[int]) -> _Getter:
    if len(indexes) == 1:
        (only,) = indexes

        def one(values: list[Any]) -> tuple[Any, ...]:
            return (values[only],)

        return one
    return itemgetter(*indexes)


class _Layout:
    """One table's shape (its row keys and each row's column keys), resolved against its edition.

    Built once per shape and reused for every report of that shape; a report's numbers are
    read through it as a flat list of values, one per cell, in printed order.
    """

    def __init__(self, edition: Edition, spec: TableSpec, rows: Sequence[Row]) -> None:
        self.spec = spec
        self.index: dict[tuple[str, str], int] = {}
        self.positions: list[tuple[RowSpec | None, Column | None]] = []
        self.row_ranges: list[tuple[int, RowSpec | None, int, int]] = []
        declared = {r.key: r for r in spec.rows}
        at = 0
        for number, row in enumerate(rows):
            row_spec = declared.get(row.key)
            columns = {c.key: c for c in row_spec.columns} if row_spec is not None else {}
            start = at
            for cell in row.cells:
                column = columns.get(cell.column)
                self.positions.append((row_spec, column))
                if row_spec is not None and column is not None:
                    self.index.setdefault((row.key, cell.column), at)
                at += 1
            self.row_ranges.append((number, row_spec, start, at))
        present = {row.key for row in rows}
        self.present = frozenset(present)
        expected = spec.expected_rows(present)
        self.expected = frozenset(r.key for r in expected)
        self.missing = tuple(r for r in expected if r.key not in present)
        """Rows the template expects that the table lacks, in printed order."""
        self.printed_columns = frozenset(column for _, column in self.index)
        self.counts = tuple(
            i
            for i, (_, c) in enumerate(self.positions)
            if c is not None and c.kind is ValueKind.COUNT
        )
        self.amounts = tuple(
            i
            for i, (_, c) in enumerate(self.positions)
            if c is not None and c.kind is ValueKind.AMOUNT
        )
        self.get_counts = _getter(self.counts) if self.counts else None
        self.shape_fits = not nonconformities(
            Report(
                edition=edition,
                **{  # type: ignore[arg-type]
                    spec.key: Table(
                        rows=tuple(
                            Row(key=r.key, cells=tuple(Cell(column=c.column) for c in r.cells))
                            for r in rows
                        )
                    )
                },
            )
        )
        self.lines: dict[int, _Lines] = {}

    def term(self, row: RowSpec, column: Column) -> _Term:
        return _Term(row, column, self.index.get((row.key, column.key)))

    def resolve(self, rule: _Arithmetic) -> _Lines:
        """The lines of ``rule`` in this shape (cached)."""
        found = self.lines.get(id(rule))
        if found is None:
            found = self.lines[id(rule)] = _Lines(tuple(self._lines(rule)))
        return found

    def _lines(self, rule: _Arithmetic) -> Iterator[_Line]:
        for template in rule.lines:
            if rule.along == "row":
                row = template.rows[0]
                if row.key not in self.expected:
                    continue  # an optional row not printed, or a row an optional one replaces
                if any(c.optional and (row.key, c.key) not in self.index for c in template.columns):
                    continue  # an optional column this row does not print
                left = tuple(self.term(row, c) for c in template.columns[: template.split])
                right = tuple(self.term(row, c) for c in template.columns[template.split :])
                anchor = self.term(row, template.columns[template.anchor])
            else:
                column = template.columns[0]
                if column.optional and column.key not in self.printed_columns:
                    continue
                kept = [(i, r) for i, r in enumerate(template.rows) if r.key in self.expected]
                left = tuple(self.term(r, column) for i, r in kept if i < template.split)
                right = tuple(self.term(r, column) for i, r in kept if i >= template.split)
                anchor_row = template.rows[template.anchor]
                anchor = self.term(anchor_row, column)
                if not left or (not right and rule.relation == "=="):
                    continue
            terms = (*left, *right)
            missing = any(t.index is None for t in terms)
            yield _Line(
                name=template.name,
                left=left,
                right=right,
                anchor=anchor,
                get_left=None
                if missing
                else _getter([t.index for t in left if t.index is not None]),
                get_right=(
                    None
                    if missing
                    else (
                        _getter([t.index for t in right if t.index is not None]) if right else _zero
                    )
                ),
                counts=all(t.column.kind is ValueKind.COUNT for t in terms),
            )


def _zero(_values: list[Any]) -> tuple[Any, ...]:
    return ()


_LAYOUTS: dict[tuple[Any, ...], _Layout] = {}
_MAX_LAYOUTS: Final = 512


class _View:
    """One table of the report being checked: its shape, cells and values."""

    __slots__ = ("cells", "layout", "spec", "table", "types", "values")

    def __init__(
        self,
        spec: TableSpec,
        table: Table,
        layout: _Layout,
        *,
        cells: list[Cell],
        values: list[Any],
        types: frozenset[type],
    ) -> None:
        self.spec = spec
        self.table = table
        self.layout = layout
        self.cells = cells
        self.values = values
        self.types = types
        """The types of the values (``int``, ``Decimal``, ``NoneType``)."""


_KEY = attrgetter("key")
_CELLS = attrgetter("cells")
_COLUMN = attrgetter("column")
_VALUE = attrgetter("value")


def _view(edition: Edition, spec: TableSpec, table: Table) -> _View:
    rows = table.rows
    row_cells = list(map(_CELLS, rows))
    cells = list(chain.from_iterable(row_cells))
    key = (
        edition,
        spec.key,
        tuple(map(_KEY, rows)),
        tuple(map(len, row_cells)),
        tuple(map(_COLUMN, cells)),
    )
    layout = _LAYOUTS.get(key)
    if layout is None:
        if len(_LAYOUTS) >= _MAX_LAYOUTS:
            _LAYOUTS.clear()
        layout = _LAYOUTS[key] = _Layout(edition, spec, rows)
    values = list(map(_VALUE, cells))
    return _View(
        spec, table, layout, cells=cells, values=values, types=frozenset(map(type, values))
    )


class _Context:
    """What the rules of one call share: the report and its tables, each resolved once."""

    def __init__(self, report: Report, spec: EditionSpec) -> None:
        self.report = report
        self.spec = spec
        self._views: dict[str, _View | None] = {}

    def view(self, table: TableSpec) -> _View | None:
        try:
            return self._views[table.key]
        except KeyError:
            value = getattr(self.report, table.key, None)
            found = _view(self.spec.edition, table, value) if isinstance(value, Table) else None
            self._views[table.key] = found
            return found


# --- compiled rules ----------------------------------------------------------------------------


@frozen
class _LineTemplate:
    """A line of an arithmetic rule in one edition, before a report's shape is known."""

    name: str
    rows: tuple[RowSpec, ...]
    """Along a row: the row (once). Along a column: every term's row, left side first."""
    columns: tuple[Column, ...]
    """Along a row: every term's column, left side first. Along a column: the column (once)."""
    split: int
    """How many of the terms are on the left side."""
    anchor: int
    """Position of the anchor among the terms."""


class _Compiled:
    """A rule compiled for one edition."""

    code: str
    severity: Severity

    def run(self, context: _Context) -> list[Diagnostic]:
        raise NotImplementedError


class _Arithmetic(_Compiled):
    """An identity (``==``) or a bound (``>=``) over sums of cells, in every line of a table."""

    def __init__(
        self,
        code: str,
        severity: Severity,
        table: TableSpec,
        *,
        along: Literal["row", "column"],
        relation: Literal["==", ">="],
        lines: tuple[_LineTemplate, ...],
    ) -> None:
        self.code = code
        self.severity = severity
        self.table = table
        self.along = along
        self.relation = relation
        self.lines = lines

    def run(self, context: _Context) -> list[Diagnostic]:
        view = context.view(self.table)
        if view is None:
            return []
        values = view.values
        lines = view.layout.resolve(self)
        equal = self.relation == "=="
        if equal and lines.complete is not None and _NONE not in view.types:
            # Every cell holds a number: all lines at once, then the slow path only if one fails.
            get_lefts, get_rights = lines.complete
            if [sum(get(values)) for get in get_lefts] == [sum(get(values)) for get in get_rights]:
                return []
        found: list[Diagnostic] = []
        unchecked: list[tuple[_Line, list[_Term]]] = []
        for get_left, get_right, line in lines:
            if get_left is not None and get_right is not None:
                try:
                    left, right = sum(get_left(values)), sum(get_right(values))
                except TypeError:
                    pass  # a blank among the terms
                else:
                    if left == right if equal else left >= right:
                        continue
            self._slow(context, view, line, found, unchecked)
        if unchecked:
            found.append(self._not_assessable(context, view, unchecked))
        return found

    # -- the slow path: a line that does not hold, or holds a blank --

    def _slow(
        self,
        context: _Context,
        view: _View,
        line: _Line,
        found: list[Diagnostic],
        unchecked: list[tuple[_Line, list[_Term]]],
    ) -> None:
        values = view.values
        terms = (*line.left, *line.right)
        unknown = [t for t in terms if t.index is None or values[t.index] is None]
        known = [t for t in terms if t.index is not None and values[t.index] is not None]
        if not unknown:
            found.append(self._violation(context, view, line))
            return
        if line.counts and all(values[t.index] >= 0 for t in known if t.index is not None):
            # Every term is a count >= 0: the known numbers may already decide the line.
            verdict = self._bound(view, line)
            if verdict is not None:
                found.append(verdict(context))
                return
            if self._holds_for_any(view, line):
                return
        unchecked.append((line, unknown))

    def _sides(self, view: _View, line: _Line) -> tuple[Number, bool, Number, bool]:
        values = view.values
        sums = []
        for side in (line.left, line.right):
            total: Number = 0
            complete = True
            for t in side:
                value = values[t.index] if t.index is not None else None
                if value is None:
                    complete = False
                else:
                    total += value
            sums.append((total, complete))
        (left, left_complete), (right, right_complete) = sums
        return left, left_complete, right, right_complete

    def _holds_for_any(self, view: _View, line: _Line) -> bool:
        """``>=`` with a complete right side already met by the known left parts."""
        if self.relation != ">=":
            return False
        left, _, right, right_complete = self._sides(view, line)
        return right_complete and left >= right

    def _bound(self, view: _View, line: _Line) -> Callable[[_Context], Diagnostic] | None:
        """A definite violation despite blanks (every term a count >= 0), else ``None``."""
        left, left_complete, right, right_complete = self._sides(view, line)
        if self.relation == "==":
            if left_complete and right > left:
                partial, complete = line.right, line.left
            elif right_complete and left > right:
                partial, complete = line.left, line.right
            else:
                return None
        elif left_complete and right > left:
            partial, complete = line.right, line.left
        else:
            return None

        def build(context: _Context) -> Diagnostic:
            return self._exceeds(context, view, line, partial, complete)

        return build

    def _location(self, context: _Context, view: _View, term: _Term) -> Location:
        source = view.cells[term.index].source if term.index is not None else None
        return locate(
            context.spec.edition, self.table.key, term.row.key, term.column.key, source=source
        )

    def _label(self, term: _Term) -> tuple[str, ...]:
        return _short_paths(self.table)[term.column.key if self.along == "row" else term.row.key]

    def _violation(self, context: _Context, view: _View, line: _Line) -> Diagnostic:
        values = view.values
        left: list[tuple[tuple[str, ...], Number]] = [
            (self._label(t), values[t.index]) for t in line.left if t.index is not None
        ]
        right: list[tuple[tuple[str, ...], Number]] = [
            (self._label(t), values[t.index]) for t in line.right if t.index is not None
        ]
        left_sum, right_sum = _sum(v for _, v in left), _sum(v for _, v in right)
        anchor_left = line.anchor in line.left
        actual, expected = (left_sum, right_sum) if anchor_left else (right_sum, left_sum)
        terms = (*line.left, *line.right)
        return Diagnostic(
            code=self.code,
            severity=self.severity,
            location=self._location(context, view, line.anchor),
            cells=tuple(self._location(context, view, t) for t in terms),
            expected=expected,
            actual=actual,
            args=(
                ("left", side_text(left, left_sum)),
                ("right", side_text(right, right_sum) if right else "0"),
                ("difference", magnitude(left_sum - right_sum)),
            ),
        )

    def _exceeds(
        self,
        context: _Context,
        view: _View,
        line: _Line,
        partial: tuple[_Term, ...],
        complete: tuple[_Term, ...],
    ) -> Diagnostic:
        values = view.values
        known = [
            (self._label(t), values[t.index])
            for t in partial
            if t.index is not None and values[t.index] is not None
        ]
        whole = [(self._label(t), values[t.index]) for t in complete if t.index is not None]
        blanks = [
            "/".join(self._label(t)) for t in partial if t.index is None or values[t.index] is None
        ]
        known_sum, whole_sum = _sum(v for _, v in known), _sum(v for _, v in whole)
        terms = (*line.left, *line.right)
        return Diagnostic(
            code=self.code,
            severity=self.severity,
            location=self._location(context, view, line.anchor),
            cells=tuple(self._location(context, view, t) for t in terms),
            expected=whole_sum if line.anchor in partial else known_sum,
            actual=known_sum if line.anchor in partial else whole_sum,
            form="parts-exceed",
            args=(
                ("known", side_text(known, known_sum)),
                ("total", side_text(whole, whole_sum)),
                ("blanks", _both(blanks)),
            ),
        )

    def _not_assessable(
        self, context: _Context, view: _View, unchecked: list[tuple[_Line, list[_Term]]]
    ) -> Diagnostic:
        cells: dict[tuple[str, str], tuple[_Term, Location]] = {}
        for _, unknown in unchecked:
            for term in unknown:
                key = (term.row.key, term.column.key)
                if key not in cells:
                    cells[key] = (term, self._location(context, view, term))
        return Diagnostic(
            code=self.code,
            severity=Severity.INFO,
            location=locate(context.spec.edition, self.table.key),
            cells=tuple(location for _, location in cells.values()),
            assessable=False,
            form="not-assessable",
            args=(
                ("count", len(unchecked)),
                ("lines", _both([line.name for line, _ in unchecked])),
                ("reasons", _reasons(view, [term for term, _ in cells.values()])),
            ),
        )


def _sum(values: Iterable[Number]) -> Number:
    return sum(values, start=0)


def magnitude(value: Number) -> Number:
    """``abs(value)``, typed."""
    return -value if value < 0 else value


_MAX_TERMS: Final = 8
"""Most terms a side of an identity names; a longer side names its first and last ones."""


def side_text(terms: Sequence[tuple[tuple[str, ...], Number]], total: Number) -> str:
    """``a (1) + b (2) = 3``, each label without the headings all terms of the side share.

    A side of more than :data:`_MAX_TERMS` terms names the first three and the last one
    (``a (1) + b (2) + c (3) + … + z (9) = 40``).
    """
    paths = [path for path, _ in terms]
    shared = 0
    while paths and all(len(p) > shared + 1 and p[shared] == paths[0][shared] for p in paths):
        shared += 1
    named = [
        f"{'/'.join(p[shared:])} ({value})" for p, (_, value) in zip(paths, terms, strict=True)
    ]
    if len(named) > _MAX_TERMS:
        named = [*named[:3], "…", named[-1]]
    return named[0] if len(named) == 1 else f"{' + '.join(named)} = {total}"


def _reasons(view: _View, terms: Sequence[_Term]) -> Phrase:
    """Why the cells of ``terms`` hold no number.

    Missing rows (named), missing cells, blank cells and cells with a marker or text instead
    of a number (counted; the finding's ``cells`` name each one).
    """
    names = _short_names(view.spec)
    missing_rows: list[str] = []
    missing_cells = blank = 0
    written: list[str] = []
    for term in terms:
        if term.index is None:
            if term.row.key in view.layout.present:
                missing_cells += 1
            elif names[term.row.key] not in missing_rows:
                missing_rows.append(names[term.row.key])
            continue
        cell = view.cells[term.index]
        if cell.is_blank:
            blank += 1
        else:
            written.append(f'"{cell.marker if cell.marker is not None else cell.raw}"')
    zh, en = [], []
    if missing_rows:
        zh.append(f"缺少行{join(missing_rows, 'zh')}")
        en.append(f"missing row(s) {join(missing_rows, 'en')}")
    if missing_cells:
        zh.append(f"缺少单元格{missing_cells}处")
        en.append(f"{missing_cells} missing cell(s)")
    if blank:
        zh.append(f"空白单元格{blank}处")
        en.append(f"{blank} blank cell(s)")
    if written:
        shown = sorted(set(written))
        zh.append(f"{len(written)}处写的不是数字（{'、'.join(shown)}）")
        en.append(f"{len(written)} cell(s) with no number ({', '.join(shown)})")
    return Phrase("，".join(zh), ", ".join(en))


class _NonNegative(_Compiled):
    """Each count cell a whole number >= 0, each amount >= 0 and in its column's unit."""

    def __init__(self, code: str, severity: Severity, table: TableSpec) -> None:
        self.code = code
        self.severity = severity
        self.table = table

    def run(self, context: _Context) -> list[Diagnostic]:
        view = context.view(self.table)
        if view is None:
            return []
        layout, values = view.layout, view.values
        found: list[tuple[int, Diagnostic]] = []
        if layout.get_counts is not None:
            # Fast: only whole numbers (and blanks) in the table, and no count below 0 (zeros
            # and blanks are left out of the minimum by filter()).
            fast = (
                view.types <= _INT_OR_BLANK
                and min(filter(None, layout.get_counts(values)), default=0) >= 0
            )
            if not fast:
                for i in layout.counts:
                    value = values[i]
                    if value is None or (type(value) is int and value >= 0):
                        continue
                    if value >= 0 and value == value.to_integral_value():
                        continue
                    found.append((i, self._finding(context, view, i, _COUNT_RULE)))
        for i in layout.amounts:
            value = values[i]
            if value is not None and value < 0:
                found.append((i, self._finding(context, view, i, _AMOUNT_RULE)))
            cell = view.cells[i]
            column = layout.positions[i][1]
            if (
                column is not None
                and column.unit is not None
                and cell.unit is not None
                and cell.unit != column.unit
            ):
                location = self._locate(context, view, i)
                found.append(
                    (
                        i,
                        Diagnostic(
                            code=self.code,
                            severity=Severity.WARNING,
                            location=location,
                            cells=(location,),
                            form="wrong-unit",
                            args=(("unit", cell.unit), ("column_unit", column.unit)),
                        ),
                    )
                )
        found.sort(key=lambda pair: pair[0])
        return [diagnostic for _, diagnostic in found]

    def _locate(self, context: _Context, view: _View, i: int) -> Location:
        row, column = view.layout.positions[i]
        assert row is not None
        assert column is not None
        return locate(
            context.spec.edition, self.table.key, row.key, column.key, source=view.cells[i].source
        )

    def _finding(self, context: _Context, view: _View, i: int, requirement: Phrase) -> Diagnostic:
        location = self._locate(context, view, i)
        return Diagnostic(
            code=self.code,
            severity=self.severity,
            location=location,
            cells=(location,),
            actual=view.values[i],
            args=(("value", str(view.values[i])), ("requirement", requirement)),
        )


_NONE: Final = type(None)
_INT_OR_BLANK: Final = frozenset({int, _NONE})
_COUNT_RULE: Final = Phrase("件数应为不小于0的整数", "a count is a whole number >= 0")
_AMOUNT_RULE: Final = Phrase("金额不能为负数", "an amount is never negative")


class _BlankCells(_Compiled):
    """R0.6: one finding per row naming the cells without a number."""

    def __init__(self, code: str, severity: Severity, tables: tuple[TableSpec, ...]) -> None:
        self.code = code
        self.severity = severity
        self.tables = tables

    def run(self, context: _Context) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for table in self.tables:
            view = context.view(table)
            if view is None or None not in view.values:
                continue
            for number, row_spec, start, stop in view.layout.row_ranges:
                if row_spec is None or None not in view.values[start:stop]:
                    continue
                found.extend(self._row(context, view, row_spec, number=number, span=(start, stop)))
        return found

    def _row(
        self,
        context: _Context,
        view: _View,
        row_spec: RowSpec,
        *,
        number: int,
        span: tuple[int, int],
    ) -> Iterator[Diagnostic]:
        start, stop = span
        names: list[str] = []
        cells: list[Location] = []
        short = _short_names(view.spec)
        for i in range(start, stop):
            column = view.layout.positions[i][1]
            cell = view.cells[i]
            if column is None or cell.value is not None:
                continue
            name = short[column.key]
            if not cell.is_blank:
                name += f'("{cell.marker if cell.marker is not None else cell.raw}")'
            names.append(name)
            cells.append(
                locate(
                    context.spec.edition,
                    view.spec.key,
                    row_spec.key,
                    column.key,
                    source=cell.source,
                )
            )
        if not cells:
            return
        row = view.table.rows[number]
        yield Diagnostic(
            code=self.code,
            severity=self.severity,
            location=locate(
                context.spec.edition,
                view.spec.key,
                row_spec.key,
                source=row.source if row.source is not None else cells[0].source,
            ),
            cells=tuple(cells),
            args=(("count", len(cells)), ("columns", Phrase("、".join(names), ", ".join(names)))),
        )


class _Sections(_Compiled):
    def __init__(
        self, code: str, severity: Severity, sections: tuple[TableSpec | TextSectionSpec, ...]
    ) -> None:
        self.code = code
        self.severity = severity
        self.sections = sections

    def run(self, context: _Context) -> list[Diagnostic]:
        return [
            Diagnostic(
                code=self.code,
                severity=self.severity,
                location=locate(context.spec.edition, section.key),
                args=(("section", section.label),),
            )
            for section in self.sections
            if getattr(context.report, section.key, None) is None
        ]


class _Rows(_Compiled):
    """R0.2: the official rows a present table lacks, one finding each.

    A table holding none of them is one finding, naming every row in ``cells``.
    """

    def __init__(self, code: str, severity: Severity, tables: tuple[TableSpec, ...]) -> None:
        self.code = code
        self.severity = severity
        self.tables = tables

    def run(self, context: _Context) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        edition = context.spec.edition
        for table in self.tables:
            view = context.view(table)
            if view is None or not view.layout.missing:
                continue
            if not view.layout.present & {r.key for r in table.rows}:
                found.append(
                    Diagnostic(
                        code=self.code,
                        severity=self.severity,
                        location=locate(edition, table.key),
                        cells=tuple(locate(edition, table.key, r.key) for r in view.layout.missing),
                        form="no-rows",
                        args=(("section", table.label), ("count", len(view.layout.missing))),
                    )
                )
                continue
            found.extend(
                Diagnostic(
                    code=self.code,
                    severity=self.severity,
                    location=locate(edition, table.key, row.key),
                    args=(("section", table.label), ("row", row.path)),
                )
                for row in view.layout.missing
            )
        return found


class _ExtraRows(_Compiled):
    def __init__(self, code: str, severity: Severity, tables: tuple[TableSpec, ...]) -> None:
        self.code = code
        self.severity = severity
        self.tables = tables

    def run(self, context: _Context) -> list[Diagnostic]:
        found: list[Diagnostic] = []
        for table in self.tables:
            value = getattr(context.report, table.key, None)
            if not isinstance(value, Table):
                continue
            found.extend(
                Diagnostic(
                    code=self.code,
                    severity=self.severity,
                    location=locate(context.spec.edition, table.key, source=extra.source),
                    args=(("section", table.label), ("label", extra.label)),
                )
                for extra in value.extra_rows
            )
        return found


class _Conforms(_Compiled):
    def __init__(self, code: str, severity: Severity, spec: EditionSpec) -> None:
        self.code = code
        self.severity = severity
        self.spec = spec

    def run(self, context: _Context) -> list[Diagnostic]:
        if self._fits(context):
            return []
        return [
            Diagnostic(
                code=self.code,
                severity=self.severity,
                location=locate(context.spec.edition, n.section, n.row, n.column),
                args=(
                    ("edition", str(context.spec.edition)),
                    ("kind", n.kind.value),
                    ("detail", n.message),
                ),
            )
            for n in nonconformities(context.report)
            if n.kind is not NonconformityKind.FRACTION_IN_COUNT  # R2.1, R3.4, R4.4 say it
        ]

    def _fits(self, context: _Context) -> bool:
        """True when the report surely fits its edition.

        Each table's shape was checked once (per shape), and every number is well inside the
        bound of :data:`MAX_NUMBER_DIGITS`.

        Anything else (a shape that does not fit, a huge number, a decimal with many places)
        goes to :func:`~disclosure_report.conformance.nonconformities` itself.
        """
        for section in self.spec.sections:
            value = getattr(context.report, section.key, None)
            if isinstance(section, TextSectionSpec):
                if isinstance(value, Table):
                    return False
                continue
            view = context.view(section)
            if view is None:
                continue
            if not view.layout.shape_fits:
                return False
            numbers = list(filter(None, view.values))  # zeros and blanks are within the bound
            if not view.types <= _INT_OR_BLANK:
                if not all(type(v) is int or _small_decimal(v) for v in numbers):
                    return False
                numbers = [v for v in numbers if type(v) is int]
            if numbers and not (min(numbers) > -_LIMIT and max(numbers) < _LIMIT):
                return False
        return True


_SAFE_DIGITS: Final = MAX_NUMBER_DIGITS // 2 - 1


def _small_decimal(value: Decimal) -> bool:
    """A decimal surely inside the bound: few digits on either side of the point.

    ``|value| < 10**k`` with an exponent in ``[-k, k]`` keeps the coefficient under
    ``2k`` digits, within :data:`MAX_NUMBER_DIGITS`.
    """
    exponent = value.as_tuple().exponent
    return (
        isinstance(exponent, int)
        and -_SAFE_DIGITS <= exponent <= _SAFE_DIGITS
        and abs(value) < 10**_SAFE_DIGITS
    )


class _Field(_Compiled):
    def __init__(self, code: str, severity: Severity, name: str) -> None:
        self.code = code
        self.severity = severity
        self.name = name

    def run(self, context: _Context) -> list[Diagnostic]:
        value = getattr(context.report, self.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return [
                Diagnostic(
                    code=self.code, severity=self.severity, location=Location(section=self.name)
                )
            ]
        return []


class _Function(_Compiled):
    def __init__(
        self, code: str, severity: Severity, run: Callable[[Report], Iterable[Diagnostic]]
    ) -> None:
        self.code = code
        self.severity = severity
        self.function = run

    def run(self, context: _Context) -> list[Diagnostic]:
        return list(self.function(context.report))


# --- compiling a rule for an edition --------------------------------------------------------


def _table(spec: EditionSpec, key: str) -> TableSpec | None:
    try:
        return spec.table(key)
    except KeyError:
        return None


def _row_lines(
    table: TableSpec, left: Sequence[str], right: Sequence[str], anchor: str
) -> tuple[_LineTemplate, ...]:
    terms = (*left, *right)
    names = _short_names(table)
    lines = []
    for row in table.rows:
        declared = {c.key: c for c in row.columns}
        if not all(key in declared for key in terms):
            continue
        lines.append(
            _LineTemplate(
                name=names[row.key],
                rows=(row,),
                columns=tuple(declared[key] for key in terms),
                split=len(left),
                anchor=terms.index(anchor),
            )
        )
    return tuple(lines)


def _column_lines(
    table: TableSpec, left: Sequence[str], right: Sequence[str], anchor: str
) -> tuple[_LineTemplate, ...]:
    rows = tuple(table.row(key) for key in (*left, *right))
    names = _short_names(table)
    lines = []
    for column in table.columns:
        if not all(any(c.key == column.key for c in row.columns) for row in rows):
            continue
        lines.append(
            _LineTemplate(
                name=names[column.key],
                rows=rows,
                columns=(column,),
                split=len(left),
                anchor=(*left, *right).index(anchor),
            )
        )
    return tuple(lines)


def _declares(table: TableSpec, along: str, keys: Iterable[str]) -> bool:
    declared = {c.key for c in table.columns} if along == "row" else {r.key for r in table.rows}
    return all(key in declared for key in keys)


def _compile(rule: Rule, spec: EditionSpec) -> _Compiled | None:
    """``rule`` compiled for ``spec``; ``None`` when it does not apply to that edition."""
    info = CODES[rule.code]
    severity = info.severity
    if isinstance(rule, SumRule | AtLeast | ColumnTotal | RowTotal):
        if not rule.applies_to(spec.edition):
            return None
        table = _table(spec, rule.table)
        if table is None:
            return None
        left: tuple[str, ...]
        right: tuple[str, ...]
        if isinstance(rule, ColumnTotal):
            try:
                group = table.column_group(rule.group)
            except KeyError:
                return None
            left, right, anchor = (group.total,), group.columns, group.total
            along: Literal["row", "column"] = "row"
            relation: Literal["==", ">="] = "=="
        elif isinstance(rule, RowTotal):
            try:
                row_group = table.row_group(rule.group)
            except KeyError:
                return None
            if row_group.total is None:
                return None
            left = (row_group.total,)
            right = tuple(
                r.key
                for r in table.rows
                if rule.group in (g.key for g in r.groups) and r.key != row_group.total
            )
            anchor, along, relation = row_group.total, "column", "=="
        elif isinstance(rule, SumRule):
            left, right, anchor, along, relation = (
                rule.left,
                rule.right,
                rule.anchor,
                rule.along,
                "==",
            )
            severity = rule.severity or severity
        else:
            left, right, along, relation = rule.left, rule.right, rule.along, ">="
            anchor = left[0]
        if not _declares(table, along, (*left, *right)):
            return None
        lines = (_row_lines if along == "row" else _column_lines)(table, left, right, anchor)
        return _Arithmetic(rule.code, severity, table, along=along, relation=relation, lines=lines)
    if isinstance(rule, NonNegative):
        table = _table(spec, rule.table)
        return None if table is None else _NonNegative(rule.code, severity, table)
    if isinstance(rule, BlankCells):
        return _BlankCells(rule.code, severity, spec.tables)
    if isinstance(rule, RequiredSections):
        return _Sections(rule.code, severity, spec.sections)
    if isinstance(rule, RequiredRows):
        return _Rows(rule.code, severity, spec.tables)
    if isinstance(rule, ExtraRows):
        return _ExtraRows(rule.code, severity, spec.tables)
    if isinstance(rule, Conforms):
        return _Conforms(rule.code, severity, spec)
    if isinstance(rule, RequiredField):
        return _Field(rule.code, severity, rule.field)
    return _Function(rule.code, severity, rule.run)


@frozen
class Plan:
    """The rules of a selection, compiled for one edition, in reporting order."""

    edition: Edition
    rules: tuple[_Compiled, ...]
    source: tuple[Rule, ...]
    """The rule table it was compiled from."""

    def run(self, report: Report) -> tuple[Diagnostic, ...]:
        """Check ``report`` (of :attr:`edition`) against every compiled rule."""
        context = _Context(report, edition_spec(self.edition))
        found: list[Diagnostic] = []
        with localcontext(EXACT):
            for rule in self.rules:
                found += rule.run(context)
        return tuple(found)


_PLANS: dict[tuple[int, Edition, tuple[str, ...] | None, tuple[str, ...]], Plan] = {}
_MAX_PLANS: Final = 256


def plan(
    rules: tuple[Rule, ...],
    edition: Edition,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
) -> Plan:
    """Compile ``rules`` for ``edition`` (once: the result is cached).

    Only the codes ``select`` names (every code when ``None``) and ``ignore`` does not are
    kept; selectors are those of :func:`~disclosure_report.diagnostics.code_matches`.
    """
    # Keyed by the identity of the rule table (hashing its rules would cost more than a
    # validation); the plan holds the table, so the identity is not reused while cached.
    key = (id(rules), edition, select, ignore)
    found = _PLANS.get(key)
    if found is None or found.source is not rules:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        found = _PLANS[key] = _plan(rules, edition, select, ignore)
    return found


def _plan(
    rules: tuple[Rule, ...],
    edition: Edition,
    select: tuple[str, ...] | None,
    ignore: tuple[str, ...],
) -> Plan:
    spec = edition_spec(edition)
    compiled = []
    for rule in rules:
        if select is not None and not any(code_matches(rule.code, s) for s in select):
            continue
        if any(code_matches(rule.code, s) for s in ignore):
            continue
        found = _compile(rule, spec)
        if found is not None:
            compiled.append(found)
    return Plan(edition, tuple(compiled), rules)
