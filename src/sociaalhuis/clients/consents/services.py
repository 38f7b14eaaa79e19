"""Recording and withdrawing a person's consents. A consent is never deleted.

The caller decides whether the actor may act for the person (the dossier's care
team, see ``dossiers.plan_services``); here only casework roles pass, and every write
is in the access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Consent, ConsentForm, ConsentPurpose, Person
from sociaalhuis.core import tenancy


@dataclass(frozen=True)
class ConsentInput:
    purpose: str
    scope: str
    given_on: date
    form: str = ConsentForm.ORAL
    organisation: Any = None
    valid_until: date | None = None


def _require_casework() -> None:
    if not tenancy.current().has_role(Role.SOCIAL_WORKER, Role.CELL_SPECIALIST):
        raise PermissionDenied


def _check(data: ConsentInput) -> None:
    errors: dict[str, ValidationError] = {}
    if data.purpose not in ConsentPurpose.values:
        errors["purpose"] = ValidationError(_("Choose what the consent is for."), code="invalid")
    if data.form not in ConsentForm.values:
        errors["form"] = ValidationError(_("Choose how the consent was given."), code="invalid")
    if not data.scope.strip():
        errors["scope"] = ValidationError(
            _("Write down what the person agreed to: which data, for whom."), code="required"
        )
    if data.given_on > timezone.localdate():
        errors["given_on"] = ValidationError(
            _("A consent cannot be given in the future."), code="future"
        )
    if data.valid_until is not None and data.valid_until < data.given_on:
        errors["valid_until"] = ValidationError(
            _("The end date lies before the date the consent was given."), code="ends_before"
        )
    if errors:
        raise ValidationError(errors)


def consent_record(
    person: Person, *, actor: User, data: ConsentInput, dossier_id: int | None = None
) -> Consent:
    _require_casework()
    _check(data)
    if person.is_merged:
        raise ValidationError(
            _("This record was merged into another one; record the consent there."),
            code="merged",
        )
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            purpose=data.purpose,
            scope=data.scope.strip(),
            organisation=data.organisation,
            dossier_id=dossier_id,
            form=data.form,
            given_on=data.given_on,
            valid_until=data.valid_until,
            recorded_by=actor,
        )
        access_record(actor=actor, action=Action.CREATE, obj=consent, person_id=person.pk)
    return consent


def consent_withdraw(consent: Consent, *, actor: User, withdrawn_on: date, note: str) -> Consent:
    """Withdraw a consent from a date on (kept, with the date and a note)."""
    _require_casework()
    errors: dict[str, ValidationError] = {}
    if withdrawn_on > timezone.localdate():
        errors["withdrawn_on"] = ValidationError(
            _("A withdrawal cannot lie in the future."), code="future"
        )
    elif withdrawn_on < consent.given_on:
        errors["withdrawn_on"] = ValidationError(
            _("The withdrawal lies before the date the consent was given."), code="before_given"
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.withdrawn_on is not None:
            raise ValidationError(_("This consent was already withdrawn."), code="withdrawn")
        current.withdrawn_on = withdrawn_on
        current.withdrawal_note = note.strip()[:300]
        current.save(update_fields=["withdrawn_on", "withdrawal_note"])
        access_record(actor=actor, action=Action.UPDATE, obj=current, person_id=current.person_id)
    return current
