"""Consents recorded from a dossier (the person's, kept by ``clients.consents``)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.clients.consents import services as consent_services
from sociaalhuis.clients.models import Consent
from sociaalhuis.dossiers.models import Dossier, TimelineKind
from sociaalhuis.dossiers.plan.services.trail import require_work
from sociaalhuis.dossiers.services import timeline_add


def dossier_consent_record(
    dossier: Dossier, *, actor: User, data: consent_services.ConsentInput
) -> Consent:
    """Record a consent of the dossier's person, from within the dossier."""
    require_work(actor, dossier)
    if dossier.person is None:
        raise ValidationError(
            _("This dossier is for a household: record consents with each person."),
            code="no_person",
        )
    with transaction.atomic():
        consent = consent_services.consent_record(
            dossier.person, actor=actor, data=data, dossier_id=dossier.pk
        )
        timeline_add(
            dossier,
            kind=TimelineKind.CONSENT,
            summary=_("Consent recorded: %(purpose)s") % {"purpose": consent.get_purpose_display()},
            actor=actor,
            obj=consent,
        )
    return consent


def dossier_consent_withdraw(
    dossier: Dossier, consent: Consent, *, actor: User, withdrawn_on: date, note: str
) -> Consent:
    require_work(actor, dossier)
    if consent.person_id != dossier.person_id:
        raise PermissionDenied
    with transaction.atomic():
        consent = consent_services.consent_withdraw(
            consent, actor=actor, withdrawn_on=withdrawn_on, note=note
        )
        timeline_add(
            dossier,
            kind=TimelineKind.CONSENT,
            summary=_("Consent withdrawn: %(purpose)s")
            % {"purpose": consent.get_purpose_display()},
            actor=actor,
            obj=consent,
        )
    return consent
