"""The second stage of parsing: give a :class:`RawDocument` its meaning.

Format-independent, and a sequence of small steps, each in its own module: find the six
sections (``_sections``), decide the edition (``_edition``), place every table in its section,
read each table against the declaration (``_tables``), read the metadata (``_metadata``), and
check that the report fits its edition (:mod:`disclosure_report.conformance`) before it is
returned. What could only partly be understood becomes a ``P1.x`` diagnostic.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import attrs

from disclosure_report.conformance import nonconformities
from disclosure_report.diagnostics import Diagnostic, Location, locate
from disclosure_report.errors import ParseError
from disclosure_report.model import ExtraRow, Paragraph, Report, Table, TextSection
from disclosure_report.tables import (
    EDITIONS,
    EditionSpec,
    SectionSpec,
    TableSpec,
    TextSectionSpec,
    edition_spec,
)

from ._edition import detect_edition
from ._metadata import (
    choose_title,
    compiler,
    date_field,
    date_line,
    organ_from_title,
    organ_line,
    period,
    year_of,
)
from ._raw import Block, RawDocument, RawParagraph, RawTable, diagnostic
from ._sections import heading, split_tables
from ._tables import TableReader, printed, table_labels, table_score

__all__ = ["build"]

MISSING_SECTION: Final = "P1.3"
MISSING_METADATA: Final = "P1.8"
UNPLACED: Final = "P1.10"
BY_CONTENT: Final = "P1.15"
NONCONFORMING: Final = "P1.16"
_LONGEST_FIELD: Final = 60
"""Characters of a line that is a page's 发布日期 field and nothing more."""
_LEAST_SCORE: Final = 3
"""Labels of a table section a table must print to be placed there by its content."""


@attrs.define
class _Section:
    spec: SectionSpec
    heading: RawParagraph | None
    blocks: list[Block] = attrs.field(factory=list)


def _paragraph(block: RawParagraph) -> Paragraph:
    return Paragraph(text=block.text.strip(), source=block.source)


def _flatten(table: RawTable, diagnostics: list[Diagnostic]) -> list[Paragraph]:
    """A table where the format expects text: one paragraph per row, cells joined by a space."""
    diagnostics.append(
        diagnostic(
            UNPLACED,
            "a table where the format has text; kept as paragraphs, one per row",
            Location(source=table.source),
        )
    )
    out = []
    for row in table.rows:
        text = " ".join(" ".join(c.text.split()) for c in row.cells if c.text.strip())
        if text:
            out.append(Paragraph(text=text, source=row.source))
    return out


def _split(blocks: list[Block]) -> tuple[list[Block], list[_Section]]:
    """The blocks before section 一, and the sections found by their headings."""
    head: list[Block] = []
    sections: list[_Section] = []
    position = -1
    for block in split_tables(blocks):
        if isinstance(block, RawParagraph):
            found = heading(block.text, position)
            if found is not None:
                position, spec, printed, rest = found
                section = _Section(spec, RawParagraph(text=printed, source=block.source))
                if rest:
                    section.blocks.append(RawParagraph(text=rest, source=block.source))
                sections.append(section)
                continue
        (sections[-1].blocks if sections else head).append(block)
    return head, sections


def _place_tables(
    head: list[Block], sections: list[_Section], spec: EditionSpec, diagnostics: list[Diagnostic]
) -> None:
    """Move each table to the table section whose labels it prints, if it is not there.

    A table stays under its heading when it prints a label of that section, or when no
    section claims it; it moves to a table section that has no table of its own when it
    prints at least :data:`_LEAST_SCORE` of that section's labels.
    """
    by_key = {s.spec.key: s for s in sections}
    homes: list[tuple[list[Block], SectionSpec | None]] = [(head, None)]
    homes.extend((s.blocks, s.spec) for s in sections)
    claimed = {
        s.spec.key
        for s in sections
        if isinstance(s.spec, TableSpec) and any(isinstance(b, RawTable) for b in s.blocks)
    }
    for blocks, home in homes:
        for table in [b for b in blocks if isinstance(b, RawTable)]:
            labels = table_labels(table)
            scores = {t.key: table_score(t, labels) for t in spec.tables}
            if home is not None and isinstance(home, TableSpec) and scores[home.key] > 0:
                continue
            best = max(scores, key=lambda k: scores[k])
            if scores[best] < _LEAST_SCORE or (
                best in claimed and best != getattr(home, "key", None)
            ):
                continue
            blocks.remove(table)
            target = by_key.get(best)
            if target is None:
                target = by_key[best] = _Section(spec.table(best), None)
                sections.append(target)
            target.blocks.append(table)
            claimed.add(best)
            diagnostics.append(
                diagnostic(
                    BY_CONTENT,
                    "a table found by its labels, not under its section heading",
                    locate(spec.edition, best, source=table.source),
                )
            )


def _closing(section: _Section) -> tuple[list[Paragraph], date | None, str | None]:
    """The closing lines of the last section: a date alone on the last line, the organ above."""
    closing: list[Paragraph] = []
    tail = section.blocks
    last = tail[-1] if tail else None
    if not isinstance(last, RawParagraph) or (when := date_line(last.text)) is None:
        return closing, None, None
    closing.append(_paragraph(last))
    tail.pop()
    above = tail[-1] if len(tail) > 1 else None
    signature = None
    if isinstance(above, RawParagraph) and (who := organ_line(above.text)):
        signature = who
        closing.insert(0, _paragraph(above))
        tail.pop()
    return closing, when, signature


def build(document: RawDocument) -> tuple[Report, list[Diagnostic]]:
    """Give a raw document its meaning.

    Raises:
        ParseError: the document holds none of the six sections: it is not a report.
    """
    diagnostics = list(document.diagnostics)
    head, sections = _split(document.blocks)
    if not sections and not any(isinstance(b, RawTable) for b in head):
        official = next(iter(EDITIONS.values())).sections
        msg = (
            "no section heading of an annual report "
            f"({official[0].label} … {official[-1].label}) was found"
        )
        raise ParseError(msg)

    closing, signed, signature = _closing(sections[-1]) if sections else ([], None, None)

    head_paragraphs = [b for b in head if isinstance(b, RawParagraph) and b.text.strip()]
    texts = [" ".join(b.text.split()) for b in head_paragraphs]
    at = choose_title(texts)
    if at is None and not document.title:
        at = choose_title(texts, loosely=True)
    title = texts[at] if at is not None else None
    if title is None and document.title:
        title = " ".join(document.title.split())
    if at is not None and at > 0:
        diagnostics.append(
            diagnostic(
                UNPLACED,
                f"{at} paragraph(s) before the title left out (page furniture: "
                f"{texts[0][:40]!r} …)",
                Location(source=head_paragraphs[0].source),
            )
        )
    # The page's 发布日期 field is the publication date, not text of the report.
    preamble = [
        _paragraph(b)
        for b in head_paragraphs[(at + 1 if at is not None else 0) :]
        if not (len(b.text) <= _LONGEST_FIELD and date_field(b.text))
    ]

    all_texts = [p.text for p in preamble]
    for section in sections:
        all_texts.extend(b.text for b in section.blocks if isinstance(b, RawParagraph))
    stated = period(all_texts)
    year = year_of(title) if title else None
    if year is None and stated is not None:
        year = stated[1].year

    tables = [
        b
        for blocks in (head, *(s.blocks for s in sections))
        for b in blocks
        if isinstance(b, RawTable)
    ]
    edition = detect_edition(tables, year, diagnostics)
    spec = edition_spec(edition)
    _place_tables(head, sections, spec, diagnostics)
    if not sections:
        msg = "no section heading of an annual report was found, and no table of one"
        raise ParseError(msg)
    for block in head:
        if isinstance(block, RawTable):
            preamble.extend(_flatten(block, diagnostics))

    content: dict[str, TextSection | Table] = {}
    for section in sections:
        printed = section.heading
        if isinstance(section.spec, TextSectionSpec):
            paragraphs: list[Paragraph] = []
            for block in section.blocks:
                if isinstance(block, RawTable):
                    paragraphs.extend(_flatten(block, diagnostics))
                elif block.text.strip():
                    paragraphs.append(_paragraph(block))
            content[section.spec.key] = TextSection(
                heading=printed.text.strip() if printed else None,
                paragraphs=tuple(paragraphs),
                source=printed.source if printed else None,
            )
            continue
        reader = TableReader(spec.table(section.spec.key), edition, diagnostics)
        notes: list[Paragraph] = []
        for block in section.blocks:
            if isinstance(block, RawTable):
                reader.read(block)
            elif block.text.strip():
                notes.append(_paragraph(block))
        content[section.spec.key] = reader.table(printed, notes)
    for expected in spec.sections:
        if expected.key not in content:
            diagnostics.append(
                diagnostic(
                    MISSING_SECTION,
                    f"section {expected.label!r} not found "
                    f"(looked for its heading and {len(expected.variants)} variants)",
                    locate(edition, expected.key),
                )
            )

    organ = organ_from_title(title) if title else None
    if organ is None and at is not None and at > 0:
        # A title printed over two lines: the organ alone above "2019年政府信息公开工作年度报告".
        organ = organ_line(texts[at - 1])
    if signature is not None and (organ is None or signature.startswith(organ)):
        organ = signature
    # 本报告由淮安市洪泽区人民政府办公室…编制: the full name of an organ printed short.
    named = compiler([p.text for p in preamble[:3]])
    if (
        organ is not None
        and named is not None
        and len(named) > len(organ)
        and named.endswith(organ)
    ):
        organ = named
    published = _publication_date(document, texts, signed)
    fields = attrs.fields(Report)
    for field, value in (
        (fields.organ, organ),
        (fields.year, year),
        (fields.publication_date, published),
    ):
        if value is None:
            words = field.name.replace("_", " ")
            diagnostics.append(
                diagnostic(
                    MISSING_METADATA,
                    f"the report's {words} was not found",
                    Location(section=field.name),  # where the validator says it is missing
                )
            )

    report = Report(
        edition=edition,
        organ=organ,
        year=year,
        title=title,
        publication_date=published,
        period_start=stated[0] if stated else None,
        period_end=stated[1] if stated else None,
        preamble=tuple(preamble),
        closing=tuple(closing),
        **content,  # type: ignore[arg-type]
    )
    return _conforming(report, diagnostics), diagnostics


def _publication_date(document: RawDocument, head: list[str], signed: date | None) -> date | None:
    """The page's 发布日期 field if it states one, else the date line under the report."""
    if document.publication_date is not None:
        stated = date_field(document.publication_date) or date_line(document.publication_date)
        if stated is not None:
            return stated
    for text in head:
        if (field := date_field(text)) is not None:
            return field
    return signed


def _conforming(report: Report, diagnostics: list[Diagnostic]) -> Report:
    """The report, with any row that does not fit its edition moved to the extra rows.

    The table stage builds rows that fit by construction; this is the guarantee that no
    parsed report fails :func:`~disclosure_report.conformance.nonconformities`.
    """
    found = nonconformities(report)
    if not found:
        return report
    changes: dict[str, Table] = {}
    for item in found:
        table = changes.get(item.section) or getattr(report, item.section)
        if not isinstance(table, Table) or item.row is None:
            continue
        keep = tuple(r for r in table.rows if r.key != item.row)
        moved = tuple(
            ExtraRow(label=r.label or r.key, cells=tuple(printed(c) for c in r.cells))
            for r in table.rows
            if r.key == item.row
        )
        changes[item.section] = attrs.evolve(
            table, rows=keep, extra_rows=(*table.extra_rows, *moved)
        )
        diagnostics.append(
            diagnostic(
                NONCONFORMING,
                f"{item.message}; the row is kept as an extra row",
                locate(report.edition, item.section, item.row, item.column),
            )
        )
    return attrs.evolve(report, **changes)  # type: ignore[arg-type]
