"""The sum identities declared in tables.py: well formed, and true of real and built reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings

from disclosure_report.accuracy import _expected_cells
from disclosure_report.model import Edition, Report, Table
from disclosure_report.tables import EDITIONS, Along, Identity, TableSpec, edition_spec
from strategies import consistent_reports

CORPUS = Path(__file__).parent / "corpus"


def _tables() -> list[tuple[Edition, TableSpec]]:
    return [(e, t) for e, spec in EDITIONS.items() for t in spec.tables]


@pytest.mark.parametrize(("edition", "table"), _tables(), ids=lambda x: str(getattr(x, "key", x)))
def test_every_term_is_a_row_or_column_of_its_table(edition: Edition, table: TableSpec) -> None:
    rows = {r.key for r in table.rows}
    columns = {c.key for c in table.columns}
    for identity in table.identities:
        keys = columns if identity.along is Along.ROW else rows
        assert set(identity.terms) <= keys, f"{edition} {identity}"
        assert not set(identity.left) & set(identity.right)


def test_the_format_states_these_identities() -> None:
    """FORMAT.md §7.2, §7.3: the rules that are sums, in both editions."""
    for spec in EDITIONS.values():
        codes = {i.code for t in spec.tables for i in t.identities}
        results = "R3.3" if spec.edition is Edition.E2021 else "R3.3b"
        assert codes == {"R3.1", "R3.2", results, "R3.8", "R4.1", "R4.2", "R4.3"}


def test_the_2021_results_identity_follows_the_rows_printed() -> None:
    """（六）其他处理 as one row (the 2019 layout) stands for its three sub-rows."""
    table = edition_spec(Edition.E2021).table("applications")
    results = [i for i in table.identities if i.code == "R3.3"]
    template = {r.key for r in table.expected_rows(())}
    hybrid = {r.key for r in table.expected_rows({"other_handling"})}
    assert [i.applies(template) for i in results] == [True, False]
    assert [i.applies(hybrid) for i in results] == [False, True]


def _holds(identity: Identity, table: Table, spec: TableSpec) -> list[bool]:
    """Whether ``identity`` holds in each line of ``table`` where every term has a number."""
    out = []
    if identity.along is Along.ROW:
        lines = [{c.column: c.value for c in row.cells} for row in table.rows]
    else:
        present = {r.key for r in table.rows}
        if not identity.applies({r.key for r in spec.expected_rows(present)}):
            return []
        lines = [
            {
                r.key: r.cell(c.key).value
                for r in table.rows
                if any(x.column == c.key for x in r.cells)
            }
            for c in spec.columns
        ]
    for line in lines:
        values = [line.get(k) for k in identity.terms]
        if any(v is None for v in values):
            continue
        left = sum(line[k] for k in identity.left)  # type: ignore[misc]
        right = sum(line[k] for k in identity.right)  # type: ignore[misc]
        out.append(left == right)
    return out


@settings(max_examples=30)
@given(consistent_reports())
def test_a_consistent_report_satisfies_every_identity(report: Report) -> None:
    """The test strategy builds consistency by hand: the declaration must agree with it."""
    spec = edition_spec(report.edition)
    for table_spec in spec.tables:
        table = getattr(report, table_spec.key)
        if table is None:
            continue
        for identity in table_spec.identities:
            assert all(_holds(identity, table, table_spec)), str(identity)


@pytest.mark.parametrize("name", ["000", "007", "009", "011", "014", "002", "006"])
def test_the_corpus_truths_break_only_what_their_notes_say(name: str) -> None:
    truth = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    spec = edition_spec(truth["edition"])
    grid: dict[str, dict[str, dict[str, object]]] = {}
    for _, section, row, column, value in _expected_cells(truth):
        grid.setdefault(section, {}).setdefault(row, {})[column] = value
    broken = 0
    for table_spec in spec.tables:
        rows = grid.get(table_spec.key, {})
        for identity in table_spec.identities:
            if identity.along is Along.ROW:
                lines = list(rows.values())
            else:
                expected = {r.key for r in table_spec.expected_rows(rows.keys())}
                if not identity.applies(expected):
                    continue
                columns = {c for line in rows.values() for c in line}
                lines = [{r: rows[r].get(c) for r in rows} for c in columns]
            for line in lines:
                values = [line.get(k) for k in identity.terms]
                if any(v is None for v in values):
                    continue
                if sum(line[k] for k in identity.left) != sum(line[k] for k in identity.right):  # type: ignore[misc]
                    broken += 1
    listed = [v for v in truth["consistency_violations"] if not v.startswith("note")]
    assert broken == len(listed)


def test_the_validator_checks_the_same_sums_under_the_same_codes() -> None:
    """The identities the parser recovers cells by are the sums the validator checks: the
    validator's rules name the declared groups, whose totals and members are the identities'
    terms, under the same codes (no second list of which cells add up drifts apart)."""
    from disclosure_report.validate import RULES, ColumnTotal, RowTotal, SumRule

    for spec in EDITIONS.values():
        for table in spec.tables:
            for identity in table.identities:
                rules = [r for r in RULES if getattr(r, "code", None) == identity.code]
                assert rules, identity
                (rule,) = rules
                if isinstance(rule, ColumnTotal):
                    group = table.column_group(rule.group)
                    assert (identity.along, identity.left, identity.right) == (
                        Along.ROW,
                        (group.total,),
                        group.columns,
                    )
                elif isinstance(rule, RowTotal):
                    rows = table.row_group(rule.group)
                    assert identity.along is Along.COLUMN
                    assert identity.left == (rows.total,)
                    assert rule.edition in (None, spec.edition)
                else:
                    assert isinstance(rule, SumRule)
                    assert (rule.left, rule.right) == (identity.left, identity.right)
