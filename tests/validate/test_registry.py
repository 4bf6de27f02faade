"""The rule table keeps its promises: codes, names, terms, order and filters."""

from __future__ import annotations

import inspect

import attrs
import pytest

from disclosure_report.diagnostics import CODES, Severity
from disclosure_report.model import Edition, Report
from disclosure_report.tables import EDITIONS
from disclosure_report.validate import RULES, Check, SumRule, rules, validate

from ._reports import APPLICATIONS, GRANTED, TOTAL, add, blank, consistent

EMITTED = {rule.code for rule in RULES}


def test_every_code_is_in_the_catalogue() -> None:
    assert set(CODES) >= EMITTED


def test_codes_are_unique() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))


def test_core_rules_are_all_there() -> None:
    core = {"R0.3", "R0.6", "R3.1", "R3.2", "R3.3", "R3.3b", "R3.8", "R4.1", "R4.2", "R4.3"}
    assert core == EMITTED


def test_checks_are_named_after_their_code() -> None:
    for rule in RULES:
        if isinstance(rule, Check):
            assert rule.run.__name__ == "rule_" + rule.code.lower().replace(".", "_")


def test_every_rule_function_is_registered() -> None:
    functions = {
        name
        for name, value in inspect.getmembers(rules, inspect.isfunction)
        if name.startswith("rule")
    }
    registered = {rule.run.__name__ for rule in RULES if isinstance(rule, Check)}
    assert functions == registered
    assert all(name.startswith("rule_") for name in functions)


def test_sum_rules_have_the_catalogue_severity() -> None:
    for rule in RULES:
        if isinstance(rule, SumRule):
            assert rule.severity is CODES[rule.code].severity


@pytest.mark.parametrize("edition", list(Edition))
def test_sum_rule_terms_are_declared(edition: Edition) -> None:
    spec = EDITIONS[edition]
    for rule in RULES:
        if not isinstance(rule, SumRule) or not rule.applies_to(edition):
            continue
        table = spec.table(rule.table)
        declared = (
            {c.key for c in table.columns} if rule.along == "row" else {r.key for r in table.rows}
        )
        assert set(rule.terms) <= declared, rule.code
        assert rule.table in attrs.fields_dict(Report)


@pytest.mark.parametrize("edition", list(Edition))
def test_each_edition_has_one_results_identity(edition: Edition) -> None:
    codes = [r.code for r in RULES if isinstance(r, SumRule) and r.applies_to(edition)]
    assert len([c for c in codes if c.startswith("R3.3")]) == 1


def test_a_sum_rule_needs_terms() -> None:
    with pytest.raises(ValueError, match="at least one term"):
        SumRule(code="X", severity=Severity.ERROR, table="t", along="row", left=(), right=("a",))
    with pytest.raises(ValueError, match="not a term"):
        SumRule(
            code="X", severity=Severity.ERROR, table="t", along="row", left=("a",), right=("b",),
            at="c",
        )  # fmt: skip


# --- order and filters -----------------------------------------------------------------------


def _messy() -> Report:
    report = add(consistent(Edition.E2021, year=2019), APPLICATIONS, GRANTED, TOTAL, 1)
    return blank(report, APPLICATIONS, GRANTED, "natural_person")


def test_findings_follow_the_rule_table() -> None:
    found = validate(_messy())
    order = [rule.code for rule in RULES]
    assert [order.index(d.code) for d in found] == sorted(order.index(d.code) for d in found)
    assert {d.code for d in found} >= {"R0.3", "R0.6", "R3.2"}


@pytest.mark.parametrize(
    ("select", "ignore", "expected"),
    [
        (["R0.6"], None, {"R0.6"}),
        ("R0.6", None, {"R0.6"}),  # a single code as a string
        (["R3"], None, {"R3.2", "R3.3"}),
        (["R3."], None, {"R3.2", "R3.3"}),
        (["R"], None, {"R0.3", "R0.6", "R3.2", "R3.3"}),
        (None, ["R3"], {"R0.3", "R0.6"}),
        (["R3"], ["R3.2"], {"R3.3"}),
        (["R3.3b"], None, set()),  # a 2021 report has no R3.3b
        (["R3.3"], None, {"R3.3"}),
        (["R0"], ["R0"], set()),
        (["X9"], None, set()),
        ([], None, set()),
    ],
)
def test_select_and_ignore(
    select: list[str] | str | None, ignore: list[str] | None, expected: set[str]
) -> None:
    assert {d.code for d in validate(_messy(), select=select, ignore=ignore)} == expected


def test_r3_3_does_not_select_r3_3b() -> None:
    report = add(consistent(Edition.E2019), APPLICATIONS, "results_total", "natural_person", 1)
    assert {d.code for d in validate(report, select=["R3.3"])} == set()
    assert {d.code for d in validate(report, select=["R3.3b"])} == {"R3.3b"}
