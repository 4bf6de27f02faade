"""The batch, rollup and series subcommands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchmarks.variations import TEXT_SEED, Made

from disclosure_report import from_xml, parse_file
from disclosure_report.cli import main

from .conftest import need


def test_batch_prints_a_summary_and_progress_lines(
    variations: tuple[Path, Made], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, made = variations
    status = main(["batch", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2"])
    captured = capsys.readouterr()
    assert status == 1  # some files are broken on purpose
    assert captured.out.startswith(f"{made.files} files: ")
    assert f"{made.broken} failed" in captured.out
    assert f"batch: {made.files}/{made.files} files (100%)" in captured.err
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["files"] == made.files


def test_batch_of_good_reports_without_errors_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_bytes(TEXT_SEED.read_bytes())
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "in"), "--out", str(out), "--to", "json", "-q"]) == 0
    assert capsys.readouterr().err == ""
    (written,) = (out / "reports").rglob("*.json")
    assert written.read_text(encoding="utf-8").startswith("{")


def test_batch_refuses_an_input_that_names_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["batch", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("disclosure-report: error: no such file or folder")
    assert err.count("\n") == 1


def _year(tmp_path: Path, year: int, organ: str = "段店乡") -> Path:
    text = TEXT_SEED.read_text(encoding="utf-8").replace("2019", str(year))
    path = tmp_path / f"{organ}-{year}.txt"
    path.write_text(text.replace("段店乡", organ), encoding="utf-8")
    return path


def test_rollup_adds_up_children_and_checks_the_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    children = tmp_path / "children"
    children.mkdir()
    first, second = _year(children, 2019, "甲乡"), _year(children, 2019, "乙乡")
    summed = tmp_path / "county.xml"
    args = ["rollup", str(children), "--organ", "某县", "-o", str(summed), "--format", "json"]
    assert main(args) == 0
    report = from_xml(summed.read_bytes())
    assert report.organ == "某县"
    assert report.year == 2019
    one = parse_file(first).report
    assert one.applications is not None
    assert report.applications is not None
    cell = report.applications.cell("new_received", "natural_person")
    parts = [
        parse_file(p).report.applications.cell("new_received", "natural_person").value  # type: ignore[union-attr]
        for p in (first, second)
    ]
    assert cell.value == sum(v for v in parts if v is not None)
    capsys.readouterr()
    # the published parent checked against its children: the sum agrees with itself
    assert main(["rollup", str(children), "--parent", str(summed), "--format", "json"]) == 0
    found = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert not [f for f in found["findings"] if f["code"] == "A3"]


def test_series_checks_a_body_over_the_years(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _year(tmp_path, 2019)
    _year(tmp_path, 2020)
    assert main(["series", str(tmp_path), "--format", "jsonl"]) in {0, 1}
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # the 2020 report is the 2019 one with another year: its tables and text are copies
    assert {"R0.7"} <= {line["code"] for line in lines}


def test_series_by_organ_keeps_bodies_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _year(tmp_path, 2019, "甲乡")
    _year(tmp_path, 2019, "乙乡")
    assert main(["series", str(tmp_path)]) == 2  # one body cannot have two 2019 reports
    assert "two reports of the same year" in capsys.readouterr().err
    assert main(["series", str(tmp_path), "--by-organ"]) == 0


def test_batch_on_a_dask_cluster_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    need("distributed")
    (tmp_path / "in").mkdir()
    for year in (2019, 2020):
        _year(tmp_path / "in", year)
    args = ["batch", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--engine", "dask"]
    assert main([*args, "--jobs", "2", "--quiet", "--to", "parquet"]) == 0
    assert "2 files: 2 reports" in capsys.readouterr().out
    summary = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    assert summary["run"]["engine"] == "dask"
    assert summary["run"]["workers"] == 2
