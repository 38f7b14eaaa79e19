"""The organisations on the map: the list, one organisation, adding and editing it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.directory import queries, rules, services
from sociaalhuis.directory.forms import OrganisationForm
from sociaalhuis.directory.models import Organisation, Service


def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/organisations.html",
        {
            "organisations": queries.editable_organisations().order_by("name"),
            "can_manage": rules.can_manage_map(),
            "pending": queries.pending_revisions().count() if rules.can_manage_map() else 0,
        },
    )


def organisation(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found = queries.editable_organisation(organisation_id)
    listed = (
        Service.objects.filter(organisation=found)
        .prefetch_related("texts")
        .order_by("status", "pk")
    )
    return render(
        request,
        "directory/organisation.html",
        {"organisation": found, "services": listed, "can_manage": rules.can_manage_map()},
    )


def organisation_create(request: HttpRequest) -> HttpResponse:
    return _organisation_form(request, Organisation())


def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    return _organisation_form(request, queries.editable_organisation(organisation_id))


def _organisation_form(request: HttpRequest, instance: Organisation) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.organisation_save(form.save(commit=False))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("directory:organisation", organisation_id=saved.pk)
    return render(
        request,
        "directory/form_page.html",
        {"form": form, "title": instance.name or _("New organisation")},
        status=400 if form.errors else 200,
    )
