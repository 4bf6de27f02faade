"""The header of a table drawn without ruling lines: its columns, and what is printed with them.

A header is found as two or more column labels of one official table side by side, on one
line or on lines next to each other (a header set to the top of its cells prints 自然人 a
line above 商业企业): :func:`headers_of`. Around them (:func:`read_header`) are the groups
above the columns (行政诉讼 › 复议后起诉), the notes in the label column (信息内容, the 勾稽关系
note), and a block's caption above it (第二十条第（一）项, :func:`caption_above`). Each
column's declared key is told by its label, or by its place among the others when a label
names several columns (结果维持 in 四, by laying the printed labels along the declared columns
in order); a group spans the run of its columns under its centre (:func:`group_span`).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from attrs import define, field

from disclosure_report.parse._tables import numbered

from ._chunks import PageText, Stack
from ._roles import Roles, roles, tables_printing

__all__ = [
    "ABOVE",
    "Header",
    "Leaf",
    "caption_above",
    "group_span",
    "headers_of",
    "overlap",
    "read_header",
]

ABOVE: Final = 1.6
"""Header groups and captions stand at most this many font sizes above the column labels."""


@define
class Leaf:
    """One column of a header: its label's horizontal extent and text."""

    x0: float
    x1: float
    text: str
    norm: str
    stack: Stack | None
    key: str | None = None
    """The declared column, when the label (and its place among the others) names one."""


@define
class Header:
    """A table's header: where it is printed, its columns, the groups and notes with them."""

    page: int
    top: float
    bottom: float
    leaves: list[Leaf]
    groups: list[Stack] = field(factory=list)
    notes: list[Stack] = field(factory=list)
    """Header texts in the label column (信息内容, the 勾稽关系 note)."""
    zone: set[int] = field(factory=set)
    """Ids of the chunks printed in the header."""


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far two extents overlap (negative: the gap between them)."""
    return min(a1, b1) - max(a0, b0)


def headers_of(text: PageText) -> list[tuple[str, list[Stack]]]:
    """Column labels of one table printed side by side: the table's key and the labels."""
    by_key: dict[str, list[Stack]] = {}
    for stack in text.stacks:
        if numbered(stack.text):
            continue
        for key in tables_printing(stack.norm):
            by_key.setdefault(key, []).append(stack)
    found: list[tuple[str, list[Stack]]] = []
    for key, stacks in by_key.items():
        table = roles()[key]
        stacks.sort(key=lambda s: s.top)
        groups: list[list[Stack]] = []
        for stack in stacks:
            joined = [
                g
                for g in groups
                if any(overlap(s.top, s.bottom, stack.top, stack.bottom) > 0 for s in g)
            ]
            merged = [stack]
            for group in joined:
                merged.extend(group)
                groups.remove(group)
            groups.append(merged)
        for group in _header_rows_joined(groups, table):
            group.sort(key=lambda s: s.x0)
            if any(a.x1 > b.x0 + 0.5 for a, b in itertools.pairwise(group)):
                continue  # labels over one another: not one header row
            if all(s.norm in table.rows for s in group):
                continue  # row labels (其他, 总计), not a header
            if len(group) < 2 and not any(
                n.norm in table.notes
                and n.x1 <= group[0].x0
                and overlap(n.top, n.bottom, group[0].top, group[0].bottom) > 0
                for n in text.stacks
            ):
                continue
            found.append((key, group))
    found.sort(key=lambda f: (len(f[1]) * -1, f[1][0].top))
    taken: set[int] = set()
    kept = []
    for key, group in found:
        if any(id(s) in taken for s in group):
            continue
        taken.update(id(s) for s in group)
        kept.append((key, group))
    kept.sort(key=lambda f: min(s.top for s in f[1]))
    return kept


def _header_rows_joined(groups: list[list[Stack]], table: Roles) -> list[list[Stack]]:
    """Column labels on consecutive lines, side by side, joined into one header.

    A header set to the top of its cells prints ``自然人`` and ``总计`` (two header rows
    high) on one line and ``商业企业`` … on the next: one header. Only groups that hold a
    label that is no row label are joined (a row label such as 合计 under the header is not
    the header's).
    """
    groups = sorted(groups, key=lambda g: min(s.top for s in g))
    joined = True
    while joined:
        joined = False
        for a, b in itertools.pairwise(groups):
            size = max(s.size for s in [*a, *b])
            gap = min(s.top for s in b) - max(s.bottom for s in a)
            if (
                gap <= ABOVE * size
                and all(any(s.norm not in table.rows for s in g) for g in (a, b))
                and not any(overlap(x.x0, x.x1, y.x0, y.x1) > 0 for x in a for y in b)
            ):
                groups.remove(b)
                a.extend(b)
                joined = True
                break
    return groups


def _resolve(table: Roles, leaves: list[Leaf]) -> None:
    """The declared column of each leaf: by its label, or by its place among the others.

    ``结果维持`` names three columns of 四; printed in order among the other labels, the
    place of each is told by laying the printed labels along the declared columns in order:
    a label takes a column only when every way of laying them out gives it that one.
    """
    for leaf in leaves:
        keys = table.columns.get(leaf.norm, frozenset())
        if len(keys) == 1:
            leaf.key = next(iter(keys))
    known = [leaf for leaf in leaves if leaf.norm in table.columns]
    if all(leaf.key is not None for leaf in known):
        return
    possible: list[set[str]] = [set() for _ in known]
    for order in table.orders:
        for j, c in _placements([leaf.norm for leaf in known], order):
            possible[j].add(order[c][0])
    for leaf, found in zip(known, possible, strict=True):
        if leaf.key is None and len(found) == 1:
            leaf.key = next(iter(found))


def _placements(
    labels: Sequence[str], order: Sequence[tuple[str, frozenset[str]]]
) -> set[tuple[int, int]]:
    """Each (label, column) pair of some in-order placement of the labels in the columns."""
    count, n = len(order), len(labels)

    def fits(j: int, c: int) -> bool:
        return labels[j] in order[c][1]

    # ahead[j][c]: labels[:j] can be placed in columns[:c]; behind[j][c]: labels[j:] in [c:].
    ahead = [[j == 0] * (count + 1) for j in range(n + 1)]
    for j in range(n):
        for c in range(count):
            ahead[j + 1][c + 1] = ahead[j + 1][c] or (ahead[j][c] and fits(j, c))
    behind = [[j == n] * (count + 1) for j in range(n + 1)]
    for j in range(n - 1, -1, -1):
        for c in range(count - 1, -1, -1):
            behind[j][c] = behind[j][c + 1] or (fits(j, c) and behind[j + 1][c + 1])
    return {
        (j, c)
        for j in range(n)
        for c in range(count)
        if ahead[j][c] and fits(j, c) and behind[j + 1][c + 1]
    }


def read_header(text: PageText, group: list[Stack], table: Roles) -> Header:
    """A header from its column labels: the groups above, the notes beside, other header text."""
    leaves = [Leaf(s.x0, s.x1, s.text, s.norm, s) for s in group]
    top = min(s.top for s in group)
    bottom = max(s.bottom for s in group)
    x_lo, x_hi = group[0].x0, group[-1].x1
    header = Header(text.page.number, top, bottom, leaves)
    taken = {id(s) for s in group}
    changed = True
    while changed:
        changed = False
        for stack in text.stacks:
            if id(stack) in taken:
                continue
            near = stack.bottom >= header.top - ABOVE * stack.size and stack.top <= header.bottom
            if not near:
                continue
            if stack.norm in table.column_groups and overlap(stack.x0, stack.x1, x_lo, x_hi) > 0:
                header.groups.append(stack)
            elif stack.norm in table.notes and stack.x0 < x_hi:
                if stack.x1 <= x_lo:
                    header.notes.append(stack)
                else:
                    header.groups.append(stack)
            else:
                continue
            taken.add(id(stack))
            header.top = min(header.top, stack.top)
            header.bottom = max(header.bottom, stack.bottom)
            changed = True
    for stack in [*group, *header.groups, *header.notes]:
        header.zone.update(id(c) for c in stack.chunks)
    # Header text that is no label: a column label is a column, anything else is kept out.
    for line in text.chunks:
        for chunk in line:
            if (
                id(chunk) in header.zone
                or overlap(chunk.top, chunk.bottom, header.top, header.bottom) <= 0.3 * chunk.size
            ):
                continue
            if (
                chunk.x0 >= x_lo - 0.5
                and not any(
                    overlap(chunk.x0, chunk.x1, s.x0, s.x1) > 0 for s in [*group, *header.groups]
                )
                and chunk.bottom <= bottom + 0.5 * chunk.size
            ):
                leaves.append(Leaf(chunk.x0, chunk.x1, chunk.text, "", None))
            header.zone.add(id(chunk))
    leaves.sort(key=lambda leaf: leaf.x0)
    _resolve(table, leaves)
    return header


def caption_above(text: PageText, header: Header, table: Roles) -> Stack | None:
    """A block caption right above the header (第二十条第（一）项)."""
    for stack in text.stacks:
        if (
            stack.norm in table.captions
            and stack.norm not in table.rows
            and header.top - ABOVE * stack.size <= stack.bottom <= header.top + 0.5
            and stack.x1 > header.leaves[0].x0
        ):
            return stack
    return None


def group_span(leaves: Sequence[Leaf], group: Stack, table: Roles) -> tuple[int, int] | None:
    """The columns a group label spans: the run of its columns under its centre."""
    paths = table.paths
    under = [leaf.key is not None and group.norm in paths.get(leaf.key, ()) for leaf in leaves]
    centre = group.centre
    i = 0
    while i < len(leaves):
        if not under[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(leaves) and under[j + 1]:
            j += 1
        if leaves[i].x0 <= centre <= leaves[j].x1:
            return i, j
        i = j + 1
    return None
