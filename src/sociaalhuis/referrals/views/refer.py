"""Referring: where a referral comes from (a dossier or a help question), writing it,
and checking what is shared before sending it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.referrals import queries, services
from sociaalhuis.referrals.forms import (
    ReferralForm,
    VersionForm,
)
from sociaalhuis.referrals.models import ReferralStatus, Side, TargetKind


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    source = request.POST if request.method == "POST" else request.GET
    origin = queries.origin_for(
        request, dossier_id=source.get("dossier", ""), question_id=source.get("question", "")
    )
    person, dossier, question = origin.person, origin.dossier, origin.question
    municipality = workspace_of(request).municipality
    assert municipality is not None  # the matrix requires a municipality
    initial: dict[str, Any] = {}
    if question is not None:
        initial["life_domain"] = question.life_domain
        initial["purpose"] = question.description
        if question.service_id:
            initial.update(target_kind=TargetKind.SERVICE, to_service=question.service_id)
    if request.GET.get("service", "").isdigit():
        initial.update(target_kind=TargetKind.SERVICE, to_service=int(request.GET["service"]))
    form = ReferralForm(
        request.POST or None,
        person=person,
        municipality=municipality,
        actor=user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral, created = services.referral_create(
                form.to_input(dossier=dossier, question=question),
                actor=user,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if created:
                messages.info(
                    request,
                    _("Check what will be shared, then send the referral."),
                )
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/form.html",
        {"form": form, "person": person, "dossier": dossier, "question": question},
    )


def edit(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, _side = queries.referral_for(request, referral_id, side=Side.SENDER)
    if referral.status != ReferralStatus.DRAFT:
        messages.info(request, _("This referral was already sent; it can no longer be changed."))
        return redirect("referrals:detail", referral_id=referral.pk)
    municipality = workspace_of(request).municipality
    assert municipality is not None
    initial = {
        "target_kind": referral.target_kind,
        "to_service": referral.to_service_id,
        "to_cell": referral.to_cell_id,
        "to_user": referral.to_user_id,
        "purpose": referral.purpose,
        "life_domain": referral.life_domain_id,
        "urgency": referral.urgency,
        "response_due_on": referral.response_due_on,
        "shared_fields": referral.shared_fields,
        "legal_basis": referral.legal_basis,
        "consent": referral.consent_id,
        "legal_basis_note": referral.legal_basis_note,
        "idempotency_key": referral.idempotency_key,
    }
    form = ReferralForm(
        request.POST or None,
        person=referral.person,
        municipality=municipality,
        actor=user,
        initial=initial,
    )
    version_form = VersionForm(request.POST or None, initial={"version": referral.version})
    conflict = None
    if request.method == "POST" and form.is_valid() and version_form.is_valid():
        try:
            services.referral_edit_draft(
                referral,
                form.to_input(dossier=referral.dossier, question=referral.question),
                actor=user,
                based_on_version=version_form.cleaned_data["version"],
            )
        except EditConflictError as clash:
            conflict = clash.current
            form.add_error(
                None,
                _(
                    "Someone changed this draft while you were editing it. What you typed "
                    "is kept below; check it against the saved draft and save again."
                ),
            )
            version_form = VersionForm(initial={"version": getattr(conflict, "version", 1)})
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "version_form": version_form,
            "referral": referral,
            "conflict": conflict,
            "person": referral.person,
            "dossier": referral.dossier,
            "question": referral.question,
        },
    )


@require_POST
def send(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = acting_user(request)
    referral, _side = queries.referral_to_change(request, referral_id, side=Side.SENDER)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The page was out of date; check the referral and try again."))
        return redirect("referrals:detail", referral_id=referral.pk)
    try:
        sent = services.referral_send(
            referral, actor=user, based_on_version=form.cleaned_data["version"]
        )
    except EditConflictError:
        messages.error(
            request,
            _("The draft changed since you opened it. Check what will be shared and send again."),
        )
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(
            request,
            _("Referral %(reference)s was sent to %(target)s.")
            % {"reference": sent.reference, "target": services.target_label(sent)},
        )
    return redirect("referrals:detail", referral_id=referral.pk)
