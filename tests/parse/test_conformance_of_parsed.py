"""Every report the parser returns fits its edition and can be written to XML and JSON.

The seed, cut and shuffled the way damaged extractions are: lines lost, lines repeated, rows
cut short, the file truncated. Whatever comes back passes the one conformance check and
round-trips through both exchange formats.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure_report.conformance import nonconformities
from disclosure_report.errors import ParseError
from disclosure_report.parse import parse_file, parse_text
from disclosure_report.serialise import from_json, from_xml, to_json, to_xml

from .test_template import as_text_extraction

CORPUS = Path(__file__).parents[1] / "corpus"
SEED_LINES = (CORPUS / "000.txt").read_text(encoding="utf-8").split("\n")

pytestmark = pytest.mark.property


@st.composite
def _mutated_seed(draw: st.DrawFn) -> str:
    lines = list(SEED_LINES)
    for _ in range(draw(st.integers(1, 12))):
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "repeat", "swap", "blank", "truncate"]))
        if action == "drop":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif action == "blank":
            lines[at] = ""
        elif action == "truncate":
            lines = lines[: at + 1]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated_seed())
def test_a_damaged_seed_parses_to_a_report_that_fits_and_round_trips(text: str) -> None:
    try:
        report = parse_text(text).report
    except ParseError:
        return
    assert nonconformities(report) == ()
    assert from_xml(to_xml(report)) == report
    assert from_json(to_json(report)) == report


@pytest.mark.parametrize("name", ["000.txt", "014.html", "103.docx", "2021-template.docx"])
def test_every_corpus_report_read_fits_and_round_trips(name: str) -> None:
    report = parse_file(CORPUS / name).report
    assert nonconformities(report) == ()
    assert from_xml(to_xml(report)) == report
    assert from_json(to_json(report)) == report


def test_an_optional_row_alone_on_its_line_is_no_row() -> None:
    """A row holding only （六）其他处理 heads the three rows under it; it is not a fourth."""
    text = as_text_extraction(CORPUS / "2021-template.docx")
    alone = text.replace("\t（六）其他处理\n", "\t（六）其他处理\n\n", 1)
    assert alone != text
    result = parse_text(alone)
    report = result.report
    assert report.applications is not None
    assert not report.applications.extra_rows
    assert not {"P1.2", "P1.5"} & {d.code for d in result.diagnostics}
    keys = [r.key for r in report.applications.rows]
    assert "other_handling" not in keys
    assert {"other_no_correction", "other_fee_unpaid", "other_misc"} <= set(keys)
    assert nonconformities(report) == ()
