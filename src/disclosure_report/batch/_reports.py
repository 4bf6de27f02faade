"""Reports read from many inputs, for the checks that look at several at once (series, rollups)."""

from __future__ import annotations

import concurrent.futures as cf
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from attrs import frozen

from disclosure_report.errors import DisclosureReportError
from disclosure_report.parse import ParseResult, parse_bytes
from disclosure_report.serialise import from_json, from_xml

from ._engines import _context
from ._inputs import Item, expand
from ._work import read_item

__all__ = ["ReadReport", "read_reports"]


@frozen
class ReadReport:
    """One input file read: its report and the parser's findings, or why it could not be read."""

    name: str
    result: ParseResult | None
    reason: str | None = None


def _read(item: Item) -> ReadReport:
    """A published report of any form, or XML or JSON written by this library (by suffix)."""
    try:
        data = read_item(item)
        suffix = PurePosixPath(item.member or item.path).suffix.lower()
        if suffix in {".xml", ".json"}:
            report = from_xml(data) if suffix == ".xml" else from_json(data)
            return ReadReport(item.name, ParseResult(report=report, diagnostics=()))
        return ReadReport(item.name, parse_bytes(data))
    except OSError as error:
        return ReadReport(item.name, None, f"cannot read the file: {error.strerror or error}")
    except DisclosureReportError as error:
        return ReadReport(item.name, None, str(error))


def read_reports(inputs: Iterable[str], *, jobs: int = 1) -> Iterator[ReadReport]:
    """Read every file the ``inputs`` name (see :func:`~disclosure_report.batch.expand`), in order.

    A file that cannot be read gives a :class:`ReadReport` with its reason instead of a report.

    Raises:
        InputError: an input names nothing.
    """
    items = expand(inputs)
    if jobs <= 1:
        yield from map(_read, items)
        return
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=_context()) as pool:
        yield from pool.map(_read, items, chunksize=4)
