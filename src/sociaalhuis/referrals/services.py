"""Every write of a referral: create, send, move through the lifecycle, post feedback.

Each service is atomic, checks the object rules itself (views and the API call the
same functions), writes the access log, adds the step to the dossier timeline as
feedback, and sends mail only after the commit (a mail server that is down never
costs a referral: the task retries, and the referral is already saved).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Cell, Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.consents.queries import active_consents
from sociaalhuis.clients.models import Consent, ConsentPurpose, Person
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.directory.models import PublicationStatus, Service
from sociaalhuis.dossiers import rules as dossier_rules
from sociaalhuis.dossiers.models import Dossier, TimelineKind
from sociaalhuis.dossiers.services import timeline_add
from sociaalhuis.frontdesk.appointments.services import (
    appointment_book,
    office_day_book_for_partner,
)
from sociaalhuis.frontdesk.models import Appointment, AppointmentKind, HelpQuestion
from sociaalhuis.referrals import lifecycle, notifications, sharing
from sociaalhuis.referrals import rules as referral_rules
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import (
    FINAL_STATUSES,
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
from sociaalhuis.tenants import numbering
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


# --- Checks ---------------------------------------------------------------------------


def _require_sender_role() -> None:
    if not tenancy.current().has_role(*SENDER_ROLES):
        raise PermissionDenied


def _check_target(data: ReferralInput, actor: User) -> dict[str, ValidationError]:
    errors: dict[str, ValidationError] = {}
    municipality_id = tenancy.require_municipality_id()
    if data.target_kind == TargetKind.COLLEAGUE:
        if data.to_user is None:
            errors["to_user"] = ValidationError(_("Choose the colleague."), code="required")
        elif data.to_user.pk == actor.pk:
            errors["to_user"] = ValidationError(
                _("You cannot refer a person to yourself."), code="to_self"
            )
        elif not Membership.objects.filter(
            user=data.to_user,
            municipality_id=municipality_id,
            role__in=RECEIVING_COLLEAGUE_ROLES,
            active=True,
            user__is_active=True,
        ).exists():
            errors["to_user"] = ValidationError(
                _("This colleague does not take on casework in this municipality."),
                code="not_colleague",
            )
    elif data.target_kind == TargetKind.CELL:
        if data.to_cell is None:
            errors["to_cell"] = ValidationError(_("Choose the cell."), code="required")
        elif not data.to_cell.active or data.to_cell.municipality_id != municipality_id:
            errors["to_cell"] = ValidationError(
                _("This cell no longer takes referrals."), code="inactive_cell"
            )
    elif data.target_kind == TargetKind.SERVICE:
        service = data.to_service
        if service is None:
            errors["to_service"] = ValidationError(_("Choose the service."), code="required")
        elif service.status != PublicationStatus.PUBLISHED or not service.organisation.active:
            errors["to_service"] = ValidationError(
                _("This service is not active on the social map; choose another one."),
                code="inactive_service",
            )
        elif not service.municipalities.filter(pk=municipality_id).exists():
            errors["to_service"] = ValidationError(
                _("This organisation does not serve our municipality; choose another service."),
                code="not_serving_municipality",
            )
    else:
        errors["target_kind"] = ValidationError(
            _("Choose to whom you refer: a colleague, a cell or a service."), code="required"
        )
    return errors


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


def _check(data: ReferralInput, actor: User) -> None:
    errors = _check_target(data, actor)
    errors.update(_check_basis(data))
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
    if errors:
        raise ValidationError(errors)


# --- Helpers ----------------------------------------------------------------------------


def response_days_for(service: Service | None) -> int:
    """Days to answer: the service's agreed time, else the municipality's default."""
    if service is not None:
        agreed = ServiceResponseTime.objects.filter(service=service).first()
        if agreed is not None:
            return agreed.response_days
    settings_row = ReferralSettings.objects.first()
    return settings_row.default_response_days if settings_row else 10


def default_due_date(service: Service | None, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=response_days_for(service))


def _next_reference(year: int) -> str:
    return numbering.next_reference(
        "referral", year, prefix=f"V{year}-", records=Referral.objects.all()
    )


def target_label(referral: Referral) -> str:
    if referral.target_kind == TargetKind.COLLEAGUE and referral.to_user is not None:
        return str(referral.to_user.full_name or referral.to_user.email)
    if referral.target_kind == TargetKind.CELL and referral.to_cell is not None:
        return referral.to_cell.name
    if referral.to_service is not None:
        return f"{referral.to_service} ({referral.to_organisation})"
    return ""


def dossier_of(referral: Referral) -> Dossier | None:
    """The dossier whose timeline shows this referral (its own, or its question's)."""
    if referral.dossier_id is not None:
        return referral.dossier
    if referral.question is not None and referral.question.dossier_id is not None:
        return referral.question.dossier
    return None


def _timeline(referral: Referral, *, kind: str, summary: str, actor: User) -> None:
    dossier = dossier_of(referral)
    if dossier is not None:
        timeline_add(dossier, kind=kind, summary=summary, actor=actor, obj=referral)


def _apply(referral: Referral, data: ReferralInput) -> None:
    referral.person = data.person
    referral.dossier = data.dossier
    referral.question = data.question
    referral.life_domain = data.life_domain or (
        data.question.life_domain if data.question is not None else None
    )
    referral.target_kind = data.target_kind
    referral.to_user = data.to_user if data.target_kind == TargetKind.COLLEAGUE else None
    referral.to_cell = data.to_cell if data.target_kind == TargetKind.CELL else None
    is_service = data.target_kind == TargetKind.SERVICE
    referral.to_service = data.to_service if is_service else None
    referral.to_organisation = (
        data.to_service.organisation if is_service and data.to_service else None
    )
    referral.purpose = data.purpose.strip()
    referral.urgency = data.urgency
    referral.response_due_on = data.response_due_on or default_due_date(referral.to_service)
    referral.shared_fields = sharing.ordered(data.shared_fields)
    if is_service:
        referral.legal_basis = data.legal_basis
        referral.consent = data.consent if data.legal_basis == LegalBasis.CONSENT else None
        referral.legal_basis_note = data.legal_basis_note.strip()
    else:
        # Within the Sociaal Huis the data stay with the same controller.
        referral.legal_basis = LegalBasis.INTERNAL
        referral.consent = None
        referral.legal_basis_note = ""


def _record_update(
    referral: Referral,
    *,
    actor: User,
    side: str,
    from_status: str = "",
    to_status: str = "",
    reason_code: str = "",
    reason_text: str = "",
    got_help: bool | None = None,
    note: str = "",
    via_api: bool = False,
) -> ReferralUpdate:
    return ReferralUpdate.objects.create(
        referral=referral,
        by=actor if getattr(actor, "is_authenticated", False) else None,
        by_label=_side_label(referral, actor, side),
        side=side,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
        reason_text=reason_text,
        got_help=got_help,
        note=note,
        via_api=via_api,
    )


def _side_label(referral: Referral, actor: User, side: str) -> str:
    name = str(getattr(actor, "full_name", "") or getattr(actor, "email", ""))
    if side == Side.RECEIVER and referral.target_kind == TargetKind.SERVICE:
        return f"{name} ({referral.to_organisation})"[:200]
    if side == Side.RECEIVER and referral.target_kind == TargetKind.CELL and referral.to_cell:
        return f"{name} ({referral.to_cell.name})"[:200]
    return name[:200]


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("to_service", "to_organisation", "to_cell", "to_user", "question")
        .get(pk=referral.pk)
    )


def _audit(actor: User, referral: Referral, action: str, reason: str = "") -> None:
    access_record(
        actor=actor, action=action, obj=referral, person_id=referral.person_id, reason=reason
    )


# --- Create, edit and send --------------------------------------------------------------


def referral_create(
    data: ReferralInput, *, actor: User, idempotency_key: uuid.UUID | None = None
) -> tuple[Referral, bool]:
    """Save a draft referral; the sender checks what will be shared before sending.

    With an ``idempotency_key`` (the form's one-time key) a double submit returns the
    draft made by the first one: ``(referral, created)``.
    """
    _require_sender_role()
    if idempotency_key is not None:
        existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.created_by_id != actor.pk:
                raise PermissionDenied
            return existing, False
    _check(data, actor)
    referral = Referral(created_by=actor, status=ReferralStatus.DRAFT)
    if idempotency_key is not None:
        referral.idempotency_key = idempotency_key
    _apply(referral, data)
    try:
        with transaction.atomic():
            referral.municipality_id = tenancy.require_municipality_id()
            referral.reference = _next_reference(timezone.localdate().year)
            referral.save(force_insert=True)
            _record_update(referral, actor=actor, side=Side.SENDER, to_status=ReferralStatus.DRAFT)
            _audit(actor, referral, Action.CREATE)
    except IntegrityError:
        # Two submits of the same form raced past the look-up above: the other won.
        if idempotency_key is None:
            raise
        existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing, False
    return referral, True


def referral_edit_draft(
    referral: Referral, data: ReferralInput, *, actor: User, based_on_version: int
) -> Referral:
    """Change a draft before it is sent (what is shared, to whom, why)."""
    if not referral_rules.is_sender_side.test(actor, referral):
        raise PermissionDenied
    _check(data, actor)
    with transaction.atomic():
        current = _locked(referral)
        if current.status != ReferralStatus.DRAFT:
            raise ValidationError(
                _("This referral was already sent; it can no longer be changed."),
                code="not_draft",
            )
        if current.version != based_on_version:
            raise EditConflictError(current)
        _apply(current, data)
        current.version += 1
        current.save()
        _audit(actor, current, Action.UPDATE)
    return current


def _input_of(referral: Referral) -> ReferralInput:
    return ReferralInput(
        person=referral.person,
        target_kind=referral.target_kind,
        purpose=referral.purpose,
        to_user=referral.to_user,
        to_cell=referral.to_cell,
        to_service=referral.to_service,
        dossier=referral.dossier,
        question=referral.question,
        life_domain=referral.life_domain,
        urgency=referral.urgency,
        response_due_on=referral.response_due_on,
        shared_fields=list(referral.shared_fields),
        legal_basis=referral.legal_basis,
        consent=referral.consent,
        legal_basis_note=referral.legal_basis_note,
    )


def preview(referral: Referral) -> dict[str, str]:
    """What the receiver would read if the draft were sent now."""
    return sharing.snapshot(
        referral.shared_fields,
        person=referral.person,
        question=referral.question,
        dossier=referral.dossier,
    )


def referral_send(referral: Referral, *, actor: User, based_on_version: int) -> Referral:
    """Send a draft: the shared data are fixed now, and the receiver is told."""
    if not referral_rules.is_sender_side.test(actor, referral):
        raise PermissionDenied
    with transaction.atomic():
        current = _locked(referral)
        if current.status == ReferralStatus.SENT:
            return current  # a double click on "Send"
        _require_allowed(current, ReferralAction.SEND)
        if current.version != based_on_version:
            raise EditConflictError(current)
        # The consent may have been withdrawn, the service archived, since the draft.
        _check(_input_of(current), actor)
        now = timezone.now()
        current.shared_data = preview(current)
        if current.response_due_on < timezone.localdate():
            current.response_due_on = default_due_date(current.to_service)
        current.status = ReferralStatus.SENT
        current.sent_at = now
        current.status_changed_at = now
        current.version += 1
        current.save()
        _record_update(
            current,
            actor=actor,
            side=Side.SENDER,
            from_status=ReferralStatus.DRAFT,
            to_status=ReferralStatus.SENT,
        )
        shared = ", ".join(str(sharing.LABELS[c]) for c in current.shared_data) or "-"
        # Handing data to someone else is a disclosure: logged as such, with what went.
        access_record(
            actor=actor,
            action=Action.EXPORT,
            obj=current,
            person_id=current.person_id,
            reason=_("Referred to %(target)s; shared: %(fields)s")
            % {"target": target_label(current), "fields": shared},
        )
        _timeline(
            current,
            kind=TimelineKind.REFERRAL,
            summary=_("Referred to %(target)s (%(reference)s)")
            % {"target": target_label(current), "reference": current.reference},
            actor=actor,
        )
        notifications.notify_receivers_after_commit(current, event="sent")
    return current


# --- The lifecycle ----------------------------------------------------------------------


def _require_allowed(referral: Referral, action: ReferralAction) -> None:
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


def _require_side(actor: User, referral: Referral, side: str) -> None:
    rule = referral_rules.is_sender_side if side == Side.SENDER else referral_rules.is_receiver
    if not rule.test(actor, referral):
        raise PermissionDenied


def _check_reason(transition: lifecycle.Transition, reason_code: str, reason_text: str) -> None:
    if not transition.needs_reason:
        return
    if reason_code not in ReasonCode.values:
        raise ValidationError(
            {"reason_code": ValidationError(_("Choose a reason."), code="reason_required")}
        )
    if reason_code == ReasonCode.OTHER and not reason_text.strip():
        raise ValidationError(
            {
                "reason_text": ValidationError(
                    _("Explain the reason in a few words."), code="reason_text_required"
                )
            }
        )


def referral_transition(
    referral: Referral,
    *,
    actor: User,
    action: ReferralAction | str,
    reason_code: str = "",
    reason_text: str = "",
    note: str = "",
    got_help: bool | None = None,
    via_api: bool = False,
    based_on_version: int | None = None,
) -> Referral:
    """Move a sent referral one step (accept, decline, start, hold, complete, ...).

    Refused with a clear message when the step is not allowed from where the referral
    stands; taking the step it already took (a double submit) changes nothing. With
    ``based_on_version`` (an API client's If-Match) the step is taken only if nobody
    changed the referral since that version (``EditConflictError``), checked under
    the lock.
    """
    try:
        action = ReferralAction(action)
    except ValueError as unknown:
        raise ValidationError(_("Unknown step."), code="unknown_action") from unknown
    if action == ReferralAction.SEND:
        return referral_send(referral, actor=actor, based_on_version=referral.version)
    transition = lifecycle.TRANSITIONS[action]
    _require_side(actor, referral, transition.side)
    too_long = {}
    if len(note) > NOTE_MAX_LENGTH:
        too_long["note"] = ValidationError(
            _("Keep the message to at most %(max)d characters.") % {"max": NOTE_MAX_LENGTH},
            code="too_long",
        )
    if len(reason_text) > REASON_MAX_LENGTH:
        too_long["reason_text"] = ValidationError(
            _("Keep the reason to at most %(max)d characters.") % {"max": REASON_MAX_LENGTH},
            code="too_long",
        )
    if too_long:
        raise ValidationError(too_long)
    with transaction.atomic():
        current = _locked(referral)
        if based_on_version is not None and current.version != based_on_version:
            raise EditConflictError(current)
        if current.status == transition.to_status:
            return current  # the same step twice (double submit, retried API call)
        _require_allowed(current, action)
        _check_reason(transition, reason_code, reason_text)
        if transition.needs_got_help and got_help is None:
            raise ValidationError(
                {
                    "got_help": ValidationError(
                        _("Say whether the person got help."), code="got_help_required"
                    )
                }
            )
        now = timezone.now()
        previous = current.status
        current.status = transition.to_status
        current.status_changed_at = now
        # The reason of the last step that needed one; a later step (starting again
        # after a hold, completing) clears it, so an old reason never shows as current.
        current.reason_code = reason_code if transition.needs_reason else ""
        current.reason_text = reason_text.strip() if transition.needs_reason else ""
        if transition.side == Side.RECEIVER:
            current.handled_by = actor if getattr(actor, "is_authenticated", False) else None
            current.received_at = current.received_at or now
            current.unread_by_sender = True
        if action == ReferralAction.ACCEPT:
            current.accepted_at = now
        if action == ReferralAction.COMPLETE:
            current.got_help = got_help
            current.outcome = note.strip()
        if current.status in FINAL_STATUSES:
            current.closed_at = now
        current.version += 1
        current.save()
        _record_update(
            current,
            actor=actor,
            side=transition.side,
            from_status=previous,
            to_status=current.status,
            reason_code=reason_code if transition.needs_reason else "",
            reason_text=reason_text.strip() if transition.needs_reason else "",
            got_help=got_help if transition.needs_got_help else None,
            note=note.strip(),
            via_api=via_api,
        )
        _audit(actor, current, Action.UPDATE)
        _timeline(
            current,
            kind=TimelineKind.FEEDBACK
            if transition.side == Side.RECEIVER
            else TimelineKind.REFERRAL,
            summary=feedback_summary(current, reason_code=reason_code, got_help=got_help),
            actor=actor,
        )
        if action == ReferralAction.CANCEL and previous != ReferralStatus.DRAFT:
            notifications.notify_receivers_after_commit(current, event="cancelled")
    return current


def feedback_summary(
    referral: Referral, *, reason_code: str = "", got_help: bool | None = None
) -> str:
    """One timeline line: "V2026-0001 at Huurdersbond: declined (no capacity)"."""
    summary = _("%(reference)s at %(target)s: %(status)s") % {
        "reference": referral.reference,
        "target": target_label(referral),
        "status": referral.get_status_display().lower(),
    }
    if reason_code:
        summary += f" ({ReasonCode(reason_code).label})"
    if got_help is not None and referral.status == ReferralStatus.COMPLETED:
        summary += " — " + (_("the person got help") if got_help else _("no help given"))
    return summary


def referral_mark_received(referral: Referral, *, actor: User) -> Referral:
    """The receiver opened a sent referral: it is received (FHIR ``received``)."""
    if referral.status != ReferralStatus.SENT:
        return referral
    return referral_transition(referral, actor=actor, action=ReferralAction.RECEIVE)


def referral_message(
    referral: Referral,
    *,
    actor: User,
    note: str,
    via_api: bool = False,
    based_on_version: int | None = None,
) -> ReferralUpdate:
    """A message on a referral that is under way (either side); closed ones take none."""
    on_sender_side = referral_rules.is_sender_side.test(actor, referral)
    if not on_sender_side and not referral_rules.is_receiver.test(actor, referral):
        raise PermissionDenied
    side = Side.SENDER if on_sender_side else Side.RECEIVER
    text = note.strip()
    if not text:
        raise ValidationError({"note": ValidationError(_("Write a message."), code="required")})
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "note": ValidationError(
                    _("Keep the message to at most %(max)d characters.") % {"max": NOTE_MAX_LENGTH},
                    code="too_long",
                )
            }
        )
    with transaction.atomic():
        current = _locked(referral)
        if based_on_version is not None and current.version != based_on_version:
            raise EditConflictError(current)
        if current.status == ReferralStatus.DRAFT:
            raise ValidationError(
                _("This referral is not sent yet: change the draft instead of writing a message."),
                code="draft",
            )
        if current.status in FINAL_STATUSES:
            raise ValidationError(
                _("This referral is closed (%(status)s); it takes no more messages.")
                % {"status": current.get_status_display()},
                code="closed",
            )
        update = _record_update(current, actor=actor, side=side, note=text, via_api=via_api)
        # A message changes what the referral says (the FHIR Task's notes), so its
        # version moves on: an If-Match based on the version before it is refused.
        current.version += 1
        current.unread_by_sender = current.unread_by_sender or side == Side.RECEIVER
        current.save(update_fields=["version", "unread_by_sender"])
        if side == Side.RECEIVER:
            _timeline(
                current,
                kind=TimelineKind.FEEDBACK,
                summary=_("%(reference)s: message from %(target)s")
                % {"reference": current.reference, "target": target_label(current)},
                actor=actor,
            )
        _audit(actor, current, Action.UPDATE)
    return update


def referral_mark_read(referral: Referral, *, actor: User) -> None:
    """The sender saw the latest feedback (clears their notification)."""
    if referral.unread_by_sender and referral_rules.is_sender_side.test(actor, referral):
        Referral.objects.filter(pk=referral.pk).update(unread_by_sender=False)
        referral.unread_by_sender = False


def referral_book_office_day(
    referral: Referral, *, actor: User, starts_at: datetime, ends_at: datetime, location: str
) -> Appointment:
    """Book the person on the partner service's office day in the Sociaal Huis.

    The partner proposes it from their inbox; the sender may book it right away while
    referring. Either way it lands in the appointment calendar of the front desk.
    """
    on_sender_side = referral_rules.is_sender_side.test(actor, referral)
    if not on_sender_side:
        _require_side(actor, referral, Side.RECEIVER)
    if referral.target_kind != TargetKind.SERVICE or referral.to_service is None:
        raise ValidationError(
            _("Only a partner service's referral can get an office-day appointment."),
            code="not_a_service",
        )
    purpose = _("Referral %(reference)s") % {"reference": referral.reference}
    with transaction.atomic():
        # Checked on the locked row: a double submit, or the sender and the partner
        # booking at once, or a cancellation in between, must not book twice.
        current = _locked(referral)
        if current.status in FINAL_STATUSES or current.status == ReferralStatus.DRAFT:
            raise ValidationError(
                _("Book an appointment once the referral is sent and while it is under way."),
                code="not_under_way",
            )
        if current.appointment_id is not None:
            raise ValidationError(
                _("This referral already has an appointment: see its page."),
                code="already_booked",
            )
        service = current.to_service
        assert service is not None  # a service referral, checked above
        if on_sender_side:
            appointment = appointment_book(
                actor=actor,
                kind=AppointmentKind.OFFICE_DAY,
                starts_at=starts_at,
                ends_at=ends_at,
                person=current.person,
                service=service,
                location=location,
                purpose=purpose,
                dossier=dossier_of(current),
            )
        else:
            appointment = office_day_book_for_partner(
                actor=actor,
                service=service,
                person=current.person,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location,
                purpose=purpose,
                dossier=dossier_of(current),
            )
        side = Side.SENDER if on_sender_side else Side.RECEIVER
        current.appointment = appointment
        current.unread_by_sender = current.unread_by_sender or side == Side.RECEIVER
        current.version += 1
        current.save(update_fields=["appointment", "unread_by_sender", "version"])
        when = f"{timezone.localtime(starts_at):%d/%m/%Y %H:%M}"
        _record_update(
            current,
            actor=actor,
            side=side,
            note=_("Appointment at the office day on %(when)s") % {"when": when},
        )
        _audit(actor, current, Action.UPDATE)
        if side == Side.RECEIVER:
            # The appointment service already wrote its own timeline line for a
            # dossier; this one says it came from the receiver, as feedback.
            _timeline(
                current,
                kind=TimelineKind.FEEDBACK,
                summary=_("%(reference)s: %(target)s proposes an appointment on %(when)s")
                % {
                    "reference": current.reference,
                    "target": target_label(current),
                    "when": when,
                },
                actor=actor,
            )
    return appointment


# --- Settings ---------------------------------------------------------------------------


def settings_update(*, actor: User, default_response_days: int) -> ReferralSettings:
    if not tenancy.current().has_role(Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    row = ReferralSettings.objects.first() or ReferralSettings(
        municipality_id=tenancy.require_municipality_id()
    )
    row.default_response_days = default_response_days
    row.full_clean(exclude=["municipality"])
    row.save()
    return row


def service_response_time_set(
    *, actor: User, service: Service, response_days: int | None
) -> ServiceResponseTime | None:
    """Agree a response time with a service (``None`` returns it to the default)."""
    if not tenancy.current().has_role(Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    if not service.municipalities.filter(pk=tenancy.require_municipality_id()).exists():
        raise PermissionDenied
    existing = ServiceResponseTime.objects.filter(service=service).first()
    if response_days is None:
        if existing is not None:
            existing.delete()
        return None
    row = existing or ServiceResponseTime(
        service=service, municipality_id=tenancy.require_municipality_id()
    )
    row.response_days = response_days
    row.full_clean(exclude=["municipality", "service"])
    row.save()
    return row
