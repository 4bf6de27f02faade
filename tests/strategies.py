"""Hypothesis strategies for reports of every edition, built from the table declaration.

Nothing here lists a row or a column by hand: the declaration in
:mod:`disclosure_report.tables` is walked, so a new row or edition is covered at once.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.model import (
    Cell,
    Edition,
    ExtraRow,
    Paragraph,
    Report,
    Row,
    Table,
    TextSection,
)
from disclosure_report.tables import Column, RowSpec, TableSpec, ValueKind, edition_spec

# Any text the model accepts: every Unicode character XML 1.0 can carry (control characters
# XML forbids are refused by the model itself; see tests/test_model.py).
_XML_FORBIDDEN = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r") + "\ufffe\uffff"
texts: st.SearchStrategy[str] = st.text(
    st.characters(codec="utf-8", exclude_characters=_XML_FORBIDDEN), max_size=12
)
nonempty_texts: st.SearchStrategy[str] = st.text(
    st.characters(codec="utf-8", exclude_characters=_XML_FORBIDDEN), min_size=1, max_size=12
)
optional_texts = st.none() | texts
huge = 10**MAX_NUMBER_DIGITS - 1  # the largest number a report may hold
counts = st.integers(min_value=0, max_value=huge)
signed = st.integers(min_value=-huge, max_value=huge)
amounts = st.decimals(
    allow_nan=False, allow_infinity=False, places=4, min_value=-(10**12), max_value=10**12
)
markers = st.sampled_from(["/", "—", "-", "无", "不适用", "－"])


def _number(kind: ValueKind) -> st.SearchStrategy[int | Decimal]:
    if kind is ValueKind.AMOUNT:
        return amounts
    return signed if kind is ValueKind.SIGNED else counts


# Reusing one strategy object per column lets hypothesis cache its work: 5x faster reports.
_CELL_STRATEGIES: dict[tuple[str, ValueKind], st.SearchStrategy[Cell]] = {}


def cells(column: Column) -> st.SearchStrategy[Cell]:
    """Any cell of ``column``: blank, a number (with or without its printed text), a marker, junk."""
    key = column.key
    cached = _CELL_STRATEGIES.get((key, column.kind))
    if cached is not None:
        return cached
    number = _number(column.kind)
    units = st.none() | st.sampled_from(["元", "万元"])
    strategy = st.one_of(
        st.just(Cell(column=key)),
        number.map(lambda v: Cell(column=key, value=v)),
        st.tuples(number, nonempty_texts, units).map(
            lambda t: Cell(column=key, value=t[0], raw=t[1], unit=t[2])
        ),
        markers.map(lambda m: Cell(column=key, marker=m)),
        nonempty_texts.map(lambda r: Cell(column=key, raw=r)),
    )
    _CELL_STRATEGIES[key, column.kind] = strategy
    return strategy


def rows(spec: RowSpec, *, consistent: bool = False) -> st.SearchStrategy[Row]:
    """A row of ``spec``; optional columns present or not."""
    columns = [c for c in spec.columns if not c.optional]
    optional = [c for c in spec.columns if c.optional]

    @st.composite
    def build(draw: st.DrawFn) -> Row:
        chosen = [
            c for c in spec.columns if c in columns or (c in optional and draw(st.booleans()))
        ]
        if consistent:
            made = [Cell(column=c.key, value=draw(st.integers(0, 10**6))) for c in chosen]
        else:
            made = [draw(cells(c)) for c in chosen]
        label = None if consistent else draw(st.none() | nonempty_texts)
        return Row(key=spec.key, cells=tuple(made), label=label)

    return build()


def tables(spec: TableSpec) -> st.SearchStrategy[Table]:
    """A table of ``spec`` that fits its edition: any subset of its rows (in order), extra rows and notes.

    An optional row that is kept drops the rows it stands for.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Table:
        chosen = {r.key for r in spec.rows if draw(st.booleans())}  # all rows over many examples
        replaced = {k for r in spec.rows if r.optional and r.key in chosen for k in r.replaces}
        keep = [r for r in spec.rows if r.key in chosen - replaced]
        return Table(
            heading=draw(optional_texts),
            rows=tuple(draw(rows(r)) for r in keep),
            extra_rows=tuple(
                draw(
                    st.lists(
                        st.builds(
                            ExtraRow, label=texts, cells=st.lists(texts, max_size=4).map(tuple)
                        ),
                        max_size=2,
                    )
                )
            ),
            notes=tuple(draw(st.lists(st.builds(Paragraph, text=texts), max_size=2))),
        )

    return build()


text_sections = st.builds(
    TextSection,
    heading=optional_texts,
    paragraphs=st.lists(st.builds(Paragraph, text=texts), max_size=4).map(tuple),
)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))


def reports(edition: Edition | None = None) -> st.SearchStrategy[Report]:
    """Any report of ``edition`` (or of any edition): blanks, zeros, markers, notes, huge numbers, any text."""
    editions = st.just(edition) if edition is not None else st.sampled_from(list(Edition))

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        spec = edition_spec(draw(editions))
        sections: dict[str, object] = {}
        for section in spec.sections:
            if draw(st.integers(0, 9)) == 0:
                continue  # a missing section is None
            if isinstance(section, TableSpec):
                sections[section.key] = draw(tables(section))
            else:
                sections[section.key] = draw(text_sections)
        return Report(
            edition=spec.edition,
            organ=draw(optional_texts),
            year=draw(st.none() | st.integers(1900, 2200)),
            title=draw(optional_texts),
            publication_date=draw(st.none() | dates),
            period_start=draw(st.none() | dates),
            period_end=draw(st.none() | dates),
            preamble=tuple(draw(st.lists(st.builds(Paragraph, text=texts), max_size=2))),
            closing=tuple(draw(st.lists(st.builds(Paragraph, text=texts), max_size=2))),
            **sections,  # type: ignore[arg-type]
        )

    return build()


def consistent_reports(edition: Edition | None = None) -> st.SearchStrategy[Report]:
    """A fully filled report whose every row and column identity of tables 三 and 四 holds.

    Built bottom-up: the result rows and applicant columns are drawn, totals are sums, and
    一、本年新收 is chosen so that 一 + 二 = 三(七) + 四 holds.
    """
    editions = st.just(edition) if edition is not None else st.sampled_from(list(Edition))

    @st.composite
    def build(draw: st.DrawFn) -> Report:
        spec = edition_spec(draw(editions))
        applications = spec.table(attrs.fields(Report).applications.name)
        parts = [c for c in applications.columns if c.key not in {"total", "legal_person_subtotal"}]
        template = applications.expected_rows(())  # no optional rows
        result_rows = [r for r in template if r.groups and r.key != "results_total"]
        small = st.integers(0, 50)
        grid: dict[str, dict[str, int]] = {}
        for r in result_rows:
            grid[r.key] = {c.key: draw(small) for c in parts}
        grid["results_total"] = {c.key: sum(grid[r.key][c.key] for r in result_rows) for c in parts}
        grid["carried_forward"] = {c.key: draw(small) for c in parts}
        # 一 + 二 = 三(七) + 四: draw 二 no larger than the right side, and 一 is what is left.
        grid["carried_over"] = {}
        grid["new_received"] = {}
        for c in parts:
            right = grid["results_total"][c.key] + grid["carried_forward"][c.key]
            grid["carried_over"][c.key] = draw(st.integers(0, right))
            grid["new_received"][c.key] = right - grid["carried_over"][c.key]
        with_subtotal = draw(st.booleans())
        made_rows = []
        for r in template:
            values = dict(grid[r.key])
            org = sum(v for k, v in values.items() if k != "natural_person")
            if with_subtotal:
                values["legal_person_subtotal"] = org
            values["total"] = values["natural_person"] + org
            made_rows.append(
                Row(
                    key=r.key,
                    cells=tuple(
                        Cell(column=c.key, value=values[c.key])
                        for c in r.columns
                        if c.key in values
                    ),
                )
            )
        review = spec.table(attrs.fields(Report).review_litigation.name)
        four: dict[str, int] = {}
        for c in review.columns:
            if c.key.endswith("_total"):
                prefix = c.key.removesuffix("_total")
                four[c.key] = sum(v for k, v in four.items() if k.startswith(prefix + "_"))
            else:
                four[c.key] = draw(small)
        review_rows = tuple(
            Row(key=r.key, cells=tuple(Cell(column=c.key, value=four[c.key]) for c in r.columns))
            for r in review.rows
        )
        return Report(
            edition=spec.edition,
            year=spec.years[0],
            applications=Table(rows=tuple(made_rows)),
            review_litigation=Table(rows=review_rows),
        )

    return build()
