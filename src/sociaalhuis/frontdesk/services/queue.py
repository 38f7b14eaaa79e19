"""The waiting queue at the desk: tickets, calling the next person, done or left.

Calling is a conditional update: two desks calling the same ticket get one each.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Person
from sociaalhuis.frontdesk.models import QueueEntry, QueueStatus
from sociaalhuis.frontdesk.services.desk import require_desk_role
from sociaalhuis.tenants.models import LifeDomain

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
    require_desk_role()
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
    require_desk_role()
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
    require_desk_role()
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
    require_desk_role()
    _queue_finish(actor, entry, QueueStatus.DONE, (QueueStatus.HELPING, QueueStatus.WAITING))


def queue_left(*, actor: User, entry: QueueEntry) -> None:
    require_desk_role()
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
