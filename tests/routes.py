"""Every URL pattern of the project, with example arguments to request it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from sociaalhuis.accounts.models import Membership
from sociaalhuis.directory.models import (
    ImportJob,
    Schedule,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
)
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.appointments import example_appointment, example_availability
from sociaalhuis.testing.examples.casework_settings import (
    example_cell,
    example_right,
    example_street,
    example_topic,
)
from sociaalhuis.testing.examples.clients import (
    example_household,
    example_merge,
    example_person,
    example_restriction,
)
from sociaalhuis.testing.examples.clients import example_member as example_household_member
from sociaalhuis.testing.examples.directory import example_revision, example_service, social_house
from sociaalhuis.testing.examples.dossiers import (
    example_attachment,
    example_dossier,
    example_member,
    example_note,
)
from sociaalhuis.testing.examples.plans import (
    example_consent,
    example_goal,
    example_plan_dossier,
    example_step,
)


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
    # -- dossier examples --: a dossier managed by the social worker, cell specialist on the team
    **{
        f"dossiers:{name}": lambda cast, slug: {"dossier_id": example_dossier(cast, slug).pk}
        for name in (
            "detail",
            "edit",
            "take_on",
            "manager",
            "team",
            "close",
            "reopen",
            "notes",
            "attachments",
            "break_glass",
        )
    },
    "dossiers:team_remove": lambda cast, slug: {
        "dossier_id": example_dossier(cast, slug).pk,
        "member_id": example_member(cast, slug).pk,
    },
    "dossiers:note": lambda cast, slug: {
        "dossier_id": example_dossier(cast, slug).pk,
        "note_id": example_note(cast, slug).pk,
    },
    "dossiers:attachment_download": lambda cast, slug: {
        "dossier_id": example_dossier(cast, slug).pk,
        "attachment_id": example_attachment(cast, slug).uuid,
    },
    # -- plan examples --: a dossier with a plan, the social worker managing it
    **{
        f"dossierplan:{name}": lambda cast, slug: {
            "dossier_id": example_plan_dossier(cast, slug).pk
        }
        for name in (
            "plan",
            "plan_create",
            "plan_review",
            "late",
            "goal_add",
            "housing",
            "rights",
            "consents",
        )
    },
    **{
        f"dossierplan:{name}": lambda cast, slug: {
            "dossier_id": example_plan_dossier(cast, slug).pk,
            "goal_id": example_goal(cast, slug).pk,
        }
        for name in ("goal_edit", "step_add")
    },
    **{
        f"dossierplan:{name}": lambda cast, slug: {
            "dossier_id": example_plan_dossier(cast, slug).pk,
            "step_id": example_step(cast, slug).pk,
        }
        for name in ("step_edit", "step_done")
    },
    "dossierplan:consent_withdraw": lambda cast, slug: {
        "dossier_id": example_plan_dossier(cast, slug).pk,
        "consent_id": example_consent(cast, slug).pk,
    },
    # -- frontdesk examples --: a contact, a queue entry and a callback (reception to social worker)
    "frontdesk:contact": lambda cast, slug: {"contact_id": _frontdesk_contact(cast, slug).pk},
    **{
        f"frontdesk:{name}": lambda cast, slug: {"entry_id": _frontdesk_queue_entry(cast, slug).pk}
        for name in ("queue_call", "queue_done", "queue_left")
    },
    "frontdesk:callback": lambda cast, slug: {"callback_id": _frontdesk_callback(cast, slug).pk},
    # -- casework configuration examples --
    "casework:cell_edit": lambda cast, slug: {"cell_id": example_cell(cast, slug).pk},
    "casework:topic_edit": lambda cast, slug: {"topic_id": example_topic(cast, slug).pk},
    "casework:right_edit": lambda cast, slug: {"right_id": example_right(cast, slug).pk},
    "casework:street_edit": lambda cast, slug: {"street_id": example_street(cast, slug).pk},
    "casework:street_remove": lambda cast, slug: {"street_id": example_street(cast, slug).pk},
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
    # Clients and households
    **{
        f"clients:{name}": lambda cast, slug: {
            "person_id": example_person(cast.municipalities[slug]).pk
        }
        for name in ("person", "reveal_number", "edit", "restriction_add", "merge_pick")
    },
    "clients:merge_compare": lambda cast, slug: {
        "person_id": example_person(cast.municipalities[slug]).pk,
        "other_id": example_person(cast.municipalities[slug], "Tweede").pk,
    },
    "clients:merge_result": lambda cast, slug: {
        "merge_id": example_merge(cast.municipalities[slug], cast.user(slug, "reception")).pk
    },
    "clients:restriction_lift": lambda cast, slug: {
        "restriction_id": example_restriction(cast.municipalities[slug]).pk
    },
    **{
        f"clients:{name}": lambda cast, slug: {
            "household_id": example_household(cast.municipalities[slug]).pk
        }
        for name in ("household", "household_member_add")
    },
    "clients:member_leave": lambda cast, slug: {
        "member_id": example_household_member(cast.municipalities[slug]).pk
    },
    "api:hsds_taxonomy_term": lambda cast, slug: {
        "municipality": slug,
        "id": TaxonomyTerm.objects.order_by("pk")[0].uuid,
    },
    # Worklists
    "worklist:question_take_on": lambda cast, slug: {
        "question_id": _worklist_question(cast, slug).pk
    },
}


# Appointments
EXAMPLE_ARGUMENTS.update(
    {
        **{
            f"appointments:{name}": lambda cast, slug: {
                "appointment_id": example_appointment(
                    cast.municipalities[slug], cast.user(slug, "social_worker")
                ).pk
            }
            for name in ("detail", "cancel", "outcome", "reschedule", "download")
        },
        "appointments:availability_end": lambda cast, slug: {
            "availability_id": example_availability(
                cast.municipalities[slug], cast.user(slug, "social_worker")
            ).pk
        },
        "appointments:feed": lambda cast, slug: {"municipality": slug, "token": "not-a-token"},
    }
)


# FHIR referral API and partner tokens (referrals/api.py, referrals/tokens/views.py)
def _fhir_referral(cast: Cast, slug: str) -> dict[str, Any]:
    from sociaalhuis.testing.examples.referrals import example_referral

    return {"referral_id": str(example_referral(cast, slug).pk)}


EXAMPLE_ARGUMENTS.update(
    {
        **{
            f"api:fhir_{name}": _fhir_referral
            for name in ("service_request", "task", "task_update")
        },
        # Revoking takes only POST: the walk's GET answers 405 before any look-up.
        "referrals:token_revoke": lambda cast, slug: {"token_id": 1},
    }
)


# Referral pages: the example referral is seen by reception (it sent it), the social
# worker and cell specialist (its dossier's care team) and the partner worker (its
# receiver), so every role the matrix lets in reaches it from one side or the other.
EXAMPLE_ARGUMENTS.update(
    {
        f"referrals:{name}": _fhir_referral
        for name in ("detail", "edit", "send", "transition", "message", "book")
    }
)


def url_for(route: Route, cast: Cast, slug: str) -> str:
    arguments = EXAMPLE_ARGUMENTS[route.name](cast, slug) if route.takes_arguments else {}
    return reverse(route.name, kwargs=arguments)


# --- Worklists -----------------------------------------------------------------------


def _worklist_question(cast: Cast, slug: str) -> Any:
    """An open question of the municipality, left for nobody's cell in particular."""
    from uuid import uuid4

    from sociaalhuis.frontdesk.models import Contact, HelpQuestion
    from sociaalhuis.tenants.models import LifeDomain

    municipality = cast.municipalities[slug]
    worker = cast.user(slug, "reception")
    contact = Contact.unscoped.create(
        municipality=municipality, channel="desk", registered_by=worker, idempotency_key=uuid4()
    )
    return HelpQuestion.unscoped.create(
        municipality=municipality,
        contact=contact,
        life_domain=LifeDomain.unscoped.filter(municipality=municipality).order_by("pk")[0],
        outcome="open",
        created_by=worker,
    )


# --- Front desk ----------------------------------------------------------------------


def _frontdesk_contact(cast: Cast, slug: str) -> Any:
    from uuid import uuid4

    from sociaalhuis.frontdesk.models import Contact

    return Contact.unscoped.create(
        municipality=cast.municipalities[slug],
        channel="phone",
        registered_by=cast.user(slug, "reception"),
        idempotency_key=uuid4(),
    )


def _frontdesk_queue_entry(cast: Cast, slug: str) -> Any:
    from django.db.models import Max

    from sociaalhuis.frontdesk.models import QueueEntry

    municipality = cast.municipalities[slug]
    last = QueueEntry.unscoped.filter(municipality=municipality).aggregate(last=Max("ticket"))
    return QueueEntry.unscoped.create(
        municipality=municipality,
        ticket=(last["last"] or 0) + 1,
        label="Example visitor",
        created_by=cast.user(slug, "reception"),
    )


def _frontdesk_callback(cast: Cast, slug: str) -> Any:
    from datetime import timedelta

    from django.utils import timezone

    from sociaalhuis.frontdesk.models import Callback

    return Callback.unscoped.create(
        municipality=cast.municipalities[slug],
        caller_name="Example caller",
        phone="055 00 00 00",
        message="Example callback",
        to_user=cast.user(slug, "social_worker"),
        due_at=timezone.now() + timedelta(hours=2),
        created_by=cast.user(slug, "reception"),
    )
