"""Diagnostics: ordered severities, selecting codes, locations, both languages, the JSON form."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from disclosure_report.diagnostics import (
    CODES,
    LABEL_SEPARATOR,
    PARSER_CODES,
    Diagnostic,
    Fix,
    Location,
    Severity,
    UnknownCodeError,
    check_selectors,
    code_matches,
    locate,
    without_restated,
)
from disclosure_report.model import Source
from disclosure_report.tables import edition_spec


def test_severities_are_ordered() -> None:
    assert Severity.ERROR > Severity.WARNING > Severity.INFO
    assert Severity.INFO < Severity.ERROR
    assert Severity.WARNING >= Severity.WARNING
    assert sorted([Severity.WARNING, Severity.INFO, Severity.ERROR]) == [
        Severity.INFO,
        Severity.WARNING,
        Severity.ERROR,
    ]
    assert max(Severity) is Severity.ERROR
    assert Severity.ERROR.value == "error"  # still its stable string value
    assert isinstance(Severity.ERROR, str)
    with pytest.raises(TypeError):
        _ = Severity.ERROR < 3  # type: ignore[operator]


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


def test_selectors_are_checked() -> None:
    assert check_selectors(["R3", "P1.4", "S"]) == ("R3", "P1.4", "S")
    with pytest.raises(UnknownCodeError, match=r"R0\.6"):
        check_selectors(["r0.6"])
    with pytest.raises(UnknownCodeError):
        check_selectors(["R9"])


def test_parser_codes_keep_their_meaning() -> None:
    # The parser builds Diagnostic(code=..., severity=CODES[code].severity, message=..., location=...).
    assert {f"P1.{n}" for n in range(1, 11)} <= set(PARSER_CODES)
    assert all(code.startswith("P1.") for code in PARSER_CODES)
    assert CODES["P1.3"].name == "missing-section"
    finding = Diagnostic(
        code="P1.1",
        severity=CODES["P1.1"].severity,
        message="cannot read '十二' as a number",
        location=locate("2021", "applications", "granted", "total", source=Source(line=7)),
    )
    assert finding.message == "cannot read '十二' as a number"
    assert finding.text("en") == finding.message
    assert finding.text("zh").endswith(finding.message)
    assert str(finding).startswith("警告 P1.1 [")
    assert "第7行" in str(finding)
    assert finding.format("en").startswith("warning P1.1 [")


def test_locate_uses_the_official_labels() -> None:
    table = edition_spec("2021").table("applications")
    row = table.row("carried_over")
    location = locate("2021", "applications", "carried_over", "total")
    assert location.labels == (table.label, row.path, row.column("total").path)
    assert location.path == "$.applications.carried_over.total"
    assert location.xpath == "/report/applications/carried_over/total"
    assert str(location).startswith(table.label)
    assert locate("2021", "applications", "no_such_row").labels == (table.label, "no_such_row")


def test_the_separator_is_plain_ascii() -> None:
    assert LABEL_SEPARATOR.isascii()
    LABEL_SEPARATOR.encode("gbk")


def test_expected_actual_and_difference_are_fields() -> None:
    finding = Diagnostic(code="R3.2", severity=Severity.ERROR, expected=21, actual=22)
    assert finding.difference == 1
    assert Diagnostic(code="R3.2", severity=Severity.ERROR, expected=21).difference is None
    amounts = Diagnostic(
        code="R2.1", severity=Severity.ERROR, expected=Decimal("1.5"), actual=Decimal("1.25")
    )
    assert amounts.difference == Decimal("-0.25")


def test_the_json_form() -> None:
    cell = locate("2021", "review_litigation", "cases", "review_total", source=Source(line=3))
    finding = Diagnostic(
        code="R4.1",
        severity=Severity.ERROR,
        location=cell,
        cells=(cell,),
        expected=11,
        actual=0,
        fixes=(Fix(location=cell, value=11),),
        args=(
            ("left", "总计 (0)"),
            ("right", "结果维持 (10) + 结果纠正 (1) = 11"),
            ("difference", 11),
        ),
    )
    data = json.loads(json.dumps(finding.to_dict("en")))
    assert (data["code"], data["name"]) == ("R4.1", "review-total")
    assert data["severity"] == "error"
    assert (data["expected"], data["actual"], data["difference"]) == (11, 0, -11)
    assert data["location"]["xpath"] == "/report/review_litigation/cases/review_total"
    assert data["location"]["source"] == {"line": 3}
    assert data["fixes"] == [{"location": data["location"], "value": 11}]
    assert data["message"].endswith("differ by 11")
    assert finding.to_dict()["message"].endswith("相差11")
    decimal = Diagnostic(code="R2.1", severity=Severity.ERROR, actual=Decimal("0.1"))
    assert decimal.to_dict()["actual"] == "0.1"  # no digit lost


def test_a_finding_of_an_unknown_code_still_prints() -> None:
    finding = Diagnostic(code="X1", severity=Severity.INFO, message="made elsewhere")
    assert finding.name == "X1"
    assert str(finding) == "提示 X1 [$]：made elsewhere"


def test_location_equality_ignores_labels_and_source() -> None:
    assert Location(section="a", labels=("x",), source=Source(line=1)) == Location(section="a")


def test_a_parser_finding_the_validator_restates_at_its_place_is_left_out() -> None:
    def finding(code: str, section: str | None) -> Diagnostic:
        return Diagnostic(
            code=code,
            severity=CODES[code].severity,
            location=Location(section=section),
            message="x",
        )

    not_found = finding("P1.8", "publication_date")
    organ = finding("P1.8", "organ")
    other = finding("P1.10", "publication_date")  # not a restated code: kept
    validated = [finding("M4", "publication_date")]
    assert without_restated([not_found, organ, other], validated) == (organ, other)
    assert without_restated([not_found], []) == (not_found,)
