"""The checks every raw document passes between its reader and :mod:`._build`, whatever its form.

* the limits of :class:`~disclosure_report.limits.Limits` that every form shares: characters
  of a paragraph and of a cell, tables, and cells counted as grid slots (a reader with its
  own costs checks its own limits earlier, as it reads);
* text the model cannot hold, or should not show, removed and reported (``P1.6``):
  characters XML 1.0 cannot carry (C0 control characters, lone surrogates), the C1 controls
  and DEL (U+007F-U+009F, which XML carries but no report prints), and the Unicode
  bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C), which have
  no use in a Chinese report and can make a label or a number display as something it is
  not.

So no reader, present or future, can hand the table stage an input over a limit, or a text
that makes the model raise.
"""

from __future__ import annotations

import re
from typing import Final

from lxml import etree

from disclosure_report.diagnostics import Diagnostic, Location
from disclosure_report.limits import Limits, check
from disclosure_report.model import Source

from ._raw import RawDocument, RawParagraph, diagnostic

__all__ = ["PARSER_DEPTH", "deeper_than", "element_count", "guard"]

_CLEANED: Final = "P1.6"
_BIDI: Final = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNWANTED: Final = re.compile(
    f"[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x7f-\x9f{_BIDI}]"
)


def _clean(text: str, source: Source | None, diagnostics: list[Diagnostic]) -> str:
    if _UNWANTED.search(text) is None:
        return text
    removed = sorted({f"U+{ord(c):04X}" for c in _UNWANTED.findall(text)})
    diagnostics.append(
        diagnostic(
            _CLEANED,
            f"removed {', '.join(removed)} (control or bidirectional formatting characters)",
            Location(source=source),
        )
    )
    return _UNWANTED.sub("", text)


def guard(document: RawDocument, limits: Limits) -> None:
    """Check ``document`` against the shared limits and clean its text, in place.

    Raises:
        LimitExceededError: a paragraph or a cell is too long, or there are too many tables
            or cells.
    """
    diagnostics = document.diagnostics
    tables = 0
    slots = 0
    for block in document.blocks:
        if isinstance(block, RawParagraph):
            if len(block.text) > limits.max_paragraph_chars:  # the message only when needed
                what = f"the paragraph at {block.source} (characters)"
                check(limits, "max_paragraph_chars", len(block.text), what)
            block.text = _clean(block.text, block.source, diagnostics)
            continue
        tables += 1
        check(limits, "max_tables", tables)
        if block.width is not None:
            slots += len(block.rows) * block.width
        else:
            slots += sum(len(row.cells) for row in block.rows)
        check(limits, "max_cells", slots)
        for row in block.rows:
            for cell in row.cells:
                if len(cell.text) > limits.max_cell_chars:
                    what = f"the table cell at {cell.source} (characters)"
                    check(limits, "max_cell_chars", len(cell.text), what)
                cell.text = _clean(cell.text, cell.source, diagnostics)
    for name in ("title", "publication_date"):
        value: str | None = getattr(document, name)
        if value is not None:
            check(limits, "max_paragraph_chars", len(value), f"the page's {name} (characters)")
            setattr(document, name, _clean(value, None, diagnostics))


PARSER_DEPTH: Final = 256
"""Levels libxml2 reads at most (without its "huge" option): deeper, it stops with an error."""


def deeper_than(root: etree._Element, depth: int) -> bool:
    """True when an element of ``root``'s tree is nested deeper than ``depth`` (the root is 1).

    libxml2 never builds a tree deeper than :data:`PARSER_DEPTH`, so only a lower ``depth``
    is looked for: one XPath step per level, evaluated in C, linear in the tree.
    """
    if depth >= PARSER_DEPTH:
        return False
    return bool(root.xpath(f"boolean({'/*' * (depth + 1)})"))


def element_count(root: etree._Element) -> int:
    """The number of elements in ``root``'s tree, counted in C."""
    count = root.xpath("count(//*)")
    return int(count) if isinstance(count, float) else 0
