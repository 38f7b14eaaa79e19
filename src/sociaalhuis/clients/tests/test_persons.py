"""Registering and correcting persons, look-up as you type, contact wishes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients import services
from sociaalhuis.clients.models import ContactRestriction, Identity, Person
from sociaalhuis.clients.queries import (
    active_restrictions,
    looks_like_national_number,
    person_lookup,
    restricted_channels,
)
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.clients.tests.factories import NUMBER_1985_07_30, PersonFactory
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.text import fold
from sociaalhuis.tenants.models import Neighbourhood, NeighbourhoodStreet
from sociaalhuis.testing import Cast


def _codes(error: ValidationError, field: str) -> list[str | None]:
    return [item.code for item in error.error_dict[field]]


def test_registering_a_person_keeps_the_identity_apart_and_records_it(cast: Cast) -> None:
    worker = cast.user("ronse", "reception")
    with cast.acting("ronse", "reception"):
        person = services.person_register(
            actor=worker,
            data=PersonInput(
                given_name="  Jan ",
                family_name="Peeters",
                national_number="85.07.30-033.28",
                gender="x",
                gender_description="genderfluid",
                interpreter_needed=True,
                preferred_language="other",
                other_language="Tigrinya",
            ),
        )
        identity = Identity.objects.get(person=person)
    assert identity.national_number == NUMBER_1985_07_30
    assert identity.given_name == "Jan"
    # The birth date is taken from the number when none was typed.
    assert identity.birth_date == date(1985, 7, 30)
    assert identity.search_name == "peeters jan"
    assert (person.interpreter_needed, person.other_language) == (True, "Tigrinya")
    assert person.municipality_id == cast.ronse.pk
    entry = AccessLogEntry.unscoped.get(person_id=person.pk)
    assert (entry.action, entry.actor) == ("create", worker)


@pytest.mark.parametrize(
    ("typed", "field", "code"),
    [
        ({"national_number": "85.07.30-033.29"}, "national_number", "invalid_national_number"),
        ({"national_number": "1234"}, "national_number", "invalid_national_number"),
        (
            {"birth_date": timezone.localdate() + timedelta(days=1)},
            "birth_date",
            "birth_date_in_future",
        ),
        (
            {"birth_date": date(1985, 7, 31), "national_number": NUMBER_1985_07_30},
            "birth_date",
            "birth_date_mismatch",
        ),
        ({"birth_date": date(1850, 1, 1)}, "birth_date", "birth_date_too_old"),
        ({"family_name": "  "}, "family_name", "required"),
        ({"preferred_language": "other"}, "other_language", "required"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_registered(
    cast: Cast, typed: dict, field: str, code: str
) -> None:
    data = PersonInput(**{"given_name": "Jan", "family_name": "Peeters", **typed})
    with cast.acting("ronse", "reception"):
        with pytest.raises(ValidationError) as raised:
            services.person_register(actor=cast.user("ronse", "reception"), data=data)
        assert not Person.objects.exists()
    assert code in _codes(raised.value, field)


@pytest.mark.parametrize("role", ["policy_coordinator", "partner_worker", "municipality_admin"])
def test_roles_outside_casework_cannot_register(cast: Cast, role: str) -> None:
    with cast.acting("ronse", role), pytest.raises(PermissionDenied):
        services.person_register(
            actor=cast.user("ronse", role),
            data=PersonInput(given_name="Jan", family_name="Peeters"),
        )


def _input_of(person: Person, **changes: object) -> PersonInput:
    identity = Identity.objects.get(person=person)
    data = PersonInput(
        given_name=identity.given_name,
        family_name=identity.family_name,
        birth_date=identity.birth_date,
        street=identity.street,
        house_number=identity.house_number,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_correcting_a_person_saves_a_new_version_and_records_it(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    worker = cast.user("ronse", "social_worker")
    with cast.acting("ronse", "social_worker"):
        updated = services.person_update(
            actor=worker,
            person=person,
            based_on_version=1,
            data=_input_of(person, phone="055 12 34 56", family_name="Peeters-Claes"),
        )
        identity = Identity.objects.get(person=person)
    assert updated.version == 2
    assert (identity.phone, identity.search_name) == ("055 12 34 56", "peeters claes anna")
    assert AccessLogEntry.unscoped.filter(person_id=person.pk, action="update").count() == 1


def test_a_concurrent_edit_raises_a_conflict_and_saves_nothing(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    with cast.acting("ronse", "reception"):
        services.person_update(
            actor=cast.user("ronse", "reception"),
            person=person,
            based_on_version=1,
            data=_input_of(person, phone="first"),
        )
        with pytest.raises(EditConflictError) as raised:
            services.person_update(
                actor=cast.user("ronse", "social_worker"),
                person=person,
                based_on_version=1,
                data=_input_of(person, phone="second"),
            )
        assert Identity.objects.get(person=person).phone == "first"
    current = raised.value.current
    assert isinstance(current, Person)
    assert current.version == 2


def test_a_merged_record_cannot_be_corrected(cast: Cast) -> None:
    survivor = PersonFactory.create(municipality=cast.ronse, given_name="Kept")
    merged = PersonFactory.create(municipality=cast.ronse, given_name="Merged")
    Person.unscoped.filter(pk=merged.pk).update(merged_into=survivor)
    with cast.acting("ronse", "reception"), pytest.raises(ValidationError) as raised:
        services.person_update(
            actor=cast.user("ronse", "reception"),
            person=merged,
            based_on_version=1,
            data=_input_of(merged),
        )
    assert raised.value.code == "merged"


def test_correcting_to_a_number_of_someone_else_is_refused(cast: Cast) -> None:
    PersonFactory.create(
        municipality=cast.ronse,
        given_name="Other",
        birth_date=None,
        national_number=NUMBER_1985_07_30,
    )
    person = PersonFactory.create(municipality=cast.ronse, birth_date=None)
    with cast.acting("ronse", "reception"), pytest.raises(services.DuplicateSuspectedError):
        services.person_update(
            actor=cast.user("ronse", "reception"),
            person=person,
            based_on_version=1,
            data=_input_of(person, national_number=NUMBER_1985_07_30),
        )


def test_the_neighbourhood_is_derived_from_the_street_list(cast: Cast) -> None:
    with cast.acting("ronse", "reception"):
        prinskouter = Neighbourhood.objects.get(name="Prinskouter")
        NeighbourhoodStreet.objects.create(
            neighbourhood=prinskouter,
            street="Sint-Martensstraat",
            street_key=fold("Sint-Martensstraat"),
            postcode="9600",
            first_number=1,
            last_number=99,
        )
        worker = cast.user("ronse", "reception")
        inside = services.person_register(
            actor=worker,
            data=PersonInput(
                given_name="Lien",
                family_name="Claes",
                street="sint martensstraat",
                house_number="12b",
                postcode="9600",
            ),
        )
        outside = services.person_register(
            actor=worker,
            data=PersonInput(
                given_name="Tom",
                family_name="Claes",
                street="Sint-Martensstraat",
                house_number="120",
                postcode="9600",
            ),
        )
        moved = services.person_update(
            actor=worker,
            person=inside,
            based_on_version=1,
            data=_input_of(inside, street="Elders", house_number="1"),
        )
    assert inside.neighbourhood == prinskouter
    assert outside.neighbourhood is None
    assert moved.neighbourhood is None


def test_look_up_by_words_date_and_number_never_shows_merged_or_other_municipalities(
    cast: Cast,
) -> None:
    jan = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Peeters",
        birth_date=date(1985, 7, 30),
    )
    Identity.unscoped.filter(person=jan).update(national_number=NUMBER_1985_07_30)
    PersonFactory.create(
        municipality=cast.ronse,
        given_name="Émile",
        family_name="Dupont-Lefèvre",
        birth_date=date(1985, 7, 30),
    )
    merged = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Peeters",
        birth_date=date(1985, 7, 30),
    )
    Person.unscoped.filter(pk=merged.pk).update(merged_into=jan)
    PersonFactory.create(
        municipality=cast.kortrijk,
        given_name="Jan",
        family_name="Peeters",
        birth_date=date(1985, 7, 30),
    )
    with cast.acting("ronse", "reception"):

        def found(text: str) -> list[str]:
            return [identity.full_name for identity in person_lookup(text)]

        assert found("jan pee") == ["Jan Peeters"]
        assert found("PEETERS") == ["Jan Peeters"]
        assert found("emile lefevre") == ["Émile Dupont-Lefèvre"]
        assert found("30/07/1985") == ["Émile Dupont-Lefèvre", "Jan Peeters"]
        assert found("jan 30/07/1985") == ["Jan Peeters"]
        assert found("85.07.30-033.28") == ["Jan Peeters"]
        assert found(NUMBER_1985_07_30) == ["Jan Peeters"]
        assert found("85073003329") == []  # an invalid number finds nobody
        assert found("") == []


def test_look_up_runs_the_same_few_queries_however_many_match(cast: Cast) -> None:
    for index in range(3):
        PersonFactory.create(
            municipality=cast.ronse, given_name=f"Jan{index}", family_name="Peeters"
        )

    def queries() -> int:
        with cast.acting("ronse", "reception"), CaptureQueriesContext(connection) as captured:
            rows = list(person_lookup("peeters"))
            [row.person.neighbourhood for row in rows]
        return len([q for q in captured.captured_queries if "SAVEPOINT" not in q["sql"]])

    few = queries()
    for index in range(3, 15):
        PersonFactory.create(
            municipality=cast.ronse, given_name=f"Jan{index}", family_name="Peeters"
        )
    # The matching ids, the identities, their persons and their neighbourhoods.
    assert queries() == few <= 4


def test_national_numbers_are_recognised_for_refusal_in_urls() -> None:
    assert looks_like_national_number("85.07.30-033.28")
    assert looks_like_national_number("peeters 850730")
    assert not looks_like_national_number("peeters 30/07/1985")
    assert not looks_like_national_number("jan peeters")


def test_contact_wishes_are_added_once_and_lifted(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    worker = cast.user("ronse", "reception")
    with cast.acting("ronse", "reception"):
        wish = services.restriction_add(
            actor=worker, person=person, channel="letter", note="Letters to the sister"
        )
        with pytest.raises(ValidationError) as raised:
            services.restriction_add(actor=worker, person=person, channel="letter")
        assert raised.value.code == "restriction_exists"
        assert restricted_channels(person) == {"letter"}
        services.restriction_lift(actor=worker, restriction=wish)
        services.restriction_lift(actor=worker, restriction=wish)  # twice: no effect
        assert not active_restrictions(person).exists()
        assert restricted_channels(None) == set()
        # Lifted, not deleted: the history stays, and the wish can be recorded anew.
        services.restriction_add(actor=worker, person=person, channel="letter")
        assert ContactRestriction.objects.filter(person=person).count() == 2
    assert AccessLogEntry.unscoped.filter(person_id=person.pk, action="update").count() == 3
