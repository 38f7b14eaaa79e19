"""Duplicate detection on registration: the same number, or a similar name with the
same birth date (tolerant of accents, word order and typos)."""

from __future__ import annotations

from datetime import date

import pytest

from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients import services
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.clients.queries import duplicate_candidates
from sociaalhuis.clients.services import DuplicateSuspectedError, PersonInput
from sociaalhuis.clients.tests.factories import NUMBER_1985_07_30, PersonFactory
from sociaalhuis.testing import Cast

BORN = date(1985, 7, 30)


def _register(cast: Cast, given: str, family: str, **extra: object) -> Person:
    confirmed = bool(extra.pop("confirmed_new", False))
    return services.person_register(
        actor=cast.user("ronse", "reception"),
        data=PersonInput(given_name=given, family_name=family, **extra),  # type: ignore[arg-type]
        confirmed_new=confirmed,
    )


def test_the_same_national_number_is_always_refused(cast: Cast) -> None:
    existing = PersonFactory.create(
        municipality=cast.ronse,
        given_name="Jan",
        family_name="Peeters",
        national_number=NUMBER_1985_07_30,
    )
    with cast.acting("ronse", "reception"):
        with pytest.raises(DuplicateSuspectedError) as raised:
            _register(
                cast, "Totally", "Different", national_number=NUMBER_1985_07_30, confirmed_new=True
            )
        assert Person.objects.count() == 1
    [candidate] = raised.value.candidates
    assert candidate.same_number
    assert candidate.person == existing


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        (("Émile", "Dupont-Lefèvre"), ("Emile", "Dupont Lefevre")),
        (("Émile", "Dupont-Lefèvre"), ("Dupont-Lefèvre", "Émile")),  # names swapped
        (("Mohamed", "El Amrani"), ("Mohammed", "El Amrani")),
        (("Lieselot", "Vandamme"), ("Lieselotte", "Van Damme")),
        (("Jan", "Peeters"), ("jan", "peters")),
    ],
)
def test_a_similar_name_with_the_same_birth_date_is_suspected(
    cast: Cast, registered: tuple[str, str], typed: tuple[str, str]
) -> None:
    given_name, family_name = registered
    existing = PersonFactory.create(
        municipality=cast.ronse, given_name=given_name, family_name=family_name, birth_date=BORN
    )
    with cast.acting("ronse", "reception"), pytest.raises(DuplicateSuspectedError) as raised:
        _register(cast, *typed, birth_date=BORN)
    assert [c.person for c in raised.value.candidates] == [existing]
    assert not raised.value.candidates[0].same_number


@pytest.mark.parametrize(
    ("typed", "born"),
    [
        (("Sofie", "Verhaeghe"), BORN),  # another name, the same birth date
        (("Mohamed", "Benali"), BORN),
        (("Mohamed", "El Amrani"), date(1985, 7, 31)),  # the same name, another day
    ],
)
def test_someone_else_is_not_suspected(cast: Cast, typed: tuple[str, str], born: date) -> None:
    PersonFactory.create(
        municipality=cast.ronse, given_name="Mohamed", family_name="El Amrani", birth_date=BORN
    )
    with cast.acting("ronse", "reception"):
        person = _register(cast, *typed, birth_date=born)
    assert person.pk


def test_the_worker_can_confirm_it_is_someone_else(cast: Cast) -> None:
    PersonFactory.create(
        municipality=cast.ronse, given_name="Mohamed", family_name="El Amrani", birth_date=BORN
    )
    with cast.acting("ronse", "reception"):
        person = _register(cast, "Mohammed", "El Amrani", birth_date=BORN, confirmed_new=True)
        assert Person.objects.count() == 2
    entry = AccessLogEntry.unscoped.get(person_id=person.pk, action="create")
    assert entry.reason  # registered despite a similar person: the log says so


def test_merged_records_and_other_municipalities_are_no_candidates(cast: Cast) -> None:
    kept = PersonFactory.create(
        municipality=cast.ronse, given_name="Jan", family_name="Peeters", birth_date=BORN
    )
    merged = PersonFactory.create(
        municipality=cast.ronse, given_name="Jan", family_name="Peeters", birth_date=BORN
    )
    Person.unscoped.filter(pk=merged.pk).update(merged_into=kept)
    PersonFactory.create(
        municipality=cast.kortrijk,
        given_name="Lien",
        family_name="Claes",
        birth_date=None,
        national_number=NUMBER_1985_07_30,
    )
    with cast.acting("ronse", "reception"):
        found = duplicate_candidates(
            given_name="Jan",
            family_name="Peeters",
            birth_date=BORN,
            national_number=NUMBER_1985_07_30,
        )
        assert [candidate.person for candidate in found] == [kept]
        # Kortrijk's person with that number does not stop Ronse registering it.
        person = _register(cast, "Lien", "Claes", national_number=NUMBER_1985_07_30)
        assert Identity.objects.get(person=person).national_number == NUMBER_1985_07_30


def test_without_birth_date_or_number_nothing_is_compared(cast: Cast) -> None:
    PersonFactory.create(
        municipality=cast.ronse, given_name="Jan", family_name="Peeters", birth_date=None
    )
    with cast.acting("ronse", "reception"):
        assert _register(cast, "Jan", "Peeters").pk
