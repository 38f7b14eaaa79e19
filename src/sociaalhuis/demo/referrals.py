"""Demo referrals: closed-loop referrals (doorverwijzingen) with their feedback.

Loaded after the casework they start from (``casework.py``): Ronse's fictitious
households are referred to a colleague, a cell of the Sociaal Huis and covenant
partners of the social map (seed 000), and the receivers answer (seed 003, chapter 5:
targeted referral with feedback). Kortrijk gets one referral and Harelbeke only its
settings, so the municipality switch shows that each municipality sees its own.

Everything goes through the referral services, acting as the demo users with the
roles they really hold, so the history, the dossier timeline, the access log and the
e-mails are what the platform itself writes. Only the clock is not real: each step
happens "now" and is then moved back to the moment the plans below give it (demo
back-dating, ``_backdate`` and ``_settle_dates``), so that the timeline and the loop
figures read like weeks of work. The access log keeps the real time of loading.

Idempotent: every demo referral has a fixed ``idempotency_key`` (``referral_create``
returns the one already made) and a step already in its history is skipped, so a
second run changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Max
from django.utils import timezone

from sociaalhuis.accounts.models import Cell, Membership, User
from sociaalhuis.clients.consents.services import ConsentInput, consent_record
from sociaalhuis.clients.models import Consent, ConsentForm, ConsentPurpose, Identity, Person
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.core import tenancy
from sociaalhuis.demo import seeds
from sociaalhuis.demo.clock import earlier_today
from sociaalhuis.demo.social_map import (
    CAW,
    GLORIEUX,
    GRIJKOORT,
    HUURDERSBOND,
    SAMENLEVINGSOPBOUW,
    UILENSPEL,
    service_uuid,
)
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier, TimelineEntry
from sociaalhuis.frontdesk.models import Contact, ContactChannel, HelpQuestion, Outcome
from sociaalhuis.frontdesk.services import ContactInput, QuestionInput, contact_register
from sociaalhuis.referrals import services
from sociaalhuis.referrals.lifecycle import TRANSITIONS, ReferralAction
from sociaalhuis.referrals.models import (
    LegalBasis,
    ReasonCode,
    Referral,
    ReferralSettings,
    ReferralStatus,
    ReferralUpdate,
    ServiceResponseTime,
    Side,
    TargetKind,
    Urgency,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality

# The idempotency keys of the demo referrals and contacts: uuid5 of this and a name.
NAMESPACE = uuid.UUID("e892017f-2640-4b56-ade6-be12533860a8")
REGIONAL = "regio"  # the regional demo user has no municipality in the address


def demo_key(slug: str, name: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{slug}/{name}")


# --- The plans ------------------------------------------------------------------------


# When a step happened: ``(days ago, "HH:MM")`` (a working hour that day), or a
# ``timedelta`` before loading (for today's work, after the desk contacts it follows).
When = tuple[int, str] | timedelta


def _on(days_ago: int, clock: str) -> When:
    return (days_ago, clock)


def _hours(hours: float) -> When:
    return timedelta(hours=hours)


def _moment(now: datetime, when: When) -> datetime:
    if isinstance(when, timedelta):
        return earlier_today(now, when)
    days_ago, clock = when
    day = timezone.localdate(now) - timedelta(days=days_ago)
    return timezone.make_aware(datetime.combine(day, time.fromisoformat(clock)))


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


# --- Acting as a demo user ----------------------------------------------------------------


def _login(local: str, municipality: Municipality) -> User:
    if local == REGIONAL:
        return User.objects.get(email=f"{REGIONAL}@{seeds.DEMO_EMAIL_DOMAIN}")
    return User.objects.get(email=f"{local}.{municipality.slug}@{seeds.DEMO_EMAIL_DOMAIN}")


@contextmanager
def _acting(user: User, municipality: Municipality) -> Iterator[None]:
    """The tenant context the user's own memberships give them, as a request would."""
    memberships = list(Membership.objects.filter(user=user, municipality=municipality, active=True))
    context = tenancy.TenantContext(
        municipality_id=municipality.pk,
        user_id=user.pk,
        roles=frozenset(m.role for m in memberships),
        organisation_ids=frozenset(m.organisation_id for m in memberships if m.organisation_id),
    )
    with tenancy.activate(context):
        yield


def _person(name: tuple[str, str]) -> Person | None:
    identity = (
        Identity.objects.select_related("person")
        .filter(given_name=name[0], family_name=name[1], person__merged_into__isnull=True)
        .first()
    )
    return identity.person if identity is not None else None


# --- Settings and consents ------------------------------------------------------------------


def _settings(municipality: Municipality) -> int:
    if municipality.slug not in RESPONSE_TIMES:
        return 0
    default_days, agreed = RESPONSE_TIMES[municipality.slug]
    admin = _login("beheerder", municipality)
    created = 0
    with _acting(admin, municipality):
        if ReferralSettings.objects.first() is None:
            services.settings_update(actor=admin, default_response_days=default_days)
            created += 1
        for organisation, code, days in agreed:
            service = Service.objects.get(uuid=service_uuid(organisation, code))
            if not ServiceResponseTime.objects.filter(service=service).exists():
                services.service_response_time_set(actor=admin, service=service, response_days=days)
                created += 1
    return created


def _consent(municipality: Municipality, plan: ConsentPlan, today: date) -> tuple[Consent, int]:
    """The person's consent to be referred (not limited to one organisation)."""
    recorder = _login(plan.by, municipality)
    with _acting(recorder, municipality):
        person = _person(plan.person)
        if person is None:
            raise LookupError(plan.person)
        existing = Consent.objects.filter(
            person=person, purpose=ConsentPurpose.REFERRAL, scope=plan.scope
        ).first()
        if existing is not None:
            return existing, 0
        dossier_id = None
        if plan.in_dossier:
            dossier_id = Dossier.objects.filter(person=person).values_list("pk", flat=True).first()
        consent = consent_record(
            person,
            actor=recorder,
            data=ConsentInput(
                purpose=ConsentPurpose.REFERRAL,
                scope=plan.scope,
                given_on=today - timedelta(days=plan.given_days_ago),
                form=plan.form,
            ),
            dossier_id=dossier_id,
        )
    return consent, 1


# --- Referrals ------------------------------------------------------------------------------


def _input(
    plan: ReferralPlan, municipality: Municipality, consents: dict[tuple[str, str], Consent]
) -> services.ReferralInput:
    person = _person(plan.person)
    if person is None:
        raise LookupError(plan.person)
    dossier = Dossier.objects.get(person=person) if plan.from_dossier else None
    question = None
    if plan.question_topic is not None:
        questions = HelpQuestion.objects.filter(person=person)
        if plan.question_topic:
            questions = questions.filter(topic__code=plan.question_topic)
        question = questions.order_by("created_at", "pk").first()
    service = Service.objects.get(uuid=service_uuid(*plan.to_service)) if plan.to_service else None
    return services.ReferralInput(
        person=person,
        target_kind=plan.target_kind,
        purpose=plan.purpose,
        to_user=_login(plan.to_user, municipality) if plan.to_user else None,
        to_cell=Cell.objects.get(code=plan.to_cell) if plan.to_cell else None,
        to_service=service,
        dossier=dossier,
        question=question,
        life_domain=LifeDomain.objects.get(code=plan.life_domain) if plan.life_domain else None,
        urgency=plan.urgency,
        shared_fields=list(plan.shared),
        legal_basis=LegalBasis.CONSENT if service is not None else "",
        consent=consents.get(plan.person) if service is not None else None,
    )


def _done(referral: Referral, step: Step) -> bool:
    """Whether the referral's history already holds this step (from an earlier run)."""
    history = ReferralUpdate.objects.filter(referral=referral)
    if step.action:
        return history.filter(to_status=TRANSITIONS[ReferralAction(step.action)].to_status).exists()
    return history.filter(to_status="", note=step.note).exists()


def _take(referral: Referral, step: Step, actor: User) -> Referral:
    if not step.action:
        services.referral_message(referral, actor=actor, note=step.note)
        return referral
    if step.action == ReferralAction.SEND:
        return services.referral_send(referral, actor=actor, based_on_version=referral.version)
    return services.referral_transition(
        referral,
        actor=actor,
        action=step.action,
        reason_code=step.reason_code,
        reason_text=step.reason_text,
        note=step.note,
        got_help=step.got_help,
    )


def _marks(referral: Referral | None) -> tuple[int, int]:
    """The newest update of the referral and timeline line so far (what a step adds is newer)."""
    update = None
    if referral is not None:
        update = ReferralUpdate.objects.filter(referral=referral).aggregate(last=Max("pk"))["last"]
    line = TimelineEntry.objects.aggregate(last=Max("pk"))["last"]
    return update or 0, line or 0


def _backdate(referral: Referral, marks: tuple[int, int], when: datetime) -> None:
    """DEMO BACK-DATING: the step just taken "now" gets the moment of the demo's story.

    Only for demo data: the referral's history line and the dossier timeline line the
    step wrote. Never done by the platform itself.
    """
    update_mark, line_mark = marks
    ReferralUpdate.objects.filter(referral=referral, pk__gt=update_mark).update(at=when)
    TimelineEntry.objects.filter(
        pk__gt=line_mark,
        object_type=Referral._meta.label_lower,
        object_id=str(referral.pk),
    ).update(at=when)


def _settle_dates(referral: Referral, *, sent_now: bool, today: date) -> None:
    """DEMO BACK-DATING: the referral's own dates follow its back-dated history.

    When it was sent in this run its answer date moves back with it (the same number
    of days after sending), which is how a referral that nobody answered is overdue.
    """
    current = Referral.objects.get(pk=referral.pk)
    history = list(ReferralUpdate.objects.filter(referral=current).order_by("at", "pk"))
    changes: dict[str, object] = {"created_at": history[0].at}
    first_at: dict[str, datetime] = {}
    for update in history:
        if update.to_status and update.to_status != update.from_status:
            first_at.setdefault(update.to_status, update.at)
            changes["status_changed_at"] = update.at
    if current.sent_at is not None:
        sent_at = first_at[ReferralStatus.SENT]
        changes["sent_at"] = sent_at
        if sent_now:
            days_back = (today - timezone.localtime(sent_at).date()).days
            changes["response_due_on"] = current.response_due_on - timedelta(days=days_back)
    if current.received_at is not None:
        changes["received_at"] = min(
            u.at for u in history if u.side == Side.RECEIVER and u.to_status
        )
    if current.accepted_at is not None:
        changes["accepted_at"] = first_at[ReferralStatus.ACCEPTED]
    if current.closed_at is not None:
        changes["closed_at"] = first_at[current.status]
    Referral.objects.filter(pk=current.pk).update(**changes)


def _referral(
    municipality: Municipality,
    plan: ReferralPlan,
    consents: dict[tuple[str, str], Consent],
    now: datetime,
) -> int:
    """Make the planned referral and take its steps; returns the records made."""
    sender = _login(plan.by, municipality)
    key = demo_key(municipality.slug, plan.key)
    made = 0
    with _acting(sender, municipality):
        referral = Referral.objects.filter(idempotency_key=key).first()
        if referral is None:
            marks = _marks(None)
            referral, created = services.referral_create(
                _input(plan, municipality, consents), actor=sender, idempotency_key=key
            )
            made += int(created)
            _backdate(referral, marks, _moment(now, plan.drafted))
    sent_now = False
    for step in plan.steps:
        with tenancy.for_municipality(municipality.pk):
            if _done(referral, step):
                continue
            marks = _marks(referral)
        actor = _login(step.by, municipality)
        with _acting(actor, municipality):
            referral = _take(referral, step, actor)
        with tenancy.for_municipality(municipality.pk):
            _backdate(referral, marks, _moment(now, step.when))
        made += 1
        sent_now = sent_now or step.action == ReferralAction.SEND
    if made:
        with tenancy.for_municipality(municipality.pk):
            _settle_dates(referral, sent_now=sent_now, today=timezone.localdate(now))
    return made


def _kortrijk_contact(municipality: Municipality) -> int:
    """A fictitious Kortrijk resident at the desk, registered through the desk service."""
    reception = _login(RECEPTION, municipality)
    key = demo_key(municipality.slug, KORTRIJK_CONTACT)
    with _acting(reception, municipality):
        if Contact.objects.filter(idempotency_key=key).exists():
            return 0
        contact_register(
            actor=reception,
            data=ContactInput(
                channel=ContactChannel.DESK,
                idempotency_key=key,
                questions=[
                    QuestionInput(
                        life_domain=LifeDomain.objects.get(code="wonen"),
                        outcome=Outcome.OPEN,
                        description="Moet zijn huurwoning verlaten en zoekt een sociale woning.",
                        cell=Cell.objects.get(code="huisvesting"),
                    )
                ],
            ),
            new_person=PersonInput(
                given_name=KOBE[0],
                family_name=KOBE[1],
                birth_date=date(1979, 4, 2),
                street="Voorbeeldstraat",
                house_number="7",
                postcode="8500",
                city="Kortrijk",
                phone="0470 00 00 09",
            ),
        )
    return 2  # the person and the contact


def load(municipalities: dict[str, Municipality]) -> int:
    """Load the demo referrals once; later runs change nothing. Returns the records made."""
    now = timezone.now()
    today = timezone.localdate(now)
    created = sum(_settings(municipality) for municipality in municipalities.values())
    ronse = municipalities.get("ronse")
    if ronse is not None and _has_casework(ronse):
        consents: dict[tuple[str, str], Consent] = {}
        for consent_plan in RONSE_CONSENTS:
            consent, made = _consent(ronse, consent_plan, today)
            consents[consent_plan.person] = consent
            created += made
        for plan in RONSE_REFERRALS:
            created += _referral(ronse, plan, consents, now)
    kortrijk = municipalities.get("kortrijk")
    if kortrijk is not None:
        created += _kortrijk_contact(kortrijk)
        for plan in KORTRIJK_REFERRALS:
            created += _referral(kortrijk, plan, {}, now)
    return created


def _has_casework(municipality: Municipality) -> bool:
    """Ronse's demo households are there (the casework loads them into an empty Ronse only)."""
    with tenancy.for_municipality(municipality.pk):
        return all(_person(name) is not None for name in (AN, PIERRE, FATIMA))
