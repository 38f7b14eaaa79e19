"""Loading a municipality's map for HSDS, with a fixed number of queries per page.

A municipality's map is ``search.published_services(municipality)`` and what those
services link to: their organisations, locations (and the municipality's Sociaal
Huis), the shared taxonomies and the municipality's life domains. Reading the
life domains and neighbourhoods needs the municipality's tenant context; callers
hold it (``tenancy.for_municipality``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds.serialise import LifeDomainEntry, MapContext
from sociaalhuis.directory.models import (
    LifeDomainTerm,
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    ServiceNeighbourhood,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import published_services
from sociaalhuis.tenants.models import LifeDomain, Municipality


def map_services(municipality: Municipality) -> QuerySet[Service]:
    return published_services(municipality)


def map_locations(municipality: Municipality) -> QuerySet[Location]:
    """Locations of the map's services (where offered, where office hours are held)
    and the municipality's Sociaal Huis."""
    services = map_services(municipality).values("pk")
    offered = ServiceAtLocation.objects.filter(service__in=services).values("location_id")
    held = Schedule.objects.filter(service__in=services, location__isnull=False).values(
        "location_id"
    )
    closed = ScheduleException.objects.filter(service__in=services, location__isnull=False).values(
        "location_id"
    )
    return Location.objects.filter(
        Q(pk__in=offered) | Q(pk__in=held) | Q(pk__in=closed) | Q(social_house_of=municipality)
    )


def map_organisations(municipality: Municipality) -> QuerySet[Organisation]:
    """Organisations of the map's services and locations."""
    return Organisation.objects.filter(
        Q(pk__in=map_services(municipality).values("organisation_id"))
        | Q(pk__in=map_locations(municipality).values("organisation_id"))
    )


def map_service_at_locations(municipality: Municipality) -> QuerySet[ServiceAtLocation]:
    return ServiceAtLocation.objects.filter(service__in=map_services(municipality).values("pk"))


def terms_with_taxonomy() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy", "parent")


def own_hours(prefix: str = "") -> list[Prefetch[Any]]:
    """A location's own opening hours and exceptions (those without a service)."""
    return [
        Prefetch(
            f"{prefix}schedules",
            queryset=Schedule.objects.filter(service__isnull=True),
            to_attr="own_schedules",
        ),
        Prefetch(
            f"{prefix}schedule_exceptions",
            queryset=ScheduleException.objects.filter(service__isnull=True),
            to_attr="own_exceptions",
        ),
    ]


def locations_with_everything(queryset: QuerySet[Location]) -> QuerySet[Location]:
    return queryset.select_related("organisation", "social_house_of").prefetch_related(*own_hours())


def services_with_everything(queryset: QuerySet[Service]) -> QuerySet[Service]:
    """Everything a fully nested service shows, in a fixed number of queries."""
    return queryset.select_related("organisation").prefetch_related(
        "texts",
        "municipalities",
        "organisation__municipalities",
        Prefetch("terms", queryset=terms_with_taxonomy()),
        Prefetch("schedules", queryset=Schedule.objects.select_related("location")),
        Prefetch(
            "schedule_exceptions", queryset=ScheduleException.objects.select_related("location")
        ),
        Prefetch(
            "at_locations",
            queryset=ServiceAtLocation.objects.select_related(
                "location__organisation", "location__social_house_of"
            ),
        ),
        *own_hours("at_locations__location__"),
    )


def services_in_order(ids: list[int], *, full: bool = True) -> list[Service]:
    """The services with these ids, in this order."""
    queryset = Service.objects.filter(pk__in=ids)
    queryset = (
        services_with_everything(queryset)
        if full
        else queryset.select_related("organisation").prefetch_related(
            "texts", "organisation__municipalities"
        )
    )
    by_id = {item.pk: item for item in queryset}
    return [by_id[pk] for pk in ids if pk in by_id]


# --- Tenant data: needs the municipality's context -------------------------------


def life_domain_entries(municipality: Municipality) -> list[LifeDomainEntry]:
    rubrics: dict[int, list[str]] = defaultdict(list)
    for life_domain_id, term_uuid in LifeDomainTerm.objects.values_list(
        "life_domain_id", "term__uuid"
    ):
        rubrics[life_domain_id].append(str(term_uuid))
    return [
        LifeDomainEntry(
            code=domain.code,
            names={
                code: name
                for code in ("nl", "fr", "en")
                if (name := getattr(domain, f"name_{code}"))
            },
            position=domain.position,
            rubric_ids=tuple(sorted(rubrics[domain.pk])),
        )
        for domain in LifeDomain.objects.order_by("position", "code")
    ]


def neighbourhood_names(service_ids: Iterable[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    links = ServiceNeighbourhood.objects.filter(service_id__in=list(service_ids))
    for service_id, name in links.values_list("service_id", "neighbourhood__name"):
        names[service_id].append(name)
    return dict(names)


def map_context(
    municipality: Municipality,
    language: str,
    *,
    service_ids: Iterable[int] = (),
    with_life_domains: bool = False,
) -> MapContext:
    """The context to serialise in; run inside the municipality's tenant context."""
    return MapContext(
        municipality=municipality,
        language=language,
        life_domains=life_domain_entries(municipality) if with_life_domains else [],
        neighbourhoods=neighbourhood_names(service_ids),
        life_domain_taxonomy_name=_("Life domains of %(municipality)s")
        % {"municipality": municipality.name},
        life_domain_taxonomy_description=_(
            "The life domains of the social policy plan of %(municipality)s. "
            "Each covers rubrics of the social map."
        )
        % {"municipality": municipality.name},
    )


def all_taxonomies() -> list[Taxonomy]:
    return list(Taxonomy.objects.order_by("code"))


def all_terms() -> list[TaxonomyTerm]:
    return list(terms_with_taxonomy().order_by("taxonomy__code", "position", "code"))
