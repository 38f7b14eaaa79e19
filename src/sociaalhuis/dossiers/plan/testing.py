"""An example dossier with a step plan and a consent, for tests (not used by the application).

Built with the unscoped managers so it works outside a tenant context (the route
walk of the authorization matrix); the social worker manages it and the cell
specialist is on its care team, so both reach its plan pages.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.models import Consent, Identity, Person
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    Goal,
    Step,
    StepPlan,
    TeamRole,
)
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast


def make_dossier(cast: Cast, slug: str, *, team: tuple[str, ...] = ()) -> Dossier:
    """A fresh open dossier of a new person, managed by the social worker of ``slug``."""
    municipality = cast.municipalities[slug]
    manager = cast.user(slug, Role.SOCIAL_WORKER)
    person = Person.unscoped.create(municipality=municipality)
    count = Dossier.unscoped.filter(municipality=municipality).count()
    dossier = Dossier.unscoped.create(
        municipality=municipality,
        reference=f"2001-{count + 1:04d}",
        person=person,
        reason="Test",
        manager=manager,
        opened_by=manager,
    )
    CareTeamMember.unscoped.create(
        municipality=municipality,
        dossier=dossier,
        user=manager,
        role=TeamRole.MANAGER,
        added_by=manager,
    )
    for role in team:
        CareTeamMember.unscoped.create(
            municipality=municipality,
            dossier=dossier,
            user=cast.user(slug, role),
            role=TeamRole.OTHER,
            added_by=manager,
        )
    return dossier


def example_plan_dossier(cast: Cast, slug: str) -> Dossier:
    municipality = cast.municipalities[slug]
    manager = cast.user(slug, Role.SOCIAL_WORKER)
    reference = "2000-9001"
    found = Dossier.unscoped.filter(municipality=municipality, reference=reference).first()
    if found is not None:
        return found
    person = Person.unscoped.create(municipality=municipality)
    Identity.unscoped.create(
        municipality=municipality,
        person=person,
        given_name="Plan",
        family_name=f"Voorbeeld {slug}",
        search_name=f"voorbeeld {slug} plan",
    )
    dossier = Dossier.unscoped.create(
        municipality=municipality,
        reference=reference,
        person=person,
        reason="Example for the plan pages",
        manager=manager,
        opened_by=manager,
    )
    for user, role in (
        (manager, TeamRole.MANAGER),
        (cast.user(slug, Role.CELL_SPECIALIST), TeamRole.CELL_SPECIALIST),
    ):
        CareTeamMember.unscoped.create(
            municipality=municipality, dossier=dossier, user=user, role=role, added_by=manager
        )
    plan = StepPlan.unscoped.create(municipality=municipality, dossier=dossier)
    goal = Goal.unscoped.create(
        municipality=municipality,
        plan=plan,
        life_domain=LifeDomain.unscoped.filter(municipality=municipality).order_by("pk")[0],
        description="Stable housing",
    )
    Step.unscoped.create(
        municipality=municipality,
        goal=goal,
        dossier=dossier,
        description="Call the landlord",
        owner=manager,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    Consent.unscoped.create(
        municipality=municipality,
        person=person,
        purpose="referral",
        scope="Example consent",
        given_on=timezone.localdate(),
        recorded_by=manager,
        dossier_id=dossier.pk,
    )
    return dossier


def example_goal(cast: Cast, slug: str) -> Goal:
    return Goal.unscoped.filter(plan__dossier=example_plan_dossier(cast, slug)).order_by("pk")[0]


def example_step(cast: Cast, slug: str) -> Step:
    return Step.unscoped.filter(dossier=example_plan_dossier(cast, slug)).order_by("pk")[0]


def example_consent(cast: Cast, slug: str) -> Consent:
    dossier = example_plan_dossier(cast, slug)
    assert dossier.person_id is not None, "the example dossier is a person's"
    return Consent.unscoped.filter(person_id=dossier.person_id).order_by("pk")[0]
