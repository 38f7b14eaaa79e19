"""The small builders the demo households are made of: a fictitious person with a
national register number valid in form, a desk contact with its questions, a line on a
dossier's timeline, and the ``DemoDay`` (who is at work, and when "now" is) that every
household shares.

Records are created directly, not through the services: the casework is the starting
point the demo referrals (``demo.referrals``) then build on through the services.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.clients.identity import search_name_for
from sociaalhuis.clients.models import Identity, Person
from sociaalhuis.clients.services import name_words_save
from sociaalhuis.core import datafiles
from sociaalhuis.dossiers.models import Dossier, TimelineEntry
from sociaalhuis.frontdesk.models import (
    Contact,
    HelpQuestion,
    Outcome,
    QuestionStatus,
    Topic,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality, Neighbourhood

DEMO = "sociaalhuis.demo"  # the app whose data/ folder holds the demo's files


@dataclass(frozen=True)
class DemoDay:
    """Who is at work in the municipality, and the moment of loading ("now")."""

    municipality: Municipality
    reception: User
    worker: User
    specialist: User
    now: datetime
    today: date
    domains: dict[str, LifeDomain]
    cells: dict[str, Cell]


def demo_day(municipality: Municipality) -> DemoDay:
    return DemoDay(
        municipality=municipality,
        reception=user(municipality, "onthaal"),
        worker=user(municipality, "maatschappelijk-werker"),
        specialist=user(municipality, "celmedewerker"),
        now=timezone.now(),
        today=timezone.localdate(),
        domains={domain.code: domain for domain in LifeDomain.objects.all()},
        cells={cell.code: cell for cell in Cell.objects.all()},
    )


def streets() -> dict[str, str]:
    """Street -> neighbourhood of the made-up streets."""
    return {row["street"]: row["neighbourhood"] for row in datafiles.rows(DEMO, "streets.csv")}


def national_number(birth: date, serial: int) -> str:
    base = f"{birth:%y%m%d}{serial:03d}"
    number = int(base if birth.year < 2000 else "2" + base)
    return f"{base}{97 - number % 97:02d}"


def user(municipality: Municipality, local: str) -> User:
    return User.objects.get(email=f"{local}.{municipality.slug}@demo.sociaalhuis.example")


def person(
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
    neighbourhood_name = streets().get(street)
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
        national_number=national_number(birth, serial),
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


def contact(
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


def timeline(dossier: Dossier, kind: str, summary: str, by: User, at: datetime) -> None:
    TimelineEntry.objects.create(dossier=dossier, kind=kind, summary=summary, actor=by, at=at)
