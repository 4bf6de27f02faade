"""The analyst outputs: Parquet datasets of every cell and every finding (the ``[parquet]`` extra).

Each dataset is a folder partitioned the Hive way, by report year and edition::

    cells/year=2019/edition=2019/part-00000.parquet
    cells/year=__HIVE_DEFAULT_PARTITION__/edition=2021/part-00000.parquet   (year unknown)
    findings/year=…/edition=…/part-00000.parquet

pandas (``pd.read_parquet("out/cells")``), DuckDB (``read_parquet('out/cells/**/*.parquet',
hive_partitioning = true)``), Spark (``spark.read.parquet("out/cells")``) and
``pyarrow.dataset`` read them as one table; ``year`` and ``edition`` come from the folder
names. Rows come in input order, each report's in the official order. Counts are ``int64``,
amounts ``decimal128(38, 10)`` (exact), blanks null.

Memory stays flat: rows are buffered per partition up to a bound, then written as a row group.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from types import ModuleType
from typing import Any, Final

from disclosure_report.tables import edition_spec

from ._work import AMOUNT_SCALE, CellRow, FindingRow

__all__ = ["CELL_COLUMNS", "FINDING_COLUMNS", "PartitionedWriter", "require_pyarrow"]

GROUP_ROWS: Final = 65_536
"""Rows of one partition written as a row group once buffered."""
BUFFER_ROWS: Final = 65_536
"""Rows buffered over all partitions of a dataset before the largest is written out."""
FILE_ROWS: Final = 4_194_304
"""Rows of one part file before the next is started."""
DEFAULT_PARTITION: Final = "__HIVE_DEFAULT_PARTITION__"
"""The partition value of a null, as Hive, Spark and pyarrow write it."""

_REPORT_COLUMNS: Final = ("sha256", "file", "report_id", "organ", "address", "form")
CELL_COLUMNS: Final = (
    *_REPORT_COLUMNS,
    "table",
    "row",
    "column",
    "table_label",
    "row_label",
    "column_label",
    "kind",
    "integer",
    "amount",
    "unit",
    "marker",
    "raw",
)
"""The columns of the cells dataset (besides the partition columns ``year`` and ``edition``)."""
FINDING_COLUMNS: Final = (
    *_REPORT_COLUMNS,
    "code",
    "name",
    "severity",
    "section",
    "row",
    "column",
    "labels",
    "message",
    "message_en",
    "assessable",
    "expected",
    "actual",
    "difference",
    "source",
)
"""The columns of the findings dataset (besides ``year`` and ``edition``)."""


def require_pyarrow() -> ModuleType:
    """The pyarrow module (with ``pyarrow.parquet`` loaded).

    Raises:
        ImportError: pyarrow is not installed, with the command that installs it.
    """
    try:
        pa = importlib.import_module("pyarrow")
        importlib.import_module("pyarrow.parquet")
    except ImportError as error:
        msg = 'the Parquet datasets need pyarrow: pip install "disclosure-report[parquet]"'
        raise ImportError(msg) from error
    return pa


def _schema(pa: ModuleType, columns: Sequence[str]) -> Any:  # noqa: ANN401 - a pyarrow schema
    decimal = pa.decimal128(38, AMOUNT_SCALE)
    types = {
        "integer": pa.int64(),
        "amount": decimal,
        "expected": decimal,
        "actual": decimal,
        "difference": decimal,
        "assessable": pa.bool_(),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in columns])


@lru_cache(maxsize=8192)
def _labels(edition: str, table: str, row: str, column: str) -> tuple[str, str, str]:
    """Official labels of a cell: section heading, row path, column path."""
    spec = edition_spec(edition).table(table)
    row_spec = spec.row(row)
    return spec.label, row_spec.path, row_spec.column(column).path


def _decimals(values: Sequence[str | None]) -> list[Decimal | None]:
    return [None if v is None else Decimal(v) for v in values]


class _Partition:
    """One partition's buffered columns and its open part file."""

    def __init__(self, folder: str, width: int) -> None:
        self.folder = folder
        self.columns: list[list[Any]] = [[] for _ in range(width)]
        self.rows = 0
        self.writer: Any = None
        self.file_rows = 0
        self.part = 0


class PartitionedWriter:
    """Writes rows to a Parquet dataset partitioned by year and edition, a row group at a time."""

    def __init__(self, folder: str, columns: Sequence[str]) -> None:
        self.pa = require_pyarrow()
        self.pq = importlib.import_module("pyarrow.parquet")
        self.folder = folder
        self.names = tuple(columns)
        self.schema = _schema(self.pa, columns)
        self._partitions: dict[tuple[int | None, str], _Partition] = {}
        self._buffered = 0
        os.makedirs(folder, exist_ok=True)

    def _partition(self, year: int | None, edition: str) -> _Partition:
        key = (year, edition)
        found = self._partitions.get(key)
        if found is None:
            name = str(year) if year is not None else DEFAULT_PARTITION
            folder = os.path.join(self.folder, f"year={name}", f"edition={edition}")
            found = _Partition(folder, len(self.names))
            self._partitions[key] = found
        return found

    def extend(self, year: int | None, edition: str, columns: Sequence[Sequence[Any]]) -> None:
        """Add rows given as columns (in :attr:`names` order, all of one length)."""
        count = len(columns[0]) if columns else 0
        if not count:
            return
        partition = self._partition(year, edition)
        for buffer, values in zip(partition.columns, columns, strict=True):
            buffer.extend(values)
        partition.rows += count
        self._buffered += count
        if partition.rows >= GROUP_ROWS:
            self._flush(partition)
        while self._buffered >= BUFFER_ROWS:
            self._flush(max(self._partitions.values(), key=lambda p: p.rows))

    def _flush(self, partition: _Partition) -> None:
        if not partition.rows:
            return
        pa = self.pa
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(partition.columns, self.schema, strict=True)
        ]
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        if partition.writer is None:
            os.makedirs(partition.folder, exist_ok=True)
            path = os.path.join(partition.folder, f"part-{partition.part:05d}.parquet")
            partition.writer = self.pq.ParquetWriter(path, self.schema, compression="zstd")
        partition.writer.write_table(table, row_group_size=GROUP_ROWS)
        partition.file_rows += partition.rows
        self._buffered -= partition.rows
        partition.rows = 0
        partition.columns = [[] for _ in self.names]
        if partition.file_rows >= FILE_ROWS:
            partition.writer.close()
            partition.writer = None
            partition.file_rows = 0
            partition.part += 1

    def close(self) -> None:
        """Write what is buffered and close every part file."""
        for key in sorted(self._partitions, key=lambda k: (k[0] is None, k[0] or 0, k[1])):
            partition = self._partitions[key]
            self._flush(partition)
            if partition.writer is not None:
                partition.writer.close()
                partition.writer = None


Report = tuple[str, str, str | None, str | None, str | None, str | None]
"""What every row of a report names: sha256, file, report_id, organ, address, form."""


def cell_columns(report: Report, edition: str, cells: Sequence[CellRow]) -> list[Sequence[Any]]:
    """The cells of one report as dataset columns (:data:`CELL_COLUMNS` order)."""
    count = len(cells)
    tables, rows, columns, kinds, integers, amounts, units, markers, raws = (
        zip(*cells, strict=True) if cells else ((),) * 9
    )
    labels = [_labels(edition, t, r, c) for t, r, c in zip(tables, rows, columns, strict=True)]
    return [
        *([value] * count for value in report),
        tables,
        rows,
        columns,
        [label[0] for label in labels],
        [label[1] for label in labels],
        [label[2] for label in labels],
        kinds,
        integers,
        _decimals(amounts) if any(a is not None for a in amounts) else amounts,
        units,
        markers,
        raws,
    ]


def finding_columns(
    report: Report,
    findings: Sequence[FindingRow],
    names: dict[str, str],
) -> list[Sequence[Any]]:
    """The findings of one report as dataset columns (:data:`FINDING_COLUMNS` order)."""
    count = len(findings)
    if not count:
        return [() for _ in FINDING_COLUMNS]
    (
        codes,
        severities,
        sections,
        rows,
        columns,
        labels,
        messages,
        messages_en,
        assessable,
        expected,
        actual,
        difference,
        sources,
    ) = zip(*findings, strict=True)
    return [
        *([value] * count for value in report),
        codes,
        [names.get(code, code) for code in codes],
        severities,
        sections,
        rows,
        columns,
        labels,
        messages,
        messages_en,
        assessable,
        _decimals(expected),
        _decimals(actual),
        _decimals(difference),
        sources,
    ]
