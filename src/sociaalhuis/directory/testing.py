"""Building small social maps in tests (not used by the application)."""

from __future__ import annotations

import uuid
from datetime import time
from typing import Any

from django.utils import timezone

from sociaalhuis.directory.content import apply_snapshot
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    PublicationStatus,
    Schedule,
    Service,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import index_services
from sociaalhuis.tenants.models import Municipality


def make_service(
    organisation: Organisation,
    serves: list[Municipality],
    *,
    name: str = "Hulp bij huurachterstal",
    description: str = "Wij helpen u als u de huur niet meer kunt betalen.",
    keywords: str = "",
    french: dict[str, str] | None = None,
    status: str = PublicationStatus.PUBLISHED,
    terms: list[TaxonomyTerm] | None = None,
    **fields: Any,
) -> Service:
    texts: dict[str, dict[str, str]] = {
        "nl": {"name": name, "description": description, "keywords": keywords}
    }
    if french:
        texts["fr"] = french
    service = apply_snapshot(
        Service(organisation=organisation),
        {
            "organisation": str(organisation.uuid),
            "municipalities": [municipality.nis_code for municipality in serves],
            "terms": [str(term.uuid) for term in terms or []],
            "texts": texts,
            **fields,
        },
    )
    if status != service.status:
        Service.objects.filter(pk=service.pk).update(status=status)
        service.status = status
        index_services([service.pk])
    return service


def make_term(taxonomy_code: str, code: str, name_nl: str) -> TaxonomyTerm:
    taxonomy, _created = Taxonomy.objects.get_or_create(
        code=taxonomy_code, defaults={"name": taxonomy_code}
    )
    term, _created = TaxonomyTerm.objects.get_or_create(
        taxonomy=taxonomy, code=code, defaults={"name_nl": name_nl}
    )
    return term


def social_house(
    municipality: Municipality, *, opens: time = time(8, 30), closes: time = time(16, 0)
) -> Location:
    """A Sociaal Huis building open Monday to Friday."""
    location, created = Location.objects.get_or_create(
        social_house_of=municipality,
        defaults={"name": f"Sociaal Huis {municipality.name}", "street_address": "Markt 1"},
    )
    if created:
        for weekday in range(1, 6):
            Schedule.objects.create(
                location=location, weekday=weekday, opens_at=opens, closes_at=closes
            )
    return location


def example_service(organisation: Organisation, municipality: Municipality) -> Service:
    """One published service of ``organisation`` serving ``municipality`` (created once)."""
    marker = uuid.uuid5(uuid.NAMESPACE_URL, f"example/{organisation.pk}/{municipality.pk}")
    existing = Service.objects.filter(uuid=marker).first()
    if existing is not None:
        return existing
    organisation.municipalities.add(municipality)
    service = make_service(
        organisation, [municipality], name=f"Voorbeelddienst {organisation.name}"
    )
    Service.objects.filter(pk=service.pk).update(uuid=marker, last_verified_on=timezone.localdate())
    service.refresh_from_db()
    return service


def example_revision(service: Service) -> ServiceRevision:
    revision = service.revisions.filter(status=ServiceRevision.Status.PENDING).first()
    if revision is None:
        from sociaalhuis.directory.content import snapshot_of

        revision = ServiceRevision.objects.create(
            service=service,
            status=ServiceRevision.Status.PENDING,
            data=snapshot_of(service),
            base_version=service.version,
        )
    return revision
