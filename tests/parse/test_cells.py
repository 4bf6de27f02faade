"""Reading one printed cell: numbers, blanks, markers, notes, units, junk."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_report.model import Cell
from disclosure_report.parse._cells import read_cell
from disclosure_report.tables import Column, ValueKind

COUNT = Column("c", "件数")
SIGNED = Column("s", "本年增/减", kind=ValueKind.SIGNED)
AMOUNT = Column("a", "金额", kind=ValueKind.AMOUNT, unit="万元")

# (column, printed text, expected cell, unreadable?)
CASES: list[tuple[Column, str, Cell, bool]] = [
    (COUNT, "0", Cell(column="c", value=0), False),
    (COUNT, " 0\xa0", Cell(column="c", value=0), False),
    (COUNT, "１２", Cell(column="c", value=12), False),  # full-width digits
    (COUNT, "", Cell(column="c"), False),
    (COUNT, "\xa0", Cell(column="c"), False),  # &nbsp; is blank, not 0
    (COUNT, "/", Cell(column="c", marker="/"), False),
    (COUNT, "—", Cell(column="c", marker="—"), False),
    (COUNT, "无", Cell(column="c", marker="无"), False),
    (COUNT, "不适用", Cell(column="c", marker="不适用"), False),
    (COUNT, "22（其中修订16件）", Cell(column="c", value=22, raw="22（其中修订16件）"), False),
    (COUNT, "1,234", Cell(column="c", value=1234, raw="1,234"), False),
    (COUNT, "5件", Cell(column="c", value=5, unit="件", raw="5件"), False),
    (COUNT, "约10", Cell(column="c", raw="约10"), True),
    (COUNT, "1.5", Cell(column="c", raw="1.5"), True),  # a count has no fraction
    (SIGNED, "+1036", Cell(column="s", value=1036), False),
    (SIGNED, "-2", Cell(column="s", value=-2), False),
    (AMOUNT, "0.50", Cell(column="a", value=Decimal("0.50")), False),
    (AMOUNT, "251000元", Cell(column="a", value=Decimal(251000), unit="元", raw="251000元"), False),
]


@pytest.mark.parametrize(("column", "text", "expected", "unreadable"), CASES)
def test_read_cell(column: Column, text: str, expected: Cell, unreadable: bool) -> None:
    assert read_cell(text, column) == (expected, unreadable)


def test_amount_keeps_its_scale() -> None:
    cell, _ = read_cell("0.50", AMOUNT)
    assert str(cell.value) == "0.50"


def test_note_beside_the_number() -> None:
    cell, _ = read_cell("22（其中修订16件）", COUNT)
    assert cell.note == "（其中修订16件）"
    assert read_cell("251000元", AMOUNT)[0].note is None
