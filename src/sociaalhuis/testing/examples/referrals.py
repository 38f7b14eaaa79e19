"""Example referrals, built with ``ReferralFactory`` on the cast.

``example_referral`` is a sent referral from the example dossier (managed by the
social worker, the cell specialist on its team) made by the reception worker, to the
example service of the cast's partner organisation: so every role allowed by the
matrix to open a referral sees it from one side or the other.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from sociaalhuis.clients.models import Consent, ConsentPurpose
from sociaalhuis.directory.models import Service
from sociaalhuis.referrals.models import Referral
from sociaalhuis.referrals.tests.factories import ReferralFactory
from sociaalhuis.testing.cast import Cast
from sociaalhuis.testing.examples.directory import example_service
from sociaalhuis.testing.examples.dossiers import example_dossier

EXAMPLE_REFERENCE = "V2000-0001"


def partner_service(cast: Cast, slug: str) -> Service:
    return example_service(cast.organisations[slug], cast.municipalities[slug])


def referral_consent(cast: Cast, slug: str) -> Consent:
    """The example person's consent to be referred (not limited to one organisation)."""
    dossier = example_dossier(cast, slug)
    assert dossier.person_id is not None, "the example dossier is a person's"
    consent = Consent.unscoped.filter(
        person_id=dossier.person_id, purpose=ConsentPurpose.REFERRAL, withdrawn_on__isnull=True
    ).first()
    if consent is not None:
        return consent
    return Consent.unscoped.create(
        municipality_id=dossier.municipality_id,
        person_id=dossier.person_id,
        purpose=ConsentPurpose.REFERRAL,
        scope="Name and phone number for a referral to a partner.",
        dossier_id=dossier.pk,
        given_on=timezone.localdate() - timedelta(days=7),
        recorded_by=dossier.opened_by,
    )


def make_referral(cast: Cast, slug: str, **overrides: Any) -> Referral:
    """``ReferralFactory`` with the cast's defaults in ``slug``.

    From the example dossier (and its person's referral consent), made by the
    reception worker, to the example service of the cast's partner organisation;
    ``overrides`` go to the factory (``reference=``, ``status=``, ``shared_data=``...).
    """
    values: dict[str, Any] = {
        "dossier": example_dossier(cast, slug),
        "to_service": partner_service(cast, slug),
        "consent": referral_consent(cast, slug),
        "created_by": cast.user(slug, "reception"),
        **overrides,
    }
    return ReferralFactory.create(**values)


def example_referral(cast: Cast, slug: str) -> Referral:
    municipality = cast.municipalities[slug]
    found = Referral.unscoped.filter(municipality=municipality, reference=EXAMPLE_REFERENCE).first()
    if found is not None:
        return found
    return make_referral(cast, slug, reference=EXAMPLE_REFERENCE)
