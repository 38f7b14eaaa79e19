"""Merging two records of one person: everything moves, nothing is lost, all audited."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients import services
from sociaalhuis.clients.models import (
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    Person,
    PersonMerge,
)
from sociaalhuis.clients.tests.factories import NUMBER_1985_07_30, PersonFactory
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.models import Appointment, Contact, HelpQuestion
from sociaalhuis.tenants.models import LifeDomain
from sociaalhuis.testing import Cast


def _records_of(cast: Cast, person: Person) -> None:
    """A contact with a question, a dossier and an appointment (made by other apps)."""
    worker = cast.user("ronse", "social_worker")
    contact = Contact.objects.create(
        channel="desk", person=person, registered_by=worker, idempotency_key=uuid.uuid4()
    )
    HelpQuestion.objects.create(
        contact=contact,
        person=person,
        life_domain=LifeDomain.objects.get(code="huisvesting"),
        outcome="answered",
        created_by=worker,
    )
    Dossier.objects.create(
        reference=f"2026-{person.pk}", person=person, reason="Rent arrears", opened_by=worker
    )
    starts = timezone.now() + timedelta(days=2)
    Appointment.objects.create(
        kind="office",
        person=person,
        worker=worker,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=30),
        purpose="Budget",
        created_by=worker,
    )


def test_a_merge_moves_every_record_and_keeps_both_identities(cast: Cast) -> None:
    survivor = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Peeters",
        national_number=NUMBER_1985_07_30,
    )
    duplicate = PersonFactory.create(
        municipality=cast.ronse, given_name="Jan", family_name="Peters", phone="0470 00 00 00"
    )
    worker = cast.user("ronse", "social_worker")
    with cast.acting("ronse", "social_worker"):
        _records_of(cast, duplicate)
        services.restriction_add(actor=worker, person=duplicate, channel="voicemail")
        merge = services.person_merge(
            actor=worker, survivor=survivor, duplicate=duplicate, reason="Registered twice"
        )
        for model in (Contact, HelpQuestion, Dossier, Appointment, ContactRestriction):
            assert model.objects.filter(person=survivor).count() == 1, model
            assert not model.objects.filter(person=duplicate).exists(), model
        duplicate.refresh_from_db()
        assert duplicate.merged_into == survivor
        # Both identities stay as they were.
        assert Identity.objects.get(person=duplicate).family_name == "Peters"
        assert Identity.objects.get(person=survivor).family_name == "Peeters"
    stored = PersonMerge.unscoped.get(pk=merge.pk)
    assert stored.survivor_before["national_number"] == NUMBER_1985_07_30
    assert stored.duplicate_before["phone"] == "0470 00 00 00"
    assert stored.duplicate_before["box"] == ""
    assert stored.moved == {
        "frontdesk.contact": 1,
        "frontdesk.helpquestion": 1,
        "dossiers.dossier": 1,
        "frontdesk.appointment": 1,
        "clients.contactrestriction": 1,
    }
    for person in (survivor, duplicate):
        entry = AccessLogEntry.unscoped.filter(person_id=person.pk, action="update").latest("pk")
        assert "Registered twice" in entry.reason


def test_shared_households_and_wishes_are_closed_on_the_duplicates_side(cast: Cast) -> None:
    survivor = PersonFactory.create(municipality=cast.ronse, given_name="Jan")
    duplicate = PersonFactory.create(municipality=cast.ronse, given_name="Jan2")
    worker = cast.user("ronse", "reception")
    with cast.acting("ronse", "reception"):
        household = services.household_create(actor=worker, name="Family Peeters")
        for person in (survivor, duplicate):
            services.household_member_add(
                actor=worker, household=household, person=person, relation="reference"
            )
            services.restriction_add(actor=worker, person=person, channel="letter")
        services.person_merge(actor=worker, survivor=survivor, duplicate=duplicate, reason="Twice")
        members = HouseholdMember.objects.filter(household=household)
        assert members.filter(left_on__isnull=True).count() == 1
        assert members.count() == 2  # nothing deleted
        assert ContactRestriction.objects.filter(lifted_at__isnull=True).count() == 1
        assert Household.objects.count() == 1


@pytest.mark.parametrize(
    ("case", "code"),
    [("itself", "same_person"), ("merged", "already_merged"), ("no_reason", "no_reason")],
)
def test_a_merge_is_refused_for_the_same_or_an_already_merged_record(
    cast: Cast, case: str, code: str
) -> None:
    survivor = PersonFactory.create(municipality=cast.ronse, given_name="Jan")
    other = PersonFactory.create(municipality=cast.ronse, given_name="Jan2")
    reason = "" if case == "no_reason" else "Twice"
    if case == "merged":
        Person.unscoped.filter(pk=other.pk).update(
            merged_into=PersonFactory.create(municipality=cast.ronse, given_name="Jan3")
        )
    duplicate = survivor if case == "itself" else other
    with cast.acting("ronse", "reception"), pytest.raises(ValidationError) as raised:
        services.person_merge(
            actor=cast.user("ronse", "reception"),
            survivor=survivor,
            duplicate=duplicate,
            reason=reason,
        )
    assert raised.value.code == code
    assert not PersonMerge.unscoped.exists()


def test_merging_into_a_merged_record_is_refused(cast: Cast) -> None:
    target = PersonFactory.create(municipality=cast.ronse, given_name="Jan")
    Person.unscoped.filter(pk=target.pk).update(
        merged_into=PersonFactory.create(municipality=cast.ronse, given_name="Jan3")
    )
    with cast.acting("ronse", "reception"), pytest.raises(ValidationError) as raised:
        services.person_merge(
            actor=cast.user("ronse", "reception"),
            survivor=target,
            duplicate=PersonFactory.create(municipality=cast.ronse, given_name="Jan2"),
            reason="Twice",
        )
    assert raised.value.code == "already_merged"


def test_only_reception_and_social_workers_merge(cast: Cast) -> None:
    with cast.acting("ronse", "cell_specialist"), pytest.raises(PermissionDenied):
        services.person_merge(
            actor=cast.user("ronse", "cell_specialist"),
            survivor=PersonFactory.create(municipality=cast.ronse, given_name="Jan"),
            duplicate=PersonFactory.create(municipality=cast.ronse, given_name="Jan2"),
            reason="Twice",
        )
