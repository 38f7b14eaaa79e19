"""The demo referrals' scenario: who refers whom to where, and what happens next.

Only records here, no database: a ``ReferralPlan`` is one referral (its sender, target,
purpose and what is shared) with the ``Step``s of its life (sent, received, accepted,
messages, closed), each at a moment of the story (``When``); a ``ConsentPlan`` is the
consent a person gave to be referred. ``loading`` turns them into referrals through
the referral services. The logins are the local parts of the demo users' e-mail
addresses (``seeds.DEMO_ROLE_LOGINS``, ``seeds.DEMO_EXTRA_PARTNER_LOGINS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sociaalhuis.clients.models import ConsentForm
from sociaalhuis.demo.social_map import (
    CAW,
    GLORIEUX,
    GRIJKOORT,
    HUURDERSBOND,
    SAMENLEVINGSOPBOUW,
    UILENSPEL,
)
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import ReasonCode, TargetKind, Urgency

REGIONAL = "regio"  # the regional demo user has no municipality in the address

# When a step happened: ``(days ago, "HH:MM")`` (a working hour that day), or a
# ``timedelta`` before loading (for today's work, after the desk contacts it follows).
When = tuple[int, str] | timedelta


def _on(days_ago: int, clock: str) -> When:
    return (days_ago, clock)


def _hours(hours: float) -> When:
    return timedelta(hours=hours)


@dataclass(frozen=True)
class Step:
    """One step in a referral's life, taken by ``by`` (a demo login's local part)."""

    when: When
    by: str
    action: str = ""  # a ReferralAction; empty for a message
    note: str = ""
    reason_code: str = ""
    reason_text: str = ""
    got_help: bool | None = None


@dataclass(frozen=True)
class ReferralPlan:
    key: str  # fixed, for the idempotency key
    person: tuple[str, str]  # given and family name of a demo person
    by: str  # the sender (a demo login's local part)
    drafted: When  # when the draft was made
    target_kind: str
    purpose: str
    to_user: str = ""  # a colleague (local part)
    to_cell: str = ""  # a cell code
    to_service: tuple[str, str] | None = None  # (organisation, service code) on the map
    from_dossier: bool = False
    question_topic: str | None = None  # the person's question on this topic ("": the first)
    life_domain: str = ""  # when not taken from the question
    urgency: str = Urgency.ROUTINE
    shared: tuple[str, ...] = ("name",)
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class ConsentPlan:
    person: tuple[str, str]
    by: str
    given_days_ago: int
    scope: str
    form: str = ConsentForm.ORAL
    in_dossier: bool = False


WORKER = "maatschappelijk-werker"
RECEPTION = "onthaal"
SPECIALIST = "celmedewerker"
PARTNER_HUURDERSBOND = "partner"  # seeds.DEMO_PARTNER_ORGANISATION["ronse"]
PARTNER_CAW = "partner-caw"
PARTNER_UILENSPEL = "partner-uilenspel"

AN = ("An", "Voorbeeld")
PIERRE = ("Pierre", "Exemple")
FATIMA = ("Fatima", "Demo")
KOBE = ("Kobe", "Voorbeeld")

A = ReferralAction
RONSE_CONSENTS = (
    ConsentPlan(
        AN,
        WORKER,
        given_days_ago=35,
        scope="Naam, telefoonnummer, adres, woonsituatie en hulpvraag doorgeven aan de "
        "partners bij wie we mevrouw Voorbeeld aanmelden (CAW, Huurdersbond, Grijkoort) en "
        "aan Uilenspel voor de studieondersteuning van Lien, zolang het dossier loopt.",
        form=ConsentForm.WRITTEN,
        in_dossier=True,
    ),
    ConsentPlan(
        FATIMA,
        WORKER,
        given_days_ago=1,
        scope="Naam, e-mailadres en hulpvraag doorgeven aan Kinderopvang Glorieux en aan de "
        "Huurdersbond.",
    ),
)

RONSE_REFERRALS = (
    # The oldest first, so the referral numbers follow the dates.
    ReferralPlan(
        "caw-preventie-uithuiszetting-an",
        AN,
        WORKER,
        drafted=_on(34, "09:40"),
        target_kind=TargetKind.SERVICE,
        to_service=(CAW, "preventie-uithuiszetting"),
        from_dossier=True,
        question_topic="huurachterstal",
        urgency=Urgency.URGENT,
        purpose="Dreigende uithuiszetting: drie maanden huurachterstal en een vordering bij "
        "de vrederechter. Graag samen met mevrouw Voorbeeld bemiddelen met de verhuurder "
        "zodat het gezin de woning kan houden.",
        shared=("name", "phone", "address", "contact_wishes", "question", "housing"),
        steps=(
            Step(_on(34, "09:55"), WORKER, A.SEND),
            Step(_on(33, "08:45"), PARTNER_CAW, A.RECEIVE),
            Step(
                _on(33, "09:10"),
                PARTNER_CAW,
                A.ACCEPT,
                note="Mevrouw Voorbeeld kan maandag langskomen op de zitdag van het CAW in "
                "het Sociaal Huis.",
            ),
            Step(
                _on(31, "14:00"),
                PARTNER_CAW,
                A.START,
                note="Eerste gesprek gehad. We nemen contact op met de verhuurder.",
            ),
            Step(
                _on(20, "11:20"),
                PARTNER_CAW,
                note="De vrederechter heeft de zitting een maand uitgesteld, zodat er tijd is "
                "voor een afbetalingsplan.",
            ),
            Step(
                _on(19, "16:05"),
                WORKER,
                note="Dank u. Het voorstel van afbetalingsplan gaat deze week naar de verhuurder.",
            ),
            Step(
                _on(3, "15:30"),
                PARTNER_CAW,
                A.COMPLETE,
                got_help=True,
                note="De verhuurder aanvaardt het afbetalingsplan over twaalf maanden. De "
                "vordering tot uithuiszetting wordt ingetrokken zolang het plan loopt.",
            ),
        ),
    ),
    ReferralPlan(
        "uilenspel-studieondersteuning-an",
        AN,
        WORKER,
        drafted=_on(22, "10:15"),
        target_kind=TargetKind.SERVICE,
        to_service=(UILENSPEL, "studieondersteuning"),
        from_dossier=True,
        life_domain="onderwijs",
        purpose="Studieondersteuning aan huis voor Lien, die in de lagere school zit en het "
        "moeilijk heeft met lezen en huiswerk. Mama wil graag leren hoe ze haar kan helpen.",
        shared=("name", "phone", "address", "language"),
        steps=(
            Step(_on(22, "10:20"), WORKER, A.SEND),
            Step(_on(21, "13:40"), PARTNER_UILENSPEL, A.RECEIVE),
            Step(
                _on(21, "13:50"),
                PARTNER_UILENSPEL,
                A.DECLINE,
                reason_code=ReasonCode.NO_CAPACITY,
                reason_text="Onze wachtlijst is vol tot na de herfstvakantie. Meld Lien daarna "
                "gerust opnieuw aan.",
            ),
        ),
    ),
    ReferralPlan(
        "grijkoort-activering-an",
        AN,
        WORKER,
        drafted=_on(16, "14:30"),
        target_kind=TargetKind.SERVICE,
        to_service=(GRIJKOORT, "activering"),
        from_dossier=True,
        life_domain="tewerkstelling-opleiding",
        purpose="Mevrouw Voorbeeld wil opnieuw aan het werk om het gezinsinkomen te "
        "versterken. Een gewone job is nu nog te zwaar; ze vraagt een traject in begeleid "
        "werk.",
        shared=("name", "phone", "language"),
        # Sent sixteen days ago and never answered: past its answer date (overdue).
        steps=(Step(_on(16, "14:35"), WORKER, A.SEND),),
    ),
    ReferralPlan(
        "huurdersbond-adviespunt-an",
        AN,
        WORKER,
        drafted=_on(10, "09:05"),
        target_kind=TargetKind.SERVICE,
        to_service=(HUURDERSBOND, "adviespunt-huurders"),
        from_dossier=True,
        question_topic="huurachterstal",
        purpose="Ondersteuning bij huurachterstal en afbetalingsplan met de verhuurder: "
        "juridisch advies over haar rechten als huurder en over de herstellingen die de "
        "verhuurder nog moet doen.",
        shared=("name", "phone", "contact_wishes", "question", "housing"),
        steps=(
            Step(_on(10, "09:10"), WORKER, A.SEND),
            Step(
                _on(9, "11:00"),
                PARTNER_HUURDERSBOND,
                A.ACCEPT,
                note="Welkom op onze zitdag in het Sociaal Huis. Breng het huurcontract en de "
                "brieven van de verhuurder mee.",
            ),
            Step(
                _on(6, "10:30"),
                PARTNER_HUURDERSBOND,
                A.START,
                note="Huurcontract en brieven van de verhuurder samen nagekeken.",
            ),
            Step(
                _on(2, "12:15"),
                PARTNER_HUURDERSBOND,
                note="We hebben samen een brief aan de verhuurder opgesteld over de "
                "herstellingen die nog openstaan. Mevrouw Voorbeeld heeft een kopie.",
            ),
        ),
    ),
    ReferralPlan(
        "cel-huisvesting-huurpremie-an",
        AN,
        WORKER,
        drafted=_on(1, "16:20"),
        target_kind=TargetKind.CELL,
        to_cell="huisvesting",
        from_dossier=True,
        life_domain="huisvesting",
        purpose="Huurpremie aanvragen: het huurcontract en de inkomensgegevens liggen klaar. "
        "Graag nagaan of het gezin er recht op heeft.",
        shared=("name", "phone", "address", "housing"),
        steps=(),  # still a draft
    ),
    ReferralPlan(
        "collega-woning-fatima",
        FATIMA,
        RECEPTION,
        drafted=_hours(23.5),
        target_kind=TargetKind.COLLEAGUE,
        to_user=WORKER,
        question_topic="woningzoeken",
        purpose="Mevrouw Demo zoekt een sociale woning voor haar en haar twee kinderen. Graag "
        "samen de inschrijving bij de woonmaatschappij in orde brengen.",
        shared=("name", "email", "address", "question"),
        steps=(Step(_hours(23), RECEPTION, A.SEND),),
    ),
    ReferralPlan(
        "glorieux-kinderopvang-fatima",
        FATIMA,
        RECEPTION,
        drafted=_hours(22.5),
        target_kind=TargetKind.SERVICE,
        to_service=(GLORIEUX, "dringende-kinderopvang"),
        question_topic="opvang-zoeken",
        purpose="Mevrouw Demo zoekt dringend kinderopvang voor haar jongste kind, zodat ze "
        "naar haar afspraken over werk en huisvesting kan gaan.",
        shared=("name", "email", "question"),
        steps=(
            Step(_hours(22), RECEPTION, A.SEND),
            Step(
                _hours(4),
                RECEPTION,
                A.CANCEL,
                reason_code=ReasonCode.NO_LONGER_INTERESTED,
                reason_text="Mevrouw Demo heeft opvang gevonden bij familie.",
            ),
        ),
    ),
    ReferralPlan(
        "cel-financiele-hulp-pierre",
        PIERRE,
        RECEPTION,
        drafted=_hours(2.8),
        target_kind=TargetKind.CELL,
        to_cell="financiele-hulp",
        question_topic="leefloon",
        purpose="Meneer Exemple vraagt of hij recht heeft op een leefloon. Graag een eerste "
        "gesprek over zijn inkomen; hij spreekt Frans.",
        shared=("name", "phone", "language", "contact_wishes", "question"),
        steps=(
            Step(_hours(2.75), RECEPTION, A.SEND),
            Step(_hours(1), SPECIALIST, A.RECEIVE),
        ),
    ),
    ReferralPlan(
        "huurdersbond-huurwaarborg-fatima",
        FATIMA,
        RECEPTION,
        drafted=_hours(2),
        target_kind=TargetKind.SERVICE,
        to_service=(HUURDERSBOND, "adviespunt-huurders"),
        question_topic="woningzoeken",
        purpose="Mevrouw Demo heeft een private huurwoning op het oog. Ze wil weten of de "
        "gevraagde huurwaarborg en de huurprijs kloppen voordat ze tekent.",
        shared=("name", "email", "question"),
        # New in the Huurdersbond's inbox: waiting for the partner's first answer.
        steps=(Step(_hours(1.9), RECEPTION, A.SEND),),
    ),
)

KORTRIJK_CONTACT = "contact-kobe-voorbeeld"
KORTRIJK_REFERRALS = (
    ReferralPlan(
        "collega-woning-kobe",
        KOBE,
        RECEPTION,
        drafted=_hours(0.35),
        target_kind=TargetKind.COLLEAGUE,
        to_user=REGIONAL,
        question_topic="",
        purpose="Meneer Voorbeeld moet zijn huurwoning verlaten. Graag een gesprek over een "
        "sociale huurwoning en de huurpremie.",
        shared=("name", "phone", "question"),
        steps=(Step(_hours(0.25), RECEPTION, A.SEND),),
    ),
)

# Per municipality: the default time to answer, and (organisation, service, days) agreed
# with a few partner services.
RESPONSE_TIMES: dict[str, tuple[int, tuple[tuple[str, str, int], ...]]] = {
    "ronse": (
        10,
        (
            (HUURDERSBOND, "adviespunt-huurders", 5),
            (CAW, "preventie-uithuiszetting", 7),
            (CAW, "onthaal", 7),
        ),
    ),
    "harelbeke": (14, ((SAMENLEVINGSOPBOUW, "buurtopbouwwerk-centrum-harelbeke", 7),)),
    "kortrijk": (7, ()),
}
