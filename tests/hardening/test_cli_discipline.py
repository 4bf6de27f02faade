"""The command line under hostile input and failure: exit codes, no traceback, atomic outputs."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from disclosure_report import cli, validate
from disclosure_report.cli import main

from . import attacks as a

SEED = a.CORPUS / "000.txt"


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "disclosure_report", *args], capture_output=True, check=False
    )


# --- attack files on the command line -----------------------------------------------------------

_ATTACKS: dict[str, Callable[[], bytes]] = {
    "bomb.docx": a.zip_bomb,
    "slip.docx": lambda: a.zip_slip("../../evil.txt"),
    "deep.html": lambda: a.deep_html(100_000),
    "spans.html": lambda: a.html_page(
        "<table><tr>"
        + '<td rowspan="1000" colspan="1000">1</td>' * 50
        + "</tr>"
        + "<tr><td>1</td></tr>" * 1000
        + "</table>"
    ),
    "laughs.xml": lambda: (
        b'<?xml version="1.0"?>'
        + a.billion_laughs_prolog("report").encode()
        + b"<report>&lol9;</report>"
    ),
    "deep.json": lambda: b"[" * 100_000 + b"]" * 100_000,
    "binary.txt": lambda: bytes(range(256)) * 100,
    "empty.txt": lambda: b"",
}


@pytest.mark.parametrize("name", sorted(_ATTACKS))
@pytest.mark.parametrize("command", ["validate", "convert"])
def test_an_attack_file_is_one_line_on_stderr_and_exit_2(
    name: str, command: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_bytes(_ATTACKS[name]())
    out = tmp_path / "out.xml"
    args = [command, str(path)] + (["--to", "xml", "-o", str(out)] if command == "convert" else [])
    started = time.perf_counter()
    done = _run(*args)
    assert time.perf_counter() - started < 5.0  # a fresh interpreter included
    assert done.returncode == 2, done.stderr
    assert b"Traceback" not in done.stderr
    assert done.stderr.decode("utf-8").count("disclosure-report: error:") == 1
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


# --- atomic outputs -------------------------------------------------------------------------


def test_a_failed_conversion_leaves_the_old_output_untouched(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    out.write_bytes(b"old")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["convert", str(bad), "--to", "xml", "-o", str(out)]) == 2
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.json", "report.xml"]


def test_a_write_that_fails_half_way_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.xml"
    out.write_bytes(b"old")

    def full_disk(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    assert main(["convert", str(SEED), "--to", "xml", "-o", str(out)]) == 2
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xml"]
    err = capsys.readouterr().err
    assert "No space left on device" in err
    assert "Traceback" not in err


def test_a_conversion_replaces_the_output_whole_keeping_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.xml"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert main(["convert", str(SEED), "--to", "xml", "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"<?xml")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xml"]


def test_a_new_output_gets_the_umask_permissions(tmp_path: Path) -> None:
    out = tmp_path / "new.json"
    umask = os.umask(0o022)
    try:
        assert main(["convert", str(SEED), "--to", "json", "-o", str(out)]) == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_a_symlinked_output_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep")
    link = tmp_path / "out.xml"
    link.symlink_to(elsewhere)
    assert main(["convert", str(SEED), "--to", "xml", "-o", str(link)]) == 0
    assert elsewhere.read_bytes() == b"keep"
    assert not link.is_symlink()


@pytest.mark.parametrize("where", ["folder", "missing/out.xml"])
def test_an_output_that_cannot_be_written_is_exit_2(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "folder").mkdir()
    assert main(["convert", str(SEED), "--to", "xml", "-o", str(tmp_path / where)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("disclosure-report: error: cannot write")
    assert "Traceback" not in err


# --- internal errors, --debug, interruptions ----------------------------------------------------


def _boom(*_args: object, **_kwargs: object) -> tuple[()]:
    raise RuntimeError("a bug")


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "validate", _boom)
    assert main(["validate", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "internal error (RuntimeError: a bug)" in err
    assert "Traceback" not in err
    assert main(["validate", str(SEED), "--debug"]) == 2
    assert "Traceback" in capsys.readouterr().err
    assert main(["--debug", "validate", str(SEED)]) == 2
    assert "Traceback" in capsys.readouterr().err


def test_one_failing_file_does_not_stop_the_others(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    calls: Iterator[Callable[..., object]] = iter([_boom, validate])

    def first_fails(*args: Any, **kwargs: Any) -> object:
        return next(calls)(*args, **kwargs)

    monkeypatch.setattr(cli, "validate", first_fails)
    assert main(["validate", str(SEED), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert "internal error" in captured.err
    assert captured.out.count("个错误") == 1


def test_an_interruption_is_exit_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_convert", interrupted)
    assert main(["convert", str(SEED), "--to", "xml"]) == 130
    assert "interrupted" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX shell pipeline")
def test_a_closed_output_pipe_ends_quietly_with_141() -> None:
    files = " ".join([str(SEED)] * 6)  # about 100 KB of JSON: more than a pipe holds
    command = (
        f"{sys.executable} -m disclosure_report validate {files} --format json --verbose"
        " | head -c 10 > /dev/null; exit ${PIPESTATUS[0]}"
    )
    done = subprocess.run(["bash", "-c", command], capture_output=True, check=False)
    assert done.returncode == 141
    assert b"Traceback" not in done.stderr
    assert b"Exception ignored" not in done.stderr


# --- limits on the command line ------------------------------------------------------------------


def test_limit_changes_a_limit(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED), "--limit", "max_lines=10"]) == 2
    err = capsys.readouterr().err
    assert "max_lines" in err
    assert "10" in err
    assert main(["validate", str(SEED), "--limit", "max_lines=10_000"]) == 0


@pytest.mark.parametrize("setting", ["max_lines", "max_lines=0", "max_lines=ten", "max_wibble=5"])
def test_a_bad_limit_is_bad_usage(setting: str) -> None:
    done = _run("validate", str(SEED), "--limit", setting)
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert b"--limit" in done.stderr


def test_xml_and_json_inputs_are_read_within_the_input_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    assert main(["convert", str(SEED), "--to", "json", "-o", str(path)]) == 0
    size = path.stat().st_size
    assert main(["validate", str(path), "--limit", f"max_input_bytes={size}"]) == 0
    assert main(["validate", str(path), "--limit", f"max_input_bytes={size - 1}"]) == 2
    assert "max_input_bytes" in capsys.readouterr().err


# --- what reaches the terminal -------------------------------------------------------------------


def test_control_and_bidi_characters_in_output_are_escaped(tmp_path: Path) -> None:
    hostile = tmp_path / "a\u202eb\x1b[2Jc.txt"
    hostile.write_bytes(SEED.read_bytes())
    done = _run("validate", str(SEED), str(hostile), "--lang", "en")
    out = done.stdout.decode("utf-8")
    assert "\u202e" not in out
    assert "\x1b" not in out
    assert "\\u202e" in out
    assert "\\u001b" in out
