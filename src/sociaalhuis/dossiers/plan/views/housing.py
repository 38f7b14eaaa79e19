"""The housing situation over time."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.dossiers.models import Ethos
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.forms import HousingForm
from sociaalhuis.dossiers.plan.views.page import may_work, plan_page


def housing(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.housingsituation", write=request.method == "POST"
    )
    can_work = may_work(request, dossier)
    form = HousingForm(request.POST or None, initial={"since": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_services.housing_record(
                dossier,
                actor=acting_user(request),
                category=data["category"],
                since=data["since"],
                description=data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The housing situation is recorded."))
            return redirect("dossierplan:housing", dossier_id=dossier.pk)
    history = list(plan_queries.housing_history(dossier))
    return plan_page(
        request,
        "housing.html",
        dossier,
        {"form": form, "history": history, "can_work": can_work, "categories": Ethos.choices},
        400 if form.errors else 200,
    )
