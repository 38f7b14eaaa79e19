"""Today at the front desk in Ronse: Pierre Exemple (a callback and an appointment),
Fatima Demo (an open question for the housing cell and a home visit), an anonymous
contact, the waiting queue, and the social worker's office hours. Moments of today
are placed with ``demo.clock.earlier_today`` so they stay within today.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from sociaalhuis.clients.models import Channel, ContactRestriction
from sociaalhuis.demo.casework import people
from sociaalhuis.demo.casework.people import DemoDay
from sociaalhuis.demo.clock import earlier_today
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentKind,
    Availability,
    AvailabilityMode,
    Callback,
    ContactChannel,
    Outcome,
    QueueEntry,
)


def pierre_exemple(day: DemoDay) -> None:
    """Pierre Exemple: French-speaking, a callback and an appointment; no dossier yet."""
    municipality, reception, worker = day.municipality, day.reception, day.worker
    now, today, cells = day.now, day.today, day.cells
    pierre = people.person(
        municipality,
        "Pierre",
        "Exemple",
        date(1962, 1, 25),
        45,
        "Demolaan",
        language="fr",
        gender="man",
        phone="0470 00 00 02",
    )
    ContactRestriction.objects.create(
        person=pierre,
        channel=Channel.VOICEMAIL,
        note="Geen berichten inspreken.",
        created_by=reception,
    )
    contact = people.contact(
        municipality,
        pierre,
        reception,
        earlier_today(now, timedelta(hours=3)),
        ContactChannel.PHONE,
        [
            (
                "leefloon",
                "Vraagt of hij recht heeft op een leefloon.",
                Outcome.CALLBACK,
                {"cell": cells["financiele-hulp"]},
            ),
        ],
    )
    Callback.objects.create(
        question=contact.questions.first(),
        person=pierre,
        phone="0470 00 00 02",
        message="Meneer Exemple belt over een leefloon; spreekt Frans.",
        to_cell=cells["financiele-hulp"],
        due_at=earlier_today(now, timedelta(hours=1)),
        created_by=reception,
    )
    Appointment.objects.create(
        kind=AppointmentKind.OFFICE,
        person=pierre,
        worker=worker,
        starts_at=timezone.make_aware(datetime.combine(today, time(14, 0))),
        ends_at=timezone.make_aware(datetime.combine(today, time(14, 30))),
        location="Sociaal Huis, gesprekslokaal 2",
        purpose="Gesprek over inkomen",
        created_by=reception,
    )


def fatima_demo(day: DemoDay) -> None:
    """Fatima Demo: a question left open for the housing cell, a home visit planned."""
    municipality, reception, worker = day.municipality, day.reception, day.worker
    now, today, cells = day.now, day.today, day.cells
    fatima = people.person(
        municipality,
        "Fatima",
        "Demo",
        date(1993, 8, 30),
        56,
        "Proefplein",
        gender="woman",
        email="fatima.demo@example.org",
    )
    people.contact(
        municipality,
        fatima,
        reception,
        now - timedelta(days=1),
        ContactChannel.DESK,
        [
            (
                "woningzoeken",
                "Zoekt een sociale woning voor haar en twee kinderen.",
                Outcome.OPEN,
                {"cell": cells["huisvesting"]},
            ),
            (
                "opvang-zoeken",
                "Zoekt kinderopvang vanaf september.",
                Outcome.ANSWERED,
                {"answer": "Info over Kinderopvang Glorieux meegegeven."},
            ),
        ],
    )
    tomorrow = today + timedelta(days=1)
    Appointment.objects.create(
        kind=AppointmentKind.HOME_VISIT,
        person=fatima,
        worker=worker,
        starts_at=timezone.make_aware(datetime.combine(tomorrow, time(10, 0))),
        ends_at=timezone.make_aware(datetime.combine(tomorrow, time(11, 0))),
        address="Proefplein 66, 9600 Ronse",
        purpose="Huisbezoek: woonsituatie bekijken",
        created_by=worker,
    )


def anonymous_contact(day: DemoDay) -> None:
    """Anonymous contacts still count."""
    municipality, reception, now = day.municipality, day.reception, day.now
    people.contact(
        municipality,
        None,
        reception,
        earlier_today(now, timedelta(hours=5)),
        ContactChannel.DESK,
        [
            (
                "administratie",
                "Hulp bij het invullen van een formulier.",
                Outcome.ANSWERED,
                {"answer": "Formulier samen ingevuld."},
            ),
        ],
    )


def waiting_queue(day: DemoDay) -> None:
    """The waiting queue of today."""
    reception, now = day.reception, day.now
    for ticket, (label, reason, minutes) in enumerate(
        (
            ("Mevrouw met kinderwagen", "Vraag over schoolkosten", 12),
            ("Meneer Exemple", "Afspraak om 14 uur", 4),
        ),
        start=1,
    ):
        QueueEntry.objects.create(
            ticket=ticket,
            label=label,
            reason=reason,
            arrived_at=earlier_today(now, timedelta(minutes=minutes)),
            created_by=reception,
        )


def office_hours(day: DemoDay) -> None:
    """Office hours: open consultation hours on Tuesday morning, bookable slots on Thursday."""
    worker = day.worker
    Availability.objects.create(
        worker=worker,
        mode=AvailabilityMode.OPEN_HOURS,
        weekday=2,
        starts_at=time(9, 0),
        ends_at=time(12, 0),
        location="Sociaal Huis, onthaal",
    )
    Availability.objects.create(
        worker=worker,
        mode=AvailabilityMode.SLOTS,
        weekday=4,
        starts_at=time(13, 30),
        ends_at=time(16, 30),
        slot_minutes=30,
        location="Sociaal Huis, gesprekslokaal 2",
    )
