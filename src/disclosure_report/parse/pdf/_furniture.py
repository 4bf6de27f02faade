"""Page furniture: page numbers, running headers and footers.

A line near the top or bottom edge of a page, apart from the text next to it, is furniture
when it is a page number printed as one piece (``- 5 -``, ``— 5 —``, ``第5页``, ``5/12``,
``第 5 页 共 12 页``; not ``1886  /  3384``, values of a table spread over a line), or when
the same text, its digits aside, stands at the same place near the same edge on at least two
pages and on at least a third of them (a running header such as the organ's name, a footer
with the date). Furniture is removed before anything else is read, so it never falls between
the rows of a table or inside a paragraph that continues on the next page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Final

from ._text import Line

__all__ = ["furniture"]

_EDGE: Final = 0.11
"""Share of the page height at its top and at its bottom where furniture is looked for."""
_SPREAD: Final = 2.0
"""A gap this many font sizes wide splits a line into pieces: a page number is one piece."""
_APART: Final = 0.8
"""A running header or footer stands at least this many font sizes from the nearest line."""
_PAGE_NUMBER: Final = re.compile(
    r"^[-—–_·•~－―=]*(?:第)?\d{1,4}(?:页)?(?:[/／](?:共)?\d{1,4}(?:页)?|共\d{1,4}页)?[-—–_·•~－―=]*$"
    r"|^(?:page)?\d{1,4}(?:of\d{1,4})?$",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _shape(text: str) -> str:
    """The text with every digit run as ``#``: a running footer differs only in its numbers."""
    return re.sub(r"\d+", "#", _fold(text))


def _page_number(line: Line) -> bool:
    """A page number: one piece of text (``— 5 —``, ``5/12``), not values spread over a line."""
    return line.parts(_SPREAD) == 1 and _PAGE_NUMBER.match(_fold(line.text)) is not None


def _apart(line: Line, lines: Sequence[Line], height: float) -> bool:
    """True when a line near an edge stands apart from the text towards the page's middle.

    A running header or footer keeps its distance from the body; a line of a table or a
    paragraph that reaches the edge has its neighbour close by.
    """
    gap = _APART * line.size
    if line.bottom <= _EDGE * height:
        return not any(
            other.top - line.top > 0 and other.top - line.bottom < gap for other in lines
        )
    return not any(line.top - other.top > 0 and line.top - other.bottom < gap for other in lines)


def _same_place(a: Line, b: Line) -> bool:
    """Two lines printed at one place of their pages (a running header on each page)."""
    size = max(a.size, b.size)
    return abs(a.top - b.top) <= 0.5 * size and (
        abs(a.x0 - b.x0) <= 2 * size
        or abs(a.x1 - b.x1) <= 2 * size
        or abs((a.x0 + a.x1) - (b.x0 + b.x1)) <= 4 * size
    )


def furniture(pages: Sequence[tuple[float, Sequence[Line]]]) -> list[set[int]]:
    """For each page (its height and its lines), the indexes of the lines that are furniture.

    A line repeated on other pages counts only where it stands at the same place of each
    page: the lines of a table without ruling lines at the top of two pages may look alike
    (``475（其`` and ``12（其``), but they stand in different columns.
    """
    candidates: list[list[tuple[int, Line, str]]] = []
    for height, lines in pages:
        near = [
            (i, line, _shape(line.text))
            for i, line in enumerate(lines)
            if (line.bottom <= _EDGE * height or line.top >= (1 - _EDGE) * height)
            and _apart(line, lines, height)
        ]
        candidates.append(near)
    least = max(2, (len(pages) + 2) // 3)
    found: list[set[int]] = []
    for p, near in enumerate(candidates):
        kept: set[int] = set()
        for i, line, shape in near:
            if _page_number(line):
                kept.add(i)
                continue
            pages_with = 1 + sum(
                any(s == shape and _same_place(line, other) for _, other, s in others)
                for q, others in enumerate(candidates)
                if q != p
            )
            if pages_with >= least:
                kept.add(i)
        found.append(kept)
    return found
