"""Withholding figures so that no small count can be worked out from the others.

A count from 1 to 4 is withheld ("< 5") from roles that see statistics only. The
figures around it are sums (a column adds up to the municipality's total, a row's
outcomes add up to its referrals sent, a partner's reasons add up to its declined and
not completed referrals), so a withheld count could still be found by subtraction:
a second count of the sum must be withheld with it ("hidden").

This module reasons as a reader would. Every figure is a cell with what the reader
knows of it: a shown number exactly, "< 5" as 1 to 4, "hidden" as 5 or more (only
shown counts of 5 or more are ever hidden), and figures that are not shown at all
as 0 or more. The sums narrow these ranges (interval propagation until nothing
changes); while some "< 5" is narrowed to a single number, the smallest shown count
of one of its sums is hidden too. Pure Python, no database: ``metrics`` builds the
cells and sums of a table and reads back which cells to withhold.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

Key = Hashable
INF = math.inf
SMALL_LIMIT = 5  # counts from 1 to SMALL_LIMIT - 1 are small
# Rounds of narrowing: each round only narrows, and real tables settle in a few.
MAX_ROUNDS = 50


class State(StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # withheld: 1 to 4
    HIDDEN = "hidden"  # withheld as well, so that a small one cannot be worked out
    UNSHOWN = "unshown"  # never shown (a figure only a rate gives away): 0 or more


@dataclass
class Cell:
    value: int
    state: State
    hideable: bool = True


def _term_span(bounds: tuple[float, float], sign: int) -> tuple[float, float]:
    low, high = bounds
    return (low, high) if sign > 0 else (-high, -low)


class _Sum:
    """A sum of bounds that may be infinite, from which one term can be taken out."""

    def __init__(self) -> None:
        self.finite = 0.0
        self.plus_infinite = 0
        self.minus_infinite = 0

    def add(self, value: float) -> None:
        if value == INF:
            self.plus_infinite += 1
        elif value == -INF:
            self.minus_infinite += 1
        else:
            self.finite += value

    def without(self, value: float) -> float:
        plus = self.plus_infinite - (value == INF)
        minus = self.minus_infinite - (value == -INF)
        if plus and not minus:
            return INF
        if minus and not plus:
            return -INF
        if plus and minus:  # cannot happen for a sum of lower (or of upper) bounds
            return math.nan
        return self.finite - (value if math.isfinite(value) else 0)


@dataclass
class Disclosure:
    """The cells of one page of figures and the sums that tie them together."""

    cells: dict[Key, Cell] = field(default_factory=dict)
    # Each sum: the cells on the left add up to the cells on the right.
    sums: list[tuple[tuple[Key, ...], tuple[Key, ...]]] = field(default_factory=list)
    # Each pair: the first is at most the second (got help ≤ completed).
    at_most: list[tuple[Key, Key]] = field(default_factory=list)

    def count(self, key: Key, value: int, *, exact: bool = False) -> None:
        """A count; from 1 to 4 it is withheld unless ``exact``."""
        small = not exact and 0 < value < SMALL_LIMIT
        self.cells[key] = Cell(value, State.SMALL if small else State.SHOWN)

    def derived(self, key: Key, value: int, *, shown: bool) -> None:
        """A count the page gives away through another figure (a rate), or not at all."""
        self.cells[key] = Cell(value, State.SHOWN if shown else State.UNSHOWN)

    def add_sum(self, left: Iterable[Key], right: Iterable[Key]) -> None:
        self.sums.append((tuple(left), tuple(right)))

    def add_at_most(self, smaller: Key, larger: Key) -> None:
        self.at_most.append((smaller, larger))

    def state(self, key: Key) -> State:
        return self.cells[key].state

    # --- What a reader can work out ----------------------------------------------------

    def _start(self, cell: Cell) -> tuple[float, float]:
        if cell.state == State.SHOWN:
            return (cell.value, cell.value)
        if cell.state == State.SMALL:
            return (1, SMALL_LIMIT - 1)
        if cell.state == State.HIDDEN:
            return (SMALL_LIMIT, INF)
        return (0, INF)

    def bounds(self) -> dict[Key, tuple[float, float]]:
        """The narrowest range of every cell that the shown figures and the sums allow."""
        bounds = {key: self._start(cell) for key, cell in self.cells.items()}

        def narrow(key: Key, low: float, high: float) -> bool:
            old_low, old_high = bounds[key]
            # Counts are whole numbers: a range of 1.5 to 2.5 is 2.
            low = math.ceil(low) if math.isfinite(low) else low
            high = math.floor(high) if math.isfinite(high) else high
            new = (max(old_low, low), min(old_high, high))
            if new != (old_low, old_high):
                bounds[key] = new
                return True
            return False

        # left - right = 0, term by term: each cell is minus the rest.
        all_terms = [
            [(key, 1) for key in left] + [(key, -1) for key in right] for left, right in self.sums
        ]
        for _round in range(MAX_ROUNDS):
            changed = False
            for terms in all_terms:
                spans = [_term_span(bounds[key], sign) for key, sign in terms]
                low_sum, high_sum = _Sum(), _Sum()
                for term_low, term_high in spans:
                    low_sum.add(term_low)
                    high_sum.add(term_high)
                for (key, sign), (term_low, term_high) in zip(terms, spans, strict=True):
                    rest_low = low_sum.without(term_low)
                    rest_high = high_sum.without(term_high)
                    if sign > 0:  # cell = -rest
                        changed |= narrow(key, -rest_high, -rest_low)
                    else:  # -cell = -rest
                        changed |= narrow(key, rest_low, rest_high)
            for smaller, larger in self.at_most:
                changed |= narrow(smaller, -INF, bounds[larger][1])
                changed |= narrow(larger, bounds[smaller][0], INF)
            if not changed:
                break
        return bounds

    def pinned(self) -> list[Key]:
        """The withheld small counts a reader could work out exactly."""
        bounds = self.bounds()
        return [
            key
            for key, cell in self.cells.items()
            if cell.state == State.SMALL and bounds[key][0] == bounds[key][1]
        ]

    # --- Withholding enough ----------------------------------------------------------------

    def _neighbours(self, key: Key) -> list[Key]:
        near: list[Key] = []
        for left, right in self.sums:
            if key in left or key in right:
                near.extend(left + right)
        for smaller, larger in self.at_most:
            if key in (smaller, larger):
                near.extend((smaller, larger))
        return near

    def _shown_counts(self, keys: Iterable[Key]) -> list[Key]:
        """Shown, non-zero, hideable cells among ``keys``, smallest first."""
        shown = [
            key
            for key in dict.fromkeys(keys)
            if self.cells[key].state == State.SHOWN
            and self.cells[key].value > 0
            and self.cells[key].hideable
        ]
        return sorted(shown, key=lambda key: self.cells[key].value)

    def _pinned_with_everything_hidden(self) -> list[Key]:
        """The small counts a reader could pin down even if every count that can be
        hidden were hidden (hiding only widens what a reader knows, never narrows it)."""
        worst = Disclosure(
            cells={
                key: Cell(cell.value, State.HIDDEN, cell.hideable)
                if key in self._shown_counts([key])
                else cell
                for key, cell in self.cells.items()
            },
            sums=self.sums,
            at_most=self.at_most,
        )
        return worst.pinned()

    def _nearest_shown_counts(self, key: Key) -> list[Key]:
        """The shown counts in the sums nearest to ``key`` that hold any, smallest first.

        First its own sums, then the sums next to them, and so on through every sum
        that ties them together: a reader can follow a chain of sums of any length
        (a partner's reasons, its declined ones, the column total, the total row).
        """
        seen = {key}
        ring = [key]
        while ring:
            near = [k for n in ring for k in self._neighbours(n)]
            shown = self._shown_counts(near)
            if shown:
                return shown
            ring = [k for k in dict.fromkeys(near) if k not in seen]
            seen.update(ring)
        return []

    def protect(self) -> None:
        """Hide shown counts until no withheld small count can be worked out.

        Each round takes every small count a reader can pin down and hides the smallest
        shown count in one of its sums (or, when its sums hold none, in a sum next to
        them), unless a count hidden earlier in the round already shares a sum with it;
        then looks again. Ends, as every round hides at least one more cell.

        When nothing near them is left to hide and some can still be worked out, the
        chain of sums is followed further (a reader follows it too: a partner's
        reasons, its declined ones, the column, the total row), unless hiding cannot
        help at all: the withheld figures can give a count away by themselves (a "< 5"
        that is the sum of four "< 5", each at least 1, so all four are 1), and then
        every count tied to it stays as it is.
        """
        beyond_help: set[Key] | None = None  # worked out only when it is needed
        while pinned := self.pinned():
            hidden_now: set[Key] = set()
            for target in pinned:
                near = self._neighbours(target)
                if hidden_now.intersection(near):
                    continue  # may be set free already: the next round tells
                nearby = self._shown_counts(near) or self._shown_counts(
                    k for n in near for k in self._neighbours(n)
                )
                if not nearby and beyond_help is not None and target not in beyond_help:
                    nearby = self._nearest_shown_counts(target)
                if nearby:
                    self.cells[nearby[0]].state = State.HIDDEN
                    hidden_now.add(nearby[0])
            if not hidden_now:
                if beyond_help is not None:
                    return  # what is left is beyond help: see above
                # Nothing near them to hide: from now on follow the sums further for
                # the counts that hiding can set free.
                beyond_help = set(self._pinned_with_everything_hidden())
