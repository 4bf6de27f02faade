"""The work on one file, as a worker process (local or on a Dask cluster) does it.

:func:`process` reads the file, hashes its bytes, and either finds it done (a state file for
that hash, and every output asked for, are in the output folder) or parses, validates and
writes it. What it returns (:class:`Outcome`) carries everything the coordinator needs: the
summary counts, and the rows of the Parquet datasets, so that only the coordinator writes
the shared outputs, in input order.

The output folder, keyed by the SHA-256 of each file's bytes::

    reports/ab/abcd….xml        the report in each --to form asked for (xml, json, csv)
    state/ab/abcd….json         what was found: written last, after the outputs, so it marks
                                the file done; a killed run leaves no state for what it had
                                not finished

Every file is written to a temporary name in ``.tmp/`` first and renamed into place, so no
reader ever sees half a file.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from attrs import field, frozen

from disclosure_report.diagnostics import LABEL_SEPARATOR, Diagnostic, Severity, without_restated
from disclosure_report.errors import DisclosureReportError, ParseError
from disclosure_report.parse import (
    MAX_INPUT_BYTES,
    detect,  # the form found from the content
    parse_bytes,
)
from disclosure_report.serialise import report_id, to_csv, to_json, to_records, to_xml
from disclosure_report.validate import validate

from ._inputs import Item, archive_members

__all__ = [
    "FORMATS",
    "STATE_VERSION",
    "CellRow",
    "Done",
    "FindingRow",
    "Outcome",
    "Plan",
    "Task",
    "atomic_write",
    "process",
]

STATE_VERSION: Final = 3
"""Version of the state files; a state of another version is not trusted (the file is redone)."""
FORMATS: Final = ("xml", "json", "csv")
"""The per-report output forms (``--to``); ``parquet`` is the datasets, written by the coordinator."""
TMP: Final = ".tmp"
AMOUNT_SCALE: Final = 10
"""Decimal places the datasets keep for amounts (``decimal128(38, 10)``)."""

CellRow = tuple[str, str, str, str, int | None, str | None, str | None, str | None, str | None]
"""table, row, column, kind, integer, amount (decimal text), unit, marker, raw: one cell of a
report, as :func:`~disclosure_report.serialise.to_records` gives it."""
FindingRow = tuple[
    str,  # code
    str,  # severity
    str | None,  # section
    str | None,  # row
    str | None,  # column
    str,  # labels, joined
    str,  # message (zh)
    str,  # message (en)
    bool,  # assessable
    str | None,  # expected
    str | None,  # actual
    str | None,  # difference
    str | None,  # where in the input
]


@frozen
class Plan:
    """What every task of a run is asked to do (sent to each worker with its task)."""

    out: str
    """The output folder (on a cluster: a path every worker can write)."""
    formats: tuple[str, ...] = ("xml",)
    """Per-report outputs, among :data:`FORMATS`."""
    force: bool = False
    """Redo files already done."""


@frozen
class Task:
    """One file of the run, with its place in the input order."""

    index: int
    name: str
    """The file's name in outputs (as the inputs named it)."""
    item: Item
    """Where to read it (an absolute path: workers may run in another folder)."""


@frozen
class Done:
    """What is known of one file's content: the state stored under its hash."""

    sha256: str
    status: str
    """``ok``, or ``failed`` (the file could not be read as a report)."""
    form: str | None = None
    """The form found from the content (text, html, docx, pdf), ``None`` if none was."""
    reason: str | None = None
    """Why it failed, in words a person can act on."""
    error: str | None = None
    """The kind of failure (the exception's name)."""
    retry: bool = False
    """A failure worth trying again on the next run (a read error, an internal error)."""
    edition: str | None = None
    year: int | None = None
    organ: str | None = None
    title: str | None = None
    address: str | None = None
    """Where the input says the report was published (:attr:`ParseResult.address`)."""
    report_id: str | None = None
    """The report's own identifier (:func:`~disclosure_report.serialise.report_id`: a digest
    of its content), which the records of the serialiser carry too."""
    counts: tuple[int, int, int] = (0, 0, 0)
    """Errors, warnings and notes found."""
    outputs: tuple[str, ...] = ()
    """The per-report files written, relative to the output folder."""
    cells: tuple[CellRow, ...] = field(default=(), repr=False)
    findings: tuple[FindingRow, ...] = field(default=(), repr=False)

    def to_json(self) -> str:
        """The state file's text."""
        return json.dumps(
            {
                "version": STATE_VERSION,
                "sha256": self.sha256,
                "status": self.status,
                "form": self.form,
                "reason": self.reason,
                "error": self.error,
                "retry": self.retry,
                "edition": self.edition,
                "year": self.year,
                "organ": self.organ,
                "title": self.title,
                "address": self.address,
                "report_id": self.report_id,
                "counts": list(self.counts),
                "outputs": list(self.outputs),
                "cells": self.cells,
                "findings": self.findings,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> Done | None:
        """The state read back; ``None`` if it is of another version or damaged."""
        try:
            data: dict[str, Any] = json.loads(text)
            if data.get("version") != STATE_VERSION:
                return None
            errors, warnings, notes = data["counts"]
            return cls(
                sha256=data["sha256"],
                status=data["status"],
                form=data["form"],
                reason=data["reason"],
                error=data["error"],
                retry=data["retry"],
                edition=data["edition"],
                year=data["year"],
                organ=data["organ"],
                title=data["title"],
                address=data["address"],
                report_id=data["report_id"],
                counts=(errors, warnings, notes),
                outputs=tuple(data["outputs"]),
                cells=tuple(tuple(c) for c in data["cells"]),
                findings=tuple(tuple(f) for f in data["findings"]),
            )
        except (ValueError, KeyError, TypeError):
            return None


@frozen
class Outcome:
    """What a worker returns for one task."""

    index: int
    name: str
    done: Done
    skipped: bool = False
    """True when the file was found done and not read again."""
    seconds: float = 0.0
    """Time spent on it by the worker."""
    cpu_seconds: float = 0.0
    """Processor time the worker spent on it."""


# --- files --------------------------------------------------------------------------------------


def state_path(out: str, sha256: str) -> str:
    """Where the state of the content ``sha256`` is kept."""
    return os.path.join(out, "state", sha256[:2], f"{sha256}.json")


def report_path(sha256: str, form: str) -> str:
    """Where the report of the content ``sha256`` is written in ``form``, relative to the folder."""
    return f"reports/{sha256[:2]}/{sha256}.{form}"


def atomic_write(path: str, data: bytes, *, tmp: str) -> None:
    """Write ``data`` to ``path`` whole or not at all: a temporary file in ``tmp``, then a rename."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.makedirs(tmp, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=tmp, prefix="part-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_ARCHIVES: dict[str, tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]] = {}
"""Archives this process has open, by path (a few: a run reads its archives in order)."""
_OPEN_ARCHIVES: Final = 4


def _archive(path: str) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    found = _ARCHIVES.get(path)
    if found is None:
        while len(_ARCHIVES) >= _OPEN_ARCHIVES:
            oldest = next(iter(_ARCHIVES))
            _ARCHIVES.pop(oldest)[0].close()
        members = dict(archive_members(path))
        found = (zipfile.ZipFile(path), members)
        _ARCHIVES[path] = found
    return found


def _too_large() -> str:
    return f"the file is larger than {MAX_INPUT_BYTES // 2**20} MiB"


def read_item(item: Item) -> bytes:
    """The bytes of ``item``.

    Raises:
        OSError: the file cannot be read.
        ParseError: it is larger than :data:`~disclosure_report.parse.MAX_INPUT_BYTES`.
    """
    if item.member is None:
        with open(item.path, "rb") as stream:
            data = stream.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            archive, members = _archive(item.path)
            info = members[item.member]
            if info.file_size > MAX_INPUT_BYTES:
                raise ParseError(_too_large())
            with archive.open(info) as stream:
                data = stream.read(MAX_INPUT_BYTES + 1)
        except (zipfile.BadZipFile, KeyError, RuntimeError, NotImplementedError) as error:
            raise OSError(f"the archive member cannot be read ({error})") from error
    if len(data) > MAX_INPUT_BYTES:
        raise ParseError(_too_large())
    return data


# --- rows -----------------------------------------------------------------------------------


def _amount(value: Decimal) -> str:
    """A decimal amount as plain text, refused when the datasets cannot hold it exactly."""
    exponent = value.as_tuple().exponent
    if (isinstance(exponent, int) and exponent < -AMOUNT_SCALE) or abs(value) >= Decimal(10) ** 28:
        msg = f"the amount {value} has more digits than the datasets keep exactly"
        raise DisclosureReportError(msg)
    return format(value, "f")


def _number(value: int | Decimal | None) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, int) else _amount(value)


def _finding_row(finding: Diagnostic) -> FindingRow:
    location = finding.location
    return (
        finding.code,
        finding.severity.value,
        location.section,
        location.row,
        location.column,
        LABEL_SEPARATOR.join(label for label in location.labels if label),
        finding.text("zh"),
        finding.text("en"),
        finding.assessable,
        _number(finding.expected),
        _number(finding.actual),
        _number(finding.difference),
        str(location.source) if location.source is not None else None,
    )


# --- the work -------------------------------------------------------------------------------


def _load_done(plan: Plan, sha256: str) -> Done | None:
    """The stored state of ``sha256`` when it counts as done for ``plan``, else ``None``."""
    if plan.force:
        return None
    try:
        done = Done.from_json(Path(state_path(plan.out, sha256)).read_text(encoding="utf-8"))
    except OSError:
        return None
    if done is None or done.sha256 != sha256 or done.retry:
        return None
    if done.status == "ok":
        wanted = {report_path(sha256, form) for form in plan.formats}
        if not wanted <= set(done.outputs) or not all(
            os.path.exists(os.path.join(plan.out, path)) for path in wanted
        ):
            return None
    return done


def _parse(data: bytes, sha256: str, plan: Plan) -> Done:
    """Parse, validate and write one file's content; the state to store for it."""
    tmp = os.path.join(plan.out, TMP)
    try:
        form = detect(data).value
    except ParseError:
        form = None
    try:
        result = parse_bytes(data)
        report = result.report
        validated = validate(report)
        findings = (*without_restated(result.diagnostics, validated), *validated)
        records = to_records(report)
        cells = tuple(
            (
                r.table,
                r.row,
                r.column,
                r.kind,
                r.integer,
                None if r.amount is None else _amount(r.amount),
                r.unit,
                r.marker,
                r.raw,
            )
            for r in records
        )
        identifier = records[0].report_id if records else report_id(report)
        rows = tuple(_finding_row(f) for f in findings)
        outputs = []
        for output in plan.formats:
            data_out: bytes
            if output == "xml":
                data_out = to_xml(report)
            elif output == "json":
                data_out = (to_json(report) + "\n").encode("utf-8")
            else:
                data_out = to_csv(report).encode("utf-8")
            relative = report_path(sha256, output)
            atomic_write(os.path.join(plan.out, relative), data_out, tmp=tmp)
            outputs.append(relative)
    except DisclosureReportError as error:
        return Done(
            sha256=sha256,
            status="failed",
            form=form,
            reason=str(error),
            error=type(error).__name__,
        )
    severities = [f.severity for f in findings]
    return Done(
        sha256=sha256,
        status="ok",
        form=form,
        edition=str(report.edition),
        year=report.year,
        organ=report.organ,
        title=report.title,
        address=result.address,
        report_id=identifier,
        counts=(
            severities.count(Severity.ERROR),
            severities.count(Severity.WARNING),
            severities.count(Severity.INFO),
        ),
        outputs=tuple(outputs),
        cells=cells,
        findings=rows,
    )


def process(task: Task, plan: Plan) -> Outcome:
    """Do one task: find it done, or read, parse, validate and write it. Never raises.

    A file that cannot be read, or is not a report, gives a failed :class:`Done` with the
    reason; an error of this library's own code gives one too (``retry``: tried again on the
    next run), so that one file never stops a batch.
    """
    started, cpu = time.perf_counter(), time.process_time()
    name = task.name

    def timed(done: Done, *, skipped: bool = False) -> Outcome:
        return Outcome(
            task.index,
            name,
            done,
            skipped=skipped,
            seconds=time.perf_counter() - started,
            cpu_seconds=time.process_time() - cpu,
        )

    try:
        data = read_item(task.item)
    except (OSError, ParseError) as error:
        reason = (
            f"cannot read the file: {getattr(error, 'strerror', None) or error}"
            if isinstance(error, OSError)
            else str(error)
        )
        failed = Done(
            sha256="",
            status="failed",
            reason=reason,
            error=type(error).__name__,
            retry=isinstance(error, OSError),
        )
        return timed(failed)
    sha256 = hashlib.sha256(data).hexdigest()
    done = _load_done(plan, sha256)
    if done is not None:
        return timed(done, skipped=True)
    try:
        done = _parse(data, sha256, plan)
    except Exception as error:
        done = Done(
            sha256=sha256,
            status="failed",
            reason=f"internal error ({type(error).__name__}: {error}); please report it",
            error=type(error).__name__,
            retry=True,
        )
    atomic_write(
        state_path(plan.out, sha256),
        done.to_json().encode("utf-8"),
        tmp=os.path.join(plan.out, TMP),
    )
    return timed(done)
