"""Factories of the referrals app.

Written with the unscoped managers, without the services (no numbering, no access-log
entry, no mail): the world a test starts from. Each referral gets the status-history
row the services would have written for its status.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from sociaalhuis.referrals.models import (
    LegalBasis,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Side,
    TargetKind,
)
from sociaalhuis.tenants.tests.factories import TenantModelFactory


class ReferralFactory(TenantModelFactory[Referral]):
    """A referral from ``dossier`` to the service ``to_service`` of a partner, sent now.

    ``ReferralFactory.create(dossier=..., to_service=..., consent=..., created_by=...)``;
    the person, the municipality and the receiving organisation follow from those.
    ``shared_data`` is what the person agreed to share (the shared fields are its keys).

    Traits: ``draft=True`` (not sent yet).
    """

    class Meta:
        model = Referral

    class Params:
        draft = factory.Trait(status=ReferralStatus.DRAFT)

    municipality = factory.SelfAttribute("dossier.municipality")
    reference = factory.Sequence(lambda n: f"V2001-{n + 1:04d}")
    person = factory.SelfAttribute("dossier.person")
    target_kind = TargetKind.SERVICE
    to_organisation = factory.SelfAttribute("to_service.organisation")
    purpose = "Help with rent arrears and a payment plan with the landlord."
    response_due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    shared_data: Any = factory.LazyFunction(lambda: {"name": "Mira Example"})
    shared_fields = factory.LazyAttribute(lambda referral: list(referral.shared_data))
    legal_basis = LegalBasis.CONSENT
    status = ReferralStatus.SENT
    sent_at = factory.LazyAttribute(
        lambda referral: None if referral.status == ReferralStatus.DRAFT else timezone.now()
    )

    @classmethod
    def _create(cls, model_class: type[Referral], *args: Any, **kwargs: Any) -> Referral:
        referral = Referral.unscoped.create(**kwargs)
        ReferralUpdate.unscoped.create(
            municipality_id=referral.municipality_id,
            referral=referral,
            by=referral.created_by,
            side=Side.SENDER,
            from_status=ReferralStatus.DRAFT,
            to_status=referral.status,
        )
        return referral
