"""Reads of the front desk: a person's contact history, the queue of today, callbacks.

Reception sees identity, contact history and open appointments, never dossier
contents: these functions return contacts with the life domains and outcomes of their
questions and, for dossiers, only their number and date. Lists take a fixed number
of queries whatever their length (tests assert it). The functions that take the
``request`` record the read of the persons they return in the access log.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from sociaalhuis.accounts import queries as accounts_queries
from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients.models import ContactRestriction, Identity, Person
from sociaalhuis.clients.queries import persons_looked_up
from sociaalhuis.directory.models import Service
from sociaalhuis.directory.search import SearchFilters, published_services, search
from sociaalhuis.dossiers.models import Dossier, DossierStatus
from sociaalhuis.frontdesk.models import (
    Callback,
    CallbackStatus,
    Contact,
    HelpQuestion,
    QueueEntry,
    QueueStatus,
    Topic,
)
from sociaalhuis.tenants.models import Municipality

HISTORY_PAGE_SIZE = 20
SERVICE_RESULTS = 8


def contact_history(person: Person, page: int = 1) -> Page[Contact]:
    """A person's contacts, newest first, with the domain, topic and outcome of each
    question (two queries per page plus the count). No dossier contents.
    """
    questions = HelpQuestion.objects.select_related("life_domain", "topic").only(
        "contact_id",
        "life_domain__name_nl",
        "life_domain__name_fr",
        "life_domain__name_en",
        "topic__name_nl",
        "topic__name_fr",
        "topic__name_en",
        "outcome",
        "status",
        "dossier_id",
        "referred_to",
    )
    contacts = (
        Contact.objects.filter(person=person)
        .select_related("registered_by")
        .prefetch_related(Prefetch("questions", queryset=questions.order_by("pk")))
        .order_by("-occurred_at", "-pk")
    )
    paginator = Paginator(contacts, HISTORY_PAGE_SIZE)
    return paginator.get_page(page)


@dataclass(frozen=True)
class LookupMatch:
    identity: Identity
    restrictions: list[ContactRestriction]


def lookup_matches(request: HttpRequest, text: str) -> list[LookupMatch]:
    """At most 20 persons for the look-up as you type, each with their contact wishes
    (two queries whatever the number of matches), recorded as one search."""
    identities = persons_looked_up(request, text)
    wishes: dict[int, list[ContactRestriction]] = {}
    if identities:
        for restriction in ContactRestriction.objects.filter(
            person_id__in=[identity.person_id for identity in identities], lifted_at__isnull=True
        ):
            wishes.setdefault(restriction.person_id, []).append(restriction)
    return [LookupMatch(identity, wishes.get(identity.person_id, [])) for identity in identities]


def open_dossiers_of(person: Person | None) -> list[Dossier]:
    """Open dossiers to link a question to: number and opening date only."""
    if person is None:
        return []
    return list(
        Dossier.objects.filter(person=person, status=DossierStatus.OPEN)
        .only("pk", "reference", "opened_at")
        .order_by("-opened_at")
    )


def topics() -> QuerySet[Topic]:
    return Topic.objects.filter(active=True).select_related("life_domain")


def cells() -> QuerySet[Cell]:
    return Cell.objects.filter(active=True)


def colleagues() -> QuerySet[User]:
    """Workers of the municipality a question or callback can be handed to."""
    return accounts_queries.colleagues(Role.RECEPTION, Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


def service_matches(municipality: Municipality, text: str) -> list[Service]:
    """A few services of the social map for a question answered at the desk."""
    if not text.strip():
        return []
    return search(municipality, SearchFilters(text=text[:200]), page_size=SERVICE_RESULTS).services


def services_shown(municipality: Municipality) -> QuerySet[Service]:
    return published_services(municipality)


# --- The queue ------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueToday:
    waiting: list[QueueEntry]
    helping: list[QueueEntry]
    finished: int


def queue_today() -> QueueToday:
    """Who waits and who is being helped today (two queries whatever the length)."""
    today = timezone.localdate()
    entries = list(
        QueueEntry.objects.filter(day=today, status__in=[QueueStatus.WAITING, QueueStatus.HELPING])
        .select_related("person__identity", "life_domain", "helper")
        .order_by("arrived_at", "pk")
    )
    finished = QueueEntry.objects.filter(
        day=today, status__in=[QueueStatus.DONE, QueueStatus.LEFT]
    ).count()
    return QueueToday(
        waiting=[entry for entry in entries if entry.status == QueueStatus.WAITING],
        helping=[entry for entry in entries if entry.status == QueueStatus.HELPING],
        finished=finished,
    )


def contact_for(request: HttpRequest, contact_id: int) -> Contact:
    """A registered contact with its questions, recorded as a read of its person."""
    found = (
        Contact.objects.select_related("person__identity", "registered_by", "neighbourhood")
        .prefetch_related(
            "questions__life_domain",
            "questions__topic",
            "questions__service",
            "questions__dossier",
            "questions__cell",
            "questions__callbacks",
        )
        .filter(pk=contact_id)
        .first()
    )
    if found is None:
        raise Http404
    _record_person_read(request, found.person)
    return found


def contact_registered_with(key: str) -> int | None:
    """The id of the contact a form's one-time key already registered (a double
    submit), or None."""
    try:
        wanted = uuid.UUID(key)
    except ValueError:
        return None
    return Contact.objects.filter(idempotency_key=wanted).values_list("pk", flat=True).first()


def waiting_entry(entry_id: int) -> QueueEntry | None:
    """The queue entry a contact is registered for (None when it is gone)."""
    return QueueEntry.objects.filter(pk=entry_id).first()


def queue_entry(entry_id: int) -> QueueEntry:
    entry = QueueEntry.objects.filter(pk=entry_id).first()
    if entry is None:
        raise Http404
    return entry


# --- Callbacks ------------------------------------------------------------------------


def _callbacks() -> QuerySet[Callback]:
    return Callback.objects.select_related(
        "person__identity", "to_user", "to_cell", "created_by", "done_by"
    )


def _record_person_read(request: HttpRequest, person: Person | None) -> None:
    if person is not None:
        access_record_for_request(request, action=Action.READ, obj=person, person_id=person.pk)


def callback_for(request: HttpRequest, callback_id: int) -> Callback:
    """A callback for its sender, its recipient or a member of its cell (else 404),
    recorded as a read of its person."""
    callback = visible_callback(acting_user(request), callback_id)
    _record_person_read(request, callback.person)
    return callback


def visible_callback(user: User, callback_id: int) -> Callback:
    """A callback for its sender, its recipient or a member of its cell; else 404."""
    my_cells = CellMember.objects.filter(user=user).values("cell_id")
    callback = (
        _callbacks()
        .filter(Q(created_by=user) | Q(to_user=user) | Q(to_cell__in=my_cells), pk=callback_id)
        .first()
    )
    if callback is None:
        raise Http404
    return callback


def callbacks_sent(user: User, page: int = 1) -> Page[Callback]:
    """The requests a worker handed on, open ones first, overdue ones at the top."""
    rows = _callbacks().filter(created_by=user).order_by("status", "due_at", "pk")
    return Paginator(rows, 25).get_page(page)


def callbacks_for(user: User) -> QuerySet[Callback]:
    """Open requests for the worker or their cells (the worklists use their own list)."""
    my_cells = CellMember.objects.filter(user=user).values("cell_id")
    return (
        _callbacks()
        .filter(Q(to_user=user) | Q(to_cell__in=my_cells), status=CallbackStatus.OPEN)
        .order_by("due_at", "pk")
    )
