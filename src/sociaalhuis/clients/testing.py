"""Building persons and households in tests (not used by the application).

These write with the unscoped managers, so they work with or without an active
municipality (the route examples of the authorization matrix run without one).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import (
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    NameWord,
    Person,
    PersonMerge,
)
from sociaalhuis.tenants.models import Municipality

# Valid Belgian national register numbers of fictitious people (python-stdnum checks).
NUMBER_1985_07_30 = "85073003328"
NUMBER_1990_01_01 = "90010100123"


def make_person(
    municipality: Municipality,
    given_name: str = "Anna",
    family_name: str = "Peeters",
    *,
    birth_date: date | None = date(1980, 5, 17),
    national_number: str = "",
    **identity: Any,
) -> Person:
    person = Person.unscoped.create(municipality=municipality)
    Identity.unscoped.create(
        person=person,
        municipality=municipality,
        given_name=given_name,
        family_name=family_name,
        birth_date=birth_date,
        national_number=national_number,
        search_name=search_name_for(given_name, family_name),
        **identity,
    )
    index_name_words(person, search_name_for(given_name, family_name))
    return person


def index_name_words(person: Person, search_name: str) -> None:
    """What ``clients.services.name_words_save`` does, outside a tenant context."""
    NameWord.unscoped.bulk_create(
        [
            NameWord(person=person, municipality_id=person.municipality_id, word=word)
            for word in sorted(set(search_name.split()))
        ]
    )


def example_person(municipality: Municipality, given_name: str = "Voorbeeld") -> Person:
    """One person per municipality and given name, made on first use."""
    found = Identity.unscoped.filter(
        municipality=municipality, given_name=given_name, family_name="Example"
    ).first()
    if found is not None:
        return Person.unscoped.get(pk=found.person_id)
    return make_person(municipality, given_name, "Example")


def example_household(municipality: Municipality) -> Household:
    household, created = Household.unscoped.get_or_create(
        municipality=municipality, name="Family Example"
    )
    if created:
        HouseholdMember.unscoped.create(
            municipality=municipality,
            household=household,
            person=example_person(municipality),
            relation="reference",
        )
    return household


def example_member(municipality: Municipality) -> HouseholdMember:
    return HouseholdMember.unscoped.filter(household=example_household(municipality)).earliest("pk")


def example_restriction(municipality: Municipality) -> ContactRestriction:
    restriction, _created = ContactRestriction.unscoped.get_or_create(
        municipality=municipality,
        person=example_person(municipality),
        channel="letter",
        lifted_at=None,
    )
    return restriction


def example_merge(municipality: Municipality, by: Any) -> PersonMerge:
    survivor = example_person(municipality, "Kept")
    duplicate = example_person(municipality, "Merged")
    merge = PersonMerge.unscoped.filter(survivor=survivor, duplicate=duplicate).first()
    if merge is None:
        merge = PersonMerge.unscoped.create(
            municipality=municipality,
            survivor=survivor,
            duplicate=duplicate,
            reason="Example",
            merged_by=by,
            merged_at=timezone.now(),
            moved={"clients.contactrestriction": 1},
        )
        Person.unscoped.filter(pk=duplicate.pk).update(merged_into=survivor)
    return merge
