"""Loop figures of referrals: how many were sent, answered and closed, and how fast.

Pure reads over ``Referral.objects`` (tenant-scoped, so never another municipality),
aggregated in the database with a fixed number of queries whatever the number of
referrals: one grouped query for the groups (the municipality's counts are their
sums), one for the labels of the groups, one for the reasons per partner, and one for
the medians. On PostgreSQL the medians are ``percentile_cont(0.5)``, in the grouped
query for the groups and in a query of their own for the whole municipality; SQLite
has no such aggregate, so there that query fetches the two timestamps of the accepted
and completed referrals and Python takes the medians (fine for a single-desk install).

A referral counts in the period by the day it was sent (``sent_at``, Europe/Brussels);
drafts have no such day and never count.

What a role may *see* of them is decided in ``metrics.visibility``.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.expressions import CombinedExpression
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.directory.models import Organisation, ServiceText
from sociaalhuis.referrals.models import (
    AWAITING_ANSWER,
    FINAL_STATUSES,
    OPEN_STATUSES,
    ReasonCode,
    Referral,
    ReferralStatus,
    TargetKind,
)
from sociaalhuis.tenants.models import LifeDomain

# The outcomes that add up to the referrals sent (drafts never count).
OUTCOMES = ("declined", "completed", "not_completed", "cancelled", "open")

S = ReferralStatus


class Grouping(StrEnum):
    PARTNER = "partner"
    SERVICE = "service"
    LIFE_DOMAIN = "life_domain"
    TARGET_KIND = "target_kind"


GROUPING_LABELS: dict[Grouping, StrOrPromise] = {
    Grouping.PARTNER: gettext_lazy("Partner organisation"),
    Grouping.SERVICE: gettext_lazy("Service"),
    Grouping.LIFE_DOMAIN: gettext_lazy("Life domain"),
    Grouping.TARGET_KIND: gettext_lazy("Kind of receiver"),
}
# The column of Referral each grouping groups on.
GROUP_FIELDS: dict[Grouping, str] = {
    Grouping.PARTNER: "to_organisation",
    Grouping.SERVICE: "to_service",
    Grouping.LIFE_DOMAIN: "life_domain",
    Grouping.TARGET_KIND: "target_kind",
}


@dataclass(frozen=True)
class Period:
    """From ``start`` up to and including ``end`` (days in Europe/Brussels)."""

    start: date
    end: date

    @classmethod
    def last_twelve_months(cls, today: date | None = None) -> Period:
        end = today or timezone.localdate()
        return cls(start=year_before(end) + timedelta(days=1), end=end)

    def bounds(self) -> tuple[datetime, datetime]:
        """The first instant of ``start`` and the first instant after ``end``."""
        zone = timezone.get_default_timezone()  # Europe/Brussels, whoever is looking
        first = timezone.make_aware(datetime.combine(self.start, time.min), zone)
        after = timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min), zone)
        return first, after


def year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class FiguresFilter:
    period: Period = field(default_factory=Period.last_twelve_months)
    grouping: Grouping = Grouping.PARTNER


# --- Aggregation --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopCounts:
    """The loop figures of one group of referrals (or of all of them)."""

    sent: int = 0
    accepted: int = 0  # ever accepted, whatever happened after
    declined: int = 0
    completed: int = 0
    got_help: int = 0  # completed, and the person got help
    not_completed: int = 0
    cancelled: int = 0
    open: int = 0
    overdue: int = 0  # waiting for a first answer past the due date, today
    closed: int = 0  # with a final status: the loop was closed with feedback
    median_days_to_acceptance: float | None = None
    median_days_to_completion: float | None = None

    @property
    def closure_rate(self) -> float | None:
        return self.closed / self.sent if self.sent else None


@dataclass(frozen=True)
class Group:
    key: Any
    label: str
    counts: LoopCounts


@dataclass(frozen=True)
class PartnerReasons:
    """Why referrals to one partner were declined or not completed."""

    organisation_id: int | None
    label: str
    declined: int
    not_completed: int
    by_reason: dict[str, int]  # reason code ("" when none was recorded) -> count

    @property
    def no_capacity(self) -> int:
        return self.by_reason.get(ReasonCode.NO_CAPACITY, 0)


@dataclass(frozen=True)
class LoopFigures:
    figures_filter: FiguresFilter
    groups: list[Group]
    total: LoopCounts
    reasons: list[PartnerReasons]


class Median(Aggregate):
    """PostgreSQL's ``percentile_cont(0.5) WITHIN GROUP (ORDER BY …)``: the median."""

    function = "PERCENTILE_CONT"
    name = "Median"
    arity = 1
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)%(filter)s"


def _duration(start: str, end: str) -> ExpressionWrapper[CombinedExpression]:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


COUNT_NAMES = (
    "sent",
    "accepted",
    "declined",
    "completed",
    "got_help",
    "not_completed",
    "cancelled",
    "open",
    "overdue",
    "closed",
)


def _count_expressions(today: date) -> dict[str, Count]:
    def count(condition: Q | None = None) -> Count:
        return Count("pk", filter=condition)

    return {
        "sent": count(),
        "accepted": count(Q(accepted_at__isnull=False)),
        "declined": count(Q(status=S.DECLINED)),
        "completed": count(Q(status=S.COMPLETED)),
        "got_help": count(Q(status=S.COMPLETED, got_help=True)),
        "not_completed": count(Q(status=S.NOT_COMPLETED)),
        "cancelled": count(Q(status=S.CANCELLED)),
        "open": count(Q(status__in=OPEN_STATUSES)),
        "overdue": count(Q(status__in=AWAITING_ANSWER, response_due_on__lt=today)),
        "closed": count(Q(status__in=FINAL_STATUSES)),
    }


def _median_expressions() -> dict[str, Median]:
    return {
        "to_acceptance": Median(
            _duration("sent_at", "accepted_at"),
            filter=Q(accepted_at__isnull=False),
            output_field=DurationField(),
        ),
        "to_completion": Median(
            _duration("sent_at", "closed_at"),
            filter=Q(status=S.COMPLETED, closed_at__isnull=False),
            output_field=DurationField(),
        ),
    }


def _in_database() -> bool:
    """Whether the database takes medians itself (PostgreSQL's ``percentile_cont``)."""
    return connection.vendor == "postgresql"


def sent_in(period: Period) -> QuerySet[Referral]:
    first, after = period.bounds()
    return Referral.objects.filter(sent_at__gte=first, sent_at__lt=after).exclude(status=S.DRAFT)


def _days(duration: timedelta | None) -> float | None:
    return None if duration is None else duration.total_seconds() / 86400


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _counts(row: dict[str, Any], medians: tuple[float | None, float | None]) -> LoopCounts:
    return LoopCounts(
        **{name: row[name] or 0 for name in COUNT_NAMES},
        median_days_to_acceptance=medians[0],
        median_days_to_completion=medians[1],
    )


def _medians_in_python(
    referrals: QuerySet[Referral], group_field: str
) -> tuple[dict[Any, tuple[float | None, float | None]], tuple[float | None, float | None]]:
    """SQLite: the medians per group and overall from one query of timestamps."""
    to_acceptance: dict[Any, list[float]] = defaultdict(list)
    to_completion: dict[Any, list[float]] = defaultdict(list)
    rows = referrals.filter(
        Q(accepted_at__isnull=False) | Q(status=S.COMPLETED, closed_at__isnull=False)
    ).values_list(group_field, "status", "sent_at", "accepted_at", "closed_at")
    everyone: tuple[list[float], list[float]] = ([], [])
    for key, status, sent_at, accepted_at, closed_at in rows:
        if accepted_at is not None:
            days = (accepted_at - sent_at).total_seconds() / 86400
            to_acceptance[key].append(days)
            everyone[0].append(days)
        if status == S.COMPLETED and closed_at is not None:
            days = (closed_at - sent_at).total_seconds() / 86400
            to_completion[key].append(days)
            everyone[1].append(days)
    keys = set(to_acceptance) | set(to_completion)
    per_group = {
        key: (_median(to_acceptance.get(key, [])), _median(to_completion.get(key, [])))
        for key in keys
    }
    return per_group, (_median(everyone[0]), _median(everyone[1]))


def _labels(grouping: Grouping, keys: Iterable[Any]) -> dict[Any, str]:
    """What each group is called: one query (none for the kinds of receiver)."""
    present = [key for key in keys if key is not None]
    labels: dict[Any, str] = {}
    if grouping == Grouping.TARGET_KIND:
        return {key: str(TargetKind(key).label) for key in present}
    if grouping == Grouping.PARTNER:
        labels = dict(Organisation.objects.filter(pk__in=present).values_list("pk", "name"))
    elif grouping == Grouping.SERVICE:
        labels = _service_labels(present)
    elif grouping == Grouping.LIFE_DOMAIN:
        labels = {domain.pk: domain.name for domain in LifeDomain.objects.filter(pk__in=present)}
    return labels


def _service_labels(service_ids: list[int]) -> dict[int, str]:
    """ "Name (organisation)" in the active language, else Dutch, else any (one query)."""
    wanted = (get_language() or "nl")[:2]
    preference = {wanted: 0, "nl": 1}
    best: dict[int, tuple[int, str]] = {}
    rows = ServiceText.objects.filter(service_id__in=service_ids).values_list(
        "service_id", "language", "name", "service__organisation__name"
    )
    for service_id, language, name, organisation in rows:
        rank = preference.get(language, 2)
        if service_id not in best or rank < best[service_id][0]:
            best[service_id] = (rank, f"{name} ({organisation})")
    return {service_id: label for service_id, (_rank, label) in best.items()}


def _fallback_label(grouping: Grouping, key: Any) -> str:
    if key is None:
        if grouping == Grouping.LIFE_DOMAIN:
            return _("No life domain")
        return _("Within the Sociaal Huis (colleagues and cells)")
    return f"#{key}"


def _reasons(referrals: QuerySet[Referral]) -> list[PartnerReasons]:
    """Declined and not completed referrals per partner and reason (one query)."""
    rows = (
        referrals.filter(status__in=[S.DECLINED, S.NOT_COMPLETED])
        .values("to_organisation", "to_organisation__name", "status", "reason_code")
        .annotate(number=Count("pk"))
        .order_by()
    )
    partners: dict[int | None, dict[str, Any]] = {}
    for row in rows:
        key = row["to_organisation"]
        partner = partners.setdefault(
            key,
            {
                "label": row["to_organisation__name"]
                or _("Within the Sociaal Huis (colleagues and cells)"),
                "declined": 0,
                "not_completed": 0,
                "by_reason": defaultdict(int),
            },
        )
        partner["declined" if row["status"] == S.DECLINED else "not_completed"] += row["number"]
        partner["by_reason"][row["reason_code"] or ""] += row["number"]
    return [
        PartnerReasons(
            organisation_id=key,
            label=values["label"],
            declined=values["declined"],
            not_completed=values["not_completed"],
            by_reason=dict(values["by_reason"]),
        )
        for key, values in partners.items()
    ]


def loop_figures(figures_filter: FiguresFilter, today: date | None = None) -> LoopFigures:
    """The loop figures of the active municipality: per group, in total, and the reasons.

    Four queries on either database, whatever the number of referrals: the groups, the
    municipality's medians (PostgreSQL) or every group's timestamps (SQLite), the labels
    of the groups, the reasons per partner.
    """
    day = today or timezone.localdate()
    referrals = sent_in(figures_filter.period)
    group_field = GROUP_FIELDS[figures_filter.grouping]
    aggregates: dict[str, Any] = dict(_count_expressions(day))
    in_database = _in_database()
    if in_database:
        aggregates |= _median_expressions()

    grouped = list(referrals.values(group_field).annotate(**aggregates).order_by())
    # Every referral falls in exactly one group (no value is a group too), so the
    # municipality's counts are the sums of the groups: no second pass over the rows.
    # Its medians are not, and take one query of their own.
    total_counts = {name: sum(row[name] for row in grouped) for name in COUNT_NAMES}
    if in_database:
        medians = {
            row[group_field]: (_days(row["to_acceptance"]), _days(row["to_completion"]))
            for row in grouped
        }
        total_row = referrals.aggregate(**_median_expressions())
        total_medians = (_days(total_row["to_acceptance"]), _days(total_row["to_completion"]))
    else:
        medians, total_medians = _medians_in_python(referrals, group_field)

    keys = [row[group_field] for row in grouped]
    labels = _labels(figures_filter.grouping, keys)
    groups = [
        Group(
            key=key,
            label=labels.get(key) or _fallback_label(figures_filter.grouping, key),
            counts=_counts(row, medians.get(key, (None, None))),
        )
        for key, row in zip(keys, grouped, strict=True)
    ]
    return LoopFigures(
        figures_filter=figures_filter,
        groups=groups,
        total=_counts(total_counts, total_medians),
        reasons=_reasons(referrals),
    )
