"""What a role may see of the loop figures: the tables of the page, chart and spreadsheet.

Decided once (``visible_table``) for the page, the chart and the spreadsheet: the
policy coordinator sees statistics only, so a count from 1 to 4 is shown as "< 5"
and a rate or median computed from fewer than 5 referrals is not shown, so that no
one can be recognised. Such a count could still be worked out by subtraction (from
the municipality's total, or from the referrals sent minus the other outcomes), so
other counts are withheld with it until none can (``metrics.disclosure``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.referrals.metrics.disclosure import Disclosure, State
from sociaalhuis.referrals.metrics.figures import (
    OUTCOMES,
    FiguresFilter,
    Grouping,
    LoopCounts,
    LoopFigures,
    PartnerReasons,
)
from sociaalhuis.referrals.models import ReasonCode

# Counts from 1 to SMALL_COUNT - 1 are not shown to roles that see statistics only.
SMALL_COUNT = 5
SMALL_TEXT = "< 5"
# A rate or median computed from a small count (it would give that count away).
HIDDEN_TEXT = "n < 5"
NOTHING = "\u2013"  # an en dash: nothing to measure


class Kind(StrEnum):
    COUNT = "count"
    RATE = "rate"
    DAYS = "days"


@dataclass(frozen=True)
class Shown:
    """One figure as a role may see it.

    ``value`` is None when there is nothing to measure (no referral accepted: no median)
    or when the figure is withheld; ``withheld`` then says why: ``SMALL_TEXT`` for a
    count from 1 to 4, ``HIDDEN_TEXT`` for a rate or median from such a count.
    """

    kind: Kind
    value: int | float | None
    withheld: str = ""

    @property
    def text(self) -> str:
        if self.withheld:
            return self.withheld
        if self.value is None:
            return NOTHING
        if self.kind == Kind.RATE:
            return _("%(percent)s%%") % {
                "percent": formats.number_format(self.value * 100, decimal_pos=1)
            }
        if self.kind == Kind.DAYS:
            return formats.number_format(self.value, decimal_pos=1)
        return formats.number_format(self.value, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Column:
    key: str
    label: StrOrPromise
    kind: Kind


COLUMNS: tuple[Column, ...] = (
    Column("sent", gettext_lazy("Sent"), Kind.COUNT),
    Column("accepted", gettext_lazy("Accepted"), Kind.COUNT),
    Column("declined", gettext_lazy("Declined"), Kind.COUNT),
    Column("completed", gettext_lazy("Completed"), Kind.COUNT),
    Column("got_help", gettext_lazy("Got help"), Kind.COUNT),
    Column("not_completed", gettext_lazy("Not completed"), Kind.COUNT),
    Column("cancelled", gettext_lazy("Cancelled"), Kind.COUNT),
    Column("open", gettext_lazy("Still open"), Kind.COUNT),
    Column("overdue", gettext_lazy("Overdue now"), Kind.COUNT),
    Column("closure_rate", gettext_lazy("Loop closed"), Kind.RATE),
    Column("median_days_to_acceptance", gettext_lazy("Median days to acceptance"), Kind.DAYS),
    Column("median_days_to_completion", gettext_lazy("Median days to completion"), Kind.DAYS),
)
# The counts a derived figure is computed from: withheld when one of them is small.
BASED_ON: dict[str, tuple[str, ...]] = {
    "closure_rate": ("sent", "closed"),
    "median_days_to_acceptance": ("sent", "accepted"),
    "median_days_to_completion": ("sent", "completed"),
}


@dataclass(frozen=True)
class Row:
    label: str
    cells: tuple[Shown, ...]
    is_total: bool = False

    def cell(self, key: str) -> Shown:
        return self.cells[[column.key for column in COLUMNS].index(key)]


@dataclass(frozen=True)
class ReasonColumn:
    code: str
    label: StrOrPromise


@dataclass(frozen=True)
class ReasonRow:
    label: str
    declined: Shown
    not_completed: Shown
    by_reason: tuple[tuple[str, Shown], ...]  # (reason code, count) per reason column
    bottleneck: bool  # declined or not completed for lack of capacity


@dataclass(frozen=True)
class Table:
    """The figures as the current role may see them: for the page, chart and export."""

    figures_filter: FiguresFilter
    exact: bool
    columns: tuple[Column, ...]
    rows: list[Row]
    total: Row
    reason_columns: list[ReasonColumn]
    reason_rows: list[ReasonRow]

    @property
    def is_empty(self) -> bool:
        return self.total.cell("sent").value == 0


def _is_small(number: int) -> bool:
    return 0 < number < SMALL_COUNT


def _count(number: int, exact: bool) -> Shown:
    if not exact and _is_small(number):
        return Shown(Kind.COUNT, None, SMALL_TEXT)
    return Shown(Kind.COUNT, number)


def _shown(counts: LoopCounts, column: Column, exact: bool) -> Shown:
    value = getattr(counts, column.key)
    if column.kind == Kind.COUNT:
        return _count(value, exact)
    if value is None:
        return Shown(column.kind, None)
    based_on = (getattr(counts, name) for name in BASED_ON[column.key])
    if not exact and any(_is_small(number) for number in based_on):
        return Shown(column.kind, None, HIDDEN_TEXT)
    return Shown(column.kind, value)


def _reason_columns(reasons: Sequence[PartnerReasons]) -> list[ReasonColumn]:
    columns = [ReasonColumn(code, label) for code, label in ReasonCode.choices]
    if any(partner.by_reason.get("") for partner in reasons):
        columns.append(ReasonColumn("", gettext_lazy("No reason recorded")))
    return columns


def _group_id(key: Any) -> tuple[str, Any]:
    """A group's row among the cells of ``disclosure``."""
    return ("group", key)


TOTAL_ID = ("total",)


def _disclosure(figures: LoopFigures, *, exact: bool) -> Disclosure:
    """Every count of the page (both tables) and the sums a reader could use."""
    disclosure = Disclosure()
    count_keys = [column.key for column in COLUMNS if column.kind == Kind.COUNT]
    rows: list[tuple[Any, LoopCounts]] = [
        (_group_id(group.key), group.counts) for group in figures.groups
    ]
    rows.append((TOTAL_ID, figures.total))
    for row, counts in rows:
        for key in count_keys:
            disclosure.count((row, key), getattr(counts, key), exact=exact)
        # The loop-closure rate times the referrals sent gives the closed ones.
        rate = _shown(counts, _column("closure_rate"), exact)
        disclosure.derived((row, "closed"), counts.closed, shown=rate.value is not None)
        disclosure.add_sum([(row, "sent")], [(row, key) for key in OUTCOMES])
        disclosure.add_sum([(row, "closed")], [(row, key) for key in OUTCOMES if key != "open"])
        disclosure.add_at_most((row, "got_help"), (row, "completed"))
        disclosure.add_at_most((row, "overdue"), (row, "open"))
        disclosure.add_at_most((row, "accepted"), (row, "sent"))
    for key in [*count_keys, "closed"]:
        disclosure.add_sum([(TOTAL_ID, key)], [(row, key) for row, _counts in rows[:-1]])
    _reasons_disclosure(disclosure, figures, exact=exact)
    if not exact:
        disclosure.protect()
    return disclosure


def _reasons_disclosure(disclosure: Disclosure, figures: LoopFigures, *, exact: bool) -> None:
    """The reasons table's counts and sums, tied to the figures table's.

    Per partner, the reasons add up to its declined and not completed referrals,
    which are the figures table's own when grouped by partner; over all partners
    they add up to the municipality's.
    """
    by_organisation = {group.key: group.counts for group in figures.groups}
    answered: dict[str, list[Any]] = {"declined": [], "not_completed": []}
    for partner in figures.reasons:
        reason_row = ("reasons", partner.organisation_id)
        ids = []
        for key in ("declined", "not_completed"):
            mine = by_organisation.get(partner.organisation_id)
            same = figures.figures_filter.grouping == Grouping.PARTNER and mine is not None
            if same and getattr(mine, key) == getattr(partner, key):
                cell = (_group_id(partner.organisation_id), key)
            else:
                cell = (reason_row, key)
                disclosure.count(cell, getattr(partner, key), exact=exact)
            ids.append(cell)
            answered[key].append(cell)
        reasons = []
        for code, number in partner.by_reason.items():
            disclosure.count((reason_row, f"reason:{code}"), number, exact=exact)
            reasons.append((reason_row, f"reason:{code}"))
        disclosure.add_sum(ids, reasons)
    for key, cells in answered.items():
        if cells:
            disclosure.add_sum([(TOTAL_ID, key)], cells)


def _column(key: str) -> Column:
    return next(column for column in COLUMNS if column.key == key)


def _as_shown(disclosure: Disclosure, cell: Any) -> Shown:
    """A count as the role may see it, after ``disclosure`` decided what to withhold."""
    state = disclosure.state(cell)
    if state == State.SMALL:
        return Shown(Kind.COUNT, None, SMALL_TEXT)
    if state == State.HIDDEN:
        return Shown(Kind.COUNT, None, _("hidden"))
    return Shown(Kind.COUNT, disclosure.cells[cell].value)


def _row(disclosure: Disclosure, row: Any, label: str, counts: LoopCounts, exact: bool) -> Row:
    cells = []
    for column in COLUMNS:
        if column.kind == Kind.COUNT:
            cells.append(_as_shown(disclosure, (row, column.key)))
        elif column.key == "closure_rate" and (
            disclosure.state((row, "closed")) == State.HIDDEN
            or disclosure.state((row, "sent")) == State.HIDDEN
        ):
            # Hidden with what it is computed from: a rate of a hidden number of
            # referrals would still narrow that number down.
            cells.append(Shown(Kind.RATE, None, _("hidden")))
        else:
            cells.append(_shown(counts, column, exact))
    return Row(label=label, cells=tuple(cells), is_total=row == TOTAL_ID)


def _order(shown: Shown) -> int:
    """What rows are sorted by: withheld counts tie, so the order gives nothing away."""
    return shown.value if isinstance(shown.value, int) else 1


def visible_table(figures: LoopFigures, *, exact: bool, total_label: str) -> Table:
    """The figures with small counts withheld unless ``exact`` (the administrator).

    Small counts are withheld, and with them as many other counts as it takes so that
    none can be worked out from the rest (``disclosure``). Groups come largest first;
    groups with a withheld count of sent referrals come last in alphabetical order, so
    their order gives nothing away either.
    """
    disclosure = _disclosure(figures, exact=exact)
    rows = [
        _row(disclosure, _group_id(group.key), group.label, group.counts, exact)
        for group in figures.groups
    ]
    rows.sort(key=lambda row: (-_order(row.cell("sent")), row.label.casefold()))
    reason_columns = _reason_columns(figures.reasons)
    reason_rows = [_reason_row(disclosure, partner, reason_columns) for partner in figures.reasons]
    reason_rows.sort(
        key=lambda row: (
            -_order(dict(row.by_reason).get(ReasonCode.NO_CAPACITY, Shown(Kind.COUNT, 0))),
            -(_order(row.declined) + _order(row.not_completed)),
            row.label.casefold(),
        )
    )
    return Table(
        figures_filter=figures.figures_filter,
        exact=exact,
        columns=COLUMNS,
        rows=rows,
        total=_row(disclosure, TOTAL_ID, total_label, figures.total, exact),
        reason_columns=reason_columns,
        reason_rows=reason_rows,
    )


def _reason_row(
    disclosure: Disclosure, partner: PartnerReasons, columns: list[ReasonColumn]
) -> ReasonRow:
    reason_row = ("reasons", partner.organisation_id)

    def answered(key: str) -> Shown:
        own = (reason_row, key)
        if own in disclosure.cells:
            return _as_shown(disclosure, own)
        return _as_shown(disclosure, (_group_id(partner.organisation_id), key))

    return ReasonRow(
        label=partner.label,
        declined=answered("declined"),
        not_completed=answered("not_completed"),
        by_reason=tuple(
            (
                column.code,
                _as_shown(disclosure, (reason_row, f"reason:{column.code}"))
                if partner.by_reason.get(column.code)
                else Shown(Kind.COUNT, 0),
            )
            for column in columns
        ),
        bottleneck=partner.no_capacity > 0,
    )
