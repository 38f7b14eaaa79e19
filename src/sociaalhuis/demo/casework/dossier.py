"""Family Voorbeeld (An, Tom and Lien): rent arrears and a threat of eviction, and the
help dossier that follows, with its care team, housing situation, step plan, journal
note and timeline. The demo referrals start from this dossier.
"""

from __future__ import annotations

from datetime import date, timedelta

from sociaalhuis.clients.models import (
    Channel,
    ContactRestriction,
    Household,
    HouseholdMember,
    Relation,
)
from sociaalhuis.demo.casework import people
from sociaalhuis.demo.casework.people import DemoDay
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Dossier,
    Ethos,
    Goal,
    HousingSituation,
    JournalNote,
    StatusChange,
    Step,
    StepPlan,
    StepStatus,
    TeamRole,
    TimelineKind,
)
from sociaalhuis.frontdesk.models import ContactChannel, Outcome


def family_voorbeeld(day: DemoDay) -> None:
    municipality, reception, worker, specialist = (
        day.municipality,
        day.reception,
        day.worker,
        day.specialist,
    )
    now, today, domains = day.now, day.today, day.domains

    # Family Voorbeeld: rent arrears and a threat of eviction; a dossier with a step plan.
    an = people.person(
        municipality,
        "An",
        "Voorbeeld",
        date(1987, 3, 14),
        12,
        "Voorbeeldstraat",
        gender="woman",
        phone="0470 00 00 01",
    )
    tom = people.person(
        municipality, "Tom", "Voorbeeld", date(1985, 11, 2), 21, "Voorbeeldstraat", gender="man"
    )
    lien = people.person(municipality, "Lien", "Voorbeeld", date(2015, 6, 9), 34, "Voorbeeldstraat")
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
    people.timeline(
        dossier, TimelineKind.STATUS, f"Dossier geopend: {dossier.reason}", reception, opened
    )
    people.contact(
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
    people.timeline(
        dossier, TimelineKind.CONTACT, "Contact aan het onthaal: 2 hulpvragen", reception, opened
    )
    HousingSituation.objects.create(
        dossier=dossier,
        category=Ethos.INSECURE,
        description="Vordering tot uithuiszetting ingeleid.",
        since=(opened - timedelta(days=10)).date(),
        recorded_by=worker,
    )
    people.timeline(
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
    people.timeline(
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
    people.timeline(dossier, TimelineKind.NOTE, "Notitie in het dagboek", worker, note.written_at)
