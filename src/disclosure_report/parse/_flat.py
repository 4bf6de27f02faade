"""Tables that lost their shape: labels followed by runs of digits, in a stream of text.

Crawler text, OCR dumps and converter output print a table row as its label and the values
after it, with the cell boundaries gone (``一、本年新收政府信息公开申请数量230 000023``). This
module finds every declared label in such a stream, the same labels the other readers match
(every edition's rows, row groups, columns and header words of :mod:`disclosure_report.tables`,
compared as :func:`~disclosure_report.tables.normalise_label` compares them), and reads the
stream as a sequence of tokens::

    stream  = { label | run | other }
    label   = [numbering] a declared label (spaces and punctuation inside it ignored)
    run     = (digit | sign | mark) { digit | space | "." | "," | sign | mark | unit }
    other   = anything else (narrative, notes, unknown header fragments)

A run after a row label is that row's values: it becomes a row marked
:attr:`~disclosure_report.parse._raw.RawRow.fused`, whose cells the table stage recovers from
the table's arithmetic (``_recover``). Header words become header rows, block captions
(第二十条第（一）项) caption rows, and everything else a paragraph, so nothing is lost. An item
number glued to the end of the previous run (``00000002.其他法律…``) belongs to the label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import Final

from attrs import frozen

from disclosure_report.model import Source
from disclosure_report.tables import (
    AMOUNT_UNITS,
    COUNT_UNITS,
    EDITIONS,
    normalise_label,
)

from ._raw import Block, RawCell, RawParagraph, RawRow, RawTable

__all__ = ["PAGE_NUMBER", "Label", "flat_blocks", "fold_character", "labels_at", "row_of_fragment"]

ROW: Final = "row"
GROUP: Final = "group"
HEADER: Final = "header"
GENERIC: Final = "generic"
"""Kinds of label: a row label, a row group label, a header word (a column or above one), a
generic header word of OCR and model dumps (数据1 … 数据6)."""
_GENERIC_WORD: Final = re.compile(r"(?:数据|数值|列|栏)\s*\d{1,2}(?![\d.])")

_RUN_START: Final = frozenset("0123456789+-/—–－\u2212")
_RUN_INSIDE: Final = frozenset("0123456789+-/—–－\u2212.,") | frozenset(" \t\n\r\u3000\xa0")
_DIGITS: Final = frozenset("0123456789")
_UNITS: Final = tuple(sorted({*COUNT_UNITS, *AMOUNT_UNITS}, key=len, reverse=True))
_NUMBERING: Final = re.compile(
    r"[一二三四五六七八九十]{1,3}\s*[、.．]|[(（]\s*[一二三四五六七八九十\d]{1,2}\s*[)）]\s*[、.．]?"
)
_ITEM: Final = re.compile(r"\d{1,2}\s*[、.．]")
PAGE_NUMBER: Final = re.compile(r"^\s*[—\-–－]+\s*\d{1,4}\s*[—\-–－]+\s*$", re.M)
"""A line that is a page number (``- 4 -``, ``— 5 —``), as a PDF's text prints it between the
rows of a table that runs over a page break."""
_FOLD: Final = str.maketrans({"它": "他"})
_CLOSING: Final = frozenset(")）\u201d\u2019\"'」』】〕]")


@frozen
class Label:
    """A declared label found in the stream."""

    text: str
    """As printed, its numbering included."""
    kinds: frozenset[str]
    start: int
    end: int
    numbered: bool = False
    """Printed with an item number (（七）总计, 1.其他): a row label, never a header word."""


@frozen
class _Node:
    children: dict[str, _Node]
    kinds: set[str]
    numbered: list[bool]
    """Whether the official label of this ending starts with an item number (``1.``)."""


@lru_cache(maxsize=8192)
def fold_character(character: str) -> str:
    """A character as label matching sees it: '' for spaces and punctuation."""
    folded = unicodedata.normalize("NFKC", character)
    return "".join(
        c for c in folded if not c.isspace() and not unicodedata.category(c).startswith(("P", "S"))
    ).translate(_FOLD)


@cache
def _trie() -> _Node:
    """Every label of every edition's tables, by normalised characters."""
    root = _Node({}, set(), [])

    def add(label: str, kind: str) -> None:
        key = normalise_label(label)
        if not key:
            return
        node = root
        for character in key:
            node = node.children.setdefault(character, _Node({}, set(), []))
        node.kinds.add(kind)
        node.numbered.append(bool(re.match(r"\s*\d", unicodedata.normalize("NFKC", label))))

    for spec in EDITIONS.values():
        for table in spec.tables:
            for row in table.rows:
                for label in (row.label, *row.variants):
                    add(label, ROW)
                for group in row.groups:
                    for label in (group.label, *group.variants):
                        add(label, GROUP)
            for column in table.columns:
                for label in (column.label, *column.variants):
                    add(label, HEADER)
                for label in column.group:
                    add(label, HEADER)
            for label in table.header_labels:
                add(label, HEADER)
    return root


class _Stream:
    """A text with each character folded once, for label matching."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = [fold_character(c) for c in text]

    def label_at(self, start: int) -> tuple[int, _Node] | None:
        """The longest declared label starting at ``start``: its end and its trie node."""
        node = _trie()
        best: tuple[int, _Node] | None = None
        i = start
        text, folded = self.text, self.folded
        while i < len(text):
            characters = folded[i]
            if not characters:
                if i == start:
                    break  # no label starts with a space or a punctuation mark
                i += 1
                continue
            for character in characters:
                child = node.children.get(character)
                if child is None:
                    return best
                node = child
            i += 1
            if node.kinds:
                best = (i, node)
        return best

    def numbered_label_at(self, start: int) -> Label | None:
        """A label at ``start``, with the numbering printed before it."""
        number = _NUMBERING.match(self.text, start) or _ITEM.match(self.text, start)
        at = number.end() if number is not None else start
        while at < len(self.text) and self.text[at] in " \u3000":
            at += 1
        found = self.label_at(at)
        if found is None and number is not None:
            found, at = self.label_at(start), start
            number = None
        if found is None:
            return None
        end, node = found
        if number is not None and number.re is _ITEM and not any(node.numbered):
            return None  # "3." before a label that has no item number: a value, not numbering
        while end < len(self.text) and self.text[end] in _CLOSING:
            end += 1
        numbered = number is not None or _NUMBERING.match(self.text, start) is not None
        return Label(self.text[start:end], frozenset(node.kinds), start, end, numbered)


def labels_at(text: str) -> Iterator[Label]:
    """Every declared label in ``text``, left to right, longest first, none overlapping."""
    for token in _tokens(_Stream(text)):
        if isinstance(token, Label):
            yield token


@frozen
class _Run:
    text: str
    start: int
    lined: bool = False
    """Nothing but spaces follows the run on its line."""


@frozen
class _Other:
    text: str
    start: int


_Token = Label | _Run | _Other


_SHORTEST_FRAGMENT: Final = 6
"""Characters a label fragment must have to name a row (fewer are in too many labels)."""


@cache
def _row_labels() -> dict[str, str]:
    """Normalised row label (and variant) -> the label, over every edition's tables."""
    labels: dict[str, str] = {}
    for spec in EDITIONS.values():
        for table in spec.tables:
            for row in table.rows:
                for label in (row.label, *row.variants):
                    if label:
                        labels.setdefault(normalise_label(label), row.label)
    return labels


def row_of_fragment(text: str) -> str | None:
    """The one row label ``text`` is part of (at least :data:`_SHORTEST_FRAGMENT` characters)."""
    fragment = normalise_label(text)
    if len(fragment) < _SHORTEST_FRAGMENT:
        return None
    found = {label for key, label in _row_labels().items() if fragment in key}
    return found.pop() if len(found) == 1 else None


def _run_end(stream: _Stream, start: int) -> int:
    """Where the run starting at ``start`` ends: before a label's item number, or a non-run character."""
    text = stream.text
    i = start
    while i < len(text):
        c = text[i]
        if c in _DIGITS and i > start and text[i + 1 : i + 2] in ("、", ".", "．"):
            # One digit glued to the run, then a label numbered with it: 00000002.其他法律…
            label = stream.numbered_label_at(i)
            if label is not None:
                return i
            if text[i - 1] in "\n\r" and _cjk_at(text, i + 2):
                # On a line of its own, the number of a label this stream does not know in
                # full (a PDF's text: 5.要求行政机关确认或重新出, the rest two lines on).
                return i
        if c in _RUN_INSIDE:
            i += 1
            continue
        if i > start and text[i - 1] in _DIGITS:
            unit = next((u for u in _UNITS if text.startswith(u, i)), None)
            if unit is not None:
                i += len(unit)
                continue
        break
    while i > start and text[i - 1] in " \t\n\r\u3000\xa0.,":
        i -= 1
    if _ITEM.fullmatch(text, start, min(i + 1, len(text))) and _cjk_at(text, i + 1):
        return start  # an item number before a label this stream does not know: 1.申请人…
    return i


_LINE_END: Final = re.compile(r"[ \t\r\u3000\xa0]*(?:\n|\Z)")


def _line_ends(text: str, i: int) -> bool:
    """Nothing but spaces stands between ``i`` and the end of its line (or of the text)."""
    return _LINE_END.match(text, i) is not None


def _cjk_at(text: str, i: int) -> bool:
    return i < len(text) and unicodedata.category(text[i]) == "Lo"


def _may_start_label(stream: _Stream, i: int) -> bool:
    c = stream.text[i]
    if c in _RUN_START or c in "(（一二三四五六七八九十":
        return True
    folded = stream.folded[i]
    return bool(folded) and folded[0] in _trie().children


def _tokens(stream: _Stream) -> Iterator[_Token]:
    text = stream.text
    i = 0
    other = -1
    while i < len(text):
        token: _Token | None = None
        generic = _GENERIC_WORD.match(text, i)
        if generic is not None:
            token = Label(generic[0], frozenset({GENERIC}), i, generic.end())
        elif _may_start_label(stream, i):
            token = stream.numbered_label_at(i)
            if token is None and text[i] in _RUN_START:
                end = _run_end(stream, i)
                if end > i:
                    run = text[i:end]
                    lined = run.rstrip(" \t\r\u3000\xa0").endswith("\n") or _line_ends(text, end)
                    token = _Run(run, i, lined=lined)
        if token is None:
            if other < 0:
                other = i
            i += 1
            continue
        if other >= 0:
            yield _Other(text[other:i], other)
            other = -1
        yield token
        i = token.end if isinstance(token, Label) else i + len(token.text)
    if other >= 0:
        yield _Other(text[other:], other)


# --- rows from tokens ---------------------------------------------------------------------------


def _blank(text: str) -> bool:
    return not any(fold_character(c) for c in text)


def _goes_on_with(text: str, label: str) -> bool:
    """Whether ``text`` (normalised) goes on with ``label`` (normalised).

    It does when it is part of the label, or when it starts with the label's end
    (``具已获取信息1申请人…`` after ``…确认或重新出``).
    """
    if not text:
        return False
    if text in label:
        return True
    longest = min(len(text), len(label))  # (a long text is not searched past the label)
    end = next((k for k in range(longest, 1, -1) if label.endswith(text[:k])), 0)
    return end >= 2


class _Builder:
    def __init__(
        self,
        where: Callable[[int], Source],
        *,
        unlabelled: bool = False,
        say: Callable[[str, Source], None] | None = None,
    ) -> None:
        self.where = where
        self.blocks: list[Block] = []
        self.table: RawTable | None = None
        self.pending: list[Label] = []
        self.unlabelled = unlabelled
        """The table has a row without a label (四): a run no label names may be that row."""
        self.bare: list[tuple[int, _Run]] = []
        """Runs no label named, kept as paragraphs: (index in :attr:`blocks`, run)."""
        self.fused = False
        """A run was read as a row."""
        self.last_other: tuple[int, _Other] | None = None
        """The text just read that no label is, and where its paragraph is in :attr:`blocks`."""
        self.held: tuple[str, int, _Other, _Run] | None = None
        """A run after a label fragment, held until what follows it tells whose it is: the
        label, where the fragment's paragraph is in :attr:`blocks`, the fragment, the run."""
        self.say = say

    def _row(self, cells: list[RawCell], *, fused: bool = False, lined: bool = False) -> None:
        source = cells[0].source
        if self.table is None:
            self.table = RawTable(rows=[], source=source)
            self.blocks.append(self.table)
        self.table.rows.append(RawRow(cells=cells, source=source, fused=fused, lined=lined))

    def _cell(self, label: Label) -> RawCell:
        return RawCell(text=label.text.strip(), source=self.where(label.start))

    def _paragraph(self, text: str, start: int) -> None:
        if _blank(text):
            return
        self.table = None
        self.blocks.append(RawParagraph(text=" ".join(text.split()), source=self.where(start)))

    def _head(self, labels: list[Label]) -> None:
        """Labels with no values after them: captions, header rows, or text.

        A header row starts with a word that is only a header word (申请人情况, 行政复议), so
        the table stage can never take it for a row: 其他 and 总计 are row labels too.
        """
        header: list[Label] = []
        generic: list[Label] = []

        def flush() -> None:
            if generic:
                self._paragraph(" ".join(g.text for g in generic), generic[0].start)
                generic.clear()
            while header and header[0].kinds != {HEADER}:
                self._paragraph(header[0].text, header[0].start)
                del header[0]
            if header:
                self._row([self._cell(h) for h in header])
                header.clear()

        for label in labels:
            if GENERIC in label.kinds:
                generic.append(label)
            elif HEADER in label.kinds and not label.numbered:
                header.append(label)
            elif label.kinds == {GROUP}:
                flush()
                self._row([self._cell(label)])  # a caption: 第二十条第（一）项
            else:
                flush()
                self._paragraph(label.text, label.start)  # a row label with no values
        flush()

    def label(self, label: Label) -> None:
        self._settle(None)
        self.pending.append(label)
        self.last_other = None

    @staticmethod
    def _is_row(pending: list[Label]) -> bool:
        """The last label names the row the run belongs to.

        总计 is a row (（七）总计) and a header word (四's 总计): after other header words, and
        printed without an item number, it closes a header and the run is a row without label.
        """
        last = pending[-1]
        if ROW not in last.kinds:
            return False
        if HEADER not in last.kinds or last.numbered or len(pending) == 1:
            return True
        return pending[-2].kinds != {HEADER}

    def run(self, run: _Run) -> None:
        self._settle(None)
        pending, self.pending = self.pending, []
        if not pending:
            if self._hold(run):
                return
            self._bare(run)
            return
        self.fused = True
        if self._is_row(pending):
            first = len(pending) - 1
            while first > 0 and GROUP in pending[first - 1].kinds:
                first -= 1
            self._head(pending[:first])
            labels = pending[first:]
        else:
            self._head(pending)
            labels = []
        cells = [self._cell(label) for label in labels]
        cells.append(RawCell(text=run.text, source=self.where(run.start)))
        self._row(cells, fused=True, lined=run.lined)

    def _bare(self, run: _Run) -> None:
        """A run no label names: a paragraph (and, under 四, maybe its row: see :meth:`end`)."""
        if not _blank(run.text):
            self.bare.append((len(self.blocks), run))
        self._paragraph(run.text, run.start)

    def other(self, other: _Other) -> None:
        if _blank(other.text):
            return
        self._settle(other)
        pending, self.pending = self.pending, []
        self._head(pending)
        self._paragraph(other.text, other.start)
        self.last_other = (len(self.blocks) - 1, other)

    def _hold(self, run: _Run) -> bool:
        """Hold a run just after a fragment of one row label only, to see what follows it.

        A PDF's text breaks a label over lines with its values between them
        (``（区分处理的，只计这一情`` / ``447 7 0 0 0 0 454`` / ``形，不计其他情形）``). The run is
        that row's when the text after it goes on with the same label (:meth:`_settle`); a run
        after the end of a label and before the next label is the next row's as often.
        """
        last, self.last_other = self.last_other, None
        if last is None or last[0] != len(self.blocks) - 1:
            return False
        label = row_of_fragment(last[1].text)
        if label is None:
            return False
        self.held = (label, last[0], last[1], run)
        return True

    def _settle(self, after: _Other | None) -> None:
        """Read the held run as its label's row if ``after`` goes on with that label."""
        held, self.held = self.held, None
        if held is None:
            return
        label, at, fragment, run = held
        if after is None or not _goes_on_with(normalise_label(after.text), normalise_label(label)):
            self._bare(run)
            return
        if self.say is not None:
            printed = " ".join(f"{fragment.text} … {after.text}".split())
            self.say(
                f"label fragments {printed!r} printed around a run read as the row {label!r}: "
                "the only row label they are part of",
                self.where(fragment.start),
            )
        del self.blocks[at]
        self.table = (
            self.blocks[-1] if self.blocks and isinstance(self.blocks[-1], RawTable) else None
        )
        self.fused = True
        source = self.where(fragment.start)
        self._row(
            [
                RawCell(text=label, source=source),
                RawCell(text=run.text, source=self.where(run.start)),
            ],
            fused=True,
        )

    def end(self) -> list[Block]:
        self._settle(None)
        pending, self.pending = self.pending, []
        self._head(pending)
        if self.unlabelled and not self.fused and len(self.bare) == 1:
            # 四's one row has no label, and its header words may be garbled past reading
            # (a PDF's text, its header cells cut into fragments): the section's one run of
            # values that no label names is that row. The table stage proves its cells, or
            # leaves them blank.
            at, run = self.bare[0]
            source = self.where(run.start)
            cell = RawCell(text=run.text, source=source)
            row = RawRow(cells=[cell], source=source, fused=True)
            self.blocks[at] = RawTable(rows=[row], source=source)
        return self.blocks


def flat_blocks(
    text: str,
    where: Callable[[int], Source],
    *,
    unlabelled: bool = False,
    say: Callable[[str, Source], None] | None = None,
) -> list[Block]:
    """The tables and paragraphs of a stretch of flattened table text.

    Args:
        text: the text, as printed (line breaks are spaces to the labels, boundaries to runs).
        where: the source of the character at an offset of ``text``.
        unlabelled: the text is a section whose table has a row without a label (四): when
            no run is named by a label and exactly one run stands alone, it is that row.
        say: told what was read beyond the labels (a label fragment read as its row), and
            where.

    Returns:
        Tables without cell positions, whose value rows are :attr:`~RawRow.fused`, and
        paragraphs for the text between them.
    """
    builder = _Builder(where, unlabelled=unlabelled, say=say)
    for token in _tokens(_Stream(text)):
        if isinstance(token, Label):
            builder.label(token)
        elif isinstance(token, _Run):
            builder.run(token)
        else:
            builder.other(token)
    return builder.end()
