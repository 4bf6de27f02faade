"""The batch at scale: reports per second per core, speed-up from 1 to N workers, peak memory.

Makes folders of report variations (:mod:`benchmarks.variations`), then runs
``disclosure-report batch`` over them, each run in a fresh process, and prints one JSON line
per run and a table::

    python -m benchmarks.batch_run --sizes 1000 10000 --jobs 1 2 [--work /tmp/bench]
    python -m benchmarks.batch_run --forms text html docx pdf --size 200   # per form, one worker

Memory is the peak resident size of the coordinator and of the largest worker (``getrusage``).
Each run writes XML and the Parquet datasets to a new output folder; runs are not timed
tests, and the machine's other load shows in the figures (compare ``cpu_seconds``).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.variations import (
    compare,
    count_independently,
    made_from_json,
    made_to_json,
    make_folder,
)

_SELF = "benchmarks.batch_run"


def _descendants_peak(root: int) -> dict[int, int]:
    """Peak resident size (KiB, VmHWM) of each process under ``root`` (Linux /proc)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found: dict[int, int] = {}
    for pid in parents:
        ancestor = parents.get(pid)
        while ancestor is not None and ancestor != root and ancestor > 1:
            ancestor = parents.get(ancestor)
        if ancestor != root:
            continue
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    found[pid] = int(line.split()[1])
        except OSError:
            continue
    return found


class _WorkerMemory(threading.Thread):
    """Samples the peak resident size of this process's descendants (the workers)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            peaks = _descendants_peak(os.getpid())
            self.peak_kib = max([self.peak_kib, *peaks.values()])


def _one(folder: str, out: str, jobs: int, engine: str) -> dict[str, Any]:
    """Run one batch in this process; its figures."""
    from disclosure_report.batch import run_batch

    memory = _WorkerMemory()
    memory.start()
    started = time.perf_counter()
    run = run_batch([folder], out, to=["xml", "parquet"], jobs=jobs, engine=engine)
    worker_seconds = worker_cpu = 0.0
    for result in run:
        worker_seconds += result.seconds
        worker_cpu += result.cpu_seconds
    wall = time.perf_counter() - started
    memory.stop.set()
    assert run.summary is not None
    mine = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "files": run.summary.files,
        "reports": run.summary.reports,
        "jobs": jobs,
        "engine": engine,
        "seconds": round(wall, 2),
        "files_per_second": round(run.summary.files / wall, 1),
        "worker_seconds": round(worker_seconds, 2),
        "worker_cpu_seconds": round(worker_cpu, 2),
        "coordinator_cpu_seconds": round(mine.ru_utime + mine.ru_stime, 2),
        "reports_per_cpu_second": round(run.summary.reports / worker_cpu, 1),
        "load_average": os.getloadavg()[0],
        "coordinator_peak_mib": round(mine.ru_maxrss / 1024, 1),
        "worker_peak_mib": round(max(memory.peak_kib, children.ru_maxrss) / 1024, 1),
    }


def _spin(seconds: float) -> float:
    """Busy for ``seconds`` of wall time; the processor time this process got meanwhile."""
    started, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - started < seconds:
        pass
    return time.process_time() - cpu


def available_cores(cores: int, seconds: float = 2.0) -> float:
    """How many cores ``cores`` busy processes get right now (the machine's other load shows)."""
    with multiprocessing.get_context("spawn").Pool(cores) as pool:
        return round(sum(pool.map(_spin, [seconds] * cores)) / seconds, 2)


def _run(folder: Path, out: Path, jobs: int, engine: str = "local") -> dict[str, Any]:
    shutil.rmtree(out, ignore_errors=True)
    cores = available_cores(max(jobs, 2))
    command = [sys.executable, "-m", _SELF, "--one", str(folder), str(out), str(jobs), engine]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["cores_available_before"] = cores
    figures["cores_used"] = round(
        (figures["worker_cpu_seconds"] + (figures["coordinator_cpu_seconds"] if jobs > 1 else 0))
        / figures["seconds"],
        2,
    )
    print(json.dumps(figures), flush=True)
    return figures


def _folder(work: Path, size: int, forms: tuple[str, ...], broken: int) -> Path:
    name = f"in-{size}-{'-'.join(forms)}-{broken}"
    folder = work / name
    if not folder.exists():
        partial = work / f"{name}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        made = make_folder(
            partial, size, forms=forms, broken_every=broken, duplicate_every=broken * 4
        )
        partial.rename(folder)
        (work / f"{name}.made.json").write_text(made_to_json(made), encoding="utf-8")
    return folder


def machine() -> str:
    """The machine the figures were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{cpu}, {cores} cores, Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str]) -> int:
    """Measure; see the module docstring."""
    if argv and argv[0] == "--one":
        print(json.dumps(_one(argv[1], argv[2], int(argv[3]), argv[4])))
        return 0
    parser = argparse.ArgumentParser(prog=f"python -m {_SELF}")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--forms", nargs="+", help="per-form runs (one worker) instead")
    parser.add_argument("--size", type=int, default=300, help="files of each per-form run")
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--work", type=Path, default=Path("/tmp/disclosure-report-bench"))
    parser.add_argument(
        "--check",
        action="store_true",
        help="after the runs, compare the last summary with what was made and an independent count",
    )
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"# {machine()}", flush=True)
    if args.forms:
        for form in args.forms:
            folder = _folder(args.work, args.size, (form,), 0)
            figures = _run(folder, args.work / "out", 1, args.engine)
            per_core = figures["reports_per_cpu_second"]
            print(f"{form}: {per_core:.1f} reports per second per core", flush=True)
        return 0
    for size in args.sizes:
        folder = _folder(args.work, size, ("text", "text", "html", "docx"), 50)
        times: dict[int, float] = {}
        for jobs in args.jobs:
            figures = _run(folder, args.work / "out", jobs, args.engine)
            times[jobs] = figures["seconds"]
            if 1 in times:
                speed_up = times[1] / figures["seconds"]
                print(f"{size} files, {jobs} workers: speed-up {speed_up:.2f}", flush=True)
        if args.check:
            made = made_from_json((args.work / f"{folder.name}.made.json").read_text("utf-8"))
            summary = json.loads((args.work / "out" / "summary.json").read_text("utf-8"))
            differences = compare(summary, made, count_independently(folder))
            print(
                f"{size} files: the summary matches what was made and an independent count"
                if not differences
                else "\n".join(differences),
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
