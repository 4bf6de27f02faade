"""Parsing cost of each form read, next to the least work any parser of that form must do.

Measurements, not assertions: run ``pytest benchmarks --benchmark-enable``; compare each
group's ``test_floor_*`` with the parser. The floors, in the same process on the same input:

* text (the seed, a Word text extraction): the "regex text pass" anchor of
  ``shared/bench/RESULTS.md``: one pass over the lines with a compiled regex, every numeric
  cell an int, every other line kept as text;
* HTML (tests/corpus/014.html): lxml.html parsing the page, then the text of every table
  cell and paragraph;
* DOCX (tests/corpus/103.docx): zipfile opening the file, lxml parsing word/document.xml,
  then the text of every paragraph and table cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.parse import parse_docx, parse_html, parse_text

SEED = Path(__file__).parents[1] / "src" / "disclosure_report" / "samples" / "duandian-2019.txt"
CORPUS = Path(__file__).parents[1] / "tests" / "corpus"
_CELL = re.compile(r"^\t\s*(\d+)\s*$")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def text_floor(text: str) -> tuple[list[int], list[str]]:
    numbers: list[int] = []
    lines: list[str] = []
    for line in text.split("\n"):
        match = _CELL.match(line)
        if match is not None:
            numbers.append(int(match[1]))
        else:
            lines.append(line.strip())
    return numbers, lines


@pytest.mark.benchmark(group="text-parse")
def test_floor_regex_text_pass(benchmark: BenchmarkFixture, seed: str) -> None:
    numbers, _ = benchmark(text_floor, seed)
    assert len(numbers) > 50


@pytest.mark.benchmark(group="text-parse")
def test_parse_text(benchmark: BenchmarkFixture, seed: str) -> None:
    result = benchmark(parse_text, seed)
    assert result.report.year == 2019


def html_floor(page: bytes) -> list[str]:
    root = lxml.html.document_fromstring(page.decode("utf-8"))
    return [element.text_content() for element in root.iter("td", "th", "p")]


@pytest.mark.benchmark(group="html-parse")
def test_floor_lxml_html_walk(benchmark: BenchmarkFixture) -> None:
    page = (CORPUS / "014.html").read_bytes()
    assert len(benchmark(html_floor, page)) > 300


@pytest.mark.benchmark(group="html-parse")
def test_parse_html(benchmark: BenchmarkFixture) -> None:
    page = (CORPUS / "014.html").read_bytes()
    assert benchmark(parse_html, page).report.year == 2019


def docx_floor(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return [
        "".join(t.text or "" for t in element.iter(f"{_W}t"))
        for element in root.iter(f"{_W}p", f"{_W}tc")
    ]


@pytest.mark.benchmark(group="docx-parse")
def test_floor_zipfile_lxml_walk(benchmark: BenchmarkFixture) -> None:
    data = (CORPUS / "103.docx").read_bytes()
    assert len(benchmark(docx_floor, data)) > 300


@pytest.mark.benchmark(group="docx-parse")
def test_parse_docx(benchmark: BenchmarkFixture) -> None:
    data = (CORPUS / "103.docx").read_bytes()
    assert benchmark(parse_docx, data).report.year == 2019
