"""Per-cell accuracy against the hand-checked truth files of the corpus, by form.

Every report of the project's shared corpus is copied here with its truth file (provenance:
tests/corpus/PROVENANCE.md) and pinned at the figure reached: every truth cell right, and
never a wrong or an invented number, for every form read so far. The forms read by later
work (PDF, crawler text, converter Markdown) are strict xfails, so progress shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from disclosure_report.accuracy import Outcome, Score, compare, format_scores, measure
from disclosure_report.parse import parse_file

CORPUS = Path(__file__).parent / "corpus"
TRUTHS = sorted(CORPUS.glob("[0-9]*.json"))

NOT_READ_YET = {
    "006": "converter Markdown with scrambled cells: read by the lossy-text issue",
    "007": "crawler text, cell boundaries lost: read by the lossy-text issue",
    "009": "crawler text, cell boundaries lost: read by the lossy-text issue",
    "011": "crawler text, cell boundaries lost: read by the lossy-text issue",
}


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    return {Path(s.name).stem: s for s in measure(CORPUS)}


def _truth(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CORPUS / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def _cases(also: dict[str, str] | None = None) -> list[Any]:
    pending = {**NOT_READ_YET, **(also or {})}
    return [
        pytest.param(
            p.stem,
            marks=pytest.mark.xfail(reason=pending[p.stem], strict=True)
            if p.stem in pending
            else (),
        )
        for p in TRUTHS
    ]


def test_every_corpus_report_has_a_truth() -> None:
    reports = {p.stem for p in CORPUS.iterdir() if p.stem.isdigit() and p.suffix != ".json"}
    assert reports == {p.stem for p in TRUTHS}
    assert len(reports) == 10


@pytest.mark.parametrize("stem", [p.stem for p in TRUTHS])
def test_never_a_wrong_or_invented_number(stem: str, scores: dict[str, Score]) -> None:
    score = scores[stem]
    assert score.counts[Outcome.WRONG] == 0, format_scores([score], details=True)
    assert score.counts[Outcome.INVENTED] == 0, format_scores([score], details=True)


@pytest.mark.parametrize("stem", _cases())
def test_every_cell_matches_the_truth(stem: str, scores: dict[str, Score]) -> None:
    score = scores[stem]
    assert score.error is None
    assert score.accuracy == 1.0, format_scores([score], details=True)


@pytest.mark.parametrize("stem", _cases())
def test_metadata_matches_the_truth(stem: str) -> None:
    path = next(p for p in CORPUS.glob(f"{stem}.*") if p.suffix != ".json")
    truth = _truth(stem)
    report = parse_file(path).report
    assert (report.organ, report.year, str(report.edition)) == (
        truth["organ"],
        truth["year"],
        truth["edition"],
    )
    if "publication_date" in truth:
        assert report.publication_date is not None
        assert report.publication_date.isoformat() == truth["publication_date"]


def test_the_html_page_and_the_word_file_of_one_report_read_the_same() -> None:
    html = parse_file(CORPUS / "014.html").report
    docx = parse_file(CORPUS / "103.docx").report
    assert html == docx


def test_the_comparison_notices_a_wrong_an_invented_and_a_missed_cell() -> None:
    """Guard on the guard: changed truths must show in the figures."""
    truth = _truth("000")
    report = parse_file(CORPUS / "000.txt").report
    assert compare(truth, report).counts[Outcome.RIGHT] == compare(truth, report).cells
    truth["section3"]["一、本年新收政府信息公开申请数量"][0] += 1  # wrong
    truth["section4"][4] = None  # a number where the truth is blank: invented
    blank = truth["section3"]["二、上年结转政府信息公开申请数量"]
    blank[6] = 5  # the truth has a number the report leaves blank: missed
    counts = compare(truth, report).counts
    assert (counts[Outcome.WRONG], counts[Outcome.INVENTED], counts[Outcome.MISSED]) == (1, 1, 1)
