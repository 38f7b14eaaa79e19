"""Example places and services of the social map: a Sociaal Huis, a partner's service."""

from __future__ import annotations

import uuid
from datetime import time

from django.utils import timezone

from sociaalhuis.directory.models import (
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceRevision,
)
from sociaalhuis.directory.tests.factories import ServiceFactory
from sociaalhuis.tenants.models import Municipality


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
    service = ServiceFactory.create(
        organisation=organisation,
        serves=[municipality],
        name=f"Voorbeelddienst {organisation.name}",
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
