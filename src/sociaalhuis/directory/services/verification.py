"""Keeping the map current: confirming a service's capacity and that its content was
verified."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory import rules
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    Service,
)


def capacity_confirm(
    service: Service, capacity: str, waiting_days: int | None, note: str = ""
) -> CapacityUpdate:
    """The partner (or an administrator) says whether the service takes new people.

    Published at once: a waiting list that only shows after approval is no help.
    """
    if not rules.can_edit_organisation(service.organisation):
        raise PermissionDenied
    if capacity not in Capacity.values:
        raise ValidationError(_("Choose one of the listed capacities."), code="invalid")
    if capacity in (Capacity.OPEN, Capacity.UNKNOWN):
        waiting_days = None
    now = timezone.now()
    with transaction.atomic():
        update = CapacityUpdate.objects.create(
            service=service,
            capacity=capacity,
            waiting_days=waiting_days,
            note=note,
            confirmed_at=now,
            confirmed_by_id=tenancy.current().user_id,
        )
        Service.objects.filter(pk=service.pk).update(
            capacity=capacity, waiting_days=waiting_days, capacity_confirmed_at=now
        )
    return update


def service_verify(service: Service, verified_by_email: str) -> None:
    """Someone checked every detail of the service with the organisation today."""
    if not rules.can_edit_organisation(service.organisation):
        raise PermissionDenied
    Service.objects.filter(pk=service.pk).update(
        last_verified_on=timezone.localdate(), verified_by_email=verified_by_email
    )
