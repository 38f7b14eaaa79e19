"""Demo casework for Ronse: cells, topics, streets, and a few obviously fictitious
households with contacts, questions, callbacks, appointments and help dossiers, so
that every front-desk and dossier screen shows something in the demo.

Every person is called "... Voorbeeld", "... Exemple" or "... Demo" and lives in a
made-up street: nothing here describes a real citizen. National register numbers are
valid in form (python-stdnum) and fictitious.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.reference import cells_ensure
from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import (
    Channel,
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    Person,
    Relation,
)
from sociaalhuis.clients.services import name_words_save
from sociaalhuis.core import datafiles, tenancy
from sociaalhuis.demo.clock import earlier_today
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    Ethos,
    Goal,
    HousingSituation,
    JournalNote,
    Right,
    StatusChange,
    Step,
    StepPlan,
    StepStatus,
    TeamRole,
    TimelineEntry,
    TimelineKind,
)
from sociaalhuis.dossiers.plan.rights import default_rights
from sociaalhuis.frontdesk.configuration.reference import topics_ensure
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentKind,
    Availability,
    AvailabilityMode,
    Callback,
    Contact,
    ContactChannel,
    HelpQuestion,
    Outcome,
    QuestionStatus,
    QueueEntry,
    Topic,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood
from sociaalhuis.tenants.reference import streets_ensure

# Issue 5 names the cells of a Sociaal Huis (data/cells.csv); the life domain links
# them to the plan. The topics (data/topics.csv) are per life domain of the plan, the
# streets (data/streets.csv) made up ("voorbeeld") in the attention neighbourhoods.
DEMO = "sociaalhuis.demo"


def _streets() -> dict[str, str]:
    """Street -> neighbourhood of the made-up streets."""
    return {row["street"]: row["neighbourhood"] for row in datafiles.rows(DEMO, "streets.csv")}


def _national_number(birth: date, serial: int) -> str:
    base = f"{birth:%y%m%d}{serial:03d}"
    number = int(base if birth.year < 2000 else "2" + base)
    return f"{base}{97 - number % 97:02d}"


def _user(municipality: Municipality, local: str) -> User:
    return User.objects.get(email=f"{local}.{municipality.slug}@demo.sociaalhuis.example")


def _reference_lists(municipality: Municipality) -> int:
    created = cells_ensure(municipality, datafiles.rows(DEMO, "cells.csv"))
    specialist = _user(municipality, "celmedewerker")
    for cell in Cell.objects.filter(code__in=("financiele-hulp", "huisvesting")):
        CellMember.objects.get_or_create(
            cell=cell, user=specialist, defaults={"municipality": municipality}
        )
    created += topics_ensure(municipality, datafiles.rows(DEMO, "topics.csv"))
    for position, seed in enumerate(default_rights(), start=1):
        _right, made = Right.objects.get_or_create(
            code=seed.code,
            defaults={
                "name_nl": seed.name_nl,
                "name_fr": seed.name_fr,
                "name_en": seed.name_en,
                "description": seed.description,
                "position": position * 10,
                "municipality": municipality,
            },
        )
        created += int(made)
    streets = datafiles.rows(DEMO, "streets.csv")
    mine = [row for row in streets if row["municipality"] == municipality.slug]
    return created + streets_ensure(municipality, mine)


def _person(
    municipality: Municipality,
    given: str,
    family: str,
    birth: date,
    serial: int,
    street: str,
    *,
    language: str = "nl",
    gender: str = "",
    phone: str = "",
    email: str = "",
) -> Person:
    neighbourhood_name = _streets().get(street)
    person = Person.objects.create(
        preferred_language=language,
        neighbourhood=Neighbourhood.objects.filter(name=neighbourhood_name).first(),
    )
    Identity.objects.create(
        person=person,
        given_name=given,
        family_name=family,
        birth_date=birth,
        gender=gender,
        national_number=_national_number(birth, serial),
        street=street,
        house_number=str(10 + serial),
        postcode="9600",
        city="Ronse",
        phone=phone,
        email=email,
        search_name=search_name_for(given, family),
        municipality=municipality,
    )
    name_words_save(person, search_name_for(given, family))
    return person


def _contact(
    municipality: Municipality,
    person: Person | None,
    by: User,
    at: datetime,
    channel: str,
    questions: list[tuple[str, str, str, dict[str, Any]]],
) -> Contact:
    contact = Contact.objects.create(
        channel=channel,
        person=person,
        language=person.preferred_language if person else "nl",
        neighbourhood=person.neighbourhood if person else None,
        occurred_at=at,
        registered_at=at,
        registered_by=by,
        idempotency_key=uuid.uuid4(),
    )
    topics = {topic.code: topic for topic in Topic.objects.select_related("life_domain")}
    for topic_code, description, outcome, extra in questions:
        topic = topics[topic_code]
        HelpQuestion.objects.create(
            contact=contact,
            person=person,
            life_domain=topic.life_domain,
            topic=topic,
            description=description,
            outcome=outcome,
            status=QuestionStatus.OPEN if outcome == Outcome.OPEN else QuestionStatus.DONE,
            created_at=at,
            closed_at=None if outcome == Outcome.OPEN else at,
            created_by=by,
            **extra,
        )
    return contact


def _timeline(dossier: Dossier, kind: str, summary: str, by: User, at: datetime) -> None:
    TimelineEntry.objects.create(dossier=dossier, kind=kind, summary=summary, actor=by, at=at)


def _households(municipality: Municipality) -> int:
    reception = _user(municipality, "onthaal")
    worker = _user(municipality, "maatschappelijk-werker")
    specialist = _user(municipality, "celmedewerker")
    now = timezone.now()
    today = timezone.localdate()
    domains = {domain.code: domain for domain in LifeDomain.objects.all()}
    cells = {cell.code: cell for cell in Cell.objects.all()}

    # Family Voorbeeld: rent arrears and a threat of eviction; a dossier with a step plan.
    an = _person(
        municipality,
        "An",
        "Voorbeeld",
        date(1987, 3, 14),
        12,
        "Voorbeeldstraat",
        gender="woman",
        phone="0470 00 00 01",
    )
    tom = _person(
        municipality, "Tom", "Voorbeeld", date(1985, 11, 2), 21, "Voorbeeldstraat", gender="man"
    )
    lien = _person(municipality, "Lien", "Voorbeeld", date(2015, 6, 9), 34, "Voorbeeldstraat")
    family = Household.objects.create(name="Gezin Voorbeeld", created_by=reception)
    for member, relation in (
        (an, Relation.REFERENCE),
        (tom, Relation.PARTNER),
        (lien, Relation.CHILD),
    ):
        HouseholdMember.objects.create(household=family, person=member, relation=relation)
    ContactRestriction.objects.create(
        person=an,
        channel=Channel.LETTER,
        note="Post gaat naar het adres van haar zus.",
        created_by=reception,
    )
    opened = now - timedelta(days=40)
    dossier = Dossier.objects.create(
        reference=f"{opened.year}-0001",
        person=an,
        household=family,
        reason="Huurachterstal van drie maanden en een vordering tot uithuiszetting.",
        manager=worker,
        opened_by=reception,
        opened_at=opened,
    )
    StatusChange.objects.create(
        dossier=dossier,
        kind=StatusChange.Kind.OPENED,
        reason=dossier.reason,
        by=reception,
        at=opened,
    )
    CareTeamMember.objects.create(
        dossier=dossier, user=worker, role=TeamRole.MANAGER, added_by=reception, joined_at=opened
    )
    CareTeamMember.objects.create(
        dossier=dossier,
        user=specialist,
        role=TeamRole.CELL_SPECIALIST,
        added_by=worker,
        joined_at=opened + timedelta(days=1),
    )
    CareTeamMember.objects.create(
        dossier=dossier,
        name="Sarah Buddy Demo",
        organisation_name="CAW Oost-Vlaanderen vzw",
        role=TeamRole.BUDDY,
        added_by=worker,
        joined_at=opened + timedelta(days=7),
    )
    _timeline(dossier, TimelineKind.STATUS, f"Dossier geopend: {dossier.reason}", reception, opened)
    _contact(
        municipality,
        an,
        reception,
        opened,
        ContactChannel.DESK,
        [
            (
                "huurachterstal",
                "Drie maanden huur niet betaald, brief van de vrederechter.",
                Outcome.DOSSIER,
                {"dossier": dossier},
            ),
            (
                "energiefactuur",
                "Afrekening elektriciteit niet begrepen.",
                Outcome.ANSWERED,
                {
                    "answer": (
                        "Afrekening samen overlopen; afbetalingsplan bij de leverancier gevraagd."
                    )
                },
            ),
        ],
    )
    _timeline(
        dossier, TimelineKind.CONTACT, "Contact aan het onthaal: 2 hulpvragen", reception, opened
    )
    HousingSituation.objects.create(
        dossier=dossier,
        category=Ethos.INSECURE,
        description="Vordering tot uithuiszetting ingeleid.",
        since=(opened - timedelta(days=10)).date(),
        recorded_by=worker,
    )
    _timeline(
        dossier,
        TimelineKind.HOUSING,
        "Woonsituatie: onzekere huisvesting",
        worker,
        opened + timedelta(hours=2),
    )
    plan = StepPlan.objects.create(
        dossier=dossier,
        drawn_up_on=(opened + timedelta(days=3)).date(),
        review_on=today + timedelta(days=14),
    )
    goal = Goal.objects.create(
        plan=plan,
        life_domain=domains["huisvesting"],
        description="De woning behouden: de uithuiszetting afwenden.",
    )
    for position, (text, owner, due, status) in enumerate(
        (
            (
                "Afbetalingsplan huurachterstal voorstellen aan de verhuurder",
                worker,
                today - timedelta(days=5),
                StepStatus.DONE,
            ),
            (
                "Dossier voorleggen aan het CAW (preventie uithuiszetting)",
                worker,
                today - timedelta(days=2),
                StepStatus.IN_PROGRESS,
            ),
            ("Huurpremie aanvragen", specialist, today + timedelta(days=7), StepStatus.PLANNED),
        )
    ):
        Step.objects.create(
            goal=goal,
            dossier=dossier,
            description=text,
            owner=owner,
            due_on=due,
            status=status,
            position=position,
            done_on=due if status == StepStatus.DONE else None,
        )
    goal2 = Goal.objects.create(
        plan=plan,
        life_domain=domains["algemeen-welzijnswerk"],
        description="Grip krijgen op de energiefacturen.",
        position=1,
    )
    Step.objects.create(
        goal=goal2,
        dossier=dossier,
        owner_name="An Voorbeeld",
        description="Alle facturen meebrengen naar het volgende gesprek",
        due_on=today + timedelta(days=3),
    )
    _timeline(
        dossier,
        TimelineKind.PLAN,
        "Stappenplan opgesteld: 2 doelen, 4 stappen",
        worker,
        opened + timedelta(days=3),
    )
    note = JournalNote.objects.create(
        dossier=dossier,
        author=worker,
        written_at=opened + timedelta(days=3),
        text="Gesprek met mevrouw Voorbeeld en haar partner. Ze willen de woning houden; "
        "de verhuurder staat open voor een afbetalingsplan.",
    )
    _timeline(dossier, TimelineKind.NOTE, "Notitie in het dagboek", worker, note.written_at)

    # Pierre Exemple: French-speaking, a callback and an appointment; no dossier yet.
    pierre = _person(
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
    contact = _contact(
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

    # Fatima Demo: a question left open for the housing cell, a home visit planned.
    fatima = _person(
        municipality,
        "Fatima",
        "Demo",
        date(1993, 8, 30),
        56,
        "Proefplein",
        gender="woman",
        email="fatima.demo@example.org",
    )
    _contact(
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
    # Anonymous contacts still count.
    _contact(
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
    # The waiting queue of today.
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
    # Office hours: open consultation hours on Tuesday morning, bookable slots on Thursday.
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
    return Person.objects.count()


def load(municipality: Municipality) -> int:
    """Load Ronse's demo casework once; later runs change nothing."""
    with tenancy.for_municipality(municipality.pk):
        created = _reference_lists(municipality)
        if municipality.slug == "ronse" and not Person.objects.exists():
            created += _households(municipality)
    return created
