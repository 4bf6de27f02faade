"""Write a report as a crawler saves a report page: the tables flattened into one line.

The layout copies the corpus's crawler text (tests/corpus/007.txt): a header block of fields
over a 正文 line, then the whole body on one line, headings glued to the text around them,
every table row its label followed by its cells' digits run together (a space between two
cells only where ``spaces`` says so). Labels come from the table declaration, so the reader
is tested against the declaration, not against itself.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import attrs

from disclosure_report.model import Cell, Report, Table
from disclosure_report.tables import TableSpec, TextSectionSpec, edition_spec

_R = attrs.fields(Report)


def _value(cell: Cell) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, int) and cell.value > 0 and cell.column == "items_change":
        return f"+{cell.value}"
    return str(cell.value)


def _run(cells: tuple[Cell, ...], rng: random.Random, spaces: float) -> str:
    out = ""
    for i, cell in enumerate(cells):
        if i and rng.random() < spaces:
            out += " "
        out += _value(cell)
    return out


def _header(spec: TableSpec, columns: list[str]) -> Iterator[str]:
    """Header words as a crawler meets them: the template's header rows, top to bottom."""
    yield from spec.header_labels[: 2 if spec.rows[0].label else 0]
    chosen = [c for c in spec.columns if c.key in columns]
    depth = max(len(c.group) for c in chosen) + 1
    for level in range(depth):
        last: tuple[str, ...] | None = None
        for column in chosen:
            path = (*column.group, column.label)
            if level < len(path) and path[: level + 1] != last:
                last = path[: level + 1]
                yield path[level]


def _table(spec: TableSpec, table: Table, rng: random.Random, spaces: float) -> Iterator[str]:
    rows = {row.key: row for row in table.rows}
    if spec.key == _R.proactive_disclosure.name:  # one block per article
        block = None
        for row_spec in spec.rows:
            if row_spec.key not in rows:
                continue
            if row_spec.groups[0] != block:
                block = row_spec.groups[0]
                yield block.label
                yield spec.header_labels[0]
                yield from (c.label for c in row_spec.columns)
            yield row_spec.label + _run(rows[row_spec.key].cells, rng, spaces)
        return
    columns = [c.column for row in table.rows for c in row.cells]
    yield from _header(spec, columns)
    previous: tuple[str, ...] = ()
    for row_spec in spec.rows:
        row = rows.get(row_spec.key)
        if row is None:
            continue
        groups = tuple(g.label for g in row_spec.groups)
        shared = 0
        while shared < min(len(groups), len(previous)) and groups[shared] == previous[shared]:
            shared += 1
        previous = groups
        yield "".join(groups[shared:]) + row_spec.label + _run(row.cells, rng, spaces)


def render(report: Report, rng: random.Random, *, spaces: float = 0.2) -> str:
    """The report as crawler text; ``spaces``: the chance of a space between two cells."""
    spec = edition_spec(report.edition)
    body = [report.title or "", "本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。"]
    for section in spec.sections:
        content = getattr(report, section.key)
        body.append(section.label)
        if isinstance(section, TextSectionSpec):
            body.append(content.text if content is not None else "无。")
        elif isinstance(content, Table):
            body.extend(_table(section, content, rng, spaces))
    header = [
        f"标题: {report.title or ''}",
        "发布时间: 2021-01-20 15:22",
        "文号: ",
        "原文链接: https://www.example.gov.cn/zwgk/nb/t20210120_1.htm",
        "==================== 正文 ====================",
    ]
    return "\n".join(header) + "\n" + "".join(body)
