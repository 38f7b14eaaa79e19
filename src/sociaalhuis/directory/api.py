"""Open Referral HSDS 3.0 read API: the public social map of one municipality.

Mounted at ``/api/v1/hsds/``; every operation is public (``auth=None``, and the
authorization matrix lists them as PUBLIC). Paths follow the HSDS OpenAPI
(``/{municipality}/services``, ``/services/{id}``, ...) under the municipality's
slug. A page takes a fixed number of queries whatever it holds: everything an
object shows is prefetched (``hsds.queries``). Tenant tables (life domains,
neighbourhoods) are read inside the municipality's context.

Kept as one module (past the usual ~400 lines): the HSDS read API is one contract
(the HSDS OpenAPI paths) and its endpoints share the paging and not-found helpers.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds import queries, serialise
from sociaalhuis.directory.hsds.export import HSDS_PROFILE
from sociaalhuis.directory.models import (
    LifeDomainTerm,
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import SearchFilters, search
from sociaalhuis.tenants.models import LifeDomain, Municipality

router = Router(tags=["Open Referral HSDS 3.0"], auth=None)

SCHEMAS = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
MAX_PER_PAGE = 100
# Search ranks the whole map; filters then narrow the ranked list down.
MAX_SEARCH_RESULTS = 5000
Language = Literal["nl", "fr", "en"]


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    per_page: int = Field(
        50, ge=1, le=MAX_PER_PAGE, description=f"Items per page, at most {MAX_PER_PAGE}."
    )
    lang: Language = Field("nl", description="Language of the texts: nl, fr or en.")


class ServiceQuery(PageQuery):
    search: str = Field("", max_length=200, description="Words to search for.")
    taxonomy_term_id: UUID | None = Field(None, description="Services with this term.")
    taxonomy_id: UUID | None = Field(None, description="Services with a term of this taxonomy.")
    organization_id: UUID | None = Field(None, description="Services of this organization.")
    modified_after: datetime | None = Field(None, description="Changed on or after this moment.")
    minimal: bool = Field(False, description="Only id, name, status and last_modified.")
    full: bool = Field(False, description="Fully nested services.")


class OrganizationQuery(PageQuery):
    full: bool = Field(False, description="With identifiers and phones.")


class TermQuery(PageQuery):
    taxonomy_id: UUID | None = Field(None, description="Terms of this taxonomy.")
    parent_id: UUID | None = Field(None, description="Children of this term.")
    top_only: bool = Field(False, description="Only terms without a parent.")
    search: str = Field("", max_length=200, description="Part of the term's name.")


class LanguageQuery(Schema):
    lang: Language = Field("nl", description="Language of the texts: nl, fr or en.")


class OrganizationDetailQuery(LanguageQuery):
    full_service: bool = Field(False, description="Fully nested services.")


def _documented(schema: str, *, paginated: bool = False) -> dict[str, Any]:
    """Point the generated OpenAPI at the HSDS schema of the response."""
    reference = {"$ref": f"{SCHEMAS}{schema}"}
    body = (
        {
            "type": "object",
            "properties": {
                "total_items": {"type": "integer"},
                "total_pages": {"type": "integer"},
                "page_number": {"type": "integer"},
                "size": {"type": "integer"},
                "first_page": {"type": "boolean"},
                "last_page": {"type": "boolean"},
                "empty": {"type": "boolean"},
                "contents": {"type": "array", "items": reference},
            },
        }
        if paginated
        else reference
    )
    return {"responses": {200: {"content": {"application/json": {"schema": body}}}}}


# --- Helpers ----------------------------------------------------------------------


def _municipality(slug: str) -> Municipality:
    place = Municipality.objects.filter(slug=slug, active=True).first()
    if place is None:
        raise HttpError(404, _("There is no social map for this municipality."))
    return place


def _not_found() -> HttpError:
    return HttpError(404, _("This is not on the social map of this municipality."))


def _page(total: int, params: PageQuery, contents: list[dict[str, Any]]) -> dict[str, Any]:
    pages = math.ceil(total / params.per_page)
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": params.page,
        "size": len(contents),
        "first_page": params.page == 1,
        "last_page": params.page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _window(params: PageQuery) -> slice:
    start = (params.page - 1) * params.per_page
    return slice(start, start + params.per_page)


def _paged_list[T](
    items: Sequence[T], params: PageQuery, show: Callable[[T], Any]
) -> dict[str, Any]:
    return _page(len(items), params, [show(item) for item in items[_window(params)]])


def _first[M: Model](queryset: QuerySet[M]) -> M:
    item = queryset.first()
    if item is None:
        raise _not_found()
    return item


# --- Root -------------------------------------------------------------------------


@router.get(
    "/{municipality}/",
    url_name="hsds_root",
    response=dict,
    summary="About this HSDS API",
    description="The HSDS version, profile and OpenAPI document of this municipality's map.",
)
def root(request: HttpRequest, municipality: str) -> dict[str, Any]:
    place = _municipality(municipality)
    return {
        "version": serialise.HSDS_VERSION,
        "profile": HSDS_PROFILE,
        "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        serialise.EXTENSION: {
            "municipality": {"nis_code": place.nis_code, "name": place.name, "slug": place.slug}
        },
    }


# --- Services ---------------------------------------------------------------------


def _life_domain_rubrics(place: Municipality, term_id: UUID) -> QuerySet[LifeDomainTerm] | None:
    """The rubrics of the life domain with this HSDS id, if it is one (tenant context)."""
    for domain_id, code in LifeDomain.objects.values_list("pk", "code"):
        if serialise.life_domain_term_id(place.nis_code, code) == str(term_id):
            return LifeDomainTerm.objects.filter(life_domain_id=domain_id)
    return None


def _with_terms(terms: Any) -> Q:
    links = Service.terms.through.objects.filter(taxonomyterm__in=terms).values("service_id")
    return Q(pk__in=links)


def _filtered_services(place: Municipality, params: ServiceQuery) -> QuerySet[Service]:
    services = queries.map_services(place)
    if params.organization_id:
        services = services.filter(organisation__uuid=params.organization_id)
    if params.modified_after:
        services = services.filter(last_modified__gte=params.modified_after)
    if params.taxonomy_term_id:
        rubrics = _life_domain_rubrics(place, params.taxonomy_term_id)
        terms: QuerySet[Any, Any] = (
            rubrics.values("term_id")
            if rubrics is not None
            else TaxonomyTerm.objects.filter(uuid=params.taxonomy_term_id).values("pk")
        )
        services = services.filter(_with_terms(terms))
    if params.taxonomy_id:
        terms = (
            LifeDomainTerm.objects.values("term_id")
            if str(params.taxonomy_id) == serialise.life_domain_taxonomy_id(place.nis_code)
            else TaxonomyTerm.objects.filter(taxonomy__uuid=params.taxonomy_id).values("pk")
        )
        services = services.filter(_with_terms(terms))
    return services


def _service_ids(place: Municipality, params: ServiceQuery) -> tuple[list[int], int]:
    """One page of service ids (best match first when searching) and the total."""
    services = _filtered_services(place, params)
    if not params.search.strip():
        ids = services.order_by("pk").values_list("pk", flat=True)[_window(params)]
        return list(ids), services.count()
    ranked = search(place, SearchFilters(text=params.search), page=1, page_size=MAX_SEARCH_RESULTS)
    ranked_ids = [item.pk for item in ranked.services]
    allowed = set(services.filter(pk__in=ranked_ids).values_list("pk", flat=True))
    matching = [pk for pk in ranked_ids if pk in allowed]
    return matching[_window(params)], len(matching)


@router.get(
    "/{municipality}/services",
    url_name="hsds_services",
    response=dict,
    summary="Services of the map, a page at a time",
    description="Published services serving the municipality. `search` ranks by relevance; "
    "`full=true` nests everything as in /services/{id}; `minimal=true` gives id, name, "
    "status and last_modified.",
    openapi_extra=_documented("compiled/service_list.json", paginated=True),
)
def services(
    request: HttpRequest, municipality: str, params: Query[ServiceQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        ids, total = _service_ids(place, params)
        items = queries.services_in_order(ids, full=params.full)
        if params.full:
            context = queries.map_context(place, params.lang, service_ids=ids)
            return _page(total, params, [serialise.service(item, context) for item in items])
        show = serialise.service_minimal if params.minimal else serialise.service_summary
        return _page(total, params, [show(item, params.lang) for item in items])


@router.get(
    "/{municipality}/services/{id}",
    url_name="hsds_service",
    response=dict,
    summary="One service, fully nested",
    description="With its organization, locations, hours, service areas, languages, "
    "required documents and taxonomy terms.",
    openapi_extra=_documented("compiled/service.json"),
)
def service(
    request: HttpRequest, municipality: str, id: UUID, params: Query[LanguageQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        item = _first(queries.services_with_everything(queries.map_services(place).filter(uuid=id)))
        context = queries.map_context(place, params.lang, service_ids=[item.pk])
        return serialise.service(item, context)


# --- Organisations ----------------------------------------------------------------


@router.get(
    "/{municipality}/organizations",
    url_name="hsds_organizations",
    response=dict,
    summary="Organizations of the map, a page at a time",
    description="Organizations offering the map's services or holding its locations.",
    openapi_extra=_documented("compiled/organization_list.json", paginated=True),
)
def organizations(
    request: HttpRequest, municipality: str, params: Query[OrganizationQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    found = queries.map_organisations(place)
    items = found.order_by("name", "pk").prefetch_related("municipalities")[_window(params)]
    show = serialise.organization if params.full else serialise.organization_summary
    return _page(found.count(), params, [show(item) for item in items])


@router.get(
    "/{municipality}/organizations/{id}",
    url_name="hsds_organization",
    response=dict,
    summary="One organization with its services",
    description="`full_service=true` nests each service fully.",
    openapi_extra=_documented("compiled/organization.json"),
)
def organization(
    request: HttpRequest, municipality: str, id: UUID, params: Query[OrganizationDetailQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        found = queries.map_organisations(place).filter(uuid=id)
        item: Organisation = _first(found.prefetch_related("municipalities"))
        ids = list(
            queries.map_services(place)
            .filter(organisation=item)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        offered = queries.services_in_order(ids, full=params.full_service)
        if params.full_service:
            context = queries.map_context(place, params.lang, service_ids=ids)
            nested = [serialise.service(entry, context) for entry in offered]
        else:
            nested = [serialise.service_summary(entry, params.lang) for entry in offered]
        return {**serialise.organization(item), "services": nested}


# --- Locations and services at locations ------------------------------------------


@router.get(
    "/{municipality}/locations",
    url_name="hsds_locations",
    response=dict,
    summary="Locations of the map, a page at a time",
    description="Where the map's services are offered, and the Sociaal Huis.",
    openapi_extra=_documented("location.json", paginated=True),
)
def locations(request: HttpRequest, municipality: str, params: Query[PageQuery]) -> dict[str, Any]:
    place = _municipality(municipality)
    found = queries.map_locations(place)
    items = queries.locations_with_everything(found.order_by("name", "pk"))[_window(params)]
    return _page(found.count(), params, [serialise.location(item) for item in items])


@router.get(
    "/{municipality}/locations/{id}",
    url_name="hsds_location",
    response=dict,
    summary="One location",
    description="With its address, accessibility and opening hours.",
    openapi_extra=_documented("location.json"),
)
def location(request: HttpRequest, municipality: str, id: UUID) -> dict[str, Any]:
    place = _municipality(municipality)
    found = queries.map_locations(place).filter(uuid=id)
    item: Location = _first(queries.locations_with_everything(found))
    return serialise.location(item)


@router.get(
    "/{municipality}/service_at_locations",
    url_name="hsds_service_at_locations",
    response=dict,
    summary="Which service is offered where, a page at a time",
    openapi_extra=_documented("compiled/service_at_location_list.json", paginated=True),
)
def service_at_locations(
    request: HttpRequest, municipality: str, params: Query[PageQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    found = queries.map_service_at_locations(place)
    items = found.select_related("service", "location").order_by("pk")[_window(params)]
    return _page(
        found.count(), params, [serialise.service_at_location_summary(item) for item in items]
    )


@router.get(
    "/{municipality}/service_at_locations/{id}",
    url_name="hsds_service_at_location",
    response=dict,
    summary="One service at one location, fully nested",
    openapi_extra=_documented("compiled/service_at_location.json"),
)
def service_at_location(
    request: HttpRequest, municipality: str, id: UUID, params: Query[LanguageQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        link: ServiceAtLocation = _first(queries.map_service_at_locations(place).filter(uuid=id))
        offered = queries.services_in_order([link.service_id])[0]
        link = next(item for item in offered.at_locations.all() if item.pk == link.pk)
        context = queries.map_context(place, params.lang, service_ids=[offered.pk])
        return serialise.service_at_location(link, service=serialise.service(offered, context))


# --- Schedules --------------------------------------------------------------------


def _map_hours(place: Municipality, model: type[Schedule] | type[ScheduleException]) -> Any:
    """Hours of the map's services and the map's locations' own hours."""
    services = queries.map_services(place).values("pk")
    places = queries.map_locations(place).values("pk")
    return (
        model.objects.filter(Q(service__in=services) | Q(service__isnull=True, location__in=places))
        .select_related("service", "location")
        .order_by("pk")
    )


def _hours(item: Schedule | ScheduleException) -> dict[str, Any]:
    service_id = str(item.service.uuid) if item.service else None
    location_id = str(item.location.uuid) if item.location else None
    if isinstance(item, Schedule):
        return serialise.schedule(item, service_id=service_id, location_id=location_id)
    return serialise.schedule_exception(item, service_id=service_id, location_id=location_id)


@router.get(
    "/{municipality}/schedules",
    url_name="hsds_schedules",
    response=dict,
    summary="Opening hours, office hours and exceptions, a page at a time",
    description="Weekly and monthly hours first, then the days with other hours or closed "
    "(a schedule valid on one day, without `freq`).",
    openapi_extra=_documented("schedule.json", paginated=True),
)
def schedules(request: HttpRequest, municipality: str, params: Query[PageQuery]) -> dict[str, Any]:
    place = _municipality(municipality)
    regular, exceptions = _map_hours(place, Schedule), _map_hours(place, ScheduleException)
    counted = regular.count()
    window = _window(params)
    first = list(regular[window]) if window.start < counted else []
    rest = params.per_page - len(first)
    start = max(0, window.start - counted)
    second = list(exceptions[start : start + rest]) if rest else []
    total = counted + exceptions.count()
    return _page(total, params, [_hours(item) for item in [*first, *second]])


# --- Taxonomies -------------------------------------------------------------------


def _taxonomies(place: Municipality, language: str) -> list[dict[str, Any]]:
    """The shared taxonomies, then the municipality's life domains (tenant context)."""
    context = queries.map_context(place, language, with_life_domains=True)
    found = [serialise.taxonomy(item) for item in Taxonomy.objects.order_by("code")]
    if context.life_domains:
        found.append(serialise.life_domain_taxonomy(context))
    return found


def _terms(place: Municipality, language: str) -> list[dict[str, Any]]:
    context = queries.map_context(place, language, with_life_domains=True)
    shared = [serialise.taxonomy_term(term, language) for term in queries.all_terms()]
    return [*shared, *serialise.life_domain_terms(context)]


def _one(items: list[dict[str, Any]], identifier: UUID) -> dict[str, Any]:
    found = next((item for item in items if item["id"] == str(identifier)), None)
    if found is None:
        raise _not_found()
    return found


@router.get(
    "/{municipality}/taxonomies",
    url_name="hsds_taxonomies",
    response=dict,
    summary="Taxonomies, a page at a time",
    description="The rubrics of de Sociale Kaart, the target groups and the municipality's "
    "life domains.",
    openapi_extra=_documented("taxonomy.json", paginated=True),
)
def taxonomies(request: HttpRequest, municipality: str, params: Query[PageQuery]) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        return _paged_list(_taxonomies(place, params.lang), params, lambda item: item)


@router.get(
    "/{municipality}/taxonomies/{id}",
    url_name="hsds_taxonomy",
    response=dict,
    summary="One taxonomy",
    openapi_extra=_documented("taxonomy.json"),
)
def taxonomy(
    request: HttpRequest, municipality: str, id: UUID, params: Query[LanguageQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        return _one(_taxonomies(place, params.lang), id)


def _wanted_term(item: dict[str, Any], params: TermQuery) -> bool:
    return (
        (params.taxonomy_id is None or item["taxonomy_id"] == str(params.taxonomy_id))
        and (params.parent_id is None or item.get("parent_id") == str(params.parent_id))
        and not (params.top_only and item.get("parent_id"))
        and params.search.casefold() in item["name"].casefold()
    )


@router.get(
    "/{municipality}/taxonomy_terms",
    url_name="hsds_taxonomy_terms",
    response=dict,
    summary="Taxonomy terms, a page at a time",
    description="A life domain's term lists the rubrics it covers in `x_sociaalhuis.rubric_ids`.",
    openapi_extra=_documented("taxonomy_term.json", paginated=True),
)
def taxonomy_terms(
    request: HttpRequest, municipality: str, params: Query[TermQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        wanted = [item for item in _terms(place, params.lang) if _wanted_term(item, params)]
        return _paged_list(wanted, params, lambda item: item)


@router.get(
    "/{municipality}/taxonomy_terms/{id}",
    url_name="hsds_taxonomy_term",
    response=dict,
    summary="One taxonomy term",
    openapi_extra=_documented("taxonomy_term.json"),
)
def taxonomy_term(
    request: HttpRequest, municipality: str, id: UUID, params: Query[LanguageQuery]
) -> dict[str, Any]:
    place = _municipality(municipality)
    with tenancy.for_municipality(place.pk), translation.override(params.lang):
        return _one(_terms(place, params.lang), id)
