"""Page furniture: page numbers, running headers and footers.

A line near the top or bottom edge of a page is furniture when it is a page number
(``- 5 -``, ``— 5 —``, ``第5页``, ``5/12``, ``第 5 页 共 12 页``), or when the same text, its
digits aside, stands near the same edge on at least two pages and on at least a third of
them (a running header such as the organ's name, a footer with the date). Furniture is
removed before anything else is read, so it never falls between the rows of a table or
inside a paragraph that continues on the next page.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from typing import Final

from ._text import Line

__all__ = ["furniture"]

_EDGE: Final = 0.11
"""Share of the page height at its top and at its bottom where furniture is looked for."""
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


def furniture(pages: Sequence[tuple[float, Sequence[Line]]]) -> list[set[int]]:
    """For each page (its height and its lines), the indexes of the lines that are furniture."""
    candidates: list[list[tuple[int, str]]] = []
    for height, lines in pages:
        near = [
            (i, line.text)
            for i, line in enumerate(lines)
            if line.bottom <= _EDGE * height or line.top >= (1 - _EDGE) * height
        ]
        candidates.append(near)
    shapes: Counter[str] = Counter()
    for near in candidates:
        shapes.update({_shape(text) for _, text in near})
    least = max(2, (len(pages) + 2) // 3)
    found: list[set[int]] = []
    for near in candidates:
        found.append(
            {
                i
                for i, text in near
                if _PAGE_NUMBER.match(_fold(text)) or shapes[_shape(text)] >= least
            }
        )
    return found
