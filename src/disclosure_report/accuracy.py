"""Per-cell accuracy of the parsers against hand-checked truth files.

A corpus is a folder of reports with truth files, either side by side (``NNN.html`` with
``NNN.json``) or in the layout of the project's shared corpus (``reports/NNN.*`` and
``truth/NNN.json``). A truth file gives every cell of tables 二, 三 and 四 by official label
(``null`` for a blank cell), and the report's organ, year and edition; see the shared
corpus's README.

Every truth cell is one of:

* **right**: the parsed value equals the truth (both blank counts as right);
* **wrong**: both hold a number, and they differ: the worst outcome, because nobody looks;
* **invented**: the parser gives a number where the truth is blank;
* **missed**: the truth holds a number and the parser gives none (a blank with a
  diagnostic is a missed cell, never a wrong one).

``disclosure-report accuracy CORPUS_DIR`` prints the figures by form.
"""

from __future__ import annotations

import enum
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs
from attrs import frozen

from disclosure_report.errors import ParseError
from disclosure_report.model import Report, Table
from disclosure_report.parse import detect, parse_bytes
from disclosure_report.tables import edition_spec

__all__ = ["Outcome", "Score", "compare", "format_scores", "measure"]

_R = attrs.fields(Report)
_UNIT_SUFFIX = re.compile(r"[（(][^）)]*[）)]$")


class Outcome(enum.StrEnum):
    """What became of one truth cell."""

    RIGHT = "right"
    WRONG = "wrong"
    INVENTED = "invented"
    MISSED = "missed"


@frozen
class Miss:
    """A truth cell the parser did not get right."""

    where: str
    """Table, row label path and column position, e.g. ``三 一、本年新收…[6]``."""
    expected: int | Decimal | None
    actual: object
    outcome: Outcome


@frozen
class Score:
    """The outcome of every truth cell of one report, and its metadata."""

    name: str
    form: str
    counts: Mapping[Outcome, int]
    misses: tuple[Miss, ...] = ()
    metadata_wrong: tuple[str, ...] = ()
    error: str | None = None
    """Why the report could not be parsed (every truth cell then counts as missed)."""

    @property
    def cells(self) -> int:
        """Truth cells compared."""
        return sum(self.counts.values())

    @property
    def accuracy(self) -> float:
        """Share of truth cells right."""
        return self.counts.get(Outcome.RIGHT, 0) / self.cells if self.cells else 0.0


def _number(value: object) -> int | Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _actual(table: Table | None, row: str, column: str) -> object:
    if table is None:
        return None
    try:
        return table.cell(row, column).value
    except KeyError:
        return None


def _expected_cells(truth: Mapping[str, Any]) -> Iterator[tuple[str, str, str, str, object]]:
    """(where, section key, row key, column key, truth value) of every truth cell."""
    spec = edition_spec(truth["edition"])
    applications = spec.table(_R.applications.name)
    by_path = {row.path: row for row in applications.rows}
    for path, values in truth.get("section3", {}).items():
        row = by_path[path]
        columns = [c for c in row.columns if not c.optional]
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            yield f"三 {path}[{i}]", applications.key, row.key, column.key, value
    review = spec.table(_R.review_litigation.name)
    (cases,) = review.rows
    for i, (column, value) in enumerate(zip(cases.columns, truth.get("section4", []), strict=True)):
        yield f"四 [{i}]", review.key, cases.key, column.key, value
    proactive = spec.table(_R.proactive_disclosure.name)
    by_label = {row.label: row for row in proactive.rows}
    for label, values in truth.get("section2", {}).items():
        if values is None:
            continue  # the truth could not read this row unambiguously
        # A truth may name a row with its unit: 行政事业性收费（万元）.
        row = by_label.get(label) or by_label[_UNIT_SUFFIX.sub("", label)]
        for i, (column, value) in enumerate(zip(row.columns, values, strict=True)):
            yield f"二 {label}[{i}]", proactive.key, row.key, column.key, value


def compare(
    truth: Mapping[str, Any], report: Report | None, *, name: str = "", form: str = ""
) -> Score:
    """Score ``report`` (``None``: it could not be parsed) against its truth."""
    counts = dict.fromkeys(Outcome, 0)
    misses: list[Miss] = []
    for where, section, row, column, value in _expected_cells(truth):
        expected = _number(value)
        table = getattr(report, section) if report is not None else None
        actual = _actual(table, row, column)
        if expected is None and actual is None:
            outcome = Outcome.RIGHT
        elif expected is None:
            outcome = Outcome.INVENTED
        elif actual is None:
            outcome = Outcome.MISSED
        elif isinstance(actual, int | Decimal) and Decimal(actual) == Decimal(expected):
            outcome = Outcome.RIGHT
        else:
            outcome = Outcome.WRONG
        counts[outcome] += 1
        if outcome is not Outcome.RIGHT:
            misses.append(Miss(where, expected, actual, outcome))
    wrong_metadata: list[str] = []
    if report is not None:
        for field, got in (
            ("organ", report.organ),
            ("year", report.year),
            ("edition", str(report.edition)),
        ):
            if field in truth and truth[field] != got:
                wrong_metadata.append(f"{field}: expected {truth[field]!r}, got {got!r}")
    return Score(name, form, counts, tuple(misses), tuple(wrong_metadata))


def _pairs(corpus: Path) -> Iterator[tuple[Path, Path]]:
    """(report, truth) pairs of a corpus folder, in either layout, by name."""
    if (corpus / "reports").is_dir() and (corpus / "truth").is_dir():
        reports, truths = corpus / "reports", corpus / "truth"
    else:
        reports = truths = corpus
    for truth in sorted(truths.glob("*.json")):
        found = sorted(p for p in reports.glob(truth.stem + ".*") if p.suffix != ".json")
        if found:
            yield found[0], truth


def measure(corpus: str | os.PathLike[str]) -> list[Score]:
    """Parse every report of a corpus folder and score it against its truth."""
    scores: list[Score] = []
    for path, truth_path in _pairs(Path(corpus)):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        data = path.read_bytes()
        try:
            form = str(detect(data))
        except ParseError as error:
            form = path.suffix.lstrip(".") or "unknown"
            scores.append(
                attrs.evolve(compare(truth, None, name=path.name, form=form), error=str(error))
            )
            continue
        try:
            report = parse_bytes(data).report
        except ParseError as error:
            scores.append(
                attrs.evolve(compare(truth, None, name=path.name, form=form), error=str(error))
            )
            continue
        scores.append(compare(truth, report, name=path.name, form=form))
    return scores


def _row(label: str, counts: Mapping[Outcome, int]) -> str:
    total = sum(counts.values())
    right = counts.get(Outcome.RIGHT, 0)
    share = f"{right / total:.1%}" if total else "-"
    figures = "".join(f"{counts.get(o, 0):>9}" for o in Outcome)
    return f"{label:<14}{total:>7}{figures}{share:>9}"


def format_scores(scores: Sequence[Score], *, details: bool = False) -> str:
    """A table of the figures by form and file, as ``disclosure-report accuracy`` prints it."""
    header = (
        f"{'':<14}{'cells':>7}" + "".join(f"{o.value:>9}" for o in Outcome) + f"{'accuracy':>9}"
    )
    lines = [header]
    forms: dict[str, dict[Outcome, int]] = {}
    for score in scores:
        totals = forms.setdefault(score.form, dict.fromkeys(Outcome, 0))
        for outcome, count in score.counts.items():
            totals[outcome] += count
    lines.append("by form")
    lines.extend(_row(form, counts) for form, counts in sorted(forms.items()))
    lines.append("by file")
    for score in scores:
        lines.append(_row(score.name, score.counts))
        if score.error:
            lines.append(f"  not parsed: {score.error}")
        lines.extend(f"  metadata {m}" for m in score.metadata_wrong)
        if details:
            lines.extend(
                f"  {m.outcome}: {m.where}: expected {m.expected!r}, got {m.actual!r}"
                for m in score.misses
            )
    everything = dict.fromkeys(Outcome, 0)
    for counts in forms.values():
        for outcome, count in counts.items():
            everything[outcome] += count
    lines.append(_row("all", everything))
    return "\n".join(lines)
