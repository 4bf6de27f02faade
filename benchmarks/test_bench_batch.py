"""The batch's cost per report, next to the library's own work on the same file.

Measurements, not assertions: run ``pytest benchmarks/test_bench_batch.py --benchmark-enable``.
In each group, the anchor ``test_anchor_parse_validate_*`` is what any program reading the
file does (parse it, validate it); ``test_batch_file_*`` is what a batch worker does with it
(read, hash, parse, validate, write the XML and the state with every cell and finding). Their
ratio is the batch's overhead per report; 1 / its mean is reports per second per core.

Scale (many files, 1 to N workers, peak memory) is measured by ``python -m
benchmarks.batch_run``: see docs/how-to/run-at-national-scale.md for the figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from disclosure_report.batch import run_batch
from disclosure_report.batch._inputs import Item
from disclosure_report.batch._work import Plan, Task, process
from disclosure_report.parse import ParseResult, parse_bytes
from disclosure_report.validate import validate

CORPUS = Path(__file__).parents[1] / "tests" / "corpus"
FILES = {"text": "000.txt", "html": "014.html", "docx": "103.docx"}


def _anchor(data: bytes) -> ParseResult:
    result = parse_bytes(data)
    validate(result.report)
    return result


@pytest.mark.parametrize("form", sorted(FILES))
def test_anchor_parse_validate(benchmark: BenchmarkFixture, form: str) -> None:
    benchmark.group = f"batch-{form}"
    data = (CORPUS / FILES[form]).read_bytes()
    assert benchmark(_anchor, data).report.year == 2019


@pytest.mark.parametrize("form", sorted(FILES))
def test_batch_file(benchmark: BenchmarkFixture, form: str, tmp_path: Path) -> None:
    benchmark.group = f"batch-{form}"
    task = Task(0, FILES[form], Item(str(CORPUS / FILES[form])))
    plan = Plan(out=str(tmp_path), formats=("xml",), force=True)
    outcome = benchmark(process, task, plan)
    assert outcome.done.status == "ok"
    assert outcome.done.form == form


def test_batch_of_forty_files_in_one_process(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    """A small batch end to end (inputs, worker, coordinator, datasets), in this process."""
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(40):
        name = FILES[sorted(FILES)[number % 3]]
        (folder / f"{number:02d}-{name}").write_bytes((CORPUS / name).read_bytes())

    def run() -> int:
        return sum(1 for _ in run_batch([str(folder)], tmp_path / "out", jobs=1, force=True))

    assert benchmark(run) == 40
