"""Property: the pruned search finds exactly the splits a brute force finds.

The brute force tries every set of cut positions, keeps the pieces that are 0 or have no
leading zero, cuts at every space, and keeps the splits where the row's identities hold. The
search reads totals from the end, bounds parts by them and remembers segments; none of that
may lose a split or add one.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_report.model import Edition
from disclosure_report.parse._recover import _row_rules, _RowRule, _Search
from disclosure_report.tables import Column, edition_spec

pytestmark = pytest.mark.property

_SPEC = edition_spec(Edition.E2021)
_APPLICATIONS = _SPEC.table("applications")
_ROW = _APPLICATIONS.row("granted")
_SEVEN = tuple(c for c in _ROW.columns if not c.optional)
_EIGHT = tuple(_ROW.columns)
_REVIEW = _SPEC.table("review_litigation")
_FIFTEEN = tuple(_REVIEW.rows[0].columns)


def _brute(chunks: list[str], count: int, rules: list[_RowRule]) -> set[tuple[int, ...]]:
    text = "".join(chunks)
    walls = set(itertools.accumulate(len(c) for c in chunks[:-1]))
    found = set()
    for cuts in itertools.combinations(range(1, len(text)), count - 1):
        if not walls <= set(cuts):
            continue
        bounds = (0, *cuts, len(text))
        pieces = [text[a:b] for a, b in itertools.pairwise(bounds)]
        if any(p != "0" and p.startswith("0") for p in pieces):
            continue
        values = [int(p) for p in pieces]
        if all(values[r.total] == sum(values[p] for p in r.parts) for r in rules):
            found.add(tuple(values))
    return found


def _searched(
    chunks: list[str], columns: tuple[Column, ...], rules: list[_RowRule]
) -> set[tuple[int, ...]]:
    search = _Search(chunks, [c.kind for c in columns], rules, 10**6)
    return {tuple(p.value for p in split) for split in search.run()}  # type: ignore[misc]


def _runs(digits: int) -> st.SearchStrategy[list[str]]:
    """Digit strings, with a few spaces (chunk boundaries) in them."""
    text = st.text(st.sampled_from("0001123456789"), min_size=1, max_size=digits)
    return text.flatmap(
        lambda t: st.lists(st.integers(1, max(len(t) - 1, 1)), max_size=2, unique=True).map(
            lambda cuts: [
                t[a:b]
                for a, b in itertools.pairwise((0, *sorted(c for c in cuts if c < len(t)), len(t)))
            ]
        )
    )


@st.composite
def consistent_runs(draw: st.DrawFn, columns: tuple[Column, ...]) -> list[str]:
    """The digits of a row whose identities hold, so that splits exist."""
    rules = _row_rules(columns, _APPLICATIONS.identities + _REVIEW.identities)
    values = [draw(st.integers(0, 120)) for _ in columns]
    for rule in sorted(rules, key=lambda r: -len(r.parts)):
        values[rule.total] = sum(values[p] for p in rule.parts)
    for rule in rules:
        values[rule.total] = sum(values[p] for p in rule.parts)
    return ["".join(str(v) for v in values)]


@settings(max_examples=60)
@given(st.one_of(_runs(13), consistent_runs(_SEVEN)))
def test_seven_columns(chunks: list[str]) -> None:
    rules = _row_rules(_SEVEN, _APPLICATIONS.identities)
    assert _searched(chunks, _SEVEN, rules) == _brute(chunks, 7, rules)


@settings(max_examples=40)
@given(st.one_of(_runs(14), consistent_runs(_EIGHT)))
def test_eight_columns_with_the_subtotal(chunks: list[str]) -> None:
    rules = _row_rules(_EIGHT, _APPLICATIONS.identities)
    assert _searched(chunks, _EIGHT, rules) == _brute(chunks, 8, rules)


@settings(max_examples=25)
@given(st.one_of(_runs(18), consistent_runs(_FIFTEEN).filter(lambda c: len(c[0]) <= 20)))
def test_fifteen_columns_of_review_and_litigation(chunks: list[str]) -> None:
    rules = _row_rules(_FIFTEEN, _REVIEW.identities)
    assert _searched(chunks, _FIFTEEN, rules) == _brute(chunks, 15, rules)


@settings(max_examples=40)
@given(_runs(10))
def test_without_identities(chunks: list[str]) -> None:
    columns = _SEVEN[:3]
    assert _searched(chunks, columns, []) == _brute(chunks, 3, [])
