"""Tables drawn without ruling lines, read from the positions of their text."""

from __future__ import annotations

from ._grid import Grid
from ._text import Line

__all__ = ["free_grids"]


def free_grids(lines: list[Line], page: int) -> tuple[list[Grid], list[Line]]:
    """The tables among a page's lines of text, and the lines that are not in one."""
    return [], lines
