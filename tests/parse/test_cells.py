"""Reading one printed cell: numbers, blanks, markers, notes, units, and text that is no number.

A cell is read by a documented rule or not at all: nothing here may take part of a cell.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.model import Cell
from disclosure_report.parse._cells import read_cell
from disclosure_report.tables import Column, ValueKind

COUNT = Column("c", "件数")
SIGNED = Column("s", "本年增/减", kind=ValueKind.SIGNED)
AMOUNT = Column("a", "金额", kind=ValueKind.AMOUNT, unit="万元")

# (column, printed text, expected cell): read cells.
READ: list[tuple[Column, str, Cell]] = [
    (COUNT, "0", Cell(column="c", value=0)),
    (COUNT, " 0\xa0", Cell(column="c", value=0)),
    (COUNT, "１２", Cell(column="c", value=12)),  # full-width digits
    (COUNT, "", Cell(column="c")),
    (COUNT, "\xa0", Cell(column="c")),  # &nbsp; is blank, not 0
    (COUNT, "\u3000", Cell(column="c")),  # the ideographic space too
    (COUNT, "7\u200b", Cell(column="c", value=7)),  # a zero-width space prints nothing
    (COUNT, "\ufeff12", Cell(column="c", value=12)),  # nor does a byte-order mark
    (COUNT, "\u200b", Cell(column="c")),  # blank, not 0
    (COUNT, "/", Cell(column="c", marker="/")),
    (COUNT, "—", Cell(column="c", marker="—")),
    (COUNT, "无", Cell(column="c", marker="无")),
    (COUNT, "不适用", Cell(column="c", marker="不适用")),
    (COUNT, "22（其中修订16件）", Cell(column="c", value=22, raw="22（其中修订16件）")),
    (COUNT, "22\n（其中修订16件）", Cell(column="c", value=22, raw="22\n（其中修订16件）")),
    (COUNT, "1,234", Cell(column="c", value=1234, raw="1,234")),
    (COUNT, "1，234", Cell(column="c", value=1234, raw="1，234")),
    (COUNT, "1 036", Cell(column="c", value=1036, raw="1 036")),  # "036" cannot be a cell
    (COUNT, "1 000 000", Cell(column="c", value=1000000, raw="1 000 000")),
    (COUNT, "5件", Cell(column="c", value=5, unit="件", raw="5件")),
    (COUNT, "10万", Cell(column="c", value=100000, raw="10万")),
    (COUNT, "1.5万", Cell(column="c", value=15000, raw="1.5万")),
    (COUNT, "3万件", Cell(column="c", value=30000, unit="件", raw="3万件")),
    (SIGNED, "+1036", Cell(column="s", value=1036)),
    (SIGNED, "-2", Cell(column="s", value=-2)),
    (SIGNED, "\u22122", Cell(column="s", value=-2)),  # U+2212 MINUS SIGN
    (AMOUNT, "0.50", Cell(column="a", value=Decimal("0.50"))),
    (AMOUNT, "251000元", Cell(column="a", value=Decimal(251000), unit="元", raw="251000元")),
    (AMOUNT, "25.1万", Cell(column="a", value=Decimal("25.1"), unit="万", raw="25.1万")),
    (AMOUNT, "3.2万元", Cell(column="a", value=Decimal("3.2"), unit="万元", raw="3.2万元")),
]

# (column, printed text): text no rule reads; left blank, text kept, a reason given.
UNREAD: list[tuple[Column, str]] = [
    (COUNT, "155（其中修订77件）370（其中修订185件）"),  # two cells with notes run together
    (COUNT, "12 3"),  # two cells run together, or a split number: cannot be told
    (COUNT, "12 300"),  # a thousands separator or two cells
    (COUNT, "12\n3"),
    (COUNT, "5-3"),
    (COUNT, "5—3"),
    (COUNT, "5¹"),  # a footnote mark, not a digit: never 51
    (COUNT, "3①"),  # never 31
    (COUNT, "⑴"),
    (COUNT, "约10"),
    (COUNT, "10余"),
    (COUNT, "10左右"),
    (COUNT, "50%"),
    (COUNT, "1.5"),  # a count has no fraction
    (COUNT, "1.23456万"),  # not whole once multiplied
    (COUNT, "12,3"),
    (COUNT, "5元"),  # money in a count column
    (COUNT, "三"),
    (COUNT, "1" * (MAX_NUMBER_DIGITS + 1)),
    (AMOUNT, "1" * (MAX_NUMBER_DIGITS + 1) + "元"),
]


@pytest.mark.parametrize(("column", "text", "expected"), READ)
def test_read(column: Column, text: str, expected: Cell) -> None:
    assert read_cell(text, column) == (expected, None)


@pytest.mark.parametrize(("column", "text"), UNREAD)
def test_unreadable_text_is_kept_and_explained(column: Column, text: str) -> None:
    cell, problem = read_cell(text, column)
    assert cell == Cell(column=column.key, raw=text.strip())
    assert problem


def test_amount_keeps_its_scale() -> None:
    cell, _ = read_cell("0.50", AMOUNT)
    assert str(cell.value) == "0.50"


def test_note_beside_the_number() -> None:
    cell, _ = read_cell("22（其中修订16件）", COUNT)
    assert cell.note == "（其中修订16件）"
    assert read_cell("251000元", AMOUNT)[0].note is None


_PIECES = st.sampled_from(
    [
        *"0123456789",
        "\uff10",
        "\uff19",
        " ",
        "\n",
        "\xa0",
        ",",
        "，",
        ".",
        "+",
        "-",
        "—",
        "/",
        "件",
        "元",
        "无",
        "约",
        "¹",
        "①",
        "(",
        ")",
        "（",
        "）",
        "%",
    ]
)


def _digits_before_note(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded.split("(")[0] if c.isdigit())


@given(st.lists(_PIECES, max_size=10).map("".join))
def test_a_value_is_made_of_every_digit_printed_before_its_note(text: str) -> None:
    """Whatever the text, a value read from it holds all its digits, in order: nothing taken in part."""
    for column in (COUNT, SIGNED, AMOUNT):
        cell, problem = read_cell(text, column)
        if problem is not None:
            assert cell.value is None
            assert cell.raw == text.strip()
            continue
        if cell.value is None:
            assert not _digits_before_note(text)
            continue
        value = cell.value
        printed = str(abs(value)) if isinstance(value, int) else format(abs(value), "f")
        assert printed.replace(".", "").lstrip("0") == _digits_before_note(text).lstrip("0")


def test_a_label_with_invisible_characters_is_the_label() -> None:
    # A web page's zero-width spaces and a Word file's soft hyphens print nothing.
    from disclosure_report.tables import normalise_label

    assert normalise_label("\u200b（一）予以\u200b公\u00ad开") == normalise_label("（一）予以公开")
