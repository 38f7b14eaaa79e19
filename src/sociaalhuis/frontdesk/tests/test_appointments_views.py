"""Appointment screens, the e-mail confirmation and the iCalendar feed and download."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from icalendar import Calendar

from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import Channel, ContactRestriction, Language
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.frontdesk.appointments import services
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    Availability,
    AvailabilityMode,
    CalendarFeed,
)
from sociaalhuis.frontdesk.tests.factories import AppointmentFactory, at
from sociaalhuis.testing import Cast, queries_for

ClientFor = Callable[..., Client]


def _slots_tomorrow(municipality: Any, worker: Any) -> None:
    Availability.unscoped.create(
        municipality=municipality,
        worker=worker,
        mode=AvailabilityMode.SLOTS,
        weekday=(timezone.localdate() + timedelta(days=1)).isoweekday(),
        starts_at=time(9),
        ends_at=time(10),
    )


def _slot_value(starts: Any, ends: Any) -> str:
    return f"{starts.isoformat()}|{ends.isoformat()}"


def _booking(person: Any, worker: Any, **fields: Any) -> dict[str, Any]:
    return {
        "person": person.pk,
        "calendar": f"worker:{worker.pk}",
        "kind": AppointmentKind.OFFICE,
        "purpose": "Budget",
        **fields,
    }


# --- Day view ---------------------------------------------------------------------------


def test_the_day_view_shows_my_appointments_of_today_by_default(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(
        municipality=cast.ronse, given_name="Zoë", family_name="Dagoverzicht"
    )
    AppointmentFactory.create(
        municipality=cast.ronse,
        worker=worker,
        person=person,
        starts_at=timezone.now() + timedelta(minutes=5),
    )
    page = client_for(worker).get(reverse("appointments:day")).content.decode()
    assert "Zoë Dagoverzicht" in page
    assert "Previous day" in page
    assert "Next day" in page


def test_the_day_view_of_another_day_and_another_worker(cast: Cast, client_for: ClientFor) -> None:
    desk = cast.user("ronse", Role.RECEPTION)
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    AppointmentFactory.create(
        municipality=cast.ronse,
        worker=worker,
        person=PersonFactory.create(
            municipality=cast.ronse, given_name="Morgen", family_name="Klant"
        ),
        starts_at=at(1, 9),
    )
    url = reverse("appointments:day")
    today = client_for(desk).get(url, {"calendar": f"worker:{worker.pk}"}).content.decode()
    tomorrow = (
        client_for(desk)
        .get(
            url,
            {
                "calendar": f"worker:{worker.pk}",
                "date": (timezone.localdate() + timedelta(days=1)).isoformat(),
            },
        )
        .content.decode()
    )
    assert "Morgen Klant" not in today
    assert "Morgen Klant" in tomorrow


def test_the_day_view_runs_the_same_queries_for_one_or_many_appointments(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    client = client_for(worker)
    url = (
        reverse("appointments:day")
        + f"?date={(timezone.localdate() + timedelta(days=1)).isoformat()}"
    )

    def add(count: int, offset: int) -> None:
        for index in range(count):
            person = PersonFactory.create(
                municipality=cast.ronse, given_name=f"P{offset + index}", family_name="Druk"
            )
            ContactRestriction.unscoped.create(
                municipality=cast.ronse, person=person, channel=Channel.LETTER
            )
            AppointmentFactory.create(
                municipality=cast.ronse,
                worker=worker,
                person=person,
                starts_at=at(1, 8, 0) + timedelta(minutes=10 * (offset + index)),
                minutes=10,
            )

    add(1, 0)
    client.get(url)  # warm caches (session, menu)
    few = queries_for(client, url)
    add(12, 1)
    many = queries_for(client, url)
    assert few == many
    # PostgreSQL adds the row-level security settings of the request.
    assert many <= 25


def test_a_worker_of_another_municipality_is_not_found(cast: Cast, client_for: ClientFor) -> None:
    kortrijk_worker = cast.user("kortrijk", Role.SOCIAL_WORKER)
    response = client_for(cast.user("ronse", Role.RECEPTION)).get(
        reverse("appointments:day"), {"calendar": f"worker:{kortrijk_worker.pk}"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.PARTNER_WORKER, Role.POLICY_COORDINATOR, Role.DPO])
def test_roles_outside_casework_are_refused(cast: Cast, client_for: ClientFor, role: str) -> None:
    response = client_for(cast.user("ronse", role)).get(reverse("appointments:day"))
    assert response.status_code == 403


def test_the_menu_offers_appointments(cast: Cast, client_for: ClientFor) -> None:
    page = client_for(cast.user("ronse", Role.RECEPTION)).get(reverse("portal:home"))
    assert reverse("appointments:day") in page.content.decode()


# --- Booking ----------------------------------------------------------------------------


def test_booking_a_free_slot_from_the_form(
    cast: Cast, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    desk = cast.user("ronse", Role.RECEPTION)
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(
        municipality=cast.ronse, given_name="Boek", family_name="Mij", email="boek@example.test"
    )
    _slots_tomorrow(cast.ronse, worker)
    client = client_for(desk)
    url = reverse("appointments:book")
    form_page = client.get(url, {"person": str(person.pk), "calendar": f"worker:{worker.pk}"})
    slot = _slot_value(at(1, 9, 30), at(1, 10))
    assert slot in form_page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _booking(person, worker, slot=slot))
    appointment = Appointment.unscoped.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:detail", args=[appointment.pk])
    assert appointment.worker == worker
    assert appointment.starts_at == at(1, 9, 30)
    assert len(mail.outbox) == 1


def test_booking_the_same_slot_twice_keeps_the_input_and_says_it_is_taken(
    cast: Cast, client_for: ClientFor
) -> None:
    desk = cast.user("ronse", Role.RECEPTION)
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    first, second = (
        PersonFactory.create(municipality=cast.ronse, given_name="Een"),
        PersonFactory.create(municipality=cast.ronse, given_name="Twee"),
    )
    _slots_tomorrow(cast.ronse, worker)
    client = client_for(desk)
    url = reverse("appointments:book")
    slot = _slot_value(at(1, 9), at(1, 9, 30))
    client.post(url, _booking(first, worker, slot=slot))
    response = client.post(url, _booking(second, worker, slot=slot, purpose="Mijn doel"))
    assert response.status_code == 400
    assert "no longer free" in response.content.decode()
    assert "Mijn doel" in response.content.decode()
    assert Appointment.unscoped.filter(starts_at=at(1, 9)).count() == 1


def test_booking_in_the_past_is_refused_with_a_message(cast: Cast, client_for: ClientFor) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(municipality=cast.ronse)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client_for(worker).post(
        reverse("appointments:book"),
        _booking(person, worker, day=yesterday.isoformat(), starts="10:00", ends="10:30"),
    )
    assert response.status_code == 400
    assert "cannot start in the past" in response.content.decode()
    assert not Appointment.unscoped.filter(person=person).exists()


def test_the_booking_page_shows_the_contact_wishes_and_asks_why_for_a_home_visit(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(municipality=cast.ronse)
    ContactRestriction.unscoped.create(
        municipality=cast.ronse,
        person=person,
        channel=Channel.HOME_VISIT,
        note="Only at the office",
    )
    client = client_for(worker)
    url = reverse("appointments:book")
    page = client.get(url, {"person": person.pk}).content.decode()
    visit = _booking(
        person,
        worker,
        kind=AppointmentKind.HOME_VISIT,
        address="Markt 1",
        day=(timezone.localdate() + timedelta(days=2)).isoformat(),
        starts="10:00",
        ends="11:00",
    )
    refused = client.post(url, visit)
    accepted = client.post(url, {**visit, "override_reason": "Bedlegerig"})
    assert "Only at the office" in page
    assert "asked not to be visited at home" in page
    assert refused.status_code == 400
    assert accepted.status_code == 302


def test_booking_for_a_person_of_another_municipality_is_not_found(
    cast: Cast, client_for: ClientFor
) -> None:
    stranger = PersonFactory.create(municipality=cast.kortrijk)
    response = client_for(cast.user("ronse", Role.RECEPTION)).get(
        reverse("appointments:book"), {"person": stranger.pk}
    )
    assert response.status_code == 404


# --- Detail and actions -----------------------------------------------------------------


def test_the_detail_page_audits_the_identity_read(cast: Cast, client_for: ClientFor) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(municipality=cast.ronse, given_name="Lees", family_name="Mij")
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=person, channel=Channel.PHONE
    )
    appointment = AppointmentFactory.create(municipality=cast.ronse, worker=worker, person=person)
    page = client_for(worker).get(reverse("appointments:detail", args=[appointment.pk]))
    assert "Lees Mij" in page.content.decode()
    assert "Not by: Phone call" in page.content.decode()
    assert AccessLogEntry.unscoped.filter(
        person_id=person.pk, action="read", object_type="clients.identity"
    ).exists()


def test_an_appointment_of_another_municipality_is_not_found(
    cast: Cast, client_for: ClientFor
) -> None:
    kortrijk_worker = cast.user("kortrijk", Role.SOCIAL_WORKER)
    appointment = AppointmentFactory.create(municipality=cast.kortrijk, worker=kortrijk_worker)
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    for name in ("detail", "download"):
        assert client.get(reverse(f"appointments:{name}", args=[appointment.pk])).status_code == 404
    cancelled = client.post(
        reverse("appointments:cancel", args=[appointment.pk]), {"version": 1, "reason": "x"}
    )
    assert cancelled.status_code == 404
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_cancel_with_a_stale_version_shows_the_conflict_and_keeps_the_reason(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    appointment = AppointmentFactory.create(municipality=cast.ronse, worker=worker, version=2)
    response = client_for(worker).post(
        reverse("appointments:cancel", args=[appointment.pk]),
        {"version": 1, "reason": "Mijn reden"},
    )
    assert response.status_code == 409
    assert "Someone else changed this appointment" in response.content.decode()
    assert "Mijn reden" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_recording_a_no_show_from_the_detail_page(cast: Cast, client_for: ClientFor) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    appointment = AppointmentFactory.create(
        municipality=cast.ronse, worker=worker, starts_at=timezone.now() - timedelta(minutes=20)
    )
    response = client_for(cast.user("ronse", Role.RECEPTION)).post(
        reverse("appointments:outcome", args=[appointment.pk]),
        {"version": 1, "outcome": AppointmentStatus.NO_SHOW},
    )
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.status == AppointmentStatus.NO_SHOW


def test_moving_an_appointment_from_the_detail_page(cast: Cast, client_for: ClientFor) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    appointment = AppointmentFactory.create(municipality=cast.ronse, worker=worker)
    day = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = client_for(worker).post(
        reverse("appointments:reschedule", args=[appointment.pk]),
        {"version": 1, "day": day, "starts": "14:00", "ends": "14:45"},
    )
    appointment.refresh_from_db()
    assert response.status_code == 302
    assert appointment.starts_at == at(3, 14)
    assert appointment.version == 2


# --- E-mail confirmation ----------------------------------------------------------------


def _book_now(cast: Cast, person: Any) -> Appointment:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        return services.appointment_book(
            actor=worker,
            kind=AppointmentKind.OFFICE,
            starts_at=at(1, 10),
            ends_at=at(1, 10, 30),
            person=person,
            worker=worker,
            location="Loket 3",
            purpose="Energiefactuur",
        )


def test_the_confirmation_goes_in_the_persons_language_with_the_ics(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    person = PersonFactory.create(municipality=cast.ronse, email="claire@example.test")
    person.preferred_language = Language.FRENCH
    person.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        appointment = _book_now(cast, person)
    appointment.refresh_from_db()
    message = mail.outbox[0]
    _filename, content, mimetype = message.attachments[0]
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert message.to == ["claire@example.test"]
    with translation.override("fr"):
        french_day = date_format(timezone.localtime(appointment.starts_at), "l j F Y")
    assert french_day in message.body
    assert mimetype == "text/calendar"
    assert str(event["UID"]) == str(appointment.uuid)
    assert appointment.confirmation_sent_at is not None


def test_no_confirmation_without_an_address_or_against_the_persons_wish(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    no_address = PersonFactory.create(municipality=cast.ronse, given_name="Zonder")
    no_email = PersonFactory.create(
        municipality=cast.ronse, given_name="Geen", email="geen@example.test"
    )
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=no_email, channel=Channel.EMAIL
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = _book_now(cast, no_address)
    with (
        django_capture_on_commit_callbacks(execute=True),
        cast.acting("ronse", Role.RECEPTION) as worker,
    ):
        services.appointment_book(
            actor=worker,
            kind=AppointmentKind.PHONE,
            starts_at=at(2, 10),
            ends_at=at(2, 10, 30),
            person=no_email,
            worker=worker,
        )
    assert mail.outbox == []
    first.refresh_from_db()
    assert first.confirmation_sent_at is None


def test_a_mail_failure_keeps_the_appointment_and_shows_not_sent(
    cast: Cast, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    person = PersonFactory.create(municipality=cast.ronse, email="kapot@example.test")
    with (
        mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("SMTP down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        appointment = _book_now(cast, person)
    appointment.refresh_from_db()
    page = client_for(cast.user("ronse", Role.SOCIAL_WORKER)).get(
        reverse("appointments:detail", args=[appointment.pk])
    )
    assert appointment.confirmation_sent_at is None
    assert "Not sent" in page.content.decode()


# --- iCalendar: download and feed -------------------------------------------------------


def test_the_download_is_a_valid_calendar_without_the_clients_name(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(municipality=cast.ronse, given_name="Geheim", family_name="Naam")
    appointment = AppointmentFactory.create(
        municipality=cast.ronse, worker=worker, person=person, location="Loket 2"
    )
    response = client_for(worker).get(reverse("appointments:download", args=[appointment.pk]))
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert response["Content-Type"].startswith("text/calendar")
    assert str(event["UID"]) == str(appointment.uuid)
    assert str(event.decoded("DTSTART").tzinfo) == "Europe/Brussels"
    assert event.decoded("DTSTART") == appointment.starts_at
    assert str(event["LOCATION"]) == "Loket 2"
    assert calendar.walk("VTIMEZONE")
    assert b"Geheim" not in response.content
    assert b"Budget talk" not in response.content


def _feed_url(cast: Cast, client: Client) -> str:
    page = client.post(reverse("appointments:feed_settings"), {"action": "create"})
    text = page.content.decode()
    start = text.index("http://testserver/appointments/feed/")
    return text[start : text.index(".ics", start) + 4].replace("http://testserver", "")


def test_the_feed_shows_my_appointments_to_a_calendar_app_without_login(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    person = PersonFactory.create(
        municipality=cast.ronse, given_name="Verborgen", family_name="Cliënt"
    )
    mine = AppointmentFactory.create(
        municipality=cast.ronse,
        worker=worker,
        person=person,
        kind=AppointmentKind.HOME_VISIT,
        address="Geheimstraat 9",
    )
    AppointmentFactory.create(
        municipality=cast.ronse, worker=cast.user("ronse", Role.RECEPTION), starts_at=at(1, 15)
    )
    url = _feed_url(cast, client_for(worker))
    response = Client().get(url)
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert response.status_code == 200
    assert [str(event["UID"]) for event in events] == [str(mine.uuid)]
    assert b"Verborgen" not in response.content
    assert b"Geheimstraat" not in response.content
    # A calendar app sends no language cookie: the feed speaks Dutch, the default.
    assert "Huisbezoek" in str(events[0]["SUMMARY"])
    feed = CalendarFeed.unscoped.get(user=worker, revoked_at__isnull=True)
    assert url.split("/")[-1].removesuffix(".ics") not in feed.token_hash


def test_a_revoked_unknown_or_foreign_feed_token_is_not_found(
    cast: Cast, client_for: ClientFor
) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    client = client_for(worker)
    url = _feed_url(cast, client)
    other_municipality = url.replace("/ronse/", "/kortrijk/")
    client.post(reverse("appointments:feed_settings"), {"action": "revoke"})
    anonymous = Client()
    assert anonymous.get(url).status_code == 404
    assert anonymous.get(other_municipality).status_code == 404
    assert anonymous.get(reverse("appointments:feed", args=["ronse", "guess"])).status_code == 404


def test_a_new_feed_address_replaces_the_old_one(cast: Cast, client_for: ClientFor) -> None:
    client = client_for(cast.user("ronse", Role.SOCIAL_WORKER))
    old, new = _feed_url(cast, client), _feed_url(cast, client)
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


# --- Hours ------------------------------------------------------------------------------


def test_adding_and_ending_own_hours(cast: Cast, client_for: ClientFor) -> None:
    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    client = client_for(worker)
    url = reverse("appointments:availability")
    added = client.post(
        url,
        {
            "owner": "me",
            "mode": AvailabilityMode.OPEN_HOURS,
            "weekday": 3,
            "starts_at": "13:00",
            "ends_at": "15:00",
            "slot_minutes": 30,
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    hours = Availability.unscoped.get(worker=worker)
    ended = client.post(reverse("appointments:availability_end", args=[hours.pk]))
    hours.refresh_from_db()
    assert added.status_code == 302
    assert ended.status_code == 302
    assert hours.valid_until == timezone.localdate() - timedelta(days=1)


def test_hours_that_end_before_they_start_keep_the_input(cast: Cast, client_for: ClientFor) -> None:
    response = client_for(cast.user("ronse", Role.SOCIAL_WORKER)).post(
        reverse("appointments:availability"),
        {
            "owner": "me",
            "mode": AvailabilityMode.SLOTS,
            "weekday": 3,
            "starts_at": "15:00",
            "ends_at": "13:00",
            "slot_minutes": 20,
            "location": "Lokaal 7",
            "valid_from": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 400
    assert "Lokaal 7" in response.content.decode()


def test_ending_a_colleagues_hours_is_refused(cast: Cast, client_for: ClientFor) -> None:
    colleague = cast.user("ronse", Role.RECEPTION)
    hours = Availability.unscoped.create(
        municipality=cast.ronse,
        worker=colleague,
        mode=AvailabilityMode.SLOTS,
        weekday=1,
        starts_at=time(9),
        ends_at=time(10),
    )
    response = client_for(cast.user("ronse", Role.SOCIAL_WORKER)).post(
        reverse("appointments:availability_end", args=[hours.pk])
    )
    hours.refresh_from_db()
    assert response.status_code == 403
    assert hours.valid_until is None
