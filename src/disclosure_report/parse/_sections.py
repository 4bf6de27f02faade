"""Finding the six sections: by their headings, and by their content where a heading fails.

A heading is a paragraph whose label (numbering, punctuation and spaces aside) is the heading
of a section or one of its variants (``tables.py``), in document order. Also found:

* a heading glued to its first sentence (``一、总体情况2019年，…``, crawler text, Word's
  run-in headings): a numbered paragraph that *starts* with a heading label is split;
* a heading printed as a row of a table (CMS pages that lay the whole report out in one
  table): the table is split there;
* a table printed without its heading, or under the wrong one: placed in the table section
  whose row and column labels it prints (a table of 第二十条第（一）项 rows is 二), when that
  section has no table of its own.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import Final

from disclosure_report.tables import EDITIONS, SectionSpec, normalise_label

from ._raw import Block, RawParagraph, RawRow, RawTable

__all__ = ["heading", "near_prefix", "section_index", "split_tables"]

_LONGEST_HEADING: Final = 40
"""Characters of a paragraph searched for a glued heading."""
_NUMERAL: Final = frozenset("一二三四五六七八九十")
_raw_normalise = normalise_label.__wrapped__  # uncached: for prefixes seen once


@cache
def section_index() -> dict[str, tuple[int, SectionSpec]]:
    """Normalised heading (official or variant) -> (position, section), over every edition."""
    index: dict[str, tuple[int, SectionSpec]] = {}
    for spec in EDITIONS.values():
        for position, section in enumerate(spec.sections):
            for label in (section.label, *section.variants):
                index.setdefault(normalise_label(label), (position, section))
    return index


def heading(text: str, after: int) -> tuple[int, SectionSpec, str, str] | None:
    """The section a paragraph is the heading of, if it is one and comes after ``after``.

    Returns the section's position and declaration, the heading as printed, and the text
    glued after it (empty for a heading alone on its line).
    """
    printed = text.strip()
    if len(printed) > _LONGEST_HEADING and printed[0] not in _NUMERAL:
        return None  # a sentence, not a heading (the usual paragraph: decided without NFKC)
    folded = unicodedata.normalize("NFKC", printed)
    if not folded or folded.startswith("("):
        return None  # （二）… numbers a sub-heading, never one of the six sections
    index = section_index()
    found = index.get(normalise_label(folded))
    if found is not None:
        return (*found, printed, "") if found[0] > after else None
    if folded[0] not in _NUMERAL or len(folded) <= 4:
        return None
    norm = normalise_label(folded)
    if len(norm) <= _LONGEST_NEAR:
        near = _near_heading(norm)
        if near is not None and near[0] > after:
            return (*near, printed, "")  # worded a little otherwise: 主动公开政府信息的情况
    # A numbered heading glued to its first sentence: the longest heading label it starts with.
    start = _raw_normalise(printed[:_LONGEST_HEADING])
    if not any(start.startswith(label) for label in _labels_by_length()):
        return None
    for end in range(min(len(printed), _LONGEST_HEADING), 3, -1):
        found = index.get(_raw_normalise(printed[:end]))
        if found is not None and found[0] > after:
            return (*found, printed[:end].strip(), printed[end:].strip())
    return None


_NEAR_ENOUGH: Final = 0.85
"""How alike a heading worded otherwise and a section's heading must be (difflib's ratio)."""
_LONGEST_NEAR: Final = 30


@lru_cache(maxsize=1024)
def _near_heading(norm: str) -> tuple[int, SectionSpec] | None:
    """The one section whose heading (or a variant) ``norm`` is a rewording of, if any."""
    best: dict[str, tuple[float, tuple[int, SectionSpec]]] = {}
    for label, found in section_index().items():
        ratio = difflib.SequenceMatcher(None, norm, label, autojunk=False).ratio()
        if ratio > best.get(found[1].key, (0.0, found))[0]:
            best[found[1].key] = (ratio, found)
    ranked = sorted(best.values(), key=lambda b: b[0], reverse=True)
    if not ranked or ranked[0][0] < _NEAR_ENOUGH:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < 0.1:
        return None
    return ranked[0][1]


def near_prefix(text: str, position: int) -> int | None:
    """How much of ``text`` is section ``position``'s heading worded a little otherwise.

    For a heading glued to what follows it and misprinted (``政府信息公开行政法复议、行政诉讼
    情况行政复议 …``): of the prefixes up to :data:`_LONGEST_NEAR` characters that are near
    that section's heading and no other's (as :func:`_near_heading` decides), the one nearest.
    """
    own = _own_labels(position)
    best: tuple[float, int] | None = None
    for end in range(5, min(len(text), _LONGEST_NEAR) + 1):
        norm = _raw_normalise(text[:end])
        if len(norm) <= 4:
            continue
        matchers = [difflib.SequenceMatcher(None, norm, label, autojunk=False) for label in own]
        if max(m.quick_ratio() for m in matchers) < _NEAR_ENOUGH:  # (an upper bound, cheap)
            continue
        ratio = max(m.ratio() for m in matchers)
        if ratio < _NEAR_ENOUGH or (best is not None and ratio <= best[0]):
            continue
        found = _near_heading(norm)
        if found is not None and found[0] == position:
            best = (ratio, end)
    return best[1] if best is not None else None


@cache
def _own_labels(position: int) -> tuple[str, ...]:
    return tuple(label for label, (at, _) in section_index().items() if at == position)


@cache
def _labels_by_length() -> tuple[str, ...]:
    return tuple(sorted(section_index(), key=len, reverse=True))


def split_tables(blocks: Iterable[Block]) -> Iterator[Block]:
    """Blocks with every table split at rows that are a section heading alone."""
    for block in blocks:
        if not isinstance(block, RawTable):
            yield block
            continue
        rows: list[RawRow] = []
        for row in block.rows:
            filled = [c for c in row.cells if c.text.strip()]
            if len(filled) == 1 and heading(filled[0].text, -1) is not None:
                if rows:
                    yield RawTable(rows=rows, source=rows[0].source, width=block.width)
                    rows = []
                yield RawParagraph(text=filled[0].text, source=filled[0].source)
                continue
            rows.append(row)
        if rows:
            yield RawTable(rows=rows, source=rows[0].source, width=block.width)
