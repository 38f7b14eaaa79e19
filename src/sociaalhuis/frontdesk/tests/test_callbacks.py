"""Callback requests: handed to a colleague or cell, done once, attempts, overdue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from sociaalhuis.accounts.models import CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import Channel, ContactRestriction, Person
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.frontdesk import services
from sociaalhuis.frontdesk.models import Callback, CallbackStatus
from sociaalhuis.frontdesk.tests.test_contacts import ClientFor, make_cell
from sociaalhuis.testing import Cast


@pytest.fixture
def reception(cast: Cast) -> Iterator[User]:
    with cast.acting("ronse", Role.RECEPTION):
        yield cast.user("ronse", Role.RECEPTION)


@pytest.fixture
def person(cast: Cast) -> Person:
    return PersonFactory.create(municipality=cast.ronse, phone="055 11 22 33")


def _request(cast: Cast, actor: User, person: Person | None = None, **fields: object) -> Callback:
    values: dict[str, object] = {
        "phone": "055 11 22 33",
        "message": "Vraag over de huurwaarborg",
        "due_at": timezone.now() + timedelta(hours=3),
        "to_user": cast.user("ronse", Role.SOCIAL_WORKER),
        "person": person,
        "caller_name": "" if person else "Mevrouw Claes",
    }
    values.update(fields)
    return services.callback_create(actor=actor, **values)  # type: ignore[arg-type]


def test_a_callback_request_is_created_and_audited(
    cast: Cast, reception: User, person: Person
) -> None:
    callback = _request(cast, reception, person)
    assert callback.status == CallbackStatus.OPEN
    assert AccessLogEntry.objects.filter(
        object_type="frontdesk.callback", object_id=str(callback.pk), person_id=person.pk
    ).exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"due_at": timezone.now() - timedelta(minutes=1)}, "due_at"),
        ({"phone": ""}, "phone"),
        ({"to_user": None}, "to_user"),
        ({"message": " "}, "message"),
    ],
)
def test_an_incomplete_callback_request_is_refused(
    cast: Cast, reception: User, fields: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        _request(cast, reception, **fields)
    assert field in raised.value.error_dict
    assert not Callback.objects.exists()


def test_the_recipient_marks_it_done_once(cast: Cast, reception: User, person: Person) -> None:
    callback = _request(cast, reception, person)
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.callback_done(actor=reception, callback=callback, result="Gebeld")
    services.callback_done(actor=worker, callback=callback, result="Afspraak gemaakt")
    callback.refresh_from_db()
    assert (callback.status, callback.done_by) == (CallbackStatus.DONE, worker)
    with pytest.raises(ValidationError) as raised:
        services.callback_done(actor=worker, callback=callback, result="Nog eens")
    assert raised.value.code == "callback_not_open"


def test_a_cell_member_can_act_on_a_callback_for_the_cell(cast: Cast, reception: User) -> None:
    cell = make_cell(cast.ronse)
    specialist = cast.user("ronse", Role.CELL_SPECIALIST)
    CellMember.objects.create(cell=cell, user=specialist)
    callback = _request(cast, reception, to_user=None, to_cell=cell)
    services.callback_attempt(actor=specialist, callback=callback)
    services.callback_attempt(actor=specialist, callback=callback)
    callback.refresh_from_db()
    assert callback.attempts == 2
    assert callback.status == CallbackStatus.OPEN


def test_the_sender_may_cancel_with_a_reason(cast: Cast, reception: User) -> None:
    callback = _request(cast, reception)
    with pytest.raises(ValidationError):
        services.callback_cancel(actor=reception, callback=callback, reason="")
    services.callback_cancel(actor=reception, callback=callback, reason="Zelf teruggebeld")
    callback.refresh_from_db()
    assert callback.status == CallbackStatus.CANCELLED


def test_an_overdue_callback_is_red_and_says_so(cast: Cast, client_for: ClientFor) -> None:
    reception = cast.user("ronse", Role.RECEPTION)
    overdue = Callback.unscoped.create(
        municipality=cast.ronse,
        caller_name="Laat",
        phone="055",
        message="Te laat",
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        due_at=timezone.now() - timedelta(hours=1),
        created_by=reception,
    )
    Callback.unscoped.create(
        municipality=cast.ronse,
        caller_name="Gedaan",
        phone="055",
        message="Klaar",
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        due_at=timezone.now() - timedelta(hours=1),
        status=CallbackStatus.DONE,
        created_by=reception,
    )
    assert overdue.is_overdue
    client = client_for(reception)
    body = client.get("/desk/callbacks/sent/").content.decode()
    assert body.count('class="overdue"') == 1
    assert "Overdue" in body
    assert "Done" in body
    detail = client.get(f"/desk/callbacks/{overdue.pk}/").content.decode()
    assert "Overdue" in detail


def test_the_callback_form_warns_about_phone_wishes_and_keeps_the_input(
    cast: Cast, client_for: ClientFor, person: Person
) -> None:
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=person, channel=Channel.VOICEMAIL
    )
    client = client_for(cast.user("ronse", Role.RECEPTION))
    page = client.get(f"/desk/callbacks/new/?person={person.pk}").content.decode()
    assert "warning-box" in page
    assert "055 11 22 33" in page
    response = client.post(
        f"/desk/callbacks/new/?person={person.pk}",
        {"person": person.pk, "phone": "055 11 22 33", "message": "Over de energiepremie"},
    )
    assert response.status_code == 400
    assert "Over de energiepremie" in response.content.decode()
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    due = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        "/desk/callbacks/new/",
        {
            "person": person.pk,
            "phone": "055 11 22 33",
            "message": "Over de energiepremie",
            "to_user": worker.pk,
            "due_at": due,
        },
    )
    assert response.status_code == 302
    assert Callback.unscoped.get().person_id == person.pk


def test_the_recipient_records_the_result_on_the_page(cast: Cast, client_for: ClientFor) -> None:
    callback = Callback.unscoped.create(
        municipality=cast.ronse,
        caller_name="Beller",
        phone="055",
        message="Bel terug",
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        due_at=timezone.now() + timedelta(hours=1),
        created_by=cast.user("ronse", Role.RECEPTION),
    )
    worker = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    url = f"/desk/callbacks/{callback.pk}/"
    assert worker.post(url, {"action": "done", "result": ""}).status_code == 400
    assert worker.post(url, {"action": "attempt"}).status_code == 302
    assert worker.post(url, {"action": "done", "result": "Geholpen"}).status_code == 302
    callback.refresh_from_db()
    assert (callback.status, callback.attempts) == (CallbackStatus.DONE, 1)


def test_others_do_not_see_a_callback(cast: Cast, client_for: ClientFor) -> None:
    ronse = Callback.unscoped.create(
        municipality=cast.ronse,
        caller_name="Beller",
        phone="055",
        message="Bel terug",
        to_user=cast.user("ronse", Role.SOCIAL_WORKER),
        due_at=timezone.now() + timedelta(hours=1),
        created_by=cast.user("ronse", Role.RECEPTION),
    )
    kortrijk = Callback.unscoped.create(
        municipality=cast.kortrijk,
        caller_name="Beller",
        phone="056",
        message="Bel terug",
        to_user=cast.user("kortrijk", Role.SOCIAL_WORKER),
        due_at=timezone.now() + timedelta(hours=1),
        created_by=cast.user("kortrijk", Role.RECEPTION),
    )
    specialist = client_for(cast.user("ronse", Role.CELL_SPECIALIST))
    assert specialist.get(f"/desk/callbacks/{ronse.pk}/").status_code == 404
    reception = client_for(cast.user("ronse", Role.RECEPTION))
    assert reception.get(f"/desk/callbacks/{kortrijk.pk}/").status_code == 404
    assert (
        client_for(cast.user("ronse", Role.PARTNER_WORKER))
        .get(f"/desk/callbacks/{ronse.pk}/")
        .status_code
        == 403
    )
