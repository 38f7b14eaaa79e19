"""Where and under which rubrics a service is listed, and whether it is listed at all
(archive, republish)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from sociaalhuis.directory import rules
from sociaalhuis.directory.models import (
    LifeDomainTerm,
    PublicationStatus,
    Service,
    ServiceNeighbourhood,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import index_services
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


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
