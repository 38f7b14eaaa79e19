"""Example referrals for tests: built with the unscoped managers and idempotent.

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
from sociaalhuis.directory.testing import example_service
from sociaalhuis.dossiers.testing import example_dossier
from sociaalhuis.referrals.models import (
    LegalBasis,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Side,
    TargetKind,
)
from sociaalhuis.testing import Cast

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


def make_referral(
    cast: Cast,
    slug: str,
    *,
    reference: str,
    status: str = ReferralStatus.SENT,
    created_by: Any = None,
    shared_data: dict[str, str] | None = None,
    **fields: Any,
) -> Referral:
    dossier = example_dossier(cast, slug)
    service = partner_service(cast, slug)
    now = timezone.now()
    values: dict[str, Any] = {
        "municipality_id": dossier.municipality_id,
        "reference": reference,
        "person_id": dossier.person_id,
        "dossier": dossier,
        "target_kind": TargetKind.SERVICE,
        "to_service": service,
        "to_organisation": service.organisation,
        "purpose": "Help with rent arrears and a payment plan with the landlord.",
        "response_due_on": timezone.localdate() + timedelta(days=10),
        "shared_fields": list((shared_data or {"name": "Mira Example"}).keys()),
        "shared_data": shared_data or {"name": "Mira Example"},
        "legal_basis": LegalBasis.CONSENT,
        "consent": referral_consent(cast, slug),
        "status": status,
        "created_by": created_by or cast.user(slug, "reception"),
        "sent_at": None if status == ReferralStatus.DRAFT else now,
        **fields,
    }
    referral = Referral.unscoped.create(**values)
    ReferralUpdate.unscoped.create(
        municipality_id=referral.municipality_id,
        referral=referral,
        by=referral.created_by,
        side=Side.SENDER,
        from_status=ReferralStatus.DRAFT,
        to_status=status,
    )
    return referral


def example_referral(cast: Cast, slug: str) -> Referral:
    municipality = cast.municipalities[slug]
    found = Referral.unscoped.filter(municipality=municipality, reference=EXAMPLE_REFERENCE).first()
    if found is not None:
        return found
    return make_referral(cast, slug, reference=EXAMPLE_REFERENCE)
