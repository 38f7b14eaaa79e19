"""A small social map of Ronse for the HSDS tests, and the HSDS schemas to check against.

The schemas are a copy of the HSDS 3.0 specification (CC BY-SA 4.0, see
``hsds_schema/LICENSE``): the per-object schemas, the compiled list schemas and
the OpenAPI document. Their ``$ref``s name web addresses; the registry below
answers them from the copy, so validating needs no network. (The compiled
``service.json`` is the per-object ``service.json`` with every reference inlined:
validating against the latter is the same check.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import (
    CapacityUpdate,
    LifeDomainTerm,
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceNeighbourhood,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.directory import social_house

SCHEMA_DIR = Path(__file__).parent / "hsds_schema"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI = "urn:hsds:openapi"


@cache
def registry() -> Registry:
    resources = [
        (f"{BASE}{path.relative_to(SCHEMA_DIR).as_posix()}", path)
        for path in SCHEMA_DIR.rglob("*.json")
    ]
    pairs = [
        (uri, DRAFT202012.create_resource(json.loads(path.read_text()))) for uri, path in resources
    ]
    openapi = json.loads((SCHEMA_DIR / "openapi.json").read_text())
    pairs.append((OPENAPI, Resource.from_contents(openapi, default_specification=DRAFT202012)))
    return Registry().with_resources(pairs)


def problems(instance: Any, schema: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(instance)
    ]


def object_schema(name: str) -> dict[str, Any]:
    """An HSDS object schema by its file name, e.g. ``service.json``."""
    return {"$ref": f"{BASE}{name}"}


def operation_schema(path: str) -> dict[str, Any]:
    """The 200 response schema of an operation of the HSDS OpenAPI document."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {
        "$ref": f"{OPENAPI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"
    }


def page_schema(item: str) -> dict[str, Any]:
    """A page of HSDS objects, for the lists the HSDS OpenAPI does not describe."""
    return {
        "allOf": [{"$ref": f"{OPENAPI}#/components/schemas/Page"}],
        "required": ["total_items", "total_pages", "page_number", "size", "contents"],
        "properties": {"contents": {"type": "array", "items": object_schema(item)}},
    }


# --- The map ----------------------------------------------------------------------


@dataclass
class RonseMap:
    organisation: Organisation
    office: Location
    house: Location
    full: Service
    simple: Service
    draft: Service
    archived: Service
    kortrijk: Service
    term: TaxonomyTerm
    taxonomy: Taxonomy


def _organisation(cast: Cast) -> Organisation:
    organisation = Organisation.objects.create(
        name="Sociaal Verhuurkantoor Vlaamse Ardennen",
        alternate_name="SVK",
        description="Verhuurt woningen aan mensen met een laag inkomen.",
        kbo_number="0403170701",
        website="https://svk.example",
        email="info@svk.example",
        phone="055 12 34 56",
    )
    organisation.municipalities.add(cast.ronse)
    return organisation


def _office(organisation: Organisation) -> Location:
    return Location.objects.create(
        organisation=organisation,
        name="Kantoor SVK",
        description="Op de eerste verdieping.",
        street_address="Grote Markt 12",
        postal_code="9600",
        city="Ronse",
        latitude="50.746310",
        longitude="3.600420",
        wheelchair_accessible=True,
        accessibility_description="Lift en aangepast toilet.",
        transportation="Bus 65, halte Grote Markt.",
    )


def _terms() -> tuple[Taxonomy, TaxonomyTerm, TaxonomyTerm]:
    taxonomy = Taxonomy.objects.create(code="ronse-test", name="Testrubrieken")
    parent = TaxonomyTerm.objects.create(
        taxonomy=taxonomy, code="wonen-test", name_nl="Wonen (test)", name_fr="Logement (test)"
    )
    term = TaxonomyTerm.objects.create(
        taxonomy=taxonomy, code="huur-test", name_nl="Huur (test)", parent=parent, position=2
    )
    return taxonomy, parent, term


def _hours(service: Service, office: Location, house: Location) -> None:
    Schedule.objects.create(
        service=service, weekday=1, opens_at=time(9), closes_at=time(12), notes="Zonder afspraak"
    )
    Schedule.objects.create(
        service=service,
        weekday=3,
        opens_at=time(13, 30),
        closes_at=time(17),
        valid_from=date(2026, 1, 1),
        valid_to=date(2026, 12, 31),
        by_appointment=True,
    )
    Schedule.objects.create(
        service=service,
        location=house,
        kind=Schedule.Kind.OFFICE_HOURS,
        weekday=2,
        week_of_month=1,
        opens_at=time(9),
        closes_at=time(11),
    )
    Schedule.objects.create(
        service=service,
        location=house,
        kind=Schedule.Kind.OFFICE_HOURS,
        weekday=4,
        week_of_month=-1,
        opens_at=time(14),
        closes_at=time(15, 30),
    )
    Schedule.objects.create(location=office, weekday=5, opens_at=time(9), closes_at=time(12))
    ScheduleException.objects.create(service=service, date=date(2026, 7, 21), reason="Feestdag")
    ScheduleException.objects.create(
        service=service,
        date=date(2026, 12, 24),
        closed=False,
        opens_at=time(9),
        closes_at=time(11),
        reason="Kerstavond",
    )
    ScheduleException.objects.create(location=office, date=date(2026, 11, 11))


def _full_service(
    cast: Cast, organisation: Organisation, terms: list[TaxonomyTerm], places: list[Location]
) -> Service:
    service = ServiceFactory.create(
        organisation=organisation,
        serves=[cast.ronse, cast.kortrijk],
        name="Sociale huurwoning zoeken",
        description="Wij helpen u een betaalbare woning te vinden.",
        keywords="huur, woning, svk",
        french={
            "name": "Trouver un logement social",
            "description": "Nous vous aidons à trouver un logement abordable.",
            "required_documents": "Carte d'identité\nAvertissement-extrait de rôle",
        },
        terms=terms,
        url="https://svk.example/huren",
        email="huren@svk.example",
        phone="055 12 34 57",
        languages=["nl", "fr", "ar"],
        minimum_age=18,
        maximum_age=99,
        is_free=True,
        reachability_score=4,
        reachability_remark="Vlak bij de bus.",
        affordability_score=5,
        locations=[str(place.uuid) for place in places],
    )
    texts = service.texts.get(language="nl")
    texts.eligibility_description = "Voor wie een laag inkomen heeft."
    texts.fees_description = "Gratis."
    texts.application_process = "Kom langs of bel."
    texts.required_documents = "Identiteitskaart\nAanslagbiljet\n\nLoonbrief"
    texts.interpretation_services = "Tolk op vraag."
    texts.alternate_name = "Huren via het SVK"
    texts.save()
    Service.objects.filter(pk=service.pk).update(
        last_verified_on=date(2026, 3, 1),
        verified_by_email="kaart@ronse.test",
        capacity="limited",
        waiting_days=30,
        capacity_confirmed_at=timezone.now(),
    )
    service.refresh_from_db()
    return service


@pytest.fixture
def ronse_map(cast: Cast) -> RonseMap:
    organisation = _organisation(cast)
    office = _office(organisation)
    house = social_house(cast.ronse)
    taxonomy, parent, term = _terms()
    rubric = TaxonomyTerm.objects.get(taxonomy__code=Taxonomy.RUBRICS, code="wonen")
    full = _full_service(cast, organisation, [term, rubric], [office, house])
    _hours(full, office, house)
    with tenancy.for_municipality(cast.ronse.pk):
        domain = LifeDomain.objects.get(code="huisvesting")
        LifeDomainTerm.objects.create(life_domain=domain, term=rubric)
        LifeDomainTerm.objects.create(life_domain=domain, term=parent)
        ServiceNeighbourhood.objects.create(
            service=full, neighbourhood=Neighbourhood.objects.get(name="Prinskouter")
        )
    simple = ServiceFactory.create(
        organisation=organisation, serves=[cast.ronse], name="Huurpremie aanvragen"
    )
    return RonseMap(
        organisation=organisation,
        office=office,
        house=house,
        full=full,
        simple=simple,
        draft=ServiceFactory.create(
            organisation=organisation, serves=[cast.ronse], name="Ontwerpdienst", draft=True
        ),
        archived=ServiceFactory.create(
            organisation=organisation, serves=[cast.ronse], name="Oude dienst", archived=True
        ),
        kortrijk=ServiceFactory.create(
            organisation=cast.organisations["kortrijk"],
            serves=[cast.kortrijk],
            name="Alleen in Kortrijk",
        ),
        term=term,
        taxonomy=taxonomy,
    )


def wipe_map(cast: Cast, ronse_map: RonseMap) -> None:
    """Delete the map's own rows (not the municipalities, nor the shared taxonomies
    from the migration), so that an import has to create everything again."""
    with tenancy.for_municipality(cast.ronse.pk):
        LifeDomainTerm.objects.all().delete()
    services = Service.objects.filter(organisation=ronse_map.organisation)
    ServiceNeighbourhood.unscoped.filter(service__in=services).delete()
    ServiceRevision.objects.filter(service__in=services).delete()
    CapacityUpdate.objects.filter(service__in=services).delete()
    services.delete()
    ScheduleException.objects.filter(location__in=[ronse_map.office, ronse_map.house]).delete()
    Schedule.objects.filter(location__in=[ronse_map.office, ronse_map.house]).delete()
    Location.objects.filter(pk__in=[ronse_map.office.pk, ronse_map.house.pk]).delete()
    ronse_map.organisation.delete()
    TaxonomyTerm.objects.filter(taxonomy=ronse_map.taxonomy, parent__isnull=False).delete()
    TaxonomyTerm.objects.filter(taxonomy=ronse_map.taxonomy).delete()
    ronse_map.taxonomy.delete()
