"""Stress, outside the default run: hundreds of drawn reports, never a wrong number.

Set ``PDF_STRESS`` to a number of reports to run it (each is drawn with every ruling but
all lines, header rows repeated over a page break or not, cells set one way or another as
``test_pdf.py``'s property draws them) and see the figures::

    PDF_STRESS=300 python -m pytest tests/parse/test_pdf_stress.py -s

It fails at the first value read wrong, or left blank without a finding at its cell or
row; at the end it prints, for each ruling, the values read right and left blank.
"""

from __future__ import annotations

import os
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.model import Report
from disclosure_report.parse import parse_pdf

from .pdf_support import RULES, Style, require
from .test_pdf import _STYLES, never_a_wrong_number
from .test_seed_form_roundtrip import printable_reports

COUNT = int(os.environ.get("PDF_STRESS", "0"))

pytestmark = pytest.mark.skipif(not COUNT, reason="set PDF_STRESS=N to draw N reports")


def test_hundreds_of_drawn_reports_never_give_a_wrong_number(
    capsys: pytest.CaptureFixture[str],
) -> None:
    require("pdfplumber", "reportlab")
    from .pdf_form import render

    right: Counter[str] = Counter()
    blank: Counter[str] = Counter()

    @settings(
        max_examples=COUNT,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(printable_reports(), st.booleans(), st.one_of(st.just(Style()), _STYLES))
    def draw(report: Report, repeat_header: bool, style: Style) -> None:
        for rules in RULES[1:]:
            data = render(report, rules=rules, repeat_header=repeat_header, style=style)
            read, left = never_a_wrong_number(report, parse_pdf(data))
            right[rules] += read
            blank[rules] += left

    draw()
    with capsys.disabled():
        print(f"\n{COUNT} reports, each drawn {len(RULES) - 1} ways; values drawn:")
        for rules in RULES[1:]:
            print(
                f"  {rules:<10} right {right[rules]:>6}  blank (with a finding) {blank[rules]:>6}"
            )
        print("  wrong: 0")
