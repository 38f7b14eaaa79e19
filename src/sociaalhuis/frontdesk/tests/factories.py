"""Factories of the front desk app: appointments, and ``at`` for their times.

Written with the unscoped managers, without the booking service (no overlap check,
no access-log entry, no confirmation mail): the world a test starts from.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

import factory
from django.utils import timezone

from sociaalhuis.frontdesk.models import Appointment, AppointmentKind
from sociaalhuis.tenants.tests.factories import TenantModelFactory


def at(days_ahead: int, hour: int, minute: int = 0) -> datetime:
    """An aware local moment ``days_ahead`` days from today."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


class AppointmentFactory(TenantModelFactory[Appointment]):
    """``AppointmentFactory.create(municipality=..., worker=worker, person=person)``.

    Tomorrow at ten, for ``minutes`` (30) minutes, at the office, made by the worker.
    """

    class Meta:
        model = Appointment

    class Params:
        minutes = 30

    kind = AppointmentKind.OFFICE
    person: Any = None
    worker: Any = None
    starts_at = factory.LazyFunction(lambda: at(1, 10))
    ends_at = factory.LazyAttribute(
        lambda appointment: appointment.starts_at + timedelta(minutes=appointment.minutes)
    )
    purpose = "Budget talk"
    created_by = factory.LazyAttribute(lambda appointment: appointment.worker)
