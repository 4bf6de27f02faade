"""The coordinator of a batch: hands files to an engine, yields results, writes the run's outputs.

Results are yielded as they finish, in any order. The run's shared outputs are written in
input order, whatever order the workers finish in, so that every engine and every number of
workers gives the same bytes: at most a window of results waits for an earlier, slower one.

The output folder (besides the per-report files and states of :mod:`._work`)::

    files.csv        one line per input file: its name, hash, status, form, edition, year,
                     organ, address, counts of findings, the reason of a failure, its outputs
    failures.csv     the files that failed, with their reasons
    summary.json     the counts (:class:`~._summary.Summary`)
    reports.xml      with ``collection``: one XML collection document of every report
    cells/           the Parquet datasets (with ``parquet`` among the forms asked for)
    findings/

They are built in ``.tmp/`` during the run and moved into place when it ends, so a run that
is stopped leaves the previous run's whole, and its work done so far in ``state/`` for the
next run to skip.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Final, Self

from attrs import frozen

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX
    fcntl = None  # type: ignore[assignment]

from disclosure_report.diagnostics import CODES
from disclosure_report.errors import DisclosureReportError
from disclosure_report.model import Report
from disclosure_report.serialise import from_xml, write_xml_collection

from ._datasets import (
    CELL_COLUMNS,
    FINDING_COLUMNS,
    PartitionedWriter,
    cell_columns,
    finding_columns,
    require_pyarrow,
)
from ._engines import DaskEngine, Engine, InlineEngine, ProcessEngine, default_jobs
from ._inputs import Item, check_inputs, expand
from ._summary import UNKNOWN, Summary
from ._work import FORMATS, TMP, Outcome, Plan, Task, atomic_write, report_path

__all__ = ["ENGINES", "TARGETS", "BatchError", "BatchRun", "FileResult", "run_batch"]

TARGETS: Final = (*FORMATS, "parquet", "collection")
"""What a batch can write: a file per report (xml, json, csv), the Parquet datasets, or one
XML collection document of every report (``reports.xml``)."""
COLLECTION: Final = "reports.xml"
ENGINES: Final = ("local", "dask")
_WINDOW_PER_WORKER: Final = 32
_WINDOW_MINIMUM: Final = 64
_FILE_FIELDS: Final = (
    "file",
    "sha256",
    "status",
    "duplicate",
    "form",
    "edition",
    "year",
    "organ",
    "address",
    "errors",
    "warnings",
    "notes",
    "reason",
    "outputs",
)
_FAILURE_FIELDS: Final = ("file", "sha256", "form", "error", "reason")


class BatchError(DisclosureReportError):
    """A batch cannot start: bad options, or another batch is writing to the same folder."""


@frozen
class FileResult:
    """The result of one input file, as :class:`BatchRun` yields it."""

    name: str
    """The file's name: its path as found from the inputs, or ``archive.zip!/member``."""
    sha256: str | None
    """SHA-256 of its bytes (``None`` when it could not be read)."""
    status: str
    """``ok`` or ``failed``."""
    skipped: bool
    """Done by an earlier run: not read again."""
    form: str | None
    edition: str | None
    year: int | None
    organ: str | None
    address: str | None
    """Where the file says the report was published (a crawler's 原文链接, a page's canonical link)."""
    errors: int
    warnings: int
    notes: int
    reason: str | None
    """Why it failed."""
    outputs: tuple[str, ...]
    """The per-report files written for it."""
    seconds: float
    """Time a worker spent on it."""
    cpu_seconds: float
    """Processor time a worker spent on it."""

    @property
    def ok(self) -> bool:
        """True when the file was read as a report."""
        return self.status == "ok"


def _result(outcome: Outcome, out: str) -> FileResult:
    done = outcome.done
    return FileResult(
        name=outcome.name,
        sha256=done.sha256 or None,
        status=done.status,
        skipped=outcome.skipped,
        form=done.form,
        edition=done.edition,
        year=done.year,
        organ=done.organ,
        address=done.address,
        errors=done.counts[0],
        warnings=done.counts[1],
        notes=done.counts[2],
        reason=done.reason,
        outputs=tuple(os.path.join(out, path) for path in done.outputs),
        seconds=outcome.seconds,
        cpu_seconds=outcome.cpu_seconds,
    )


# --- the run's outputs, written in input order ----------------------------------------------


class _Lock:
    """Only one batch writes to a folder at a time (an advisory lock on ``.lock``)."""

    def __init__(self, out: str) -> None:
        self.path = os.path.join(out, ".lock")
        self._stream: IO[bytes] | None = None

    def __enter__(self) -> Self:
        self._stream = open(self.path, "wb")
        if fcntl is None:  # pragma: no cover - not POSIX: no lock
            return self
        try:
            fcntl.flock(self._stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            self._stream.close()
            msg = f"another batch is writing to {os.path.dirname(self.path)!r}"
            raise BatchError(msg) from error
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()


class _Sink:
    """Writes files.csv, failures.csv, the datasets and the summary, one outcome at a time."""

    def __init__(self, out: str, summary: Summary, *, parquet: bool, collection: bool) -> None:
        self.out = out
        self.summary = summary
        self.collection = collection
        self.work = os.path.join(out, TMP, f"run-{uuid.uuid4().hex[:12]}")
        os.makedirs(self.work)
        self._files, self._files_csv = self._csv("files.csv", _FILE_FIELDS)
        self._failures, self._failures_csv = self._csv("failures.csv", _FAILURE_FIELDS)
        self._seen: set[int] = set()
        """The contents seen so far (64 bits of each hash: about 70 bytes a report)."""
        self._names = {code: info.name for code, info in CODES.items()}
        self.cells: PartitionedWriter | None = None
        self.findings: PartitionedWriter | None = None
        if parquet:
            self.cells = PartitionedWriter(os.path.join(self.work, "cells"), CELL_COLUMNS)
            self.findings = PartitionedWriter(os.path.join(self.work, "findings"), FINDING_COLUMNS)

    def _csv(self, name: str, fields: tuple[str, ...]) -> tuple[IO[str], Any]:
        stream = open(  # noqa: SIM115 - closed in close()
            os.path.join(self.work, name), "w", encoding="utf-8-sig", newline=""
        )
        writer = csv.writer(stream)
        writer.writerow(fields)
        return stream, writer

    def add(self, outcome: Outcome) -> None:
        """Count and write one outcome (in input order)."""
        done, summary = outcome.done, self.summary
        summary.files += 1
        summary.files_by_form[done.form or UNKNOWN] += 1
        if outcome.skipped:
            summary.skipped += 1
        else:
            summary.processed += 1
        key = int(done.sha256[:16], 16) if done.sha256 else None
        duplicate = key is not None and key in self._seen
        if key is not None:
            self._seen.add(key)
        errors, warnings, notes = done.counts
        self._files_csv.writerow(
            (
                outcome.name,
                done.sha256,
                done.status,
                "yes" if duplicate else "",
                done.form or "",
                done.edition or "",
                "" if done.year is None else done.year,
                done.organ or "",
                done.address or "",
                errors,
                warnings,
                notes,
                done.reason or "",
                ";".join(done.outputs),
            )
        )
        if duplicate:
            summary.duplicates += 1
            return
        if done.status != "ok":
            summary.failed += 1
            summary.failures_by_reason[done.reason or UNKNOWN] += 1
            self._failures_csv.writerow(
                (outcome.name, done.sha256, done.form or "", done.error or "", done.reason or "")
            )
            return
        summary.reports += 1
        edition = done.edition or UNKNOWN
        summary.reports_by_edition_and_year[
            (edition, UNKNOWN if done.year is None else str(done.year))
        ] += 1
        for finding in done.findings:
            summary.findings_by_code[finding[0]] += 1
            summary.findings_by_severity[finding[1]] += 1
        report = (done.sha256, outcome.name, done.report_id, done.organ, done.address, done.form)
        if self.cells is not None and self.findings is not None:
            self.cells.extend(done.year, edition, cell_columns(report, edition, done.cells))
            self.findings.extend(
                done.year, edition, finding_columns(report, done.findings, self._names)
            )

    def _reports(self) -> Iterator[Report]:
        """Every distinct report of the run, in input order, read back from its XML file."""
        with open(os.path.join(self.work, "files.csv"), encoding="utf-8-sig", newline="") as rows:
            for row in csv.DictReader(rows):
                if row["status"] == "ok" and not row["duplicate"]:
                    path = os.path.join(self.out, report_path(row["sha256"], "xml"))
                    yield from_xml(Path(path).read_bytes())

    def commit(self) -> None:
        """Close everything and move the run's outputs into place."""
        self._close()
        names = ["files.csv", "failures.csv"]
        if self.collection:
            with open(os.path.join(self.work, COLLECTION), "wb") as document:
                write_xml_collection(self._reports(), document)
            names.append(COLLECTION)
        for name in names:
            os.replace(os.path.join(self.work, name), os.path.join(self.out, name))
        for name in ("cells", "findings"):
            built = os.path.join(self.work, name)
            if not os.path.isdir(built):
                continue
            final = os.path.join(self.out, name)
            if os.path.exists(final):
                old = os.path.join(self.work, f"{name}.old")
                os.replace(final, old)
            os.replace(built, final)
        atomic_write(
            os.path.join(self.out, "summary.json"),
            _json(self.summary.to_dict()),
            tmp=os.path.join(self.out, TMP),
        )
        shutil.rmtree(self.work, ignore_errors=True)

    def _close(self) -> None:
        self._files.close()
        self._failures.close()
        if self.cells is not None and self.findings is not None:
            self.cells.close()
            self.findings.close()

    def abandon(self) -> None:
        """Drop what this run built (it was stopped): the previous outputs stay."""
        try:
            self._close()
        finally:
            shutil.rmtree(self.work, ignore_errors=True)


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- the run ---------------------------------------------------------------------------------


class BatchRun:
    """A batch over many files; iterate it to run it (see :func:`run_batch`).

    Iterating yields a :class:`FileResult` per input file as each finishes; when the
    iteration ends, :attr:`summary` holds the counts and the output folder holds every output.
    Stopping the iteration early (``break``, an exception, the process killed) loses nothing
    that was finished: the next run over the same folder skips it.
    """

    def __init__(
        self,
        inputs: Iterable[str],
        out: str | os.PathLike[str],
        *,
        to: Iterable[str] = ("xml",),
        jobs: int | None = None,
        force: bool = False,
        engine: str = "local",
        scheduler: object = None,
    ) -> None:
        self.inputs = tuple(inputs)
        self.out = os.path.abspath(os.fspath(out))
        self.targets = tuple(dict.fromkeys(to))
        unknown = [t for t in self.targets if t not in TARGETS]
        if unknown or not self.targets:
            msg = (
                f"cannot write {', '.join(unknown) or 'nothing'}; choose among {', '.join(TARGETS)}"
            )
            raise BatchError(msg)
        if engine not in ENGINES:
            msg = f"unknown engine {engine!r}; the engines are {', '.join(ENGINES)}"
            raise BatchError(msg)
        if jobs is not None and jobs < 1:
            msg = f"--jobs must be at least 1, not {jobs}"
            raise BatchError(msg)
        if "parquet" in self.targets:
            require_pyarrow()
        check_inputs(self.inputs)
        self.jobs = jobs if jobs is not None else default_jobs()
        self.engine = engine
        self.scheduler = scheduler
        self.plan = Plan(
            out=self.out,
            formats=tuple(
                t
                for t in FORMATS
                if t in self.targets or (t == "xml" and "collection" in self.targets)
            ),
            force=force,
        )
        self.summary: Summary | None = None
        """The counts, once the run has ended."""
        self._started = False

    def items(self) -> Iterator[Item]:
        """The input files, in input order (the output folder is never read as input)."""
        return expand(self.inputs, skip=[self.out])

    def count(self) -> int:
        """How many input files there are (walks the inputs once, reading no file)."""
        return sum(1 for _ in self.items())

    def _engine(self) -> Engine:
        if self.engine == "dask":
            return DaskEngine(self.plan, self.scheduler, jobs=self.jobs)
        if self.jobs == 1:
            return InlineEngine(self.plan)
        return ProcessEngine(self.plan, self.jobs)

    def __iter__(self) -> Iterator[FileResult]:
        if self._started:
            msg = "a batch run can be iterated only once"
            raise BatchError(msg)
        self._started = True
        os.makedirs(self.out, exist_ok=True)
        with _Lock(self.out):
            shutil.rmtree(os.path.join(self.out, TMP), ignore_errors=True)
            yield from self._run()

    def _run(self) -> Iterator[FileResult]:
        started = time.perf_counter()
        summary = Summary()
        sink = _Sink(
            self.out,
            summary,
            parquet="parquet" in self.targets,
            collection="collection" in self.targets,
        )
        try:
            with self._engine() as engine:
                summary.engine = engine.name
                summary.workers = engine.workers
                yield from self._drive(engine, sink)
        except BaseException:
            sink.abandon()
            raise
        summary.seconds = time.perf_counter() - started
        sink.commit()
        self.summary = summary

    def _drive(self, engine: Engine, sink: _Sink) -> Iterator[FileResult]:
        tasks = (
            Task(index, item.name, Item(os.path.abspath(item.path), item.member))
            for index, item in enumerate(self.items())
        )
        window = max(_WINDOW_MINIMUM, _WINDOW_PER_WORKER * engine.workers)
        waiting: dict[int, Outcome] = {}
        next_index = 0
        running = 0
        exhausted = False
        while True:
            while not exhausted and running + len(waiting) < window:
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                engine.submit(task)
                running += 1
            if not running:
                break
            for outcome in engine.wait():
                running -= 1
                waiting[outcome.index] = outcome
                yield _result(outcome, self.out)
            while next_index in waiting:
                sink.add(waiting.pop(next_index))
                next_index += 1


def run_batch(
    inputs: Iterable[str] | str,
    out: str | os.PathLike[str],
    *,
    to: Iterable[str] | str = ("xml",),
    jobs: int | None = None,
    force: bool = False,
    engine: str = "local",
    scheduler: object = None,
) -> BatchRun:
    """Parse, validate and write every report the ``inputs`` name; iterate the result to run it.

    Example::

        run = run_batch(["reports/"], "out", to=["xml", "parquet"], jobs=4)
        for result in run:                 # as each file finishes, in any order
            if not result.ok:
                print(result.name, result.reason)
        print(run.summary.format())

    Args:
        inputs: folders, files, ``.zip`` archives, glob patterns, ``@LIST`` files (see
            :func:`~disclosure_report.batch.expand`).
        out: the output folder; a second run over it skips the files already done.
        to: per-report outputs (``xml``, ``json``, ``csv``), ``parquet`` (the datasets of
            every cell and every finding; needs pyarrow), ``collection`` (``reports.xml``: every
            report in one XML collection document, for platforms that exchange XML).
        jobs: worker processes (default: the cores available); ``1`` works in this process.
            With ``engine="dask"`` and no ``scheduler``: the workers of a local cluster.
        force: redo every file, even those done before.
        engine: ``local`` (worker processes here) or ``dask`` (a dask.distributed cluster).
        scheduler: for ``dask``: the scheduler's address or a ``distributed.Client``.

    Raises:
        BatchError: an unknown output form or engine, or ``jobs`` below 1.
        InputError: an input names nothing.
        ImportError: ``parquet`` without pyarrow, ``dask`` without dask.distributed.
    """
    return BatchRun(
        (inputs,) if isinstance(inputs, str) else inputs,
        out,
        to=(to,) if isinstance(to, str) else to,
        jobs=jobs,
        force=force,
        engine=engine,
        scheduler=scheduler,
    )
