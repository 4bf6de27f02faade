"""Many reports at once: every file of folders, archives and lists, on every core or on Dask.

* :func:`run_batch` parses, validates and writes every report the inputs name and yields a
  :class:`FileResult` for each as it finishes; a file that fails never stops the batch. A
  second run over the same output folder skips what is done (files are known by the
  SHA-256 of their bytes, so a renamed file is not read again); ``force`` redoes it all.
* Outputs: a file per report (XML, JSON or CSV records), ``files.csv``, ``failures.csv``,
  ``summary.json`` (:class:`Summary`), and with ``parquet`` the datasets of every cell and
  every finding, partitioned by year and edition.
* Engines: worker processes on this machine (``jobs``), or a Dask cluster (``engine="dask"``,
  the ``[dask]`` extra); both give the same outputs.
* :func:`read_reports` reads the reports of inputs for checks across reports (series,
  rollups).

Nothing in the library imports this package: it sits on top, beside the command line.
"""

from __future__ import annotations

from ._inputs import InputError, Item, expand
from ._reports import read_reports
from ._run import ENGINES, TARGETS, BatchError, BatchRun, FileResult, run_batch
from ._summary import Summary

__all__ = [
    "ENGINES",
    "TARGETS",
    "BatchError",
    "BatchRun",
    "FileResult",
    "InputError",
    "Item",
    "Summary",
    "expand",
    "read_reports",
    "run_batch",
]
