"""Tables drawn without ruling lines, read from the positions of their text (parse/pdf/_unruled.py).

Each test prints a small 三 table at chosen places (``pdf_support.positioned_pdf``) so one
rule is at stake: a value is read where the positions prove its cell, and a cell they do not
prove is blank with finding P1.34, never a number from a neighbour.
"""

from __future__ import annotations

import pytest

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.model import Table
from disclosure_report.parse import ParseResult, parse_pdf
from disclosure_report.tables import edition_spec

from .pdf_support import positioned_pdf, require

pytestmark = pytest.mark.usefixtures("pdf_packages")


@pytest.fixture(scope="module")
def pdf_packages() -> None:
    require("pdfplumber", "reportlab")


SPEC = edition_spec("2021").table("applications")
LEAVES = [c.label for c in SPEC.columns if not c.optional]
CENTRES = [275.0 + 45.0 * i for i in range(len(LEAVES))]
"""Centre of each value column (自然人 … 总计), 45 points apart."""
LABEL_X = 80.0
HEADER = 130.0
ROWS = 170.0
PITCH = 20.0

Text = tuple[float, float, str]


def _label(key: str) -> str:
    return SPEC.row(key).label


def header() -> list[Text]:
    """The heading of 三 and its column labels (long ones over two lines, as narrow cells print)."""
    texts: list[Text] = [(72.0, 100.0, "三、收到和处理政府信息公开申请情况")]
    for centre, leaf in zip(CENTRES, LEAVES, strict=True):
        if len(leaf) > 4:
            texts += [(-centre, HEADER - 5.75, leaf[:4]), (-centre, HEADER + 5.75, leaf[4:])]
        else:
            texts.append((-centre, HEADER, leaf))
    return texts


def row(top: float, key: str, values: dict[int, str]) -> list[Text]:
    """A row label at the left and values centred in their columns, all level."""
    return [(LABEL_X, top, _label(key)), *((-CENTRES[i], top, v) for i, v in values.items())]


def read(*texts: Text, rules: list[tuple[float, float, float]] | None = None) -> ParseResult:
    return parse_pdf(positioned_pdf([list(texts)], rules=[rules] if rules else None))


def cells(result: ParseResult, key: str) -> list[object]:
    table = result.report.applications
    assert isinstance(table, Table)
    found = next(r for r in table.rows if r.key == key)
    return [c.value if c.value is not None else (c.marker or c.raw) for c in found.cells]


def unproved(result: ParseResult) -> list[Diagnostic]:
    return [d for d in result.diagnostics if d.code == "P1.34"]


def test_a_table_without_ruling_lines_is_read_from_positions() -> None:
    result = read(
        *header(),
        *row(ROWS, "new_received", {0: "5", 1: "1", 6: "6"}),
        *row(ROWS + PITCH, "carried_over", {0: "2", 5: "—", 6: "2"}),
    )
    assert cells(result, "new_received") == [5, 1, None, None, None, None, 6]
    assert cells(result, "carried_over") == [2, None, None, None, None, "—", 2]
    assert [d.code for d in result.diagnostics if d.code in {"P1.33", "P1.34"}] == ["P1.33"]
    assert not unproved(result)


def test_a_value_across_two_columns_is_blank_with_a_finding() -> None:
    # 123456789 centred between 自然人 and 商业企业 reaches both labels: its column is not proved.
    between = (CENTRES[0] + CENTRES[1]) / 2
    result = read(
        *header(),
        *row(ROWS, "new_received", {6: "9"}),
        (-between, ROWS, "123456789"),
    )
    assert cells(result, "new_received")[:2] == [None, None]
    assert cells(result, "new_received")[6] == 9
    assert {(d.location.row, d.location.column) for d in unproved(result)} == {
        ("new_received", "natural_person"),
        ("new_received", "commercial_enterprise"),
    }


def test_a_value_between_two_rows_either_may_own_is_blank_with_a_finding() -> None:
    # Two rows a little over two lines apart; a line in the gap, level with neither label:
    # the upper row's cell top-aligned, or the lower row's bottom-aligned. Nothing tells.
    lower = ROWS + 23.0
    result = read(
        *header(),
        *row(ROWS, "new_received", {0: "4", 6: "1"}),
        (-CENTRES[0], ROWS + 11.5, "7"),
        *row(lower, "carried_over", {0: "3", 6: "2"}),
    )
    assert cells(result, "new_received")[0] is None
    assert cells(result, "carried_over")[0] is None
    assert cells(result, "new_received")[6] == 1
    assert cells(result, "carried_over")[6] == 2
    assert {(d.location.row, d.location.column) for d in unproved(result)} == {
        ("new_received", "natural_person"),
        ("carried_over", "natural_person"),
    }


def test_a_rule_across_the_gap_settles_the_row() -> None:
    lower = ROWS + 23.0
    texts = [
        *header(),
        *row(ROWS, "new_received", {0: "4", 6: "1"}),
        (-CENTRES[0], ROWS + 11.5, "7"),
        *row(lower, "carried_over", {0: "3", 6: "2"}),
    ]
    # A horizontal rule just below the stray line: it ends the upper row (4 and 7 in one cell).
    result = read(*texts, rules=[(72.0, 570.0, ROWS + 22.7)])
    assert cells(result, "new_received")[0] == "4 7"  # two numbers: kept as text, no value
    assert cells(result, "carried_over")[0] == 3
    assert [d.code for d in result.diagnostics if d.code == "P1.1"] == ["P1.1"]


def test_a_centred_cell_over_three_lines_is_read_whole() -> None:
    # 12（其中3件） wrapped over three lines, centred on its row's label; a two-line label
    # elsewhere in the table shows the cells are centred.
    top = ROWS + PITCH
    result = read(
        *header(),
        *row(ROWS, "new_received", {0: "1"}),
        (LABEL_X, top, "二、上年结转政府信息"),
        (LABEL_X, top + 11.5, "公开申请数量"),
        (-CENTRES[6], top + 5.75, "8"),
        *row(top + 40.0, "granted", {6: "3"}),
        (-CENTRES[0], top + 40.0 - 11.5, "12（其"),
        (-CENTRES[0], top + 40.0, "中修订"),
        (-CENTRES[0], top + 40.0 + 11.5, "3件）"),
    )
    assert cells(result, "carried_over")[6] == 8
    assert cells(result, "granted")[0] == 12
    assert cells(result, "granted")[6] == 3
    assert not unproved(result)


def test_a_group_label_at_the_middle_of_its_rows_heads_no_row() -> None:
    # （三）不予公开 printed between its rows, left of their labels.
    first, second = ROWS, ROWS + PITCH
    result = read(
        *header(),
        (40.0, (first + second) / 2, "（三）不予公开"),
        (110.0, first, _label("withheld_state_secret")),
        (-CENTRES[0], first, "1"),
        (110.0, second, _label("withheld_prohibited_by_law")),
        (-CENTRES[0], second, "2"),
    )
    table = result.report.applications
    assert isinstance(table, Table)
    assert not table.extra_rows
    assert cells(result, "withheld_state_secret")[0] == 1
    assert cells(result, "withheld_prohibited_by_law")[0] == 2


def test_a_value_set_left_in_its_cell_is_read_where_its_column_proves_it() -> None:
    # Values set at the left of their cells: 12345 reaches under 自然人, so the column's
    # text is known to start there, and 7 starting at the same place is in it too. 8 stands
    # in the gap between 自然人 and 商业企业 with nothing to prove which side of the border
    # it is on: both of its row's cells there are blank.
    left = CENTRES[0] - 20.0
    result = read(
        *header(),
        *row(ROWS, "new_received", {}),
        (left, ROWS, "12345"),
        *row(ROWS + PITCH, "carried_over", {}),
        (left, ROWS + PITCH, "7"),
        *row(ROWS + 2 * PITCH, "granted", {6: "4"}),
        (CENTRES[1] - 25.0, ROWS + 2 * PITCH, "8"),
    )
    assert cells(result, "new_received")[0] == 12345
    assert cells(result, "carried_over")[0] == 7
    assert cells(result, "granted") == [None, None, None, None, None, None, 4]
    assert {(d.location.row, d.location.column) for d in unproved(result)} == {
        ("granted", "natural_person"),
        ("granted", "commercial_enterprise"),
    }


def test_text_after_the_table_stays_text() -> None:
    # A number under a value column, well below the last row: text after the table, not a
    # value of that row.
    result = read(
        *header(),
        *row(ROWS, "new_received", {0: "5"}),
        *row(ROWS + PITCH, "carried_over", {6: "6"}),
        (-CENTRES[5], ROWS + PITCH + 30.0, "12"),
    )
    assert cells(result, "carried_over") == [None, None, None, None, None, None, 6]
    table = result.report.applications
    assert isinstance(table, Table)
    assert [n.text for n in table.notes] == ["12"]


@pytest.mark.parametrize("printed", [True, False])
def test_other_handling_is_a_group_over_its_rows_and_a_row_alone(printed: bool) -> None:
    # 2021: （六）其他处理 heads three rows, printed at the middle one. Printed alone with
    # values (2019's form, or 2021's optional row), it is a row.
    texts = [*header()]
    if printed:
        keys = ["other_no_correction", "other_fee_unpaid", "other_misc"]
        short = ["1.逾期不补正", "2.逾期未缴费", "3.其他"]  # variants of the long labels
        for i, text in enumerate(short):
            texts += [(160.0, ROWS + i * PITCH, text), (-CENTRES[0], ROWS + i * PITCH, str(i))]
        texts.append((LABEL_X, ROWS + PITCH, "（六）其他处理"))
    else:
        keys = ["other_handling"]
        texts += row(ROWS, "other_handling", {0: "9"})
    result = read(*texts)
    table = result.report.applications
    assert isinstance(table, Table)
    assert [r.key for r in table.rows] == keys
    assert not table.extra_rows
    assert cells(result, keys[0])[0] == (0 if printed else 9)


@pytest.mark.parametrize("below", [0.0, 14.0])
def test_a_group_label_cut_by_the_page_break_heads_no_row(below: float) -> None:
    # （六）其他处理 over its rows, cut by the page break: （六）其他 (which reads as the label
    # 其他 once its number is set aside) level with the last row of page 1 (left of its
    # label: a group's) or below it, 处理 at the top of page 2. Neither is a row: 3.其他 is
    # printed with another number.
    page1 = [
        *header(),
        (40.0, ROWS + below, "（六）其他"),
        (110.0, ROWS, "1.逾期不补正"),
        (-CENTRES[0], ROWS, "4"),
    ]
    page2 = [(40.0, 80.0, "处理"), (110.0, 100.0, "3.其他"), (-CENTRES[0], 100.0, "5")]
    result = parse_pdf(positioned_pdf([page1, page2]))
    table = result.report.applications
    assert isinstance(table, Table)
    assert [r.key for r in table.rows] == ["other_no_correction", "other_misc"]
    assert not table.extra_rows
    assert cells(result, "other_no_correction")[0] == 4
    assert cells(result, "other_misc")[0] == 5
