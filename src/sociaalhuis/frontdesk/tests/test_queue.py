"""The waiting queue: tickets per day, calling, two workers at once, done and left."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.frontdesk import services
from sociaalhuis.frontdesk.models import Contact, QueueEntry, QueueStatus
from sociaalhuis.frontdesk.tests.test_contacts import ClientFor
from sociaalhuis.testing import Cast, queries_for


@pytest.fixture
def reception(cast: Cast) -> Iterator[User]:
    with cast.acting("ronse", Role.RECEPTION):
        yield cast.user("ronse", Role.RECEPTION)


def test_arrivals_get_the_next_ticket_of_the_day(cast: Cast, reception: User) -> None:
    first = services.queue_add(actor=reception, label="Man met rode jas", reason="Leefloon")
    second = services.queue_add(
        actor=reception, person=PersonFactory.create(municipality=cast.ronse)
    )
    assert (first.ticket, second.ticket) == (1, 2)
    assert first.day == timezone.localdate()


def test_an_arrival_needs_a_person_or_a_label(reception: User) -> None:
    with pytest.raises(ValidationError):
        services.queue_add(actor=reception, reason="Iets")


def test_the_second_worker_calling_the_same_person_is_told_who_helps(
    cast: Cast, reception: User
) -> None:
    entry = services.queue_add(actor=reception, label="Dame met hond")
    services.queue_call(actor=reception, entry=entry, desk="1")
    other = cast.user("ronse", Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError) as raised:
        services.queue_call(actor=other, entry=entry, desk="2")
    assert raised.value.code == "already_taken"
    entry.refresh_from_db()
    assert (entry.helper, entry.desk) == (reception, "1")


def test_call_next_skips_who_a_colleague_just_called(cast: Cast, reception: User) -> None:
    first = services.queue_add(actor=reception, label="Eerste")
    second = services.queue_add(actor=reception, label="Tweede")
    services.queue_call(actor=cast.user("ronse", Role.SOCIAL_WORKER), entry=first)
    called = services.queue_call_next(actor=reception, desk="3")
    assert called is not None
    assert called.pk == second.pk
    assert services.queue_call_next(actor=reception) is None


def test_left_and_done_close_an_entry_once(reception: User) -> None:
    entry = services.queue_add(actor=reception, label="Bezoeker")
    services.queue_left(actor=reception, entry=entry)
    entry.refresh_from_db()
    assert entry.status == QueueStatus.LEFT
    with pytest.raises(ValidationError):
        services.queue_done(actor=reception, entry=entry)


def test_a_partner_cannot_use_the_queue(cast: Cast) -> None:
    with (
        cast.acting("ronse", Role.PARTNER_WORKER),
        pytest.raises(PermissionDenied),
    ):
        services.queue_add(actor=cast.user("ronse", Role.PARTNER_WORKER), label="X")


def test_the_queue_page_works_without_javascript_and_polls_with_it(
    cast: Cast, client_for: ClientFor
) -> None:
    client = client_for(cast.user("ronse", Role.RECEPTION))
    response = client.post("/desk/queue/new/", {"label": "Man met pet", "reason": "Energie"})
    assert response.status_code == 302
    body = client.get("/desk/queue/").content.decode()
    assert "Man met pet" in body
    assert 'hx-trigger="every 10s"' in body
    assert 'href="/desk/queue/"' in body  # the manual refresh link
    entry = QueueEntry.unscoped.get(label="Man met pet")
    assert f'action="/desk/queue/{entry.pk}/call/"' in body
    assert client.get("/desk/queue/list/").status_code == 200


def test_two_workers_take_the_same_person_through_the_screen(
    cast: Cast, client_for: ClientFor
) -> None:
    entry = QueueEntry.unscoped.create(
        municipality=cast.ronse,
        ticket=1,
        label="Bezoeker",
        created_by=cast.user("ronse", "reception"),
    )
    first = client_for(cast.user("ronse", Role.RECEPTION))
    second = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    assert first.post(f"/desk/queue/{entry.pk}/call/", {"desk": "1"}).status_code == 302
    page = second.post(f"/desk/queue/{entry.pk}/call/", {"desk": "2"}, follow=True)
    assert "already helping number 1" in page.content.decode()


def test_done_leads_to_the_registration_with_the_person_filled_in(
    cast: Cast, client_for: ClientFor
) -> None:
    person = PersonFactory.create(municipality=cast.ronse, given_name="Sara", family_name="Desmet")
    entry = QueueEntry.unscoped.create(
        municipality=cast.ronse,
        ticket=1,
        person=person,
        status=QueueStatus.HELPING,
        created_by=cast.user("ronse", "reception"),
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    response = client.post(f"/desk/queue/{entry.pk}/done/")
    assert response["Location"] == f"/desk/?queue={entry.pk}&person={person.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "Desmet" in page
    assert f'name="queue" value="{entry.pk}"' in page


def test_the_queue_page_takes_the_same_queries_for_few_or_many_waiting(
    cast: Cast, client_for: ClientFor
) -> None:
    reception = cast.user("ronse", "reception")
    client = client_for(reception)

    def add(ticket: int, status: str = QueueStatus.WAITING) -> None:
        QueueEntry.unscoped.create(
            municipality=cast.ronse,
            ticket=ticket,
            person=PersonFactory.create(
                municipality=cast.ronse, given_name=f"P{ticket}", family_name="Wachtend"
            ),
            status=status,
            helper=reception if status == QueueStatus.HELPING else None,
            created_by=reception,
        )

    add(1)
    add(2, QueueStatus.HELPING)
    few = queries_for(client, "/desk/queue/list/")
    for ticket in range(3, 15):
        add(ticket, QueueStatus.WAITING if ticket % 2 else QueueStatus.HELPING)
    assert queries_for(client, "/desk/queue/list/") == few


def test_an_entry_of_another_municipality_is_not_found(cast: Cast, client_for: ClientFor) -> None:
    entry = QueueEntry.unscoped.create(
        municipality=cast.kortrijk,
        ticket=1,
        label="Kortrijk",
        created_by=cast.user("kortrijk", "reception"),
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    assert client.post(f"/desk/queue/{entry.pk}/call/").status_code == 404
    entry.refresh_from_db()
    assert entry.status == QueueStatus.WAITING


def test_the_registered_contact_is_linked_to_the_queue_entry(
    cast: Cast, client_for: ClientFor
) -> None:
    import uuid

    from sociaalhuis.frontdesk.tests.test_contacts import _form_data, life_domain

    entry = QueueEntry.unscoped.create(
        municipality=cast.ronse,
        ticket=1,
        label="Bezoeker",
        status=QueueStatus.DONE,
        created_by=cast.user("ronse", "reception"),
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    data = _form_data(
        uuid.uuid4(),
        anonymous="on",
        queue=str(entry.pk),
        **{
            "q-0-life_domain": str(life_domain(cast.ronse).pk),
            "q-0-outcome": "answered",
            "q-0-answer": "Openingsuren OCMW",
        },
    )
    assert client.post("/desk/", data).status_code == 302
    entry.refresh_from_db()
    assert entry.contact == Contact.unscoped.get()
