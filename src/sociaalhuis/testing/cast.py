"""The fixed cast of test people.

Two municipalities (Ronse and Kortrijk), one user per role in each, and an outsider
with an account but no role anywhere. Built once per test session (see the root
``conftest.py``); tests roll back whatever they change.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.tests.factories import MembershipFactory, UserFactory
from sociaalhuis.directory.models import Organisation
from sociaalhuis.directory.tests.factories import OrganisationFactory
from sociaalhuis.tenants.models import Municipality
from sociaalhuis.tenants.tests.factories import (
    LifeDomainFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
)
from sociaalhuis.testing.acting import act_as


@dataclass
class Cast:
    ronse: Municipality
    kortrijk: Municipality
    outsider: User
    users: dict[tuple[str, str], User] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)

    def user(self, municipality: str, role: str) -> User:
        return self.users[(municipality, role)]

    def acting(self, municipality: str, role: str) -> AbstractContextManager[User]:
        """``with cast.acting("ronse", Role.RECEPTION) as desk:``: ``act_as`` for the cast."""
        return act_as(self.user(municipality, role), self.municipalities[municipality])

    @property
    def municipalities(self) -> dict[str, Municipality]:
        return {"ronse": self.ronse, "kortrijk": self.kortrijk}


# Rows that exist only in Kortrijk; no page of Ronse may ever show them.
KORTRIJK_ONLY_MARKERS = ("Overleie-Kortrijk-only", "Wonen-Kortrijk-only", "kortrijk.test")


def build_cast() -> Cast:
    ronse = MunicipalityFactory.create(
        nis_code="45041", name="Ronse", slug="ronse", languages=["nl", "fr"]
    )
    kortrijk = MunicipalityFactory.create(nis_code="34022", name="Kortrijk", slug="kortrijk")
    cast = Cast(
        ronse=ronse,
        kortrijk=kortrijk,
        outsider=UserFactory.create(email="outsider@nowhere.test", full_name="Otto Outsider"),
    )
    cast.organisations["ronse"] = OrganisationFactory.create(
        name="Huurdersbond Oost-Vlaanderen vzw", serves=[ronse]
    )
    cast.organisations["kortrijk"] = OrganisationFactory.create(
        name="Samenlevingsopbouw West-Vlaanderen vzw", serves=[kortrijk]
    )
    for slug, municipality in cast.municipalities.items():
        for role in Role.values:
            user = UserFactory.create(
                email=f"{role}@{slug}.test", full_name=f"{municipality.name} {Role(role).label}"
            )
            organisation = cast.organisations[slug] if role == Role.PARTNER_WORKER else None
            MembershipFactory.create(
                user=user, municipality=municipality, role=role, organisation=organisation
            )
            cast.users[(slug, role)] = user
    NeighbourhoodFactory.create(municipality=ronse, name="Prinskouter", is_attention_area=True)
    LifeDomainFactory.create(
        municipality=ronse,
        code="huisvesting",
        name_nl="Huisvesting",
        name_fr="Logement",
        name_en="Housing",
    )
    NeighbourhoodFactory.create(
        municipality=kortrijk, name="Overleie-Kortrijk-only", is_attention_area=True
    )
    LifeDomainFactory.create(
        municipality=kortrijk,
        code="wonen",
        name_nl="Wonen-Kortrijk-only",
        name_en="Wonen-Kortrijk-only",
    )
    return cast
