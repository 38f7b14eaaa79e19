"""An example dossier with a step plan and a consent.

The social worker manages it and the cell specialist is on its care team, so both
reach its plan pages.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.models import Consent
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.dossiers.models import (
    Dossier,
    Goal,
    Step,
    StepPlan,
    TeamRole,
)
from sociaalhuis.dossiers.tests.factories import CareTeamMemberFactory, DossierFactory
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing.cast import Cast


def example_plan_dossier(cast: Cast, slug: str) -> Dossier:
    municipality = cast.municipalities[slug]
    manager = cast.user(slug, Role.SOCIAL_WORKER)
    reference = "2000-9001"
    found = Dossier.unscoped.filter(municipality=municipality, reference=reference).first()
    if found is not None:
        return found
    person = PersonFactory.create(
        municipality=municipality,
        given_name="Plan",
        family_name=f"Voorbeeld {slug}",
        birth_date=None,
    )
    dossier = DossierFactory.create(
        municipality=municipality,
        reference=reference,
        person=person,
        reason="Example for the plan pages",
        manager=manager,
    )
    CareTeamMemberFactory.create(
        dossier=dossier,
        user=cast.user(slug, Role.CELL_SPECIALIST),
        role=TeamRole.CELL_SPECIALIST,
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
