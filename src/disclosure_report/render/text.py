"""A report in the seed's text form: a Word text extraction that ``parse_text`` reads back.

The layout of the project's seed report (a Word file saved as text): a title line, the six
headings, tables with one tab-indented line per cell and a blank line after each table row,
merged label cells printed once and then blank, header rows as the official template has
them. This is the form :func:`disclosure_report.parse_text` reads, so
``parse_text(render(report, "text")).report == report`` for a report whose text it can
place (official headings, a title naming the organ and year, sentences as paragraphs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from disclosure_report.model import Report, Row, Table
from disclosure_report.render._layout import (
    cell_text,
    is_blocks,
    organ_above_title,
    printed_columns,
    publication_line,
    row_label,
)
from disclosure_report.tables import RowSpec, TableSpec, edition_spec

__all__ = ["render_text"]

_CLOSING_INDENT = " " * 28
"""Signature and date lines stand at the right, as Word's right-aligned lines extract."""


def _row(cells: list[str]) -> Iterator[str]:
    for text in cells:
        yield f"\t{text}"
    yield ""


def _headers(spec: TableSpec, columns: list[str]) -> Iterator[list[str]]:
    """Header rows in the printed shape of the template (merged cells printed once)."""
    printed = [c for c in spec.columns if c.key in columns]
    depth = max(len(c.group) for c in printed) + 1
    corner = list(spec.header_labels[:1]) if spec.rows[0].label else []
    for level in range(depth):
        line: list[str] = [*corner] if level == 0 else ([""] if corner else [])
        last: tuple[str, ...] | None = None
        for column in printed:
            path = (*column.group, column.label)
            if level < len(path):
                head = path[: level + 1]
                if head != last:
                    line.append(path[level])
                    last = head
            else:
                line.append("")
        yield line


def _data(
    row_spec: RowSpec, rows: Mapping[str, Row], labels: list[str], columns: list[str]
) -> Iterator[str]:
    row = rows.get(row_spec.key)
    if row is None:
        return
    cells = {c.column: c for c in row.cells}
    printed = [c for c in row_spec.columns if c.key in columns]
    yield from _row([*labels, *(cell_text(cells.get(c.key)) for c in printed)])


def _table(spec: TableSpec, table: Table) -> Iterator[str]:
    rows = {row.key: row for row in table.rows}
    columns = [c.key for c in printed_columns(spec, table)]
    if is_blocks(spec):  # one block per article, each with its own header row
        block = None
        for row_spec in spec.rows:
            if row_spec.key not in rows:
                continue
            if row_spec.groups[0] != block:
                block = row_spec.groups[0]
                yield from _row([block.label])
                yield from _row([spec.header_labels[0], *(c.label for c in row_spec.columns)])
            yield from _data(row_spec, rows, [row_label(row_spec, rows[row_spec.key])], columns)
    else:
        yield from _grid(spec, rows, columns)
    for extra in table.extra_rows:
        yield from _row([extra.label, *extra.cells])


def _grid(spec: TableSpec, rows: Mapping[str, Row], columns: list[str]) -> Iterator[str]:
    """A table printed as one grid: its header rows, then its rows, groups merged."""
    for header in _headers(spec, columns):
        yield from _row(header)
    previous: RowSpec | None = None
    for row_spec in spec.rows:
        if row_spec.key not in rows:
            continue
        labels: list[str] = []
        if row_spec.label:
            for depth, group in enumerate(row_spec.groups):
                shown = (
                    previous is not None
                    and depth < len(previous.groups)
                    and previous.groups[depth] == group
                )
                labels.append("" if shown else group.label)
            labels.append(row_label(row_spec, rows[row_spec.key]))
        yield from _data(row_spec, rows, labels, columns)
        previous = row_spec


def render_text(report: Report) -> str:
    """The report as a Word text extraction in the seed's form (see the module docstring)."""
    spec = edition_spec(report.edition)
    lines: list[str] = [""]
    if (organ := organ_above_title(report)) is not None:
        lines.append(organ)
    if report.title:
        lines += [report.title, ""]
    if (published := publication_line(report)) is not None:
        lines.append(published)
    lines += [p.text for p in report.preamble]
    for section in spec.sections:
        value = getattr(report, section.key)
        if value is None:
            continue
        lines.append(value.heading or section.label)
        if isinstance(section, TableSpec):
            lines += list(_table(section, value))
            lines += [p.text for p in value.notes]
        else:
            lines += [p.text for p in value.paragraphs]
    lines += [""] + [f"{_CLOSING_INDENT}{p.text}" for p in report.closing]
    return "\n".join(lines) + "\n"
