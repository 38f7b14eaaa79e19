"""Turning the plans into records: the referral settings, the consents, and each
planned referral with its steps, all through the services as the demo users.

Idempotent: every demo referral has a fixed ``idempotency_key`` (``referral_create``
returns the one already made) and a step already in its history is skipped, so a
second run changes nothing. Each step is back-dated right after it is taken
(``backdating``).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.clients.consents.services import ConsentInput, consent_record
from sociaalhuis.clients.models import Consent, ConsentPurpose
from sociaalhuis.core import tenancy
from sociaalhuis.demo.referrals import backdating
from sociaalhuis.demo.referrals.acting import acting, demo_key, find_person, login
from sociaalhuis.demo.referrals.plans import RESPONSE_TIMES, ConsentPlan, ReferralPlan, Step
from sociaalhuis.demo.social_map import service_uuid
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.models import HelpQuestion
from sociaalhuis.referrals import services
from sociaalhuis.referrals.lifecycle import TRANSITIONS, ReferralAction
from sociaalhuis.referrals.models import (
    LegalBasis,
    Referral,
    ReferralSettings,
    ReferralUpdate,
    ServiceResponseTime,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality


def load_settings(municipality: Municipality) -> int:
    if municipality.slug not in RESPONSE_TIMES:
        return 0
    default_days, agreed = RESPONSE_TIMES[municipality.slug]
    admin = login("beheerder", municipality)
    created = 0
    with acting(admin, municipality):
        if ReferralSettings.objects.first() is None:
            services.settings_update(actor=admin, default_response_days=default_days)
            created += 1
        for organisation, code, days in agreed:
            service = Service.objects.get(uuid=service_uuid(organisation, code))
            if not ServiceResponseTime.objects.filter(service=service).exists():
                services.service_response_time_set(actor=admin, service=service, response_days=days)
                created += 1
    return created


def load_consent(municipality: Municipality, plan: ConsentPlan, today: date) -> tuple[Consent, int]:
    """The person's consent to be referred (not limited to one organisation)."""
    recorder = login(plan.by, municipality)
    with acting(recorder, municipality):
        person = find_person(plan.person)
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
    person = find_person(plan.person)
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
        to_user=login(plan.to_user, municipality) if plan.to_user else None,
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


def load_referral(
    municipality: Municipality,
    plan: ReferralPlan,
    consents: dict[tuple[str, str], Consent],
    now: datetime,
) -> int:
    """Make the planned referral and take its steps; returns the records made."""
    sender = login(plan.by, municipality)
    key = demo_key(municipality.slug, plan.key)
    made = 0
    with acting(sender, municipality):
        referral = Referral.objects.filter(idempotency_key=key).first()
        if referral is None:
            marks = backdating.marks(None)
            referral, created = services.referral_create(
                _input(plan, municipality, consents), actor=sender, idempotency_key=key
            )
            made += int(created)
            backdating.backdate(referral, marks, backdating.moment(now, plan.drafted))
    sent_now = False
    for step in plan.steps:
        with tenancy.for_municipality(municipality.pk):
            if _done(referral, step):
                continue
            marks = backdating.marks(referral)
        actor = login(step.by, municipality)
        with acting(actor, municipality):
            referral = _take(referral, step, actor)
        with tenancy.for_municipality(municipality.pk):
            backdating.backdate(referral, marks, backdating.moment(now, step.when))
        made += 1
        sent_now = sent_now or step.action == ReferralAction.SEND
    if made:
        with tenancy.for_municipality(municipality.pk):
            backdating.settle_dates(referral, sent_now=sent_now, today=timezone.localdate(now))
    return made
