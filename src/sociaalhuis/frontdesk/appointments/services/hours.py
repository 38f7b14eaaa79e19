"""Consultation hours: when a worker, a cell or a partner's office day can be booked.

Hours of one calendar may not overlap on a weekday while both apply. A worker sets
their own hours, a cell's members the cell's, and casework staff the office day of a
partner's service that serves the municipality.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.authorization import CASEWORK_ROLES
from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Service
from sociaalhuis.frontdesk.models import Availability

MAX_SLOT_MINUTES = 240


MIN_SLOT_MINUTES = 5


def require_casework() -> None:
    if not tenancy.current().has_role(*CASEWORK_ROLES):
        raise PermissionDenied


def is_cell_member(user: User, cell: Cell) -> bool:
    return CellMember.objects.filter(cell=cell, user=user).exists()


def _check_owner(availability: Availability, actor: User) -> None:
    """Own hours, hours of a cell one works in, or a partner's office day in the house."""
    owners = [
        owner
        for owner in (availability.worker_id, availability.cell_id, availability.service_id)
        if owner
    ]
    if len(owners) != 1:
        raise ValidationError(
            _("Choose whose hours these are: yours, a cell's or a partner's office day."),
            code="no_owner",
        )
    if availability.worker_id is not None and availability.worker_id != actor.pk:
        raise PermissionDenied
    if availability.cell is not None and not is_cell_member(actor, availability.cell):
        raise PermissionDenied
    if (
        availability.service_id is not None
        and not Service.objects.filter(
            pk=availability.service_id, municipalities=tenancy.require_municipality_id()
        ).exists()
    ):
        raise PermissionDenied


def availability_add(availability: Availability, *, actor: User) -> Availability:
    """Record weekly open hours (no booking) or bookable slots."""
    require_casework()
    _check_owner(availability, actor)
    if not 1 <= availability.weekday <= 7:
        raise ValidationError(_("Choose a day of the week."), code="weekday")
    if availability.ends_at <= availability.starts_at:
        raise ValidationError(_("The end must come after the start."), code="ends_before_start")
    if not MIN_SLOT_MINUTES <= availability.slot_minutes <= MAX_SLOT_MINUTES:
        raise ValidationError(
            _("An appointment lasts between %(min)s and %(max)s minutes.")
            % {"min": MIN_SLOT_MINUTES, "max": MAX_SLOT_MINUTES},
            code="slot_minutes",
        )
    if availability.valid_until is not None and availability.valid_until < availability.valid_from:
        raise ValidationError(
            _("The hours cannot end before they start to apply."), code="valid_until"
        )
    with transaction.atomic():
        clash = (
            # None is meant for the cell and the service: Django matches it as IS NULL
            # (hours of a worker clash with other hours of that worker only); the
            # django-stubs lookup types leave None out.
            Availability.objects.filter(  # type: ignore[misc]
                worker_id=availability.worker_id,
                cell_id=availability.cell_id,
                service_id=availability.service_id,
                weekday=availability.weekday,
                starts_at__lt=availability.ends_at,
                ends_at__gt=availability.starts_at,
            )
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=availability.valid_from))
            .exclude(pk=availability.pk)
        )
        if availability.valid_until is not None:
            clash = clash.filter(valid_from__lte=availability.valid_until)
        if clash.exists():
            raise ValidationError(
                _("These hours overlap with other hours on the same day."), code="overlap"
            )
        availability.municipality_id = tenancy.require_municipality_id()
        availability.save()
    return availability


def availability_end(availability: Availability, *, actor: User) -> Availability:
    """Stop hours from today on (the row stays: past appointments refer to its time)."""
    require_casework()
    _check_owner(availability, actor)
    last_day = timezone.localdate() - timedelta(days=1)
    if availability.valid_until is None or availability.valid_until > last_day:
        availability.valid_until = last_day
        availability.save(update_fields=["valid_until"])
    return availability
