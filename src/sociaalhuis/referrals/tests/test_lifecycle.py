"""The lifecycle of a referral, exhaustively: every step from every status is allowed or
refused exactly as the state machine says, by the side that may take it."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.dossiers.models import TimelineEntry, TimelineKind
from sociaalhuis.referrals import lifecycle, services
from sociaalhuis.referrals.forms import StepForm
from sociaalhuis.referrals.lifecycle import ReferralAction
from sociaalhuis.referrals.models import (
    FINAL_STATUSES,
    ReasonCode,
    Referral,
    ReferralStatus,
    ReferralUpdate,
    Side,
)
from sociaalhuis.testing import Cast, act_as
from sociaalhuis.testing.examples.referrals import make_referral

# The FHIR R4 Task.status value set (http://hl7.org/fhir/task-status).
FHIR_TASK_STATUSES = {
    "draft",
    "requested",
    "received",
    "accepted",
    "rejected",
    "ready",
    "cancelled",
    "in-progress",
    "on-hold",
    "failed",
    "completed",
    "entered-in-error",
}

STEP_ACTIONS = [a for a in ReferralAction if a != ReferralAction.SEND]


def _arguments(action: ReferralAction) -> dict[str, Any]:
    transition = lifecycle.TRANSITIONS[action]
    arguments: dict[str, Any] = {}
    if transition.needs_reason:
        arguments["reason_code"] = ReasonCode.NO_CAPACITY
    if transition.needs_got_help:
        arguments["got_help"] = True
    return arguments


def _actor(cast: Cast, action: ReferralAction) -> User:
    if lifecycle.TRANSITIONS[action].side == Side.SENDER:
        return cast.user("ronse", Role.RECEPTION)
    return cast.user("ronse", Role.PARTNER_WORKER)


def test_every_status_has_a_fhir_task_status_and_back() -> None:
    assert set(lifecycle.FHIR_TASK_STATUS) == set(ReferralStatus.values)
    assert set(lifecycle.FHIR_TASK_STATUS.values()) <= FHIR_TASK_STATUSES
    assert len(lifecycle.STATUS_FROM_FHIR) == len(lifecycle.FHIR_TASK_STATUS)


def test_final_statuses_allow_nothing_and_every_other_status_leads_somewhere() -> None:
    for status in ReferralStatus.values:
        if status in FINAL_STATUSES:
            assert lifecycle.ALLOWED[status] == frozenset()
        else:
            assert lifecycle.ALLOWED[status]


@pytest.mark.parametrize(
    ("status", "action"), list(itertools.product(ReferralStatus.values, STEP_ACTIONS))
)
def test_every_step_from_every_status_is_allowed_or_refused_as_the_machine_says(
    cast: Cast, status: str, action: ReferralAction
) -> None:
    referral = make_referral(cast, "ronse", reference=f"V2000-{status[:8]}", status=status)
    actor = _actor(cast, action)
    transition = lifecycle.TRANSITIONS[action]
    updates_before = ReferralUpdate.unscoped.filter(referral=referral).count()
    with act_as(actor, cast.ronse):
        if status == ReferralStatus.DRAFT and transition.side == Side.RECEIVER:
            # A draft does not exist for the receiver yet.
            with pytest.raises(PermissionDenied):
                services.referral_transition(
                    referral, actor=actor, action=action, **_arguments(action)
                )
        elif lifecycle.is_allowed(status, action):
            result = services.referral_transition(
                referral, actor=actor, action=action, **_arguments(action)
            )
            assert result.status == transition.to_status
            assert result.version == referral.version + 1
            update = ReferralUpdate.unscoped.filter(referral=referral).latest("pk")
            assert (update.from_status, update.to_status, update.side) == (
                status,
                transition.to_status,
                transition.side,
            )
        elif status == transition.to_status:
            # The same step twice (a double submit, a retried API call) changes nothing.
            result = services.referral_transition(
                referral, actor=actor, action=action, **_arguments(action)
            )
            assert result.version == referral.version
            assert ReferralUpdate.unscoped.filter(referral=referral).count() == updates_before
        else:
            with pytest.raises(ValidationError) as refused:
                services.referral_transition(
                    referral, actor=actor, action=action, **_arguments(action)
                )
            expected = "closed" if status in FINAL_STATUSES else "illegal_transition"
            assert refused.value.code == expected
            assert refused.value.messages[0]  # a sentence a person can read
            referral.refresh_from_db()
            assert referral.status == status
            assert ReferralUpdate.unscoped.filter(referral=referral).count() == updates_before


@pytest.mark.parametrize(
    "action", [a for a in STEP_ACTIONS if lifecycle.TRANSITIONS[a].side == Side.RECEIVER]
)
def test_the_sender_cannot_take_the_receivers_steps(cast: Cast, action: ReferralAction) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0100", status=ReferralStatus.SENT)
    reception = cast.user("ronse", Role.RECEPTION)
    with act_as(reception, cast.ronse), pytest.raises(PermissionDenied):
        services.referral_transition(referral, actor=reception, action=action, **_arguments(action))


def test_the_receiver_cannot_cancel_the_senders_referral(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0101", status=ReferralStatus.SENT)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse), pytest.raises(PermissionDenied):
        services.referral_transition(
            referral,
            actor=partner,
            action=ReferralAction.CANCEL,
            reason_code=ReasonCode.OTHER,
            reason_text="no",
        )


@pytest.mark.parametrize(
    "action",
    [ReferralAction.DECLINE, ReferralAction.HOLD, ReferralAction.FAIL, ReferralAction.CANCEL],
)
def test_declining_holding_failing_and_cancelling_need_a_reason(
    cast: Cast, action: ReferralAction
) -> None:
    start = ReferralStatus.SENT if action == ReferralAction.DECLINE else ReferralStatus.IN_PROGRESS
    referral = make_referral(cast, "ronse", reference="V2000-0102", status=start)
    actor = _actor(cast, action)
    with act_as(actor, cast.ronse):
        with pytest.raises(ValidationError) as missing:
            services.referral_transition(referral, actor=actor, action=action)
        assert missing.value.error_dict["reason_code"][0].code == "reason_required"
        with pytest.raises(ValidationError) as unexplained:
            services.referral_transition(
                referral, actor=actor, action=action, reason_code=ReasonCode.OTHER
            )
        assert unexplained.value.error_dict["reason_text"][0].code == "reason_text_required"
        done = services.referral_transition(
            referral,
            actor=actor,
            action=action,
            reason_code=ReasonCode.OTHER,
            reason_text="The family moved to Oudenaarde.",
        )
    assert (done.reason_code, done.reason_text) == ("other", "The family moved to Oudenaarde.")


def test_a_reason_too_long_is_refused_with_the_reasons_own_limit(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0107", status=ReferralStatus.SENT)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse), pytest.raises(ValidationError) as long:
        services.referral_transition(
            referral,
            actor=partner,
            action=ReferralAction.DECLINE,
            reason_code=ReasonCode.OTHER,
            reason_text="x" * (services.REASON_MAX_LENGTH + 1),
        )
    assert list(long.value.error_dict) == ["reason_text"]
    assert "500" in long.value.error_dict["reason_text"][0].message
    assert Referral.unscoped.get(pk=referral.pk).status == ReferralStatus.SENT


def test_completing_records_whether_the_person_got_help(cast: Cast) -> None:
    referral = make_referral(
        cast, "ronse", reference="V2000-0103", status=ReferralStatus.IN_PROGRESS
    )
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse):
        with pytest.raises(ValidationError) as missing:
            services.referral_transition(referral, actor=partner, action=ReferralAction.COMPLETE)
        assert missing.value.error_dict["got_help"][0].code == "got_help_required"
        done = services.referral_transition(
            referral,
            actor=partner,
            action=ReferralAction.COMPLETE,
            got_help=True,
            note="Payment plan signed with the landlord.",
        )
    assert done.status == ReferralStatus.COMPLETED
    assert done.got_help is True
    assert done.outcome == "Payment plan signed with the landlord."
    assert done.closed_at is not None


def test_every_step_of_the_receiver_is_feedback_in_the_dossier_and_the_access_log(
    cast: Cast,
) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0104", status=ReferralStatus.SENT)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse):
        services.referral_transition(
            referral, actor=partner, action=ReferralAction.DECLINE, reason_code="no_capacity"
        )
    line = TimelineEntry.unscoped.filter(dossier=referral.dossier).latest("pk")
    assert line.kind == TimelineKind.FEEDBACK
    assert "V2000-0104" in line.summary
    assert "declined" in line.summary
    assert "No capacity" in line.summary
    assert AccessLogEntry.unscoped.filter(
        object_type="referrals.referral",
        object_id=str(referral.pk),
        action=Action.UPDATE,
        actor=partner,
        person_id=referral.person_id,
    ).exists()
    referral.refresh_from_db()
    assert referral.unread_by_sender is True
    assert referral.handled_by == partner


def test_a_closed_referral_takes_no_more_messages(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0105", status=ReferralStatus.COMPLETED)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse), pytest.raises(ValidationError) as closed:
        services.referral_message(referral, actor=partner, note="One more thing")
    assert closed.value.code == "closed"
    assert not ReferralUpdate.unscoped.filter(referral=referral, note="One more thing").exists()


def test_a_draft_takes_no_message_and_says_to_change_the_draft(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0108", draft=True)
    sender = referral.created_by
    with act_as(sender, cast.ronse), pytest.raises(ValidationError) as draft:
        services.referral_message(referral, actor=sender, note="A note to self")
    assert draft.value.code == "draft"
    assert not ReferralUpdate.unscoped.filter(referral=referral, note="A note to self").exists()


def test_a_message_from_the_receiver_notifies_the_sender(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0106", status=ReferralStatus.ACCEPTED)
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse):
        services.referral_message(referral, actor=partner, note="First meeting on Tuesday.")
    after = Referral.unscoped.get(pk=referral.pk)
    assert after.unread_by_sender is True
    assert after.version == referral.version + 1  # a stale If-Match is refused after it
    reception = cast.user("ronse", Role.RECEPTION)
    with act_as(reception, cast.ronse):
        referral.refresh_from_db()
        services.referral_mark_read(referral, actor=reception)
    assert Referral.unscoped.get(pk=referral.pk).unread_by_sender is False


def test_the_step_form_asks_only_what_the_offered_steps_need() -> None:
    steps = lifecycle.TRANSITIONS
    answer = StepForm(transitions=[steps[ReferralAction.ACCEPT], steps[ReferralAction.DECLINE]])
    assert set(answer.fields) == {"action", "reason_code", "reason_text", "note"}
    assert "Decline" in str(answer.fields["reason_code"].help_text)
    finish = StepForm(transitions=[steps[ReferralAction.COMPLETE], steps[ReferralAction.FAIL]])
    assert set(finish.fields) == {"action", "reason_code", "reason_text", "got_help", "note"}
    start = StepForm(transitions=[steps[ReferralAction.START]])
    assert set(start.fields) == {"action", "note"}
    assert start.fields["action"].widget.is_hidden
    assert str(start.only_step) == "Start the help"


def test_starting_again_after_a_hold_clears_the_holds_reason(cast: Cast) -> None:
    referral = make_referral(cast, "ronse", reference="V2000-0109", status=ReferralStatus.ON_HOLD)
    Referral.unscoped.filter(pk=referral.pk).update(
        reason_code=ReasonCode.NOT_REACHED, reason_text="No answer for two weeks"
    )
    referral.refresh_from_db()
    partner = cast.user("ronse", Role.PARTNER_WORKER)
    with act_as(partner, cast.ronse):
        started = services.referral_transition(referral, actor=partner, action=ReferralAction.START)
        done = services.referral_transition(
            started, actor=partner, action=ReferralAction.COMPLETE, got_help=True
        )
    assert (started.reason_code, started.reason_text) == ("", "")
    assert (done.reason_code, done.status) == ("", ReferralStatus.COMPLETED)
    # The history keeps when it was started again.
    assert ReferralUpdate.unscoped.filter(
        referral=referral, to_status=ReferralStatus.IN_PROGRESS
    ).exists()
