"""Locations and hours: a location, its opening and consultation hours (checked against
each other and the social house's office hours) and exceptions to them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.directory import rules
from sociaalhuis.directory.models import (
    Location,
    Schedule,
    ScheduleException,
    Service,
)
from sociaalhuis.tenants.models import Municipality


def location_save(location: Location) -> Location:
    if not rules.can_manage_map():
        raise PermissionDenied
    if location.organisation is not None and not rules.can_edit_organisation(location.organisation):
        raise PermissionDenied
    location.full_clean()
    location.last_modified = timezone.now()
    location.save()
    return location


def schedule_add(schedule: Schedule) -> Schedule:
    """Add opening hours or office hours, refusing overlaps and impossible times."""
    # A schedule has a service or else a location (check constraint
    # schedule_has_service_or_location), so the location is there when the service is not.
    owner = (
        schedule.service.organisation if schedule.service else schedule.location.organisation  # type: ignore[union-attr]
    )
    if owner is None and not rules.can_manage_map():
        raise PermissionDenied
    if owner is not None and not (rules.can_manage_map() and rules.can_edit_organisation(owner)):
        raise PermissionDenied
    check_schedule(schedule)
    with transaction.atomic():
        schedule.save()
        if schedule.service_id:
            Service.objects.filter(pk=schedule.service_id).update(last_modified=timezone.now())
    return schedule


def schedule_remove(schedule: Schedule) -> None:
    owner = schedule.service.organisation if schedule.service else None
    if not rules.can_manage_map() or (owner is not None and not rules.can_edit_organisation(owner)):
        raise PermissionDenied
    schedule.delete()


def check_schedule(schedule: Schedule) -> None:
    """Raise ValidationError for hours that cannot be right."""
    if (
        schedule.opens_at is None
        or schedule.closes_at is None
        or schedule.closes_at <= schedule.opens_at
    ):
        raise ValidationError(
            _("The closing time must be later than the opening time."), code="order"
        )
    if schedule.valid_from and schedule.valid_to and schedule.valid_to < schedule.valid_from:
        raise ValidationError(_("The end date must not be before the start date."), code="period")
    overlapping = Schedule.objects.filter(
        kind=schedule.kind,
        service=schedule.service,
        location=schedule.location,
        weekday=schedule.weekday,
        opens_at__lt=schedule.closes_at,
        closes_at__gt=schedule.opens_at,
    ).exclude(pk=schedule.pk)
    if schedule.week_of_month is not None:
        overlapping = overlapping.filter(week_of_month__in=[schedule.week_of_month, None])
    if overlapping.exists():
        raise ValidationError(
            _("These hours overlap with hours already entered for that day."), code="overlap"
        )
    if schedule.kind == Schedule.Kind.OFFICE_HOURS:
        _check_office_hours(schedule)


def _check_office_hours(schedule: Schedule) -> None:
    location = schedule.location
    if schedule.service is None or location is None or location.social_house_of_id is None:
        raise ValidationError(
            _("Office hours are held at a Sociaal Huis: choose its location."), code="location"
        )
    opening = Schedule.objects.filter(
        kind=Schedule.Kind.OPENING_HOURS,
        location=location,
        service__isnull=True,
        weekday=schedule.weekday,
        opens_at__lte=schedule.opens_at,
        closes_at__gte=schedule.closes_at,
    )
    if not opening.exists():
        raise ValidationError(
            _(
                "The Sociaal Huis is not open for the whole of that time. "
                "Choose hours within its opening hours."
            ),
            code="outside_opening_hours",
        )


def exception_add(exception: ScheduleException) -> ScheduleException:
    owner = exception.service.organisation if exception.service else None
    if not rules.can_manage_map() or (owner is not None and not rules.can_edit_organisation(owner)):
        raise PermissionDenied
    if not exception.closed and (
        exception.opens_at is None
        or exception.closes_at is None
        or exception.closes_at <= exception.opens_at
    ):
        raise ValidationError(
            _("The closing time must be later than the opening time."), code="order"
        )
    exception.save()
    return exception


def social_house_of(municipality: Municipality) -> Location | None:
    return Location.objects.filter(social_house_of=municipality).first()
