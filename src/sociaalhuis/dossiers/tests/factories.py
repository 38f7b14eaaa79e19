"""Factories of the dossiers app: dossiers and their care teams.

Written with the unscoped managers and without the services: no access-log entry
and no number from the numbering service. A factory's dossier reference comes from a
sequence in the year 2001, which no test clock reaches, so it never collides with a
number the service hands out.
"""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    DossierStatus,
    StatusChange,
    TeamRole,
)
from sociaalhuis.tenants.tests.factories import TenantModelFactory


class DossierFactory(TenantModelFactory[Dossier]):
    """``DossierFactory.create(municipality=..., manager=worker)``: an open dossier.

    Like one opened by ``dossier_open``: an "opened" status change, and the manager
    (if any) on the care team; ``opened_by`` defaults to the manager. The person is a
    new one unless given.

    Traits: ``closed=True`` (closed now, with its "closed" status change).
    """

    class Meta:
        model = Dossier

    class Params:
        closed = factory.Trait(
            status=DossierStatus.CLOSED, closed_at=factory.LazyFunction(timezone.now)
        )

    reference = factory.Sequence(lambda n: f"2001-{n + 1:04d}")
    person = factory.SubFactory(PersonFactory, municipality=factory.SelfAttribute("..municipality"))
    reason = "Rent arrears and an eviction notice."
    manager: Any = None
    opened_by = factory.LazyAttribute(lambda dossier: dossier.manager)

    @classmethod
    def _create(cls, model_class: type[Dossier], *args: Any, **kwargs: Any) -> Dossier:
        dossier = Dossier.unscoped.create(**kwargs)
        StatusChange.unscoped.create(
            municipality=dossier.municipality,
            dossier=dossier,
            kind=StatusChange.Kind.OPENED,
            reason=dossier.reason,
            by=dossier.opened_by,
        )
        if dossier.status == DossierStatus.CLOSED:
            StatusChange.unscoped.create(
                municipality=dossier.municipality,
                dossier=dossier,
                kind=StatusChange.Kind.CLOSED,
                reason="Closed by the factory.",
                by=dossier.opened_by,
            )
        if dossier.manager is not None:
            CareTeamMemberFactory.create(
                dossier=dossier, user=dossier.manager, role=TeamRole.MANAGER
            )
        return dossier


class CareTeamMemberFactory(TenantModelFactory[CareTeamMember]):
    """``CareTeamMemberFactory.create(dossier=..., user=..., role=TeamRole.CELL_SPECIALIST)``."""

    class Meta:
        model = CareTeamMember

    municipality = factory.SelfAttribute("dossier.municipality")
    role = TeamRole.SOCIAL_WORKER
    added_by: Any = factory.LazyAttribute(lambda member: member.dossier.opened_by)
