"""Reading the social map: service pages, hours, office days, worklists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.directory import rules
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceNeighbourhood,
    ServiceRevision,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.schedules import WeekOfMonth, in_last_week, week_of_month
from sociaalhuis.directory.search import published_services
from sociaalhuis.tenants.models import Municipality

VERIFICATION_INTERVAL = timedelta(days=365)


def active_municipality() -> Municipality:
    """The municipality of the tenant context: the desk's own."""
    return Municipality.objects.get(pk=tenancy.require_municipality_id())


def occurs_on(schedule: Schedule, day: date) -> bool:
    """Whether a weekly or monthly slot falls on ``day`` (exceptions aside)."""
    if schedule.weekday != day.isoweekday():
        return False
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    if schedule.week_of_month is None:
        return True
    if schedule.week_of_month == WeekOfMonth.LAST:
        return in_last_week(day)
    return week_of_month(day) == schedule.week_of_month


def _closed_dates(exceptions: list[ScheduleException]) -> set[date]:
    return {exception.date for exception in exceptions if exception.closed}


@dataclass(frozen=True)
class Occurrence:
    day: date
    schedule: Schedule


def next_occurrences(
    schedules: list[Schedule],
    exceptions: list[ScheduleException],
    *,
    start: date,
    count: int = 3,
    horizon_days: int = 92,
) -> list[Occurrence]:
    closed = _closed_dates(exceptions)
    found: list[Occurrence] = []
    for offset in range(horizon_days):
        day = start + timedelta(days=offset)
        if day in closed:
            continue
        found.extend(Occurrence(day, slot) for slot in schedules if occurs_on(slot, day))
        if len(found) >= count:
            break
    return found[:count]


# --- The public service page ---------------------------------------------------


@dataclass
class ServicePage:
    service: Service
    opening_hours: list[Schedule]
    office_hours: list[Schedule]
    next_office_days: list[Occurrence]
    exceptions: list[ScheduleException]
    neighbourhoods: list[str]
    is_due_for_verification: bool


def service_page(
    municipality: Municipality, service_id: int, *, include_unpublished: bool = False
) -> ServicePage:
    """Everything the service page shows, in a fixed number of queries; 404 if hidden."""
    services = Service.objects.all() if include_unpublished else published_services(municipality)
    try:
        service = (
            services.select_related("organisation")
            .prefetch_related(
                "texts",
                Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy")),
                "locations",
                Prefetch("schedules", queryset=Schedule.objects.select_related("location")),
                Prefetch(
                    "schedule_exceptions",
                    queryset=ScheduleException.objects.filter(date__gte=timezone.localdate()),
                ),
            )
            .get(pk=service_id)
        )
    except Service.DoesNotExist as missing:
        raise Http404 from missing
    schedules = list(service.schedules.all())
    exceptions = list(service.schedule_exceptions.all())
    office = [slot for slot in schedules if slot.kind == Schedule.Kind.OFFICE_HOURS]
    with tenancy.for_municipality(municipality.pk):
        neighbourhoods = list(
            ServiceNeighbourhood.objects.filter(service=service)
            .order_by("neighbourhood__name")
            .values_list("neighbourhood__name", flat=True)
        )
    return ServicePage(
        service=service,
        opening_hours=[slot for slot in schedules if slot.kind == Schedule.Kind.OPENING_HOURS],
        office_hours=office,
        next_office_days=next_occurrences(office, exceptions, start=timezone.localdate()),
        exceptions=exceptions[:5],
        neighbourhoods=neighbourhoods,
        is_due_for_verification=is_due_for_verification(service),
    )


def is_due_for_verification(service: Service, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        service.last_verified_on is None or service.last_verified_on < today - VERIFICATION_INTERVAL
    )


# --- Today in the Sociaal Huis ---------------------------------------------------


def office_hours_on(municipality: Municipality, day: date) -> list[Schedule]:
    """Partners holding office hours in the municipality's Sociaal Huis that day."""
    slots = (
        Schedule.objects.filter(
            kind=Schedule.Kind.OFFICE_HOURS,
            location__social_house_of=municipality,
            weekday=day.isoweekday(),
            service__in=published_services(municipality).values("pk"),
        )
        .exclude(service__schedule_exceptions__date=day, service__schedule_exceptions__closed=True)
        .select_related("service__organisation", "location")
        .prefetch_related("service__texts")
        .order_by("opens_at", "pk")
    )
    return [slot for slot in slots if occurs_on(slot, day)]


def social_house(municipality: Municipality) -> Location | None:
    return Location.objects.filter(social_house_of=municipality).first()


# --- Maintenance ---------------------------------------------------------------


def editable_organisations() -> QuerySet[Organisation]:
    """Organisations the current user may maintain, with their number of services."""
    context = tenancy.current()
    organisations = Organisation.objects.annotate(service_count=Count("services", distinct=True))
    if rules.can_manage_map():
        return organisations.filter(
            Q(municipalities=context.municipality_id) | Q(municipalities__isnull=True)
        ).distinct()
    return organisations.filter(pk__in=context.organisation_ids)


def editable_organisation(organisation_id: int) -> Organisation:
    try:
        return editable_organisations().get(pk=organisation_id)
    except Organisation.DoesNotExist as missing:
        raise Http404 from missing


def editable_services() -> QuerySet[Service]:
    return Service.objects.filter(organisation__in=editable_organisations().values("pk"))


def editable_service(service_id: int) -> Service:
    try:
        return (
            editable_services()
            .select_related("organisation")
            .prefetch_related("texts", "terms", "municipalities", "locations")
            .get(pk=service_id)
        )
    except Service.DoesNotExist as missing:
        raise Http404 from missing


def services_to_verify(today: date | None = None) -> QuerySet[Service]:
    """Published services not verified for twelve months, oldest first."""
    limit = (today or timezone.localdate()) - VERIFICATION_INTERVAL
    return (
        editable_services()
        .filter(status=PublicationStatus.PUBLISHED)
        .filter(Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=limit))
        .select_related("organisation")
        .prefetch_related("texts")
        .order_by("last_verified_on", "pk")
    )


def pending_revisions() -> QuerySet[ServiceRevision]:
    return (
        ServiceRevision.objects.filter(
            status=ServiceRevision.Status.PENDING,
            service__in=editable_services().values("pk"),
        )
        .select_related("service__organisation", "author")
        .prefetch_related("service__texts")
        .order_by("created_at", "pk")
    )


def service_history(service: Service) -> QuerySet[ServiceRevision]:
    return service.revisions.select_related("author", "reviewed_by").order_by("-created_at", "-pk")


def terms_of(taxonomy_code: str) -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__code=taxonomy_code).order_by("position", "name_nl")
