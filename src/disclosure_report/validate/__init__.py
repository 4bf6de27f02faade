"""Check reports against the rules of ``spec/FORMAT.md`` §7 and the checks of §8.

* :func:`validate`: one report, whatever made it (a parser, XML, JSON, code).
* :func:`validate_series`: one body's reports over the years (carry-over, stock and flow,
  copied reports).
* :func:`rollup` and :func:`check_rollup`: a parent's tables as the sum of its children's, and
  a published parent report against that sum.

Findings are :class:`~disclosure_report.diagnostics.Diagnostic` values; nothing here raises
because of what a report says, changes a report, or does I/O. The rules are data
(:data:`RULES`, of the kinds in :mod:`.kinds`).
"""

from __future__ import annotations

from collections.abc import Iterable

from disclosure_report.diagnostics import (
    Diagnostic,
    UnknownCodeError,
    check_selectors,
    code_matches,
)
from disclosure_report.model import Report

from ._engine import plan
from .kinds import (
    Along,
    AtLeast,
    BlankCells,
    Check,
    ColumnTotal,
    Conforms,
    ExtraRows,
    NonNegative,
    RequiredField,
    RequiredRows,
    RequiredSections,
    RowTotal,
    Rule,
    RuleDefinitionError,
    SumRule,
)
from .repair import suggest
from .rules import RULES
from .series import SERIES_CODES, Rollup, SeriesError, check_rollup, rollup, validate_series

__all__ = [
    "RULES",
    "SERIES_CODES",
    "Along",
    "AtLeast",
    "BlankCells",
    "Check",
    "ColumnTotal",
    "Conforms",
    "ExtraRows",
    "NonNegative",
    "RequiredField",
    "RequiredRows",
    "RequiredSections",
    "Rollup",
    "RowTotal",
    "Rule",
    "RuleDefinitionError",
    "SeriesError",
    "SumRule",
    "UnknownCodeError",
    "check_rollup",
    "rollup",
    "selection",
    "suggest",
    "validate",
    "validate_series",
]


def selection(codes: Iterable[str] | str | None) -> tuple[str, ...] | None:
    """``select`` or ``ignore`` as a tuple of selectors, each checked against the catalogue.

    Raises:
        UnknownCodeError: a selector names no code.
    """
    if codes is None:
        return None
    return check_selectors((codes,) if isinstance(codes, str) else tuple(codes))


def validate(
    report: Report,
    *,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    suggestions: bool = True,
) -> tuple[Diagnostic, ...]:
    """Check ``report`` against every rule of :data:`RULES`.

    Findings come in the order of :data:`RULES`, then of the declaration's rows, then of its
    columns. A rule with a blank input (or a marker, unreadable text, a missing row or
    cell) gives no verdict that counts the blank as 0: unless the known numbers already
    contradict it (counts are >= 0, so known parts above their total are an error), the
    lines it could not check are folded into one INFO finding with ``assessable=False`` that
    names the cells. Blank cells are also reported by row (R0.6).

    Args:
        report: the report to check.
        select: codes to check, each exact (``R0.6``), a prefix up to a dot (``R3`` selects
            ``R3.1`` … ``R3.9``, but ``R3.3`` not ``R3.3b``), or a letter (``R``); ``None``
            checks every rule.
        ignore: codes not to check, written like ``select``; it wins over ``select``.
        suggestions: add repair suggestions (``S`` codes) for broken identities.

    Returns:
        The findings, in a stable order.

    Raises:
        UnknownCodeError: a selector names no code (``R9.9``, ``r0.6``).
    """
    chosen, dropped = selection(select), selection(ignore) or ()
    found = plan(RULES, report.edition, chosen, dropped).run(report)
    if suggestions and any(d.assessable and d.code in _REPAIRABLE for d in found):
        found += tuple(
            d
            for d in suggest(report, found)
            if (chosen is None or any(code_matches(d.code, s) for s in chosen))
            and not any(code_matches(d.code, s) for s in dropped)
        )
    return found


_REPAIRABLE = frozenset({"R3.1", "R3.2", "R3.3", "R3.3b", "R3.8", "R4.1", "R4.2", "R4.3"})
