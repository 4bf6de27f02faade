"""Check a report against the rules of ``spec/FORMAT.md`` §7: :func:`validate`.

The validator reads a :class:`~disclosure_report.model.Report` and returns
:class:`~disclosure_report.diagnostics.Diagnostic` values; it never raises because of what
a report says, and does no I/O. The rules are data (:data:`RULES`).
"""

from __future__ import annotations

from collections.abc import Iterable

from disclosure_report.diagnostics import Diagnostic, code_matches
from disclosure_report.model import Report

from ._engine import Along, Check, Rule, SumRule, evaluate
from .rules import RULES

__all__ = ["RULES", "Along", "Check", "Rule", "SumRule", "validate"]


def _selectors(codes: Iterable[str] | None) -> tuple[str, ...] | None:
    if codes is None:
        return None
    return (codes,) if isinstance(codes, str) else tuple(codes)


def validate(
    report: Report,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
) -> tuple[Diagnostic, ...]:
    """Check ``report`` against the core rules.

    Findings come in the order of :data:`RULES`, then of the declaration's rows, then of its
    columns. A rule whose inputs include a blank, a marker, unreadable text, or a missing row
    or cell is *not assessable* there: it gives an INFO finding with ``assessable=False``
    naming those cells, never a verdict that counts blanks as 0. The rules of a table section
    the report lacks give nothing (parsing reports missing sections).

    Args:
        report: the report to check.
        select: codes to check, each exact (``R0.6``), a prefix up to a dot (``R3`` selects
            ``R3.1`` … ``R3.8``, not ``R3.3`` for ``R3.3b``), or a letter (``R``); ``None``
            checks every rule.
        ignore: codes not to check, written like ``select``; it wins over ``select``.

    Returns:
        The findings, in a stable order.
    """
    chosen, dropped = _selectors(select), _selectors(ignore) or ()

    def wanted(code: str) -> bool:
        selected = chosen is None or any(code_matches(code, s) for s in chosen)
        return selected and not any(code_matches(code, s) for s in dropped)

    return tuple(d for rule in RULES if wanted(rule.code) for d in evaluate(rule, report))
