"""Which edition a report's tables follow: by the labels only one edition has, then the year."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from disclosure_report.diagnostics import Diagnostic, Location
from disclosure_report.model import Edition
from disclosure_report.tables import EDITIONS, EditionSpec, normalise_label

from ._raw import RawTable, diagnostic

__all__ = ["detect_edition"]

EDITION_GUESSED = "P1.7"


def _table_labels(spec: EditionSpec) -> set[str]:
    labels: set[str] = set()
    for table in spec.tables:
        labels.update(normalise_label(r.label) for r in table.rows)
        labels.update(normalise_label(c.label) for c in table.columns)
        labels.update(normalise_label(g.label) for g in table.groups)
    return labels - {""}


@cache
def _edition_markers() -> dict[Edition, frozenset[str]]:
    """Labels official in one edition only, that no other edition accepts even as a variant."""
    everything = {
        edition: {normalise_label(label) for label in spec.labels()}
        for edition, spec in EDITIONS.items()
    }
    markers: dict[Edition, frozenset[str]] = {}
    for edition, spec in EDITIONS.items():
        others = set().union(*(v for k, v in everything.items() if k is not edition))
        markers[edition] = frozenset(_table_labels(spec) - others)
    return markers


def detect_edition(
    tables: Iterable[RawTable], year: int | None, diagnostics: list[Diagnostic]
) -> Edition:
    """The edition whose own labels the tables print most; else the one the year calls for."""
    seen = {normalise_label(c.text) for t in tables for r in t.rows for c in r.cells}
    scores = {e: len(seen & markers) for e, markers in _edition_markers().items()}
    best = max(scores.values())
    leaders = [e for e, s in scores.items() if s == best]
    if best > 0 and len(leaders) == 1:
        return leaders[0]
    by_year = [e for e in leaders if year is not None and EDITIONS[e].covers(year)]
    edition = by_year[0] if by_year else max(leaders)
    how = f"report year {year}" if by_year else "the latest edition"
    diagnostics.append(
        diagnostic(
            EDITION_GUESSED,
            f"the table labels do not show the edition; assumed {edition} from {how}",
            Location(),
        )
    )
    return edition
