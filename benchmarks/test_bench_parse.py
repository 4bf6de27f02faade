"""Parsing cost of the seed report (a Word text extraction), next to a regex text-pass floor.

Measurements, not assertions: run ``pytest benchmarks --benchmark-enable``. The floor is the
"regex text pass" anchor of ``shared/bench/RESULTS.md`` applied to this input: one pass over
the lines with a compiled regex, turning every numeric cell into an int and keeping every
other line as text, the least work any parser of this form has to do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.parse import parse_text

SEED = Path(__file__).parents[1] / "src" / "disclosure_report" / "samples" / "duandian-2019.txt"
_CELL = re.compile(r"^\t\s*(\d+)\s*$")


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
