"""Pages that show a person's name record the read: the contact-wish, lift and
leave-the-household pages once showed the name with no access-log entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.testing import Cast
from sociaalhuis.testing.examples.clients import example_member, example_person, example_restriction

ClientFor = Callable[[User], Client]


@pytest.fixture
def reception(cast: Cast, client_for: ClientFor) -> Client:
    return client_for(cast.user("ronse", "reception"))


def _reads_of(person_id: int) -> list[tuple[str, str, str]]:
    return list(
        AccessLogEntry.unscoped.filter(person_id=person_id, action="read").values_list(
            "object_type", "actor__email", "path"
        )
    )


def test_the_lift_a_contact_wish_page_records_the_read_of_the_person(
    cast: Cast, reception: Client
) -> None:
    restriction = example_restriction(cast.ronse)
    url = f"/clients/wishes/{restriction.pk}/lift/"
    response = reception.get(url)
    assert response.status_code == 200
    assert restriction.person.identity.full_name in response.content.decode()
    assert _reads_of(restriction.person_id) == [
        ("clients.contactrestriction", "reception@ronse.test", url)
    ]


def test_the_leave_the_household_page_records_the_read_of_the_member(
    cast: Cast, reception: Client
) -> None:
    member = example_member(cast.ronse)
    url = f"/clients/households/members/{member.pk}/leave/"
    response = reception.get(url)
    assert response.status_code == 200
    assert member.person.identity.full_name in response.content.decode()
    assert _reads_of(member.person_id) == [("clients.household", "reception@ronse.test", url)]


def test_the_contact_wish_form_records_the_read_of_the_person(
    cast: Cast, reception: Client
) -> None:
    person = example_person(cast.ronse)
    url = f"/clients/{person.pk}/wishes/new/"
    response = reception.get(url)
    assert response.status_code == 200
    assert _reads_of(person.pk) == [("clients.person", "reception@ronse.test", url)]


def test_another_municipalitys_contact_wish_is_not_found_and_records_no_read(
    cast: Cast, reception: Client
) -> None:
    restriction = example_restriction(cast.kortrijk)
    assert reception.get(f"/clients/wishes/{restriction.pk}/lift/").status_code == 404
    assert _reads_of(restriction.person_id) == []
