"""Writing the social map: every change goes through one of these functions.

Who may do what is decided here per object (``directory.rules``) on top of the
route check of the authorization matrix: an administrator of a municipality edits
what serves that municipality and publishes at once; a partner worker proposes
changes to their own organisation's services, which wait for an administrator.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory import rules
from sociaalhuis.directory.content import (
    Snapshot,
    apply_snapshot,
    changed_fields,
    field_label,
    snapshot_of,
)
from sociaalhuis.directory.models import (
    Capacity,
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceNeighbourhood,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import index_services
from sociaalhuis.directory.validators import normalise_kbo_number
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood


class VersionConflictError(Exception):
    """Someone saved the service after the editor opened it."""

    def __init__(self, current: Service) -> None:
        super().__init__("The service changed since it was opened.")
        self.current = current


@dataclass(frozen=True)
class Outcome:
    revision: ServiceRevision
    published: bool


# --- Organisations -------------------------------------------------------------


def organisation_save(
    organisation: Organisation, *, serve_active_municipality: bool = True
) -> Organisation:
    """Create or update an organisation; a new one serves the active municipality."""
    if not rules.can_manage_map():
        raise PermissionDenied
    if organisation.pk is not None and not rules.can_edit_organisation(organisation):
        raise PermissionDenied
    if organisation.kbo_number:
        organisation.kbo_number = normalise_kbo_number(organisation.kbo_number)
    organisation.full_clean()
    organisation.last_modified = timezone.now()
    with transaction.atomic():
        organisation.save()
        if serve_active_municipality:
            organisation.municipalities.add(tenancy.require_municipality_id())
        index_services(organisation.services.values_list("pk", flat=True))
    return organisation


# --- Service content: propose, approve, reject ---------------------------------


def service_propose(
    service: Service | None,
    data: Snapshot,
    *,
    base_version: int | None,
    summary: str = "",
) -> Outcome:
    """Record a change to a service (or a new service) by the current user.

    An administrator's change is applied and published at once; a partner worker's
    waits for approval. ``base_version`` is the version the editor started from:
    when the service moved on since, ``VersionConflictError`` is raised and nothing is
    written, so the caller can show both versions and keep what was typed.
    """
    context = tenancy.current()
    organisation = Organisation.objects.get(uuid=data["organisation"])
    if not rules.can_edit_organisation(organisation):
        raise PermissionDenied
    publish = rules.can_manage_map()
    with transaction.atomic():
        if service is None:
            service = Service(organisation=organisation, status=PublicationStatus.DRAFT)
            before: Snapshot = {}
        else:
            service = Service.objects.select_for_update().get(pk=service.pk)
            if not rules.can_edit_organisation(service.organisation):
                raise PermissionDenied
            if base_version is not None and service.version != base_version:
                raise VersionConflictError(service)
            before = snapshot_of(service)
        if service.pk is None:
            # A partner's new service exists as a draft (invisible to citizens) so
            # that its proposal has something to point at.
            apply_snapshot(service, data)
        revision = ServiceRevision.objects.create(
            service=service,
            status=ServiceRevision.Status.APPROVED if publish else ServiceRevision.Status.PENDING,
            data=data,
            summary=summary
            or ", ".join(field_label(name) for name in changed_fields(before, data))[:300],
            base_version=service.version,
            author_id=context.user_id,
            proposed_in_id=context.municipality_id,
            reviewed_by_id=context.user_id if publish else None,
            reviewed_at=timezone.now() if publish else None,
        )
        if publish:
            if before:
                apply_snapshot(service, data)
            if service.status == PublicationStatus.DRAFT:
                service.status = PublicationStatus.PUBLISHED
                service.save(update_fields=["status"])
                index_services([service.pk])
    return Outcome(revision, publish)


def revision_approve(revision: ServiceRevision, note: str = "") -> Service:
    """Apply a pending change and publish the service (administrators only)."""
    if not rules.can_review(revision):
        raise PermissionDenied
    with transaction.atomic():
        revision = ServiceRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != ServiceRevision.Status.PENDING:
            raise ValidationError(_("This change was already handled."), code="handled")
        service = Service.objects.select_for_update().get(pk=revision.service_id)
        if service.version != revision.base_version:
            raise ValidationError(
                _(
                    "The service changed after this proposal was made. Reject it with a note "
                    "so that the partner can propose it again on the current version."
                ),
                code="stale",
            )
        apply_snapshot(service, revision.data)
        if service.status != PublicationStatus.PUBLISHED:
            service.status = PublicationStatus.PUBLISHED
            service.save(update_fields=["status"])
            index_services([service.pk])
        _close(revision, ServiceRevision.Status.APPROVED, note)
    return service


def revision_reject(revision: ServiceRevision, note: str) -> None:
    if not rules.can_review(revision):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError(_("Say why, so the partner knows what to change."), code="required")
    with transaction.atomic():
        revision = ServiceRevision.objects.select_for_update().get(pk=revision.pk)
        if revision.status != ServiceRevision.Status.PENDING:
            raise ValidationError(_("This change was already handled."), code="handled")
        _close(revision, ServiceRevision.Status.REJECTED, note)


def _close(revision: ServiceRevision, status: str, note: str) -> None:
    revision.status = status
    revision.reviewed_by_id = tenancy.current().user_id
    revision.reviewed_at = timezone.now()
    revision.review_note = note.strip()
    revision.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])


def service_neighbourhoods_set(service: Service, neighbourhood_ids: list[int]) -> None:
    """The active municipality marks which of its neighbourhoods a service works in.

    Tenant data of the municipality (not part of the shared content), so an
    administrator sets it directly; other municipalities' marks are untouched.
    """
    if not (rules.can_manage_map() and rules.can_edit_organisation(service.organisation)):
        raise PermissionDenied
    wanted = set(
        Neighbourhood.objects.filter(pk__in=neighbourhood_ids).values_list("pk", flat=True)
    )
    with transaction.atomic():
        ServiceNeighbourhood.objects.filter(service=service).exclude(
            neighbourhood_id__in=wanted
        ).delete()
        existing = set(
            ServiceNeighbourhood.objects.filter(service=service).values_list(
                "neighbourhood_id", flat=True
            )
        )
        for neighbourhood_id in sorted(wanted - existing):
            ServiceNeighbourhood.objects.create(service=service, neighbourhood_id=neighbourhood_id)


def life_domain_rubrics_set(life_domain: LifeDomain, term_ids: list[int]) -> None:
    """Say which rubrics of the shared map a life domain of the municipality covers."""
    if not rules.can_manage_map():
        raise PermissionDenied
    wanted = set(
        TaxonomyTerm.objects.filter(pk__in=term_ids, taxonomy__code=Taxonomy.RUBRICS).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        LifeDomainTerm.objects.filter(life_domain=life_domain).exclude(term_id__in=wanted).delete()
        existing = set(
            LifeDomainTerm.objects.filter(life_domain=life_domain).values_list("term_id", flat=True)
        )
        for term_id in sorted(wanted - existing):
            LifeDomainTerm.objects.create(life_domain=life_domain, term_id=term_id)


def service_archive(service: Service) -> None:
    """Take a service off the map; it stays in the history and can be republished."""
    if not (rules.can_manage_map() and rules.can_edit_organisation(service.organisation)):
        raise PermissionDenied
    Service.objects.filter(pk=service.pk).update(
        status=PublicationStatus.ARCHIVED, last_modified=timezone.now()
    )
    index_services([service.pk])


def service_republish(service: Service) -> None:
    if not (rules.can_manage_map() and rules.can_edit_organisation(service.organisation)):
        raise PermissionDenied
    Service.objects.filter(pk=service.pk).update(
        status=PublicationStatus.PUBLISHED, last_modified=timezone.now()
    )
    index_services([service.pk])


# --- Capacity and verification -------------------------------------------------


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


# --- Locations and hours -------------------------------------------------------


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


__all__ = [
    "Outcome",
    "VersionConflictError",
    "capacity_confirm",
    "check_schedule",
    "exception_add",
    "life_domain_rubrics_set",
    "location_save",
    "organisation_save",
    "revision_approve",
    "revision_reject",
    "schedule_add",
    "schedule_remove",
    "service_archive",
    "service_neighbourhoods_set",
    "service_propose",
    "service_republish",
    "service_verify",
    "social_house_of",
]
