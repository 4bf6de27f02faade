"""The disclosure-report command, run in-process and as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_report import from_json, from_xml, parse_bytes, parse_file
from disclosure_report.cli import main

SEED = Path(__file__).parent / "corpus" / "000.txt"
MAX_LINES = 30
"""What the seed may print by default (issue 7): errors first, grouped warnings, a summary."""


def _broken(tmp_path: Path) -> Path:
    broken = tmp_path / "broken.txt"
    text = SEED.read_text(encoding="utf-8")
    # 一、本年新收 natural_person 1 -> 5 breaks R3.1 and R3.2.
    broken.write_text(text.replace("数量\n\t1\n", "数量\n\t5\n", 1), encoding="utf-8")
    return broken


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "disclosure_report", *args],
        capture_output=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def test_sample_prints_findings_then_xml(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert main(["sample"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    findings, xml = out.split("# XML\n")
    assert "R0.6" in findings
    assert "0 个错误" in findings
    assert from_xml(xml.encode("utf-8")) == parse_file(SEED).report


def test_the_seed_prints_at_most_30_lines(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= MAX_LINES
    assert lines[-1].startswith("0 个错误")
    assert all(len(line) < 400 for line in lines)


def test_errors_come_first_then_warnings_then_the_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_broken(tmp_path)), "--lang", "en"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) <= MAX_LINES
    kinds = [line.split(" ", 1)[0] for line in lines[:-1]]
    assert kinds == sorted(kinds, key=["error", "warning", "info"].index)
    assert kinds[0] == "error"
    assert {line.split(" ")[1] for line in lines if line.startswith("error")} == {"R3.1", "R3.2"}
    assert lines[-1].startswith("2 error(s)")


def test_verbose_lists_notes(capsys: pytest.CaptureFixture[str]) -> None:
    main(["validate", str(SEED), "--verbose", "--lang", "en"])
    out = capsys.readouterr().out
    assert "info R3.1" in out
    assert "not shown" not in out


def test_select_and_ignore(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = str(_broken(tmp_path))
    assert main(["validate", broken, "--ignore", "R3"]) == 0
    capsys.readouterr()
    assert main(["validate", broken, "--select", "R3.2", "--lang", "en"]) == 1
    codes = {line.split(" ")[1] for line in capsys.readouterr().out.splitlines()[:-1]}
    assert codes == {"R3.2"}


@pytest.mark.parametrize("selector", ["R9.9", "r0.6", "X"])
def test_an_unknown_code_is_bad_usage(selector: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED), "--ignore", selector]) == 2
    err = capsys.readouterr().err
    assert err.startswith("disclosure-report: error:")
    assert repr(selector) in err
    assert "Traceback" not in err


def test_json_and_jsonl(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = str(_broken(tmp_path))
    assert main(["validate", broken, str(SEED), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    first, second = document["files"]
    assert first["file"] == broken
    assert second["file"] == str(SEED)
    assert first["summary"]["error"] == 2
    error = first["findings"][0]
    assert error["severity"] == "error"
    assert {
        "code",
        "name",
        "message",
        "location",
        "cells",
        "expected",
        "actual",
        "difference",
    } <= set(error)
    assert error["difference"] == error["actual"] - error["expected"]
    assert error["location"]["xpath"].startswith("/report/applications/")
    assert main(["validate", broken, "--format", "jsonl", "--lang", "en"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines[0]["severity"] == "error"
    assert lines[0]["file"] == broken
    assert "differ by" in lines[0]["message"]


def test_several_files_and_one_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(SEED), str(tmp_path / "missing.txt")]) == 2
    captured = capsys.readouterr()
    assert f"== {SEED}" in captured.out
    assert captured.err.count("disclosure-report: error:") == 1


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


@pytest.mark.parametrize("to", ["html", "markdown", "text", "docx"])
def test_convert_renders_in_the_official_layout_and_reads_back(tmp_path: Path, to: str) -> None:
    out = tmp_path / f"report.{to}"
    source = Path(__file__).parent / "corpus" / "014.html"
    assert main(["convert", str(source), "--to", to, "-o", str(out)]) == 0
    form = "markdown" if to == "markdown" else None
    read = parse_bytes(out.read_bytes(), form=form).report
    assert read == parse_file(source).report


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


def test_bad_usage_exits_2() -> None:
    done = _run("validate")
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr


def test_python_dash_m() -> None:
    done = _run("validate", str(SEED), "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert b"warning R0.6" in done.stdout


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl"])
def test_redirected_output_under_a_gbk_locale(tmp_path: Path, fmt: str) -> None:
    # A Chinese Windows console: output redirected to a file, encoded in GBK.
    out = tmp_path / "out.txt"
    with out.open("wb") as handle:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "disclosure_report",
                "validate",
                str(_broken(tmp_path)),
                "--format",
                fmt,
            ],
            stdout=handle,
            stderr=subprocess.PIPE,
            check=False,
            env={**os.environ, "PYTHONIOENCODING": "gbk", "LC_ALL": "zh_CN.GBK", "PYTHONUTF8": "0"},
        )
    assert done.returncode == 1, done.stderr
    assert b"Traceback" not in done.stderr
    text = out.read_bytes().decode("gbk")  # every byte is GBK
    if fmt == "text":
        assert "错误 R3.1" in text
        assert text.splitlines()[-1].startswith("2 个错误")
    else:
        first = json.loads(text.splitlines()[0] if fmt == "jsonl" else text)
        assert first


def test_a_character_gbk_lacks_is_escaped_not_an_exception(tmp_path: Path) -> None:
    # A label of the report holding a character outside GBK (an emoji in the title's organ).
    report = tmp_path / "odd.txt"
    text = SEED.read_text(encoding="utf-8").replace("段店乡", "段店乡\U0001f600", 1)
    report.write_text(text, encoding="utf-8")
    done = _run("validate", str(report), "--verbose", env={"PYTHONIOENCODING": "gbk"})
    assert done.returncode in {0, 1}, done.stderr
    done.stdout.decode("gbk")


def test_a_missing_date_is_one_finding_not_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    undated = tmp_path / "undated.txt"
    undated.write_text(
        SEED.read_text(encoding="utf-8").replace("2019年12月31日\n", ""), encoding="utf-8"
    )
    assert [d.code for d in parse_file(undated).diagnostics if d.code == "P1.8"] == ["P1.8"]
    main(["validate", str(undated), "--lang", "en"])
    codes = [line.split(" ")[1] for line in capsys.readouterr().out.splitlines()[:-1]]
    assert "M4" in codes
    assert "P1.8" not in codes  # the validator's M4 says it, at the same place
    main(["validate", str(undated), "--lang", "en", "--ignore", "M4"])
    codes = [line.split(" ")[1] for line in capsys.readouterr().out.splitlines()[:-1]]
    assert "P1.8" in codes  # the validator did not check the date: the parser's finding stays
