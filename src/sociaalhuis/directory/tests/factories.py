"""Factories of the directory app: organisations of the social map."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from sociaalhuis.directory.models import Organisation
from sociaalhuis.tenants.models import Municipality


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
