"""Appointment services: booking rules, concurrency, outcomes, audit, timeline, hours."""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry
from sociaalhuis.clients.models import Channel, ContactRestriction
from sociaalhuis.clients.tests.factories import PersonFactory
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.dossiers.services import dossier_open
from sociaalhuis.frontdesk.appointments import services
from sociaalhuis.frontdesk.appointments.queries import Owner, day_view, free_slots
from sociaalhuis.frontdesk.appointments.services import bookings
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentKind,
    AppointmentStatus,
    Availability,
    AvailabilityMode,
)
from sociaalhuis.frontdesk.tests.factories import AppointmentFactory, at
from sociaalhuis.testing import Cast


def book(user: User, **overrides: Any) -> Appointment:
    arguments: dict[str, Any] = {
        "actor": user,
        "kind": AppointmentKind.OFFICE,
        "starts_at": at(1, 10),
        "ends_at": at(1, 10, 30),
        "worker": user,
        "purpose": "Budget",
    }
    arguments.update(overrides)
    return services.appointment_book(**arguments)


def refused_code(call: Any) -> str:
    with pytest.raises(ValidationError) as refused:
        call()
    return str(refused.value.code)


# --- Booking rules ----------------------------------------------------------------------


def test_booking_records_the_appointment_and_audits_it_with_the_person(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = book(worker, person=person)
        entry = AccessLogEntry.objects.get(object_type="frontdesk.appointment")
    assert appointment.status == AppointmentStatus.PLANNED
    assert appointment.created_by == worker
    assert entry.person_id == person.pk
    assert entry.action == "create"


def test_a_start_in_the_past_is_refused(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        code = refused_code(lambda: book(worker, starts_at=at(-1, 10), ends_at=at(-1, 10, 30)))
    assert code == "in_past"


def test_an_end_before_the_start_is_refused(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        code = refused_code(lambda: book(worker, starts_at=at(1, 11), ends_at=at(1, 10)))
    assert code == "ends_before_start"


def test_overlapping_appointments_of_one_worker_are_refused(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        book(worker, starts_at=at(1, 10), ends_at=at(1, 11))
        code = refused_code(lambda: book(worker, starts_at=at(1, 10, 30), ends_at=at(1, 11, 30)))
        # Back to back is fine.
        book(worker, starts_at=at(1, 11), ends_at=at(1, 11, 30))
    assert code == "overlap_worker"


def test_overlapping_appointments_of_one_person_are_refused(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    colleague = cast.user("ronse", Role.RECEPTION)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        book(worker, person=person)
        code = refused_code(lambda: book(worker, person=person, worker=colleague))
    assert code == "overlap_person"


def test_a_cancelled_appointment_frees_its_time(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        first = book(worker)
        services.appointment_cancel(first, actor=worker, based_on_version=1, reason="Ill")
        again = book(worker)
    assert again.pk != first.pk


def test_a_taken_office_day_slot_cannot_be_booked_twice(cast: Cast) -> None:
    from sociaalhuis.testing.examples.directory import example_service

    service = example_service(cast.organisations["ronse"], cast.ronse)
    with cast.acting("ronse", Role.RECEPTION) as desk:
        book(desk, worker=None, service=service, kind=AppointmentKind.OFFICE_DAY)
        code = refused_code(
            lambda: book(desk, worker=None, service=service, kind=AppointmentKind.OFFICE_DAY)
        )
    assert code == "slot_taken"


def test_an_office_day_appointment_needs_the_partner_service(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        code = refused_code(lambda: book(worker, kind=AppointmentKind.OFFICE_DAY))
    assert code == "service_required"


def test_a_home_visit_needs_an_address_and_a_purpose(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        no_address = refused_code(lambda: book(worker, kind=AppointmentKind.HOME_VISIT))
        no_purpose = refused_code(
            lambda: book(worker, kind=AppointmentKind.HOME_VISIT, address="Markt 1", purpose="")
        )
    assert no_address == "address_required"
    assert no_purpose == "purpose_required"


def test_a_home_visit_against_the_persons_wish_needs_a_stated_reason(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    ContactRestriction.unscoped.create(
        municipality=cast.ronse, person=person, channel=Channel.HOME_VISIT
    )
    visit = {"kind": AppointmentKind.HOME_VISIT, "address": "Markt 1", "person": person}
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        code = refused_code(lambda: book(worker, **visit))
        booked = book(worker, override_reason="She asked for it on the phone", **visit)
        entry = AccessLogEntry.objects.get(object_id=str(booked.pk))
    assert code == "restricted_home_visit"
    assert "She asked for it on the phone" in booked.status_note
    assert entry.reason == "She asked for it on the phone"


def test_a_lifted_home_visit_restriction_no_longer_blocks(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    ContactRestriction.unscoped.create(
        municipality=cast.ronse,
        person=person,
        channel=Channel.HOME_VISIT,
        lifted_at=timezone.now(),
    )
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        booked = book(worker, kind=AppointmentKind.HOME_VISIT, address="Markt 1", person=person)
    # Booked without an override reason: the lifted wish no longer counts.
    assert booked.pk is not None
    assert booked.status_note == ""


def test_roles_outside_casework_cannot_book(cast: Cast) -> None:
    with cast.acting("ronse", Role.PARTNER_WORKER) as partner, pytest.raises(PermissionDenied):
        book(partner)


def test_a_booking_in_a_dossier_adds_a_timeline_line(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        dossier = dossier_open(actor=worker, reason="Schulden", person=person)
        appointment = book(worker, person=person, dossier=dossier)
        services.appointment_cancel(appointment, actor=worker, based_on_version=1, reason="Ziek")
        lines = list(
            TimelineEntry.objects.filter(dossier=dossier, kind=TimelineKind.APPOINTMENT)
            .order_by("pk")
            .values_list("summary", flat=True)
        )
    assert len(lines) == 2
    assert "booked" in lines[0]
    assert "Ziek" in lines[1]


# --- Concurrency ------------------------------------------------------------------------


def test_a_booking_takes_the_calendar_lock_before_checking(
    cast: Cast, postgresql_only: None
) -> None:
    with (
        cast.acting("ronse", Role.SOCIAL_WORKER) as worker,
        CaptureQueriesContext(connection) as captured,
    ):
        book(worker)
    statements = [query["sql"] for query in captured.captured_queries]
    lock = next(i for i, sql in enumerate(statements) if "pg_advisory_xact_lock" in sql)
    check = next(i for i, sql in enumerate(statements) if "frontdesk_appointment" in sql)
    assert lock < check


def test_a_second_desk_waits_while_another_books_the_same_worker(
    cast: Cast, postgresql_only: None
) -> None:
    """Another connection holds the worker's booking lock: this booking cannot pass it."""
    import psycopg

    worker = cast.user("ronse", Role.SOCIAL_WORKER)
    settings = connection.settings_dict
    other = psycopg.connect(
        dbname=connection.settings_dict["NAME"],
        user=settings["USER"],
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
    )
    try:
        other.execute("SELECT pg_advisory_xact_lock(%s)", [bookings._lock_key("worker", worker.pk)])
        with cast.acting("ronse", Role.SOCIAL_WORKER) as actor:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            with pytest.raises(OperationalError):
                book(actor)
    finally:
        other.rollback()
        other.close()


def test_two_desks_booking_the_same_slot_one_after_the_other_get_one_appointment(
    cast: Cast,
) -> None:
    """The second desk saw the slot free, but the check under the lock refuses it."""
    person_a, person_b = (
        PersonFactory.create(municipality=cast.ronse, given_name="A"),
        PersonFactory.create(municipality=cast.ronse, given_name="B"),
    )
    with cast.acting("ronse", Role.RECEPTION) as desk:
        worker = cast.user("ronse", Role.SOCIAL_WORKER)
        owner = Owner(worker=worker)
        Availability.objects.create(
            worker=worker,
            mode=AvailabilityMode.SLOTS,
            weekday=(timezone.localdate() + timedelta(days=1)).isoweekday(),
            starts_at=time(9),
            ends_at=time(10),
        )
        day = timezone.localdate() + timedelta(days=1)
        slot = free_slots(owner, day, day)[0]
        seen_by_second_desk = free_slots(owner, day, day)
        book(desk, worker=worker, person=person_a, starts_at=slot.starts_at, ends_at=slot.ends_at)
        assert slot in seen_by_second_desk
        code = refused_code(
            lambda: book(
                desk, worker=worker, person=person_b, starts_at=slot.starts_at, ends_at=slot.ends_at
            )
        )
    assert code == "overlap_worker"


# --- Reschedule, cancel, outcome --------------------------------------------------------


def test_rescheduling_moves_and_bumps_the_version(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = book(worker)
        moved = services.appointment_reschedule(
            appointment,
            actor=worker,
            based_on_version=1,
            starts_at=at(2, 14),
            ends_at=at(2, 15),
        )
    assert moved.version == 2
    assert moved.starts_at == at(2, 14)


def test_a_concurrent_edit_is_a_conflict(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = book(worker)
        services.appointment_reschedule(
            appointment, actor=worker, based_on_version=1, starts_at=at(2, 9), ends_at=at(2, 10)
        )
        with pytest.raises(EditConflictError):
            services.appointment_cancel(
                appointment, actor=worker, based_on_version=1, reason="Too late"
            )
        with pytest.raises(EditConflictError):
            services.appointment_reschedule(
                appointment, actor=worker, based_on_version=1, starts_at=at(3, 9), ends_at=at(3, 10)
            )


def test_rescheduling_into_the_past_or_onto_another_appointment_is_refused(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        book(worker, starts_at=at(2, 9), ends_at=at(2, 10))
        appointment = book(worker)

        def move(starts: Any, ends: Any) -> str:
            return refused_code(
                lambda: services.appointment_reschedule(
                    appointment, actor=worker, based_on_version=1, starts_at=starts, ends_at=ends
                )
            )

        assert move(at(-1, 9), at(-1, 10)) == "in_past"
        assert move(at(2, 9, 30), at(2, 10, 30)) == "overlap_worker"


def test_cancelling_needs_a_reason(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = book(worker)
        code = refused_code(
            lambda: services.appointment_cancel(
                appointment, actor=worker, based_on_version=1, reason="  "
            )
        )
    assert code == "no_reason"


def test_a_no_show_is_recorded_after_the_start_and_audited(cast: Cast) -> None:
    person = PersonFactory.create(municipality=cast.ronse)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = AppointmentFactory.create(
            municipality=cast.ronse,
            worker=worker,
            person=person,
            starts_at=timezone.now() - timedelta(hours=1),
        )
        recorded = services.appointment_record_outcome(
            appointment, actor=worker, based_on_version=1, outcome=AppointmentStatus.NO_SHOW
        )
        again = refused_code(
            lambda: services.appointment_record_outcome(
                recorded, actor=worker, based_on_version=2, outcome=AppointmentStatus.DONE
            )
        )
        entry = AccessLogEntry.objects.get(object_id=str(appointment.pk), action="update")
    assert recorded.status == AppointmentStatus.NO_SHOW
    assert again == "not_planned"
    assert entry.person_id == person.pk


def test_an_outcome_cannot_be_recorded_before_the_start(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        appointment = book(worker)
        code = refused_code(
            lambda: services.appointment_record_outcome(
                appointment, actor=worker, based_on_version=1, outcome=AppointmentStatus.DONE
            )
        )
    assert code == "not_started"


# --- Hours and free slots ---------------------------------------------------------------


def _hours(**fields: Any) -> Availability:
    defaults: dict[str, Any] = {
        "mode": AvailabilityMode.SLOTS,
        "weekday": (timezone.localdate() + timedelta(days=1)).isoweekday(),
        "starts_at": time(9),
        "ends_at": time(11),
        "slot_minutes": 30,
    }
    return Availability(**(defaults | fields))


def test_free_slots_leave_out_booked_ones(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        services.availability_add(_hours(worker=worker), actor=worker)
        day = timezone.localdate() + timedelta(days=1)
        before = free_slots(Owner(worker=worker), day, day)
        book(worker, starts_at=at(1, 9, 30), ends_at=at(1, 10))
        after = free_slots(Owner(worker=worker), day, day)
    assert [slot.starts_at for slot in before] == [
        at(1, 9),
        at(1, 9, 30),
        at(1, 10),
        at(1, 10, 30),
    ]
    assert [slot.starts_at for slot in after] == [at(1, 9), at(1, 10), at(1, 10, 30)]


def test_open_consultation_hours_offer_no_slots(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        services.availability_add(
            _hours(worker=worker, mode=AvailabilityMode.OPEN_HOURS), actor=worker
        )
        day = timezone.localdate() + timedelta(days=1)
        assert free_slots(Owner(worker=worker), day, day) == []
        assert len(day_view(Owner(worker=worker), day).open_hours) == 1


def test_a_partner_office_day_from_the_social_map_offers_slots(cast: Cast) -> None:
    from sociaalhuis.directory.models import Schedule
    from sociaalhuis.testing.examples.directory import example_service, social_house

    service = example_service(cast.organisations["ronse"], cast.ronse)
    day = timezone.localdate() + timedelta(days=1)
    Schedule.objects.create(
        service=service,
        location=social_house(cast.ronse),
        kind=Schedule.Kind.OFFICE_HOURS,
        weekday=day.isoweekday(),
        opens_at=time(13),
        closes_at=time(14),
    )
    with cast.acting("ronse", Role.RECEPTION):
        slots = free_slots(Owner(service=service), day, day)
    assert [slot.starts_at for slot in slots] == [at(1, 13), at(1, 13, 30)]
    assert slots[0].location.startswith("Sociaal Huis")


def test_hours_are_refused_when_they_overlap_or_end_before_they_start(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        services.availability_add(_hours(worker=worker), actor=worker)
        overlap = refused_code(
            lambda: services.availability_add(
                _hours(worker=worker, starts_at=time(10), ends_at=time(12)), actor=worker
            )
        )
        backwards = refused_code(
            lambda: services.availability_add(
                _hours(worker=worker, starts_at=time(12), ends_at=time(11)), actor=worker
            )
        )
    assert overlap == "overlap"
    assert backwards == "ends_before_start"


def test_only_own_hours_and_hours_of_ones_own_cells(cast: Cast) -> None:
    colleague = cast.user("ronse", Role.RECEPTION)
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        cell = Cell.objects.create(code="budget", name_nl="Budget")
        with pytest.raises(PermissionDenied):
            services.availability_add(_hours(worker=colleague), actor=worker)
        with pytest.raises(PermissionDenied):
            services.availability_add(_hours(cell=cell), actor=worker)
        CellMember.objects.create(cell=cell, user=worker)
        services.availability_add(_hours(cell=cell), actor=worker)


def test_ended_hours_no_longer_offer_slots(cast: Cast) -> None:
    with cast.acting("ronse", Role.SOCIAL_WORKER) as worker:
        hours = services.availability_add(_hours(worker=worker), actor=worker)
        services.availability_end(hours, actor=worker)
        day = timezone.localdate() + timedelta(days=1)
        assert free_slots(Owner(worker=worker), day, day) == []
        assert Availability.objects.filter(pk=hours.pk).exists()
