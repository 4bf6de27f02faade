"""A bad call is not bad input: a wrong argument type is a TypeError, bad content a ParseError."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disclosure_report import (
    DEFAULT_LIMITS,
    ParseError,
    parse_bytes,
    parse_docx,
    parse_file,
    parse_html,
    parse_text,
)

from . import attacks as a

SEED_BYTES = a.SEED_TEXT.encode("utf-8")

_BAD_CALLS: dict[str, Callable[[], object]] = {
    "parse_text(bytes)": lambda: parse_text(SEED_BYTES),  # type: ignore[arg-type]
    "parse_text(None)": lambda: parse_text(None),  # type: ignore[arg-type]
    "parse_bytes(str)": lambda: parse_bytes(a.SEED_TEXT),  # type: ignore[arg-type]
    "parse_bytes(list)": lambda: parse_bytes([1, 2]),  # type: ignore[arg-type]
    "parse_html(int)": lambda: parse_html(5),  # type: ignore[arg-type]
    "parse_docx(str)": lambda: parse_docx("word"),  # type: ignore[arg-type]
    "parse_file(int)": lambda: parse_file(3),  # type: ignore[arg-type]
    "parse_file(bytes path)": lambda: parse_file(b"report.txt"),  # type: ignore[arg-type]
    "parse_bytes(form=int)": lambda: parse_bytes(SEED_BYTES, form=3),  # type: ignore[arg-type]
    "parse_text(limits=dict)": lambda: parse_text(a.SEED_TEXT, limits={}),  # type: ignore[arg-type]
    "parse_bytes(limits=None)": lambda: parse_bytes(SEED_BYTES, limits=None),  # type: ignore[arg-type]
    "parse_html(limits=int)": lambda: parse_html(a.HTML_PAGE, limits=5),  # type: ignore[arg-type]
    "parse_docx(limits=str)": lambda: parse_docx(a.DOCX, limits="x"),  # type: ignore[arg-type]
    "parse_file(limits=list)": lambda: parse_file("x.txt", limits=[]),  # type: ignore[arg-type]
}


@pytest.mark.parametrize("call", sorted(_BAD_CALLS))
def test_a_bad_argument_type_is_a_type_error_not_a_parse_error(call: str) -> None:
    with pytest.raises(TypeError) as caught:
        _BAD_CALLS[call]()
    assert not isinstance(caught.value, ParseError)


def test_the_type_error_says_what_to_call_instead() -> None:
    with pytest.raises(TypeError, match="parse_bytes"):
        parse_text(SEED_BYTES)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="parse_text"):
        parse_bytes(a.SEED_TEXT)  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_bytes_like_data_is_read_as_bytes(kind: type) -> None:
    expected = parse_bytes(SEED_BYTES).report
    assert parse_bytes(kind(SEED_BYTES)).report == expected
    assert parse_docx(kind(a.DOCX)).report == parse_docx(a.DOCX).report
    assert parse_html(kind(a.HTML_PAGE)).report == parse_html(a.HTML_PAGE).report


def test_an_unknown_form_name_is_bad_input() -> None:
    with pytest.raises(ParseError, match="unknown form"):
        parse_bytes(SEED_BYTES, form="xls")


@pytest.mark.parametrize("path", ["missing.txt", "folder", "bad\x00name.txt"])
def test_a_path_that_cannot_be_read_is_a_parse_error(path: str, tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(ParseError, match="cannot read"):
        parse_file(tmp_path / path if "\x00" not in path else str(tmp_path) + "/" + path)


def test_a_path_like_is_read() -> None:
    assert (
        parse_file(a.CORPUS / "000.txt", limits=DEFAULT_LIMITS).report
        == parse_text(a.SEED_TEXT).report
    )
