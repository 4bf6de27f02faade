"""Forms found from the content, never the file name; what is not a report gets a ParseError."""

from __future__ import annotations

import contextlib
import io
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.errors import ParseError
from disclosure_report.parse import Form, parse_bytes, parse_file
from disclosure_report.parse._detect import detect

CORPUS = Path(__file__).parents[1] / "corpus"
SEED = (CORPUS / "000.txt").read_bytes()


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("000.txt", Form.TEXT),
        ("014.html", Form.HTML),
        ("103.docx", Form.DOCX),
        ("001.pdf", Form.PDF),
    ],
)
def test_the_corpus_forms_are_detected(name: str, form: Form) -> None:
    assert detect((CORPUS / name).read_bytes()) is form


def test_the_file_name_does_not_matter(tmp_path: Path) -> None:
    disguised = tmp_path / "report.pdf"
    disguised.write_bytes((CORPUS / "103.docx").read_bytes())
    assert parse_file(disguised).report == parse_file(CORPUS / "103.docx").report


@pytest.mark.parametrize(
    "encoded",
    [
        b"\xff\xfe" + SEED.decode().encode("utf-16-le"),  # Word's "Unicode text"
        b"\xfe\xff" + SEED.decode().encode("utf-16-be"),
        SEED.decode().encode("utf-16-le"),  # without its mark
        b"\xef\xbb\xbf" + SEED,
        SEED.decode().encode("gb18030"),
    ],
)
def test_text_in_every_encoding_reads_the_same(encoded: bytes) -> None:
    assert parse_bytes(encoded).report == parse_bytes(SEED).report


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, r"\.doc"),
        (_zip({"xl/workbook.xml": b"<x/>"}), r"Excel"),
        (_zip({"ppt/presentation.xml": b"<x/>"}), r"PowerPoint"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), r"OpenDocument"),
        (_zip({"readme.md": b"hello"}), r"not a Word file"),
        (_zip({"a.docx": b"PK", "b.pdf": b"%PDF"}), r"several files"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, r"OCR"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 100, r"OCR"),
        (b"{\\rtf1\\ansi hello}", r"RTF"),
        (b"\x00\x01\x02\x03" * 300, r"binary"),
    ],
)
def test_what_is_not_read_is_named_with_what_to_do(data: bytes, says: str) -> None:
    with pytest.raises(ParseError, match=says):
        parse_bytes(data)


def test_a_form_can_be_given() -> None:
    assert parse_bytes(SEED, form="text").report == parse_bytes(SEED).report
    with pytest.raises(ParseError, match="unknown form"):
        parse_bytes(SEED, form="xls")


def test_parse_bytes_refuses_text_as_a_bad_call() -> None:
    with pytest.raises(TypeError, match="bytes"):
        parse_bytes(SEED.decode())  # type: ignore[arg-type]


_INPUTS = [SEED, (CORPUS / "014.html").read_bytes(), (CORPUS / "103.docx").read_bytes()]


class _Damaged(bytes):
    """Damaged input; its repr names the damage, not the 40 kB it is."""

    how: str

    def __repr__(self) -> str:
        return f"<{len(self)} bytes: {self.how}>"


@st.composite
def _damaged(draw: st.DrawFn) -> bytes:
    source = draw(st.integers(0, len(_INPUTS) - 1))
    data = bytearray(_INPUTS[source])
    flips = []
    for _ in range(draw(st.integers(0, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
        flips.append(at)
    cut = draw(st.integers(1, len(data)))
    damaged = _Damaged(bytes(data[:cut]))
    damaged.how = f"input {source}, bytes {flips} changed, cut at {cut}"
    return damaged


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(_damaged(), st.binary(max_size=2000)))
def test_damaged_and_random_input_gives_a_report_or_a_parse_error_quickly(data: bytes) -> None:
    started = time.perf_counter()
    with contextlib.suppress(ParseError):
        parse_bytes(data)
    assert time.perf_counter() - started < 3.0
