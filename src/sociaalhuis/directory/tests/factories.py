"""Factories of the directory app: organisations and services of the social map."""

from __future__ import annotations

from typing import Any

import factory
from factory.django import DjangoModelFactory

from sociaalhuis.directory.content import apply_snapshot
from sociaalhuis.directory.models import (
    Organisation,
    PublicationStatus,
    Service,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import index_services
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


class ServiceFactory(factory.Factory[Service]):
    """A service of the social map, stored the way the editing pages store one.

    ``_create`` goes through ``apply_snapshot`` (as the content service does), so the
    service has its translated texts, municipalities, terms, version and search index
    like one made in the application. ``serves`` lists the municipalities it serves;
    ``french`` adds a French text ({"name": ..., "description": ...}).

    Traits: ``draft=True``, ``archived=True`` (published otherwise).
    """

    class Meta:
        model = Service

    class Params:
        draft = factory.Trait(status=PublicationStatus.DRAFT)
        archived = factory.Trait(status=PublicationStatus.ARCHIVED)

    organisation = factory.SubFactory(OrganisationFactory)
    serves: Any = factory.LazyFunction(list)
    name = "Hulp bij huurachterstal"
    description = "Wij helpen u als u de huur niet meer kunt betalen."
    keywords = ""
    french: Any = None
    status = PublicationStatus.PUBLISHED
    terms: Any = factory.LazyFunction(list)

    @classmethod
    def _build(cls, model_class: type[Service], *args: Any, **kwargs: Any) -> Service:
        raise NotImplementedError("A service is built by storing a snapshot: use create().")

    @classmethod
    def _create(cls, model_class: type[Service], *args: Any, **kwargs: Any) -> Service:
        organisation: Organisation = kwargs.pop("organisation")
        serves: list[Municipality] = kwargs.pop("serves")
        terms: list[TaxonomyTerm] = kwargs.pop("terms")
        french: dict[str, str] | None = kwargs.pop("french")
        status: str = kwargs.pop("status")
        texts: dict[str, dict[str, str]] = {
            "nl": {
                "name": kwargs.pop("name"),
                "description": kwargs.pop("description"),
                "keywords": kwargs.pop("keywords"),
            }
        }
        if french:
            texts["fr"] = french
        service = apply_snapshot(
            Service(organisation=organisation),
            {
                "organisation": str(organisation.uuid),
                "municipalities": [municipality.nis_code for municipality in serves],
                "terms": [str(term.uuid) for term in terms],
                "texts": texts,
                **kwargs,
            },
        )
        if status != service.status:
            Service.objects.filter(pk=service.pk).update(status=status)
            service.status = status
            index_services([service.pk])
        return service


class TaxonomyFactory(DjangoModelFactory[Taxonomy]):
    class Meta:
        model = Taxonomy
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"taxonomie-{n}")
    name = factory.SelfAttribute("code")


class TaxonomyTermFactory(DjangoModelFactory[TaxonomyTerm]):
    """A term, made once per taxonomy and code: ``taxonomy__code="needs", code="debt"``."""

    class Meta:
        model = TaxonomyTerm
        django_get_or_create = ("taxonomy", "code")

    taxonomy = factory.SubFactory(TaxonomyFactory)
    code = factory.Sequence(lambda n: f"term-{n}")
    name_nl = factory.Sequence(lambda n: f"Term {n}")
