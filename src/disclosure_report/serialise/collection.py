"""Collection documents: many reports in one file, written and read one report at a time.

Two forms, both in constant memory whatever the number of reports:

* XML: a ``reports`` root in the vocabulary's namespace holding ``report`` elements, each as
  :func:`~disclosure_report.serialise.xml.to_xml` writes it (without its own namespace
  declaration). Each report is validated against its edition's schema as it is read; a
  collection may mix editions. :func:`write_xml_collection`, :func:`read_xml_collection`.
* JSON Lines: one report per line, each as :func:`~disclosure_report.serialise.json.to_json`
  writes it. :func:`write_json_lines`, :func:`read_json_lines`.

Reports are taken from any iterable (a generator reading a database, say) and written as they
come; reading yields each report as soon as it is complete and forgets it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Final

from lxml import etree

from disclosure_report.errors import SerialiseError
from disclosure_report.model import Report
from disclosure_report.serialise import _vocabulary as v
from disclosure_report.serialise._conform import NonconformingReportError
from disclosure_report.serialise.json import from_json, to_json
from disclosure_report.serialise.xml import XML_NAMESPACE, read_report, write_report

__all__ = [
    "COLLECTION_ROOT",
    "read_json_lines",
    "read_xml_collection",
    "write_json_lines",
    "write_xml_collection",
]

COLLECTION_ROOT: Final = "reports"
"""The root element of an XML collection document."""

_ROOT_TAG: Final = v.qualified(COLLECTION_ROOT)
_REPORT_TAG: Final = v.qualified(v.ROOT)

Source = str | os.PathLike[str] | IO[bytes]
"""A file name or a binary file open for reading."""


def _placed(error: SerialiseError, where: str) -> SerialiseError:
    """The same error, its message starting with where in the collection it happened."""
    msg = f"{where}: {error}"
    if isinstance(error, NonconformingReportError):
        return NonconformingReportError(msg, error.nonconformities)
    return SerialiseError(msg)


def write_xml_collection(reports: Iterable[Report], file: IO[bytes]) -> int:
    """Write ``reports`` to ``file`` as one XML collection document, one report at a time.

    Args:
        reports: any iterable of reports; each is written as soon as it is drawn.
        file: a binary file open for writing.

    Returns:
        How many reports were written.

    Raises:
        NonconformingReportError: a report does not fit its edition (the reports before it
            are written; the document is then incomplete).
    """
    file.write(
        f"<?xml version='1.0' encoding='UTF-8'?>\n<{COLLECTION_ROOT} xmlns=\"{XML_NAMESPACE}\">\n".encode()
    )
    count = 0
    for report in reports:
        out: list[str] = []
        write_report(report, out, namespace=False)
        file.write("".join(out).encode("utf-8"))
        count += 1
    file.write(f"</{COLLECTION_ROOT}>\n".encode())
    return count


def _events(source: Source) -> Iterator[tuple[str, etree._Element]]:
    try:
        yield from etree.iterparse(
            source if not isinstance(source, Path) else str(source),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else "?"
        msg = f"line {line}: not well-formed XML: {exc.msg}"
        raise SerialiseError(msg) from exc


def read_xml_collection(source: Source, *, validate: bool = True) -> Iterator[Report]:
    """Yield the reports of an XML collection document, one at a time.

    Each ``report`` element is read as :func:`~disclosure_report.serialise.xml.from_xml`
    reads a document (its edition's schema, then conformance), then dropped from memory.

    Args:
        source: a file name or a binary file open for reading.
        validate: check each report against its edition's schema (the default).

    Raises:
        SerialiseError: the document is not well-formed, has a DOCTYPE, is not a collection
            of this vocabulary, or holds a report that cannot be read (the reports before it
            have been yielded).
    """
    depth = 0
    for event, element in _events(source):
        if event == "start":
            depth += 1
            if depth == 1:
                if element.getroottree().docinfo.doctype:
                    msg = "the document has a DOCTYPE declaration: a collection must not have one"
                    raise SerialiseError(msg)
                if element.tag != _ROOT_TAG:
                    msg = (
                        f"line {element.sourceline}: the root element is "
                        f"<{etree.QName(element).localname}>: expected <{COLLECTION_ROOT}> in "
                        f"namespace {XML_NAMESPACE!r}"
                    )
                    raise SerialiseError(msg)
            elif depth == 2 and element.tag != _REPORT_TAG:
                msg = (
                    f"line {element.sourceline}: <{etree.QName(element).localname}> in "
                    f"<{COLLECTION_ROOT}>: a collection holds <{v.ROOT}> elements only"
                )
                raise SerialiseError(msg)
            continue
        depth -= 1
        if depth == 1:
            line = element.sourceline
            try:
                report = read_report(element, validate=validate)
            except SerialiseError as exc:
                raise _placed(exc, f"the report starting on line {line}") from exc
            # Forget what was read: the element and the siblings before it.
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            yield report


def write_json_lines(reports: Iterable[Report], file: IO[str]) -> int:
    """Write ``reports`` to ``file`` as JSON Lines: one compact JSON report per line.

    Args:
        reports: any iterable of reports; each is written as soon as it is drawn.
        file: a text file open for writing (UTF-8).

    Returns:
        How many reports were written.

    Raises:
        NonconformingReportError: a report does not fit its edition.
    """
    count = 0
    for report in reports:
        file.write(to_json(report))
        file.write("\n")
        count += 1
    return count


def read_json_lines(file: IO[str]) -> Iterator[Report]:
    """Yield the reports of a JSON Lines file, one per line (blank lines are skipped).

    Raises:
        SerialiseError: a line is not a report; the message names the line.
    """
    for number, line in enumerate(file, start=1):
        if not line.strip():
            continue
        try:
            yield from_json(line)
        except SerialiseError as exc:
            raise _placed(exc, f"line {number}") from exc
