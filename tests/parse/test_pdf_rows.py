"""Which row a line of a column belongs to, in a table without ruling lines (parse/pdf/_rows.py).

Pure geometry: row labels (anchors) and one column's lines (items) given as numbers, one
unit a line's height, so each rule is tested without drawing a PDF.
"""

from __future__ import annotations

from disclosure_report.parse.pdf._rows import (
    ALIGNMENTS,
    Anchor,
    Column,
    Item,
    Wall,
    alignment,
    assign,
)

H = 9.0  # a line's height
PITCH = 11.5  # lines of one cell, top to top


def label(top: float, lines: int = 1, page: int = 1) -> Anchor:
    return Anchor(page, top, top + H + (lines - 1) * PITCH, H)


def cell(top: float, lines: int = 1, page: int = 1) -> list[Item]:
    return [Item(page, top + i * PITCH, top + i * PITCH + H) for i in range(lines)]


def read(column: Column, alignments: tuple[str, ...] = ALIGNMENTS) -> list[tuple[int, ...] | None]:
    """The cells of a one-column table."""
    return assign([column], alignments)[0]


def test_a_line_level_with_a_label_is_that_rows() -> None:
    anchors = [label(100), label(130)]
    assert read(Column(anchors, [*cell(100), *cell(130)])) == [(0,), (1,)]


def test_a_row_without_a_line_is_a_blank_cell() -> None:
    anchors = [label(100), label(130), label(160)]
    assert read(Column(anchors, cell(130))) == [(), (0,), ()]


def test_a_centred_cell_over_three_lines_is_its_rows_whole() -> None:
    # Row 1's cell is three lines, centred on its one-line label: its first and last line
    # stand in the gaps above and below, nearer other rows' labels than its own middle.
    anchors = [label(100), label(140), label(180)]
    items = [*cell(100), *cell(140 - PITCH, 3), *cell(180)]
    assert read(Column(anchors, items)) == [(0,), (1, 2, 3), (4,)]


def test_a_split_two_alignments_allow_is_left_open() -> None:
    # One line between two labels, level with neither: it could end the upper row's cell
    # (top-aligned with its label) or begin the lower's (bottom-aligned). Nothing tells.
    anchors = [label(100), label(100 + 2 * PITCH)]
    items = [*cell(100), *cell(100 + PITCH), *cell(100 + 2 * PITCH)]
    assert read(Column(anchors, items)) == [None, None]


def test_one_alignment_decides_what_several_leave_open() -> None:
    anchors = [label(100), label(100 + 2 * PITCH)]
    items = [*cell(100), *cell(100 + PITCH), *cell(100 + 2 * PITCH)]
    assert read(Column(anchors, items), ("top",)) == [(0, 1), (2,)]
    assert read(Column(anchors, items), ("bottom",)) == [(0,), (1, 2)]


def test_a_rule_between_two_lines_is_a_row_boundary() -> None:
    anchors = [label(100), label(100 + 2 * PITCH)]
    items = [*cell(100), *cell(100 + PITCH), *cell(100 + 2 * PITCH)]
    walls = [Wall(1, 100 + PITCH - 1.0)]
    assert read(Column(anchors, items, walls)) == [(0,), (1, 2)]


def test_lines_far_apart_are_not_one_cell() -> None:
    # The line below the upper label, three lines down, is no part of its cell.
    anchors = [label(100), label(200)]
    items = [*cell(100), *cell(100 + 3 * PITCH), *cell(200)]
    assert read(Column(anchors, items), ("top",)) == [None, None]


def test_a_cell_is_read_on_one_page() -> None:
    # A line at the top of page 2, above the first label there, belongs to that label's
    # row; the row at the foot of page 1 cannot take it.
    anchors = [label(700, page=1), label(100, page=2)]
    items = [*cell(700, page=1), *cell(100 - PITCH, 3, page=2)]
    assert read(Column(anchors, items)) == [(0,), (1, 2, 3)]


def test_a_line_across_two_labels_opens_both_rows() -> None:
    anchors = [label(100), label(100 + H)]
    items = [Item(1, 100 + H / 2, 100 + 1.5 * H)]
    assert read(Column(anchors, items)) == [None, None]


def test_the_alignment_is_the_one_settled_cells_agree_on() -> None:
    # Row 0 has a two-line label and a one-line cell at its middle: only centring fits.
    anchors = [label(100, lines=2), label(160)]
    settled = Column(anchors, [Item(1, 100 + PITCH / 2, 100 + PITCH / 2 + H), *cell(160)])
    assert alignment([settled]) == ("middle",)
    # Cells level with one-line labels fit every alignment: they tell nothing.
    assert alignment([Column([label(100)], cell(100))]) == ("top", "middle", "bottom")
