"""Text on PDF pages: page furniture, labels printed over several lines, labels cut by a page break.

Glyphs are placed by hand (``line``), so each rule is tested without drawing a PDF.
"""

from __future__ import annotations

from disclosure_report.parse.pdf._chunks import chunks_of, stacks_of
from disclosure_report.parse.pdf._furniture import furniture
from disclosure_report.parse.pdf._grid import GridCell
from disclosure_report.parse.pdf._join import _cut_label
from disclosure_report.parse.pdf._page import Glyph
from disclosure_report.parse.pdf._text import Line

HEIGHT = 842.0


def line(text: str, x: float, top: float, size: float = 12.0, gap: float = 0.0) -> Line:
    """A line of ``text`` from ``x``; ``gap`` points between words (split at spaces)."""
    glyphs = []
    for word in text.split(" "):
        for character in word:
            width = size if ord(character) > 0x2E80 else size / 2
            glyphs.append(Glyph(character, x, x + width, top, top + size, size, "F"))
            x += width
        x += gap
    return Line(glyphs)


def removed(*pages: list[Line]) -> list[list[str]]:
    found = furniture([(HEIGHT, page) for page in pages])
    return [[page[i].text for i in sorted(f)] for page, f in zip(pages, found, strict=True)]


def body(top: float = 300.0) -> list[Line]:
    return [line("正文第一行", 72.0, top), line("正文第二行", 72.0, top + 20.0)]


def test_a_page_number_at_the_foot_is_furniture() -> None:
    assert removed([*body(), line("— 3 —", 280.0, 800.0)]) == [["—3—"]]


def test_values_spread_over_a_line_near_the_edge_are_no_page_number() -> None:
    # 1886 and 3384 of a table without ruling lines, a slash between them in another column.
    values = line("1886 / 3384", 270.0, 80.0, size=9.0, gap=80.0)
    assert removed([values, line("2.其他法律行政法规禁止", 160.0, 74.0, 9.0), *body()]) == [[]]


def test_a_running_header_at_one_place_of_each_page_is_furniture() -> None:
    pages = [[line("某某市人民政府办公室", 400.0, 40.0, 9.0), *body()] for _ in range(3)]
    assert removed(*pages) == [["某某市人民政府办公室"]] * 3


def test_lines_alike_at_the_top_of_pages_are_no_running_header_when_set_apart_or_close() -> None:
    # A table's lines at the top of two pages: alike once digits are set aside, but in
    # different columns, and with the table's next line close below.
    first = [line("475（", 496.0, 78.0, 9.0), line("其中", 498.0, 89.5, 9.0), *body()]
    second = [line("12（", 300.0, 78.0, 9.0), line("其中", 302.0, 89.5, 9.0), *body()]
    third = [line("8（", 496.0, 78.0, 9.0), line("其中", 498.0, 89.5, 9.0), *body()]
    assert removed(first, second, third) == [[], [], []]


def labels(*lines: Line) -> list[str]:
    chunks = [c for cs in chunks_of(list(lines), 1) for c in cs]
    return [s.text for s in stacks_of(chunks)]


def test_a_label_printed_one_character_per_line_is_one_label() -> None:
    column = [line(c, 78.0, 300.0 + 11.5 * i, 9.0) for i, c in enumerate("三、本年度办理结果")]
    assert labels(*column) == ["三、本年度办理结果"]


def test_of_the_labels_starting_at_a_line_the_longest_is_taken() -> None:
    first = line("（二）部分公开", 100.0, 300.0, 9.0)
    rest = line("（区分处理的，只计这一情形，不计其他情形）", 100.0 - 63.0, 311.5, 9.0)
    assert labels(first, rest) == ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]


def test_a_marker_under_a_column_label_is_no_part_of_it() -> None:
    # 本年新制作数量 over ——: the label with the dash still reads as the label, but the dash
    # is the value of the row below.
    header = line("本年新制作数量", 242.0, 200.0, 9.0)
    dash = line("——", 269.0, 211.5, 9.0)  # centred under the label
    assert labels(header, dash) == ["本年新制作数量"]


def cell(text: str) -> GridCell:
    return GridCell(100.0, 150.0, 0, 1, text, frozenset())


def test_a_label_cut_by_a_page_break_is_one_label_though_its_first_part_reads_as_one() -> None:
    # （六）其他 is the label 其他 once its number is set aside; with 处理 it is （六）其他处理.
    assert _cut_label(cell("（六）其他"), cell("处理"))
    assert _cut_label(cell("（四）无"), cell("法提供"))
    assert not _cut_label(cell("1.属于国家秘密"), cell("2.其他法律行政法规禁止公开"))
