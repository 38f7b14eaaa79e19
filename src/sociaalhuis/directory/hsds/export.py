"""A municipality's whole map as one HSDS JSON document or a tabular datapackage.

The JSON document::

    {
      "hsds_version": "3.0",
      "profile": "https://docs.openreferral.org/en/3.0/",
      "language": "nl",                      # the texts in the core fields
      "municipality": {"nis_code": "45041", "name": "Ronse", "slug": "ronse"},
      "organizations": [organization, ...],  # with identifiers and phones
      "locations": [location, ...],          # with address, accessibility, own hours
      "taxonomies": [taxonomy, ...],         # shared ones, then the life domains
      "taxonomy_terms": [taxonomy_term, ...],
      "services": [service, ...],            # fully nested (compiled/service.json)
    }

Every list is sorted by id, and nothing in it depends on the time of the export, so
exporting twice gives the same bytes. The datapackage (``tabular``) holds the same
content as CSV files.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils import translation

from sociaalhuis.core import tenancy
from sociaalhuis.directory.hsds import queries, serialise, tabular
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE, HSDS_VERSION
from sociaalhuis.tenants.models import Municipality

HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/"

Document = dict[str, Any]


def _by_id(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda item: item["id"])


def build_document(municipality: Municipality, language: str = DEFAULT_LANGUAGE) -> Document:
    """The map of ``municipality`` with core texts in ``language``."""
    with tenancy.for_municipality(municipality.pk), translation.override(language):
        ids = list(queries.map_services(municipality).values_list("pk", flat=True))
        services = queries.services_in_order(ids)
        context = queries.map_context(
            municipality, language, service_ids=ids, with_life_domains=True
        )
        locations = queries.locations_with_everything(queries.map_locations(municipality))
        organisations = queries.map_organisations(municipality).prefetch_related("municipalities")
        taxonomies = [serialise.taxonomy(item) for item in queries.all_taxonomies()]
        terms = [serialise.taxonomy_term(term, language) for term in queries.all_terms()]
        if context.life_domains:
            taxonomies.append(serialise.life_domain_taxonomy(context))
            terms += serialise.life_domain_terms(context)
        return {
            "hsds_version": HSDS_VERSION,
            "profile": HSDS_PROFILE,
            "language": language,
            "municipality": {
                "nis_code": municipality.nis_code,
                "name": municipality.name,
                "slug": municipality.slug,
            },
            "organizations": _by_id([serialise.organization(o) for o in organisations]),
            "locations": _by_id([serialise.location(place) for place in locations]),
            "taxonomies": _by_id(taxonomies),
            "taxonomy_terms": _by_id(terms),
            "services": _by_id([serialise.service(item, context) for item in services]),
        }


def to_json(document: Document) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"


def export_json(municipality: Municipality, language: str = DEFAULT_LANGUAGE) -> bytes:
    return to_json(build_document(municipality, language))


def export_zip(municipality: Municipality, language: str = DEFAULT_LANGUAGE) -> bytes:
    return tabular.to_zip(build_document(municipality, language))


def filename(municipality: Municipality, language: str, extension: str) -> str:
    return f"sociaal-huis-{municipality.slug}-hsds-{language}.{extension}"
