"""What a referral must satisfy before it is saved, sent or moved on.

The sender's input (``ReferralInput``) is checked as a whole, so the form shows every
problem at once: a target that takes referrals here, a legal basis for sharing with
an external organisation, a purpose, an answer date, an origin of the same person.
The lifecycle and side checks say why a step is refused, in words a worker reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.consents.queries import active_consents
from sociaalhuis.clients.models import Consent, ConsentPurpose, Person
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import PublicationStatus, Service
from sociaalhuis.dossiers import rules as dossier_rules
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.models import HelpQuestion
from sociaalhuis.referrals import lifecycle, sharing
from sociaalhuis.referrals import rules as referral_rules
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import (
    FINAL_STATUSES,
    LegalBasis,
    Referral,
    Side,
    TargetKind,
    Urgency,
)
from sociaalhuis.tenants.models import LifeDomain

SENDER_ROLES = (Role.RECEPTION, Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


RECEIVING_COLLEAGUE_ROLES = referral_rules.RECEIVING_COLLEAGUE_ROLES


# Consents that cover handing a person's data to an external organisation.
REFERRAL_CONSENT_PURPOSES = (ConsentPurpose.REFERRAL, ConsentPurpose.SHARING)


MAX_RESPONSE_DAYS = 120


NOTE_MAX_LENGTH = 2000


REASON_MAX_LENGTH = 500


@dataclass
class ReferralInput:
    """What the sender fills in (the form and the API build this)."""

    person: Person
    target_kind: str
    purpose: str
    to_user: User | None = None
    to_cell: Cell | None = None
    to_service: Service | None = None
    dossier: Dossier | None = None
    question: HelpQuestion | None = None
    life_domain: LifeDomain | None = None
    urgency: str = Urgency.ROUTINE
    response_due_on: date | None = None
    shared_fields: list[str] = field(default_factory=lambda: list(sharing.DEFAULT_SHARED))
    legal_basis: str = ""
    consent: Consent | None = None
    legal_basis_note: str = ""


def require_sender_role() -> None:
    if not tenancy.current().has_role(*SENDER_ROLES):
        raise PermissionDenied


def _check_target(data: ReferralInput, actor: User) -> dict[str, ValidationError]:
    municipality_id = tenancy.require_municipality_id()
    if data.target_kind == TargetKind.COLLEAGUE:
        return _check_colleague(data.to_user, actor, municipality_id)
    if data.target_kind == TargetKind.CELL:
        return _check_cell(data.to_cell, municipality_id)
    if data.target_kind == TargetKind.SERVICE:
        return _check_service(data.to_service, municipality_id)
    return {
        "target_kind": ValidationError(
            _("Choose to whom you refer: a colleague, a cell or a service."), code="required"
        )
    }


def _check_colleague(
    colleague: User | None, actor: User, municipality_id: int
) -> dict[str, ValidationError]:
    if colleague is None:
        return {"to_user": ValidationError(_("Choose the colleague."), code="required")}
    if colleague.pk == actor.pk:
        return {
            "to_user": ValidationError(_("You cannot refer a person to yourself."), code="to_self")
        }
    takes_casework = Membership.objects.filter(
        user=colleague,
        municipality_id=municipality_id,
        role__in=RECEIVING_COLLEAGUE_ROLES,
        active=True,
        user__is_active=True,
    ).exists()
    if not takes_casework:
        return {
            "to_user": ValidationError(
                _("This colleague does not take on casework in this municipality."),
                code="not_colleague",
            )
        }
    return {}


def _check_cell(cell: Cell | None, municipality_id: int) -> dict[str, ValidationError]:
    if cell is None:
        return {"to_cell": ValidationError(_("Choose the cell."), code="required")}
    if not cell.active or cell.municipality_id != municipality_id:
        return {
            "to_cell": ValidationError(
                _("This cell no longer takes referrals."), code="inactive_cell"
            )
        }
    return {}


def _check_service(service: Service | None, municipality_id: int) -> dict[str, ValidationError]:
    if service is None:
        return {"to_service": ValidationError(_("Choose the service."), code="required")}
    if service.status != PublicationStatus.PUBLISHED or not service.organisation.active:
        return {
            "to_service": ValidationError(
                _("This service is not active on the social map; choose another one."),
                code="inactive_service",
            )
        }
    if not service.municipalities.filter(pk=municipality_id).exists():
        return {
            "to_service": ValidationError(
                _("This organisation does not serve our municipality; choose another service."),
                code="not_serving_municipality",
            )
        }
    return {}


def _check_basis(data: ReferralInput) -> dict[str, ValidationError]:
    """Sharing with an external organisation needs consent or shared professional secrecy."""
    errors: dict[str, ValidationError] = {}
    if data.target_kind != TargetKind.SERVICE:
        return errors
    if data.legal_basis == LegalBasis.CONSENT:
        organisation = data.to_service.organisation if data.to_service else None
        valid = active_consents(data.person, organisation=organisation).filter(
            purpose__in=REFERRAL_CONSENT_PURPOSES
        )
        if data.consent is None or not valid.filter(pk=data.consent.pk).exists():
            errors["consent"] = ValidationError(
                _(
                    "There is no valid consent of this person for a referral to this "
                    "organisation. Record the consent in the dossier first, or choose "
                    "shared professional secrecy and explain it."
                ),
                code="no_consent",
            )
    elif data.legal_basis == LegalBasis.SHARED_SECRECY:
        if not data.legal_basis_note.strip():
            errors["legal_basis_note"] = ValidationError(
                _("Explain why shared professional secrecy applies."), code="required"
            )
    else:
        errors["legal_basis"] = ValidationError(
            _(
                "A referral to an external organisation needs the person's consent or "
                "shared professional secrecy."
            ),
            code="no_legal_basis",
        )
    return errors


def check_input(data: ReferralInput, actor: User) -> None:
    """Every problem of the sender's input at once (``ValidationError`` by field)."""
    errors = _check_target(data, actor)
    errors.update(_check_basis(data))
    errors.update(_check_content(data))
    errors.update(_check_origin(data, actor))
    if errors:
        raise ValidationError(errors)


def _check_content(data: ReferralInput) -> dict[str, ValidationError]:
    """What the referral asks: its purpose, urgency, shared data and answer date."""
    errors: dict[str, ValidationError] = {}
    if not data.purpose.strip():
        errors["purpose"] = ValidationError(
            _("Say what the person needs from the receiver."), code="required"
        )
    elif len(data.purpose) > NOTE_MAX_LENGTH:
        errors["purpose"] = ValidationError(
            _("Keep the purpose to at most %(max)d characters.") % {"max": NOTE_MAX_LENGTH},
            code="too_long",
        )
    if data.urgency not in Urgency.values:
        errors["urgency"] = ValidationError(_("Choose the urgency."), code="invalid")
    unknown = set(data.shared_fields) - sharing.SHAREABLE_CODES
    if unknown:
        errors["shared_fields"] = ValidationError(
            _("These data cannot be shared: %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            code="unknown_field",
        )
    today = timezone.localdate()
    if data.response_due_on is not None and not (
        today <= data.response_due_on <= today + timedelta(days=MAX_RESPONSE_DAYS)
    ):
        errors["response_due_on"] = ValidationError(
            _("The answer date must lie between today and %(days)d days from now.")
            % {"days": MAX_RESPONSE_DAYS},
            code="due_date",
        )
    return errors


def _check_origin(data: ReferralInput, actor: User) -> dict[str, ValidationError]:
    """Whom it is about and where it comes from: a help question or a dossier of theirs."""
    errors: dict[str, ValidationError] = {}
    if data.person.is_merged:
        errors["person"] = ValidationError(
            _("This record was merged into another one; refer from that record."),
            code="merged",
        )
    if data.dossier is not None:
        if data.dossier.person_id not in (None, data.person.pk):
            errors["dossier"] = ValidationError(
                _("The dossier is of another person."), code="dossier_person"
            )
        elif not data.dossier.is_open:
            errors["dossier"] = ValidationError(
                _("This dossier is closed. Reopen it first (with a reason)."), code="closed"
            )
        elif not dossier_rules.is_on_care_team.test(actor, data.dossier):
            raise PermissionDenied
    if data.question is not None and data.question.person_id != data.person.pk:
        errors["question"] = ValidationError(
            _("The help question is of another person."), code="question_person"
        )
    if data.dossier is None and data.question is None:
        errors["dossier"] = ValidationError(
            _("Refer from a help question or a dossier."), code="no_origin"
        )
    return errors


def require_allowed(referral: Referral, action: ReferralAction) -> None:
    if lifecycle.is_allowed(referral.status, action):
        return
    transition = lifecycle.TRANSITIONS[action]
    if referral.status in FINAL_STATUSES:
        message = _("This referral is closed (%(status)s); it cannot change any more.") % {
            "status": referral.get_status_display()
        }
        code = "closed"
    else:
        message = _("A referral that is “%(status)s” cannot be given “%(action)s”.") % {
            "status": referral.get_status_display(),
            "action": transition.label,
        }
        code = "illegal_transition"
    raise ValidationError(message, code=code)


def require_side(actor: User, referral: Referral, side: str) -> None:
    rule = referral_rules.is_sender_side if side == Side.SENDER else referral_rules.is_receiver
    if not rule.test(actor, referral):
        raise PermissionDenied
