"""An example appointment and a worker's example hours (one of each per municipality)."""

from __future__ import annotations

from datetime import time

from sociaalhuis.accounts.models import User
from sociaalhuis.frontdesk.models import (
    Appointment,
    Availability,
    AvailabilityMode,
)
from sociaalhuis.frontdesk.tests.factories import AppointmentFactory, at
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.testing.examples.clients import example_person


def example_appointment(municipality: Municipality, worker: User) -> Appointment:
    """One planned appointment per municipality, made on first use."""
    person = example_person(municipality)
    found = Appointment.unscoped.filter(municipality=municipality, person=person).first()
    if found is not None:
        return found
    return AppointmentFactory.create(
        municipality=municipality, worker=worker, person=person, starts_at=at(2, 9)
    )


def example_availability(municipality: Municipality, worker: User) -> Availability:
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
