"""factory_boy factories for tests: sensible defaults, obviously fictitious values."""

from __future__ import annotations

from typing import Any, TypeVar

import factory
from factory.django import DjangoModelFactory

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.directory.models import Organisation
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

_T = TypeVar("_T")

TEST_PASSWORD = "correct-horse-battery-staple"  # noqa: S105


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")
    languages = factory.LazyFunction(lambda: ["nl"])


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


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Testorganisatie {n} vzw")

    @factory.post_generation
    def serves(
        organisation: Organisation,
        create: bool,
        extracted: list[Municipality] | None,
        **kwargs: Any,
    ) -> None:
        if create and extracted:
            organisation.municipalities.add(*extracted)


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


class TenantModelFactory(DjangoModelFactory[_T]):
    """Creates tenant rows for a named municipality, without needing an active one."""

    class Meta:
        abstract = True

    municipality = factory.SubFactory(MunicipalityFactory)

    @classmethod
    def _get_manager(cls, model_class: type[Any]) -> Any:
        return model_class.unscoped


class NeighbourhoodFactory(TenantModelFactory[Neighbourhood]):
    class Meta:
        model = Neighbourhood

    name = factory.Sequence(lambda n: f"Wijk {n}")
    is_attention_area = False


class LifeDomainFactory(TenantModelFactory[LifeDomain]):
    class Meta:
        model = LifeDomain

    code = factory.Sequence(lambda n: f"domein-{n}")
    name_nl = factory.Sequence(lambda n: f"Leefdomein {n}")
