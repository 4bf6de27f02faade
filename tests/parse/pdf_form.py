"""Draw a report as a PDF laid out like a WPS or Word export, for the PDF reader's tests.

The layout copies the corpus PDFs (tests/corpus/001.pdf): an A4 page, a centred title,
paragraphs with a two-character first-line indent wrapped at the right margin (never inside
a run of digits or Latin letters, as Word wraps), headings indented like paragraphs,
the tables of the official template with their merged header and label cells (a label
column too narrow for a word is printed one character per line), page numbers ``— N —``
under every page, the organ and the date right-aligned under the report. A table that does
not fit on its page goes on over the next: a merged cell cut by the page break is drawn in
two parts, its lines each printed on the page where they fall (so ``三、本年度办理结果``
may be cut in two, as in 001.pdf). Options: which ruling lines are drawn (every cell's
border, none, only the horizontal ones, or only a frame around the table); header rows
repeated on the next page or not.

Labels come from the table declaration, so the reader is tested against the declaration,
not against itself. The font is reportlab's built-in STSong-Light (a CID font mapped to
Unicode through Adobe-GB1), so no font file is needed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import attrs
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclosure_report.model import Cell, Report, Table
from disclosure_report.tables import Column, RowSpec, TableSpec, edition_spec

if TYPE_CHECKING or __package__:
    from .pdf_support import PAD, Rules, Style
else:  # loaded alone from its file, as benchmarks/test_bench_scaling.py loads it
    import importlib.util
    import sys
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location(
        "_pdf_support", Path(__file__).with_name("pdf_support.py")
    )
    assert _spec is not None
    assert _spec.loader is not None
    _support = sys.modules[_spec.name] = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_support)
    PAD, Rules, Style = _support.PAD, _support.Rules, _support.Style

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = 595.0, 842.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, 523.0, 72.0, 770.0
BODY, LEADING, TITLE = 12.0, 22.0, 16.0
SMALL, SMALL_LEADING = 9.0, 11.5


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def _tokens(text: str) -> Iterator[str]:
    """Characters, except that a run of ASCII letters and digits is one token."""
    word = ""
    for character in text:
        if character.isascii() and character.isalnum():
            word += character
            continue
        if word:
            yield word
            word = ""
        yield character
    if word:
        yield word


def wrap(text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Lines of ``text`` at most ``width`` wide (the first ``indent`` narrower)."""
    lines: list[str] = []
    line = ""
    room = width - indent
    for token in _tokens(text):
        if line and _width(line + token, size) > room:
            lines.append(line)
            line, room = "", width
        line += token
    if line or not lines:
        lines.append(line)
    return lines


def cell_text(cell: Cell | None) -> str:
    if cell is None or cell.is_blank:
        return ""
    if cell.marker is not None:
        return cell.marker
    if cell.raw is not None:
        return cell.raw
    return str(cell.value)


@dataclass
class Box:
    """One printed cell of a table layout."""

    row: int
    column: int
    text: str
    row_span: int = 1
    col_span: int = 1
    value: bool = False
    """A value cell (not a label or a header)."""


@dataclass
class Layout:
    """A table as printed: column widths, the header row count, the cells."""

    widths: list[float]
    header_rows: int
    boxes: list[Box] = field(default_factory=list)
    rows: int = 0
    labels: int = 1
    """How many of the columns are label columns (left of every value)."""


def _value_boxes(
    spec_row: RowSpec, row_cells: dict[str, Cell], columns: Sequence[Column], r: int, first: int
) -> Iterator[Box]:
    for i, column in enumerate(columns):
        yield Box(r, first + i, cell_text(row_cells.get(column.key)), value=True)


def _proactive(spec: TableSpec, table: Table) -> Layout:
    rows = {row.key: row for row in table.rows}
    width = max(len(r.columns) for r in spec.rows)
    layout = Layout([151.0] + [300.0 / width] * width, header_rows=0)
    block = None
    r = 0
    for row_spec in spec.rows:
        if row_spec.groups[0] != block:
            block = row_spec.groups[0]
            layout.boxes.append(Box(r, 0, block.label, col_span=1 + width))
            r += 1
            layout.boxes.append(Box(r, 0, spec.header_labels[0]))
            for i, column in enumerate(row_spec.columns):
                span = width - i if i == len(row_spec.columns) - 1 else 1
                layout.boxes.append(Box(r, 1 + i, column.label, col_span=span))
            r += 1
        row = rows.get(row_spec.key)
        if row is None:
            continue
        cells = {c.column: c for c in row.cells}
        layout.boxes.append(Box(r, 0, row_spec.label))
        for i, column in enumerate(row_spec.columns):
            span = width - i if i == len(row_spec.columns) - 1 else 1
            layout.boxes.append(
                Box(r, 1 + i, cell_text(cells.get(column.key)), col_span=span, value=True)
            )
        r += 1
    layout.rows = r
    return layout


def _grid_table(spec: TableSpec, table: Table) -> Layout:
    present = {c.column for row in table.rows for c in row.cells}
    columns = [c for c in spec.columns if not c.optional or c.key in present]
    labelled = bool(spec.rows[0].label)
    levels = max((len(r.groups) + 1 for r in spec.rows if r.label), default=0)
    label_widths = [22.0, 60.0, 151.0 - 22.0 - 60.0 + 40.0][:levels] if levels == 3 else []
    if labelled and levels != 3:
        label_widths = [151.0 + 40.0]
    value_width = (RIGHT - LEFT - sum(label_widths)) / len(columns)
    depth = max(len(c.group) for c in columns) + 1
    layout = Layout(
        [*label_widths, *([value_width] * len(columns))],
        header_rows=depth,
        labels=len(label_widths),
    )
    first = len(label_widths)
    if labelled:
        corner = spec.header_labels[0] if spec.header_labels else ""
        layout.boxes.append(Box(0, 0, corner, row_span=depth, col_span=first))
    for level in range(depth):
        i = 0
        while i < len(columns):
            path = (*columns[i].group, columns[i].label)
            if level >= len(path):
                i += 1
                continue
            head = path[: level + 1]
            j = i + 1
            while j < len(columns) and (*columns[j].group, columns[j].label)[: level + 1] == head:
                j += 1
            last = level == len(path) - 1
            layout.boxes.append(
                Box(
                    level,
                    first + i,
                    path[level],
                    row_span=depth - level if last else 1,
                    col_span=j - i,
                )
            )
            i = j
    rows = {row.key: row for row in table.rows}
    printed = [r for r in spec.rows if r.key in rows]
    r = depth
    for n, row_spec in enumerate(printed):
        cells = {c.column: c for c in rows[row_spec.key].cells}
        if labelled:
            for d, group in enumerate(row_spec.groups):
                before = printed[n - 1] if n else None
                if before is not None and before.groups[: d + 1] == row_spec.groups[: d + 1]:
                    continue
                span = 1
                while (
                    n + span < len(printed)
                    and printed[n + span].groups[: d + 1] == row_spec.groups[: d + 1]
                ):
                    span += 1
                layout.boxes.append(Box(r, d, group.label, row_span=span))
            d = len(row_spec.groups)
            layout.boxes.append(Box(r, d, row_spec.label, col_span=first - d))
        used = [c for c in row_spec.columns if c in columns]
        layout.boxes.extend(_value_boxes(row_spec, cells, used, r, first))
        r += 1
    layout.rows = r
    return layout


class _Writer:
    def __init__(self, *, rules: Rules, repeat_header: bool, style: Style) -> None:
        self.style = style
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(WIDTH, HEIGHT))
        self.rules = rules
        self.repeat_header = repeat_header
        self.page = 1
        self.y = TOP  # distance from the top of the page

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.page += 1
        self.y = TOP

    def footer(self) -> None:
        self.canvas.setFont(FONT, BODY)
        self.canvas.drawCentredString(WIDTH / 2, HEIGHT - 805, f"— {self.page} —")

    def text(self, x: float, y: float, text: str, size: float) -> None:
        """Draw ``text`` with its top at ``y`` (from the page top)."""
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, HEIGHT - y - size * 0.88, text)

    def paragraph(
        self, text: str, *, indent: bool = True, align: str = "left", size: float = BODY
    ) -> None:
        lines = wrap(text, size, RIGHT - LEFT, 2 * size if indent else 0.0)
        for i, line in enumerate(lines):
            if self.y + LEADING > BOTTOM:
                self.new_page()
            if align == "centre":
                x = (WIDTH - _width(line, size)) / 2
            elif align == "right":
                x = RIGHT - _width(line, size) - 2 * size
            else:
                x = LEFT + (2 * size if indent and i == 0 else 0.0)
            self.text(x, self.y + (LEADING - size) / 2, line, size)
            self.y += LEADING

    def table(self, layout: Layout) -> None:
        xs = [LEFT]
        for width in layout.widths:
            xs.append(xs[-1] + width)
        pad = self.style.pad
        heights = [SMALL_LEADING + 2 * pad] * layout.rows
        lines: dict[int, list[str]] = {}
        self.sizes: dict[int, float] = {}
        for n, box in enumerate(layout.boxes):
            width = xs[box.column + box.col_span] - xs[box.column] - 2 * max(pad, PAD)
            self.sizes[n] = SMALL
            if width < 2.2 * SMALL and len(box.text) > 1:
                lines[n] = list(box.text)  # a narrow label: one character per line
            else:
                lines[n] = wrap(box.text, SMALL, width) if box.text else []
                widest = max((_width(line, SMALL) for line in lines[n]), default=0.0)
                if widest > width:  # a number wider than its column: set smaller, to fit
                    self.sizes[n] = SMALL * width / widest
            if box.row_span == 1:
                need = len(lines[n]) * SMALL_LEADING + 2 * pad
                heights[box.row] = max(heights[box.row], need)
        for n, box in enumerate(layout.boxes):
            rows = range(box.row, box.row + box.row_span)
            need = len(lines[n]) * SMALL_LEADING + 2 * pad
            have = sum(heights[r] for r in rows)
            if need > have:
                for r in rows:
                    heights[r] += (need - have) / box.row_span
        # Rows to pages: a row goes to the next page when it does not fit; the header rows
        # and the first row are kept together.
        if self.y + 6 + sum(heights[: layout.header_rows + 1]) > BOTTOM:
            self.new_page()
        tops: list[tuple[int, float]] = []  # (page, top) of each row
        page, y = self.page, self.y + 6
        header_height = sum(heights[: layout.header_rows])
        starts: set[int] = {0}
        for r in range(layout.rows):
            if y + heights[r] > BOTTOM and r > layout.header_rows:
                page += 1
                y = TOP + (header_height if self.repeat_header else 0.0)
                starts.add(r)
            tops.append((page, y))
            y += heights[r]
        for drawn_page in sorted({p for p, _ in tops}):
            if drawn_page != self.page:
                self.new_page()
            first_row = min(r for r, (p, _) in enumerate(tops) if p == drawn_page)
            last_row = max(r for r, (p, _) in enumerate(tops) if p == drawn_page)
            if self.rules in {"frame", "rows", "labels"}:
                top = TOP if self.repeat_header and first_row != 0 else tops[first_row][1]
                bottom = tops[last_row][1] + heights[last_row]
                self.canvas.setLineWidth(0.5)
                self.canvas.rect(
                    xs[0], HEIGHT - bottom, xs[-1] - xs[0], bottom - top, stroke=1, fill=0
                )
                if self.rules == "labels" and 0 < layout.labels < len(layout.widths):
                    x = xs[layout.labels]
                    self.canvas.line(x, HEIGHT - top, x, HEIGHT - bottom)
            if self.repeat_header and first_row != 0:
                self._draw(
                    layout=layout,
                    xs=xs,
                    heights=heights,
                    lines=lines,
                    rows=range(layout.header_rows),
                    top=TOP,
                    placed=None,
                )
            self._draw(
                layout=layout,
                xs=xs,
                heights=heights,
                lines=lines,
                rows=range(layout.rows),
                top=None,
                placed=(drawn_page, tops),
            )
        self.y = y + 10

    def _draw(
        self,
        *,
        layout: Layout,
        xs: list[float],
        heights: list[float],
        lines: dict[int, list[str]],
        rows: range,
        top: float | None,
        placed: tuple[int, list[tuple[int, float]]] | None,
    ) -> None:
        """Draw the part of the table on this page (``placed``), or header rows at ``top``."""
        if placed is not None:
            page, tops = placed
            here = [r for r in rows if tops[r][0] == page]
            y_of = {r: tops[r][1] for r in here}
        else:
            assert top is not None
            here = list(rows)
            y_of = {}
            y = top
            for r in here:
                y_of[r] = y
                y += heights[r]
        if not here:
            return
        lo, hi = here[0], here[-1]
        page_bottom = y_of[hi] + heights[hi]
        for n, box in enumerate(layout.boxes):
            last = box.row + box.row_span - 1
            if last < lo or box.row > hi:
                continue
            shown_first, shown_last = max(box.row, lo), min(last, hi)
            x0, x1 = xs[box.column], xs[box.column + box.col_span]
            y0 = y_of[shown_first]
            y1 = y_of[shown_last] + heights[shown_last]
            c = self.canvas
            c.setLineWidth(0.5)
            if self.rules == "all":
                c.rect(x0, HEIGHT - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            elif self.rules in {"horizontal", "rows", "labels"}:
                c.line(x0, HEIGHT - y0, x1, HEIGHT - y0)
                c.line(x0, HEIGHT - y1, x1, HEIGHT - y1)
            # Text set in the whole cell, as if the page break were not there.
            full_top = y0 - sum(heights[r] for r in range(box.row, shown_first))
            full = sum(heights[r] for r in range(box.row, last + 1))
            text_lines = lines[n]
            block = len(text_lines) * SMALL_LEADING
            style = self.style
            valign = (style.value_valign or style.valign) if box.value else style.valign
            if valign == "top":
                start = full_top + style.pad
            elif valign == "bottom":
                start = full_top + full - block - style.pad
            else:
                start = full_top + (full - block) / 2
            for i, line in enumerate(text_lines):
                line_top = start + i * SMALL_LEADING
                middle = line_top + SMALL_LEADING / 2
                if not (y0 <= middle < y1) or middle >= page_bottom:
                    continue
                size = self.sizes[n]
                room = x1 - x0 - _width(line, size)
                if box.value and style.value_halign == "left":
                    x = x0 + min(PAD, room / 2)
                elif box.value and style.value_halign == "right":
                    x = x1 - _width(line, size) - min(PAD, room / 2)
                else:
                    x = x0 + room / 2
                self.text(x, line_top + (SMALL_LEADING - size) / 2, line, size)

    def finish(self) -> bytes:
        self.footer()
        self.canvas.save()
        return self.buffer.getvalue()


def render(
    report: Report, *, rules: Rules = "all", repeat_header: bool = False, style: Style | None = None
) -> bytes:
    """The report as a PDF, its tables drawn with the ``rules`` and cells set in ``style``."""
    spec = edition_spec(report.edition)
    writer = _Writer(rules=rules, repeat_header=repeat_header, style=style or Style())
    if report.title:
        writer.paragraph(report.title, indent=False, align="centre", size=TITLE)
        writer.y += LEADING / 2
    for paragraph in report.preamble:
        writer.paragraph(paragraph.text)
    for section in spec.sections:
        value = getattr(report, section.key)
        if value is None:
            continue
        writer.paragraph(value.heading or section.label)
        if isinstance(section, TableSpec):
            key = attrs.fields(Report).proactive_disclosure.name
            layout = (
                _proactive(section, value) if section.key == key else _grid_table(section, value)
            )
            writer.table(layout)
            for note in value.notes:
                writer.paragraph(note.text)
        else:
            for paragraph in value.paragraphs:
                writer.paragraph(paragraph.text)
    for paragraph in report.closing:
        writer.paragraph(paragraph.text, indent=False, align="right")
    return writer.finish()
