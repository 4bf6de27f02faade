"""Write a report in the seed's form (a Word text extraction), for parser round-trip tests.

The layout copies the seed report (tests/corpus/000.txt): a title line, the six headings,
tables with one tab-indented line per cell and a blank line after each row, merged label
cells printed once and then blank, header rows as the official template has them. Labels
come from the table declaration, so the parser is tested against the declaration, not
against itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from disclosure_report.model import Cell, Report, Row, Table
from disclosure_report.tables import RowSpec, TableSpec, edition_spec


def _cell(cell: Cell | None) -> str:
    if cell is None or cell.is_blank:
        return ""
    if cell.marker is not None:
        return cell.marker
    if cell.raw is not None:
        return cell.raw
    return str(cell.value)


def _row(cells: list[str]) -> Iterator[str]:
    for text in cells:
        yield f"\t{text}"
    yield ""


def _headers(spec: TableSpec, optional: set[str]) -> Iterator[list[str]]:
    """Header rows in the printed shape of the template (merged cells printed once)."""
    columns = [c for c in spec.columns if not c.optional or c.key in optional]
    depth = max(len(c.group) for c in columns) + 1
    corner = list(spec.header_labels[:1]) if spec.rows[0].label else []
    for level in range(depth):
        printed: list[str] = [*corner] if level == 0 else ([""] if corner else [])
        last: tuple[str, ...] | None = None
        for column in columns:
            path = (*column.group, column.label)
            if level < len(path):
                head = path[: level + 1]
                if head != last:
                    printed.append(path[level])
                    last = head
            else:
                printed.append("")
        yield printed


def _table(spec: TableSpec, table: Table) -> Iterator[str]:
    rows = {row.key: row for row in table.rows}
    if spec.key == attrs.fields(Report).proactive_disclosure.name:  # one block per article
        block = None
        for row_spec in spec.rows:
            if row_spec.groups[0] != block:
                block = row_spec.groups[0]
                yield from _row([block.label])
                yield from _row([spec.header_labels[0], *(c.label for c in row_spec.columns)])
            yield from _data(row_spec, rows, [row_spec.label], set())
        return
    optional = {c.column for row in table.rows for c in row.cells} - {
        c.key for c in spec.columns if not c.optional
    }
    for header in _headers(spec, optional):
        yield from _row(header)
    previous: RowSpec | None = None
    for row_spec in spec.rows:
        labels: list[str] = []
        if row_spec.label:
            for depth, group in enumerate(row_spec.groups):
                shown = (
                    previous is not None
                    and depth < len(previous.groups)
                    and previous.groups[depth] == group
                )
                labels.append("" if shown else group.label)
            labels.append(row_spec.label)
        yield from _data(row_spec, rows, labels, optional)
        previous = row_spec


def _data(
    row_spec: RowSpec, rows: Mapping[str, Row], labels: list[str], optional: set[str]
) -> Iterator[str]:
    row = rows.get(row_spec.key)
    if row is None:
        return
    cells = {c.column: c for c in row.cells}
    columns = [c for c in row_spec.columns if not c.optional or c.key in optional]
    yield from _row([*labels, *(_cell(cells.get(c.key)) for c in columns)])


def render(report: Report) -> str:
    """The report as a Word text extraction like the seed."""
    spec = edition_spec(report.edition)
    lines: list[str] = [""]
    if report.title:
        lines += [report.title, ""]
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
    lines += [""] + [f"                            {p.text}" for p in report.closing]
    return "\n".join(lines) + "\n"
