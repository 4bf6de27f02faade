"""Fuzz every reader for as long as asked: the test suite's targets with a large budget.

::

    python tools/fuzz.py --minutes 30                  # all targets, round robin
    python tools/fuzz.py --minutes 5 --targets html,docx --out fuzz-failures

Each round runs one target (``tests/hardening/fuzzing.py``: text, HTML, DOCX, PDF, XML,
JSON) for a few hundred inputs with a fresh random seed. A failure is shrunk by hypothesis,
then cut down further line by line, and saved as ``OUT/<target>-<n>.bin`` with its traceback
beside it (``.txt``); one failure per distinct place in the code is kept. The exit status is
1 when anything failed. Turn each failure into a test in
``tests/hardening/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from hardening import fuzzing  # noqa: E402

ROUND = 300
"""Inputs per round of one target."""


def _fails(check: Callable[[bytes], None], data: bytes) -> str | None:
    """The place in the code where ``check`` fails on ``data`` (None when it passes)."""
    try:
        check(data)
    except Exception as error:
        cause = error.__cause__ or error  # not __context__: the harness's own handling
        frames = traceback.extract_tb(cause.__traceback__)
        ours = [f for f in frames if "disclosure_report" in f.filename] or frames
        where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
        return f"{type(cause).__name__} at {where}"
    return None


def _smaller(check: Callable[[bytes], None], data: bytes, place: str, budget: float) -> bytes:
    """``data`` cut down line by line (then byte runs) while it fails at the same place."""
    deadline = time.monotonic() + budget
    for separator in (b"\n", b">", b" "):
        parts = data.split(separator)
        chunk = max(1, len(parts) // 2)
        while chunk >= 1 and time.monotonic() < deadline:
            start = 0
            while start < len(parts) and time.monotonic() < deadline:
                trial = parts[:start] + parts[start + chunk :]
                if trial and _fails(check, separator.join(trial)) == place:
                    parts = trial
                else:
                    start += chunk
            chunk //= 2
        data = separator.join(parts)
    return data


def _round(target: str, seen: dict[str, Path], out: Path, count: int) -> int:
    inputs, check = fuzzing.TARGETS[target]
    failing: list[bytes] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.data())
    def run(draw: st.DataObject) -> None:
        data = draw.draw(inputs)
        try:
            check(data)
        except Exception:
            failing.append(data)
            raise

    try:
        run()
    except Exception:  # hypothesis re-raises the shrunk failure last
        data = failing[-1]
        place = _fails(check, data) or "flaky"
        if place in seen:
            return 0
        data = _smaller(check, data, place, budget=120)
        name = f"{target}-{hashlib.sha1(data).hexdigest()[:10]}"
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.bin").write_bytes(data)
        try:
            check(data)
        except Exception:
            (out / f"{name}.txt").write_text(f"{place}\n\n{traceback.format_exc()}", "utf-8")
        seen[place] = out / f"{name}.bin"
        print(f"  FAILURE {target}: {place} -> {seen[place]}", flush=True)
        return 1
    return 0


def main() -> int:
    """Run the harness; the exit status is 1 when anything failed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--targets", default=",".join(sorted(fuzzing.TARGETS)))
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz-failures")
    parser.add_argument("--round", type=int, default=ROUND, help="inputs per round")
    args = parser.parse_args()
    targets = [t for t in args.targets.split(",") if t]
    if not fuzzing.PDF_SEEDS and "pdf" in targets:
        targets.remove("pdf")
    deadline = time.monotonic() + args.minutes * 60
    seen: dict[str, Path] = {}
    rounds = failures = 0
    started = time.monotonic()
    while time.monotonic() < deadline:
        target = targets[rounds % len(targets)]
        began = time.monotonic()
        failures += _round(target, seen, args.out, args.round)
        rounds += 1
        print(
            f"round {rounds:4d} {target:5s} {args.round} inputs in {time.monotonic() - began:5.1f} s"
            f" (elapsed {(time.monotonic() - started) / 60:5.1f} min, distinct failures {failures})",
            flush=True,
        )
    print(f"{rounds} rounds, about {rounds * args.round} inputs; {failures} distinct failures")
    for place, path in seen.items():
        print(f"  {place}: {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
