"""The table stage: the grids of one table section read against its :class:`TableSpec`.

Format-independent. For a table whose cells know their grid positions (HTML, DOCX, PDF),
the header rows are read first: each header cell is matched to a declared column by its
label and by the group labels above it (行政诉讼 › 复议后起诉 › 总计), which gives every
declared column a range of grid columns. Each data row is then read by position: its label
path is every label cell covering the row (merged group cells included), its value for a
column is the cell under that column's header. A merged value cell printed once or expanded
into blanks reads the same; several different texts under one header, or one cell across
two columns, leave the cell blank with a diagnostic.

For a form without positions (a text extraction), or a block without a recognisable header,
values are placed by counting the row's cells from the right, and a diagnostic says so; a
row with fewer cells than columns cannot be placed, so its cells stay blank and its texts
go into a diagnostic.
"""

from __future__ import annotations

import difflib
import enum
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Final

import attrs

from disclosure_report.diagnostics import Diagnostic, Location, locate
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Row,
    Source,
    Table,
)
from disclosure_report.tables import Column, Group, RowSpec, TableSpec, normalise_label

from ._cells import read_cell
from ._raw import RawCell, RawParagraph, RawRow, RawTable, diagnostic
from ._recover import Run, recover

__all__ = ["TableReader", "diagnostic", "numbered", "printed", "table_labels", "table_score"]

UNREADABLE_CELL: Final = "P1.1"
UNKNOWN_ROW: Final = "P1.2"
MISSING_ROW: Final = "P1.4"
CELL_COUNT: Final = "P1.5"
LABEL_VARIANT: Final = "P1.9"
COUNTED: Final = "P1.11"
AMBIGUOUS_CELL: Final = "P1.12"
UNKNOWN_HEADER: Final = "P1.13"
NO_TABLE: Final = "P1.14"


def _shown(text: str) -> str:
    return " ".join(text.split())


_NUMBERED: Final = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d{1,2}[、.])"
)


def printed(cell: Cell) -> str:
    """The text a cell was read from, as near as the cell keeps it."""
    return cell.raw or cell.marker or ("" if cell.value is None else str(cell.value))


def numbered(text: str) -> bool:
    """True when a label is printed with an item number (（七）总计, 1.其他, 三、…)."""
    return _NUMBERED.match(unicodedata.normalize("NFKC", text)) is not None


# --- label lookups -----------------------------------------------------------------------------


@attrs.frozen
class _Index:
    """Label lookups for one table of one edition, all keyed by normalised label."""

    rows: dict[str, list[RowSpec]]
    groups: dict[str, tuple[int, Group]]
    columns: dict[str, list[Column]]
    column_groups: frozenset[str]
    header: frozenset[str]
    """Every label a header row may hold: columns, their groups, corner notes, 信息内容."""
    unlabelled: RowSpec | None
    labels: frozenset[str]
    """Every label of the table: rows, groups and headers."""


_INDEXES: dict[int, _Index] = {}


def _index(spec: TableSpec) -> _Index:
    # Keyed by identity: the declaration's specs live as long as the module, and hashing a
    # whole TableSpec on every lookup costs more than the lookup saves.
    index = _INDEXES.get(id(spec))
    if index is None:
        index = _INDEXES[id(spec)] = _make_index(spec)
    return index


def _make_index(spec: TableSpec) -> _Index:
    rows: dict[str, list[RowSpec]] = {}
    groups: dict[str, tuple[int, Group]] = {}
    unlabelled = None
    for row in spec.rows:
        if not row.label:
            unlabelled = row
        for label in (row.label, *row.variants):
            if label:
                rows.setdefault(normalise_label(label), []).append(row)
        for depth, group in enumerate(row.groups):
            for label in (group.label, *group.variants):
                groups.setdefault(normalise_label(label), (depth, group))
    columns: dict[str, list[Column]] = {}
    column_groups: set[str] = set()
    for column in spec.columns:
        for label in (column.label, *column.variants):
            columns.setdefault(normalise_label(label), []).append(column)
        column_groups.update(normalise_label(g) for g in column.group)
    header = {normalise_label(label) for label in spec.header_labels}
    header.update(columns, column_groups)
    header.discard("")
    return _Index(
        rows,
        groups,
        columns,
        frozenset(column_groups),
        frozenset(header),
        unlabelled,
        frozenset(rows.keys() | groups.keys() | header),
    )


def table_labels(table: RawTable) -> frozenset[str]:
    """Every normalised text a table prints."""
    return frozenset(normalise_label(c.text) for r in table.rows for c in r.cells if c.text.strip())


def table_score(spec: TableSpec, labels: frozenset[str]) -> int:
    """How many distinct labels of ``spec`` (rows, groups, headers) are among ``labels``.

    Places a table whose section heading is missing or wrong.
    """
    index = _index(spec)
    return len(labels & index.labels)


def _choose(candidates: Sequence[RowSpec], context: Sequence[Group], found: set[str]) -> RowSpec:
    """Among rows sharing a label, the one whose groups match the context best."""
    keys = {g.key for g in context}

    def score(row: RowSpec) -> tuple[int, int]:
        return (sum(g.key in keys for g in row.groups), row.key not in found)

    return max(candidates, key=score)


_PROBE: Final = Column("probe", "")


@lru_cache(maxsize=4096)
def _reading(text: str) -> tuple[bool, bool]:
    """Whether ``text`` reads as a count, and whether it reads at all (blank, marker, number)."""
    cell, problem = read_cell(text, _PROBE)
    return problem is None and cell.value is not None, problem is None


_NEAR_ENOUGH: Final = 0.8
"""How alike a misprinted row label and the official one must be (difflib's ratio)."""
_NEAR_MARGIN: Final = 0.1
"""How much nearer than any other row the official label must be."""
_SHORTEST_NEAR: Final = 4


@lru_cache(maxsize=2048)
def _near_row_cached(spec_id: int, norm: str) -> RowSpec | None:
    spec = _SPECS[spec_id]
    scores: dict[str, tuple[float, RowSpec]] = {}
    for row in spec.rows:
        for label in (row.label, *row.variants):
            official = normalise_label(label)
            if len(official) < _SHORTEST_NEAR:
                continue
            ratio = difflib.SequenceMatcher(None, norm, official, autojunk=False).ratio()
            if ratio > scores.get(row.key, (0.0, row))[0]:
                scores[row.key] = (ratio, row)
    ranked = sorted(scores.values(), key=lambda s: s[0], reverse=True)
    if not ranked or ranked[0][0] < _NEAR_ENOUGH:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < _NEAR_MARGIN:
        return None
    return ranked[0][1]


_SPECS: dict[int, TableSpec] = {}


def _near_row(spec: TableSpec, norm: str) -> RowSpec | None:
    """The one row whose official label a label no row has is a misprint of, if any."""
    if len(norm) < _SHORTEST_NEAR:
        return None
    _SPECS.setdefault(id(spec), spec)
    return _near_row_cached(id(spec), norm)


_PATH_SEPARATOR: Final = re.compile(r"[/／]")


def _path(text: str) -> list[str]:
    """The normalised parts of a label printed as a path (法人或其他组织/商业企业); [] if none."""
    if "/" not in text and "／" not in text:
        return []
    parts = [normalise_label(p) for p in _PATH_SEPARATOR.split(text) if p.strip()]
    return parts if len(parts) > 1 else []


def _own_label(text: str, row_spec: RowSpec) -> str:
    """A row label printed as its path (``三、本年度办理结果/（三）不予公开/2.…``): its own part.

    The path's leading parts must name the row's groups (official labels or variants); the
    row's label is what follows them. Any other text is the label as printed.
    """
    parts = [p.strip() for p in _PATH_SEPARATOR.split(text) if p.strip()]
    if len(parts) != len(row_spec.groups) + 1:
        return text
    for part, group in zip(parts, row_spec.groups, strict=False):
        if normalise_label(part) not in {
            normalise_label(v) for v in (group.label, *group.variants)
        }:
            return text
    return parts[-1]


_UNIT_SUFFIX: Final = re.compile(r"(?:单位)?(?:万元|元|件|个|项|条)$")


def _columns_of(index: _Index, norm: str) -> list[Column]:
    """The columns a header label names, a unit printed after it aside (本年收费金额(万元))."""
    found = index.columns.get(norm)
    if found is None and (bare := _UNIT_SUFFIX.sub("", norm)) != norm:
        found = index.columns.get(bare)
    return found or []


class _Kind(enum.Enum):
    """What a printed table row is."""

    BLANK = "blank"
    CAPTION = "caption"
    HEADER = "header"
    DATA = "data"


# --- one table section ---------------------------------------------------------------------------

_Span = tuple[int, int]


class TableReader:
    """Reads the printed tables of one table section against its :class:`TableSpec`."""

    def __init__(self, spec: TableSpec, edition: Edition, diagnostics: list[Diagnostic]) -> None:
        self.spec = spec
        self.edition = edition
        self.index = _index(spec)
        self.diagnostics = diagnostics
        self.found: dict[str, Row] = {}
        self.extra: list[ExtraRow] = []
        self.notes: list[Paragraph] = []
        self.context: list[Group] = []
        self.block: list[Group] = []
        """The caption (第二十条第（一）项) heading the current block of rows."""
        self.columns: dict[str, _Span] | None = None
        """Grid columns of the declared columns, from the last header block."""
        self.width: int | None = None
        self.optional_seen: set[str] = set()
        self.counted_said = False
        self.tables = 0
        self.runs: dict[str, Run] = {}
        """Rows printed as one run of values, boundaries lost: recovered when the table ends."""

    def where(
        self, row: str | None = None, column: str | None = None, *, source: Source | None = None
    ) -> Location:
        """The location of a row or cell of this table, with official labels."""
        return locate(self.edition, self.spec.key, row, column, source=source)

    def say(self, code: str, message: str, location: Location) -> None:
        """Record a finding."""
        self.diagnostics.append(diagnostic(code, message, location))

    # --- classifying rows ----------------------------------------------------------------------

    @staticmethod
    def _is_number(text: str) -> bool:
        return _reading(text)[0]

    @staticmethod
    def _is_value(text: str) -> bool:
        """Blank, a number (with its unit or note) or a marker: what a cell without a label holds."""
        return _reading(text)[1]

    def _classify(self, row: RawRow) -> tuple[_Kind, list[RawCell], list[str], list[str]]:
        """What a printed row is, with its filled cells, their texts and normalised labels.

        A caption (a lone block label) sets the row context as it is classified.
        """
        filled = [c for c in row.cells if c.text.strip()]
        if not filled:
            return _Kind.BLANK, filled, [], []
        texts = [c.text for c in filled]
        norms = [normalise_label(t) for t in texts]
        if len(filled) == 1 and self._caption(norms[0]):
            return _Kind.CAPTION, filled, texts, norms
        if self._is_header(texts, norms):
            return _Kind.HEADER, filled, texts, norms
        return _Kind.DATA, filled, texts, norms

    def _caption(self, norm: str) -> bool:
        """A lone label that heads a block (第二十条第（一）项); sets the row context."""
        group = self.index.groups.get(norm)
        if group is not None and group[0] == 0 and norm not in self.index.rows:
            self.block = self.context = [group[1]]
            return True
        return False

    def _is_header(self, texts: Sequence[str], norms: Sequence[str]) -> bool:
        """A row of header labels.

        Most cells are header labels (a 序号 or 单位 cell may stand among them), one is a
        header label that is no row label (总计 is both), no cell is a row label printed with
        its number (（七）总计), and no cell is a number.
        """
        index = self.index
        headers = [
            n in index.header or bool((p := _path(t)) and all(x in index.header for x in p))
            for t, n in zip(texts, norms, strict=True)
        ]
        if not norms or 2 * sum(headers) < len(norms):
            return False
        if not any(h and n not in index.rows for h, n in zip(headers, norms, strict=True)):
            return False
        for text, norm in zip(texts, norms, strict=True):
            if norm in index.rows and (norm not in index.header or numbered(text)):
                return False
        return not any(self._is_number(t) for t in texts)

    # --- reading a table -----------------------------------------------------------------------

    def read(self, table: RawTable) -> None:
        """Read one printed table of the section."""
        self.tables += 1
        if table.positioned:
            self._read_grid(table)
        else:
            self._read_counted(table.rows, "the form gives no cell positions")

    def _read_grid(self, table: RawTable) -> None:
        covering: dict[int, list[RawCell]] = {}
        for r, row in enumerate(table.rows):
            for cell in row.cells:
                for below in range(r, r + cell.row_span):
                    covering.setdefault(below, []).append(cell)
        # A table continued from the previous one (a page break) keeps its header's columns.
        columns = self.columns if table.width == self.width else None
        header: list[tuple[int, RawCell]] = []
        for r, row in enumerate(table.rows):
            kind, filled, texts, norms = self._classify(row)
            if kind is _Kind.BLANK:
                # Under a header, a row of blank cells is the row without a label, though an
                # extractor may have left some of its blank cells out.
                if row.cells and (columns is not None or header):
                    self._blank_unlabelled(row, table.width or 0)
                continue
            if kind is _Kind.CAPTION:
                continue
            if kind is _Kind.HEADER:
                header.extend((r, c) for c in filled)
                continue
            if header:
                columns = self._map_columns(header)
                header = []
            if (
                len(filled) == 1
                and filled[0].col_span == table.width
                and table.width > 1
                and norms[0] not in self.index.rows
                and norms[0] not in self.index.groups
                and not self._is_value(texts[0])
            ):
                # A note across the whole table: 注：行政复议、行政诉讼数量含上年度结转数量。
                self.notes.append(Paragraph(text=_shown(texts[0]), source=filled[0].source))
                continue
            line = sorted(covering.get(r, []), key=lambda c: c.column or 0)
            if columns is not None and self._read_placed(row, line, columns):
                continue
            self._read_counted_row(
                RawRow(cells=line, source=row.source), "no header row names the columns"
            )
        self.columns, self.width = columns, table.width

    def _map_columns(self, header: Sequence[tuple[int, RawCell]]) -> dict[str, _Span]:
        """Grid columns of each declared column, from a block of header cells."""
        index = self.index
        used: set[int] = set()
        spans: dict[str, _Span] = {}
        ordered = sorted(range(len(header)), key=lambda i: (header[i][1].column or 0, header[i][0]))
        # A header cell may print its whole path (法人或其他组织/商业企业, as one-row headers
        # of Markdown do): its last part is the label, the others are groups above it.
        paths = [_path(cell.text) for _, cell in header]
        leaves = [
            path[-1]
            if path and not _columns_of(index, normalise_label(cell.text))
            else normalise_label(cell.text)
            for (_, cell), path in zip(header, paths, strict=True)
        ]
        paths = [
            p if leaf == (p[-1] if p else None) else []
            for p, leaf in zip(paths, leaves, strict=True)
        ]
        for column in self.spec.columns:
            groups = {normalise_label(g) for g in column.group}
            for i in ordered:
                r, cell = header[i]
                if i in used or column not in _columns_of(index, leaves[i]):
                    continue
                start, end = cell.column or 0, cell.end
                above = {
                    normalise_label(a.text)
                    for ar, a in header
                    if ar < r and (a.column or 0) < end and start < a.end
                }
                above = (above | set(paths[i][:-1])) & index.column_groups
                if above <= groups:
                    used.add(i)
                    spans[column.key] = (start, end)
                    if column.optional:
                        self.optional_seen.add(column.key)
                    break
        for i, (_, cell) in enumerate(header):
            norm = leaves[i]
            if i not in used and norm not in index.header and not _columns_of(index, norm):
                self.say(
                    UNKNOWN_HEADER,
                    f"header {_shown(cell.text)!r} names no column of the official table",
                    self.where(source=cell.source),
                )
        return spans

    def _labels(
        self, cells: Iterable[RawCell], *, label_area: bool = False
    ) -> tuple[RowSpec | None, int, str]:
        """Match label cells (outermost first): the deepest row label names the row.

        A cell may hold a group label and a row label on two lines, or run together
        (（三）不予公开1.属于国家秘密). With ``label_area`` (the cells left of every value
        column, in a grid) a cell no label names is passed by.

        Returns the row, the position of its label among ``cells`` (-1: none), its text.
        """
        row_spec: RowSpec | None = None
        at, label = -1, ""
        for i, cell in enumerate(cells):
            if not cell.text.strip():
                continue
            pieces = self._pieces(cell.text)
            if pieces is None:
                if label_area:
                    # Left of every value column a cell is a label by its place: one no label
                    # names (a row number, a group label cut by a page break: （六）其他 | 处理)
                    # is passed by, and the deepest label that is a row still names the row.
                    continue
                break
            for group, candidates in pieces:
                if group is not None:
                    depth, found = group
                    self.context = [*self.context[:depth], found]
                if candidates:
                    row_spec = _choose(candidates, self.context, set(self.found))
                    at, label = i, cell.text
        return row_spec, at, label

    def _pieces(self, text: str) -> list[tuple[tuple[int, Group] | None, Sequence[RowSpec]]] | None:
        """The group and row labels a label cell holds, outermost first; None if it holds none."""
        whole = self._piece(normalise_label(text))
        if whole is not None:
            return [whole]
        lines = [line for line in re.split(r"[\n/／]", text) if line.strip()]
        if len(lines) > 1:
            found = [self._piece(normalise_label(line)) for line in lines]
            if all(f is not None for f in found):
                return [f for f in found if f is not None]
        norm = normalise_label(text)
        for group_label, group in self.index.groups.items():
            rest = norm.removeprefix(group_label)
            if rest != norm and (rows := self.index.rows.get(normalise_label(rest))):
                return [(group, ()), (None, rows)]
        near = _near_row(self.spec, norm)
        if near is None or near.key in self.found or self._is_value(text):
            return None
        return [(None, [near])]  # a misprinted label: 先行有效件数, 其他法律行政止公开

    def _piece(self, norm: str) -> tuple[tuple[int, Group] | None, Sequence[RowSpec]] | None:
        group = self.index.groups.get(norm)
        candidates = self.index.rows.get(norm, ())
        if group is None and not candidates:
            return None
        return group, candidates

    def _read_placed(self, row: RawRow, line: Sequence[RawCell], columns: dict[str, _Span]) -> bool:
        """Read a data row by the grid columns of the header; False when it cannot be."""
        if not columns:
            return False  # no header cell named a column (found by fuzzing)
        start = min(s for s, _ in columns.values())
        labels = [c for c in line if c.end <= start]
        values = [c for c in row.cells if c.end > start]
        self.context = list(self.block)
        row_spec, _, label = self._labels(labels, label_area=True)
        # Kept as printed if it is no row: its own (innermost) label and its values.
        own = next((c.text for c in reversed(labels) if c.text.strip()), "")
        printed = [own, *(c.text for c in values)]
        if row_spec is None:
            unlabelled = self.index.unlabelled
            if unlabelled is None or own or not all(self._is_value(c.text) for c in values):
                self._extra(row, printed)
                return True
            row_spec = unlabelled
        wanted = [c for c in row_spec.columns if c.key in columns or not c.optional]
        if any(c.key not in columns for c in wanted):
            return False  # a column without a header: the caller counts instead
        if self._duplicate(row_spec, row, printed):
            return True
        self.context = list(row_spec.groups)
        if len(values) == len(wanted) and all(
            (c.column or 0) < columns[k.key][1] and columns[k.key][0] < c.end
            for c, k in zip(values, wanted, strict=True)
        ):
            # One printed cell per column, each under its own header, though the publisher's
            # spans do not line up with the header's (a CMS moving a colspan): read in order.
            made = [
                self._read(row_spec, k, c.text, c.source)
                for c, k in zip(values, wanted, strict=True)
            ]
            self._keep(row_spec, made, label, row.source)
            return True
        cells: list[Cell] = []
        claimed: set[int] = set()
        for column in wanted:
            low, high = columns[column.key]
            under = [c for c in values if (c.column or 0) < high and low < c.end]
            claimed.update(id(c) for c in under)
            cells.append(self._value(row_spec, column, under, columns, row.source))
        for cell in values:
            if id(cell) not in claimed and cell.text.strip():
                self.say(
                    CELL_COUNT,
                    f"{_shown(cell.text)!r} stands under no column of the official table; ignored",
                    self.where(row_spec.key, source=cell.source),
                )
        self._keep(row_spec, cells, label, row.source)
        return True

    def _value(
        self,
        row_spec: RowSpec,
        column: Column,
        under: Sequence[RawCell],
        columns: dict[str, _Span],
        row_source: Source,
    ) -> Cell:
        """The cell of ``column`` from the printed cells under its header."""
        low, high = columns[column.key]
        where = self.where(
            row_spec.key, column.key, source=under[0].source if under else row_source
        )
        if not under:
            self.say(
                CELL_COUNT,
                f"no cell printed under {column.path!r}; left blank",
                where,
            )
            return Cell(column=column.key, source=row_source)
        straddling = [
            c
            for c in under
            if c.text.strip()
            and ((c.column or 0) < low or c.end > high)
            and any(
                k != column.key and (c.column or 0) < high_k and low_k < c.end
                for k, (low_k, high_k) in columns.items()
            )
        ]
        texts = {_shown(c.text) for c in under if c.text.strip()}
        if straddling or len(texts) > 1:
            shown = " | ".join(_shown(c.text) for c in under if c.text.strip())
            why = (
                "one printed cell spans this column and another"
                if straddling
                else "several different cells stand under this column"
            )
            self.say(AMBIGUOUS_CELL, f"{why} ({shown!r}); left blank", where)
            return Cell(column=column.key, source=under[0].source)
        source_cell = next((c for c in under if c.text.strip()), under[0])
        return self._read(row_spec, column, source_cell.text, source_cell.source)

    def _read(self, row_spec: RowSpec, column: Column, text: str, source: Source) -> Cell:
        cell, problem = read_cell(text, column, source)
        if problem is not None:
            self.say(
                UNREADABLE_CELL,
                f"{_shown(text)!r} {problem}; the value is left blank, the text kept",
                self.where(row_spec.key, column.key, source=source),
            )
        return cell

    # --- counting, where positions are unknown -------------------------------------------------

    def _blank_unlabelled(self, row: RawRow, width: int) -> bool:
        """A row of blank cells as wide as the table's row without a label (an empty 四)."""
        unlabelled = self.index.unlabelled
        if unlabelled is None or unlabelled.key in self.found:
            return False
        if width < len([c for c in unlabelled.columns if not c.optional]):
            return False
        self._keep(
            unlabelled,
            [Cell(column=c.key, source=row.source) for c in unlabelled.columns if not c.optional],
            "",
            row.source,
        )
        return True

    def _read_counted(self, rows: Iterable[RawRow], why: str) -> None:
        for row in rows:
            kind, _, _, norms = self._classify(row)
            if kind is _Kind.BLANK:
                self._blank_unlabelled(row, len(row.cells))
            elif kind is _Kind.HEADER:
                self._optional_columns(norms)
            elif kind is _Kind.DATA:
                self._read_counted_row(row, why)

    def _optional_columns(self, norms: Iterable[str]) -> None:
        for norm in norms:
            for column in self.index.columns.get(norm, ()):
                if column.optional:
                    self.optional_seen.add(column.key)

    def _read_counted_row(self, row: RawRow, why: str) -> None:
        cells = row.cells
        filled = [i for i, c in enumerate(cells) if c.text.strip()]
        row_spec, at, label = self._labels(cells)
        if row_spec is None:
            unlabelled = self.index.unlabelled
            if (
                unlabelled is not None
                and (row.fused or all(self._is_value(cells[i].text) for i in filled))
                and (
                    row.fused
                    or len(cells) >= len([c for c in unlabelled.columns if not c.optional])
                )
            ):
                row_spec, at = unlabelled, -1
            else:
                if filled:
                    self._extra(row, [c.text for c in cells])
                return
        values = cells[at + 1 :]
        if not values and normalise_label(label) in self.index.groups:
            return  # a group label alone on its line (（六）其他处理 over its three rows)
        if self._duplicate(row_spec, row, [c.text for c in cells]):
            return
        self.context = list(row_spec.groups)
        if row.fused:
            self._read_run(row_spec, values, label, row.source, lined=row.lined)
            return
        if not self.counted_said:
            self.counted_said = True
            self.say(
                COUNTED,
                f"values placed by counting each row's cells from the right: {why}",
                self.where(source=row.source),
            )
        columns = self._counted_columns(row_spec, len(values))
        where = self.where(row_spec.key, source=row.source)
        if len(values) > len(columns):
            surplus = values[: len(values) - len(columns)]
            values = values[len(values) - len(columns) :]
            stray = [
                _shown(c.text)
                for c in surplus
                if c.text.strip() and normalise_label(c.text) != normalise_label(label)
            ]
            if stray:
                self.say(
                    CELL_COUNT,
                    f"{len(surplus)} cell(s) more than the {len(columns)} columns; "
                    f"ignored text {stray!r} before the values",
                    where,
                )
        made: list[Cell]
        if len(values) < len(columns):
            printed = [_shown(c.text) for c in values]
            self.say(
                CELL_COUNT,
                f"{len(values)} cell(s) {printed!r} for {len(columns)} columns: which column "
                "each belongs to cannot be told, so the row's cells are left blank",
                where,
            )
            made = [Cell(column=c.key, source=row.source) for c in columns]
        else:
            made = [
                self._read(row_spec, column, raw.text, raw.source)
                for column, raw in zip(columns, values, strict=True)
            ]
        self._keep(row_spec, made, label, row.source)

    def _read_run(
        self,
        row_spec: RowSpec,
        values: Sequence[RawCell],
        label: str,
        source: Source,
        *,
        lined: bool = False,
    ) -> None:
        """A row whose values are one run: kept for :meth:`_recover_runs` (one column: read)."""
        columns = tuple(self._counted_columns(row_spec, 0))
        text = " ".join(c.text for c in values)
        if len(columns) == 1:
            self._keep(row_spec, [self._read(row_spec, columns[0], text, source)], label, source)
            return
        self.runs[row_spec.key] = Run(row_spec, columns, text, label, source, lined=lined)

    def _recover_runs(self) -> None:
        """The cells of every run, from the table's arithmetic (``_recover``)."""
        if not self.runs:
            return
        runs, self.runs = list(self.runs.values()), {}
        recovered, findings = recover(self.spec, self.edition, runs, self.found)
        self.diagnostics.extend(findings)
        for item in recovered:
            run = item.run
            self._keep(run.row, list(item.cells), run.label, run.source or Source())

    def _counted_columns(self, row_spec: RowSpec, available: int) -> list[Column]:
        """The columns the row's values fill: optional ones when the header or the count shows them."""
        required = [c for c in row_spec.columns if not c.optional or c.key in self.optional_seen]
        if available > len(required) and available >= len(row_spec.columns):
            return list(row_spec.columns)
        return required

    # --- keeping rows --------------------------------------------------------------------------

    def _duplicate(self, row_spec: RowSpec, row: RawRow, printed: Sequence[str]) -> bool:
        if row_spec.key not in self.found and row_spec.key not in self.runs:
            return False
        self._extra(row, printed, twice=True)
        return True

    def _extra(self, row: RawRow, texts: Sequence[str], *, twice: bool = False) -> None:
        shown = [_shown(t) for t in texts]
        first = next((i for i, t in enumerate(shown) if t), 0)
        label = shown[first] if shown else ""
        cells = shown[first + 1 :]
        while cells and not cells[-1]:  # the grid's empty slots after the last cell printed
            cells.pop()
        self.extra.append(ExtraRow(label=label, cells=tuple(cells), source=row.source))
        why = "is printed twice" if twice else "is not a row of the official table"
        self.say(
            UNKNOWN_ROW,
            f"row {label!r} {why}; kept as an extra row",
            self.where(source=row.source),
        )

    def _keep(self, row_spec: RowSpec, cells: list[Cell], label: str, source: Source) -> None:
        printed = _own_label(_shown(label), row_spec) or None
        kept_label = None
        official = {normalise_label(row_spec.label), normalise_label(row_spec.path)}
        if printed is not None and normalise_label(printed) not in official:
            kept_label = printed
            self.say(
                LABEL_VARIANT,
                f"printed as {printed!r}, officially {row_spec.label!r}",
                self.where(row_spec.key, source=source),
            )
        self.found[row_spec.key] = Row(
            key=row_spec.key, cells=tuple(cells), label=kept_label, source=source
        )

    def table(self, heading: RawParagraph | None, notes: list[Paragraph]) -> Table:
        """The section's table: its rows in the official order, what else it printed.

        ``heading`` is ``None`` for a table found by its labels, without its heading.
        """
        where = heading.source if heading is not None else None
        self._recover_runs()
        if not self.tables:
            self.say(
                NO_TABLE,
                f"no table was found under {self.spec.label!r}; every cell is absent",
                self.where(source=where),
            )
        self._drop_replaced()
        rows = tuple(self.found[r.key] for r in self.spec.rows if r.key in self.found)
        if self.tables:
            for row_spec in self.spec.expected_rows(self.found.keys()):
                if row_spec.key not in self.found:
                    self.say(
                        MISSING_ROW,
                        f"row {row_spec.path or row_spec.key!r} not found; its cells are absent",
                        self.where(row_spec.key, source=where),
                    )
        return Table(
            heading=_shown(heading.text) if heading is not None else None,
            rows=rows,
            extra_rows=tuple(self.extra),
            notes=(*self.notes, *notes),
            source=where,
        )

    def _drop_replaced(self) -> None:
        """An optional row printed beside the rows it stands for becomes an extra row."""
        for row_spec in self.spec.rows:
            if not row_spec.optional or row_spec.key not in self.found:
                continue
            if any(k in self.found for k in row_spec.replaces):
                row = self.found.pop(row_spec.key)
                texts = [printed(c) for c in row.cells]
                self.extra.append(
                    ExtraRow(
                        label=row.label or row_spec.label, cells=tuple(texts), source=row.source
                    )
                )
                self.say(
                    UNKNOWN_ROW,
                    f"{row_spec.label!r} is printed as a row beside the rows it stands for; "
                    "kept as an extra row",
                    self.where(row_spec.key, source=row.source),
                )
