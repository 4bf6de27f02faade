"""Fixtures of the batch tests: a generated folder of report variations, and what it holds."""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pytest
from benchmarks.variations import Made, make_folder

FOLDER_SIZE = 120
"""Files in the generated folder: small, so that the tests stay quick on two cores."""


@pytest.fixture(scope="session")
def variations(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Made]:
    """A folder of FOLDER_SIZE report variations (a few broken, one copy), made once."""
    folder = tmp_path_factory.mktemp("variations") / "in"
    made = make_folder(folder, FOLDER_SIZE, seed=7, broken_every=30, duplicate_every=100)
    return folder, made


def need(module: str) -> Any:
    """Import ``module`` (an optional extra); skip without it, but fail under CI=true."""
    if os.environ.get("CI"):
        return importlib.import_module(module)
    return pytest.importorskip(module)
