"""Demo referrals: closed-loop referrals (doorverwijzingen) with their feedback.

Loaded after the casework they start from (``demo.casework``): Ronse's fictitious
households are referred to a colleague, a cell of the Sociaal Huis and covenant
partners of the social map (seed 000), and the receivers answer (seed 003, chapter 5:
targeted referral with feedback). Kortrijk gets one referral and Harelbeke only its
settings, so the municipality switch shows that each municipality sees its own.

Everything goes through the referral services, acting as the demo users with the
roles they really hold, so the history, the dossier timeline, the access log and the
e-mails are what the platform itself writes. Only the clock is not real: each step
happens "now" and is then moved back to the moment its plan gives it (demo
back-dating, ``backdating``), so that the timeline and the loop figures read like
weeks of work. The access log keeps the real time of loading.

Idempotent: every demo referral has a fixed ``idempotency_key`` (``referral_create``
returns the one already made) and a step already in its history is skipped, so a
second run changes nothing.

The package: ``plans`` (the scenario, as records), ``acting`` (acting as a demo user,
the idempotency keys), ``loading`` (plans into records through the services),
``backdating`` and ``kortrijk`` (Kortrijk's desk contact). ``load`` is the entry point.
"""

from __future__ import annotations

from django.utils import timezone

from sociaalhuis.clients.models import Consent
from sociaalhuis.core import tenancy
from sociaalhuis.demo.referrals import loading
from sociaalhuis.demo.referrals.acting import demo_key, find_person
from sociaalhuis.demo.referrals.kortrijk import desk_contact
from sociaalhuis.demo.referrals.plans import (
    AN,
    FATIMA,
    KORTRIJK_REFERRALS,
    PIERRE,
    RONSE_CONSENTS,
    RONSE_REFERRALS,
)
from sociaalhuis.tenants.models import Municipality

__all__ = ["demo_key", "load"]


def load(municipalities: dict[str, Municipality]) -> int:
    """Load the demo referrals once; later runs change nothing. Returns the records made."""
    now = timezone.now()
    today = timezone.localdate(now)
    created = sum(loading.load_settings(municipality) for municipality in municipalities.values())
    ronse = municipalities.get("ronse")
    if ronse is not None and _has_casework(ronse):
        consents: dict[tuple[str, str], Consent] = {}
        for consent_plan in RONSE_CONSENTS:
            consent, made = loading.load_consent(ronse, consent_plan, today)
            consents[consent_plan.person] = consent
            created += made
        for plan in RONSE_REFERRALS:
            created += loading.load_referral(ronse, plan, consents, now)
    kortrijk = municipalities.get("kortrijk")
    if kortrijk is not None:
        created += desk_contact(kortrijk)
        for plan in KORTRIJK_REFERRALS:
            created += loading.load_referral(kortrijk, plan, {}, now)
    return created


def _has_casework(municipality: Municipality) -> bool:
    """Ronse's demo households are there (the casework loads them into an empty Ronse only)."""
    with tenancy.for_municipality(municipality.pk):
        return all(find_person(name) is not None for name in (AN, PIERRE, FATIMA))
