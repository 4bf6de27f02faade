"""The fuzz suite: every reader on damaged corpus files keeps the properties of ``fuzzing.py``.

Bounded so CI stays fast (a few dozen inputs per reader, a few seconds each); the same targets
run for as long as asked with ``python tools/fuzz.py --minutes 30``. Every failure the
harness finds becomes a test in ``test_fuzz_regressions.py``.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from . import fuzzing

EXAMPLES = {"text": 150, "html": 100, "docx": 80, "pdf": 12, "xml": 150, "json": 150}
"""Inputs per reader in the test suite (the harness runs thousands)."""

pytestmark = pytest.mark.property


_WAITING: dict[str, pytest.MarkDecorator] = {}
"""Targets with a known failure another issue fixes; remove the mark when it has landed."""


@pytest.mark.parametrize(
    "target", [pytest.param(t, marks=_WAITING.get(t, ())) for t in sorted(fuzzing.TARGETS)]
)
def test_a_reader_on_damaged_input(target: str) -> None:
    inputs, check = fuzzing.TARGETS[target]
    if target == "pdf" and not fuzzing.PDF_SEEDS:
        pytest.skip("no PDF in the corpus")

    @settings(
        max_examples=EXAMPLES[target],
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        check(data.draw(inputs, label="input"))

    run()
