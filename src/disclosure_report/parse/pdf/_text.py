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
from functools import cache, lru_cache
from typing import Final

from disclosure_report.tables import EDITIONS, normalise_label

from ._page import UNMAPPED, Box, Glyph

__all__ = ["CHUNK_GAP", "Chunk", "Line", "cjk", "join_text", "known_label", "lines_of", "text_of"]

_SPACE: Final = 0.25
"""A gap wider than this share of the font size between two non-CJK glyphs is a space."""
_SAME_LINE: Final = 0.5
"""Glyphs whose middles differ by less than this share of their size share a line."""
_OVERPRINT: Final = 0.3
"""The same character within this share of its size of the last one is printed twice."""
CHUNK_GAP: Final = 0.6
"""A gap wider than this many font sizes between two glyphs of a line cuts it in chunks."""


def cjk(character: str) -> bool:
    """True for a CJK character or full-width punctuation (no space beside it)."""
    return ord(character) >= 0x2E80


class Chunk(Box):
    """A run of a line's glyphs with no gap wider than :data:`CHUNK_GAP` font sizes in it.

    In a table, one line of one cell's text (cells are kept apart by their padding, so two
    cells side by side are two chunks).
    """

    __slots__ = ("bottom", "fonts", "line", "page", "size", "text", "top", "x0", "x1")

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        self.page = 0
        """Number of the page it is printed on (set with :attr:`line` by ``chunks_of``)."""
        self.line = -1
        """Index of the line it was cut from, among the lines of its page it was read with."""
        self.x0 = glyphs[0].x0
        self.x1 = max(g.x1 for g in glyphs)
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.size = max(g.size for g in glyphs)
        self.text = text_of(glyphs)
        self.fonts = _fonts(glyphs)
        """The fonts its glyphs are printed in."""

    def __repr__(self) -> str:
        return (
            f"Chunk({self.text!r}, p{self.page}, x={self.x0:.0f}-{self.x1:.0f}, y={self.top:.0f})"
        )


class Line(Box):
    """Glyphs on one printed line, left to right: what is read of them, not the glyphs.

    A page's glyphs are many (one object each) and its lines few: a line keeps its text,
    its box, its chunks and where they are cut, so that no glyph outlives the page it was
    read from and a long document is held in a small multiple of its size.
    """

    __slots__ = ("bottom", "breaks", "chunks", "count", "size", "text", "top", "x0", "x1")

    def __init__(self, glyphs: Sequence[Glyph]) -> None:
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.x0 = glyphs[0].x0
        self.x1 = max(g.x1 for g in glyphs)
        sizes = sorted(g.size for g in glyphs)
        self.size = sizes[len(sizes) // 2]
        self.count = len(glyphs)
        """How many glyphs are printed on it."""
        self.text = text_of(glyphs)
        """The line's text."""
        runs: list[list[Glyph]] = [[glyphs[0]]]
        breaks: list[tuple[float, float]] = []
        for previous, glyph in itertools.pairwise(glyphs):
            gap = glyph.x0 - previous.x1
            scale = max(previous.size, glyph.size)
            if gap > CHUNK_GAP * scale:
                runs.append([glyph])
                breaks.append((gap, scale))
            else:
                runs[-1].append(glyph)
        self.breaks = tuple(breaks)
        """Each gap between two chunks, and the font size it is measured in."""
        self.chunks = tuple(Chunk(run) for run in runs)
        """The line cut where two glyphs are more than :data:`CHUNK_GAP` font sizes apart."""
        if len(runs) == 1:
            self.chunks[0].text = self.text  # one string for both

    def parts(self, gap: float) -> int:
        """How many chunks the line is cut into where glyphs are more than ``gap`` sizes apart.

        ``gap`` is at least :data:`CHUNK_GAP`: a wider cut only joins chunks.
        """
        assert gap >= CHUNK_GAP, gap
        return 1 + sum(1 for width, scale in self.breaks if width > gap * scale)

    def __repr__(self) -> str:
        return f"Line({self.text!r}, x0={self.x0:.1f}, top={self.top:.1f})"


def _fonts(glyphs: Sequence[Glyph]) -> tuple[str, ...]:
    """The fonts of glyphs, each once, in order."""
    first = glyphs[0].font
    if all(g.font == first for g in glyphs):
        return _alone(first)
    return tuple(sorted({g.font for g in glyphs}))


@lru_cache(maxsize=256)
def _alone(font: str) -> tuple[str]:
    """One font, as the one tuple all chunks printed in it share."""
    return (font,)


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
    """Two chunks of one paragraph or label, cut at a line end: a space only between words."""
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
