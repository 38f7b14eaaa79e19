"""Reads of referrals, with the object rules of ``referrals.rules`` applied.

The only door to a referral: a referral of another municipality does not exist here
(404); one of this municipality that is not the user's answers 403. Lists run a fixed
number of queries whatever their size (asserted in tests, timed in benchmarks/).

Receiver-side lists and pages read the referral's ``shared_data`` snapshot, never the
person: what a receiver sees is what the sender chose to share.

Kept as one module (just past the usual ~400 lines): it is the app's one door, and the
doors, the lists and the access-log entries they write share the same visibility rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from sociaalhuis.accounts.models import CellMember, User
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action, Result
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients.models import Person
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers import queries as dossier_queries
from sociaalhuis.dossiers.models import CareTeamMember, Dossier
from sociaalhuis.frontdesk.models import HelpQuestion
from sociaalhuis.referrals import rules as referral_rules
from sociaalhuis.referrals.models import (
    AWAITING_ANSWER,
    FINAL_STATUSES,
    OPEN_STATUSES,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Side,
)

PAGE_SIZE = 25


class StatusGroup(StrEnum):
    OPEN = "open"  # sent and not finished (the default)
    OVERDUE = "overdue"  # waiting for a first answer past its due date
    NEW = "new"  # sent, not yet opened by the receiver
    FEEDBACK = "feedback"  # new feedback the sender has not read (sender side)
    CLOSED = "closed"  # declined, completed, not completed, cancelled
    DRAFT = "draft"  # not sent yet (sender side)
    ALL = "all"


@dataclass(frozen=True)
class ReferralFilter:
    group: StatusGroup = StatusGroup.OPEN
    status: str = ""


def _referral(pk: int) -> Referral:
    try:
        return Referral.objects.select_related(
            "to_user",
            "to_cell",
            "to_service",
            "to_organisation",
            "created_by",
            "handled_by",
            "life_domain",
            "appointment",
            "dossier",
            "question",
        ).get(pk=pk)
    except Referral.DoesNotExist as missing:
        # Also for another municipality's referral: it does not exist here.
        raise Http404 from missing


def side_of(user: User, referral: Referral) -> str | None:
    """Which side of the referral ``user`` is on; the sender side wins when both."""
    if referral_rules.is_sender_side.test(user, referral):
        return Side.SENDER
    if referral_rules.is_receiver.test(user, referral):
        return Side.RECEIVER
    return None


def _seen_from(user: User, pk: int, side: str | None = None) -> tuple[Referral, str]:
    """The referral and the side ``user`` sees it from: 404 elsewhere, 403 if not theirs
    (or not from the ``side`` asked for)."""
    referral = _referral(pk)
    seen_from = side_of(user, referral)
    if seen_from is None:
        raise PermissionDenied
    if side == Side.SENDER and not referral_rules.is_sender_side.test(user, referral):
        raise PermissionDenied
    if side == Side.RECEIVER and not referral_rules.is_receiver.test(user, referral):
        raise PermissionDenied
    return referral, seen_from if side is None else side


def _for_organisation(referral: Referral, organisation_id: int | None) -> None:
    """A partner token reads only what was sent to its own organisation."""
    if organisation_id is not None and (
        referral.to_organisation_id != organisation_id or referral.sent_at is None
    ):
        raise PermissionDenied


def referral_for(
    request: HttpRequest,
    pk: int,
    *,
    side: str | None = None,
    organisation_id: int | None = None,
    reason: str = "",
) -> tuple[Referral, str]:
    """The door to one referral: it and the side the user sees it from, the read recorded.

    404 for another municipality's or no referral, 403 for one that is not the user's
    (or, with ``side``, not on that side; with ``organisation_id``, a partner token's
    view: only what was sent to that organisation). Every load is a read, also on a
    POST whose page may show again; ``reason`` goes into the access log (the API names
    the token there).
    """
    referral, seen_from = _seen_from(acting_user(request), pk, side)
    _for_organisation(referral, organisation_id)
    record_read(request, referral, reason=reason)
    return referral, seen_from


def referral_to_change(
    request: HttpRequest,
    pk: int,
    *,
    side: str | None = None,
    organisation_id: int | None = None,
) -> tuple[Referral, str]:
    """The same door for a request that only changes the referral and shows nothing of
    it (a POST answered by a redirect): no read is recorded; the service records the
    change it makes."""
    referral, seen_from = _seen_from(acting_user(request), pk, side)
    _for_organisation(referral, organisation_id)
    return referral, seen_from


def updates_of(referral: Referral, side: str | None = None) -> QuerySet[ReferralUpdate]:
    """The referral's history; the receiver's starts when it was sent (no draft)."""
    rows = ReferralUpdate.objects.filter(referral=referral)
    if side == Side.RECEIVER:
        rows = rows.exclude(to_status=ReferralStatus.DRAFT)
    return rows.order_by("at", "pk")


def is_latest_note(referral: Referral, note: str) -> bool:
    """Whether ``note`` is what the referral's history last said (a retried request)."""
    latest = (
        ReferralUpdate.objects.filter(referral=referral).exclude(note="").order_by("-at", "-pk")
    )
    last = latest.values_list("note", flat=True).first()
    return last is not None and last.strip() == note.strip()


# --- Lists -------------------------------------------------------------------------------


def _grouped(rows: QuerySet[Referral], referral_filter: ReferralFilter) -> QuerySet[Referral]:
    group = referral_filter.group
    today = timezone.localdate()
    if group == StatusGroup.OPEN:
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif group == StatusGroup.OVERDUE:
        rows = rows.filter(status__in=AWAITING_ANSWER, response_due_on__lt=today)
    elif group == StatusGroup.NEW:
        rows = rows.filter(status=ReferralStatus.SENT)
    elif group == StatusGroup.FEEDBACK:
        rows = rows.filter(unread_by_sender=True)
    elif group == StatusGroup.CLOSED:
        rows = rows.filter(status__in=FINAL_STATUSES)
    elif group == StatusGroup.DRAFT:
        rows = rows.filter(status=ReferralStatus.DRAFT)
    if referral_filter.status:
        rows = rows.filter(status=referral_filter.status)
    return rows


def received_by(user: User) -> QuerySet[Referral]:
    """Every sent referral addressed to ``user``: to them, their cells, their organisation."""
    # Never sent (a draft, or a draft cancelled before sending): not theirs to see.
    return Referral.objects.filter(_addressed_to(user), sent_at__isnull=False)


def visible_to(user: User) -> QuerySet[Referral]:
    """Every referral ``user`` sees from either side (``rules`` as one query, for the API)."""
    team = CareTeamMember.objects.filter(user=user, left_at__isnull=True).values("dossier_id")
    sender_side = Q(created_by=user) | Q(dossier__manager=user) | Q(dossier__in=team)
    return Referral.objects.filter(sender_side | (_addressed_to(user) & Q(sent_at__isnull=False)))


def inbox(user: User, referral_filter: ReferralFilter) -> QuerySet[Referral]:
    """The receiver's inbox, newest first. Reads no person: the rows carry the snapshot."""
    return (
        _grouped(received_by(user), referral_filter)
        .select_related("to_service", "to_organisation", "to_cell", "created_by", "life_domain")
        .prefetch_related("to_service__texts")
        .order_by("-sent_at", "-pk")
    )


def sent_by(user: User, referral_filter: ReferralFilter) -> QuerySet[Referral]:
    """The sender's referrals with their feedback, newest first."""
    return (
        _grouped(Referral.objects.filter(created_by=user), referral_filter)
        # Three joins, the rest prefetched: an eight-table join costs PostgreSQL more
        # to plan on every request than the page costs to read (docs/performance.md).
        .select_related("person__identity", "to_service", "to_organisation")
        .prefetch_related("to_service__texts", "to_user", "to_cell", "handled_by")
        .order_by("-created_at", "-pk")
    )


def list_page(
    request: HttpRequest, rows: QuerySet[Referral], number: int | str | None, *, which: str
) -> Page[Referral]:
    """One page of a list of referrals (``which``: ``sent`` or ``inbox``), its read
    recorded: one access-log entry for the list, as its rows name persons."""
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    _record_list_read(request, which)
    return page


def referrals_of_dossier(dossier_id: int) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(dossier_id=dossier_id)
        .select_related("to_user", "to_service", "to_organisation", "to_cell")
        .prefetch_related("to_service__texts")
        .order_by("-created_at", "-pk")
    )


def referrals_of_person(person_id: int, limit: int = 20) -> list[Referral]:
    return list(
        Referral.objects.filter(person_id=person_id)
        .exclude(status=ReferralStatus.DRAFT)
        .select_related("to_user", "to_service", "to_organisation", "to_cell")
        .prefetch_related("to_service__texts")
        .order_by("-created_at", "-pk")[:limit]
    )


# --- Counts for worklists and the home page ---------------------------------------------


@dataclass(frozen=True)
class ReferralCounts:
    inbox_new: int = 0
    inbox_overdue: int = 0
    sent_overdue: int = 0
    sent_feedback: int = 0


def _addressed_to(user: User) -> Q:
    """Only the parts that can match, so that each is one index range in page order.

    An OR with a subquery (``to_cell IN (SELECT …)``) cannot use an index: every inbox
    would read all referrals of the municipality (docs/performance.md). The cell ids
    are read first; a partner worker's inbox is ``to_organisation IN (…)`` alone.
    """
    context = tenancy.current()
    parts: list[Q] = []
    if context.has_role(*referral_rules.RECEIVING_COLLEAGUE_ROLES):
        parts.append(Q(to_user=user))
    cell_ids = list(CellMember.objects.filter(user=user).values_list("cell_id", flat=True))
    if cell_ids:
        parts.append(Q(to_cell__in=cell_ids))
    if context.has_role(Role.PARTNER_WORKER) and context.organisation_ids:
        parts.append(Q(to_organisation__in=sorted(context.organisation_ids)))
    if not parts:
        return Q(pk__in=[])
    addressed = parts[0]
    for part in parts[1:]:
        addressed |= part
    return addressed


def counts_for(user: User, today: date | None = None) -> ReferralCounts:
    """Four figures in one query: what waits in the inbox, what waits on others."""
    day = today or timezone.localdate()
    context = tenancy.current()
    receives = context.has_role(Role.SOCIAL_WORKER, Role.CELL_SPECIALIST, Role.PARTNER_WORKER)
    sends = context.has_role(Role.RECEPTION, Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)
    if not receives and not sends:
        return ReferralCounts()
    # Narrowed to what is counted, so the query reads one index range, not everything
    # ever addressed to or sent by the user.
    received = _addressed_to(user) & Q(status__in=sorted(AWAITING_ANSWER))
    mine = Q(created_by=user) & (Q(status__in=sorted(AWAITING_ANSWER)) | Q(unread_by_sender=True))
    overdue = Q(status__in=sorted(AWAITING_ANSWER), response_due_on__lt=day)
    nothing = Q(pk__in=[])
    figures = Referral.objects.filter(
        (received if receives else nothing) | (mine if sends else nothing)
    ).aggregate(
        inbox_new=Count("pk", filter=received & Q(status=ReferralStatus.SENT)),
        inbox_overdue=Count("pk", filter=received & overdue),
        sent_overdue=Count("pk", filter=mine & overdue),
        sent_feedback=Count("pk", filter=mine & Q(unread_by_sender=True)),
    )
    return ReferralCounts(
        inbox_new=figures["inbox_new"] if receives else 0,
        inbox_overdue=figures["inbox_overdue"] if receives else 0,
        sent_overdue=figures["sent_overdue"] if sends else 0,
        sent_feedback=figures["sent_feedback"] if sends else 0,
    )


# --- Recording reads -------------------------------------------------------------------


def record_read(request: HttpRequest, referral: Referral, *, reason: str = "") -> None:
    """Record that the referral (and the person it is about) was shown: by the door, and
    for each referral of a list that shows them one by one (the API's Bundle)."""
    access_record_for_request(
        request, action=Action.READ, obj=referral, person_id=referral.person_id, reason=reason
    )


def _record_list_read(request: HttpRequest, which: str) -> None:
    """Record that a list of referrals (``sent`` or ``inbox``) was shown."""
    access_record_for_request(
        request, action=Action.READ, object_type="referrals.list", object_id=which
    )


def record_refusal(
    request: HttpRequest,
    *,
    action: str,
    result: str = Result.DENIED,
    referral: Referral | None = None,
    referral_id: str = "",
    reason: str = "",
) -> None:
    """Record a refused or failed attempt on a referral (by object, or by the id asked
    for when there is none to show)."""
    obj: models.Model | None = referral
    access_record_for_request(
        request,
        action=action,
        obj=obj,
        object_type=None if referral is not None else "referrals.referral",
        object_id=None if referral is not None else referral_id[:64],
        person_id=referral.person_id if referral is not None else None,
        result=result,
        reason=reason,
    )


# --- Where a new referral starts -------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a new referral starts: the person, and the dossier or help question."""

    person: Person
    dossier: Dossier | None
    question: HelpQuestion | None


def origin_for(request: HttpRequest, *, dossier_id: str, question_id: str) -> Origin:
    """The door to where a new referral starts, from a dossier the user works on or a
    help question about a person (404 otherwise, 403 for a dossier not theirs).

    The referral form shows the person and lists their consents, so the person's read
    is recorded here (and the dossier's by the dossier's own door)."""
    if dossier_id.isdigit():
        try:
            view = dossier_queries.dossier_for(
                request, int(dossier_id), need=dossier_queries.can_work
            )
        except dossier_queries.DossierAccessDenied as denied:
            raise PermissionDenied from denied
        if view.dossier.person is None:
            raise PermissionDenied
        origin = Origin(view.dossier.person, view.dossier, None)
    elif question_id.isdigit():
        question = (
            HelpQuestion.objects.select_related("person", "life_domain", "dossier")
            .filter(pk=int(question_id), person__isnull=False)
            .first()
        )
        if question is None or question.person is None:
            raise Http404
        origin = Origin(question.person, question.dossier, question)
    else:
        raise Http404
    access_record_for_request(
        request, action=Action.READ, obj=origin.person, person_id=origin.person.pk
    )
    return origin


def with_noted_updates(rows: QuerySet[Referral]) -> QuerySet[Referral]:
    """``rows`` with their updates that carry a note, oldest first, as ``noted_updates``."""
    return rows.prefetch_related(
        Prefetch(
            "updates",
            queryset=ReferralUpdate.objects.exclude(note="").order_by("at", "pk"),
            to_attr="noted_updates",
        )
    )
