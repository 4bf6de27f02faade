"""The model: type checks only, blanks are not zero, text XML can carry, provenance out of equality."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclosure_report.errors import DisclosureReportError, InvalidTextError
from disclosure_report.model import Cell, Edition, Paragraph, Report, Row, Source, TextSection


@pytest.mark.parametrize("bad", ["\x00", "a\x01b", "\x1f", "\ufffe", "\uffff", "\ud800"])
def test_text_xml_cannot_carry_is_refused(bad: str) -> None:
    with pytest.raises(InvalidTextError, match=r"XML 1\.0"):
        Paragraph(text=bad)
    with pytest.raises(DisclosureReportError):
        Cell(column="total", raw=bad)


@pytest.mark.parametrize("fine", ["\t", "\n", "\r", " ", "中文", "\U0001f600", "\ue000"])
def test_text_xml_can_carry_is_accepted(fine: str) -> None:
    assert Paragraph(text=fine).text == fine


@pytest.mark.parametrize("bad", [True, 1.5, "3", Decimal("NaN"), Decimal("Infinity")])
def test_cell_value_must_be_a_number(bad: object) -> None:
    with pytest.raises(TypeError):
        Cell(column="total", value=bad)  # type: ignore[arg-type]


def test_blank_is_not_zero() -> None:
    assert Cell(column="total") != Cell(column="total", value=0)
    assert Cell(column="total").is_blank
    assert not Cell(column="total", value=0).is_blank
    assert not Cell(column="total", marker="/").is_blank


def test_provenance_is_left_out_of_equality() -> None:
    a = Row(
        key="granted",
        cells=(Cell(column="total", value=1, source=Source(line=3)),),
        source=Source(line=3),
    )
    b = Row(key="granted", cells=(Cell(column="total", value=1, source=Source(page=2, cell=4)),))
    assert a == b
    assert hash(a) == hash(b)


def test_edition_is_its_year_string() -> None:
    assert str(Edition.E2021) == "2021"
    assert Edition("2019") is Edition.E2019
    assert Report(edition="2021").edition is Edition.E2021


def test_lookups() -> None:
    row = Row(key="granted", cells=(Cell(column="total", value=1),))
    assert row.cell("total").value == 1
    with pytest.raises(KeyError):
        row.cell("natural_person")
    assert TextSection(paragraphs=(Paragraph(text="a"), Paragraph(text="b"))).text == "a\nb"


@pytest.mark.parametrize(
    "fields",
    [
        {"column": 3},
        {"column": "total", "source": 3},
        {"column": "total", "unit": 5},
        {"column": "total", "raw": b"1"},
        {"column": "bad\x01key"},
    ],
)
def test_cell_checks_every_field(fields: dict[str, object]) -> None:
    """The fast path of Cell's check must not let a wrong type through."""
    with pytest.raises((TypeError, InvalidTextError)):
        Cell(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "fields",
    [
        {"key": 3},
        {"key": b"granted"},
        {"key": "bad\x01key"},
        {"key": "granted", "cells": [Cell(column="total")]},
        {"key": "granted", "label": 5},
        {"key": "granted", "label": "a\x00"},
        {"key": "granted", "source": 3},
    ],
)
def test_row_checks_every_field(fields: dict[str, object]) -> None:
    """The fast path of Row's check must not let a wrong type through."""
    with pytest.raises((TypeError, InvalidTextError)):
        Row(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("fields", [{"text": 3}, {"text": "a", "source": 3}, {"text": "\x00"}])
def test_paragraph_checks_every_field(fields: dict[str, object]) -> None:
    with pytest.raises((TypeError, InvalidTextError)):
        Paragraph(**fields)  # type: ignore[arg-type]


def test_a_row_of_an_undeclared_key_is_checked_and_kept() -> None:
    assert Row(key="not_declared", label="x").key == "not_declared"
