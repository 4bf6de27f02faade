"""Progress of a batch for a person: a rich bar on a terminal, periodic plain lines elsewhere."""

from __future__ import annotations

import importlib
import importlib.util
import time
from types import TracebackType
from typing import Any, Final, Self, TextIO

from ._run import FileResult

__all__ = ["Progress", "progress"]

PLAIN_INTERVAL: Final = 10.0
"""Seconds between two plain progress lines."""


def _duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{seconds:02d}s"


class Progress:
    """Counts results; the plain kind prints a line every :data:`PLAIN_INTERVAL` seconds."""

    def __init__(self, total: int, stream: TextIO, *, interval: float = PLAIN_INTERVAL) -> None:
        self.total = total
        self.stream = stream
        self.interval = interval
        self.done = 0
        self.failed = 0
        self.skipped = 0
        self.started = time.monotonic()
        self._last = self.started

    def line(self) -> str:
        """The state of the run in one line."""
        elapsed = time.monotonic() - self.started
        rate = (self.done - self.skipped) / elapsed if elapsed > 0 else 0.0
        share = f" ({100 * self.done / self.total:.0f}%)" if self.total else ""
        left = self.total - self.done
        eta = f", {_duration(left / rate)} left" if rate > 0 and left > 0 else ""
        return (
            f"batch: {self.done}/{self.total} files{share}, {rate:.1f} files/s, "
            f"{self.failed} failed, {self.skipped} done before{eta}"
        )

    def advance(self, result: FileResult) -> None:
        """Count one result."""
        self.done += 1
        self.failed += not result.ok
        self.skipped += result.skipped
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            print(self.line(), file=self.stream, flush=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        print(self.line(), file=self.stream, flush=True)


class _RichProgress(Progress):
    """A live bar drawn by rich."""

    def __init__(self, total: int, stream: TextIO) -> None:
        super().__init__(total, stream)
        bars: Any = importlib.import_module("rich.progress")
        console: Any = importlib.import_module("rich.console")
        self._bar = bars.Progress(
            bars.TextColumn("batch"),
            bars.BarColumn(),
            bars.MofNCompleteColumn(),
            bars.TaskProgressColumn(),
            bars.TextColumn("{task.fields[failed]} failed, {task.fields[skipped]} done before"),
            bars.TimeRemainingColumn(),
            console=console.Console(file=stream),
        )
        self._task = self._bar.add_task("batch", total=total or None, failed=0, skipped=0)

    def advance(self, result: FileResult) -> None:
        self.done += 1
        self.failed += not result.ok
        self.skipped += result.skipped
        self._bar.update(self._task, advance=1, failed=self.failed, skipped=self.skipped)

    def __enter__(self) -> Self:
        self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._bar.stop()


def progress(total: int, stream: TextIO, *, interval: float = PLAIN_INTERVAL) -> Progress:
    """A rich bar when rich is installed and ``stream`` is a terminal, else plain lines."""
    if stream.isatty() and importlib.util.find_spec("rich") is not None:
        return _RichProgress(total, stream)
    return Progress(total, stream, interval=interval)
