"""Reads for step plans, housing, the rights check-list and consents of a dossier.

``dossier_for_plan`` is the one way the plan screens get a dossier: other
municipalities' dossiers do not exist (404, the manager is tenant-scoped) and the
dossier rules decide the rest (403). Plans, goals and steps are then read inside that
dossier only (``plan_for``, ``goal_for``, ``step_for``). The door records what a page
shows itself (marked break_glass under an emergency access). The worklists
call ``late_steps_for`` and ``steps_due_for``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404, HttpRequest
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.models import Consent
from sociaalhuis.dossiers import queries as dossier_queries
from sociaalhuis.dossiers.models import (
    OPEN_STEP_STATUSES,
    Dossier,
    DossierStatus,
    Ethos,
    Goal,
    HousingSituation,
    Right,
    RightCheck,
    RightStatus,
    Step,
    StepPlan,
)


def dossier_for_plan(
    request: HttpRequest, dossier_id: int, *, shows: str | None, write: bool = False
) -> Dossier:
    """The door of the plan screens: the dossier if the acting user may see it (or,
    with ``write``, work in it), recorded as a read of the part the page ``shows``
    (an object type such as ``dossiers.stepplan``; marked break_glass under an
    emergency access).

    The same rules as the dossier pages (``queries.dossier_for``): 404 for another
    municipality, 403 when it is not theirs. ``shows=None`` is for a POST that only
    changes the plan and shows nothing: the service records the change.
    """
    view = dossier_queries.dossier_view_of(acting_user(request), dossier_id)
    if write and not view.can_work:
        raise PermissionDenied
    if shows is not None:
        dossier_queries.record_read(
            request, view, object_type=shows, object_id=str(view.dossier.pk)
        )
    return view.dossier


# --- Step plan -----------------------------------------------------------------------


def plan_for(dossier: Dossier) -> StepPlan:
    """The dossier's plan (without its goals), or 404 when it has none yet."""
    plan = StepPlan.objects.filter(dossier=dossier).first()
    if plan is None:
        raise Http404
    return plan


def goal_for(dossier: Dossier, goal_id: int) -> Goal:
    """A goal of the dossier's plan (404 for any other id)."""
    found = (
        Goal.objects.select_related("plan", "life_domain")
        .filter(pk=goal_id, plan__dossier=dossier)
        .first()
    )
    if found is None:
        raise Http404
    found.plan.dossier = dossier
    return found


def goal_as_saved(goal: Goal) -> Goal:
    """The goal as a colleague saved it meanwhile (for the edit-conflict screen)."""
    return Goal.objects.select_related("life_domain").get(pk=goal.pk)


def step_for(dossier: Dossier, step_id: int) -> Step:
    """A step in the dossier (404 for any other id)."""
    found = Step.objects.select_related("owner").filter(pk=step_id, dossier=dossier).first()
    if found is None:
        raise Http404
    found.dossier = dossier
    return found


def plan_of(dossier: Dossier) -> StepPlan | None:
    """The plan with its goals and their steps (three queries however large the plan)."""
    steps = Step.objects.select_related("owner").order_by("position", "pk")
    goals = Goal.objects.select_related("life_domain").prefetch_related(
        Prefetch("steps", queryset=steps)
    )
    return (
        StepPlan.objects.filter(dossier=dossier)
        .prefetch_related(Prefetch("goals", queryset=goals))
        .first()
    )


def _open_steps() -> QuerySet[Step]:
    return Step.objects.filter(status__in=OPEN_STEP_STATUSES)


@dataclass(frozen=True)
class LateOverview:
    steps: list[Step]
    plan_review_late: bool
    review_on: date | None

    @property
    def count(self) -> int:
        return len(self.steps) + (1 if self.plan_review_late else 0)


def late_overview(dossier: Dossier, today: date | None = None) -> LateOverview:
    """What is late in one dossier: open steps past their due date, an overdue review."""
    today = today or timezone.localdate()
    steps = list(
        _open_steps()
        .filter(dossier=dossier, due_on__lt=today)
        .select_related("owner", "goal__life_domain")
        .order_by("due_on", "pk")
    )
    plan = StepPlan.objects.filter(dossier=dossier).only("review_on").first()
    review_on = plan.review_on if plan is not None else None
    return LateOverview(steps, review_on is not None and review_on < today, review_on)


def late_count(dossier: Dossier, today: date | None = None) -> int:
    """How many things are late in a dossier, in one query (for the dossier page)."""
    today = today or timezone.localdate()
    steps = _open_steps().filter(dossier=dossier, due_on__lt=today).count()
    review_late = StepPlan.objects.filter(dossier=dossier, review_on__lt=today).exists()
    return steps + (1 if review_late else 0)


def steps_due_for(user: User, until: date) -> QuerySet[Step]:
    """Open steps ``user`` owns, due on or before ``until``, in open dossiers, soonest first.

    Late steps are included (their due date is before ``until`` too). For worklists:
    one query with the dossier and goal joined.
    """
    return (
        _open_steps()
        .filter(owner=user, due_on__lte=until, dossier__status=DossierStatus.OPEN)
        .select_related("dossier", "goal__life_domain")
        .order_by("due_on", "pk")
    )


def late_steps_for(user: User, today: date | None = None) -> QuerySet[Step]:
    """Open steps ``user`` owns whose due date has passed, in open dossiers."""
    today = today or timezone.localdate()
    return steps_due_for(user, today).filter(due_on__lt=today)


def plans_to_review_for(user: User, today: date | None = None) -> QuerySet[StepPlan]:
    """Plans of open dossiers ``user`` manages whose review date has passed."""
    today = today or timezone.localdate()
    return (
        StepPlan.objects.filter(
            dossier__manager=user, dossier__status=DossierStatus.OPEN, review_on__lt=today
        )
        .select_related("dossier")
        .order_by("review_on", "pk")
    )


# --- Housing -----------------------------------------------------------------------


def housing_history(dossier: Dossier) -> QuerySet[HousingSituation]:
    """Every recorded situation, newest first; the first is the current one."""
    return HousingSituation.objects.filter(dossier=dossier).select_related("recorded_by")


def current_housing(dossier: Dossier) -> HousingSituation | None:
    return HousingSituation.objects.filter(dossier=dossier).first()


# --- Rights check-list --------------------------------------------------------------


@dataclass(frozen=True)
class RightRow:
    right: Right
    check: RightCheck | None

    @property
    def status(self) -> str:
        return self.check.status if self.check is not None else "not_checked"

    @property
    def version(self) -> int:
        return self.check.version if self.check is not None else 0


def rights_checklist(dossier: Dossier) -> list[RightRow]:
    """Every right on the municipality's list, with where the dossier stands (2 queries).

    A right taken off the list still shows when the dossier has a check for it.
    """
    checks = {
        check.right_id: check
        for check in RightCheck.objects.filter(dossier=dossier).select_related("updated_by")
    }
    listed = Right.objects.filter(Q(active=True) | Q(pk__in=list(checks))).order_by(
        "position", "name_nl"
    )
    return [RightRow(right, checks.get(right.pk)) for right in listed]


def rights_summary(dossier: Dossier) -> dict[str, int]:
    """How many rights of the dossier stand at each status (one query)."""
    counts: dict[str, int] = {}
    for status in RightCheck.objects.filter(dossier=dossier).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


# --- The dossier page's links ----------------------------------------------------------


@dataclass(frozen=True)
class PlanSections:
    has_plan: bool
    late: int
    housing: str
    rights_checked: int
    active_consents: int

    @property
    def housing_label(self) -> str:
        return str(Ethos(self.housing).label) if self.housing else ""


def _count(queryset: QuerySet[Any]) -> Subquery:
    return Subquery(
        queryset.order_by().values("municipality").annotate(total=Count("pk")).values("total"),
        output_field=IntegerField(),
    )


def plan_sections(dossier: Dossier, today: date | None = None) -> PlanSections:
    """Figures for the dossier page's links to the plan pages, in one query."""
    today = today or timezone.localdate()
    here = OuterRef("pk")
    consents = Consent.objects.filter(
        Q(person=OuterRef("person")) | Q(person__merged_into=OuterRef("person")),
        Q(given_on__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=today),
    )
    row = (
        Dossier.objects.filter(pk=dossier.pk)
        .annotate(
            has_plan=Exists(StepPlan.objects.filter(dossier=here)),
            review_late=Exists(StepPlan.objects.filter(dossier=here, review_on__lt=today)),
            late_steps=_count(_open_steps().filter(dossier=here, due_on__lt=today)),
            housing_now=Subquery(
                HousingSituation.objects.filter(dossier=here)
                .order_by("-since", "-pk")
                .values("category")[:1]
            ),
            rights_checked=_count(
                RightCheck.objects.filter(dossier=here).exclude(status=RightStatus.NOT_CHECKED)
            ),
            consents_active=_count(consents),
        )
        .values(
            "has_plan",
            "review_late",
            "late_steps",
            "housing_now",
            "rights_checked",
            "consents_active",
        )
        .get()
    )
    return PlanSections(
        has_plan=row["has_plan"],
        late=(row["late_steps"] or 0) + (1 if row["review_late"] else 0),
        housing=row["housing_now"] or "",
        rights_checked=row["rights_checked"] or 0,
        active_consents=(row["consents_active"] or 0) if dossier.person_id else 0,
    )
