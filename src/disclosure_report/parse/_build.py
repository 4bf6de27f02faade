"""The second stage of parsing: give a :class:`RawDocument` its meaning.

Format-independent. It finds the six sections by their headings, decides the edition from
the table labels, reads each table against the declaration in
:mod:`disclosure_report.tables`, reads the metadata (title, organ, year, dates), and
reports what it could only partly understand as ``P1.x`` diagnostics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from functools import cache
from typing import Final

import attrs

from disclosure_report.diagnostics import CODES, Diagnostic, Location, locate
from disclosure_report.errors import ParseError
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Source,
    Table,
    TextSection,
)
from disclosure_report.tables import (
    EDITIONS,
    Column,
    EditionSpec,
    Group,
    RowSpec,
    SectionSpec,
    TableSpec,
    TextSectionSpec,
    edition_spec,
    normalise_label,
)

from ._cells import read_cell
from ._raw import RawDocument, RawParagraph, RawRow, RawTable

__all__ = ["build"]

_UNREADABLE_CELL: Final = "P1.1"
_UNKNOWN_ROW: Final = "P1.2"
_MISSING_SECTION: Final = "P1.3"
_MISSING_ROW: Final = "P1.4"
_CELL_COUNT: Final = "P1.5"
_UNPLACED: Final = "P1.10"
_EDITION_GUESSED: Final = "P1.7"
_MISSING_METADATA: Final = "P1.8"
_LABEL_VARIANT: Final = "P1.9"


def _diagnostic(code: str, message: str, location: Location) -> Diagnostic:
    return Diagnostic(code=code, severity=CODES[code].severity, message=message, location=location)


# --- sections --------------------------------------------------------------------------------


@cache
def _section_index() -> dict[str, tuple[int, SectionSpec]]:
    """Normalised heading (official or variant) → (position, section), over every edition."""
    index: dict[str, tuple[int, SectionSpec]] = {}
    for spec in EDITIONS.values():
        for position, section in enumerate(spec.sections):
            for label in (section.label, *section.variants):
                index.setdefault(normalise_label(label), (position, section))
    return index


def _heading(text: str, after: int) -> tuple[int, SectionSpec] | None:
    """The section a paragraph is the heading of, if it is one and comes after ``after``."""
    folded = unicodedata.normalize("NFKC", text).strip()
    if folded.startswith("("):
        return None  # （二）… numbers a sub-heading, never one of the six sections
    found = _section_index().get(normalise_label(folded))
    if found is None or found[0] <= after:
        return None
    return found


# --- edition ---------------------------------------------------------------------------------


def _table_labels(spec: EditionSpec) -> set[str]:
    labels: set[str] = set()
    for table in spec.tables:
        labels.update(normalise_label(r.label) for r in table.rows)
        labels.update(normalise_label(c.label) for c in table.columns)
        labels.update(normalise_label(g.label) for g in table.groups)
    return labels - {""}


@cache
def _edition_markers() -> dict[Edition, frozenset[str]]:
    """Labels official in one edition only, that no other edition accepts even as a variant."""
    everything = {
        edition: {normalise_label(label) for label in spec.labels()}
        for edition, spec in EDITIONS.items()
    }
    markers: dict[Edition, frozenset[str]] = {}
    for edition, spec in EDITIONS.items():
        others = set().union(*(v for k, v in everything.items() if k is not edition))
        markers[edition] = frozenset(_table_labels(spec) - others)
    return markers


def _detect_edition(
    tables: Iterable[RawTable], year: int | None, diagnostics: list[Diagnostic]
) -> Edition:
    seen = {normalise_label(c.text) for t in tables for r in t.rows for c in r.cells}
    scores = {e: len(seen & markers) for e, markers in _edition_markers().items()}
    best = max(scores.values())
    leaders = [e for e, s in scores.items() if s == best]
    if best > 0 and len(leaders) == 1:
        return leaders[0]
    by_year = [e for e in leaders if year is not None and EDITIONS[e].covers(year)]
    edition = by_year[0] if by_year else max(leaders)
    how = f"report year {year}" if by_year else "the latest edition"
    diagnostics.append(
        _diagnostic(
            _EDITION_GUESSED,
            f"the table labels do not show the edition; assumed {edition} from {how}",
            Location(),
        )
    )
    return edition


# --- tables ----------------------------------------------------------------------------------


@attrs.frozen
class _TableIndex:
    """Label lookups for one table of one edition."""

    rows: dict[str, list[RowSpec]]
    groups: dict[str, tuple[int, Group]]
    header: frozenset[str]
    unlabelled: RowSpec | None

    @classmethod
    def of(cls, spec: TableSpec) -> _TableIndex:
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
        header = {normalise_label(label) for label in spec.header_labels}
        for column in spec.columns:
            header.update(normalise_label(label) for label in (column.label, *column.variants))
            header.update(normalise_label(label) for label in column.group)
        return cls(rows, groups, frozenset(header - {""}), unlabelled)


_INDEXES: dict[int, _TableIndex] = {}


def _index(spec: TableSpec) -> _TableIndex:
    # Keyed by identity: the declaration's specs live as long as the module, and hashing a
    # whole TableSpec on every lookup would cost more than the lookup saves.
    index = _INDEXES.get(id(spec))
    if index is None:
        index = _INDEXES[id(spec)] = _TableIndex.of(spec)
    return index


def _choose(
    candidates: Sequence[RowSpec], context: Sequence[Group], found: dict[str, Row]
) -> RowSpec:
    """Among rows sharing a label, the one whose groups match the current context best."""
    keys = {g.key for g in context}

    def score(row: RowSpec) -> tuple[int, int]:
        return (sum(g.key in keys for g in row.groups), row.key not in found)

    return max(candidates, key=score)


class _TableReader:
    """Reads the printed rows of one table section against its :class:`TableSpec`."""

    def __init__(self, spec: TableSpec, edition: Edition, diagnostics: list[Diagnostic]) -> None:
        self.spec = spec
        self.edition = edition
        self.index = _index(spec)
        self.diagnostics = diagnostics
        self.found: dict[str, Row] = {}
        self.extra: list[ExtraRow] = []
        self.context: list[Group] = []
        self.optional_seen: set[str] = set()

    def _where(
        self, row: str | None = None, column: str | None = None, *, source: Source | None = None
    ) -> Location:
        return locate(self.edition, self.spec.key, row, column, source=source)

    def read(self, rows: Iterable[RawRow]) -> None:
        for raw in rows:
            self._read_row(raw)

    def _read_row(self, raw: RawRow) -> None:
        texts = [c.text for c in raw.cells]
        filled = [i for i, t in enumerate(texts) if t.strip()]
        norms = [normalise_label(t) if t.strip() else "" for t in texts]
        if self._is_header(norms, filled):
            return
        label_at: int | None = None
        row_spec: RowSpec | None = None
        # Label cells come first, outermost first: group labels set the context, and the
        # deepest row label before the first value names the row (（六）其他处理 is a row in
        # 2019 but heads three sub-rows in 2021).
        for i in filled:
            group = self.index.groups.get(norms[i])
            candidates = self.index.rows.get(norms[i])
            if group is None and not candidates:
                break
            if group is not None:
                depth, found_group = group
                self.context = [*self.context[:depth], found_group]
            if candidates:
                row_spec = _choose(candidates, self.context, self.found)
                label_at = i
        unlabelled = self.index.unlabelled
        if (
            row_spec is None
            and unlabelled is not None
            and self._all_values(raw, filled)
            and len(raw.cells) >= len(unlabelled.columns)
        ):
            row_spec, label_at = unlabelled, -1
        if row_spec is None or label_at is None:
            if filled:
                self._keep_extra(raw, filled)
            return
        self.context = list(row_spec.groups)
        if row_spec.key in self.found:
            self._keep_extra(raw, filled, twice=True)
            return
        label_text = texts[label_at] if label_at >= 0 else ""
        self._fill(row_spec, raw, label_at, label_text)

    def _is_header(self, norms: list[str], filled: list[int]) -> bool:
        """A row of header labels only; a lone caption (e.g. 第二十条第（一）项) sets the context."""
        if not filled:
            return False
        if len(filled) == 1:
            norm = norms[filled[0]]
            group = self.index.groups.get(norm)
            if group is not None and group[0] == 0 and norm not in self.index.rows:
                self.context = [group[1]]
                return True
            return norm in self.index.header and norm not in self.index.rows
        if all(norms[i] in self.index.header for i in filled):
            for column in self.spec.columns:
                if column.optional and any(
                    norms[i] in {normalise_label(x) for x in (column.label, *column.variants)}
                    for i in filled
                ):
                    self.optional_seen.add(column.key)
            return True
        return False

    def _all_values(self, raw: RawRow, filled: list[int]) -> bool:
        """True when every printed cell reads as a number or a marker (a row without a label)."""
        probe = self.index.unlabelled.columns[0] if self.index.unlabelled else None
        if probe is None:
            return False
        return all(not read_cell(raw.cells[i].text, probe)[1] for i in filled)

    def _keep_extra(self, raw: RawRow, filled: list[int], *, twice: bool = False) -> None:
        first = filled[0]
        label = " ".join(raw.cells[first].text.split())
        cells = tuple(c.text.strip() for c in raw.cells[first + 1 :])
        self.extra.append(ExtraRow(label=label, cells=cells, source=raw.source))
        why = "is printed twice" if twice else "is not a row of the official table"
        self.diagnostics.append(
            _diagnostic(
                _UNKNOWN_ROW,
                f"row {label!r} {why}; kept as an extra row",
                self._where(source=raw.source),
            )
        )

    def _columns(self, row_spec: RowSpec, available: int) -> list[Column]:
        """The columns the row's values fill: optional ones when the header or the count shows them."""
        required = [c for c in row_spec.columns if not c.optional or c.key in self.optional_seen]
        if available > len(required) and available >= len(row_spec.columns):
            return list(row_spec.columns)
        return required

    def _fill(self, row_spec: RowSpec, raw: RawRow, label_at: int, label_text: str) -> None:
        values = raw.cells[label_at + 1 :]
        columns = self._columns(row_spec, len(values))
        where = self._where(row_spec.key, source=raw.source)
        if len(values) > len(columns):
            surplus = values[: len(values) - len(columns)]
            values = values[len(values) - len(columns) :]
            stray = [
                c.text.strip()
                for c in surplus
                if c.text.strip() and normalise_label(c.text) != normalise_label(label_text)
            ]
            if stray:
                self.diagnostics.append(
                    _diagnostic(
                        _CELL_COUNT,
                        f"{len(surplus)} cell(s) more than the {len(columns)} columns; "
                        f"ignored text {stray!r} before the values",
                        where,
                    )
                )
        elif len(values) < len(columns):
            missing = [c.path for c in columns[len(values) :]]
            self.diagnostics.append(
                _diagnostic(
                    _CELL_COUNT,
                    f"{len(values)} cell(s) for {len(columns)} columns; "
                    f"no cell printed for {', '.join(missing)}",
                    where,
                )
            )
        cells: list[Cell] = []
        for column, raw_cell in zip(columns, values, strict=False):
            cell, unreadable = read_cell(raw_cell.text, column, raw_cell.source)
            cells.append(cell)
            if unreadable:
                self.diagnostics.append(
                    _diagnostic(
                        _UNREADABLE_CELL,
                        f"no number in {raw_cell.text.strip()!r}; the text is kept, the value left blank",
                        self._where(row_spec.key, column.key, source=raw_cell.source),
                    )
                )
        order = {c.key: i for i, c in enumerate(row_spec.columns)}
        cells.sort(key=lambda c: order[c.column])
        printed = " ".join(label_text.split()) or None
        label = None
        if printed is not None and normalise_label(printed) != normalise_label(row_spec.label):
            label = printed
            self.diagnostics.append(
                _diagnostic(
                    _LABEL_VARIANT,
                    f"printed as {printed!r}, officially {row_spec.label!r}",
                    where,
                )
            )
        self.found[row_spec.key] = Row(
            key=row_spec.key, cells=tuple(cells), label=label, source=raw.source
        )

    def table(self, heading: RawParagraph, notes: list[Paragraph]) -> Table:
        rows = tuple(self.found[r.key] for r in self.spec.rows if r.key in self.found)
        for row_spec in self.spec.expected_rows(self.found.keys()):
            if row_spec.key not in self.found:
                self.diagnostics.append(
                    _diagnostic(
                        _MISSING_ROW,
                        f"row {row_spec.path or row_spec.key!r} not found; its cells are absent",
                        self._where(row_spec.key, source=heading.source),
                    )
                )
        return Table(
            heading=heading.text.strip(),
            rows=rows,
            extra_rows=tuple(self.extra),
            notes=tuple(notes),
            source=heading.source,
        )


# --- metadata --------------------------------------------------------------------------------

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_DATE = re.compile(r"^((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ISO_DATE = re.compile(r"^((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})$")
_HAN_DATE = re.compile(
    r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$"
)
_HAN_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
_DAY = r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
_PERIOD = re.compile(
    rf"统计.{{0,16}}?{_DAY}.{{0,6}}?(?:至|到|—|-|~|－)\s*(?:((?:19|20)\d{{2}})\s*年)?\s*(\d{{1,2}})\s*月\s*(\d{{1,2}})\s*日"
)
_TITLE_TAIL = re.compile(r"(?:政府|政务)?信息公开.*报告$")
_ORGAN_SUFFIX = re.compile(
    r"(?:政府|局|委员会|委|办公室|办公厅|厅|院|中心|办事处|街道|乡|镇|所|站|队|公司|部|署|处|馆|区|县|市|省|管委会|集团)$"
)
_SENTENCE = re.compile(r"[。；，,;：:！？]")


def _han_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十一 → 21 (month and day numbers)."""
    if "十" not in text:
        return int(text.translate(_HAN_DIGITS))
    tens, _, units = text.partition("十")
    return int(tens.translate(_HAN_DIGITS) or 1) * 10 + int(units.translate(_HAN_DIGITS) or 0)


def _date(text: str) -> date | None:
    """A date alone on a line: 2019年12月31日, 2019-12-31 or 二〇一九年十二月三十一日."""
    folded = "".join(unicodedata.normalize("NFKC", text).split())
    try:
        if match := _DATE.match(folded) or _ISO_DATE.match(folded):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _HAN_DATE.match(folded):
            year = int(match[1].translate(_HAN_DIGITS))
            return date(year, _han_number(match[2]), _han_number(match[3]))
    except ValueError:
        return None
    return None


def _period(texts: Iterable[str]) -> tuple[date, date] | None:
    for text in texts:
        match = _PERIOD.search(unicodedata.normalize("NFKC", text))
        if match is None:
            continue
        try:
            end_year = int(match[4]) if match[4] else int(match[1])
            return (
                date(int(match[1]), int(match[2]), int(match[3])),
                date(end_year, int(match[5]), int(match[6])),
            )
        except ValueError:
            continue
    return None


def _organ_line(text: str) -> str | None:
    folded = " ".join(text.split())
    if 3 <= len(folded) <= 40 and not _SENTENCE.search(folded) and _ORGAN_SUFFIX.search(folded):
        return folded
    return None


def _organ_from_title(title: str) -> str | None:
    """The body named in a title like ``2019年某某县人民政府政府信息公开工作年度报告``."""
    body = _YEAR.sub("", re.sub(r"((?:19|20)\d{2})\s*年度", "", "".join(title.split())))
    if _TITLE_TAIL.search(body) is None:
        return None  # not a report title (a template's, a covering letter's)
    return _TITLE_TAIL.sub("", body).strip("《》 ") or None


# --- the whole document ----------------------------------------------------------------------


@attrs.define
class _Section:
    spec: SectionSpec
    heading: RawParagraph
    blocks: list[RawParagraph | RawTable] = attrs.field(factory=list)


def _paragraph(block: RawParagraph) -> Paragraph:
    return Paragraph(text=block.text.strip(), source=block.source)


def _flatten(table: RawTable, diagnostics: list[Diagnostic]) -> list[Paragraph]:
    """A table where the format expects text: one paragraph per row, cells joined by a space."""
    diagnostics.append(
        _diagnostic(
            _UNPLACED,
            "a table where the format has text; kept as paragraphs, one per row",
            Location(source=table.source),
        )
    )
    out = []
    for row in table.rows:
        text = " ".join(c.text.strip() for c in row.cells if c.text.strip())
        if text:
            out.append(Paragraph(text=text, source=row.source))
    return out


def build(document: RawDocument) -> tuple[Report, list[Diagnostic]]:
    """Give a raw document its meaning.

    Raises:
        ParseError: the document holds none of the six sections: it is not a report.
    """
    diagnostics = list(document.diagnostics)
    head: list[RawParagraph | RawTable] = []
    sections: list[_Section] = []
    position = -1
    for block in document.blocks:
        if isinstance(block, RawParagraph):
            found = _heading(block.text, position)
            if found is not None:
                position, section_spec = found
                sections.append(_Section(section_spec, block))
                continue
        (sections[-1].blocks if sections else head).append(block)
    if not sections:
        official = next(iter(EDITIONS.values())).sections
        msg = (
            "no section heading of an annual report "
            f"({official[0].label} … {official[-1].label}) was found"
        )
        raise ParseError(msg)

    # Closing lines: a date alone on the last line, and the signing organ just above it.
    closing: list[Paragraph] = []
    publication_date: date | None = None
    signature: str | None = None
    tail = sections[-1].blocks
    last = tail[-1] if tail else None
    if isinstance(last, RawParagraph) and (when := _date(last.text)):
        publication_date = when
        closing.insert(0, _paragraph(last))
        tail.pop()
        above = tail[-1] if len(tail) > 1 else None
        if isinstance(above, RawParagraph) and (who := _organ_line(above.text)):
            signature = who
            closing.insert(0, _paragraph(above))
            tail.pop()

    head_paragraphs = [b for b in head if isinstance(b, RawParagraph) and b.text.strip()]
    title_block = next((b for b in head_paragraphs if "报告" in b.text), None)
    if title_block is None and head_paragraphs:
        title_block = head_paragraphs[0]
    title = " ".join(title_block.text.split()) if title_block else None
    preamble = [_paragraph(b) for b in head_paragraphs if b is not title_block]
    for block in head:
        if isinstance(block, RawTable):
            preamble.extend(_flatten(block, diagnostics))

    texts = [p.text for p in preamble]
    for section in sections:
        texts.extend(b.text for b in section.blocks if isinstance(b, RawParagraph))
    period = _period(texts)
    year: int | None = None
    if title and (match := _YEAR.search(title)):
        year = int(match[1])
    elif period is not None:
        year = period[1].year

    tables = [
        b
        for s in sections
        if isinstance(s.spec, TableSpec)
        for b in s.blocks
        if isinstance(b, RawTable)
    ]
    edition = _detect_edition(tables, year, diagnostics)
    spec = edition_spec(edition)

    content: dict[str, TextSection | Table] = {}
    for section in sections:
        if isinstance(section.spec, TextSectionSpec):
            paragraphs: list[Paragraph] = []
            for block in section.blocks:
                if isinstance(block, RawTable):
                    paragraphs.extend(_flatten(block, diagnostics))
                elif block.text.strip():
                    paragraphs.append(_paragraph(block))
            content[section.spec.key] = TextSection(
                heading=section.heading.text.strip(),
                paragraphs=tuple(paragraphs),
                source=section.heading.source,
            )
        else:
            reader = _TableReader(spec.table(section.spec.key), edition, diagnostics)
            notes: list[Paragraph] = []
            for block in section.blocks:
                if isinstance(block, RawTable):
                    reader.read(block.rows)
                elif block.text.strip():
                    notes.append(_paragraph(block))
            content[section.spec.key] = reader.table(section.heading, notes)
    for expected in spec.sections:
        if expected.key not in content:
            diagnostics.append(
                _diagnostic(
                    _MISSING_SECTION,
                    f"section {expected.label!r} not found (looked for its heading and {len(expected.variants)} variants)",
                    locate(edition, expected.key),
                )
            )

    organ = _organ_from_title(title) if title else None
    if organ is None and title_block is not None:
        # A title printed over two lines: the organ alone above "2019年政府信息公开工作年度报告".
        before = head_paragraphs[: head_paragraphs.index(title_block)]
        organ = _organ_line(before[-1].text) if before else None
    if signature is not None and (organ is None or signature.startswith(organ)):
        organ = signature
    for name, value in (("organ", organ), ("year", year), ("publication date", publication_date)):
        if value is None:
            diagnostics.append(
                _diagnostic(_MISSING_METADATA, f"the report's {name} was not found", Location())
            )

    report = Report(
        edition=edition,
        organ=organ,
        year=year,
        title=title,
        publication_date=publication_date,
        period_start=period[0] if period else None,
        period_end=period[1] if period else None,
        preamble=tuple(preamble),
        closing=tuple(closing),
        **content,  # type: ignore[arg-type]
    )
    return report, diagnostics
