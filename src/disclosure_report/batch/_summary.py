"""What a batch found, counted: files by form, reports by edition and year, findings, failures."""

from __future__ import annotations

from collections import Counter
from typing import Any

from attrs import define, field

__all__ = ["Summary"]

UNKNOWN = "unknown"
"""The key of a form or year that could not be found."""


def _sorted(counter: Counter[str]) -> dict[str, int]:
    return {key: counter[key] for key in sorted(counter)}


@define
class Summary:
    """The counts of a batch over every input file (files done on an earlier run included).

    A file whose content was already seen in the run (the same bytes under another name) is a
    duplicate: it counts among the files and their forms, not again among the reports,
    findings or failures.
    """

    files: int = 0
    """Input files."""
    reports: int = 0
    """Distinct reports read (files that are duplicates of another, and failures, left out)."""
    failed: int = 0
    """Distinct files that could not be read as a report."""
    duplicates: int = 0
    """Files whose bytes are those of an earlier file of the run."""
    files_by_form: Counter[str] = field(factory=Counter)
    """Files by the form found from their content (``unknown`` when none was)."""
    reports_by_edition_and_year: Counter[tuple[str, str]] = field(factory=Counter)
    findings_by_code: Counter[str] = field(factory=Counter)
    findings_by_severity: Counter[str] = field(factory=Counter)
    failures_by_reason: Counter[str] = field(factory=Counter)
    processed: int = 0
    """Files read and parsed by this run."""
    skipped: int = 0
    """Files found done by an earlier run and not read again."""
    seconds: float = 0.0
    engine: str = ""
    workers: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON-ready data; everything but ``run`` is the same on every rerun."""
        editions: dict[str, dict[str, int]] = {}
        for (edition, year), count in sorted(self.reports_by_edition_and_year.items()):
            editions.setdefault(edition, {})[year] = count
        return {
            "files": self.files,
            "reports": self.reports,
            "failed": self.failed,
            "duplicates": self.duplicates,
            "files_by_form": _sorted(self.files_by_form),
            "reports_by_edition_and_year": editions,
            "findings_by_code": _sorted(self.findings_by_code),
            "findings_by_severity": _sorted(self.findings_by_severity),
            "failures_by_reason": _sorted(self.failures_by_reason),
            "run": {
                "processed": self.processed,
                "skipped": self.skipped,
                "seconds": round(self.seconds, 3),
                "files_per_second": round(self.files / self.seconds, 2) if self.seconds else None,
                "engine": self.engine,
                "workers": self.workers,
            },
        }

    def format(self) -> str:
        """The summary as a few lines of text for a person."""
        lines = [
            f"{self.files} files: {self.reports} reports, {self.failed} failed, "
            f"{self.duplicates} duplicates ({self.processed} read now, {self.skipped} done before; "
            f"{self.seconds:.1f} s, {self.engine} engine, {self.workers} workers)",
            "forms: " + _line(self.files_by_form),
            "editions and years: "
            + (
                ", ".join(
                    f"{edition}/{year} {count}"
                    for (edition, year), count in sorted(self.reports_by_edition_and_year.items())
                )
                or "none"
            ),
            "findings: " + _line(self.findings_by_severity),
        ]
        if self.findings_by_code:
            top = self.findings_by_code.most_common(10)
            lines.append("commonest codes: " + ", ".join(f"{c} {n}" for c, n in top))
        if self.failures_by_reason:
            lines.append("failures:")
            lines.extend(f"  {n} x {reason}" for reason, n in self.failures_by_reason.most_common())
        return "\n".join(lines)


def _line(counter: Counter[str]) -> str:
    return ", ".join(f"{key} {counter[key]}" for key in sorted(counter)) or "none"
