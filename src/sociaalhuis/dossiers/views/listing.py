"""My dossiers, and opening a new one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.queries import household_for, person_for
from sociaalhuis.core import tenancy
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import DossierFilterForm, DossierOpenForm


def dossier_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    can_take_on = tenancy.current().has_role(Role.SOCIAL_WORKER)
    waiting = can_take_on and request.GET.get("waiting") == "1"
    form = DossierFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    page = queries.dossiers_page(user, form.to_filter(waiting=waiting), page_number(request))
    return render(
        request,
        "dossiers/list.html",
        {
            "form": form,
            "page": page,
            "waiting": waiting,
            "can_take_on": can_take_on,
            "query": query_without_page(request),
            "invalid": invalid,
        },
        status=400 if invalid else 200,
    )


def dossier_open(request: HttpRequest) -> HttpResponse:
    person_id, household_id = request.GET.get("person", ""), request.GET.get("household", "")
    person = person_for(request, person_id) if person_id.isdigit() else None
    household = (
        household_for(request, int(household_id))
        if household_id.isdigit() and person is None
        else None
    )
    if person is None and household is None:
        return render(request, "dossiers/open_choose.html", status=400 if request.GET else 200)
    form = DossierOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_open(
                actor=acting_user(request),
                reason=form.cleaned_data["reason"],
                person=person,
                household=household,
                life_domains=form.cleaned_data["life_domains"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Dossier %(reference)s was opened.") % {"reference": dossier.reference}
            )
            return redirect("dossiers:detail", dossier_id=dossier.pk)
    return render(
        request,
        "dossiers/open.html",
        {
            "form": form,
            "person": person,
            "household": household,
            "may_open": tenancy.current().has_role(Role.SOCIAL_WORKER),
        },
        status=400 if form.errors else 200,
    )
