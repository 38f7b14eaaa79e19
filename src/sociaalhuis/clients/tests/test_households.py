"""Households: members with their relation, who join and leave with a date."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients import services
from sociaalhuis.clients.models import HouseholdMember, Person
from sociaalhuis.clients.queries import household_members, person_households
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.testing import Cast


def test_a_household_with_members_and_their_relations(cast: Cast) -> None:
    mother = PersonFactory.create(
        municipality=cast.ronse, given_name="Sara", family_name="Janssens"
    )
    child = PersonFactory.create(municipality=cast.ronse, given_name="Noor", family_name="Janssens")
    worker = cast.user("ronse", "social_worker")
    with cast.acting("ronse", "social_worker"):
        household = services.household_create(actor=worker, name=" Family Janssens ")
        services.household_member_add(
            actor=worker, household=household, person=mother, relation="reference"
        )
        services.household_member_add(
            actor=worker,
            household=household,
            person=child,
            relation="child",
            joined_on=date(2020, 1, 1),
        )
        [link] = person_households(mother)
        assert link.membership.get_relation_display() == "Reference person"
        assert [member.person for member in link.others] == [child]
        assert [m.relation for m in household_members(household)] == ["reference", "child"]
    assert household.name == "Family Janssens"
    assert AccessLogEntry.unscoped.filter(person_id=child.pk, action="update").exists()


def test_a_member_is_added_once_and_never_a_merged_record(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    merged = PersonFactory.create(municipality=cast.ronse, given_name="Merged")
    Person.unscoped.filter(pk=merged.pk).update(merged_into=person)
    merged.refresh_from_db()
    worker = cast.user("ronse", "reception")
    with cast.acting("ronse", "reception"):
        household = services.household_create(actor=worker, name="Family")
        services.household_member_add(
            actor=worker, household=household, person=person, relation="reference"
        )
        with pytest.raises(ValidationError) as twice:
            services.household_member_add(
                actor=worker, household=household, person=person, relation="partner"
            )
        with pytest.raises(ValidationError) as merged_error:
            services.household_member_add(
                actor=worker, household=household, person=merged, relation="partner"
            )
    assert (twice.value.code, merged_error.value.code) == ("already_member", "merged")


def test_a_member_leaves_with_a_date_and_may_return(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    worker = cast.user("ronse", "reception")
    with cast.acting("ronse", "reception"):
        household = services.household_create(actor=worker, name="Family")
        member = services.household_member_add(
            actor=worker,
            household=household,
            person=person,
            relation="partner",
            joined_on=date(2024, 5, 1),
        )
        with pytest.raises(ValidationError) as early:
            services.household_member_leave(actor=worker, member=member, left_on=date(2024, 4, 1))
        services.household_member_leave(actor=worker, member=member, left_on=date(2025, 1, 31))
        services.household_member_add(
            actor=worker, household=household, person=person, relation="partner"
        )
        links = person_households(person)
        assert [link.membership.left_on for link in links] == [None, date(2025, 1, 31)]
        assert HouseholdMember.objects.count() == 2
    assert early.value.code == "left_before_joined"


def test_a_household_needs_a_name_and_a_casework_role(cast: Cast) -> None:
    with cast.acting("ronse", "reception"), pytest.raises(ValidationError):
        services.household_create(actor=cast.user("ronse", "reception"), name="  ")
    with cast.acting("ronse", "policy_coordinator"), pytest.raises(PermissionDenied):
        services.household_create(actor=cast.user("ronse", "policy_coordinator"), name="Family")
