"""Repair suggestions for broken identities (S codes): proposed, never applied."""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.model import Report

__all__ = ["suggest"]


def suggest(report: Report, findings: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    """Suggestions that would make the broken identities of ``findings`` hold."""
    return ()
