"""The lifecycle of a referral: an explicit state machine.

Aligned with the FHIR Task states of the Gravity SDOH closed-loop referral
(requested, received, accepted, rejected, in-progress, on-hold, completed, failed,
cancelled). Each action is taken by one side: the sender sends and cancels; the
receiver does the rest. ``ALLOWED`` is the whole truth; ``services.referral_transition``
refuses anything else with a clear message.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.referrals.models import ReferralStatus, Side

S = ReferralStatus


class ReferralAction(StrEnum):
    SEND = "send"
    RECEIVE = "receive"
    ACCEPT = "accept"
    DECLINE = "decline"
    START = "start"
    HOLD = "hold"
    COMPLETE = "complete"
    FAIL = "fail"
    CANCEL = "cancel"


@dataclass(frozen=True)
class Transition:
    action: ReferralAction
    side: str
    to_status: str
    label: StrOrPromise
    needs_reason: bool = False
    needs_got_help: bool = False


TRANSITIONS: dict[ReferralAction, Transition] = {
    t.action: t
    for t in (
        Transition(ReferralAction.SEND, Side.SENDER, S.SENT, _("Send")),
        Transition(ReferralAction.RECEIVE, Side.RECEIVER, S.RECEIVED, _("Mark as received")),
        Transition(ReferralAction.ACCEPT, Side.RECEIVER, S.ACCEPTED, _("Accept")),
        Transition(
            ReferralAction.DECLINE, Side.RECEIVER, S.DECLINED, _("Decline"), needs_reason=True
        ),
        Transition(ReferralAction.START, Side.RECEIVER, S.IN_PROGRESS, _("Start the help")),
        Transition(ReferralAction.HOLD, Side.RECEIVER, S.ON_HOLD, _("Put on hold"), True),
        Transition(
            ReferralAction.COMPLETE,
            Side.RECEIVER,
            S.COMPLETED,
            _("Complete"),
            needs_got_help=True,
        ),
        Transition(
            ReferralAction.FAIL, Side.RECEIVER, S.NOT_COMPLETED, _("Could not complete"), True
        ),
        Transition(ReferralAction.CANCEL, Side.SENDER, S.CANCELLED, _("Cancel"), True),
    )
}

# From which status each action may be taken. Final statuses (declined, completed,
# not completed, cancelled) allow nothing: a closed loop stays closed.
ALLOWED: dict[str, frozenset[ReferralAction]] = {
    S.DRAFT: frozenset({ReferralAction.SEND, ReferralAction.CANCEL}),
    S.SENT: frozenset(
        {
            ReferralAction.RECEIVE,
            ReferralAction.ACCEPT,
            ReferralAction.DECLINE,
            ReferralAction.CANCEL,
        }
    ),
    S.RECEIVED: frozenset({ReferralAction.ACCEPT, ReferralAction.DECLINE, ReferralAction.CANCEL}),
    S.ACCEPTED: frozenset(
        {
            ReferralAction.START,
            ReferralAction.HOLD,
            ReferralAction.COMPLETE,
            ReferralAction.FAIL,
            ReferralAction.CANCEL,
        }
    ),
    S.IN_PROGRESS: frozenset(
        {ReferralAction.HOLD, ReferralAction.COMPLETE, ReferralAction.FAIL, ReferralAction.CANCEL}
    ),
    S.ON_HOLD: frozenset(
        {ReferralAction.START, ReferralAction.COMPLETE, ReferralAction.FAIL, ReferralAction.CANCEL}
    ),
    S.DECLINED: frozenset(),
    S.COMPLETED: frozenset(),
    S.NOT_COMPLETED: frozenset(),
    S.CANCELLED: frozenset(),
}

# The FHIR R4 Task.status of each of our statuses, and back.
FHIR_TASK_STATUS: dict[str, str] = {
    S.DRAFT: "draft",
    S.SENT: "requested",
    S.RECEIVED: "received",
    S.ACCEPTED: "accepted",
    S.DECLINED: "rejected",
    S.IN_PROGRESS: "in-progress",
    S.ON_HOLD: "on-hold",
    S.COMPLETED: "completed",
    S.NOT_COMPLETED: "failed",
    S.CANCELLED: "cancelled",
}
STATUS_FROM_FHIR: dict[str, str] = {fhir: ours for ours, fhir in FHIR_TASK_STATUS.items()}


def is_allowed(status: str, action: ReferralAction) -> bool:
    return action in ALLOWED.get(status, frozenset())


def actions_for(status: str, side: str) -> list[Transition]:
    """What one side may do now, in a stable order (for buttons)."""
    allowed = ALLOWED.get(status, frozenset())
    return [t for a, t in TRANSITIONS.items() if a in allowed and t.side == side]


def action_to(from_status: str, to_status: str) -> ReferralAction | None:
    """The action that moves ``from_status`` to ``to_status`` (for the FHIR Task API)."""
    for action in ALLOWED.get(from_status, frozenset()):
        if TRANSITIONS[action].to_status == to_status:
            return action
    return None
