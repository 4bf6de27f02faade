"""A report as Markdown (GitHub-flavoured): headings, paragraphs, one pipe table per table.

Pipe tables cannot merge cells, so a merged header is written as its path (``法人或其他组织/
商业企业``) and a row label as its label path (``三、本年度办理结果/（三）不予公开/1.属于国家秘密``);
table 二 is one table per article block, under the block's caption. Blank cells are empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from disclosure_report.model import Paragraph, Report, Table, TextSection
from disclosure_report.render._layout import (
    cell_text,
    is_blocks,
    organ_above_title,
    printed_columns,
    publication_line,
    row_label,
)
from disclosure_report.tables import Column, RowSpec, TableSpec, edition_spec

__all__ = ["render_markdown"]

_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|])")


def _escape(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text).replace("\r", "").replace("\n", "<br>")


def _line(cells: Iterable[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def _pipe_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [_line(header), "|" + "|".join("---" for _ in header) + "|", *map(_line, rows)]


def _label_path(spec: RowSpec, label: str) -> str:
    return "/".join((*(g.label for g in spec.groups), label))


def _cells(spec: RowSpec, table: Table, columns: list[Column]) -> list[str]:
    cells = {c.column: c for c in table.row(spec.key).cells}
    return [cell_text(cells.get(c.key)) for c in columns if c in spec.columns]


def _table(spec: TableSpec, table: Table) -> list[str]:
    present = {row.key: row for row in table.rows}
    columns = printed_columns(spec, table)
    rows = [r for r in spec.rows if r.key in present]
    out: list[str] = []
    if is_blocks(spec):
        block = None
        body: list[list[str]] = []
        header: list[str] = []
        for row in rows:
            if row.groups[0] != block:
                if body:
                    out += [*_pipe_table(header, body), ""]
                block = row.groups[0]
                out += [f"**{_escape(block.label)}**", ""]
                header = [spec.header_labels[0], *(c.path for c in columns if c in row.columns)]
                body = []
            body.append([row_label(row, present[row.key]), *_cells(row, table, columns)])
        if body:
            out += [*_pipe_table(header, body), ""]
    else:
        labelled = any(r.label for r in rows)
        corner = [spec.header_labels[0] if spec.header_labels else ""] if labelled else []
        header = [*corner, *(c.path for c in columns)]
        body = [
            [
                *([_label_path(r, row_label(r, present[r.key]))] if labelled else []),
                *_cells(r, table, columns),
            ]
            for r in rows
        ]
        out += [*_pipe_table(header, body), ""]
    if table.extra_rows:
        out += [_line([e.label, *e.cells]) for e in table.extra_rows]
        out.append("")
    return out


def _paragraphs(paragraphs: Iterable[Paragraph]) -> list[str]:
    out = []
    for paragraph in paragraphs:
        out += [_escape(paragraph.text), ""]
    return out


def render_markdown(report: Report) -> str:
    """The report as a Markdown document (see the module docstring)."""
    spec = edition_spec(report.edition)
    out: list[str] = []
    if (organ := organ_above_title(report)) is not None:
        out += [_escape(organ), ""]
    if report.title:
        out += [f"# {_escape(report.title)}", ""]
    if (published := publication_line(report)) is not None:
        out += [_escape(published), ""]
    out += _paragraphs(report.preamble)
    for section in spec.sections:
        value = getattr(report, section.key)
        if value is None:
            continue
        out += [f"## {_escape(value.heading or section.label)}", ""]
        if isinstance(value, Table) and isinstance(section, TableSpec):
            out += _table(section, value)
            out += _paragraphs(value.notes)
        elif isinstance(value, TextSection):
            out += _paragraphs(value.paragraphs)
    out += _paragraphs(report.closing)
    return "\n".join(out).rstrip("\n") + "\n"
