"""Checks across reports: one body over the years, and children rolled up into a parent."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from attrs import frozen

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.model import Report

__all__ = ["SERIES_CODES", "Rollup", "check_rollup", "rollup", "validate_series"]

SERIES_CODES: Final = ("R0.7", "R2.2", "R3.6", "R6.2")


@frozen
class Rollup:
    report: Report
    diagnostics: tuple[Diagnostic, ...]


def validate_series(reports: Iterable[Report]) -> tuple[Diagnostic, ...]:
    return ()


def rollup(children: Iterable[Report], *, organ: str, year: int) -> Rollup:
    raise NotImplementedError


def check_rollup(parent: Report, children: Iterable[Report]) -> tuple[Diagnostic, ...]:
    return ()
