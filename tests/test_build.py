"""Building reports in code: blank reports, cells by key and by label, totals on request."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

import disclosure_report as dr
from disclosure_report.conformance import nonconformities
from disclosure_report.keys import ReviewLitigationColumn
from disclosure_report.model import Cell, Edition, Report
from disclosure_report.tables import TableSpec, edition_spec


@pytest.mark.parametrize("edition", list(Edition))
def test_blank_report_has_every_template_row_and_cell_blank(edition: Edition) -> None:
    report = dr.blank_report(edition, organ="某某局", year=2024, publication_date=date(2025, 1, 20))
    assert nonconformities(report) == ()
    assert (report.organ, report.year, report.publication_date) == (
        "某某局",
        2024,
        date(2025, 1, 20),
    )
    spec = edition_spec(edition)
    for section in spec.sections:
        value = getattr(report, section.key)
        assert value.heading == section.label
        if not isinstance(section, TableSpec):
            continue
        template = section.expected_rows(())
        assert [r.key for r in value.rows] == [r.key for r in template]
        assert not any(r.optional for r in template), "no optional row"
        for row, spec_row in zip(value.rows, template, strict=True):
            assert [c.column for c in row.cells] == [
                c.key for c in spec_row.columns if not c.optional
            ]
            assert all(c.is_blank for c in row.cells)
    assert dr.from_json(dr.to_json(report)) == report
    assert dr.from_xml(dr.to_xml(report)) == report


def test_optional_rows_and_columns_only_when_asked() -> None:
    report = dr.blank_report(
        "2021", optional_rows=["other_handling"], optional_columns=["legal_person_subtotal"]
    )
    assert nonconformities(report) == ()
    table = report.applications
    assert table is not None
    keys = [r.key for r in table.rows]
    assert "other_handling" in keys
    assert "other_misc" not in keys
    assert table.cell("granted", "legal_person_subtotal").is_blank
    with pytest.raises(dr.BuildError, match="not an optional row of edition 2019"):
        dr.blank_report("2019", optional_rows=["other_handling"])
    with pytest.raises(dr.BuildError, match="legal_person_subtotal"):
        dr.blank_report("2021", optional_columns=["subtotal"])


def test_replace_cell_by_key_in_one_call() -> None:
    report = dr.blank_report("2021")
    changed = dr.replace_cell(report, "applications", "granted", "natural_person", 12)
    assert changed.applications is not None
    assert changed.applications.cell("granted", "natural_person").value == 12
    assert report.applications is not None
    assert report.applications.cell("granted", "natural_person").is_blank, (
        "the original is unchanged"
    )
    marked = dr.replace_cell(changed, "applications", "granted", "total", marker="/")
    assert marked.applications is not None
    assert marked.applications.cell("granted", "total") == Cell(column="total", marker="/")
    fee = dr.replace_cell(
        report,
        "proactive_disclosure",
        "administrative_fees",
        "fee_amount_wan_yuan",
        Decimal("1.25"),
    )
    assert fee.proactive_disclosure is not None
    assert fee.proactive_disclosure.cell(
        "administrative_fees", "fee_amount_wan_yuan"
    ).value == Decimal("1.25")


@pytest.mark.parametrize(
    ("section", "row", "column", "listed"),
    [
        (
            "applicatons",
            "granted",
            "total",
            "proactive_disclosure, applications, review_litigation",
        ),
        ("applications", "grnted", "total", "new_received, carried_over, granted"),
        ("applications", "granted", "totl", "natural_person, commercial_enterprise"),
        (
            "proactive_disclosure",
            "centralized_procurement",
            "procurement_items",
            "regulations, normative_documents",
        ),
    ],
)
def test_unknown_keys_list_the_valid_ones(section: str, row: str, column: str, listed: str) -> None:
    report = dr.blank_report("2021")
    with pytest.raises(dr.BuildError) as caught:
        dr.replace_cell(report, section, row, column, 1)  # type: ignore[call-overload]
    assert listed in str(caught.value)


def test_a_change_that_would_not_fit_is_refused() -> None:
    report = dr.blank_report("2021")
    with pytest.raises(dr.BuildError, match="would not fit edition 2021"):
        dr.replace_cell(report, "applications", "other_handling", "total", 1)
    with pytest.raises(dr.BuildError, match="fraction"):
        dr.replace_cell(report, "applications", "granted", "total", Decimal("1.5"))


def test_a_missing_template_row_is_added_in_order() -> None:
    report = Report(edition="2021")
    changed = dr.replace_cells(
        report, "applications", {"carried_forward": {"total": 3}, "new_received": {"total": 1}}
    )
    assert changed.applications is not None
    assert [r.key for r in changed.applications.rows] == ["new_received", "carried_forward"]
    assert nonconformities(changed) == ()


@pytest.mark.parametrize(
    ("section", "row", "column", "where"),
    [
        (
            "三、收到和处理政府信息公开申请情况",
            "（一）予以公开",
            "自然人",
            ("applications", "granted", "natural_person"),
        ),
        (
            "收到和处理政府信息公开申请情况",
            "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
            "法人或其他组织/商业企业",
            ("applications", "withheld_state_secret", "commercial_enterprise"),
        ),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "",
            "行政诉讼/复议后起诉/总计",
            ("review_litigation", "cases", "litigation_after_review_total"),
        ),
        (
            "二、主动公开政府信息情况",
            "行政事业性收费",
            "本年收费金额",
            ("proactive_disclosure", "administrative_fees", "fee_amount_wan_yuan"),
        ),
        (
            "行政机关主动公开政府信息情况",
            "规范性文件",
            "本年制发件数",
            ("proactive_disclosure", "normative_documents", "issued"),
        ),
    ],
)
def test_replace_cell_by_official_label(
    section: str, row: str, column: str, where: tuple[str, str, str]
) -> None:
    report = dr.blank_report("2021")
    changed = dr.replace_cell_by_label(report, section, row, column, 7)
    table = getattr(changed, where[0])
    assert table.cell(where[1], where[2]).value == 7


def test_an_ambiguous_or_unknown_label_lists_the_choices() -> None:
    report = dr.blank_report("2021")
    with pytest.raises(
        dr.BuildError, match="ambiguous: write one of 行政复议/总计; 行政诉讼/未经复议直接起诉/总计"
    ):
        dr.replace_cell_by_label(report, "四、政府信息公开行政复议、行政诉讼情况", "", "总计", 1)
    with pytest.raises(dr.BuildError, match="the rows are 一、本年新收政府信息公开申请数量"):
        dr.replace_cell_by_label(
            report, "三、收到和处理政府信息公开申请情况", "（九）其他", "总计", 1
        )


def test_fill_totals_only_when_asked_and_never_with_blanks() -> None:
    report = dr.blank_report("2021")
    parts: dict[ReviewLitigationColumn, int] = {
        "review_upheld": 2,
        "review_corrected": 1,
        "review_other": 0,
        "review_pending": 4,
    }
    report = dr.replace_cells(report, "review_litigation", {"cases": parts})
    assert report.review_litigation is not None
    assert report.review_litigation.cell("cases", "review_total").is_blank, "never silently"
    partly = dr.replace_cell(report, "review_litigation", "cases", "litigation_direct_upheld", 1)
    with pytest.raises(dr.BuildError, match="blank is not 0"):
        dr.fill_totals(partly, "R4.1", "R4.2")
    untouched = dr.fill_totals(report, "R4.1", "R4.2")  # R4.2's parts are all blank
    assert untouched.review_litigation is not None
    assert untouched.review_litigation.cell("cases", "litigation_direct_total").is_blank
    filled = dr.fill_totals(report, "R4.1")
    assert filled.review_litigation is not None
    assert filled.review_litigation.cell("cases", "review_total").value == 7
    with pytest.raises(dr.BuildError, match="name the totals"):
        dr.fill_totals(report)
    with pytest.raises(dr.BuildError, match="not a rule with one total"):
        dr.fill_totals(report, "R3.1")
    wrong = dr.replace_cell(report, "review_litigation", "cases", "review_total", 6)
    with pytest.raises(dr.BuildError, match="holds 6, but its parts add up to 7"):
        dr.fill_totals(wrong, "R4.1")


def test_fill_totals_of_table_three_gives_a_report_the_validator_accepts() -> None:
    spec = edition_spec("2021").table("applications")
    columns: list[Any] = [c.key for c in spec.columns if not c.optional and c.key != "total"]
    report = dr.blank_report("2021", year=2024)
    results: list[Any] = [
        r.key for r in spec.expected_rows(()) if r.groups and r.key != "results_total"
    ]
    values: dict[Any, dict[Any, int]] = {
        row: {c: (i + j) % 3 for j, c in enumerate(columns)} for i, row in enumerate(results)
    }
    values["carried_over"] = dict.fromkeys(columns, 0)
    values["carried_forward"] = dict.fromkeys(columns, 0)
    report = dr.replace_cells(report, "applications", values)
    report = dr.fill_totals(report, "R3.2", "R3.3")
    table = report.applications
    assert table is not None
    totals = {c: sum(values[r][c] for r in results) for c in columns}
    report = dr.replace_cells(report, "applications", {"new_received": totals})
    report = dr.fill_totals(report, "R3.2")
    sums = [d for d in dr.validate(report, select=["R3"]) if d.severity is dr.Severity.ERROR]
    assert sums == []
    assert report.applications is not None
    assert report.applications.cell("results_total", "total").value == sum(totals.values())
