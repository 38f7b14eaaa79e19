"""Move a sent referral through its lifecycle (``referrals.lifecycle`` holds the map).

A step is allowed only from the states the lifecycle lists and only for its side;
a repeated step changes nothing; a step that needs a reason or an outcome refuses
without one. Each step is recorded for both sides and on the dossier timeline.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.dossiers.models import TimelineKind
from sociaalhuis.referrals import lifecycle, notifications
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import FINAL_STATUSES, ReasonCode, Referral, ReferralStatus, Side
from sociaalhuis.referrals.services.checks import (
    NOTE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    require_allowed,
    require_side,
)
from sociaalhuis.referrals.services.sending import referral_send
from sociaalhuis.referrals.services.trail import (
    add_to_timeline,
    audit,
    locked,
    record_update,
    target_label,
)


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
    require_side(actor, referral, transition.side)
    _check_lengths(note, reason_text)
    with transaction.atomic():
        current = locked(referral)
        if based_on_version is not None and current.version != based_on_version:
            raise EditConflictError(current)
        if current.status == transition.to_status:
            return current  # the same step twice (double submit, retried API call)
        require_allowed(current, action)
        _check_reason(transition, reason_code, reason_text)
        if transition.needs_got_help and got_help is None:
            raise ValidationError(
                {
                    "got_help": ValidationError(
                        _("Say whether the person got help."), code="got_help_required"
                    )
                }
            )
        previous = current.status
        _take_step(
            current,
            action,
            actor=actor,
            reason_code=reason_code,
            reason_text=reason_text,
            note=note,
            got_help=got_help,
        )
        record_update(
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
        audit(actor, current, Action.UPDATE)
        add_to_timeline(
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


def _check_lengths(note: str, reason_text: str) -> None:
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


def _take_step(
    current: Referral,
    action: ReferralAction,
    *,
    actor: User,
    reason_code: str,
    reason_text: str,
    note: str,
    got_help: bool | None,
) -> None:
    """Set the new status and what comes with it on the locked row, and save it."""
    transition = lifecycle.TRANSITIONS[action]
    now = timezone.now()
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
