"""Cells recovered from a run whose boundaries were lost, by the table's own arithmetic.

Crawler text and OCR dumps print a row as its label followed by one run of characters: the
digits of neighbouring cells run together (``230 000023`` for 23|0|0|0|0|0|23). This module
turns such runs back into cells when, and only when, the table's arithmetic proves the split;
it never guesses. For every run of a table:

1. **Splits.** Every way the run divides into the row's cells, each cell being ``0`` or a
   number without a leading zero (signed where the column is signed, with decimals and a unit
   where it holds an amount, or a marker such as ``/``). A space or a line break is a
   boundary; only when no split honours them are they ignored.
2. **The row's own identities** (the 总计 of 三, the three 总计 of 四: declared in
   :attr:`TableSpec.identities <disclosure_report.tables.TableSpec.identities>` along the
   row) keep the splits where they hold. A run whose digits fit the cells one way only needs
   no identity.
3. **The column identities across rows** (一 + 二 = (七)总计 + 四, (七)总计 = the result rows)
   break the ties that remain: a split survives when some choice for the other undecided rows
   makes every column identity hold. A column identity the report breaks whatever the choice
   is set aside: the validator, not the parser, reports it.
4. **The columns check the rows.** A split its row's own total proves is set aside when
   another split of the run makes the column identities fail in fewer columns: the row's
   total may be the one the publisher broke, and a coincidence made it hold.

Exactly one split left: the cells, each with an info finding (``P1.20``) naming what proved
it. Several left: the cells stay blank, and a finding (``P1.21``) lists the candidates. None:
blank cells and a finding (``P1.22``). The search is pruned by the identities and capped at
:data:`MAX_STEPS` steps a run (``P1.23`` when a run needs more), so no input costs minutes.
"""

from __future__ import annotations

import enum
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import Final

from attrs import define, field, frozen

from disclosure_report.conformance import MAX_NUMBER_DIGITS
from disclosure_report.diagnostics import CODES, Diagnostic, Location, locate
from disclosure_report.model import Cell, Edition, Row, Source
from disclosure_report.tables import (
    AMOUNT_UNITS,
    COUNT_UNITS,
    MARKERS,
    Along,
    Column,
    Identity,
    RowSpec,
    TableSpec,
    ValueKind,
)

from ._cells import read_cell
from ._raw import diagnostic

__all__ = [
    "AMBIGUOUS_RUN",
    "MAX_STEPS",
    "RECOVERED",
    "RUN_TOO_LONG",
    "UNSPLITTABLE_RUN",
    "Recovered",
    "Run",
    "recover",
]

RECOVERED: Final = "P1.20"
AMBIGUOUS_RUN: Final = "P1.21"
UNSPLITTABLE_RUN: Final = "P1.22"
RUN_TOO_LONG: Final = "P1.23"

MAX_STEPS: Final = 20_000
"""Pieces tried for one run (or one tie-break across rows) before the search gives up."""
MAX_CANDIDATES: Final = 64
"""Splits kept for a run; a run with more is ambiguous whatever the other rows say."""
_SHOWN: Final = 6
"""Candidates a finding lists."""
_MARKS: Final = frozenset("/-—–－\u2212")
"""Characters a cell may hold alone instead of a number (spec/FORMAT.md §9.3)."""
_SPACES: Final = re.compile(r"\s+")

Value = int | Decimal | None


@define
class Run:
    """One printed row whose values are one run of characters, cell boundaries lost."""

    row: RowSpec
    columns: tuple[Column, ...]
    """The columns the run fills, in printed order."""
    text: str
    label: str
    """The row label as printed."""
    source: Source | None = None
    lined: bool = False
    """The run ends its line (see :func:`_apart`)."""


@frozen
class Recovered:
    """The cells of one run: recovered, or blank when the arithmetic did not prove them."""

    run: Run
    cells: tuple[Cell, ...]


# --- splitting one run ---------------------------------------------------------------------------


@frozen
class _Piece:
    text: str
    value: Value


_DIGITS: Final = frozenset("0123456789")


def _digit_ends(chunk: str, start: int) -> list[int]:
    """Ends of the digit strings a number may print from ``start``.

    A number is ``0``, or digits without a leading zero, with or without thousands commas
    (``1,036``).
    """
    if chunk[start] == "0":
        return [start + 1]
    stop = start + 1
    while stop < len(chunk) and chunk[stop] in _DIGITS and stop - start < MAX_NUMBER_DIGITS:
        stop += 1
    ends = list(range(start + 1, stop + 1))
    if stop - start <= 3:  # a first group of one to three digits may go on with ",ddd" groups
        end = stop
        while chunk[end : end + 1] == "," and all(c in _DIGITS for c in chunk[end + 1 : end + 4]):
            if len(chunk[end + 1 : end + 4]) < 3:
                break
            end += 4
            ends.append(end)
    return ends


@lru_cache(maxsize=1 << 14)
def _pieces(chunk: str, start: int, kind: ValueKind) -> tuple[tuple[int, _Piece], ...]:
    """Every cell that can start at ``start`` in ``chunk``: its end and what it reads as."""
    return tuple(_all_pieces(chunk, start, kind))


def _marks(chunk: str, start: int) -> list[tuple[int, _Piece]]:
    """The marker printed from ``start``: one mark, or the same mark twice (``——``, ``--``)."""
    first = chunk[start]
    marks = [(start + 1, _Piece(first, None))]
    doubled = chunk[start : start + 2]
    if doubled == first * 2 and doubled in MARKERS:
        marks.append((start + 2, _Piece(doubled, None)))
    return marks


def _all_pieces(chunk: str, start: int, kind: ValueKind) -> list[tuple[int, _Piece]]:
    first = chunk[start]
    if first in "+-" and kind is ValueKind.SIGNED:
        signed: list[tuple[int, _Piece]] = []
        if start + 1 < len(chunk):
            for end, piece in _pieces(chunk, start + 1, ValueKind.COUNT):
                if isinstance(piece.value, int) and piece.value:
                    number = -piece.value if first == "-" else piece.value
                    signed.append((end, _Piece(first + piece.text, number)))
        return [*_marks(chunk, start), *signed] if first == "-" else signed
    if first in _MARKS:
        return _marks(chunk, start)
    if first not in _DIGITS:
        return []
    units = AMOUNT_UNITS if kind is ValueKind.AMOUNT else COUNT_UNITS
    found: list[tuple[int, _Piece]] = []
    for digits_end in _digit_ends(chunk, start):
        digits = chunk[start:digits_end].replace(",", "")
        ends = [(digits_end, digits)]
        if kind is ValueKind.AMOUNT and chunk[digits_end : digits_end + 1] == ".":
            fraction = digits_end + 1
            while fraction < len(chunk) and chunk[fraction] in _DIGITS:
                fraction += 1
                ends.append((fraction, digits + chunk[digits_end:fraction]))
        for end, printed in ends:
            value: Value = Decimal(printed) if kind is ValueKind.AMOUNT else int(printed)
            found.append((end, _Piece(chunk[start:end], value)))
            found.extend(
                (end + len(u), _Piece(chunk[start : end + len(u)], value))
                for u in units
                if chunk.startswith(u, end)
            )
    return found


_Split = tuple[_Piece, ...]


class _CappedError(Exception):
    """The search took more than :data:`MAX_STEPS` steps."""


@frozen
class _RowRule:
    """A row identity as positions among the run's cells."""

    identity: Identity
    total: int
    parts: tuple[int, ...]


def _row_rules(columns: Sequence[Column], identities: Sequence[Identity]) -> list[_RowRule]:
    """The row identities that hold among ``columns``, as positions (one total, its parts)."""
    at = {c.key: i for i, c in enumerate(columns)}
    rules = []
    for identity in identities:
        if identity.along is not Along.ROW or not identity.applies(at) or len(identity.left) != 1:
            continue
        rules.append(_RowRule(identity, at[identity.left[0]], tuple(at[k] for k in identity.right)))
    return rules


@define
class _Cells:
    """The cells of one segment being read."""

    first: int
    free: int
    """Cells ``first`` .. ``free - 1`` are read from the start; the rest are :attr:`fixed`."""
    fixed: dict[int, _Piece]
    """The totals at the segment's end, read from there first."""


class _Search:
    """Depth-first search for the splits of one run into ``len(kinds)`` cells.

    The run is the characters of its chunks run together; a piece never crosses the place
    where two chunks meet. The cells fall into segments that no identity crosses (three of
    five in 四, all of 三), each searched on its own and remembered by where it starts. In a
    segment ending with totals of the cells before them (总计, and 小计 before it), the totals
    are read first, from the segment's end; the other cells are then read from its start,
    each no larger than what is left of every total it is a part of. A total whose parts
    are all read before it is not a choice: it is their sum.
    """

    def __init__(
        self,
        chunks: Sequence[str],
        kinds: Sequence[ValueKind],
        rules: Sequence[_RowRule],
        limit: int,
    ) -> None:
        self.text = "".join(chunks)
        self.kinds = list(kinds)
        self.rules = rules
        self.limit = limit
        self.steps = 0
        self.count = len(kinds)
        self.chunks = len(chunks)
        self.forced = {r.total: r for r in rules if all(p < r.total for p in r.parts)}
        """Totals whose parts all come before them."""
        self.digits = all(c in _DIGITS for c in self.text)
        size = len(self.text)
        hard = [0]
        for chunk in chunks:
            hard.append(hard[-1] + len(chunk))
        self.wall = [size] * (size + 1)
        """Where the chunk holding each position ends: no piece goes past it."""
        self.walls_after = [0] * (size + 1)
        """How many chunk ends come after each position (each needs a cell before it)."""
        for a, b in itertools.pairwise(hard):
            for i in range(a, b):
                self.wall[i] = b
        for i in range(size + 1):
            self.walls_after[i] = sum(1 for h in hard[1:-1] if h > i)
        self.segments = self._segments()
        self.memo: dict[tuple[int, int], list[_Split]] = {}

    def _segments(self) -> list[tuple[int, int]]:
        """Cells ``[a, b)`` no identity crosses, left to right."""
        cuts = [
            k
            for k in range(1, self.count)
            if not any(min(*r.parts, r.total) < k <= max(*r.parts, r.total) for r in self.rules)
        ]
        bounds = [0, *cuts, self.count]
        return list(itertools.pairwise(bounds))

    def run(self) -> list[_Split]:
        """Every split (at most ``limit``); raises :class:`_CappedError` past :data:`MAX_STEPS`."""
        if not self.text or self.chunks > self.count:
            return []
        return self._from(0, 0)[: self.limit]

    def _step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _CappedError

    def _pieces(self, at: int, kind: ValueKind) -> Iterator[tuple[int, _Piece]]:
        wall = self.wall[at]
        for end, piece in _pieces(self.text[at:wall], 0, kind):
            yield at + end, piece

    def _from(self, segment: int, at: int) -> list[_Split]:
        """The splits of segments ``segment`` on, from position ``at`` to the end."""
        key = (segment, at)
        if key in self.memo:
            return self.memo[key]
        found: list[_Split] = []
        if segment == len(self.segments):
            found = [()] if at == len(self.text) else []
        else:
            last = segment == len(self.segments) - 1
            for end, pieces in self._segment(segment, at, len(self.text) if last else None):
                for rest in self._from(segment + 1, end):
                    found.append((*pieces, *rest))
                    if len(found) >= self.limit:
                        break
                if len(found) >= self.limit:
                    break
        self.memo[key] = found
        return found

    def _segment(self, segment: int, at: int, end: int | None) -> Iterator[tuple[int, _Split]]:
        """Splits of one segment from ``at`` (to ``end``, or to wherever it may end)."""
        a, b = self.segments[segment]
        cells_after = self.count - b
        size = len(self.text)
        ends = [end] if end is not None else range(at + (b - a), size - cells_after + 1)
        trailing = b
        while (
            trailing - 1 > a
            and trailing - 1 in self.forced
            and all(a <= p < trailing - 1 for p in self.forced[trailing - 1].parts)
            and self.kinds[trailing - 1] is not ValueKind.SIGNED
        ):
            trailing -= 1
        for stop in ends:
            for split in self._totals(_Cells(a, trailing, {}), b, at, stop):
                yield stop, split

    def _totals(self, cells: _Cells, cell: int, at: int, stop: int) -> Iterator[_Split]:
        """Read the totals ``cells.free`` .. ``cell - 1`` backwards from ``stop``, then the rest."""
        fixed = cells.fixed
        if cell == cells.free:
            for split in self._walk(cells, at, stop, []):
                yield (*split, *(fixed[i] for i in range(cells.free, cells.free + len(fixed))))
            return
        index = cell - 1
        for start in range(stop - 1, at, -1):
            if self.wall[start] < stop:
                break  # the total would cross a wall
            for end, piece in self._pieces(start, self.kinds[index]):
                if end != stop or piece.value is None:
                    continue
                self._step()
                fixed[index] = piece
                yield from self._totals(cells, index, at, start)
                del fixed[index]

    def _walk(self, cells: _Cells, at: int, stop: int, taken: list[_Piece]) -> Iterator[_Split]:
        """The free cells from ``cells.first + len(taken)`` read from ``at``, ending at ``stop``."""
        a = cells.first
        k = a + len(taken)
        cells_left = cells.free - k
        if cells_left == 0:
            if at == stop:
                split = tuple(taken)
                if self._holds(split, cells):
                    yield split
            return
        chars_left = stop - at
        walls = self.walls_after[at] - self.walls_after[stop - 1] if stop > at else 0
        if chars_left < cells_left or walls > cells_left - 1:
            return
        budget = self._budget(cells, taken, stop - at)
        if budget is False:
            return
        rule = self.forced.get(k)
        want = None
        if rule is not None and all(a <= p < k for p in rule.parts):
            values = [taken[p - a].value for p in rule.parts]
            if all(v is not None for v in values):
                want = sum(values)  # type: ignore[arg-type]
        for end, piece in self._pieces(at, self.kinds[k]):
            if end > stop:
                continue
            self._step()
            if want is not None and piece.value != want:
                continue
            if budget is not None and piece.value is not None and piece.value > budget:
                continue
            taken.append(piece)
            yield from self._walk(cells, end, stop, taken)
            taken.pop()

    def _budget(self, cells: _Cells, taken: Sequence[_Piece], chars: int) -> Value | bool:
        """The most the next cell may be (``None``: no bound), or False: no split is left.

        Each total read already bounds its parts by what is left of it. Two totals whose parts
        left are the same cells must have the same amount left; a total whose parts left are
        every cell left must be reachable with the digits left (:func:`_reachable`).
        """
        a = cells.first
        k = a + len(taken)
        bound: Value = None
        left: dict[frozenset[int], Value] = {}
        for index, piece in cells.fixed.items():
            rule = self.forced[index]
            done = [taken[p - a].value for p in rule.parts if p < k]
            if piece.value is None or any(v is None for v in done):
                continue
            rest = piece.value - sum(done)  # type: ignore[arg-type,operator]
            if rest < 0:
                return False
            pending = frozenset(p for p in rule.parts if p >= k)
            if pending in left and left[pending] != rest:
                return False
            left[pending] = rest
            if k in pending and (bound is None or rest < bound):
                bound = rest
            every = self.digits and pending == frozenset(range(k, cells.free))
            if every and not _reachable(rest, chars, len(pending)):
                return False
        return bound

    def _holds(self, split: _Split, cells: _Cells) -> bool:
        """Every identity within the segment holds (where no cell of it is a marker)."""
        read = {cells.first + i: p for i, p in enumerate(split)}
        read.update(cells.fixed)
        for rule in self.rules:
            if rule.total not in read:
                continue
            values = [read[p].value for p in rule.parts]
            total = read[rule.total].value
            if total is None or any(v is None for v in values):
                continue
            if sum(values) != total:  # type: ignore[arg-type]
                return False
        return True


def _reachable(total: int | Decimal, digits: int, cells: int) -> bool:
    """Can ``cells`` numbers printed with ``digits`` digits in all add up to ``total``?

    Each cell is 0 or has no leading zero, so a cell of n >= 2 digits is at least 10**(n-1)
    >= 10(n-1): the digits beyond one a cell add at least 10 each. At most, one cell takes
    every spare digit and the others are 9.
    """
    spare = digits - cells
    if spare < 0 or total < 10 * spare:
        return False
    return spare > MAX_NUMBER_DIGITS or total <= 10 ** (spare + 1) - 1 + 9 * max(cells - 1, 0)


def _chunks(text: str, *, spaced: bool) -> list[str]:
    return _SPACES.split(text.strip()) if spaced else ["".join(text.split())]


def _splits(
    text: str,
    kinds: Sequence[ValueKind],
    rules: Sequence[_RowRule],
    limit: int,
    *,
    spaced: bool,
) -> list[_Split]:
    """The splits of ``text`` (at most ``limit``), its spaces boundaries or not."""
    if not text.strip():
        return []
    return _Search(_chunks(text, spaced=spaced), kinds, rules, limit).run()


def _by_digits(
    run: Run, split: _Split, rules: Sequence[_RowRule], text: str, *, spaced: bool, apart: bool
) -> _State:
    """The state of a run whose digits fit its cells one way only: ``split``.

    The row's own identities must hold for the split, every cell of them a number: a text
    may lose a blank cell or take in a value from elsewhere, and a total that does not hold
    cannot tell that from a publisher's mistake (``258 12 1 1`` is 2|5|8|1|2|1|1 only if no
    blank cell was lost). Only a row with every cell printed apart, in crawler text (whose
    order is the page's), is read as printed with a broken total, left to the validator; in
    a table that prints each row on a line (a PDF's text, whose order is a layout engine's)
    it is not. A row without an identity is read so when every cell is printed apart, or its
    digits fit no fewer cells. A marker in an identity leaves it unchecked: nothing is proven.
    """
    identities = tuple(r.identity for r in rules)
    kinds = [c.kind for c in run.columns]
    printed = len(text.split()) == len(kinds) and spaced
    if rules and not _checkable(split, rules):
        return _State(run, [], spaced, rules=identities, failure="unchecked", broken=split)
    if rules:
        if _proves(split, rules) or (printed and not apart):
            return _State(run, [split], spaced, _Proof.DIGITS)
        return _State(run, [], spaced, rules=identities, failure="broken", broken=split)
    if printed:
        return _State(run, [split], spaced, _Proof.DIGITS)
    fewer = _fewer(text, kinds, spaced=spaced)
    if not fewer:
        return _State(run, [split], spaced, _Proof.DIGITS)
    # A text may lose blank cells: 225 under three columns is 2|2|5 or 22|5 or 2|25 or 225
    # with the other cells blank, and nothing tells which.
    return _State(run, [], spaced, failure="blanks", broken=split, fewer=fewer[:_SHOWN])


def _checkable(split: _Split, rules: Sequence[_RowRule]) -> bool:
    """Every cell of every row identity is a number in ``split`` (no marker in them)."""
    return all(
        split[rule.total].value is not None and all(split[p].value is not None for p in rule.parts)
        for rule in rules
    )


def _proves(split: _Split, rules: Sequence[_RowRule]) -> bool:
    """Whether every row identity holds for ``split``, each of its cells a number.

    A marker such as ``/`` in an identity leaves it unchecked, which proves nothing.
    """
    for rule in rules:
        total = split[rule.total].value
        parts = [split[p].value for p in rule.parts]
        if total is None or any(v is None for v in parts):
            return False
        if sum(parts) != total:  # type: ignore[arg-type]
            return False
    return True


def _fewer(text: str, kinds: Sequence[ValueKind], *, spaced: bool) -> list[_Split]:
    """Some splits of ``text`` into one cell fewer than ``kinds`` (one column left blank)."""
    found: list[_Split] = []
    for blank in range(len(kinds)) if len(kinds) > 1 else ():
        found.extend(_splits(text, [*kinds[:blank], *kinds[blank + 1 :]], (), 2, spaced=spaced))
        if len(found) >= _SHOWN:
            break
    return found


# --- one table ------------------------------------------------------------------------------------


class _Proof(enum.Enum):
    DIGITS = "digits"
    ROW = "row"
    COLUMNS = "columns"


@define
class _State:
    """What is known of one run while its table is worked through."""

    run: Run
    candidates: list[_Split]
    spaced: bool = True
    proof: _Proof | None = None
    rules: tuple[Identity, ...] = ()
    """The identities that proved the split, or were applied when it was not proved."""
    failure: str | None = None
    """Why no candidate is left (``P1.22``/``P1.23``), if none is."""
    broken: _Split | None = None
    """The one split the digits allow, when it breaks the row's own identities or the digits
    also fit fewer cells."""
    fewer: list[_Split] = field(factory=list)
    """Splits into fewer cells than the row's (the others blank), when there are some."""
    doubt: tuple[int, int, tuple[Identity, ...]] | None = None
    """Set aside by the columns: the columns the proved split fails in, the columns the other
    split fails in, and the column identities that tell."""

    @property
    def split(self) -> _Split | None:
        return self.candidates[0] if self.proof is not None else None


def _shown(split: _Split) -> str:
    return "|".join(p.text for p in split)


def _named(identities: Sequence[Identity]) -> str:
    codes = dict.fromkeys(i.code for i in identities)
    return ", ".join(f"{c} ({CODES[c].name})" if c in CODES else c for c in codes)


def _first_pass(run: Run, identities: Sequence[Identity], *, apart: bool = False) -> _State:
    """Splits of one run by the cell grammar, then by the row's own identities.

    ``apart``: the table prints its cells apart (see :func:`_apart`), so a run with fewer or
    more values than cells lost some (blank or printed elsewhere) or took in others, and is
    not read; a run with as many holds its row's own identities or is not read.
    """
    kinds = [c.kind for c in run.columns]
    rules = _row_rules(run.columns, identities)
    text = unicodedata.normalize("NFKC", run.text)
    if apart and text.split() and len(text.split()) != len(kinds):
        return _State(run, [], failure="apart")
    try:
        # A space is a boundary, unless no split at all honours the spaces.
        spaced = True
        alone = _splits(text, kinds, (), 2, spaced=True)
        if not alone and _SPACES.search(text.strip()):
            spaced = False
            alone = _splits(text, kinds, (), 2, spaced=False)
        if len(alone) == 1:
            return _by_digits(run, alone[0], rules, text, spaced=spaced, apart=apart)
        found = _splits(text, kinds, rules, MAX_CANDIDATES + 1, spaced=spaced) if alone else []
    except _CappedError:
        return _State(run, [], failure="capped")
    state = _State(run, found, spaced, rules=tuple(r.identity for r in rules))
    if len(found) == 1 and rules and not _proves(found[0], rules):
        # The one split is the only one only because a marker leaves the total unchecked.
        return _State(run, [], spaced, rules=state.rules, failure="unchecked", broken=found[0])
    if len(found) == 1 and rules:
        state.proof = _Proof.ROW
    elif not found:
        state.failure = "none"
    return state


def _value(split: _Split, columns: Sequence[Column], key: str) -> Value:
    for column, piece in zip(columns, split, strict=True):
        if column.key == key:
            return piece.value
    return None


@frozen
class _Instance:
    """One column identity in one column: its terms, each a row and a side."""

    identity: Identity
    column: str
    terms: tuple[tuple[str, int], ...]
    """(row key, +1 for the left side, -1 for the right side)."""


def _instances(
    table: TableSpec, present: set[str], states: Mapping[str, _State], known: Mapping[str, Row]
) -> list[_Instance]:
    expected = {r.key for r in table.expected_rows(present)}
    found = []
    for identity in table.identities:
        if identity.along is not Along.COLUMN or not identity.applies(expected):
            continue
        for column in table.columns:
            if not all(_has(k, column.key, states, known) for k in identity.terms):
                continue
            terms = tuple((k, 1) for k in identity.left) + tuple((k, -1) for k in identity.right)
            found.append(_Instance(identity, column.key, terms))
    return found


def _has(row: str, column: str, states: Mapping[str, _State], known: Mapping[str, Row]) -> bool:
    """The row's cell in ``column`` is known or may become known."""
    if row in states:
        state = states[row]
        return bool(state.candidates) and any(c.key == column for c in state.run.columns)
    if row in known:
        try:
            return known[row].cell(column).value is not None
        except KeyError:
            return False
    return False


class _TieBreak:
    """Which candidates of the undecided runs some choice of the others makes consistent."""

    def __init__(
        self, states: Mapping[str, _State], known: Mapping[str, Row], instances: list[_Instance]
    ) -> None:
        self.states = states
        self.known = known
        self.steps = 0
        self.open = [k for k, s in states.items() if s.proof is None and len(s.candidates) > 1]
        involved = [i for i in instances if any(k in self.open for k, _ in i.terms)]
        # An identity the report breaks whatever the choice: set aside (the validator reports it).
        self.instances = [i for i in involved if self._satisfiable(i)]
        self.used: dict[str, list[Identity]] = {k: [] for k in self.open}
        for instance in self.instances:
            for key, _ in instance.terms:
                if key in self.used:
                    self.used[key].append(instance.identity)

    def _cell(self, row: str, column: str, choice: Mapping[str, int]) -> Value:
        state = self.states.get(row)
        if state is None:
            return self.known[row].cell(column).value
        split = state.candidates[choice[row]] if row in choice else state.split
        return None if split is None else _value(split, state.run.columns, column)

    def _holds(self, instance: _Instance, choice: Mapping[str, int]) -> bool:
        total: Value = 0
        for row, sign in instance.terms:
            value = self._cell(row, instance.column, choice)
            if value is None:
                return True  # a marker: nothing to check
            total += sign * value  # type: ignore[operator]
        return total == 0

    def _satisfiable(self, instance: _Instance) -> bool:
        rows = [k for k, _ in instance.terms if k in self.open]
        return any(True for _ in self._assignments(rows, [instance], {}))

    def _assignments(
        self, rows: Sequence[str], instances: Sequence[_Instance], choice: dict[str, int]
    ) -> Iterator[dict[str, int]]:
        if len(choice) == len(rows):
            yield dict(choice)
            return
        row = rows[len(choice)]
        for index in range(len(self.states[row].candidates)):
            self.steps += 1
            if self.steps > MAX_STEPS:
                raise _CappedError
            choice[row] = index
            decided = set(choice)
            if all(
                self._holds(i, choice)
                for i in instances
                if all(k in decided or k not in rows for k, _ in i.terms)
            ):
                yield from self._assignments(rows, instances, choice)
            del choice[row]

    def survivors(self) -> dict[str, set[int]]:
        """Per undecided run, the candidates some consistent choice keeps."""
        rows = sorted(
            (k for k in self.open if self.used[k]), key=lambda k: len(self.states[k].candidates)
        )
        kept: dict[str, set[int]] = {k: set() for k in rows}
        for choice in self._assignments(rows, self.instances, {}):
            for row, index in choice.items():
                kept[row].add(index)
        return kept


def _break_ties(
    table: TableSpec, states: dict[str, _State], known: Mapping[str, Row]
) -> tuple[str, ...]:
    """Settle what the column identities can; returns the rows where the search was capped."""
    present = set(states) | set(known)
    instances = _instances(table, present, states, known)
    if not instances:
        return ()
    try:
        search = _TieBreak(states, known, instances)
        kept = search.survivors()
    except _CappedError:
        return tuple(k for k, s in states.items() if s.proof is None and len(s.candidates) > 1)
    if not any(kept.values()):
        return ()  # no choice makes the column identities hold: they cannot break the ties
    for row, indices in kept.items():
        state = states[row]
        state.candidates = [state.candidates[i] for i in sorted(indices)]
        state.rules = (*state.rules, *dict.fromkeys(search.used[row]))
        if len(state.candidates) == 1:
            state.proof = _Proof.COLUMNS
    return ()


def _settled(
    row: str, column: str, states: Mapping[str, _State], known: Mapping[str, Row]
) -> Value:
    """The value a row holds in ``column`` now: read, or recovered; ``None`` if neither."""
    state = states.get(row)
    if state is not None:
        split = state.split
        if split is not None:
            return _value(split, state.run.columns, column)
        # Not settled, but every split left may agree on this cell: then it is known.
        values = {_value(c, state.run.columns, column) for c in state.candidates}
        return values.pop() if len(values) == 1 else None
    try:
        return known[row].cell(column).value
    except KeyError:
        return None


def _needs(
    key: str, instances: Sequence[_Instance], states: Mapping[str, _State], known: Mapping[str, Row]
) -> dict[str, list[Value]]:
    """Per column, what row ``key`` must hold there for each column identity to hold.

    With the values the other rows hold now; an identity with a term of unknown value is left
    out.
    """
    needs: dict[str, list[Value]] = {}
    for instance in instances:
        mine = [sign for row, sign in instance.terms if row == key]
        if len(mine) != 1:
            continue
        rest: Value = 0
        for row, sign in instance.terms:
            if row == key:
                continue
            value = _settled(row, instance.column, states, known)
            if value is None:
                break
            rest += sign * value  # type: ignore[operator]
        else:
            needs.setdefault(instance.column, []).append(-rest * mine[0])  # type: ignore[operator]
    return needs


def _failing(split: _Split, columns: Sequence[Column], needs: Mapping[str, list[Value]]) -> int:
    """Columns where ``split`` makes a column identity fail."""
    return sum(
        1
        for column, piece in zip(columns, split, strict=True)
        if piece.value is not None and any(v != piece.value for v in needs.get(column.key, ()))
    )


def _better(state: _State, needs: Mapping[str, list[Value]], failing: int) -> _Split | None:
    """A split of the run (its own total aside) with fewer columns failing than ``failing``.

    Raises:
        _CappedError: the search took more than :data:`MAX_STEPS` steps.
    """
    run = state.run
    chunks = _chunks(unicodedata.normalize("NFKC", run.text), spaced=state.spaced)
    count = len(run.columns)
    chosen = state.split
    steps = 0

    def walk(ci: int, offset: int, taken: list[_Piece], misses: int) -> _Split | None:
        nonlocal steps
        k = len(taken)
        if ci == len(chunks):
            split = tuple(taken)
            return split if k == count and split != chosen else None
        if k == count or len(chunks) - ci > count - k:
            return None
        chunk = chunks[ci]
        column = run.columns[k]
        for end, piece in _pieces(chunk, offset, column.kind):
            steps += 1
            if steps > MAX_STEPS:
                raise _CappedError
            wanted = needs.get(column.key, ())
            miss = misses + (piece.value is not None and any(v != piece.value for v in wanted))
            if miss >= failing:
                continue
            taken.append(piece)
            found = (
                walk(ci + 1, 0, taken, miss) if end == len(chunk) else walk(ci, end, taken, miss)
            )
            taken.pop()
            if found is not None:
                return found
        return None

    return walk(0, 0, [], 0)


def _total_contradicted(split: _Split, state: _State, needs: Mapping[str, list[Value]]) -> bool:
    """True when a total cell of the row's own identities disagrees with the column identities."""
    totals = {i.left[0] for i in state.rules if i.along is Along.ROW and len(i.left) == 1}
    return any(
        column.key in totals
        and piece.value is not None
        and any(v != piece.value for v in needs.get(column.key, ()))
        for column, piece in zip(state.run.columns, split, strict=True)
    )


def _doubt(table: TableSpec, states: dict[str, _State], known: Mapping[str, Row]) -> None:
    """Set aside a split its row's total proves but the column identities contradict.

    A row whose own total the publisher broke may still split one way that makes the total
    hold, by coincidence. The columns tell: when another split of the run makes the column
    identities fail in fewer columns than the proved one, which total is broken cannot be
    told, and the run is left blank (``P1.21``).
    """
    instances = _instances(table, set(states) | set(known), states, known)
    if not instances:
        return
    for key, state in states.items():
        split = state.split
        if split is None or state.proof is _Proof.DIGITS:
            continue
        needs = _needs(key, instances, states, known)
        failing = _failing(split, state.run.columns, needs)
        if not failing:
            continue
        if state.proof is _Proof.ROW and _total_contradicted(split, state, needs):
            # The row's own total is what proved the split, and the columns say that total is
            # not what the table's other rows make it: the proof is void (a broken total).
            telling = tuple(i.identity for i in instances if any(k == key for k, _ in i.terms))
            state.doubt = (failing, failing, telling)
            state.proof = None
            continue
        try:
            better = _better(state, needs, failing)
        except _CappedError:
            better = split  # a better split cannot be ruled out
        if better is None:
            continue
        telling = tuple(i.identity for i in instances if any(k == key for k, _ in i.terms))
        state.doubt = (failing, _failing(better, state.run.columns, needs), telling)
        state.candidates = [split] if better is split else [split, better]
        state.proof = None


# --- findings -------------------------------------------------------------------------------------


def _why(state: _State) -> str:
    count = len(state.run.columns)
    spaces = "" if state.spaced else " (its spaces taken as no boundary)"
    if state.proof is _Proof.DIGITS:
        return (
            f"the only way to split it into {count} cells{spaces}, each 0 or a number "
            "without a leading zero"
        )
    if state.proof is _Proof.ROW:
        return f"the only split into {count} cells{spaces} where {_named(state.rules)} holds"
    return (
        f"the only split into {count} cells{spaces} where {_named(state.rules)} hold "
        "with the other rows of the table"
    )


def _unproven(state: _State, shown: str, count: int) -> tuple[str, str] | None:
    """The code and message of a run the digits split one way that proves nothing, if it is."""
    if state.failure == "apart":
        return (
            UNSPLITTABLE_RUN,
            f"the run {shown!r} has {len(state.run.text.split())} value(s) for {count} cells, "
            "in a table that prints every cell apart: which cells are blank, printed "
            "elsewhere or not the row's cannot be told; its cells are left blank",
        )
    split = state.broken
    if split is None:
        return None
    if state.failure == "unchecked":
        return (
            AMBIGUOUS_RUN,
            f"the run {shown!r} fits {count} cells as {_shown(split)}, but a marker in it "
            f"leaves {_named(state.rules)} unchecked, so nothing proves that split; its "
            "cells are left blank",
        )
    if state.failure == "broken":
        return (
            UNSPLITTABLE_RUN,
            f"the run {shown!r} splits into {count} cells only as {_shown(split)}, which "
            f"breaks {_named(state.rules)}: the text may have lost blank cells, or the "
            "publisher's total may be wrong, and which cannot be told; its cells are left blank",
        )
    if state.failure == "blanks":
        others = "; ".join(_shown(f) for f in state.fewer)
        return (
            AMBIGUOUS_RUN,
            f"the run {shown!r} fits {count} cells only as {_shown(split)}, but a text may "
            f"have lost blank cells, and it also fits fewer ({others}, the other cells "
            "blank); its cells are left blank",
        )
    return None


def _findings(
    state: _State, table: TableSpec, edition: Edition, capped: bool
) -> Iterator[Diagnostic]:
    run = state.run
    row = run.row.key
    shown = " ".join(run.text.split())

    def at(column: str | None = None) -> Location:
        return locate(edition, table.key, row, column, source=run.source)

    split = state.split
    if split is not None:
        why = _why(state)
        for column, piece in zip(run.columns, split, strict=True):
            yield diagnostic(
                RECOVERED,
                f"{piece.text!r} recovered from the run {shown!r}, whose cell boundaries were "
                f"lost: {why}",
                at(column.key),
            )
        return
    cells = tuple(at(c.key) for c in run.columns)
    count = len(run.columns)
    if capped or state.failure == "capped":
        message = (
            f"the run {shown!r} is too long to split into {count} cells "
            f"(more than {MAX_STEPS} steps); its cells are left blank"
        )
        yield diagnostic(RUN_TOO_LONG, message, at(), cells)
    elif not shown:
        yield diagnostic(
            UNSPLITTABLE_RUN,
            "nothing is printed after the label; its cells are left blank",
            at(),
            cells,
        )
    elif (unproven := _unproven(state, shown, count)) is not None:
        yield diagnostic(*unproven, at(), cells)
    elif state.failure == "none":
        holding = f" so that {_named(state.rules)} holds" if state.rules else ""
        yield diagnostic(
            UNSPLITTABLE_RUN,
            f"the run {shown!r} cannot be split into {count} cells{holding} "
            "(each 0 or a number without a leading zero); its cells are left blank",
            at(),
            cells,
        )
    elif state.doubt is not None:
        own, other, telling = state.doubt
        first = _shown(state.candidates[0])
        second = (
            f", while {_shown(state.candidates[1])} fails in {other}"
            if len(state.candidates) > 1
            else ", and a split that fails in fewer cannot be ruled out"
        )
        yield diagnostic(
            AMBIGUOUS_RUN,
            f"the run {shown!r} fits its row's own total only as {first}, but that split makes "
            f"the column identities ({_named(telling)}) fail in {own} column(s){second}: "
            "whether the row's total or a column's is the one the report breaks cannot be "
            "told; its cells are left blank",
            at(),
            cells,
        )
    else:
        many = len(state.candidates)
        listed = "; ".join(_shown(s) for s in state.candidates[:_SHOWN])
        more = f"; and {many - _SHOWN} more" if many > _SHOWN else ""
        if many > MAX_CANDIDATES:
            more = f"; and more than {MAX_CANDIDATES - _SHOWN} more"
        fitting = f" fitting {_named(state.rules)}" if state.rules else ""
        yield diagnostic(
            AMBIGUOUS_RUN,
            f"the run {shown!r} splits into {count} cells in more than one way{fitting}: "
            f"{listed}{more}; its cells are left blank",
            at(),
            cells,
        )


def _cells(state: _State) -> tuple[Cell, ...] | None:
    """The run's cells; ``None`` if a piece of its split does not read as the search read it."""
    run = state.run
    split = state.split
    if split is None:
        return tuple(Cell(column=c.key, source=run.source) for c in run.columns)
    made = []
    for column, piece in zip(run.columns, split, strict=True):
        cell, problem = read_cell(piece.text, column, run.source)
        if problem is not None or cell.value != piece.value:
            return None
        made.append(cell)
    return tuple(made)


_APART_SHARE: Final = 0.75
"""Share of a table's runs that must end their lines for the table to print its cells apart."""
_APART_LEAST: Final = 3
"""Runs a table must have for their lines to tell anything (四 has one)."""


def _apart(runs: Sequence[Run]) -> bool:
    """The table prints its cells apart, each row on a line, as a PDF's text does.

    A PDF tool writes a row's values on the row's line with a space between each
    (``746 12 0 0 10 1 769``); crawler text runs a table's rows together on one line and its
    cells too (``713000074``). In such a table (three runs in four end their lines) the spaces
    are the only cell boundaries and the order of the values is a layout engine's: a run with
    fewer or more values than cells lost some (a blank cell, a value wrapped to another
    line) or took in others, and is not read (``129 19720370`` under seven cells is not
    12|9|19|7|20|3|70, though 总计 holds for it), and a run with as many is read only where
    its row's own identities hold.
    """
    if len(runs) < _APART_LEAST:
        return False
    return sum(r.lined for r in runs) >= _APART_SHARE * len(runs)


def recover(
    table: TableSpec,
    edition: Edition,
    runs: Sequence[Run],
    known: Mapping[str, Row],
) -> tuple[list[Recovered], list[Diagnostic]]:
    """Recover the cells of every run of one table from its identities.

    Args:
        table: the table's declaration (its :attr:`~disclosure_report.tables.TableSpec.identities`).
        edition: for the findings' official labels.
        runs: the rows printed as runs, at most one per row key.
        known: the rows of the table read the ordinary way, which the column identities use.

    Returns:
        The cells of each run, in the order given, and the findings (``P1.20``-``P1.23``).
    """
    states: dict[str, _State] = {}
    apart = _apart(runs)
    for run in runs:
        states[run.row.key] = _first_pass(run, table.identities, apart=apart)
    capped = set(_break_ties(table, states, known))
    _doubt(table, states, known)
    recovered: list[Recovered] = []
    diagnostics: list[Diagnostic] = []
    for run in runs:
        state = states[run.row.key]
        cells = _cells(state)
        if cells is None:  # the grammar here and the cell reader disagree: prove nothing
            state.proof, state.failure = None, "none"
            cells = _cells(state) or ()
        recovered.append(Recovered(run, cells))
        diagnostics.extend(_findings(state, table, edition, run.row.key in capped))
    return recovered, diagnostics
