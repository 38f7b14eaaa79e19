"""Factories of the clients app: persons with their identity.

Written with the unscoped managers, so they work with or without an active
municipality (the route walk of the authorization matrix runs without one). They
store what ``person_register`` stores (identity, indexed name words) but write no
access-log entry: a factory makes the world a test starts from, not an event in it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import factory

from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import Identity, NameWord, Person
from sociaalhuis.tenants.tests.factories import TenantModelFactory

# Valid Belgian national register numbers of fictitious people (python-stdnum checks).
NUMBER_1985_07_30 = "85073003328"
NUMBER_1990_01_01 = "90010100123"

# Fields of Person itself; every other keyword a test passes belongs to the identity.
_PERSON_FIELDS = frozenset({"municipality", "merged_into"})


class PersonFactory(TenantModelFactory[Person]):
    """``PersonFactory(municipality=..., given_name="Jan", phone="055 ...")``.

    Traits: ``with_national_number=True`` (a valid number, born 30 July 1985).
    """

    class Meta:
        model = Person

    class Params:
        with_national_number = factory.Trait(
            national_number=NUMBER_1985_07_30, birth_date=date(1985, 7, 30)
        )

    given_name = "Anna"
    family_name = "Peeters"
    birth_date: Any = date(1980, 5, 17)
    national_number = ""

    @classmethod
    def _create(cls, model_class: type[Person], *args: Any, **kwargs: Any) -> Person:
        person_fields = {name: kwargs.pop(name) for name in list(kwargs) if name in _PERSON_FIELDS}
        person = Person.unscoped.create(**person_fields)
        search_name = search_name_for(kwargs["given_name"], kwargs["family_name"])
        Identity.unscoped.create(
            person=person, municipality=person.municipality, search_name=search_name, **kwargs
        )
        index_name_words(person, search_name)
        return person


def index_name_words(person: Person, search_name: str) -> None:
    """What ``clients.services.name_words_save`` does, outside a tenant context."""
    NameWord.unscoped.bulk_create(
        [
            NameWord(person=person, municipality_id=person.municipality_id, word=word)
            for word in sorted(set(search_name.split()))
        ]
    )
