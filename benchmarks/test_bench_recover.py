"""Parsing cost of crawler text, cells recovered from runs, next to a regex floor and the seed.

Measurements, not assertions: run ``pytest benchmarks --benchmark-enable``. In one group, side
by side in one process:

* the floor: one regex pass over the crawler report, finding every run of digits after a
  label and turning it into an int (no split, no label matching): the least work any reader
  of this form does;
* the seed report (a Word text extraction of about the same size), parsed: the anchor for
  what a parse of a report costs when its cells are printed one by one;
* a real crawler report (009.txt: 32 runs, two rows settled by the column identities);
* the worst case: a report whose every run is 60 random digits, which no identity settles
  and every search gives up on at its bound (P1.23): bounded, never minutes.

Target (issue 6): a crawler-text report parses, recovery included, in under 50 ms.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.parse import parse_text
from disclosure_report.tables import TableSpec, edition_spec

ROOT = Path(__file__).parents[1]
CRAWLER = ROOT / "tests" / "corpus" / "009.txt"
SEED = ROOT / "src" / "disclosure_report" / "samples" / "duandian-2019.txt"
_RUN = re.compile(r"(?<=[\u4e00-\u9fff）)])([0-9][0-9 .]*)")


@pytest.fixture(scope="module")
def crawler_text() -> str:
    return CRAWLER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _worst_case() -> str:
    """Every run 60 random digits: too long for any identity to settle, the search's bound."""
    rng = random.Random(6)
    spec = edition_spec("2021")
    parts = ["某某县人民政府2023年政府信息公开工作年度报告"]
    for section in spec.sections:
        parts.append(section.label)
        if not isinstance(section, TableSpec):
            parts.append("无。")
            continue
        parts.extend(section.header_labels)
        parts.extend(c.label for c in section.columns if not c.optional)
        for row in section.expected_rows(()):
            digits = "".join(rng.choice("123456789") for _ in range(60))
            parts.append(row.label + digits)
    return "标题: 某某县人民政府2023年政府信息公开工作年度报告\n===== 正文 =====\n" + "".join(parts)


def crawler_floor(text: str) -> list[int]:
    return [int(m.replace(" ", "").replace(".", "")) for m in _RUN.findall(text)]


@pytest.mark.benchmark(group="crawler-parse")
def test_floor_regex_runs(benchmark: BenchmarkFixture, crawler_text: str) -> None:
    runs = benchmark(crawler_floor, crawler_text)
    assert len(runs) > 30


@pytest.mark.benchmark(group="crawler-parse")
def test_parse_seed_anchor(benchmark: BenchmarkFixture, seed: str) -> None:
    result = benchmark(parse_text, seed)
    assert result.report.year == 2019


@pytest.mark.benchmark(group="crawler-parse")
def test_parse_crawler_text(benchmark: BenchmarkFixture, crawler_text: str) -> None:
    result = benchmark(parse_text, crawler_text)
    assert result.report.applications is not None
    assert any(d.code == "P1.20" for d in result.diagnostics)


@pytest.mark.benchmark(group="crawler-parse")
def test_parse_crawler_worst_case(benchmark: BenchmarkFixture) -> None:
    text = _worst_case()
    result = benchmark.pedantic(parse_text, (text,), rounds=3, iterations=1)  # type: ignore[no-untyped-call]
    assert {d.code for d in result.diagnostics} & {"P1.22", "P1.23"}
