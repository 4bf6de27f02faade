"""Progress for a person: rich on a terminal, plain periodic lines elsewhere."""

from __future__ import annotations

import io

from disclosure_report.batch import FileResult
from disclosure_report.batch._progress import Progress, progress

from .conftest import need


def _result(*, ok: bool = True, skipped: bool = False) -> FileResult:
    return FileResult(
        name="a.txt",
        sha256="0" * 64,
        status="ok" if ok else "failed",
        skipped=skipped,
        form="text",
        edition="2019",
        year=2019,
        organ=None,
        address=None,
        errors=0,
        warnings=0,
        notes=0,
        reason=None if ok else "not a report",
        outputs=(),
        seconds=0.01,
        cpu_seconds=0.01,
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal() -> None:
    stream = io.StringIO()
    shown = progress(3, stream, interval=0)
    assert type(shown) is Progress
    with shown:
        shown.advance(_result())
        shown.advance(_result(ok=False))
        shown.advance(_result(skipped=True))
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("batch: 1/3 files (33%)")
    assert lines[-1].startswith("batch: 3/3 files (100%)")
    assert "1 failed, 1 done before" in lines[-1]


def test_plain_lines_are_periodic() -> None:
    stream = io.StringIO()
    with progress(100, stream, interval=3600) as shown:
        for _ in range(100):
            shown.advance(_result())
    assert stream.getvalue().count("\n") == 1  # only the last line


def test_a_rich_bar_on_a_terminal() -> None:
    need("rich")
    stream = _Terminal()
    shown = progress(2, stream)
    assert type(shown) is not Progress
    with shown:
        shown.advance(_result())
        shown.advance(_result(ok=False))
    assert "2/2" in stream.getvalue()
    assert "1 failed" in stream.getvalue()
