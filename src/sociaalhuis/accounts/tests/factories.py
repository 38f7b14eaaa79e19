"""Factories of the accounts app: users and their roles in a municipality."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.directory.tests.factories import OrganisationFactory
from sociaalhuis.tenants.tests.factories import MunicipalityFactory

TEST_PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")

    @factory.post_generation
    def password(user: User, create: bool, extracted: str | None, **kwargs: Any) -> None:
        user.set_password(extracted or TEST_PASSWORD)
        if create:
            user.save(update_fields=["password"])


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.RECEPTION
    organisation = factory.Maybe(
        factory.LazyAttribute(lambda membership: membership.role == Role.PARTNER_WORKER),
        yes_declaration=factory.SubFactory(OrganisationFactory),
        no_declaration=None,
    )
