"""The rule table and its engine keep their promises: definitions, compiling, selection, order."""

from __future__ import annotations

import inspect

import attrs
import pytest

from disclosure_report.diagnostics import CODES, UnknownCodeError
from disclosure_report.model import Edition
from disclosure_report.tables import EDITIONS
from disclosure_report.validate import (
    RULES,
    AtLeast,
    Check,
    ColumnTotal,
    RequiredField,
    RowTotal,
    RuleDefinitionError,
    SumRule,
    _engine,
    narrative,
    rules,
    validate,
)
from disclosure_report.validate._engine import plan

from ._reports import APPLICATIONS, GRANTED, NATURAL_PERSON, TOTAL, add, blank, consistent


def test_every_rule_code_is_catalogued_and_unique() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert set(codes) <= set(CODES)


def test_checks_are_named_after_their_code() -> None:
    for rule in RULES:
        if isinstance(rule, Check):
            assert rule.run.__name__ == "rule_" + rule.code.lower().replace(".", "_")


def test_every_rule_function_is_registered() -> None:
    functions = {
        f"{module.__name__}.{name}"
        for module in (rules, narrative)
        for name, value in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("rule_") and value.__module__ == module.__name__
    }
    registered = {f"{r.run.__module__}.{r.run.__name__}" for r in RULES if isinstance(r, Check)}
    assert functions == registered


def test_catalogue_entries_are_complete() -> None:
    names = [info.name for info in CODES.values()]
    assert len(names) == len(set(names))  # a unique short name per code
    for code, info in CODES.items():
        for value in (
            info.name,
            info.summary,
            info.summary_zh,
            info.zh,
            info.en,
            info.basis,
            info.since,
        ):
            assert value, code


# --- rules fail when they are defined, not when they run --------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: SumRule(code="R3.1", table="no_such_table", along="row", left=("a",), right=("b",)),
        lambda: SumRule(
            code="R3.1",
            table=APPLICATIONS,
            along="column",
            left=("no_such_row",),
            right=("granted",),
        ),
        lambda: SumRule(
            code="R3.1", table=APPLICATIONS, along="row", left=(TOTAL,), right=("no_such_column",)
        ),
        lambda: SumRule(
            code="R9.9", table=APPLICATIONS, along="row", left=(TOTAL,), right=(NATURAL_PERSON,)
        ),
        lambda: SumRule(
            code="R3.1", table=APPLICATIONS, along="row", left=(), right=(NATURAL_PERSON,)
        ),
        lambda: SumRule(
            code="R3.1",
            table=APPLICATIONS,
            along="row",
            left=(TOTAL,),
            right=(NATURAL_PERSON,),
            at="granted",
        ),
        lambda: ColumnTotal(code="R3.2", table=APPLICATIONS, group="no_such_group"),
        lambda: RowTotal(
            code="R3.3", table=APPLICATIONS, group="withheld"
        ),  # a group without a total
        lambda: AtLeast(code="R2.3", table="proactive_disclosure", along="row", left=("no_such",)),
        lambda: RequiredField(code="M1", field="no_such_field"),
        lambda: Check("R0.3", "not a function"),  # type: ignore[arg-type]
        lambda: ColumnTotal(code="R3.2", table="review_litigation", group="applicants"),
    ],
)
def test_a_rule_naming_what_nobody_declares_fails_at_definition(make: object) -> None:
    with pytest.raises(RuleDefinitionError):
        make()  # type: ignore[operator]


def test_a_rule_on_one_editions_keys_is_simply_not_compiled_for_another() -> None:
    # 对外公开总数量 is a 2019 column: R2.3 is checked in 2019 reports only.
    compiled = {e: {r.code for r in plan(RULES, e).rules} for e in Edition}
    assert "R2.3" in compiled[Edition.E2019]
    assert "R2.3" not in compiled[Edition.E2021]
    assert "R3.3" in compiled[Edition.E2021]
    assert "R3.3b" not in compiled[Edition.E2021]
    assert "R3.3b" in compiled[Edition.E2019]
    assert "R3.3" not in compiled[Edition.E2019]


def test_plans_are_compiled_once_per_edition_and_selection() -> None:
    assert plan(RULES, Edition.E2021) is plan(RULES, Edition.E2021)
    assert plan(RULES, Edition.E2021, ("R3",)) is not plan(RULES, Edition.E2021)


def test_a_new_edition_is_data(monkeypatch: pytest.MonkeyPatch) -> None:
    # An edition without table 四 compiles: the rules on 四 simply do not apply to it.
    spec = EDITIONS[Edition.E2021]
    smaller = attrs.evolve(
        spec, sections=tuple(s for s in spec.sections if s.key != "review_litigation")
    )
    monkeypatch.setitem(EDITIONS, Edition.E2021, smaller)
    monkeypatch.setattr(_engine, "_PLANS", {})  # compiled plans of the real edition stay apart
    codes = {r.code for r in plan(RULES, Edition.E2021, ("R",), ("R0",)).rules}
    assert "R3.2" in codes
    assert not {"R4.1", "R4.2", "R4.3", "R4.4"} & codes


# --- order and selection -----------------------------------------------------------------------


def _messy() -> object:
    report = add(consistent(Edition.E2021, year=2019), APPLICATIONS, GRANTED, TOTAL, 1)
    return blank(report, APPLICATIONS, GRANTED, NATURAL_PERSON)


def test_findings_follow_the_rule_table() -> None:
    found = validate(_messy(), suggestions=False)  # type: ignore[arg-type]
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
        (None, ["R3", "R4", "R6", "S", "R0.4", "R0.5", "E", "R2"], {"R0.3", "R0.6"}),
        (["R3"], ["R3.2"], {"R3.3"}),
        (["R3.3b"], None, set()),  # a 2021 report has no R3.3b
        (["R3.3"], None, {"R3.3"}),
        (["R0"], ["R0"], set()),
        ([], None, set()),
    ],
)
def test_select_and_ignore(
    select: list[str] | str | None, ignore: list[str] | None, expected: set[str]
) -> None:
    found = validate(_messy(), select=select, ignore=ignore, suggestions=False)  # type: ignore[arg-type]
    assert {d.code for d in found} == expected


@pytest.mark.parametrize("selector", ["R9.9", "r0.6", "X", "R3.33", "", "P2"])
@pytest.mark.parametrize("where", ["select", "ignore"])
def test_an_unknown_selector_is_an_error(selector: str, where: str) -> None:
    with pytest.raises(UnknownCodeError) as raised:
        validate(consistent(Edition.E2021), **{where: [selector]})  # type: ignore[arg-type]
    assert repr(selector) in str(raised.value)


def test_an_unknown_selector_suggests_the_code_it_may_mean() -> None:
    with pytest.raises(UnknownCodeError, match=r"R0\.6"):
        validate(consistent(Edition.E2021), ignore=["r0.6"])


def test_r3_3_does_not_select_r3_3b() -> None:
    report = add(consistent(Edition.E2019), APPLICATIONS, "results_total", NATURAL_PERSON, 1)
    assert {d.code for d in validate(report, select=["R3.3"])} == set()
    assert {d.code for d in validate(report, select=["R3.3b"])} == {"R3.3b"}
