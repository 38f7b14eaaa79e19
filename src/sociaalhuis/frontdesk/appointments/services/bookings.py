"""Booking, moving, cancelling and closing appointments.

A booking first takes a lock per calendar (worker, cell, partner office day) and per
person, then checks for overlaps: two desks booking the same slot at the same moment
are served one after the other, and the second one is told the slot is taken. The
confirmation mail leaves after the commit.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Channel, ContactRestriction, Person
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier, TimelineKind
from sociaalhuis.dossiers.services import timeline_add
from sociaalhuis.frontdesk.appointments.services.hours import require_casework
from sociaalhuis.frontdesk.models import Appointment, AppointmentKind, AppointmentStatus


def _lock_key(kind: str, pk: int) -> int:
    digest = hashlib.sha256(f"appointment:{kind}:{pk}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _lock_calendars(appointment: Appointment) -> None:
    """Serialise bookings per calendar and person until the transaction ends.

    On PostgreSQL a transaction-scoped advisory lock per worker, cell, office day and
    person (taken in a fixed order, so two bookings never deadlock). SQLite (development)
    allows one writing transaction at a time anyway.
    """
    if connection.vendor != "postgresql":
        return
    keys = sorted(
        _lock_key(kind, pk)
        for kind, pk in (
            ("worker", appointment.worker_id),
            ("cell", appointment.cell_id),
            ("service", appointment.service_id),
            ("person", appointment.person_id),
        )
        if pk is not None
    )
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _overlapping(appointment: Appointment) -> tuple[str, str] | None:
    """The first clash of ``appointment`` with a planned one: (code, message)."""
    others = Appointment.objects.filter(
        starts_at__lt=appointment.ends_at, ends_at__gt=appointment.starts_at
    ).exclude(status=AppointmentStatus.CANCELLED)
    if appointment.pk is not None:
        others = others.exclude(pk=appointment.pk)
    if (
        appointment.worker_id is not None
        and others.filter(worker_id=appointment.worker_id).exists()
    ):
        return "overlap_worker", _("The worker already has an appointment at that time.")
    if (
        appointment.person_id is not None
        and others.filter(person_id=appointment.person_id).exists()
    ):
        return "overlap_person", _("The person already has an appointment at that time.")
    # A cell's or partner's slot is taken when another appointment of that calendar
    # (not one of a named worker of the cell) holds it.
    if (
        appointment.worker_id is None
        and appointment.cell_id is not None
        and others.filter(cell_id=appointment.cell_id, worker__isnull=True).exists()
    ):
        return "slot_taken", _("This time was just booked by someone else. Choose another.")
    if (
        appointment.service_id is not None
        and others.filter(service_id=appointment.service_id).exists()
    ):
        return "slot_taken", _("This time was just booked by someone else. Choose another.")
    return None


def active_restriction(person: Person | None, channel: str) -> ContactRestriction | None:
    if person is None:
        return None
    return ContactRestriction.objects.filter(
        person=person, channel=channel, lifted_at__isnull=True
    ).first()


def _validate_times(starts_at: datetime, ends_at: datetime) -> None:
    if ends_at <= starts_at:
        raise ValidationError(_("The end must come after the start."), code="ends_before_start")
    if starts_at <= timezone.now():
        raise ValidationError(_("An appointment cannot start in the past."), code="in_past")


def _validate(appointment: Appointment, override_reason: str) -> None:
    _validate_times(appointment.starts_at, appointment.ends_at)
    if appointment.kind not in AppointmentKind.values:
        raise ValidationError(_("Choose the kind of appointment."), code="kind")
    if appointment.worker_id is None and appointment.cell_id is None and not appointment.service_id:
        raise ValidationError(_("Choose a worker, a cell or an office day."), code="no_owner")
    if appointment.kind == AppointmentKind.OFFICE_DAY and appointment.service_id is None:
        raise ValidationError(
            _("An office-day appointment is with a partner service."), code="service_required"
        )
    if appointment.person is not None and appointment.person.is_merged:
        raise ValidationError(
            _("This record was merged into another one; book the appointment there."),
            code="merged",
        )
    if appointment.kind == AppointmentKind.HOME_VISIT:
        if not appointment.address.strip():
            raise ValidationError(_("A home visit needs the address."), code="address_required")
        if not appointment.purpose.strip():
            raise ValidationError(_("A home visit needs a purpose."), code="purpose_required")
        restriction = active_restriction(appointment.person, Channel.HOME_VISIT)
        if restriction is not None and not override_reason.strip():
            raise ValidationError(
                _(
                    "This person asked not to be visited at home. Book another kind of "
                    "appointment, or state why a home visit was agreed this time."
                ),
                code="restricted_home_visit",
            )


def _timeline(appointment: Appointment, summary: str, actor: User) -> None:
    if appointment.dossier_id is not None:
        timeline_add(
            Dossier.objects.get(pk=appointment.dossier_id),
            kind=TimelineKind.APPOINTMENT,
            summary=summary,
            actor=actor,
            obj=appointment,
        )


def _when(appointment: Appointment) -> str:
    starts = timezone.localtime(appointment.starts_at)
    return f"{starts:%d/%m/%Y %H:%M}"


def appointment_book(
    *,
    actor: User,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    person: Person | None = None,
    worker: User | None = None,
    cell: Cell | None = None,
    service: Service | None = None,
    location: str = "",
    address: str = "",
    purpose: str = "",
    dossier: Dossier | None = None,
    override_reason: str = "",
) -> Appointment:
    """Book an appointment; refused in the past, overlapping, or on a taken slot."""
    require_casework()
    return _book(
        actor=actor,
        kind=kind,
        starts_at=starts_at,
        ends_at=ends_at,
        person=person,
        worker=worker,
        cell=cell,
        service=service,
        location=location,
        address=address,
        purpose=purpose,
        dossier=dossier,
        override_reason=override_reason,
    )


def office_day_book_for_partner(
    *,
    actor: User,
    service: Service,
    person: Person,
    starts_at: datetime,
    ends_at: datetime,
    location: str,
    purpose: str,
    dossier: Dossier | None = None,
) -> Appointment:
    """A partner worker books a person on their own organisation's office day.

    Partners hold no casework role, so only this door is open to them: an office-day
    appointment of a service of their own organisation, in a free slot of it.
    """
    context = tenancy.current()
    if not context.has_role(Role.PARTNER_WORKER) or (
        service.organisation_id not in context.organisation_ids
    ):
        raise PermissionDenied
    return _book(
        actor=actor,
        kind=AppointmentKind.OFFICE_DAY,
        starts_at=starts_at,
        ends_at=ends_at,
        person=person,
        service=service,
        location=location,
        purpose=purpose,
        dossier=dossier,
    )


def _book(
    *,
    actor: User,
    kind: str,
    starts_at: datetime,
    ends_at: datetime,
    person: Person | None = None,
    worker: User | None = None,
    cell: Cell | None = None,
    service: Service | None = None,
    location: str = "",
    address: str = "",
    purpose: str = "",
    dossier: Dossier | None = None,
    override_reason: str = "",
) -> Appointment:
    if dossier is not None and person is not None and dossier.person_id not in (None, person.pk):
        raise ValidationError(_("The dossier is of another person."), code="dossier_person")
    appointment = Appointment(
        kind=kind,
        person=person,
        worker=worker,
        cell=cell,
        service=service,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        address=address.strip(),
        purpose=purpose.strip(),
        dossier=dossier,
        created_by=actor,
    )
    _validate(appointment, override_reason)
    if override_reason.strip():
        appointment.status_note = (
            _("Home visit despite the person's wish: %(reason)s") % {"reason": override_reason}
        )[:300]
    with transaction.atomic():
        _lock_calendars(appointment)
        clash = _overlapping(appointment)
        if clash is not None:
            raise ValidationError(clash[1], code=clash[0])
        appointment.municipality_id = tenancy.require_municipality_id()
        appointment.save(force_insert=True)
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=appointment,
            person_id=appointment.person_id,
            reason=override_reason.strip(),
        )
        _timeline(
            appointment,
            _("Appointment booked: %(kind)s on %(when)s")
            % {"kind": appointment.get_kind_display(), "when": _when(appointment)},
            actor,
        )
        _confirm_after_commit(appointment)
    return appointment


def appointment_reschedule(
    appointment: Appointment,
    *,
    actor: User,
    based_on_version: int,
    starts_at: datetime,
    ends_at: datetime,
) -> Appointment:
    """Move a planned appointment; ``EditConflictError`` when it changed meanwhile."""
    require_casework()
    with transaction.atomic():
        current = lock_for_edit(Appointment, appointment.pk, based_on_version)
        if current.status != AppointmentStatus.PLANNED:
            raise ValidationError(_("Only a planned appointment can be moved."), code="not_planned")
        current.starts_at, current.ends_at = starts_at, ends_at
        _validate_times(starts_at, ends_at)
        _lock_calendars(current)
        clash = _overlapping(current)
        if clash is not None:
            raise ValidationError(clash[1], code=clash[0])
        current.confirmation_sent_at = None
        save_new_version(current, ["starts_at", "ends_at", "confirmation_sent_at"])
        access_record(actor=actor, action=Action.UPDATE, obj=current, person_id=current.person_id)
        _timeline(
            current,
            _("Appointment moved to %(when)s") % {"when": _when(current)},
            actor,
        )
        _confirm_after_commit(current)
    return current


def appointment_cancel(
    appointment: Appointment, *, actor: User, based_on_version: int, reason: str
) -> Appointment:
    require_casework()
    if not reason.strip():
        raise ValidationError(_("State why the appointment is cancelled."), code="no_reason")
    with transaction.atomic():
        current = lock_for_edit(Appointment, appointment.pk, based_on_version)
        if current.status != AppointmentStatus.PLANNED:
            raise ValidationError(
                _("Only a planned appointment can be cancelled."), code="not_planned"
            )
        current.status = AppointmentStatus.CANCELLED
        current.status_note = reason.strip()[:300]
        save_new_version(current, ["status", "status_note"])
        access_record(
            actor=actor,
            action=Action.UPDATE,
            obj=current,
            person_id=current.person_id,
            reason=reason.strip(),
        )
        _timeline(
            current,
            _("Appointment of %(when)s cancelled: %(reason)s")
            % {"when": _when(current), "reason": reason.strip()},
            actor,
        )
    return current


def appointment_record_outcome(
    appointment: Appointment,
    *,
    actor: User,
    based_on_version: int,
    outcome: str,
    note: str = "",
) -> Appointment:
    """Record that the appointment took place or that the person did not show up."""
    require_casework()
    if outcome not in (AppointmentStatus.DONE, AppointmentStatus.NO_SHOW):
        raise ValidationError(_("Choose what happened."), code="outcome")
    with transaction.atomic():
        current = lock_for_edit(Appointment, appointment.pk, based_on_version)
        if current.status != AppointmentStatus.PLANNED:
            raise ValidationError(
                _("The outcome of this appointment was already recorded."), code="not_planned"
            )
        if current.starts_at > timezone.now():
            raise ValidationError(_("The appointment has not started yet."), code="not_started")
        current.status = outcome
        current.status_note = note.strip()[:300]
        save_new_version(current, ["status", "status_note"])
        access_record(actor=actor, action=Action.UPDATE, obj=current, person_id=current.person_id)
        summary = (
            _("Appointment of %(when)s took place")
            if outcome == AppointmentStatus.DONE
            else _("Did not show up for the appointment of %(when)s")
        ) % {"when": _when(current)}
        _timeline(current, summary, actor)
    return current


def _confirm_after_commit(appointment: Appointment) -> None:
    # Imported here: the mail module imports the calendar module, which reads models.
    from sociaalhuis.frontdesk.appointments.mail import send_confirmation

    if appointment.person_id is None:
        return
    appointment_id, municipality_id = appointment.pk, appointment.municipality_id
    transaction.on_commit(lambda: send_confirmation.enqueue(appointment_id, municipality_id))
