"""The desk's pages record what they show: a person picked for the queue, and each
look-up as you type (one entry per search, as on the person search page)."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.testing import Cast

ClientFor = Callable[[User], Client]


def test_the_queue_form_for_a_chosen_person_records_the_read(
    cast: Cast, client_for: ClientFor
) -> None:
    person = PersonFactory.create(municipality=cast.ronse, given_name="Els", family_name="Wouters")
    client = client_for(cast.user("ronse", Role.RECEPTION))
    response = client.get(f"/desk/queue/new/?person={person.pk}")
    assert response.status_code == 200
    assert "Wouters" in response.content.decode()
    reads = AccessLogEntry.unscoped.filter(person_id=person.pk, action="read")
    assert list(reads.values_list("object_type", "path")) == [
        ("clients.person", f"/desk/queue/new/?person={person.pk}")
    ]


def test_another_municipalitys_person_is_not_offered_to_the_queue_or_recorded(
    cast: Cast, client_for: ClientFor
) -> None:
    person = PersonFactory.create(
        municipality=cast.kortrijk, given_name="Els", family_name="Wouters"
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    response = client.get(f"/desk/queue/new/?person={person.pk}")
    assert "Wouters" not in response.content.decode()
    assert not AccessLogEntry.unscoped.filter(person_id=person.pk).exists()


def test_each_look_up_as_you_type_records_one_search(cast: Cast, client_for: ClientFor) -> None:
    for index in range(3):
        PersonFactory.create(
            municipality=cast.ronse, given_name=f"Els{index}", family_name="Wouters"
        )
    reception = cast.user("ronse", Role.RECEPTION)
    client = client_for(reception)
    assert "Wouters" in client.post("/desk/look-up/", {"person_query": "wout"}).content.decode()
    searches = AccessLogEntry.unscoped.filter(actor=reception, object_type="clients.person")
    assert list(searches.values_list("action", "person_id")) == [("read", None)]
