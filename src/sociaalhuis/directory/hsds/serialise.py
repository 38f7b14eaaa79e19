"""Models to Open Referral HSDS 3.0 objects (plain dictionaries, ready for JSON).

Identifiers are the models' ``uuid`` fields. Objects HSDS keeps apart but we keep in
a field (a phone number, an address, a document line) get deterministic uuid5
identifiers derived from their owner, so exporting twice, or exporting what was
imported, gives the same identifiers.

What HSDS 3.0 has no field for travels in an ``x_sociaalhuis`` object on the
object concerned (the schemas allow additional properties), so that importing an
export loses nothing:

* service: ``texts`` (every language, with keywords and the required documents as
  typed), ``is_free``, ``capacity`` (HSDS 3.1's service_capacity in spirit; on
  import also an optional ``note``, recorded with the confirmation; not exported,
  as the history is not),
  ``accessibility`` (the five B's), ``neighbourhoods`` (names, in the exporting
  municipality);
* organization: ``active``, ``municipalities`` (NIS codes served);
* location: ``wheelchair_accessible``, ``social_house_of`` (NIS code);
* schedule: ``kind`` and ``by_appointment``; an exception to the hours is a
  schedule without ``freq`` on one day, with ``exception`` and ``closed``;
* service_area: ``nis_code``;
* taxonomy: ``code``; taxonomy_term: ``names`` (nl/fr/en), ``position`` and, for a
  municipality's life domains, ``life_domain`` and ``rubric_ids``.

Every function here reads only what the caller prefetched (see ``queries``), so
serialising a page costs no queries of its own.

Kept as one module (past the usual ~400 lines): the output format, object by object,
reads top to bottom in one place, and the objects embed one another (a service its
organisation, locations, hours and attributes).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.conf.locale import LANG_INFO

from sociaalhuis.directory.content import TEXT_FIELDS
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    ScheduleException,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.tenants.models import Municipality

HSDS_VERSION = "3.0"
EXTENSION = "x_sociaalhuis"
# Fixed namespace of the identifiers we derive (uuid5): never change it, or every
# derived identifier changes with it.
NAMESPACE = uuid.UUID("3b0c53a8-9f0e-5d43-9a43-5d6f1c2b7e10")
DEFAULT_LANGUAGE = "nl"
DOCUMENT_LANGUAGES = TEXT_LANGUAGES

STATUS_TO_HSDS = {
    PublicationStatus.PUBLISHED: "active",
    PublicationStatus.ARCHIVED: "defunct",
    # Drafts are never exported; "inactive" only if a caller serialises one anyway.
    PublicationStatus.DRAFT: "inactive",
}
DAY_CODES = {1: "MO", 2: "TU", 3: "WE", 4: "TH", 5: "FR", 6: "SA", 7: "SU"}
# Plain HSDS readers see these; our importer reads the extension first.
OFFICE_HOURS_ATTENDING_TYPE = "office hours at the Sociaal Huis"
BY_APPOINTMENT_DESCRIPTION = "by appointment only"
CLOSED_DESCRIPTION = "closed"
DIFFERENT_HOURS_DESCRIPTION = "different hours"
KBO_SCHEME = "BE-BCE_KBO"  # org-id.guide: Crossroads Bank for Enterprises


def derived_id(*parts: object) -> str:
    """A stable identifier for an object that has no row (and so no uuid) of its own."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def life_domain_taxonomy_id(nis_code: str) -> str:
    return derived_id("life-domains", nis_code)


def life_domain_term_id(nis_code: str, code: str) -> str:
    return derived_id("life-domains", nis_code, code)


@dataclass(frozen=True)
class LifeDomainEntry:
    """A municipality's life domain and the rubrics of the map it covers."""

    code: str
    names: dict[str, str]
    position: int
    rubric_ids: tuple[str, ...]


@dataclass
class MapContext:
    """What serialising a municipality's map needs beyond the prefetched rows."""

    municipality: Municipality
    language: str = DEFAULT_LANGUAGE
    life_domains: list[LifeDomainEntry] = field(default_factory=list)
    # service pk -> names of the municipality's neighbourhoods it works in
    neighbourhoods: dict[int, list[str]] = field(default_factory=dict)
    life_domain_taxonomy_name: str = ""
    life_domain_taxonomy_description: str = ""


# --- Values ---------------------------------------------------------------------


def _present(data: dict[str, Any], required: Iterable[str] = ()) -> dict[str, Any]:
    """Drop empty optional values: HSDS readers check e-mail and URI formats."""
    keep = set(required)
    return {
        key: value
        for key, value in data.items()
        if key in keep or (value is not None and value != "")
    }


def hours(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def language_name(code: str) -> str:
    info = LANG_INFO.get(code, {})
    return str(info.get("name_local") or info.get("name") or code)


# --- Organisations --------------------------------------------------------------


def organization(organisation: Organisation) -> dict[str, Any]:
    """An organization with its identifiers and phone (no services)."""
    org_id = str(organisation.uuid)
    phones = (
        [
            {
                "id": derived_id(org_id, "phone"),
                "organization_id": org_id,
                "number": organisation.phone,
            }
        ]
        if organisation.phone
        else []
    )
    identifiers = (
        [
            {
                "id": derived_id(org_id, "kbo"),
                "organization_id": org_id,
                "identifier_scheme": KBO_SCHEME,
                "identifier_type": "KBO number",
                "identifier": organisation.kbo_number,
            }
        ]
        if organisation.kbo_number
        else []
    )
    core = _present(
        {
            "id": org_id,
            "name": organisation.name,
            "alternate_name": organisation.alternate_name,
            "description": organisation.description,
            "email": organisation.email,
            "website": organisation.website,
        },
        required=("description",),
    )
    return {
        **core,
        "phones": phones,
        "organization_identifiers": identifiers,
        EXTENSION: {
            "active": organisation.active,
            "municipalities": sorted(m.nis_code for m in organisation.municipalities.all()),
        },
    }


def organization_summary(organisation: Organisation) -> dict[str, Any]:
    """The one-to-one fields only (organization_list.json)."""
    return {
        key: value
        for key, value in organization(organisation).items()
        if key not in ("phones", "organization_identifiers")
    }


# --- Hours ----------------------------------------------------------------------


def byday(schedule: Schedule) -> str:
    code = DAY_CODES[schedule.weekday]
    return f"{schedule.week_of_month}{code}" if schedule.week_of_month else code


def schedule(
    item: Schedule, *, service_id: str | None = None, location_id: str | None = None
) -> dict[str, Any]:
    office = item.kind == Schedule.Kind.OFFICE_HOURS
    return _present(
        {
            "id": str(item.uuid),
            "service_id": service_id,
            "location_id": location_id,
            "freq": "MONTHLY" if item.week_of_month else "WEEKLY",
            "wkst": "MO",
            "byday": byday(item),
            "opens_at": hours(item.opens_at),
            "closes_at": hours(item.closes_at),
            "valid_from": day(item.valid_from),
            "valid_to": day(item.valid_to),
            "attending_type": OFFICE_HOURS_ATTENDING_TYPE if office else None,
            "description": BY_APPOINTMENT_DESCRIPTION if item.by_appointment else None,
            "notes": item.notes,
            EXTENSION: {"kind": item.kind, "by_appointment": item.by_appointment},
        }
    )


def schedule_exception(
    item: ScheduleException, *, service_id: str | None = None, location_id: str | None = None
) -> dict[str, Any]:
    """One day off or with other hours: a schedule valid on that day only, no ``freq``."""
    when = item.date.isoformat()
    return _present(
        {
            "id": str(item.uuid),
            "service_id": service_id,
            "location_id": location_id,
            "valid_from": when,
            "valid_to": when,
            "dtstart": when,
            "opens_at": None if item.closed or item.opens_at is None else hours(item.opens_at),
            "closes_at": None if item.closed or item.closes_at is None else hours(item.closes_at),
            "description": CLOSED_DESCRIPTION if item.closed else DIFFERENT_HOURS_DESCRIPTION,
            "notes": item.reason,
            EXTENSION: {"exception": True, "closed": item.closed},
        }
    )


def _schedule_key(item: Schedule) -> tuple[Any, ...]:
    return (item.weekday, item.week_of_month or 0, item.opens_at, str(item.uuid))


def schedules(
    regular: Iterable[Schedule],
    exceptions: Iterable[ScheduleException],
    *,
    service_id: str | None = None,
    location_id: str | None = None,
) -> list[dict[str, Any]]:
    """Weekly and monthly slots first (by day and time), then the exceptions by date.

    A service's office hours name the Sociaal Huis location they are held at.
    """
    result = [
        schedule(
            item,
            service_id=service_id,
            location_id=location_id or (str(item.location.uuid) if item.location else None),
        )
        for item in sorted(regular, key=_schedule_key)
    ]
    result += [
        schedule_exception(
            item,
            service_id=service_id,
            location_id=location_id or (str(item.location.uuid) if item.location else None),
        )
        for item in sorted(exceptions, key=lambda item: (item.date, str(item.uuid)))
    ]
    return result


# --- Locations ------------------------------------------------------------------


def location(place: Location) -> dict[str, Any]:
    """A location with its address, accessibility and its own opening hours.

    Expects ``own_schedules``/``own_exceptions`` (rows without a service) prefetched.
    """
    location_id = str(place.uuid)
    addresses = []
    if place.street_address or place.postal_code or place.city:
        addresses.append(
            {
                "id": derived_id(location_id, "address"),
                "location_id": location_id,
                "address_1": place.street_address,
                "city": place.city,
                "state_province": "",
                "postal_code": place.postal_code,
                "country": place.country,
                "address_type": "physical",
            }
        )
    accessibility = (
        [
            {
                "id": derived_id(location_id, "accessibility"),
                "location_id": location_id,
                "description": place.accessibility_description,
            }
        ]
        if place.accessibility_description
        else []
    )
    core = _present(
        {
            "id": location_id,
            "location_type": "physical",
            "organization_id": str(place.organisation.uuid) if place.organisation else None,
            "name": place.name,
            "description": place.description,
            "transportation": place.transportation,
            "latitude": number(place.latitude),
            "longitude": number(place.longitude),
        }
    )
    social_house_of = place.social_house_of.nis_code if place.social_house_of else None
    return {
        **core,
        "addresses": addresses,
        "accessibility": accessibility,
        "schedules": schedules(
            getattr(place, "own_schedules", []),
            getattr(place, "own_exceptions", []),
            location_id=location_id,
        ),
        EXTENSION: {
            "wheelchair_accessible": place.wheelchair_accessible,
            "social_house_of": social_house_of,
        },
    }


def service_at_location(
    link: ServiceAtLocation, *, service: dict[str, Any] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(link.uuid),
        "service_id": str(link.service.uuid),
        "location_id": str(link.location.uuid),
        "location": location(link.location),
    }
    if service is not None:
        data["service"] = service
    return data


def service_at_location_summary(link: ServiceAtLocation) -> dict[str, Any]:
    return {
        "id": str(link.uuid),
        "service_id": str(link.service.uuid),
        "location_id": str(link.location.uuid),
    }


# --- Taxonomies -----------------------------------------------------------------


def taxonomy(item: Taxonomy) -> dict[str, Any]:
    core = _present(
        {
            "id": str(item.uuid),
            "name": item.name,
            "description": item.description,
            "uri": item.uri,
            "version": item.version,
        },
        required=("description",),
    )
    return {**core, EXTENSION: {"code": item.code}}


def term_names(term: TaxonomyTerm) -> dict[str, str]:
    names = {code: getattr(term, f"name_{code}", "") for code in DOCUMENT_LANGUAGES}
    return {code: name for code, name in names.items() if name}


def taxonomy_term(term: TaxonomyTerm, language: str) -> dict[str, Any]:
    """Expects ``taxonomy`` and ``parent`` selected with the term."""
    names = term_names(term)
    core = _present(
        {
            "id": str(term.uuid),
            "code": term.code,
            "name": names.get(language) or term.name_nl,
            "description": term.description,
            "parent_id": str(term.parent.uuid) if term.parent else None,
            "taxonomy": term.taxonomy.name,
            "taxonomy_id": str(term.taxonomy.uuid),
            "language": language,
        },
        required=("description",),
    )
    return {**core, EXTENSION: {"names": names, "position": term.position}}


def life_domain_taxonomy(context: MapContext) -> dict[str, Any]:
    nis_code = context.municipality.nis_code
    return {
        "id": life_domain_taxonomy_id(nis_code),
        "name": context.life_domain_taxonomy_name,
        "description": context.life_domain_taxonomy_description,
        EXTENSION: {"code": f"life-domains-{nis_code}", "life_domains_of": nis_code},
    }


def life_domain_terms(context: MapContext) -> list[dict[str, Any]]:
    nis_code = context.municipality.nis_code
    names_of = context.life_domain_taxonomy_name
    return [
        {
            "id": life_domain_term_id(nis_code, entry.code),
            "code": entry.code,
            "name": entry.names.get(context.language) or entry.names.get("nl", entry.code),
            "description": "",
            "taxonomy": names_of,
            "taxonomy_id": life_domain_taxonomy_id(nis_code),
            "language": context.language,
            EXTENSION: {
                "names": entry.names,
                "position": entry.position,
                "life_domain": True,
                "rubric_ids": list(entry.rubric_ids),
            },
        }
        for entry in context.life_domains
    ]


def attribute(service_id: str, term: TaxonomyTerm, language: str) -> dict[str, Any]:
    return {
        "id": derived_id(service_id, "attribute", term.uuid),
        "link_id": service_id,
        "link_entity": "service",
        "link_type": term.taxonomy.code,
        "taxonomy_term_id": str(term.uuid),
        "taxonomy_term": taxonomy_term(term, language),
    }


# --- Services -------------------------------------------------------------------


def _texts(service: Service) -> dict[str, dict[str, str]]:
    return {
        text.language: {name: getattr(text, name) for name in TEXT_FIELDS}
        for text in sorted(service.texts.all(), key=lambda text: text.language)
    }


def _core_text(service: Service, language: str) -> dict[str, Any]:
    text = service.text(language)
    if text is None:
        return {"name": ""}
    return {
        "name": text.name,
        "alternate_name": text.alternate_name,
        "description": text.description,
        "eligibility_description": text.eligibility_description,
        "fees_description": text.fees_description,
        "application_process": text.application_process,
        "interpretation_services": text.interpretation_services,
    }


def service_summary(service: Service, language: str) -> dict[str, Any]:
    """The one-to-one fields of a service (service_list.json)."""
    return _present(
        {
            "id": str(service.uuid),
            "organization_id": str(service.organisation.uuid),
            **_core_text(service, language),
            "url": service.url,
            "email": service.email,
            "status": STATUS_TO_HSDS[PublicationStatus(service.status)],
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "assured_date": day(service.last_verified_on),
            "assurer_email": service.verified_by_email,
            "last_modified": moment(service.last_modified),
        },
        required=("name",),
    )


def service_minimal(service: Service, language: str) -> dict[str, Any]:
    """What ``minimal=true`` lists: enough to see what changed, and the required fields."""
    summary = service_summary(service, language)
    return {key: summary[key] for key in ("id", "name", "status", "last_modified")}


def _extension(service: Service, context: MapContext) -> dict[str, Any]:
    return {
        "texts": _texts(service),
        "is_free": service.is_free,
        "capacity": {
            "status": service.capacity,
            "waiting_days": service.waiting_days,
            "confirmed_at": moment(service.capacity_confirmed_at),
        },
        "accessibility": {
            name: {
                "score": getattr(service, f"{name}_score"),
                "remark": getattr(service, f"{name}_remark"),
            }
            for name, _dutch in FIVE_BS
        },
        "neighbourhoods": sorted(context.neighbourhoods.get(service.pk, [])),
    }


def _service_areas(service: Service, service_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": derived_id(service_id, "area", municipality.nis_code),
            "service_id": service_id,
            "name": municipality.name,
            EXTENSION: {"nis_code": municipality.nis_code},
        }
        for municipality in sorted(service.municipalities.all(), key=lambda m: m.nis_code)
    ]


def _required_documents(service: Service, service_id: str, language: str) -> list[dict[str, Any]]:
    text = service.text(language)
    lines = text.document_lines() if text is not None else []
    return [
        {
            "id": derived_id(service_id, "required_document", index),
            "service_id": service_id,
            "document": line,
        }
        for index, line in enumerate(lines)
    ]


def _languages(service: Service, service_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": derived_id(service_id, "language", code),
            "service_id": service_id,
            "code": code,
            "name": language_name(code),
        }
        for code in service.languages
    ]


def _phones(service: Service, service_id: str) -> list[dict[str, Any]]:
    if not service.phone:
        return []
    return [
        {"id": derived_id(service_id, "phone"), "service_id": service_id, "number": service.phone}
    ]


def _terms(service: Service) -> list[TaxonomyTerm]:
    return sorted(
        service.terms.all(), key=lambda term: (term.taxonomy.code, term.position, term.code)
    )


def service(item: Service, context: MapContext) -> dict[str, Any]:
    """A fully nested service (compiled/service.json), in the context's language."""
    service_id = str(item.uuid)
    language = context.language
    links = sorted(item.at_locations.all(), key=lambda link: str(link.uuid))
    return {
        **service_summary(item, language),
        "organization": organization(item.organisation),
        "phones": _phones(item, service_id),
        "schedules": schedules(
            item.schedules.all(), item.schedule_exceptions.all(), service_id=service_id
        ),
        "service_areas": _service_areas(item, service_id),
        "service_at_locations": [service_at_location(link) for link in links],
        "languages": _languages(item, service_id),
        "required_documents": _required_documents(item, service_id, language),
        "contacts": [],
        "funding": [],
        "cost_options": [],
        "attributes": [attribute(service_id, term, language) for term in _terms(item)],
        EXTENSION: _extension(item, context),
    }
