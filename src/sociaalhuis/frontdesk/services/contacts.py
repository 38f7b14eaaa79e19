"""Registering a contact with its help questions, each with its outcome at once.

A question can end in an answer, a referral, a help dossier (new or open), a
callback for a colleague or cell, or stay open for a cell. A double submit of the
same form (its idempotency key) returns the contact saved the first time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Language, Person
from sociaalhuis.clients.services import PersonInput, person_register
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier, DossierStatus, TimelineKind
from sociaalhuis.dossiers.services import dossier_open, timeline_add
from sociaalhuis.frontdesk.models import (
    Contact,
    ContactChannel,
    HelpQuestion,
    Outcome,
    QuestionStatus,
    QueueEntry,
    Topic,
)
from sociaalhuis.frontdesk.services.callbacks import callback_create, callback_errors
from sociaalhuis.frontdesk.services.desk import require_desk_role
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


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
    to_user: User | None = None
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
    require_desk_role()
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
