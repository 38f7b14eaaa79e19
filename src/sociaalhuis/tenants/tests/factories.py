"""Factories of the tenants app: municipalities and their reference rows.

``TenantModelFactory`` is the base of every factory of a tenant-owned model, in this
app and the apps above it.
"""

from __future__ import annotations

from typing import Any, TypeVar

import factory
from factory.django import DjangoModelFactory

from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

_T = TypeVar("_T")


class MunicipalityFactory(DjangoModelFactory[Municipality]):
    class Meta:
        model = Municipality
        django_get_or_create = ("nis_code",)

    nis_code = factory.Sequence(lambda n: f"{90000 + n:05d}")
    name = factory.Sequence(lambda n: f"Testgemeente {n}")
    slug = factory.Sequence(lambda n: f"testgemeente-{n}")
    languages = factory.LazyFunction(lambda: ["nl"])


class TenantModelFactory(DjangoModelFactory[_T]):
    """Creates tenant rows for a named municipality, without needing an active one.

    Writes go through the unscoped manager: a factory is trusted test code, and the
    route walk of the authorization matrix builds its examples outside any request.
    """

    class Meta:
        abstract = True

    # Any: subclasses take the municipality from a parent row (factory.SelfAttribute).
    municipality: Any = factory.SubFactory(MunicipalityFactory)

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
