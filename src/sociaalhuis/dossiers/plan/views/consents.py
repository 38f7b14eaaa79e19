"""Consents recorded from the dossier, and withdrawing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.consents import queries as consent_queries
from sociaalhuis.clients.consents.services import ConsentInput
from sociaalhuis.clients.models import Consent
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.forms import ConsentRecordForm, ConsentWithdrawForm
from sociaalhuis.dossiers.plan.views.page import may_work, plan_page


def consents(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="clients.consent", write=request.method == "POST"
    )
    form = ConsentRecordForm(request.POST or None, initial={"given_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.dossier_consent_record(
                dossier,
                actor=acting_user(request),
                data=ConsentInput(
                    purpose=data["purpose"],
                    scope=data["scope"],
                    given_on=data["given_on"],
                    form=data["form"],
                    organisation=data["organisation"],
                    valid_until=data["valid_until"],
                ),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent is recorded."))
            return redirect("dossierplan:consents", dossier_id=dossier.pk)
    listed = list(consent_queries.consents_of(dossier.person)) if dossier.person else []
    today = timezone.localdate()
    return plan_page(
        request,
        "consents.html",
        dossier,
        {
            "form": form,
            "consents": [(consent, consent.is_active_on(today)) for consent in listed],
            "can_work": may_work(request, dossier) and dossier.person is not None,
        },
        400 if form.errors else 200,
    )


def _consent(dossier: Dossier, consent_id: int) -> Consent:
    if dossier.person is None:
        raise Http404
    found = consent_queries.consents_of(dossier.person).filter(pk=consent_id).first()
    if found is None:
        raise Http404
    return found


def consent_withdraw(request: HttpRequest, dossier_id: int, consent_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="clients.consent", write=True
    )
    consent = _consent(dossier, consent_id)
    form = ConsentWithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.dossier_consent_withdraw(
                dossier,
                consent,
                actor=acting_user(request),
                withdrawn_on=form.cleaned_data["withdrawn_on"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The consent is withdrawn. It stays on record."))
            return redirect("dossierplan:consents", dossier_id=dossier.pk)
    return plan_page(
        request,
        "form.html",
        dossier,
        {"form": form, "title": _("Withdraw a consent"), "consent": consent},
        400 if form.errors else 200,
    )
