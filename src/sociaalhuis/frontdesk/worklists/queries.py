"""Reads for the worklists: what is waiting for the signed-in worker, filtered.

Each list is one query for its page plus one count, whatever the volume: the lists
join only what they show (the person's name through ``person__identity``) and load
only those columns. The filters follow indexes of the models: callbacks by
(to_user|to_cell, status, due_at), questions by (municipality, status, cell),
dossiers by (municipality, status, manager) and the care team by (user, left_at),
steps by (owner, status, due_on), appointments by (worker|cell, starts_at).

"My cells" is a subquery, not a list fetched first, so it costs no extra query.

Kept as one module (past the usual ~400 lines): the lists share their filters and
paging, and the index notes above are one table to keep in step with the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.dossiers.models import (
    OPEN_STEP_STATUSES,
    CareTeamMember,
    Dossier,
    DossierLifeDomain,
    DossierStatus,
    Step,
    StepStatus,
)
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentStatus,
    Callback,
    CallbackStatus,
    HelpQuestion,
    QuestionStatus,
)

# How far ahead "steps due" looks when no end date is given.
STEPS_DUE_WITHIN_DAYS = 14
# Rows per page of a list, and per list on the summary page.
PAGE_SIZE = 25
SUMMARY_ITEMS = 5
# The status filter's value for "any status".
ANY_STATUS = "all"

PERSON_NAME = ("person__identity__given_name", "person__identity__family_name")


class ListKind(StrEnum):
    CALLBACKS = "callbacks"
    SENT = "sent"
    QUESTIONS = "questions"
    APPOINTMENTS = "appointments"
    STEPS = "steps"
    DOSSIERS = "dossiers"
    UNMANAGED = "unmanaged"


@dataclass(frozen=True)
class Filters:
    """What a worker narrowed a list down to. Empty means: the list's default."""

    status: str = ""
    life_domain_id: int | None = None
    neighbourhood_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True)
class ListSpec:
    title: StrOrPromise
    # Status choices of the filter; the first is the default (the work still to do).
    statuses: tuple[tuple[str, StrOrPromise], ...]
    default_statuses: tuple[str, ...]
    date_label: StrOrPromise
    empty: StrOrPromise


def _open_and(choices: Iterable[tuple[str, Any]]) -> tuple[tuple[str, StrOrPromise], ...]:
    return (*((value, label) for value, label in choices), (ANY_STATUS, _("Any status")))


SPECS: dict[ListKind, ListSpec] = {
    ListKind.CALLBACKS: ListSpec(
        _("Callbacks for me"),
        _open_and(CallbackStatus.choices),
        (CallbackStatus.OPEN,),
        _("Call back before"),
        _("No callback requests are waiting for you or your cells."),
    ),
    ListKind.SENT: ListSpec(
        _("Callbacks I asked for"),
        _open_and(CallbackStatus.choices),
        (CallbackStatus.OPEN,),
        _("Call back before"),
        _("You have no callback requests with colleagues."),
    ),
    ListKind.QUESTIONS: ListSpec(
        _("Questions for my cells"),
        _open_and(QuestionStatus.choices),
        (QuestionStatus.OPEN,),
        _("Asked on"),
        _("No question of your cells is waiting for someone to take it on."),
    ),
    ListKind.APPOINTMENTS: ListSpec(
        _("Appointments"),
        _open_and(AppointmentStatus.choices),
        (AppointmentStatus.PLANNED,),
        _("Day"),
        _("No appointments for you or your cells on these days."),
    ),
    ListKind.STEPS: ListSpec(
        _("Steps due"),
        (("open", _("Not done yet")), *StepStatus.choices, (ANY_STATUS, _("Any status"))),
        tuple(OPEN_STEP_STATUSES),
        _("Due on"),
        _("None of your steps is late or due soon."),
    ),
    ListKind.DOSSIERS: ListSpec(
        _("My dossiers"),
        _open_and(DossierStatus.choices),
        (DossierStatus.OPEN,),
        _("Opened on"),
        _("You manage no dossier and are on no care team with these filters."),
    ),
    ListKind.UNMANAGED: ListSpec(
        _("Dossiers without a manager"),
        ((DossierStatus.OPEN, DossierStatus.OPEN.label),),
        (DossierStatus.OPEN,),
        _("Opened on"),
        _("Every open dossier has a dossier manager."),
    ),
}

_DOSSIER_ROLES = (Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


def kinds_for(roles: frozenset[str]) -> list[ListKind]:
    """The lists that fit a worker's roles, in the order the summary shows them."""
    kinds: list[ListKind] = []
    if roles & {Role.RECEPTION, *_DOSSIER_ROLES}:
        kinds += [ListKind.CALLBACKS, ListKind.SENT, ListKind.QUESTIONS, ListKind.APPOINTMENTS]
    if roles & set(_DOSSIER_ROLES):
        kinds += [ListKind.STEPS, ListKind.DOSSIERS]
    if Role.SOCIAL_WORKER in roles:
        # Social workers take on dossiers that have no manager (dossiers.rules).
        kinds.append(ListKind.UNMANAGED)
    return kinds


# --- Building blocks -------------------------------------------------------------


def my_cells(user: User) -> QuerySet[CellMember, Any]:
    return CellMember.objects.filter(user=user).values("cell_id")


def _statuses(kind: ListKind, filters: Filters) -> tuple[str, ...] | None:
    """The statuses to show, or None for any status."""
    spec = SPECS[kind]
    if filters.status == ANY_STATUS:
        return None
    if filters.status == "open" and kind == ListKind.STEPS:
        return spec.default_statuses
    if filters.status in {value for value, _label in spec.statuses}:
        return (filters.status,)
    return spec.default_statuses


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _in_days(field: str, start: date | None, end: date | None) -> Q:
    """``field`` (a date and time) on local days from ``start`` to ``end`` inclusive.

    Compared with the bounds as times, so the index on the column still serves.
    """
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field}__gte": _day_start(start)})
    if end is not None:
        condition &= Q(**{f"{field}__lt": _day_start(end + timedelta(days=1))})
    return condition


def _common(
    rows: QuerySet[Any, Any],
    filters: Filters,
    *,
    life_domain: str | None,
    neighbourhood: str,
) -> QuerySet[Any, Any]:
    if filters.life_domain_id is not None and life_domain is not None:
        rows = rows.filter(**{life_domain: filters.life_domain_id})
    if filters.neighbourhood_id is not None:
        rows = rows.filter(**{neighbourhood: filters.neighbourhood_id})
    return rows


def _with_status(rows: QuerySet[Any, Any], kind: ListKind, filters: Filters) -> QuerySet[Any, Any]:
    statuses = _statuses(kind, filters)
    return rows if statuses is None else rows.filter(status__in=statuses)


# --- The lists ---------------------------------------------------------------------


def callbacks_for(user: User, filters: Filters) -> QuerySet[Callback, Callback]:
    """Callbacks handed to me or to one of my cells; overdue first, then by due time."""
    rows = Callback.objects.filter(Q(to_user=user) | Q(to_cell__in=my_cells(user)))
    rows = _with_status(rows, ListKind.CALLBACKS, filters)
    rows = _common(
        rows,
        filters,
        life_domain="question__life_domain_id",
        neighbourhood="person__neighbourhood_id",
    ).filter(_in_days("due_at", filters.date_from, filters.date_to))
    # Overdue first, then what is still to do, then (with "any status") the rest.
    overdue = Case(
        When(status=CallbackStatus.OPEN, due_at__lt=timezone.now(), then=Value(0)),
        When(status=CallbackStatus.OPEN, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        rows.select_related("person__identity", "to_cell")
        .only(
            "id",
            "status",
            "due_at",
            "caller_name",
            "phone",
            "message",
            "attempts",
            "to_user_id",
            "to_cell__name_nl",
            "to_cell__name_fr",
            "to_cell__name_en",
            *PERSON_NAME,
        )
        .annotate(overdue_first=overdue)
        .order_by("overdue_first", "due_at", "pk")
    )


def callbacks_sent_by(user: User, filters: Filters) -> QuerySet[Callback, Callback]:
    """Callbacks I asked colleagues for, and whether they were done."""
    rows = _with_status(Callback.objects.filter(created_by=user), ListKind.SENT, filters)
    rows = _common(
        rows,
        filters,
        life_domain="question__life_domain_id",
        neighbourhood="person__neighbourhood_id",
    ).filter(_in_days("due_at", filters.date_from, filters.date_to))
    return (
        rows.select_related("person__identity", "to_user", "to_cell", "done_by")
        .only(
            "id",
            "status",
            "due_at",
            "caller_name",
            "done_at",
            "result",
            "to_user__full_name",
            "to_cell__name_nl",
            "to_cell__name_fr",
            "to_cell__name_en",
            "done_by__full_name",
            *PERSON_NAME,
        )
        .order_by("-due_at", "-pk")
    )


def questions_for_my_cells(user: User, filters: Filters) -> QuerySet[HelpQuestion, HelpQuestion]:
    """Questions left for one of my cells that nobody took on yet; the longest waiting first."""
    rows = HelpQuestion.objects.filter(cell__in=my_cells(user), assigned_to__isnull=True)
    rows = _with_status(rows, ListKind.QUESTIONS, filters)
    rows = _common(
        rows,
        filters,
        life_domain="life_domain_id",
        neighbourhood="person__neighbourhood_id",
    ).filter(_in_days("created_at", filters.date_from, filters.date_to))
    return (
        rows.select_related("person__identity", "life_domain", "cell", "topic")
        .only(
            "id",
            "status",
            "created_at",
            "description",
            "life_domain__name_nl",
            "life_domain__name_fr",
            "life_domain__name_en",
            "topic__name_nl",
            "topic__name_fr",
            "topic__name_en",
            "cell__name_nl",
            "cell__name_fr",
            "cell__name_en",
            *PERSON_NAME,
        )
        .order_by("created_at", "pk")
    )


def appointments_for(
    user: User, filters: Filters, today: date | None = None
) -> QuerySet[Appointment, Appointment]:
    """My appointments and my cells' (today unless other days are asked for)."""
    today = today or timezone.localdate()
    start = filters.date_from or (today if filters.date_to is None else None)
    end = filters.date_to or (today if filters.date_from is None else None)
    rows = Appointment.objects.filter(Q(worker=user) | Q(cell__in=my_cells(user)))
    rows = _with_status(rows, ListKind.APPOINTMENTS, filters)
    rows = _common(
        rows,
        filters,
        life_domain="question__life_domain_id",
        neighbourhood="person__neighbourhood_id",
    ).filter(_in_days("starts_at", start, end))
    return (
        rows.select_related("person__identity", "cell")
        .only(
            "id",
            "kind",
            "status",
            "starts_at",
            "ends_at",
            "location",
            "address",
            "purpose",
            "worker_id",
            "cell__name_nl",
            "cell__name_fr",
            "cell__name_en",
            *PERSON_NAME,
        )
        .order_by("starts_at", "pk")
    )


def steps_due_for(user: User, filters: Filters, today: date | None = None) -> QuerySet[Step, Step]:
    """My steps that are late or due within STEPS_DUE_WITHIN_DAYS (or up to the end date)."""
    today = today or timezone.localdate()
    until = filters.date_to or today + timedelta(days=STEPS_DUE_WITHIN_DAYS)
    rows = Step.objects.filter(owner=user, due_on__isnull=False, due_on__lte=until)
    if filters.date_from is not None:
        rows = rows.filter(due_on__gte=filters.date_from)
    rows = _with_status(rows, ListKind.STEPS, filters)
    rows = _common(
        rows,
        filters,
        life_domain="goal__life_domain_id",
        neighbourhood="dossier__person__neighbourhood_id",
    )
    return (
        rows.select_related("dossier__person__identity", "goal__life_domain")
        .only(
            "id",
            "status",
            "description",
            "due_on",
            "dossier__reference",
            "dossier__person__identity__given_name",
            "dossier__person__identity__family_name",
            "goal__life_domain__name_nl",
            "goal__life_domain__name_fr",
            "goal__life_domain__name_en",
        )
        .order_by("due_on", "pk")
    )


def _dossier_rows(
    kind: ListKind, rows: QuerySet[Dossier, Dossier], filters: Filters
) -> QuerySet[Dossier, Dossier]:
    rows = _with_status(rows, kind, filters)
    if filters.life_domain_id is not None:
        rows = rows.filter(
            Exists(
                DossierLifeDomain.objects.filter(
                    dossier=OuterRef("pk"), life_domain_id=filters.life_domain_id
                )
            )
        )
    rows = _common(rows, filters, life_domain=None, neighbourhood="person__neighbourhood_id")
    return (
        rows.filter(_in_days("opened_at", filters.date_from, filters.date_to))
        .select_related("person__identity", "household", "manager")
        .only(
            "id",
            "reference",
            "status",
            "opened_at",
            "reason",
            "household__name",
            "manager__full_name",
            *PERSON_NAME,
        )
    )


def dossiers_of(user: User, filters: Filters) -> QuerySet[Dossier, Dossier]:
    """Dossiers I manage or whose care team I am on (and have not left)."""
    on_team = CareTeamMember.objects.filter(dossier=OuterRef("pk"), user=user, left_at__isnull=True)
    rows = Dossier.objects.filter(Q(manager=user) | Exists(on_team))
    return _dossier_rows(ListKind.DOSSIERS, rows, filters).order_by("-opened_at", "-pk")


def dossiers_without_manager(filters: Filters, roles: frozenset[str]) -> QuerySet[Dossier, Dossier]:
    """Open dossiers nobody manages yet, for a social worker to take on; oldest first."""
    if Role.SOCIAL_WORKER not in roles:
        return Dossier.objects.none()
    rows = Dossier.objects.filter(manager__isnull=True, status=DossierStatus.OPEN)
    return _dossier_rows(ListKind.UNMANAGED, rows, filters).order_by("opened_at", "pk")


def rows_for(
    kind: ListKind, user: User, roles: frozenset[str], filters: Filters
) -> QuerySet[Any, Any]:
    readers: dict[ListKind, Callable[[], QuerySet[Any, Any]]] = {
        ListKind.CALLBACKS: lambda: callbacks_for(user, filters),
        ListKind.SENT: lambda: callbacks_sent_by(user, filters),
        ListKind.QUESTIONS: lambda: questions_for_my_cells(user, filters),
        ListKind.APPOINTMENTS: lambda: appointments_for(user, filters),
        ListKind.STEPS: lambda: steps_due_for(user, filters),
        ListKind.DOSSIERS: lambda: dossiers_of(user, filters),
        ListKind.UNMANAGED: lambda: dossiers_without_manager(filters, roles),
    }
    return readers[kind]()


# --- The summary -------------------------------------------------------------------


@dataclass(frozen=True)
class ListCount:
    kind: ListKind
    total: int
    urgent: int = 0  # overdue callbacks, late steps


def counts_for(user: User, roles: frozenset[str]) -> list[ListCount]:
    """How much waits on each list that fits the roles: one count query per list."""
    now = timezone.now()
    today = timezone.localdate()
    counts: list[ListCount] = []
    for kind in kinds_for(roles):
        rows = rows_for(kind, user, roles, Filters()).order_by()
        if kind in (ListKind.CALLBACKS, ListKind.SENT):
            figures = rows.aggregate(
                total=Count("pk"),
                urgent=Count("pk", filter=Q(status=CallbackStatus.OPEN, due_at__lt=now)),
            )
            counts.append(ListCount(kind, figures["total"], figures["urgent"]))
        elif kind == ListKind.STEPS:
            figures = rows.aggregate(
                total=Count("pk"), urgent=Count("pk", filter=Q(due_on__lt=today))
            )
            counts.append(ListCount(kind, figures["total"], figures["urgent"]))
        else:
            counts.append(ListCount(kind, rows.count()))
    return counts


# The lists whose first rows the summary shows: the most urgent first on each.
URGENT_KINDS = (ListKind.CALLBACKS, ListKind.APPOINTMENTS, ListKind.STEPS, ListKind.QUESTIONS)


def urgent_items(user: User, roles: frozenset[str]) -> dict[ListKind, list[Any]]:
    fitting = kinds_for(roles)
    return {
        kind: list(rows_for(kind, user, roles, Filters())[:SUMMARY_ITEMS])
        for kind in URGENT_KINDS
        if kind in fitting
    }


AUDIT_OBJECT_TYPE = "worklist"


def _record_read(request: HttpRequest, what: str) -> None:
    """Record that a worklist page (``what``: the summary or a list) was shown: its
    rows name persons. One entry per page, not one per row."""
    access_record_for_request(
        request, action=Action.READ, object_type=AUDIT_OBJECT_TYPE, object_id=what
    )


def summary_for(
    request: HttpRequest, user: User, roles: frozenset[str]
) -> tuple[list[ListCount], dict[ListKind, list[Any]]]:
    """The door to the "My work" summary: the counts and the most urgent items, the read
    recorded."""
    counts = counts_for(user, roles)
    items = urgent_items(user, roles)
    _record_read(request, "summary")
    return counts, items


def list_page(
    request: HttpRequest,
    kind: ListKind,
    user: User,
    roles: frozenset[str],
    filters: Filters,
    number: int | str | None,
) -> Page[Any]:
    """The door to one page of a worklist, the read recorded."""
    page = Paginator(rows_for(kind, user, roles, filters), PAGE_SIZE).get_page(number)
    _record_read(request, str(kind))
    return page
