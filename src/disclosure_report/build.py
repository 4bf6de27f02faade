"""Build a report in code: a blank report of an edition, cells set by key or by official label.

For office software that produces its report from its own case records::

    >>> import disclosure_report as dr
    >>> report = dr.blank_report("2021", organ="某某市人民政府办公室", year=2024)
    >>> report = dr.replace_cell(report, "applications", "granted", "natural_person", 12)
    >>> report.applications.cell("granted", "natural_person").value
    12
    >>> report = dr.replace_cell_by_label(report, "三、收到和处理政府信息公开申请情况", "（一）予以公开", "商业企业", 3)
    >>> report.applications.cell("granted", "commercial_enterprise").value
    3

Every function returns a new report (the model is frozen) and never builds a shape the
edition does not declare: a key or label it does not know raises :class:`BuildError`, whose
message lists the valid ones. Totals are filled only when asked, by :func:`fill_totals`.

Keys are typed (:mod:`disclosure_report.keys`): a type checker rejects
``replace_cell(report, "applications", "grnted", ...)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal, overload

import attrs

from disclosure_report.conformance import nonconformities
from disclosure_report.errors import DisclosureReportError
from disclosure_report.keys import (
    ApplicationsColumn,
    ApplicationsRow,
    ProactiveDisclosureColumn,
    ProactiveDisclosureRow,
    ReviewLitigationColumn,
    ReviewLitigationRow,
)
from disclosure_report.model import Cell, Edition, Paragraph, Report, Row, Table, TextSection
from disclosure_report.tables import (
    Column,
    RowSpec,
    TableSpec,
    TextSectionSpec,
    edition_spec,
    normalise_label,
)
from disclosure_report.validate import RULES, ColumnTotal, RowTotal

__all__ = [
    "BuildError",
    "CellValue",
    "blank_report",
    "fill_totals",
    "replace_cell",
    "replace_cell_by_label",
    "replace_cells",
]

CellValue = int | Decimal | None
"""What a cell's number can be: ``int`` counts, ``Decimal`` amounts, ``None`` for blank."""


class BuildError(DisclosureReportError, ValueError):
    """A report cannot be built as asked.

    An unknown key or label, a shape the edition does not declare, a total that cannot be
    filled: the message says what is valid.
    """


def _keys(items: Iterable[str]) -> str:
    return ", ".join(items)


def _table_spec(edition: Edition, section: str) -> TableSpec:
    spec = edition_spec(edition)
    for table in spec.tables:
        if table.key == section:
            return table
    msg = (
        f"{section!r} is not a table of edition {edition}; "
        f"its tables are {_keys(t.key for t in spec.tables)}"
    )
    raise BuildError(msg)


def _row_spec(table: TableSpec, row: str) -> RowSpec:
    for spec in table.rows:
        if spec.key == row:
            return spec
    msg = f"{row!r} is not a row of {table.label}; its rows are {_keys(r.key for r in table.rows)}"
    raise BuildError(msg)


def _column(row: RowSpec, column: str) -> Column:
    for spec in row.columns:
        if spec.key == column:
            return spec
    msg = (
        f"{column!r} is not a column of {row.path or row.key}; "
        f"its columns are {_keys(c.key for c in row.columns)}"
    )
    raise BuildError(msg)


def _blank_row(row: RowSpec, optional_columns: Sequence[str]) -> Row:
    cells = tuple(
        Cell(column=c.key) for c in row.columns if not c.optional or c.key in optional_columns
    )
    return Row(key=row.key, cells=cells)


def blank_report(
    edition: Edition | str,
    *,
    organ: str | None = None,
    year: int | None = None,
    title: str | None = None,
    publication_date: date | None = None,
    period_start: date | None = None,
    period_end: date | None = None,
    preamble: Sequence[str] = (),
    closing: Sequence[str] = (),
    optional_rows: Sequence[str] = (),
    optional_columns: Sequence[str] = (),
) -> Report:
    """A report of ``edition`` with every section, every template row and every cell blank.

    Headings are the official ones. Optional rows and columns (a single （六）其他处理 row in a
    2021 report, the 法人或其他组织 小计 column) are left out unless named.

    Args:
        edition: the edition (``"2019"``, ``"2021"`` or an :class:`~disclosure_report.Edition`).
        organ: the publishing body.
        year: the report year.
        title: the title as it will be printed.
        publication_date: the date printed at the end.
        period_start: first day of the statistics period.
        period_end: last day of the statistics period.
        preamble: paragraphs between the title and section 一.
        closing: paragraphs after section 六 (signature, date).
        optional_rows: keys of optional rows to print instead of the rows they stand for.
        optional_columns: keys of optional columns to print.

    Raises:
        BuildError: an optional row or column the edition does not declare.

    >>> report = blank_report("2019", organ="段店乡人民政府", year=2019)
    >>> report.applications.cell("new_received", "total").is_blank
    True
    """
    spec = edition_spec(edition)
    declared_rows = {r.key: r for t in spec.tables for r in t.rows if r.optional}
    declared_columns = {c.key for t in spec.tables for c in t.columns if c.optional}
    for key in optional_rows:
        if key not in declared_rows:
            msg = f"{key!r} is not an optional row of edition {spec.edition}; they are {_keys(declared_rows)}"
            raise BuildError(msg)
    for key in optional_columns:
        if key not in declared_columns:
            msg = f"{key!r} is not an optional column of edition {spec.edition}; they are {_keys(sorted(declared_columns))}"
            raise BuildError(msg)
    sections: dict[str, Table | TextSection] = {}
    for section in spec.sections:
        if isinstance(section, TableSpec):
            rows = section.expected_rows(set(optional_rows))
            sections[section.key] = Table(
                heading=section.label,
                rows=tuple(_blank_row(r, optional_columns) for r in rows),
            )
        elif isinstance(section, TextSectionSpec):
            sections[section.key] = TextSection(heading=section.label)
    return Report(
        edition=spec.edition,
        organ=organ,
        year=year,
        title=title,
        publication_date=publication_date,
        period_start=period_start,
        period_end=period_end,
        preamble=tuple(Paragraph(text=t) for t in preamble),
        closing=tuple(Paragraph(text=t) for t in closing),
        **sections,  # type: ignore[arg-type]
    )


# --- replacing cells ---------------------------------------------------------------------------


@attrs.frozen
class _Change:
    row: RowSpec
    column: Column
    cell: Cell


def _apply(report: Report, table_spec: TableSpec, changes: Sequence[_Change]) -> Report:
    """The report with ``changes`` made to one table; rows and cells added in official order."""
    table = getattr(report, table_spec.key)
    if table is None:
        table = Table(heading=table_spec.label)
    rows: dict[str, dict[str, Cell]] = {}
    labels: dict[str, str | None] = {}
    for row in table.rows:
        rows[row.key] = {cell.column: cell for cell in row.cells}
        labels[row.key] = row.label
    for change in changes:
        cells = rows.get(change.row.key)
        if cells is None:  # a template row the report lacks: add it, blank but for the change
            cells = {c.key: Cell(column=c.key) for c in change.row.columns if not c.optional}
            rows[change.row.key] = cells
        cells[change.column.key] = change.cell
    order = {r.key: i for i, r in enumerate(table_spec.rows)}
    new_rows = []
    for key in sorted(rows, key=lambda k: order.get(k, len(order))):
        cells = rows[key]
        spec = table_spec.row(key) if key in order else None
        columns = {c.key: i for i, c in enumerate(spec.columns)} if spec is not None else {}
        ordered = sorted(cells.values(), key=lambda c: columns.get(c.column, len(columns)))
        new_rows.append(Row(key=key, cells=tuple(ordered), label=labels.get(key)))
    replaced: dict[str, Any] = {table_spec.key: attrs.evolve(table, rows=tuple(new_rows))}
    changed = attrs.evolve(report, **replaced)
    found = nonconformities(changed)
    if found:
        msg = "the change would not fit edition {}:\n{}".format(
            report.edition, "\n".join(str(n) for n in found)
        )
        raise BuildError(msg)
    return changed


def _cell(
    column: Column, value: CellValue | Cell, unit: str | None, marker: str | None, raw: str | None
) -> Cell:
    if isinstance(value, Cell):
        return attrs.evolve(value, column=column.key)
    return Cell(column=column.key, value=value, unit=unit, marker=marker, raw=raw)


@overload
def replace_cell(
    report: Report,
    section: Literal["proactive_disclosure"],
    row: ProactiveDisclosureRow,
    column: ProactiveDisclosureColumn,
    value: CellValue | Cell = None,
    *,
    unit: str | None = None,
    marker: str | None = None,
    raw: str | None = None,
) -> Report: ...
@overload
def replace_cell(
    report: Report,
    section: Literal["applications"],
    row: ApplicationsRow,
    column: ApplicationsColumn,
    value: CellValue | Cell = None,
    *,
    unit: str | None = None,
    marker: str | None = None,
    raw: str | None = None,
) -> Report: ...
@overload
def replace_cell(
    report: Report,
    section: Literal["review_litigation"],
    row: ReviewLitigationRow,
    column: ReviewLitigationColumn,
    value: CellValue | Cell = None,
    *,
    unit: str | None = None,
    marker: str | None = None,
    raw: str | None = None,
) -> Report: ...
def replace_cell(
    report: Report,
    section: str,
    row: str,
    column: str,
    value: CellValue | Cell = None,
    *,
    unit: str | None = None,
    marker: str | None = None,
    raw: str | None = None,
) -> Report:
    """The report with one cell replaced, named by keys (one call, for a frozen report).

    Args:
        report: the report to change (it is not changed itself: the model is frozen).
        section: the table's key (``proactive_disclosure``, ``applications``,
            ``review_litigation``).
        row: the row's key; a template row the report lacks is added (its other cells blank).
        column: the column's key; an optional column is added to the row.
        value: the number (``None`` for blank), or a whole :class:`~disclosure_report.Cell`.
        unit: a unit written in the cell itself (e.g. ``元``).
        marker: what the publisher writes instead of a number (``/``, ``—``, ``无``).
        raw: the cell text as printed, when it is more than the number.

    Raises:
        BuildError: the edition has no such table, row or column (the message lists the valid
            keys), or the change would not fit the edition (an optional row next to the rows
            it stands for).
    """
    table_spec = _table_spec(report.edition, section)
    row_spec = _row_spec(table_spec, row)
    column_spec = _column(row_spec, column)
    cell = _cell(column_spec, value, unit, marker, raw)
    return _apply(report, table_spec, [_Change(row_spec, column_spec, cell)])


@overload
def replace_cells(
    report: Report,
    section: Literal["proactive_disclosure"],
    values: Mapping[ProactiveDisclosureRow, Mapping[ProactiveDisclosureColumn, CellValue | Cell]],
) -> Report: ...
@overload
def replace_cells(
    report: Report,
    section: Literal["applications"],
    values: Mapping[ApplicationsRow, Mapping[ApplicationsColumn, CellValue | Cell]],
) -> Report: ...
@overload
def replace_cells(
    report: Report,
    section: Literal["review_litigation"],
    values: Mapping[ReviewLitigationRow, Mapping[ReviewLitigationColumn, CellValue | Cell]],
) -> Report: ...
def replace_cells(
    report: Report, section: str, values: Mapping[Any, Mapping[Any, CellValue | Cell]]
) -> Report:
    """The report with many cells of one table replaced at once: ``{row: {column: value}}``.

    >>> report = blank_report("2021")
    >>> report = replace_cells(report, "review_litigation", {"cases": {"review_upheld": 1, "review_total": 1}})
    >>> report.review_litigation.cell("cases", "review_total").value
    1

    Raises:
        BuildError: as :func:`replace_cell`, for the first unknown key.
    """
    table_spec = _table_spec(report.edition, section)
    changes = []
    for row, cells in values.items():
        row_spec = _row_spec(table_spec, row)
        for column, value in cells.items():
            column_spec = _column(row_spec, column)
            changes.append(
                _Change(row_spec, column_spec, _cell(column_spec, value, None, None, None))
            )
    return _apply(report, table_spec, changes)


# --- by official label ---------------------------------------------------------------------------


_NUMBERED: Final = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.])"
)


def _printed(text: str) -> str:
    """A label as compared: NFKC (full-width to half-width), no whitespace."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _matches(given: str, label: str, path: str, variants: Iterable[str]) -> bool:
    """``given`` names this label: exactly (width and spaces aside), or without its numbering.

    ``（一）予以公开`` and ``予以公开`` name the row; ``（九）其他`` does not name ``3.其他``.
    """
    names = (label, path, *variants)
    printed = _printed(given)
    if printed in {_printed(name) for name in names}:
        return True
    if _NUMBERED.match(printed):
        return False
    wanted = normalise_label(given)
    return wanted in {normalise_label(name) for name in names}


def _one(
    kind: str, where: str, given: str, found: list[tuple[str, str]], every: Iterable[str]
) -> str:
    """The one key whose label matched, else a BuildError listing the candidates."""
    if len(found) == 1:
        return found[0][0]
    if found:
        paths = "; ".join(path for _, path in found)
        msg = f"{kind} {given!r} of {where} is ambiguous: write one of {paths}"
    else:
        msg = f"{kind} {given!r} is not a {kind} of {where}; the {kind}s are {'; '.join(every)}"
    raise BuildError(msg)


def replace_cell_by_label(
    report: Report,
    section: str,
    row: str,
    column: str,
    value: CellValue | Cell = None,
    *,
    unit: str | None = None,
    marker: str | None = None,
    raw: str | None = None,
) -> Report:
    """:func:`replace_cell`, naming the cell by its official labels as printed in the template.

    A label matches when it equals, after :func:`~disclosure_report.tables.normalise_label`
    (full-width or half-width, numbering and punctuation aside), the official label, the
    label path (levels joined by ``/``, e.g. ``行政诉讼/复议后起诉/总计``) or a known variant.
    A label that several rows or columns share (``总计`` in table 四) must be given as a path.

    Raises:
        BuildError: no section, row or column has that label, or several do (the message
            lists the official labels to choose from).
    """
    spec = edition_spec(report.edition)
    tables = [
        (t.key, t.label) for t in spec.tables if _matches(section, t.label, t.label, t.variants)
    ]
    table_key = _one(
        "table", f"edition {spec.edition}", section, tables, (t.label for t in spec.tables)
    )
    table = spec.table(table_key)
    rows = [
        (r.key, r.path)
        for r in table.rows
        if r.label and _matches(row, r.label, r.path, r.variants)
    ]
    if not row and len(table.rows) == 1:  # table 四's only row has no label
        rows = [(table.rows[0].key, "")]
    row_key = _one("row", table.label, row, rows, (r.path or "(unlabelled)" for r in table.rows))
    row_spec = table.row(row_key)
    columns = [
        (c.key, c.path) for c in row_spec.columns if _matches(column, c.label, c.path, c.variants)
    ]
    column_key = _one(
        "column", row_spec.path or table.label, column, columns, (c.path for c in row_spec.columns)
    )
    column_spec = row_spec.column(column_key)
    cell = _cell(column_spec, value, unit, marker, raw)
    return _apply(report, table, [_Change(row_spec, column_spec, cell)])


# --- totals ---------------------------------------------------------------------------------------

_TOTAL_RULES: dict[str, ColumnTotal | RowTotal] = {
    rule.code: rule for rule in RULES if isinstance(rule, ColumnTotal | RowTotal)
}


def _number(cell: Cell | None) -> int | Decimal | None:
    return None if cell is None else cell.value


def fill_totals(report: Report, *codes: str) -> Report:
    """The report with the totals of the named sum rules filled in from their parts.

    Only the rules named are used, and only blank total cells are filled: a total the report
    already holds is kept when it equals the sum of its parts and refused when it does not. A
    line whose parts are all blank keeps its total as it is; a line with some parts blank
    cannot be added up (blank is not 0) and is refused.
    The rules are the totals of :data:`disclosure_report.validate.rules.RULES` (its
    ``ColumnTotal`` and ``RowTotal`` rules, whose parts the declaration names), e.g. ``R3.2``
    (总计 of each row of 三), ``R3.3``/``R3.3b`` (（七）总计 of each column), ``R3.8`` (the
    法人或其他组织 小计), ``R4.1``-``R4.3`` (the 总计 columns of 四). Rules that do not apply to
    the report's edition are skipped.

    >>> report = blank_report("2021")
    >>> report = replace_cells(report, "review_litigation", {"cases": {"review_upheld": 2, "review_corrected": 1, "review_other": 0, "review_pending": 0}})
    >>> fill_totals(report, "R4.1").review_litigation.cell("cases", "review_total").value
    3

    Raises:
        BuildError: no code named, a code that is not such a rule, a part of a total that is
            blank (never counted as 0), or a total that differs from its parts.
    """
    if not codes:
        msg = f"name the totals to fill, by rule: {_keys(_TOTAL_RULES)}"
        raise BuildError(msg)
    rules = []
    for code in codes:
        rule = _TOTAL_RULES.get(code)
        if rule is None:
            msg = f"{code!r} is not a rule with one total; they are {_keys(_TOTAL_RULES)}"
            raise BuildError(msg)
        if rule.applies_to(report.edition):
            rules.append(rule)
    spec = edition_spec(report.edition)
    grids: dict[str, dict[str, dict[str, Cell]]] = {}
    for rule in rules:
        table = getattr(report, rule.table)
        if table is not None and rule.table not in grids:
            grids[rule.table] = {r.key: {c.column: c for c in r.cells} for r in table.rows}
    # Totals can depend on each other (（七）总计's 总计 cell is both): fill until nothing moves.
    pending: dict[tuple[str, str, str], list[str]] = {}
    progress = True
    while progress:
        progress = False
        pending = {}
        for rule in rules:
            grid = grids.get(rule.table)
            if grid is None:
                continue
            table_spec = spec.table(rule.table)
            for row_key, column_key, parts in _lines(rule, table_spec, grid):
                total = grid[row_key].get(column_key)
                values = [(name, _number(grid.get(r, {}).get(c))) for name, r, c in parts]
                blank = [name for name, value in values if value is None]
                if len(blank) == len(values):
                    continue  # nothing to add up: the total stays as it is
                if blank:
                    if total is None or total.value is None:
                        pending[rule.table, row_key, column_key] = blank
                    continue
                result = sum(value for _, value in values if value is not None)
                if total is not None and total.value is not None:
                    if total.value != result:
                        msg = (
                            f"{rule.code}: {rule.table}.{row_key}.{column_key} holds {total.value}, "
                            f"but its parts add up to {result}"
                        )
                        raise BuildError(msg)
                    continue
                grid[row_key][column_key] = Cell(column=column_key, value=result)
                progress = True
    if pending:
        lines = "; ".join(
            f"{t}.{r}.{c} (blank: {', '.join(blank)})" for (t, r, c), blank in pending.items()
        )
        msg = f"cannot fill totals whose parts are blank (blank is not 0): {lines}"
        raise BuildError(msg)
    for table_key, grid in grids.items():
        table_spec = spec.table(table_key)
        changes = [
            _Change(table_spec.row(r), table_spec.row(r).column(c), cell)
            for r, cells in grid.items()
            for c, cell in cells.items()
        ]
        report = _apply(report, table_spec, changes)
    return report


def _lines(
    rule: ColumnTotal | RowTotal, table: TableSpec, grid: Mapping[str, Mapping[str, Cell]]
) -> Iterable[tuple[str, str, list[tuple[str, str, str]]]]:
    """Each line of ``rule`` the report holds: (total row, total column, parts as (name, row, column))."""
    if isinstance(rule, ColumnTotal):  # in every row: the group's total column
        [group] = [g for g in table.column_groups if g.key == rule.group]
        for row_key, cells in grid.items():
            declared = {c.key for c in table.row(row_key).columns}
            if group.total not in declared or not set(group.columns) <= declared:
                continue
            if group.total not in cells:
                continue  # an optional total column the row does not print
            yield row_key, group.total, [(f"{row_key}.{c}", row_key, c) for c in group.columns]
        return
    [row_group] = [g for g in table.groups if g.key == rule.group]
    total = row_group.total
    if total is None or total not in grid:
        return
    expected = table.expected_rows(set(grid))
    parts = [r.key for r in expected if row_group in r.groups and r.key != total]
    for column_key in grid[total]:
        yield total, column_key, [(f"{r}.{column_key}", r, column_key) for r in parts]
