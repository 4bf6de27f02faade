"""A batch stopped the hard way (killed, or a worker dying) loses and corrupts nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from benchmarks.variations import Made

from disclosure_report import from_xml
from disclosure_report.batch import run_batch
from disclosure_report.batch._engines import ProcessEngine, WorkersDyingError
from disclosure_report.batch._inputs import Item
from disclosure_report.batch._work import Plan, Task

from .test_batch import _tree

KILL_AFTER = 25
"""States written before the batch is killed."""


def _states(out: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (out / "state").rglob("*.json")}


def test_a_killed_batch_rerun_finishes_the_rest_without_redoing_or_corrupting(
    variations: tuple[Path, Made], tmp_path: Path
) -> None:
    folder, made = variations
    out = tmp_path / "out"
    command = [sys.executable, "-m", "disclosure_report", "batch", str(folder), "--out", str(out)]
    command += ["--to", "xml", "--to", "parquet", "--jobs", "2", "--quiet"]
    batch = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while len(_states(out) if (out / "state").exists() else {}) < KILL_AFTER:
            assert batch.poll() is None, "the batch ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        os.killpg(batch.pid, signal.SIGKILL)
    finally:
        batch.wait(timeout=60)
    assert batch.returncode == -signal.SIGKILL
    done_before = _states(out)
    distinct = made.files - made.duplicates
    assert KILL_AFTER <= len(done_before) < distinct
    assert not (out / "summary.json").exists()
    for report in (out / "reports").rglob("*.xml"):
        from_xml(report.read_bytes())  # every output is whole

    rerun = run_batch([str(folder)], out, to=["xml", "parquet"], jobs=2)
    results = list(rerun)
    assert rerun.summary is not None
    assert len(results) == made.files
    assert rerun.summary.skipped >= len(done_before)
    assert rerun.summary.processed <= made.files - len(done_before)
    after = _states(out)
    assert {p: after[p] for p in done_before} == done_before  # nothing done was redone
    assert len(after) == distinct
    assert not list((out / ".tmp").rglob("*"))

    clean = tmp_path / "clean"
    list(run_batch([str(folder)], clean, to=["xml", "parquet"], jobs=1))
    assert _tree(out) == _tree(clean)


def test_a_worker_that_dies_fails_its_file_alone(
    variations: tuple[Path, Made], tmp_path: Path
) -> None:
    from ._dying import dies_on_poison

    folder, _ = variations
    reports = sorted(folder.rglob("*报告.txt"))[:6]
    inputs = tmp_path / "in"
    inputs.mkdir()
    for number, path in enumerate(reports):
        shutil.copy(path, inputs / f"{number}{'-poison' if number == 2 else ''}.txt")
    plan = Plan(out=str(tmp_path / "out"))
    names = sorted(inputs.iterdir())
    with ProcessEngine(plan, 2, work=dies_on_poison) as engine:
        for index, path in enumerate(names):
            engine.submit(Task(index, path.name, Item(str(path))))
        outcomes = []
        while batch := engine.wait():
            outcomes.extend(batch)
    by_name = {o.name: o.done for o in outcomes}
    assert sorted(by_name) == sorted(p.name for p in names)
    assert by_name["2-poison.txt"].status == "failed"
    assert "worker process died" in (by_name["2-poison.txt"].reason or "")
    assert by_name["2-poison.txt"].retry
    assert all(d.status == "ok" for name, d in by_name.items() if "poison" not in name)


def test_workers_that_die_on_every_file_stop_the_run(tmp_path: Path) -> None:
    from ._dying import always_dies

    inputs = tmp_path / "in"
    inputs.mkdir()
    for number in range(8):
        (inputs / f"{number}.txt").write_bytes(b"")

    def drain(engine: ProcessEngine) -> None:
        while engine.wait():
            pass

    with ProcessEngine(Plan(out=str(tmp_path / "out")), 2, work=always_dies) as engine:
        for index, path in enumerate(sorted(inputs.iterdir())):
            engine.submit(Task(index, path.name, Item(str(path))))
        with pytest.raises(WorkersDyingError, match="died on 3 files in a row"):
            drain(engine)
