"""Shared fixtures: the corpus files bundled with the tests, and hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Reports are big values (25 rows x 8 cells): generation is slow by nature, not by mistake.
settings.register_profile(
    "default",
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture
def corpus() -> Path:
    """The folder of real reports and their truth files copied from the project's corpus."""
    return CORPUS
