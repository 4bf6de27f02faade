"""Cells recovered from runs whose boundaries were lost: proved, or blank with a finding.

Each test builds the runs a crawler-text reader would hand over and calls the recovery
directly; the expected cells are worked out by hand in the test (the corpus truths' notes
explain the same splits).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from disclosure_report.diagnostics import Diagnostic
from disclosure_report.model import Cell, Edition, Row
from disclosure_report.parse import _recover as recovery
from disclosure_report.parse._recover import Recovered, Run, recover
from disclosure_report.tables import TableSpec, edition_spec

_2019 = edition_spec(Edition.E2019)
_2021 = edition_spec(Edition.E2021)
APPLICATIONS_2019 = _2019.table("applications")
APPLICATIONS_2021 = _2021.table("applications")
PROACTIVE_2019 = _2019.table("proactive_disclosure")
REVIEW = _2021.table("review_litigation")


def _run(
    table: TableSpec, row: str, text: str, *, subtotal: bool = False, lined: bool = False
) -> Run:
    spec = table.row(row)
    columns = tuple(c for c in spec.columns if not c.optional or subtotal)
    return Run(spec, columns, text, spec.label, lined=lined)


def _recover(
    table: TableSpec, runs: Sequence[Run], known: dict[str, Row] | None = None
) -> tuple[dict[str, list[object]], list[Diagnostic]]:
    edition = Edition.E2021 if table in _2021.tables else Edition.E2019
    recovered, findings = recover(table, edition, runs, known or {})
    return {r.run.row.key: _values(r) for r in recovered}, findings


def _values(recovered: Recovered) -> list[object]:
    return [c.value if c.marker is None else c.marker for c in recovered.cells]


def _codes(findings: list[Diagnostic]) -> list[str]:
    return sorted({d.code for d in findings})


def _known(table: TableSpec, rows: dict[str, list[int]]) -> dict[str, Row]:
    known = {}
    for key, values in rows.items():
        columns = [c for c in table.row(key).columns if not c.optional]
        known[key] = Row(
            key=key,
            cells=tuple(Cell(column=c.key, value=v) for c, v in zip(columns, values, strict=True)),
        )
    return known


def test_a_run_split_by_its_row_total() -> None:
    """The issue's own example: 230 000023 is 23|0|0|0|0|0|23 once 总计 must hold."""
    cells, findings = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "new_received", "230 000023")]
    )
    assert cells["new_received"] == [23, 0, 0, 0, 0, 0, 23]
    assert _codes(findings) == ["P1.20"]
    assert len(findings) == 7  # one finding per recovered cell, at that cell
    assert {d.location.column for d in findings} == {
        c.key for c in _run(APPLICATIONS_2019, "new_received", "").columns
    }
    assert all("R3.2" in d.message for d in findings)


def test_a_run_with_one_digit_per_cell_needs_no_identity() -> None:
    cells, findings = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "carried_over", "1000001")]
    )
    assert cells["carried_over"] == [1, 0, 0, 0, 0, 0, 1]
    assert all(d.code == "P1.20" and "only way" in d.message for d in findings)


def test_the_one_split_of_the_digits_that_breaks_the_total_is_not_taken() -> None:
    """258 12 1 1 under seven cells: a Word table's text that lost its blank cells.

    The digits fit the cells one way only (2|5|8|1|2|1|1), and 总计 does not hold for it: lost
    blanks and a publisher's wrong total cannot be told apart, so nothing is proven.
    """
    for text in ("258 12 1 1", "1000002"):
        cells, findings = _recover(APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", text)])
        assert cells["granted"] == [None] * 7
        (finding,) = findings
        assert finding.code == "P1.22"
        assert "R3.2" in finding.message
        assert "lost blank cells" in finding.message


def test_every_cell_printed_apart_is_read_as_printed_though_its_total_is_broken() -> None:
    cells, findings = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "carried_over", "1 0 0 0 0 0 2")]
    )
    assert cells["carried_over"] == [1, 0, 0, 0, 0, 0, 2]  # the validator reports R3.2
    assert all(d.code == "P1.20" for d in findings)


def test_a_run_that_splits_several_ways_stays_blank_and_lists_the_candidates() -> None:
    """规范性文件 898989 under three columns without an identity: never guessed."""
    cells, findings = _recover(
        PROACTIVE_2019, [_run(PROACTIVE_2019, "normative_documents", "898989")]
    )
    assert cells["normative_documents"] == [None, None, None]
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "8|9|8989" in finding.message
    assert "89|89|89" in finding.message
    assert len(finding.cells) == 3


def test_a_run_no_split_fits_stays_blank() -> None:
    cells, findings = _recover(APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "11111111")])
    assert cells["granted"] == [None] * 7
    assert _codes(findings) == ["P1.22"]
    assert "R3.2" in findings[0].message


def test_nothing_after_the_label() -> None:
    cells, findings = _recover(APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "  ")])
    assert cells["granted"] == [None] * 7
    assert _codes(findings) == ["P1.22"]


def test_a_search_past_its_bound_gives_up_with_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(recovery, "MAX_STEPS", 3)
    cells, findings = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "12345678901234567890")]
    )
    assert cells["granted"] == [None] * 7
    assert _codes(findings) == ["P1.23"]


def test_a_space_is_a_boundary() -> None:
    """500000 5: the space before the last 5 is where 总计 starts."""
    cells, _ = _recover(
        APPLICATIONS_2021, [_run(APPLICATIONS_2021, "partially_granted", "500000 5")]
    )
    assert cells["partially_granted"] == [5, 0, 0, 0, 0, 0, 5]


def test_spaces_are_no_boundary_only_when_no_split_honours_them() -> None:
    cells, findings = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "1 2 0 0 0 0 0 1 2")]
    )
    assert cells["granted"] == [12, 0, 0, 0, 0, 0, 12]
    assert all("spaces taken as no boundary" in d.message for d in findings)


def test_the_columns_break_the_ties_the_rows_leave() -> None:
    """009.txt: 予以公开 270020130 and 本机关不掌握 220000325 fit two splits each; 一+二 =
    (七)总计 + 四 and (七)总计 = the result rows leave one."""
    runs = {
        "new_received": "640020470",
        "carried_over": "0000000",
        "granted": "270020130",
        "partially_granted": "500000 5",
        "withheld_internal_affairs": "1000001",
        "withheld_enforcement_file": "6000006",
        "withheld_admin_inquiry": "1000001",
        "unable_not_held": "220000325",
        "other_misc": "1000001",
        "results_total": "630020469",
        "carried_forward": "1000001",
    }
    zero_rows = [r.key for r in APPLICATIONS_2021.expected_rows(()) if r.key not in runs]
    every = [_run(APPLICATIONS_2021, k, t) for k, t in runs.items()]
    every += [_run(APPLICATIONS_2021, k, "0000000") for k in zero_rows]
    cells, findings = _recover(APPLICATIONS_2021, every)
    assert cells["granted"] == [27, 0, 0, 2, 0, 1, 30]
    assert cells["unable_not_held"] == [22, 0, 0, 0, 0, 3, 25]
    by_tie = [d for d in findings if d.location.row == "granted"]
    assert by_tie
    assert all("R3.2" in d.message and "R3.3" in d.message for d in by_tie)


def test_a_broken_column_total_breaks_no_tie() -> None:
    """A column identity the report breaks whatever the split decides nothing."""
    results_total = [99, 99, 0, 99, 99, 1, 30]  # no split of 予以公开 makes (七)总计 hold
    results = [
        r.key
        for r in APPLICATIONS_2021.expected_rows(())
        if r.key != "granted" and "results" in {g.key for g in r.groups}
    ]
    known = _known(
        APPLICATIONS_2021,
        {k: results_total if k == "results_total" else [0] * 7 for k in results},
    )
    cells, findings = _recover(
        APPLICATIONS_2021, [_run(APPLICATIONS_2021, "granted", "270020130")], known
    )
    assert cells["granted"] == [None] * 7
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "27|0|0|2|0|1|30" in finding.message
    assert "2|7|0|0|20|1|30" in finding.message


def test_rows_read_the_ordinary_way_take_part_in_the_column_identities() -> None:
    """Only 予以公开 is a run; the rows around it were read with their cells (009.txt)."""
    grid = {
        "new_received": [64, 0, 0, 2, 0, 4, 70],
        "partially_granted": [5, 0, 0, 0, 0, 0, 5],
        "withheld_internal_affairs": [1, 0, 0, 0, 0, 0, 1],
        "withheld_enforcement_file": [6, 0, 0, 0, 0, 0, 6],
        "withheld_admin_inquiry": [1, 0, 0, 0, 0, 0, 1],
        "unable_not_held": [22, 0, 0, 0, 0, 3, 25],
        "other_misc": [1, 0, 0, 0, 0, 0, 1],
        "results_total": [63, 0, 0, 2, 0, 4, 69],
        "carried_forward": [1, 0, 0, 0, 0, 0, 1],
    }
    others = [r.key for r in APPLICATIONS_2021.expected_rows(()) if r.key != "granted"]
    known = _known(APPLICATIONS_2021, {k: grid.get(k, [0] * 7) for k in others})
    cells, _ = _recover(APPLICATIONS_2021, [_run(APPLICATIONS_2021, "granted", "270020130")], known)
    assert cells["granted"] == [27, 0, 0, 2, 0, 1, 30]
    alone, _ = _recover(APPLICATIONS_2021, [_run(APPLICATIONS_2021, "granted", "270020130")])
    assert alone["granted"] == [None] * 7  # without the other rows, two splits fit


def test_review_and_litigation_split_by_their_three_totals() -> None:
    cells, findings = _recover(REVIEW, [_run(REVIEW, "cases", "10203120001200000")])
    assert cells["cases"] == [1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0]
    assert all("R4." in d.message for d in findings)


def test_a_large_report_review_row() -> None:
    """上海 2025 (006.md): 40 0 10 5 55 | 2 0 4 6 12 | 6 0 9 7 22 run together."""
    cells, _ = _recover(REVIEW, [_run(REVIEW, "cases", "40010555204612609722")])
    assert cells["cases"] == [40, 0, 10, 5, 55, 2, 0, 4, 6, 12, 6, 0, 9, 7, 22]


def test_the_subtotal_column_is_split_with_its_own_total() -> None:
    cells, _ = _recover(
        APPLICATIONS_2021,
        [_run(APPLICATIONS_2021, "new_received", "125936000036 1295", subtotal=True)],
    )
    assert cells["new_received"] == [1259, 36, 0, 0, 0, 0, 36, 1295]


def test_signed_cells_amounts_units_markers_and_thousands() -> None:
    runs = [
        _run(PROACTIVE_2019, "administrative_licensing", "100 -3 97"),
        _run(PROACTIVE_2019, "centralized_procurement", "12 251000元"),
        _run(PROACTIVE_2019, "regulations", "/ / /"),
    ]
    cells, _ = _recover(PROACTIVE_2019, runs)
    assert cells["administrative_licensing"] == [100, -3, 97]
    assert cells["centralized_procurement"] == [12, Decimal(251000)]
    assert cells["regulations"] == ["/", "/", "/"]
    thousands, _ = _recover(
        APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "1,036 0 0 0 0 0 1,036")]
    )
    assert thousands["granted"] == [1036, 0, 0, 0, 0, 0, 1036]


def test_full_width_digits_are_digits() -> None:
    cells, _ = _recover(
        APPLICATIONS_2019,
        [
            _run(
                APPLICATIONS_2019,
                "granted",
                "\uff12\uff13\uff10\u3000\uff10\uff10\uff10\uff10\uff12\uff13",
            )
        ],
    )
    assert cells["granted"] == [23, 0, 0, 0, 0, 0, 23]


def test_a_split_its_broken_row_total_proves_is_set_aside_when_the_columns_contradict_it() -> None:
    """一 prints 417 536 285 185 156 347 1903: its parts add to 1926, not 1903. One split
    of the run makes 总计 hold by coincidence (417|53|62851|8515|63|4|71903); the columns
    (一 + 二 = (七) + 四) say otherwise, so nothing is proved."""
    known = _known(
        APPLICATIONS_2019,
        {
            "carried_over": [20, 0, 215, 0, 348, 4, 587],
            "results_total": [413, 486, 488, 185, 468, 335, 2375],
            "carried_forward": [24, 50, 12, 0, 13, 16, 115],
        },
    )
    run = _run(APPLICATIONS_2019, "new_received", "4175362851851563471903")
    cells, findings = _recover(APPLICATIONS_2019, [run], known)
    assert cells["new_received"] == [None] * 7
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "417|53|62851|8515|63|4|71903" in finding.message
    assert "R3.1" in finding.message
    alone, _ = _recover(APPLICATIONS_2019, [run])
    assert alone["new_received"] == [417, 53, 62851, 8515, 63, 4, 71903]  # what R3.2 alone says


def test_a_row_total_the_columns_contradict_proves_nothing() -> None:
    """Found by the broken-total property: 一、本年新收 prints 32|11|0|10|0|42 with its 总计
    broken (118 for 95). One split, 3|2|1101|..., adds up to 118 by coincidence; the rows below
    it cannot be split alone but all agree that the 总计 column holds 95, so 一 + 二 = 三 + 四 in
    that column says the row's total is broken, and the split it proved is set aside."""
    from pathlib import Path

    from disclosure_report.parse import parse_text

    text = (Path(__file__).parent / "data" / "crawler-broken-row-total.txt").read_text("utf-8")
    result = parse_text(text)
    assert result.report.applications is not None
    row = result.report.applications.row("new_received")
    assert all(c.value is None for c in row.cells)
    assert any(d.code == "P1.21" and d.location.row == "new_received" for d in result.diagnostics)


def test_digits_that_also_fit_fewer_cells_are_not_split_without_an_identity() -> None:
    """225 under 规章's three columns: 2|2|5, or 22|5, 2|25, 225 with the other cells blank."""
    cells, findings = _recover(PROACTIVE_2019, [_run(PROACTIVE_2019, "regulations", "225")])
    assert cells["regulations"] == [None, None, None]
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "lost blank cells" in finding.message
    assert "22|5" in finding.message


def test_digits_that_fit_no_fewer_cells_are_split_without_an_identity() -> None:
    cells, findings = _recover(PROACTIVE_2019, [_run(PROACTIVE_2019, "regulations", "007")])
    assert cells["regulations"] == [0, 0, 7]
    assert all(d.code == "P1.20" for d in findings)


def test_a_doubled_dash_is_one_marker() -> None:
    """—— 291 1: the marker ——, then 291 and 1; never —|—|2911."""
    cells, _ = _recover(
        PROACTIVE_2019, [_run(PROACTIVE_2019, "administrative_coercion", "—— 291 1")]
    )
    assert cells["administrative_coercion"] == ["——", 291, 1]
    cells, _ = _recover(PROACTIVE_2019, [_run(PROACTIVE_2019, "administrative_fees", "-- 69954")])
    assert cells["administrative_fees"] == ["--", 69954]  # never - and -69954


def test_a_marker_leaves_the_total_unchecked_and_proves_nothing() -> None:
    """/0000012 fits seven cells only as /|0|0|0|0|0|12, but 总计 is not checked (a cell is a
    marker), and the run may have lost a cell: nothing is proven."""
    cells, findings = _recover(APPLICATIONS_2019, [_run(APPLICATIONS_2019, "granted", "/0000012")])
    assert cells["granted"] == [None] * 7
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "unchecked" in finding.message


def test_cells_printed_apart_with_a_marker_in_the_total_are_not_read() -> None:
    """8991 —— —— 199148 141734 // 555: seven values for seven cells, but its markers leave
    总计 unchecked, and in a PDF's text the values may be out of order or another row's."""
    run = _run(APPLICATIONS_2019, "granted", "8991 —— —— 199148 141734 // 555")
    cells, findings = _recover(APPLICATIONS_2019, [run])
    assert cells["granted"] == [None] * 7
    assert [d.code for d in findings] == ["P1.21"]


def test_in_a_table_printing_every_cell_apart_a_run_short_of_values_is_not_split() -> None:
    """A PDF's text prints 三's rows each on a line, its cells apart; 129 19720370 lost five
    values (wrapped to other lines) and is not made up to seven cells, though
    12|9|19|7|20|3|70 would hold 总计."""
    runs = [
        _run(APPLICATIONS_2019, "new_received", "1 0 0 0 0 0 1", lined=True),
        _run(APPLICATIONS_2019, "carried_over", "0 0 0 0 0 0 0", lined=True),
        _run(APPLICATIONS_2019, "granted", "1 0 0 0 0 0 1", lined=True),
        _run(APPLICATIONS_2019, "partially_granted", "129 19720370", lined=True),
    ]
    cells, findings = _recover(APPLICATIONS_2019, runs)
    assert cells["partially_granted"] == [None] * 7
    assert cells["granted"] == [1, 0, 0, 0, 0, 0, 1]
    (finding,) = [d for d in findings if d.location.row == "partially_granted"]
    assert finding.code == "P1.22"
    assert "prints every cell apart" in finding.message


def test_in_a_table_printing_every_cell_apart_a_row_must_hold_its_total() -> None:
    """985 167614367 329 7445963 1880 9925 120: seven values for seven cells, but in a PDF's
    text their order is a layout engine's (a blank lost, a value from elsewhere taken in)."""
    runs = [
        _run(APPLICATIONS_2019, "new_received", "1 0 0 0 0 0 1", lined=True),
        _run(APPLICATIONS_2019, "carried_over", "0 0 0 0 0 0 0", lined=True),
        _run(APPLICATIONS_2019, "granted", "985 167614367 329 7445963 1880 9925 120", lined=True),
    ]
    cells, _ = _recover(APPLICATIONS_2019, runs)
    assert cells["granted"] == [None] * 7
    assert cells["new_received"] == [1, 0, 0, 0, 0, 0, 1]


def test_in_a_table_of_runs_run_together_a_short_run_is_split() -> None:
    """Crawler text runs a table's rows together on one line: there, 129 19720370's split is
    the arithmetic's."""
    runs = [
        _run(APPLICATIONS_2019, "new_received", "1 0 0 0 0 0 1"),
        _run(APPLICATIONS_2019, "carried_over", "0 0 0 0 0 0 0"),
        _run(APPLICATIONS_2019, "granted", "1 0 0 0 0 0 1"),
        _run(APPLICATIONS_2019, "partially_granted", "129 19720370"),
    ]
    cells, _ = _recover(APPLICATIONS_2019, runs)
    assert cells["partially_granted"] != [None] * 7


def test_a_split_only_a_marker_lets_through_is_not_proven() -> None:
    """—— 5540 83 / -- 28 under eight cells: the one split where 总计 and 小计 "hold" holds
    them only because its markers leave them unchecked."""
    run = _run(APPLICATIONS_2021, "results_total", "—— 5540 83 / -- 28", subtotal=True)
    cells, findings = _recover(APPLICATIONS_2021, [run])
    assert cells["results_total"] == [None] * 8
    (finding,) = findings
    assert finding.code == "P1.21"
    assert "unchecked" in finding.message
