"""The ``disclosure-report`` command (also ``python -m disclosure_report``).

::

    disclosure-report sample                      # the bundled seed report: findings, then XML
    disclosure-report validate FILE [--ignore CODE ...]
    disclosure-report convert FILE --to xml|json|csv [-o OUT]
    disclosure-report accuracy CORPUS_DIR [--details]   # per-cell accuracy against truth files

FILE is a published report (text, HTML or Word; the form is found from the content), or XML
or JSON written by this library.
Exit status: 2 when the input cannot be read; otherwise ``sample`` and ``validate`` exit 1
when a finding is an error and 0 when none is, and ``convert`` exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from disclosure_report.accuracy import Outcome, format_scores, measure
from disclosure_report.diagnostics import Diagnostic, Severity, code_matches
from disclosure_report.errors import DisclosureReportError
from disclosure_report.model import Report
from disclosure_report.parse import ParseResult, parse_file, parse_text
from disclosure_report.serialise import from_json, from_xml, to_csv, to_json, to_xml
from disclosure_report.validate import validate

__all__ = ["main"]

SAMPLE = "samples/duandian-2019.txt"
"""The seed report shipped with the package: 段店乡人民政府, 2019, a Word text extraction."""


def _load(path: str) -> ParseResult:
    """Read FILE: our own XML or JSON by its suffix, else a published report of any form read."""
    suffix = Path(path).suffix.lower()
    if suffix in {".xml", ".json"}:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            msg = f"cannot read {path!r}: {error.strerror or error}"
            raise DisclosureReportError(msg) from error
        report = from_xml(data) if suffix == ".xml" else from_json(data)
        return ParseResult(report=report, diagnostics=())
    return parse_file(path)


def _print_findings(findings: Sequence[Diagnostic]) -> int:
    for finding in findings:
        print(finding)
    counts = Counter(f.severity for f in findings)
    print(
        f"{counts[Severity.ERROR]} error(s), {counts[Severity.WARNING]} warning(s), "
        f"{counts[Severity.INFO]} note(s)"
    )
    return 1 if counts[Severity.ERROR] else 0


def _findings(result: ParseResult, ignore: Sequence[str] = ()) -> tuple[Diagnostic, ...]:
    kept = tuple(d for d in result.diagnostics if not any(code_matches(d.code, i) for i in ignore))
    return kept + validate(result.report, ignore=ignore or None)


def _write(data: str | bytes, out: str | None) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is None:
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
    else:
        Path(out).write_bytes(raw)


def _convert(report: Report, to: str) -> str | bytes:
    if to == "xml":
        return to_xml(report)
    if to == "json":
        return to_json(report) + "\n"
    return to_csv(report)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="disclosure-report",
        description="Read, check and convert 政府信息公开工作年度报告 (government information disclosure annual reports).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "sample", help="parse and validate the bundled seed report, print findings and XML"
    )
    check = commands.add_parser("validate", help="print the findings about a report")
    check.add_argument(
        "file", help="a report (text, HTML or Word file), or .xml / .json written by this library"
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="skip a code or prefix (repeatable)",
    )
    convert = commands.add_parser("convert", help="write a report as XML, JSON or CSV records")
    convert.add_argument(
        "file", help="a report (text, HTML or Word file), or .xml / .json written by this library"
    )
    convert.add_argument("--to", required=True, choices=["xml", "json", "csv"])
    convert.add_argument("-o", "--output", help="write here instead of standard output")
    accuracy = commands.add_parser(
        "accuracy", help="per-cell accuracy of the parsers on a corpus with truth files, by form"
    )
    accuracy.add_argument(
        "corpus",
        help="a folder of reports with truth files (NNN.* + NNN.json, or reports/ + truth/)",
    )
    accuracy.add_argument(
        "--details", action="store_true", help="list every cell that is not right"
    )
    return parser


def _accuracy(corpus: str, *, details: bool) -> int:
    """Print the figures; exit 1 when any number is wrong or invented."""
    if not Path(corpus).is_dir():
        msg = f"{corpus!r} is not a folder"
        raise DisclosureReportError(msg)
    scores = measure(corpus)
    print(format_scores(scores, details=details))
    bad = sum(s.counts[Outcome.WRONG] + s.counts[Outcome.INVENTED] for s in scores)
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "sample":
            result = parse_text(
                files("disclosure_report").joinpath(SAMPLE).read_text(encoding="utf-8")
            )
            print(
                f"# {result.report.title} ({result.report.organ}, edition {result.report.edition})"
            )
            print("# Findings")
            status = _print_findings(_findings(result))
            print("# XML")
            sys.stdout.flush()
            _write(to_xml(result.report), None)
            return status
        if args.command == "accuracy":
            return _accuracy(args.corpus, details=args.details)
        result = _load(args.file)
        if args.command == "validate":
            return _print_findings(_findings(result, args.ignore))
        for finding in result.diagnostics:
            if finding.severity is not Severity.INFO:
                print(finding, file=sys.stderr)
        _write(_convert(result.report, args.to), args.output)
        return 0
    except (DisclosureReportError, OSError) as error:
        print(f"disclosure-report: error: {error}", file=sys.stderr)
        return 2
