"""The ``disclosure-report`` command (also ``python -m disclosure_report``).

::

    disclosure-report sample                      # the bundled seed report: findings, then XML
    disclosure-report validate FILE [FILE ...] [--format text|json|jsonl] [--lang zh|en]
                               [--select CODE ...] [--ignore CODE ...] [--verbose]
                               [--limit NAME=VALUE ...]
    disclosure-report convert FILE --to xml|json|csv|html|markdown|text|docx [-o OUT]
                              [--limit NAME=VALUE ...]
    disclosure-report accuracy CORPUS_DIR [--details]   # per-cell accuracy against truth files
    disclosure-report batch INPUT... --out DIR [--to xml|json|csv|parquet|collection] [--jobs N]
                            [--force] [--engine local|dask] [--scheduler ADDRESS]
    disclosure-report rollup CHILD... [--parent FILE] [--organ NAME] [--year YEAR] [-o OUT]
    disclosure-report series INPUT... [--by-organ] [--format text|json|jsonl]

Every subcommand takes ``--debug``: an error then also prints its traceback.

FILE is a published report (text, HTML or Word; the form is found from the content), or XML
or JSON written by this library. ``--limit`` changes one of the readers' limits
(:class:`~disclosure_report.limits.Limits`), e.g. ``--limit max_input_bytes=200000000``.

Exit status: 0 when no finding is an error, 1 when one is, 2 when an input cannot be read
(a limit exceeded included), an output cannot be written, or the command line is wrong
(``convert`` exits 0 or 2; ``accuracy`` 1 when a number is wrong or invented; ``batch`` 1
when a file failed or a report has an error, ``rollup`` and ``series`` 1 when they find an
error); 130 when interrupted, 141 when the output is closed early (``| head``). Errors are one line on
standard error, never a traceback (unless ``--debug``). Output is written so that any console
encoding can print it (GBK/cp936 included): a character the encoding lacks is written as an
escape, never an exception; control and bidirectional formatting characters in messages are
written as escapes, so a report cannot move the terminal's cursor or reorder what is shown.
An output file (``-o``) is written whole or not at all: to a temporary file beside it, then
renamed over it.

Each subcommand is one function (``_sample``, ``_validate``, ``_convert``, ``_accuracy``, ``_batch``,
``_rollup``, ``_series``) registered in :func:`_parser`; a new subcommand is one more function and
one more ``add_parser``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Final, TextIO

import attrs

from disclosure_report.accuracy import Outcome, format_scores, measure
from disclosure_report.batch import ENGINES, TARGETS, read_reports, run_batch
from disclosure_report.batch._progress import progress
from disclosure_report.diagnostics import (
    Diagnostic,
    Lang,
    Severity,
    check_selectors,
    code_matches,
    without_restated,
)
from disclosure_report.errors import DisclosureReportError
from disclosure_report.limits import DEFAULT_LIMITS, Limits, check
from disclosure_report.model import Report
from disclosure_report.parse import ParseResult, parse_file, parse_text
from disclosure_report.render import FORMS as RENDER_FORMS
from disclosure_report.render import render
from disclosure_report.serialise import from_json, from_xml, to_csv, to_json, to_xml
from disclosure_report.validate import SeriesError, check_rollup, rollup, validate, validate_series

__all__ = ["main"]

SAMPLE = "samples/duandian-2019.txt"
"""The seed report shipped with the package: 段店乡人民政府, 2019, a Word text extraction."""

_PROG = "disclosure-report"
_FORMATS = ("text", "json", "jsonl")
_INTERRUPTED: Final = 130
_PIPE_CLOSED: Final = 141
_LONGEST_ERROR: Final = 2000
"""Characters of an error line shown (a message quoting hostile input stays readable)."""


def _load(path: str, limits: Limits = DEFAULT_LIMITS) -> ParseResult:
    """Read FILE: our own XML or JSON by its suffix, else a published report of any form read."""
    suffix = Path(path).suffix.lower()
    if suffix in {".xml", ".json"}:
        try:
            with open(path, "rb") as handle:
                data = handle.read(limits.max_input_bytes + 1)
        except (OSError, ValueError) as error:
            msg = f"cannot read {path!r}: {getattr(error, 'strerror', None) or error}"
            raise DisclosureReportError(msg) from error
        check(limits, "max_input_bytes", len(data), f"the file {path!r} (bytes, at least)")
        report = from_xml(data) if suffix == ".xml" else from_json(data)
        return ParseResult(report=report, diagnostics=())
    return parse_file(path, limits=limits)


def _limits(args: argparse.Namespace) -> Limits:
    changes: list[tuple[str, int]] = getattr(args, "limit", None) or []
    return attrs.evolve(DEFAULT_LIMITS, **dict(changes)) if changes else DEFAULT_LIMITS


def _limit_setting(text: str) -> tuple[str, int]:
    """``NAME=VALUE`` of ``--limit``: a field of :class:`Limits` and a positive integer."""
    name, _, value = text.partition("=")
    known = attrs.fields_dict(Limits)
    if name not in known:
        msg = f"{name!r} is not a limit; the limits are {', '.join(known)}"
        raise argparse.ArgumentTypeError(msg)
    try:
        number = int(value.replace("_", ""))
    except ValueError:
        number = 0
    if number < 1:
        msg = f"{name} takes a positive whole number, not {value!r}"
        raise argparse.ArgumentTypeError(msg)
    return name, number


# --- output any console can print ------------------------------------------------------------


def _safe(stream: TextIO) -> TextIO:
    r"""``stream``, writing what its encoding cannot as ``\\u`` escapes instead of failing."""
    if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
        stream.reconfigure(errors="backslashreplace")
    return stream


def _unicode(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    return encoding.startswith("utf")


_UNSHOWN: Final = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def _shown(text: str) -> str:
    r"""``text`` with control and bidirectional formatting characters written as ``\u`` escapes."""
    return _UNSHOWN.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _write(data: str | bytes, out: str | None) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
    else:
        _write_file(raw, Path(out))


def _write_file(raw: bytes, target: Path) -> None:
    """Write ``target`` whole or not at all: a temporary file beside it, then a rename.

    The temporary file is removed if anything fails; a symbolic link at ``target`` is
    replaced, not written through.
    """
    if target.is_dir():
        msg = f"cannot write {str(target)!r}: it is a folder"
        raise DisclosureReportError(msg)
    try:
        handle, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".part", dir=target.parent
        )
    except OSError as error:
        msg = f"cannot write {str(target)!r}: {error.strerror or error}"
        raise DisclosureReportError(msg) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode(target))
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            msg = f"cannot write {str(target)!r}: {error.strerror or error}"
            raise DisclosureReportError(msg) from error
        raise


def _mode(target: Path) -> int:
    """The permissions a new file gets (the umask's), or the replaced file's own."""
    with contextlib.suppress(OSError):
        if target.is_file() and not target.is_symlink():
            return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


# --- findings -----------------------------------------------------------------------------------


def _findings(
    result: ParseResult,
    select: tuple[str, ...] | None = None,
    ignore: tuple[str, ...] = (),
) -> tuple[Diagnostic, ...]:
    """The parser's findings and the validator's, filtered by ``select`` and ``ignore``."""

    def wanted(code: str) -> bool:
        chosen = select is None or any(code_matches(code, s) for s in select)
        return chosen and not any(code_matches(code, s) for s in ignore)

    parsed = tuple(d for d in result.diagnostics if wanted(d.code))
    validated = validate(result.report, select=select, ignore=ignore)
    return without_restated(parsed, validated) + validated


def _ordered(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Errors first, then warnings, then notes; the validator's order within each."""
    return sorted(findings, key=lambda d: -d.severity.rank)


def _summary(counts: Counter[Severity], lang: Lang, *, hidden: int) -> str:
    errors, warnings, notes = (counts[s] for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    if lang == "zh":
        line = f"{errors} 个错误，{warnings} 个警告，{notes} 条提示"
        return line + ("（提示未列出，加 --verbose 显示）" if hidden else "")
    line = f"{errors} error(s), {warnings} warning(s), {notes} note(s)"
    return line + (" (notes not shown: --verbose shows them)" if hidden else "")


def _print_text(
    name: str | None, findings: Sequence[Diagnostic], lang: Lang, *, verbose: bool
) -> None:
    if name is not None:
        print(_shown(f"== {name}"))
    shown = [d for d in _ordered(findings) if verbose or d.severity is not Severity.INFO]
    for finding in shown:
        print(_shown(finding.format(lang)))
    counts = Counter(d.severity for d in findings)
    print(_summary(counts, lang, hidden=len(findings) - len(shown)))


def _json_line(data: object, *, indent: int | None = None) -> str:
    return json.dumps(data, ensure_ascii=not _unicode(sys.stdout), indent=indent)


# --- the subcommands ---------------------------------------------------------------------------


def _sample(_args: argparse.Namespace) -> int:
    """Parse and validate the bundled seed report; print its findings, then its XML."""
    result = parse_text(files("disclosure_report").joinpath(SAMPLE).read_text(encoding="utf-8"))
    print(f"# {result.report.title} ({result.report.organ}, edition {result.report.edition})")
    print("# Findings")
    findings = _findings(result)
    _print_text(None, findings, "zh", verbose=False)
    print("# XML")
    _write(to_xml(result.report), None)
    return 1 if any(d.severity is Severity.ERROR for d in findings) else 0


def _validate(args: argparse.Namespace) -> int:
    """Print the findings about each FILE; 1 if one is an error, 2 if a FILE cannot be read."""
    select = check_selectors(args.select) if args.select else None
    ignore = check_selectors(args.ignore)
    several = len(args.files) > 1
    limits = _limits(args)
    status = 0
    documents = []
    for path in args.files:
        try:
            findings = _findings(_load(path, limits), select, ignore)
        except (KeyboardInterrupt, BrokenPipeError):
            raise
        except Exception as error:  # one bad file never stops the others
            _failed(error, debug=args.debug)
            status = 2
            continue
        if any(d.severity is Severity.ERROR for d in findings) and status == 0:
            status = 1
        if args.format == "text":
            _print_text(path if several else None, findings, args.lang, verbose=args.verbose)
        elif args.format == "jsonl":
            for finding in _ordered(findings):
                print(_json_line({"file": path, **finding.to_dict(args.lang)}))
        else:
            counts = Counter(d.severity.value for d in findings)
            documents.append(
                {
                    "file": path,
                    "findings": [d.to_dict(args.lang) for d in _ordered(findings)],
                    "summary": {s.value: counts[s.value] for s in Severity},
                }
            )
    if args.format == "json":
        print(_json_line({"files": documents}, indent=2))
    return status


def _convert(args: argparse.Namespace) -> int:
    """Write FILE as XML, JSON, CSV records, or rendered (html, markdown, text, docx).

    The parser's warnings go to standard error.
    """
    result = _load(args.file, _limits(args))
    for finding in result.diagnostics:
        if finding.severity is not Severity.INFO:
            print(_shown(finding.format("zh")), file=sys.stderr)
    report: Report = result.report
    data: str | bytes
    if args.to == "xml":
        data = to_xml(report)
    elif args.to == "json":
        data = to_json(report) + "\n"
    elif args.to == "csv":
        data = to_csv(report)
    else:
        data = render(report, args.to)
    _write(data, args.output)
    return 0


def _accuracy(args: argparse.Namespace) -> int:
    """Print the parsers' per-cell accuracy on a corpus; 1 when any number is wrong or invented."""
    if not Path(args.corpus).is_dir():
        msg = f"{args.corpus!r} is not a folder"
        raise DisclosureReportError(msg)
    scores = measure(args.corpus)
    print(format_scores(scores, details=args.details))
    bad = sum(s.counts[Outcome.WRONG] + s.counts[Outcome.INVENTED] for s in scores)
    return 1 if bad else 0


def _batch(args: argparse.Namespace) -> int:
    """Parse, validate and write every file of INPUT...; progress on stderr, summary on stdout."""
    run = run_batch(
        args.inputs,
        args.out,
        to=args.to or ["xml"],
        jobs=args.jobs,
        force=args.force,
        engine=args.engine,
        scheduler=args.scheduler,
    )
    failed = errors = 0
    shown = None if args.quiet else progress(run.count(), sys.stderr)
    with shown or contextlib.nullcontext():
        for result in run:
            failed += not result.ok
            errors += result.errors > 0
            if shown is not None:
                shown.advance(result)
    assert run.summary is not None
    print(run.summary.format())
    print(f"outputs: {run.out} (summary.json, files.csv, failures.csv)")
    return 1 if failed or errors else 0


def _read_all(inputs: Sequence[str], jobs: int) -> tuple[list[tuple[str, Report]], bool]:
    """The reports of INPUT...; a file that cannot be read is named on stderr."""
    reports: list[tuple[str, Report]] = []
    unread = False
    for read in read_reports(inputs, jobs=jobs):
        if read.result is None:
            _error(f"{read.name}: {read.reason}")
            unread = True
        else:
            reports.append((read.name, read.result.report))
    return reports, unread


def _print_findings(args: argparse.Namespace, findings: Sequence[Diagnostic]) -> None:
    if args.format == "text":
        _print_text(None, findings, args.lang, verbose=args.verbose)
    elif args.format == "jsonl":
        for finding in _ordered(findings):
            print(_json_line(finding.to_dict(args.lang)))
    else:
        print(
            _json_line({"findings": [d.to_dict(args.lang) for d in _ordered(findings)]}, indent=2)
        )


def _status(findings: Sequence[Diagnostic], *, unread: bool) -> int:
    if unread:
        return 2
    return 1 if any(d.severity is Severity.ERROR for d in findings) else 0


def _rollup(args: argparse.Namespace) -> int:
    """Add up the children's tables; check a published parent against the sum."""
    children, unread = _read_all(args.children, args.jobs)
    parent = _load(args.parent).report if args.parent else None
    organ = args.organ or (parent.organ if parent is not None else None)
    years = {r.year for _, r in children if r.year is not None}
    year = args.year or (parent.year if parent is not None else None)
    if year is None and len(years) == 1:
        (year,) = years
    if not organ or year is None:
        msg = "name the parent with --organ and --year (or give --parent FILE)"
        raise DisclosureReportError(msg)
    summed = rollup([r for _, r in children], organ=organ, year=year, expected=args.expected)
    findings = list(summed.diagnostics)
    if parent is not None:
        findings.extend(check_rollup(parent, [r for _, r in children]))
    if args.output:
        data = to_xml(summed.report) if args.to == "xml" else to_json(summed.report) + "\n"
        _write(data, args.output)
    print(f"# {organ} {year}: the sum of {len(children)} reports")
    _print_findings(args, findings)
    return _status(findings, unread=unread)


def _series(args: argparse.Namespace) -> int:
    """Check a body's reports over the years (each body apart with --by-organ)."""
    reports, unread = _read_all(args.inputs, args.jobs)
    groups: dict[str, list[Report]] = {}
    for _, report in reports:
        key = "".join((report.organ or "").split()) if args.by_organ else ""
        groups.setdefault(key, []).append(report)
    findings: list[Diagnostic] = []
    for key in sorted(groups):
        try:
            findings.extend(validate_series(groups[key]))
        except SeriesError as error:
            if not args.by_organ:
                raise
            _error(f"{key or 'reports without an organ'}: {error}")
            unread = True
    _print_findings(args, findings)
    return _status(findings, unread=unread)


# --- the command line -------------------------------------------------------------------------

_FILE_HELP = "a report (text, HTML or Word file), or .xml / .json written by this library"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Read, check and convert 政府信息公开工作年度报告 (government information disclosure annual reports).",
    )
    parser.add_argument("--debug", action="store_true", help=_DEBUG_HELP)
    commands = parser.add_subparsers(dest="command", required=True)

    sample = commands.add_parser(
        "sample", help="parse and validate the bundled seed report, print findings and XML"
    )
    sample.set_defaults(handler=_sample)

    check = commands.add_parser(
        "validate",
        help="print the findings about reports",
        description="Print the findings about each FILE: errors first, then warnings, then a "
        "one-line summary. Exit status 0: no error; 1: errors found; 2: a FILE cannot be read "
        "or the command line is wrong.",
    )
    check.add_argument("files", nargs="+", metavar="FILE", help=_FILE_HELP)
    check.add_argument(
        "--format", choices=_FORMATS, default="text", help="text (default), json or jsonl"
    )
    check.add_argument(
        "--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)"
    )
    check.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="CODE",
        help="check only this code or prefix, e.g. R3 (repeatable)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="CODE",
        help="skip this code or prefix, e.g. R0.6 or P (repeatable)",
    )
    check.add_argument(
        "-v", "--verbose", action="store_true", help="also list notes (info findings) in text"
    )
    _common(check)
    check.set_defaults(handler=_validate)

    convert = commands.add_parser("convert", help="write a report as XML, JSON or CSV records")
    convert.add_argument("file", help=_FILE_HELP)
    convert.add_argument("--to", required=True, choices=["xml", "json", "csv", *RENDER_FORMS])
    convert.add_argument(
        "-o", "--output", help="write here (whole or not at all) instead of standard output"
    )
    _common(convert)
    convert.set_defaults(handler=_convert)

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
    accuracy.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP
    )
    accuracy.set_defaults(handler=_accuracy)
    sample.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP)
    _add_batch_commands(commands)
    return parser


_DEBUG_HELP = "on an error, also print its traceback (for a bug report)"


def _common(command: argparse.ArgumentParser) -> None:
    """The options of the subcommands that read reports: ``--limit`` and ``--debug``."""
    command.add_argument(
        "--limit",
        action="append",
        type=_limit_setting,
        default=[],
        metavar="NAME=VALUE",
        help="change a reader's limit, e.g. max_input_bytes=200000000 (repeatable; "
        "the limits are listed in the docs' security page)",
    )
    command.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP
    )


def _add_batch_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The subcommands over many files: batch, rollup, series."""
    batch = commands.add_parser(
        "batch",
        help="parse, validate and write every report of folders, archives and lists",
        description="Parse, validate and write every file the inputs name, on every core. "
        "INPUT is a folder (read recursively), a file, a .zip archive, a glob pattern or @LIST "
        "(a file naming one input per line). A second run over the same --out skips the files "
        "done (by the SHA-256 of their bytes) unless --force. Writes summary.json, files.csv, "
        "failures.csv, a file per report (--to xml|json|csv), with --to parquet the "
        "datasets cells/ and findings/, with --to collection reports.xml. Exit status 0: every file read, no error found; 1: a "
        "file failed or a report has an error; 2: the batch cannot start.",
    )
    batch.add_argument("inputs", nargs="+", metavar="INPUT")
    batch.add_argument("--out", required=True, metavar="DIR", help="the output folder")
    batch.add_argument(
        "--to",
        action="append",
        choices=TARGETS,
        help="a file per report (xml, json, csv), the Parquet datasets (parquet), one XML "
        "collection document (collection); repeatable; default xml",
    )
    batch.add_argument(
        "--jobs", type=int, metavar="N", help="worker processes (default: every core)"
    )
    batch.add_argument("--force", action="store_true", help="redo files done before")
    batch.add_argument(
        "--engine", choices=ENGINES, default="local", help="local processes (default) or dask"
    )
    batch.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler, e.g. tcp://10.0.0.1:8786 (default with --engine dask: a "
        "cluster of --jobs processes on this machine)",
    )
    batch.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    batch.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP)
    batch.set_defaults(handler=_batch)

    def findings_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--format", choices=_FORMATS, default="text", help="text (default), json or jsonl"
        )
        command.add_argument(
            "--lang", choices=["zh", "en"], default="zh", help="language of messages (default zh)"
        )
        command.add_argument(
            "-v", "--verbose", action="store_true", help="also list notes (info findings) in text"
        )
        command.add_argument(
            "--jobs", type=int, default=1, metavar="N", help="read with N processes (default 1)"
        )

    summed = commands.add_parser(
        "rollup",
        help="add up children's reports (a county from its townships); check the parent",
        description="Add up the tables of the CHILD reports (folders, files, archives, globs, "
        "@LIST) into the parent's; with --parent, compare the published parent with the sum. "
        "A cell a child leaves blank stays blank. Exit status 0: nothing wrong; 1: an error "
        "found; 2: a file cannot be read.",
    )
    summed.add_argument("children", nargs="+", metavar="CHILD")
    summed.add_argument("--parent", metavar="FILE", help="the published parent report")
    summed.add_argument("--organ", help="the parent's organ (default: the parent report's)")
    summed.add_argument("--year", type=int, help="the year (default: the parent's or children's)")
    summed.add_argument(
        "--expected",
        action="append",
        default=[],
        metavar="ORGAN",
        help="a child that should be there (repeatable): named when missing",
    )
    summed.add_argument("--to", choices=["xml", "json"], default="xml", help="form of -o")
    summed.add_argument("-o", "--output", help="write the summed report here")
    findings_options(summed)
    summed.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP)
    summed.set_defaults(handler=_rollup)

    series = commands.add_parser(
        "series",
        help="check a body's reports over the years (carry-over, stock and flow, copies)",
        description="Check reports of consecutive years of one body against each other; with "
        "--by-organ, a folder of many bodies is checked body by body. Exit status 0: nothing "
        "wrong; 1: an error found; 2: a file cannot be read or the reports are not a series.",
    )
    series.add_argument("inputs", nargs="+", metavar="INPUT")
    series.add_argument(
        "--by-organ", action="store_true", help="group the reports by organ, a series each"
    )
    findings_options(series)
    series.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP)
    series.set_defaults(handler=_series)


def _error(message: str) -> None:
    if len(message) > _LONGEST_ERROR:
        message = message[:_LONGEST_ERROR] + " …"
    print(f"{_PROG}: error: {_shown(message)}", file=sys.stderr)


def _failed(error: BaseException, *, debug: bool) -> None:
    """Say what went wrong in one line (and, with ``--debug``, show the traceback)."""
    if debug:
        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, DisclosureReportError | OSError):
        _error(str(error))
    elif isinstance(error, MemoryError):
        _error("out of memory; lower the limits (--limit) or read a smaller file")
    else:
        _error(
            f"internal error ({type(error).__name__}: {error}); please report it, "
            "with the output of --debug"
        )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    _safe(sys.stdout)
    _safe(sys.stderr)
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return _INTERRUPTED
    except BrokenPipeError:
        # The reader of the output went away (| head): stop quietly, and let nothing more be
        # written to the closed pipe at exit.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return _PIPE_CLOSED
    except Exception as error:
        _failed(error, debug=args.debug)
        return 2
