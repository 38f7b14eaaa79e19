"""Create, edit and send a referral: the sender's side before anyone else sees it.

A draft is the sender's alone; sending fixes the shared data (a snapshot of what the
receiver may read), logs the disclosure, adds the referral to the dossier timeline
and tells the receivers after the commit.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers.models import TimelineKind
from sociaalhuis.referrals import notifications, sharing
from sociaalhuis.referrals import rules as referral_rules
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import LegalBasis, Referral, ReferralStatus, Side, TargetKind
from sociaalhuis.referrals.services.checks import (
    ReferralInput,
    check_input,
    require_allowed,
    require_sender_role,
)
from sociaalhuis.referrals.services.response_times import default_due_date
from sociaalhuis.referrals.services.trail import (
    add_to_timeline,
    audit,
    locked,
    record_update,
    target_label,
)
from sociaalhuis.tenants import numbering


def _next_reference(year: int) -> str:
    return numbering.next_reference(
        "referral", year, prefix=f"V{year}-", records=Referral.objects.all()
    )


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


def referral_create(
    data: ReferralInput, *, actor: User, idempotency_key: uuid.UUID | None = None
) -> tuple[Referral, bool]:
    """Save a draft referral; the sender checks what will be shared before sending.

    With an ``idempotency_key`` (the form's one-time key) a double submit returns the
    draft made by the first one: ``(referral, created)``.
    """
    require_sender_role()
    if idempotency_key is not None:
        existing = Referral.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            if existing.created_by_id != actor.pk:
                raise PermissionDenied
            return existing, False
    check_input(data, actor)
    referral = Referral(created_by=actor, status=ReferralStatus.DRAFT)
    if idempotency_key is not None:
        referral.idempotency_key = idempotency_key
    _apply(referral, data)
    try:
        with transaction.atomic():
            referral.municipality_id = tenancy.require_municipality_id()
            referral.reference = _next_reference(timezone.localdate().year)
            referral.save(force_insert=True)
            record_update(referral, actor=actor, side=Side.SENDER, to_status=ReferralStatus.DRAFT)
            audit(actor, referral, Action.CREATE)
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
    check_input(data, actor)
    with transaction.atomic():
        current = locked(referral)
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
        audit(actor, current, Action.UPDATE)
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
        current = locked(referral)
        if current.status == ReferralStatus.SENT:
            return current  # a double click on "Send"
        require_allowed(current, ReferralAction.SEND)
        if current.version != based_on_version:
            raise EditConflictError(current)
        # The consent may have been withdrawn, the service archived, since the draft.
        check_input(_input_of(current), actor)
        now = timezone.now()
        current.shared_data = preview(current)
        if current.response_due_on < timezone.localdate():
            current.response_due_on = default_due_date(current.to_service)
        current.status = ReferralStatus.SENT
        current.sent_at = now
        current.status_changed_at = now
        current.version += 1
        current.save()
        record_update(
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
        add_to_timeline(
            current,
            kind=TimelineKind.REFERRAL,
            summary=_("Referred to %(target)s (%(reference)s)")
            % {"target": target_label(current), "reference": current.reference},
            actor=actor,
        )
        notifications.notify_receivers_after_commit(current, event="sent")
    return current
