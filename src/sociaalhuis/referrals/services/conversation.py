"""Besides the lifecycle: messages between the two sides, read marks, the office day.

Either side may write while the referral is under way; the receiver's words reach
the dossier timeline as feedback. A partner's service can book the person on its
office day in the Sociaal Huis, once per referral.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers.models import TimelineKind
from sociaalhuis.frontdesk.appointments.services import (
    appointment_book,
    office_day_book_for_partner,
)
from sociaalhuis.frontdesk.models import Appointment, AppointmentKind
from sociaalhuis.referrals import rules as referral_rules
from sociaalhuis.referrals.models import (
    FINAL_STATUSES,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Side,
    TargetKind,
)
from sociaalhuis.referrals.services.checks import NOTE_MAX_LENGTH, require_side
from sociaalhuis.referrals.services.trail import (
    add_to_timeline,
    audit,
    dossier_of,
    locked,
    record_update,
    target_label,
)


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
        current = locked(referral)
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
        update = record_update(current, actor=actor, side=side, note=text, via_api=via_api)
        # A message changes what the referral says (the FHIR Task's notes), so its
        # version moves on: an If-Match based on the version before it is refused.
        current.version += 1
        current.unread_by_sender = current.unread_by_sender or side == Side.RECEIVER
        current.save(update_fields=["version", "unread_by_sender"])
        if side == Side.RECEIVER:
            add_to_timeline(
                current,
                kind=TimelineKind.FEEDBACK,
                summary=_("%(reference)s: message from %(target)s")
                % {"reference": current.reference, "target": target_label(current)},
                actor=actor,
            )
        audit(actor, current, Action.UPDATE)
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
        require_side(actor, referral, Side.RECEIVER)
    if referral.target_kind != TargetKind.SERVICE or referral.to_service is None:
        raise ValidationError(
            _("Only a partner service's referral can get an office-day appointment."),
            code="not_a_service",
        )
    purpose = _("Referral %(reference)s") % {"reference": referral.reference}
    with transaction.atomic():
        # Checked on the locked row: a double submit, or the sender and the partner
        # booking at once, or a cancellation in between, must not book twice.
        current = locked(referral)
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
        record_update(
            current,
            actor=actor,
            side=side,
            note=_("Appointment at the office day on %(when)s") % {"when": when},
        )
        audit(actor, current, Action.UPDATE)
        if side == Side.RECEIVER:
            # The appointment service already wrote its own timeline line for a
            # dossier; this one says it came from the receiver, as feedback.
            add_to_timeline(
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
