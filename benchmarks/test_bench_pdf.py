"""Reading a PDF, next to pdfplumber's own ``extract_tables`` over the same pages.

Measurements, not assertions: run ``pytest benchmarks/test_bench_pdf.py --benchmark-enable``.
The anchor is what pdfplumber does for a caller that only wants the tables: open the file
and run ``extract_tables`` on every page. ``parse_pdf`` does that much reading and more (the
text as paragraphs, tables joined across pages, the report built and checked); its target
is at most 1.2 times the anchor. Both run in this process, one after the other, on the
corpus PDF with a table across a page break (tests/corpus/001.pdf) and on a long drawn
report.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

pytest.importorskip("pdfplumber")

from disclosure_report.parse import parse_pdf

CORPUS = Path(__file__).parents[1] / "tests" / "corpus"


@pytest.fixture(scope="module")
def corpus_pdf() -> bytes:
    return (CORPUS / "001.pdf").read_bytes()


def extract_tables(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_tables()) for page in pdf.pages)


@pytest.mark.benchmark(group="pdf-001")
def test_anchor_pdfplumber_extract_tables(benchmark: BenchmarkFixture, corpus_pdf: bytes) -> None:
    assert benchmark(extract_tables, corpus_pdf) > 0


@pytest.mark.benchmark(group="pdf-001")
def test_parse_pdf(benchmark: BenchmarkFixture, corpus_pdf: bytes) -> None:
    result = benchmark(parse_pdf, corpus_pdf)
    assert result.report.year == 2024
