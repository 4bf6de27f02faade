"""Glyphs into text: lines of a page or a cell, and the text of a run of glyphs.

A line is the glyphs whose vertical middles lie within half a glyph of each other, left to
right. Spacing comes from positions: a space is written between two glyphs where the gap
is wider than a quarter of the font size, unless one of them is a CJK character (Chinese
does not space its words, and WPS and Word print a small gap between digits and
characters, ``2024 年``, that nobody typed). A character printed twice on itself (how some
exporters draw bold) is read once.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

from disclosure_report.tables import EDITIONS, normalise_label

from ._page import UNMAPPED, Box, Glyph

__all__ = ["Line", "cjk", "join_text", "known_label", "lines_of", "text_of"]

_SPACE: Final = 0.25
"""A gap wider than this share of the font size between two non-CJK glyphs is a space."""
_SAME_LINE: Final = 0.5
"""Glyphs whose middles differ by less than this share of their size share a line."""
_OVERPRINT: Final = 0.3
"""The same character within this share of its size of the last one is printed twice."""


def cjk(character: str) -> bool:
    """True for a CJK character or full-width punctuation (no space beside it)."""
    return ord(character) >= 0x2E80


class Line(Box):
    """Glyphs on one printed line, left to right."""

    __slots__ = ("bottom", "glyphs", "size", "top", "x0", "x1")

    def __init__(self, glyphs: list[Glyph]) -> None:
        self.glyphs = glyphs
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.x0 = glyphs[0].x0
        self.x1 = max(g.x1 for g in glyphs)
        sizes = sorted(g.size for g in glyphs)
        self.size = sizes[len(sizes) // 2]

    @property
    def text(self) -> str:
        """The line's text."""
        return text_of(self.glyphs)

    def chunks(self, gap: float) -> list[list[Glyph]]:
        """The line cut where two glyphs are more than ``gap`` font sizes apart."""
        out: list[list[Glyph]] = [[self.glyphs[0]]]
        for previous, glyph in zip(self.glyphs, self.glyphs[1:], strict=False):
            if glyph.x0 - previous.x1 > gap * max(previous.size, glyph.size):
                out.append([glyph])
            else:
                out[-1].append(glyph)
        return out

    def __repr__(self) -> str:
        return f"Line({self.text!r}, x0={self.x0:.1f}, top={self.top:.1f})"


def text_of(glyphs: Sequence[Glyph]) -> str:
    """The text of glyphs on one line, left to right, with spaces where the gaps say so."""
    if not glyphs:
        return ""
    parts = [glyphs[0].text]
    for previous, glyph in itertools.pairwise(glyphs):
        gap = glyph.x0 - previous.x1
        if (
            gap > _SPACE * max(previous.size, glyph.size)
            and not cjk(previous.text[-1])
            and not cjk(glyph.text[0])
        ):
            parts.append(" ")
        parts.append(glyph.text)
    return "".join(parts)


def lines_of(glyphs: Iterable[Glyph]) -> list[Line]:
    """Glyphs grouped into lines, top to bottom; overprinted characters read once."""
    ordered = sorted(glyphs, key=lambda g: g.middle)
    groups: list[list[Glyph]] = []
    anchor = 0.0
    for glyph in ordered:
        if groups and glyph.middle - anchor <= _SAME_LINE * glyph.size:
            groups[-1].append(glyph)
        else:
            groups.append([glyph])
            anchor = glyph.middle
    lines = []
    for group in groups:
        group.sort(key=lambda g: g.x0)
        kept = [group[0]]
        for glyph in group[1:]:
            last = kept[-1]
            if glyph.text == last.text and abs(glyph.x0 - last.x0) < _OVERPRINT * glyph.size:
                continue
            kept.append(glyph)
        lines.append(Line(kept))
    return lines


def join_text(before: str, after: str) -> str:
    """Two pieces of one paragraph or label, cut at a line end: a space only between words."""
    if not before or not after:
        return before + after
    last, first = before[-1], after[0]
    if last.isascii() and first.isascii() and last.isalnum() and first.isalnum():
        return f"{before} {after}"
    return before + after


@cache
def _labels() -> frozenset[str]:
    """Every label of every edition's tables, normalised: rows, groups, columns, headers."""
    found: set[str] = set()
    for spec in EDITIONS.values():
        for table in spec.tables:
            found.update(normalise_label(label) for label in table.header_labels)
            for column in table.columns:
                found.update(normalise_label(g) for g in column.group)
                found.update(normalise_label(v) for v in (column.label, *column.variants))
            for row in table.rows:
                found.update(normalise_label(v) for v in (row.label, *row.variants))
                for group in row.groups:
                    found.update(normalise_label(v) for v in (group.label, *group.variants))
    found.discard("")
    return frozenset(found)


def known_label(text: str) -> bool:
    """True when ``text`` is a label of the official tables (any edition, any variant)."""
    return UNMAPPED not in text and normalise_label(text) in _labels()
