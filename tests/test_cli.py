"""The disclosure-report command, run in-process and as ``python -m``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_report import from_json, from_xml, parse_file
from disclosure_report.cli import main

SEED = Path(__file__).parent / "corpus" / "000.txt"


def test_sample_prints_findings_then_xml(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["sample"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    findings, xml = out.split("# XML\n")
    assert "R0.6" in findings
    assert "0 error(s)" in findings
    assert from_xml(xml.encode("utf-8")) == parse_file(SEED).report


def test_validate_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED)]) == 0
    broken = tmp_path / "broken.txt"
    text = SEED.read_text(encoding="utf-8")
    # 一、本年新收 natural_person 1 -> 5 breaks R3.1 and R3.2.
    broken.write_text(text.replace("数量\n\t1\n", "数量\n\t5\n", 1), encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    out = capsys.readouterr().out
    assert "error R3.1" in out
    assert main(["validate", str(broken), "--ignore", "R3"]) == 0


@pytest.mark.parametrize("to", ["xml", "json", "csv"])
def test_convert_round_trips(tmp_path: Path, to: str) -> None:
    out = tmp_path / f"seed.{to}"
    assert main(["convert", str(SEED), "--to", to, "-o", str(out)]) == 0
    report = parse_file(SEED).report
    if to == "xml":
        assert from_xml(out.read_bytes()) == report
        assert main(["validate", str(out)]) == 0
    elif to == "json":
        assert from_json(out.read_text(encoding="utf-8")) == report
    else:
        header, *lines = out.read_text(encoding="utf-8").splitlines()
        assert header.startswith("table,row,column")
        assert len(lines) == sum(
            len(r.cells)
            for t in (report.proactive_disclosure, report.applications, report.review_litigation)
            if t
            for r in t.rows
        )


def test_unreadable_input_is_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "missing.txt")]) == 2
    bad = tmp_path / "bad.xml"
    bad.write_text("<not-a-report/>", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "json"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.count("disclosure-report: error:") == 2


def test_python_dash_m() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "disclosure_report", "validate", str(SEED)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "warning R0.6" in done.stdout
