"""Diagnostics: selecting codes, locations with official labels."""

from __future__ import annotations

import pytest

from disclosure_report.diagnostics import CODES, code_matches, locate
from disclosure_report.tables import edition_spec


@pytest.mark.parametrize(
    ("code", "selector", "expected"),
    [
        ("R3.1", "R3.1", True),
        ("R3.1", "R3", True),
        ("R3.1", "R", True),
        ("R3.3b", "R3.3", False),
        ("P1.10", "P1.1", False),
        ("P1.10", "P1", True),
        ("R0.6", "R3", False),
    ],
)
def test_code_matches(code: str, selector: str, expected: bool) -> None:
    assert code_matches(code, selector) is expected


def test_every_code_has_a_name_and_summary() -> None:
    assert all(info.name and info.summary for info in CODES.values())
    assert len({(info.name, code[0]) for code, info in CODES.items()}) >= len(CODES) - 1


def test_locate_uses_the_official_labels() -> None:
    table = edition_spec("2021").table("applications")
    row = table.row("carried_over")
    location = locate("2021", "applications", "carried_over", "total")
    assert location.labels == (table.label, row.path, row.column("total").path)
    assert location.path == "$.applications.carried_over.total"
    assert str(location).startswith(table.label)
    assert locate("2021", "applications", "no_such_row").labels == (table.label, "no_such_row")
