"""Every URL pattern of the project, with example arguments to request it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sociaalhuis.accounts.models import Membership
from sociaalhuis.core.testing import Cast
from sociaalhuis.directory.models import (
    ImportJob,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from sociaalhuis.directory.testing import example_revision, example_service, social_house


def _service(cast: Cast, slug: str) -> Service:
    return example_service(cast.organisations[slug], cast.municipalities[slug])


def _schedule(cast: Cast, slug: str) -> Schedule:
    service = _service(cast, slug)
    location = social_house(cast.municipalities[slug])
    schedule, _created = Schedule.objects.get_or_create(
        service=service,
        location=location,
        weekday=2,
        defaults={"opens_at": "09:00", "closes_at": "11:00"},
    )
    return schedule


@dataclass(frozen=True)
class Route:
    name: str
    pattern: str
    takes_arguments: bool


def walk(
    patterns: list[Any] | None = None, namespace: str = "", prefix: str = ""
) -> Iterator[Route]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield Route(
                name=f"{namespace}{entry.name}" if entry.name else "",
                pattern=prefix + str(entry.pattern),
                takes_arguments=bool(entry.pattern.regex.groups),
            )


# Arguments for routes that take them, as a function of the cast and the municipality
# whose objects the request should address.
EXAMPLE_ARGUMENTS: dict[str, Callable[[Cast, str], dict[str, Any]]] = {
    "accounts:member_detail": lambda cast, slug: {"user_id": cast.user(slug, "reception").pk},
    "accounts:member_add_role": lambda cast, slug: {"user_id": cast.user(slug, "reception").pk},
    "accounts:member_reinvite": lambda cast, slug: {"user_id": cast.user(slug, "reception").pk},
    "accounts:member_revoke_role": lambda cast, slug: {
        "membership_id": Membership.objects.get(
            user=cast.user(slug, "reception"), role="reception"
        ).pk
    },
    "accounts:password_reset_confirm": lambda cast, slug: {"uidb64": "MQ", "token": "set-password"},
    "accounts:invitation_accept": lambda cast, slug: {"uidb64": "MQ", "token": "set-password"},
    "map:search": lambda cast, slug: {"municipality": slug},
    "map:today": lambda cast, slug: {"municipality": slug},
    "map:service": lambda cast, slug: {
        "municipality": slug,
        "service_id": _service(cast, slug).pk,
    },
    **{
        f"directory:{name}": lambda cast, slug: {"service_id": _service(cast, slug).pk}
        for name in (
            "service",
            "service_edit",
            "service_capacity",
            "service_verify",
            "service_history",
            "service_hours",
            "service_status",
        )
    },
    **{
        f"directory:{name}": lambda cast, slug: {"organisation_id": cast.organisations[slug].pk}
        for name in ("organisation", "organisation_edit", "service_create")
    },
    "directory:schedule_remove": lambda cast, slug: {"schedule_id": _schedule(cast, slug).pk},
    "directory:location_edit": lambda cast, slug: {
        "location_id": social_house(cast.municipalities[slug]).pk
    },
    "directory:review": lambda cast, slug: {
        "revision_id": example_revision(_service(cast, slug)).pk
    },
    # Open Referral HSDS API: the municipality's map, and one object of it
    **{
        f"api:hsds_{name}": lambda cast, slug: {"municipality": slug}
        for name in (
            "root",
            "services",
            "organizations",
            "service_at_locations",
            "locations",
            "schedules",
            "taxonomies",
            "taxonomy_terms",
        )
    },
    "api:hsds_service": lambda cast, slug: {"municipality": slug, "id": _service(cast, slug).uuid},
    "api:hsds_organization": lambda cast, slug: {
        "municipality": slug,
        "id": _service(cast, slug).organisation.uuid,
    },
    "api:hsds_location": lambda cast, slug: {
        "municipality": slug,
        "id": social_house(cast.municipalities[slug]).uuid,
    },
    "api:hsds_service_at_location": lambda cast, slug: {
        "municipality": slug,
        "id": ServiceAtLocation.objects.get_or_create(
            service=_service(cast, slug), location=social_house(cast.municipalities[slug])
        )[0].uuid,
    },
    "api:hsds_taxonomy": lambda cast, slug: {
        "municipality": slug,
        "id": TaxonomyTerm.objects.order_by("pk")[0].taxonomy.uuid,
    },
    "directory:export": lambda cast, slug: {"format": "json"},
    "directory:import_job": lambda cast, slug: {
        "job_id": ImportJob.unscoped.get_or_create(
            municipality=cast.municipalities[slug], filename="example.json"
        )[0].uuid
    },
    "api:hsds_taxonomy_term": lambda cast, slug: {
        "municipality": slug,
        "id": TaxonomyTerm.objects.order_by("pk")[0].uuid,
    },
}


def url_for(route: Route, cast: Cast, slug: str) -> str:
    arguments = EXAMPLE_ARGUMENTS[route.name](cast, slug) if route.takes_arguments else {}
    return reverse(route.name, kwargs=arguments)
