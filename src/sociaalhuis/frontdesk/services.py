"""Writes of the front desk: contacts with their help questions, the waiting queue and
callback requests.

Every function checks the role and the input, writes in one transaction and records
the access (with the person) in the same transaction. Concurrent desk actions
(two workers calling the same person, a callback done twice) are conditional
updates: the second one changes nothing and gets a clear message.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Language, Person
from sociaalhuis.clients.services import PersonInput, person_register
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier, DossierStatus, TimelineKind
from sociaalhuis.dossiers.services import dossier_open, timeline_add
from sociaalhuis.frontdesk.models import (
    Callback,
    CallbackStatus,
    Contact,
    ContactChannel,
    HelpQuestion,
    Outcome,
    QuestionStatus,
    QueueEntry,
    QueueStatus,
    Topic,
)
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood

DESK_ROLES = ("reception", "social_worker", "cell_specialist")


def _require_desk_role() -> None:
    if not tenancy.current().has_role(*DESK_ROLES):
        raise PermissionDenied


# --- Contacts and help questions ---------------------------------------------------


@dataclass
class QuestionInput:
    """One help question as the desk records it (also the question form's cleaned data)."""

    life_domain: LifeDomain | None
    outcome: str
    topic: Topic | None = None
    description: str = ""
    answer: str = ""
    service: Service | None = None
    referred_to: str = ""
    # Outcome "dossier": an existing open dossier of the person, or None for a new one.
    dossier: Dossier | None = None
    # Outcome "callback": a colleague or a cell, a due time and a number; "open": a cell.
    to_user: Any = None
    cell: Cell | None = None
    due_at: datetime | None = None
    phone: str = ""


@dataclass
class ContactInput:
    channel: str
    idempotency_key: uuid.UUID
    person: Person | None = None
    neighbourhood: Neighbourhood | None = None
    language: str = Language.DUTCH
    note: str = ""
    questions: list[QuestionInput] = field(default_factory=list)
    queue_entry: QueueEntry | None = None


def question_errors(question: QuestionInput, *, has_person: bool) -> dict[str, list[str]]:
    """What is missing or wrong in one question, by field (empty when it is fine).

    The forms call this too, so the message appears beside the field that needs it.
    """
    errors: dict[str, list[str]] = {}

    def add(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    if question.life_domain is None:
        add("life_domain", _("Choose the life domain of the question."))
    if question.outcome not in Outcome.values:
        add("outcome", _("Choose what happened with the question."))
    if (
        question.topic is not None
        and question.life_domain is not None
        and question.topic.life_domain_id != question.life_domain.pk
    ):
        add("topic", _("This topic belongs to another life domain."))
    if question.outcome == Outcome.ANSWERED and not (question.answer.strip() or question.service):
        add("answer", _("Note the information given or choose a service of the social map."))
    if question.outcome == Outcome.REFERRED and not question.referred_to.strip():
        add("referred_to", _("Note where the question was referred to."))
    if question.outcome == Outcome.DOSSIER and not has_person:
        add(
            "outcome",
            _("A help dossier is for a registered person: choose or register the person first."),
        )
    if question.outcome == Outcome.OPEN and question.cell is None:
        add("cell", _("Choose the cell that takes the question on."))
    if question.outcome == Outcome.CALLBACK:
        errors.update(
            callback_errors(
                to_user=question.to_user,
                to_cell=question.cell,
                due_at=question.due_at,
                phone=question.phone,
            )
        )
    return errors


def callback_errors(
    *, to_user: Any, to_cell: Cell | None, due_at: datetime | None, phone: str
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if to_user is None and to_cell is None:
        errors["to_user"] = [_("Choose the colleague or the cell who calls back.")]
    if due_at is None:
        errors["due_at"] = [_("State when the call must be made at the latest.")]
    elif due_at <= timezone.now():
        errors["due_at"] = [_("The due time must be in the future.")]
    if not phone.strip():
        errors["phone"] = [_("Note the phone number to call.")]
    return errors


def _existing_contact(key: uuid.UUID) -> Contact | None:
    return Contact.objects.filter(idempotency_key=key).first()


def contact_register(
    *,
    actor: User,
    data: ContactInput,
    new_person: PersonInput | None = None,
    confirmed_new: bool = False,
) -> Contact:
    """Register a contact with its questions (and, if asked, the new person) at once.

    Idempotent on ``data.idempotency_key``: a second submit of the same form returns
    the first contact and creates nothing (also when both arrive at the same time:
    the unique constraint decides, and the loser's whole registration rolls back).
    A new person that looks like someone registered raises DuplicateSuspectedError.
    """
    _require_desk_role()
    existing = _existing_contact(data.idempotency_key)
    if existing is not None:
        return existing
    if data.channel not in ContactChannel.values:
        raise ValidationError({"channel": _("Choose how the person contacted us.")}, code="channel")
    if not data.questions:
        raise ValidationError(_("Register at least one question."), code="no_questions")
    has_person = data.person is not None or new_person is not None
    for question in data.questions:
        errors = question_errors(question, has_person=has_person)
        if errors:
            raise ValidationError(
                [message for messages in errors.values() for message in messages],
                code="question_invalid",
            )
    try:
        with transaction.atomic():
            person = data.person
            if new_person is not None:
                person = person_register(actor=actor, data=new_person, confirmed_new=confirmed_new)
            contact = _contact_create(actor, data, person)
    except IntegrityError:
        existing = _existing_contact(data.idempotency_key)
        if existing is None:
            raise
        return existing
    return contact


def _contact_create(actor: User, data: ContactInput, person: Person | None) -> Contact:
    if person is not None and person.is_merged:
        raise ValidationError(
            _("This record was merged into another one; choose the other record."), code="merged"
        )
    now = timezone.now()
    contact = Contact.objects.create(
        channel=data.channel,
        person=person,
        language=data.language,
        # An anonymous contact keeps the neighbourhood for the statistics only.
        neighbourhood=data.neighbourhood if person is None else person.neighbourhood,
        note=data.note.strip()[:500],
        occurred_at=now,
        registered_by=actor,
        registered_at=now,
        idempotency_key=data.idempotency_key,
    )
    dossiers: dict[int, Dossier] = {}
    for question in data.questions:
        asked = _question_create(actor, contact, person, question, now)
        if asked.dossier is not None:
            dossiers[asked.dossier.pk] = asked.dossier
    for dossier in dossiers.values():
        timeline_add(
            dossier,
            kind=TimelineKind.CONTACT,
            summary=_("Contact (%(channel)s)") % {"channel": contact.get_channel_display()},
            actor=actor,
            obj=contact,
            at=now,
        )
    if data.queue_entry is not None:
        QueueEntry.objects.filter(pk=data.queue_entry.pk, contact__isnull=True).update(
            contact=contact
        )
    access_record(
        actor=actor,
        action=Action.CREATE,
        obj=contact,
        person_id=person.pk if person is not None else None,
    )
    return contact


def _question_create(
    actor: User, contact: Contact, person: Person | None, data: QuestionInput, now: datetime
) -> HelpQuestion:
    assert data.life_domain is not None
    done = data.outcome in (Outcome.ANSWERED, Outcome.REFERRED)
    question = HelpQuestion(
        municipality_id=tenancy.require_municipality_id(),
        contact=contact,
        person=person,
        life_domain=data.life_domain,
        topic=data.topic,
        description=data.description.strip(),
        outcome=data.outcome,
        status=QuestionStatus.DONE if done else QuestionStatus.OPEN,
        closed_at=now if done else None,
        created_at=now,
        created_by=actor,
    )
    if data.outcome == Outcome.ANSWERED:
        question.answer = data.answer.strip()
        question.service = data.service
    elif data.outcome == Outcome.REFERRED:
        question.referred_to = data.referred_to.strip()
    elif data.outcome == Outcome.DOSSIER:
        question.dossier = _dossier_for(actor, person, data)
    elif data.outcome in (Outcome.OPEN, Outcome.CALLBACK):
        question.cell = data.cell
        if data.outcome == Outcome.CALLBACK:
            question.assigned_to = data.to_user
    question.save()
    if question.dossier is not None:
        timeline_add(
            question.dossier,
            kind=TimelineKind.QUESTION,
            summary=_question_summary(question),
            actor=actor,
            obj=question,
            at=now,
        )
    if data.outcome == Outcome.CALLBACK:
        callback_create(
            actor=actor,
            question=question,
            person=person,
            phone=data.phone,
            message=question.description or _question_summary(question),
            to_user=data.to_user,
            to_cell=data.cell,
            due_at=data.due_at,
        )
    return question


def _question_summary(question: HelpQuestion) -> str:
    parts = [question.life_domain.name]
    if question.topic is not None:
        parts.append(question.topic.name)
    return _("Help question: %(subject)s") % {"subject": ": ".join(parts)}


def _dossier_for(actor: User, person: Person | None, data: QuestionInput) -> Dossier:
    if person is None:
        raise ValidationError(_("A help dossier is for a registered person."), code="no_person")
    if data.dossier is None:
        reason = data.description.strip() or _question_summary_from(data)
        return dossier_open(
            actor=actor,
            reason=reason,
            person=person,
            life_domains=[data.life_domain] if data.life_domain else [],
        )
    # Reception may link a question to a dossier without seeing its contents, but only
    # to an open dossier of this person.
    if not Dossier.objects.filter(
        pk=data.dossier.pk, person=person, status=DossierStatus.OPEN
    ).exists():
        raise ValidationError(
            _("Choose an open dossier of this person."), code="dossier_not_of_person"
        )
    return data.dossier


def _question_summary_from(data: QuestionInput) -> str:
    subject = data.life_domain.name if data.life_domain else ""
    if data.topic is not None:
        subject = f"{subject}: {data.topic.name}"
    return _("Help question: %(subject)s") % {"subject": subject}


# --- Callbacks ------------------------------------------------------------------------


def callback_create(
    *,
    actor: User,
    phone: str,
    message: str,
    due_at: datetime | None,
    to_user: Any = None,
    to_cell: Cell | None = None,
    person: Person | None = None,
    caller_name: str = "",
    question: HelpQuestion | None = None,
) -> Callback:
    """Hand a question or a phone call to a colleague or a cell, to call back in time."""
    _require_desk_role()
    errors = callback_errors(to_user=to_user, to_cell=to_cell, due_at=due_at, phone=phone)
    if not message.strip():
        errors["message"] = [_("Note what the call is about.")]
    if person is None and not caller_name.strip() and question is None:
        errors["caller_name"] = [_("Choose the person or note the caller's name.")]
    if errors:
        raise ValidationError(errors, code="callback_invalid")
    assert due_at is not None
    with transaction.atomic():
        callback = Callback.objects.create(
            question=question,
            person=person,
            caller_name=caller_name.strip(),
            phone=phone.strip(),
            message=message.strip()[:2000],
            to_user=to_user,
            to_cell=to_cell,
            due_at=due_at,
            created_by=actor,
        )
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=callback,
            person_id=person.pk if person is not None else None,
        )
    return callback


def is_callback_recipient(user: User, callback: Callback) -> bool:
    if callback.to_user_id is not None and callback.to_user_id == user.pk:
        return True
    return (
        callback.to_cell_id is not None
        and CellMember.objects.filter(cell_id=callback.to_cell_id, user=user).exists()
    )


def _still_open(callback: Callback) -> Any:
    return Callback.objects.filter(pk=callback.pk, status=CallbackStatus.OPEN)


def _not_open_error() -> ValidationError:
    return ValidationError(
        _("This callback request was already done or cancelled by someone else."),
        code="callback_not_open",
    )


def callback_done(*, actor: User, callback: Callback, result: str) -> None:
    """The recipient called back: record the result (only once)."""
    _require_desk_role()
    if not is_callback_recipient(actor, callback):
        raise PermissionDenied
    if not result.strip():
        raise ValidationError({"result": _("Note the result of the call.")}, code="no_result")
    with transaction.atomic():
        updated = _still_open(callback).update(
            status=CallbackStatus.DONE,
            result=result.strip()[:2000],
            done_at=timezone.now(),
            done_by=actor,
            version=F("version") + 1,
        )
        if not updated:
            raise _not_open_error()
        if callback.question_id is not None:
            HelpQuestion.objects.filter(
                pk=callback.question_id, status=QuestionStatus.OPEN, dossier__isnull=True
            ).update(status=QuestionStatus.DONE, closed_at=timezone.now())
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)


def callback_attempt(*, actor: User, callback: Callback) -> None:
    """The recipient called but did not reach the person: count the attempt."""
    _require_desk_role()
    if not is_callback_recipient(actor, callback):
        raise PermissionDenied
    with transaction.atomic():
        updated = _still_open(callback).update(
            attempts=F("attempts") + 1, last_attempt_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            raise _not_open_error()
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)


def callback_cancel(*, actor: User, callback: Callback, reason: str) -> None:
    """The sender or the recipient withdraws the request (kept, marked cancelled)."""
    _require_desk_role()
    if callback.created_by_id != actor.pk and not is_callback_recipient(actor, callback):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(
            {"result": _("State why the callback is cancelled.")}, code="no_reason"
        )
    with transaction.atomic():
        updated = _still_open(callback).update(
            status=CallbackStatus.CANCELLED,
            result=reason.strip()[:2000],
            done_at=timezone.now(),
            done_by=actor,
            version=F("version") + 1,
        )
        if not updated:
            raise _not_open_error()
        access_record(actor=actor, action=Action.UPDATE, obj=callback, person_id=callback.person_id)


# --- Waiting queue ------------------------------------------------------------------

TICKET_ATTEMPTS = 5


def queue_add(
    *,
    actor: User,
    person: Person | None = None,
    label: str = "",
    reason: str = "",
    life_domain: LifeDomain | None = None,
) -> QueueEntry:
    """A new arrival at the desk gets the next ticket number of the day."""
    _require_desk_role()
    if person is None and not label.strip():
        raise ValidationError(
            {"label": _("Choose the person or note how to call them.")}, code="no_one"
        )
    today = timezone.localdate()
    for _attempt in range(TICKET_ATTEMPTS):
        last = QueueEntry.objects.filter(day=today).aggregate(last=Max("ticket"))["last"] or 0
        try:
            with transaction.atomic():
                entry = QueueEntry.objects.create(
                    ticket=last + 1,
                    day=today,
                    person=person,
                    label=label.strip()[:80],
                    reason=reason.strip()[:200],
                    life_domain=life_domain,
                    created_by=actor,
                )
                if person is not None:
                    access_record(actor=actor, action=Action.CREATE, obj=entry, person_id=person.pk)
                return entry
        except IntegrityError:
            continue  # another desk took this number at the same moment: take the next
    raise ValidationError(_("The queue is very busy; try again."), code="ticket_busy")


def _taken_error(entry_id: int) -> ValidationError:
    current = QueueEntry.objects.select_related("helper").filter(pk=entry_id).first()
    if current is not None and current.status == QueueStatus.HELPING and current.helper:
        return ValidationError(
            _("%(name)s is already helping number %(ticket)s.")
            % {
                "name": current.helper.get_full_name() or current.helper.email,
                "ticket": current.ticket,
            },
            code="already_taken",
        )
    return ValidationError(
        _("This person is no longer waiting (helped or left)."), code="not_waiting"
    )


def queue_call(*, actor: User, entry: QueueEntry, desk: str = "") -> QueueEntry:
    """Call a waiting person to one's desk. Two workers at once: the second is told."""
    _require_desk_role()
    with transaction.atomic():
        updated = QueueEntry.objects.filter(pk=entry.pk, status=QueueStatus.WAITING).update(
            status=QueueStatus.HELPING,
            helper=actor,
            desk=desk.strip()[:40],
            called_at=timezone.now(),
        )
        if not updated:
            raise _taken_error(entry.pk)
        if entry.person_id is not None:
            access_record(actor=actor, action=Action.UPDATE, obj=entry, person_id=entry.person_id)
    return QueueEntry.objects.get(pk=entry.pk)


def queue_call_next(*, actor: User, desk: str = "") -> QueueEntry | None:
    """Call whoever waits longest; if a colleague called them first, the next one."""
    _require_desk_role()
    waiting = QueueEntry.objects.filter(
        day=timezone.localdate(), status=QueueStatus.WAITING
    ).order_by("arrived_at", "pk")
    for entry in waiting[:10]:
        try:
            return queue_call(actor=actor, entry=entry, desk=desk)
        except ValidationError:
            continue
    return None


def queue_done(*, actor: User, entry: QueueEntry) -> None:
    _require_desk_role()
    _queue_finish(actor, entry, QueueStatus.DONE, (QueueStatus.HELPING, QueueStatus.WAITING))


def queue_left(*, actor: User, entry: QueueEntry) -> None:
    _require_desk_role()
    _queue_finish(actor, entry, QueueStatus.LEFT, (QueueStatus.WAITING, QueueStatus.HELPING))


def _queue_finish(actor: User, entry: QueueEntry, status: str, allowed: tuple[str, ...]) -> None:
    with transaction.atomic():
        updated = QueueEntry.objects.filter(pk=entry.pk, status__in=allowed).update(
            status=status, finished_at=timezone.now()
        )
        if not updated:
            raise ValidationError(
                _("This queue entry was already closed by someone else."), code="queue_closed"
            )
        if entry.person_id is not None:
            access_record(actor=actor, action=Action.UPDATE, obj=entry, person_id=entry.person_id)
