"""One referral: its page for either side, the steps the receiver or sender takes,
messages, and booking an office-day appointment for it."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.frontdesk.appointments.queries import Owner, free_slots
from sociaalhuis.referrals import lifecycle, notifications, queries, services, sharing
from sociaalhuis.referrals.forms import (
    MessageForm,
    SlotForm,
    StepForm,
    VersionForm,
)
from sociaalhuis.referrals.models import Referral, ReferralStatus, Side, TargetKind

OFFICE_DAY_WEEKS = 4


def _side_transitions(referral: Referral, side: str) -> list[lifecycle.Transition]:
    # "Send" has its own button on the draft (after the preview); "received" is
    # recorded when the receiver opens the referral.
    hidden = {lifecycle.ReferralAction.SEND, lifecycle.ReferralAction.RECEIVE}
    return [t for t in lifecycle.actions_for(referral.status, side) if t.action not in hidden]


def _office_day_slots(referral: Referral) -> list[Any]:
    if (
        referral.target_kind != TargetKind.SERVICE
        or referral.to_service is None
        or referral.status == ReferralStatus.DRAFT
        or referral.is_final
        or referral.appointment_id is not None
    ):
        return []
    today = timezone.localdate()
    return free_slots(
        Owner(service=referral.to_service), today, today + timedelta(weeks=OFFICE_DAY_WEEKS)
    )


def _detail_context(
    referral: Referral,
    side: str,
    *,
    step_form: StepForm | None = None,
    message_form: MessageForm | None = None,
) -> dict[str, Any]:
    transitions = _side_transitions(referral, side)
    is_draft = referral.status == ReferralStatus.DRAFT
    shared = services.preview(referral) if is_draft else referral.shared_data
    slots = _office_day_slots(referral)
    return {
        "referral": referral,
        "side": side,
        "is_sender": side == Side.SENDER,
        "target": services.target_label(referral),
        "shared": [(sharing.LABELS.get(code, code), value) for code, value in shared.items()],
        "not_shared": [
            label for code, label in sharing.LABELS.items() if code not in referral.shared_fields
        ],
        "updates": list(queries.updates_of(referral, side).select_related("by")),
        "step_form": step_form or (StepForm(transitions=transitions) if transitions else None),
        "message_form": message_form or MessageForm(),
        "can_message": not is_draft and not referral.is_final,
        "version_form": VersionForm(initial={"version": referral.version}),
        "slot_form": SlotForm(slots=slots) if slots else None,
        "dossier": services.dossier_of(referral) if side == Side.SENDER else None,
    }


def _elsewhere(request: HttpRequest) -> HttpResponse | None:
    """A link that names another of the user's municipalities (from an e-mail): offer
    the switch. The referral itself is not read: it is not visible from here."""
    workspace = workspace_of(request)
    named = request.GET.get(notifications.MUNICIPALITY_PARAMETER, "")
    if not named.isdigit() or workspace.municipality is None:
        return None
    if int(named) == workspace.municipality.pk:
        return None
    there = next((m for m in workspace.municipalities if m.pk == int(named)), None)
    if there is None:
        return None  # not one of theirs: the page answers as it would without the link
    return render(
        request,
        "referrals/elsewhere.html",
        {"there": there, "next": request.path},
    )


def detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    if (switch := _elsewhere(request)) is not None:
        return switch
    referral, side = queries.referral_for(request, referral_id)
    if side == Side.RECEIVER and referral.status == ReferralStatus.SENT:
        referral = services.referral_mark_received(referral, actor=user)
    if side == Side.SENDER:
        services.referral_mark_read(referral, actor=user)
    return render(request, "referrals/detail.html", _detail_context(referral, side))


@require_POST
def transition(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, side = queries.referral_for(request, referral_id)
    form = StepForm(request.POST, transitions=_side_transitions(referral, side))
    if form.is_valid():
        try:
            services.referral_transition(
                referral,
                actor=user,
                action=form.chosen_action,
                reason_code=form.cleaned_data.get("reason_code", ""),
                reason_text=form.cleaned_data.get("reason_text", ""),
                note=form.cleaned_data["note"],
                got_help=form.cleaned_data.get("got_help"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("referrals:detail", referral_id=referral.pk)
    elif "action" in form.errors and referral.is_final:
        form.errors["action"] = form.error_class(
            [_("This referral is closed; it cannot change any more.")]
        )
    return render(
        request,
        "referrals/detail.html",
        _detail_context(referral, side, step_form=form),
        status=400,
    )


@require_POST
def message(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, side = queries.referral_for(request, referral_id)
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.referral_message(referral, actor=user, note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your message was added."))
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/detail.html",
        _detail_context(referral, side, message_form=form),
        status=400,
    )


def book(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Free times at the partner's office day, and booking one."""
    user = acting_user(request)
    referral, side = queries.referral_for(request, referral_id)
    slots = _office_day_slots(referral)
    form = SlotForm(request.POST or None, slots=slots)
    if request.method == "POST" and form.is_valid():
        slot = form.chosen
        try:
            services.referral_book_office_day(
                referral,
                actor=user,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                location=slot.location,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The appointment on %(when)s is in the calendar.")
                % {"when": f"{timezone.localtime(slot.starts_at):%d/%m/%Y %H:%M}"},
            )
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/book.html",
        {"referral": referral, "form": form, "slots": slots, "side": side},
        status=400 if request.method == "POST" else 200,
    )
