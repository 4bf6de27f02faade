"""Pieces of printed text, for reading tables drawn without ruling lines.

* A :class:`~._text.Chunk` is a run of glyphs on one printed line with no wide gap in it:
  in a table, one line of one cell's text (cells are kept apart by their padding, so two
  cells side by side are two chunks). Lines are cut into chunks as they are read
  (:class:`~._text.Line`); here they are placed on their page.
* A :class:`PageText` is a page's lines cut into chunks, with the labels among them.
* A :class:`Stack` is a label of the official tables printed over one line or several:
  chunks one under the other, centred on one another or flush left, with no more than a
  line's gap between them, whose texts together make a label (``商业企`` over ``业``;
  ``三、本年度办理结果`` one character per line; a long row label wrapped in its cell).
  Of the stacks starting at a chunk, the longest that makes a label is taken, so
  ``（二）部分公开`` over ``（区分处理的，只计这一情形，不计其他情形）`` is one label.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Final

from attrs import define, field

from disclosure_report.tables import EDITIONS, normalise_label

from ._page import UNMAPPED, Box, Rule
from ._text import Chunk, Line, cjk, join_text, known_label

__all__ = ["Chunk", "PageText", "Stack", "TextPage", "chunks_of", "chunks_text", "stacks_of"]

_ALIGN: Final = 0.25
"""Chunks whose centres (or left edges) differ by at most this many font sizes are aligned."""
_LINE_GAP: Final = 1.0
"""Chunks at most this many font sizes apart vertically may be lines of one label."""
_MAX_LINES: Final = 40
"""A label is printed over at most this many lines (one character per line, in a narrow cell)."""


class Stack(Box):
    """A label printed over one line or several: its chunks top to bottom."""

    __slots__ = ("bottom", "chunks", "norm", "page", "size", "text", "top", "x0", "x1")

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.page = chunks[0].page
        self.x0 = min(c.x0 for c in chunks)
        self.x1 = max(c.x1 for c in chunks)
        self.top = chunks[0].top
        self.bottom = chunks[-1].bottom
        self.size = max(c.size for c in chunks)
        text = ""
        for chunk in chunks:
            text = join_text(text, chunk.text)
        self.text = text
        self.norm = normalise_label(text)

    def __repr__(self) -> str:
        return f"Stack({self.text!r}, p{self.page}, x={self.x0:.0f}-{self.x1:.0f}, y={self.top:.0f}-{self.bottom:.0f})"


def chunks_of(lines: Sequence[Line], page: int) -> list[tuple[Chunk, ...]]:
    """The chunks of each line, left to right, placed on the page and at the line's index."""
    for index, line in enumerate(lines):
        for chunk in line.chunks:
            chunk.page = page
            chunk.line = index
    return [line.chunks for line in lines]


def chunks_text(chunks: Iterable[Chunk]) -> str:
    """The text of a cell read from positions: its chunks line by line, top to bottom.

    Chunks of one printed line are read left to right, a space between them unless one side
    is CJK (they stand further apart than any gap inside a word); lines are joined as a
    cell's lines are (``join_text``).
    """
    lines: dict[tuple[int, int], list[Chunk]] = {}
    for chunk in chunks:
        lines.setdefault((chunk.page, chunk.line), []).append(chunk)
    text = ""
    for key in sorted(lines, key=lambda k: (k[0], min(c.middle for c in lines[k]))):
        parts: list[str] = []
        for chunk in sorted(lines[key], key=lambda c: c.x0):
            if parts and not cjk(parts[-1][-1]) and not cjk(chunk.text[0]):
                parts.append(" ")
            parts.append(chunk.text)
        text = join_text(text, "".join(parts))
    return text


@cache
def _longest_label() -> int:
    """Length of the longest normalised label of any table."""
    longest = 0
    for spec in EDITIONS.values():
        for label in spec.labels():
            longest = max(longest, len(normalise_label(label)))
    return longest


def _aligned(first: Chunk, other: Chunk) -> bool:
    tolerance = _ALIGN * max(first.size, other.size)
    return abs(first.centre - other.centre) <= tolerance or abs(first.x0 - other.x0) <= tolerance


def _below(ordered: list[Chunk], tops: list[float], chunk: Chunk, first: Chunk) -> Chunk | None:
    """The nearest chunk under ``chunk``, aligned with ``first``, within a line's gap."""
    low = chunk.bottom - 0.3 * chunk.size
    high = chunk.bottom + _LINE_GAP * chunk.size
    for i in range(bisect.bisect_left(tops, low), len(ordered)):
        other = ordered[i]
        if other.top > high:
            break
        if other is not chunk and other.top >= low and _aligned(first, other):
            return other
    return None


def stacks_of(chunks: Iterable[Chunk]) -> list[Stack]:
    """The labels of the official tables among chunks of one page, top to bottom.

    A chunk is in one stack at most; chunks that make no label are in none.
    """
    ordered = sorted(chunks, key=lambda c: (c.top, c.x0))
    tops = [c.top for c in ordered]
    longest = _longest_label()
    used: set[int] = set()
    stacks: list[Stack] = []
    for first in ordered:
        if id(first) in used or UNMAPPED in first.text:
            continue
        run = [first]
        text = first.text
        best = 1 if known_label(text) else 0
        chunk = first
        while len(run) < _MAX_LINES:
            if len(normalise_label(text)) >= longest:
                break
            below = _below(ordered, tops, chunk, first)
            if below is None or id(below) in used:
                break
            run.append(below)
            text = join_text(text, below.text)
            chunk = below
            if known_label(text) and normalise_label(below.text):
                best = len(run)  # (a line of punctuation alone ends no label: a marker below)
        if best:
            stack = Stack(run[:best])
            stacks.append(stack)
            used.update(id(c) for c in stack.chunks)
    return stacks


@define
class TextPage:
    """One page's running text, as the reader of tables without ruling lines gets it."""

    number: int
    lines: list[Line]
    """Lines of text, top to bottom (page furniture and ruled tables left out)."""
    rules: list[Rule] = field(factory=list)
    """Horizontal rules that are not part of a ruled table."""
    ruled: list[tuple[float, float]] = field(factory=list)
    """Top and bottom of each ruled table: a table read from positions stops there."""


class PageText:
    """A page's lines cut into chunks, and the labels among them."""

    def __init__(self, index: int, page: TextPage) -> None:
        self.index = index
        """The page's place among the pages read."""
        self.page = page
        self.chunks = chunks_of(page.lines, page.number)
        self.stacks = stacks_of(c for line in self.chunks for c in line)
        self.stack_of = {id(c): s for s in self.stacks for c in s.chunks}
