"""Typed keys: generated from the declaration, checked in unchanged, and caught by mypy."""

from __future__ import annotations

import textwrap
import typing
from pathlib import Path

import pytest
from mypy import api

from disclosure_report import keys
from disclosure_report._generate_keys import TARGET, constant_name, keys_source, type_name
from disclosure_report.tables import EDITIONS

ROOT = Path(__file__).parents[1]


def test_checked_in_keys_match_the_declaration() -> None:
    """Fails after a change to tables.py until `python -m disclosure_report._generate_keys` is run."""
    assert TARGET.read_text(encoding="utf-8") == keys_source()


def test_every_key_is_a_literal_and_a_constant_with_its_label() -> None:
    for edition, spec in EDITIONS.items():
        for table in spec.tables:
            stem = type_name(table.key)
            rows = typing.get_args(getattr(keys, f"{stem}Row{edition}"))
            columns = typing.get_args(getattr(keys, f"{stem}Column{edition}"))
            assert rows == tuple(r.key for r in table.rows)
            assert columns == tuple(c.key for c in table.columns)
            assert set(rows) <= set(typing.get_args(getattr(keys, f"{stem}Row")))
            for row in table.rows:
                assert getattr(getattr(keys, f"{stem}Rows"), constant_name(row.key)) == row.key
            for column in table.columns:
                constants = getattr(keys, f"{stem}Columns")
                assert getattr(constants, constant_name(column.key)) == column.key


def _mypy(tmp_path: Path, code: str) -> tuple[str, int]:
    snippet = tmp_path / "snippet.py"
    snippet.write_text(textwrap.dedent(code), encoding="utf-8")
    stdout, _stderr, status = api.run(
        [
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(tmp_path / ".mypy_cache"),
            "--python-version",
            "3.11",
            str(snippet),
        ]
    )
    return stdout, status


@pytest.mark.slow
def test_mypy_catches_a_misspelt_key(tmp_path: Path) -> None:
    stdout, status = _mypy(
        tmp_path,
        """
        import disclosure_report as dr
        from disclosure_report.keys import ApplicationsColumns, ApplicationsRows

        report = dr.blank_report("2021")
        table = report.applications
        assert table is not None
        table.cell("granted", "natural_person")
        table.cell(ApplicationsRows.GRANTED, ApplicationsColumns.NATURAL_PERSON)
        dr.replace_cell(report, "applications", "granted", "total", 1)
        dr.replace_cells(report, "review_litigation", {"cases": {"review_total": 1}})
        table.cell("grnted", "natural_person")  # line 12
        table.cell("granted", "natral_person")  # line 13
        dr.replace_cell(report, "applications", "grnted", "total", 1)  # line 14
        dr.replace_cells(report, "review_litigation", {"cases": {"review_totl": 1}})  # line 15
        """,
    )
    lines = sorted({int(line.split(":")[1]) for line in stdout.splitlines() if ": error:" in line})
    assert lines == [12, 13, 14, 15], stdout
    assert status == 1
