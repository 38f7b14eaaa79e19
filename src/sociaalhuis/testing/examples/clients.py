"""Example persons, households, contact wishes and merges (one of each per municipality)."""

from __future__ import annotations

from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.models import (
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    Person,
    PersonMerge,
)
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.tenants.models import Municipality


def example_person(municipality: Municipality, given_name: str = "Voorbeeld") -> Person:
    """One person per municipality and given name, made on first use."""
    found = Identity.unscoped.filter(
        municipality=municipality, given_name=given_name, family_name="Example"
    ).first()
    if found is not None:
        return Person.unscoped.get(pk=found.person_id)
    return PersonFactory.create(
        municipality=municipality, given_name=given_name, family_name="Example"
    )


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


def example_merge(municipality: Municipality, by: User) -> PersonMerge:
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
