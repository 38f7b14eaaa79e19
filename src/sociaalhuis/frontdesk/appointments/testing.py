"""Building appointments and hours in tests (not used by the application).

These write with the unscoped managers, so they work with or without an active
municipality (the route examples of the authorization matrix run without one).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sociaalhuis.clients.models import Person
from sociaalhuis.clients.testing import example_person
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentKind,
    Availability,
    AvailabilityMode,
)
from sociaalhuis.tenants.models import Municipality


def at(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """An aware local moment ``days_ahead`` days from today."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_appointment(
    municipality: Municipality,
    *,
    worker: Any,
    person: Person | None = None,
    starts_at: datetime | None = None,
    minutes: int = 30,
    **fields: Any,
) -> Appointment:
    starts_at = starts_at or at(1, 10)
    return Appointment.unscoped.create(
        municipality=municipality,
        kind=fields.pop("kind", AppointmentKind.OFFICE),
        person=person,
        worker=worker,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        purpose=fields.pop("purpose", "Budget talk"),
        created_by=worker,
        **fields,
    )


def example_appointment(municipality: Municipality, worker: Any) -> Appointment:
    """One planned appointment per municipality, made on first use."""
    person = example_person(municipality)
    found = Appointment.unscoped.filter(municipality=municipality, person=person).first()
    if found is not None:
        return found
    return make_appointment(municipality, worker=worker, person=person, starts_at=at(2, 9))


def example_availability(municipality: Municipality, worker: Any) -> Availability:
    found = Availability.unscoped.filter(municipality=municipality, worker=worker).first()
    if found is not None:
        return found
    return Availability.unscoped.create(
        municipality=municipality,
        worker=worker,
        mode=AvailabilityMode.SLOTS,
        weekday=2,
        starts_at=time(9),
        ends_at=time(12),
    )
