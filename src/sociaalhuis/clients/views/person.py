"""The person page, revealing the national number on purpose, and contact wishes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients import services
from sociaalhuis.clients.forms import RestrictionForm, RevealNumberForm
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.queries import (
    active_restrictions,
    person_for,
    person_households,
    record_number_shown,
    restriction_for,
)
from sociaalhuis.clients.sections import person_sections
from sociaalhuis.clients.views.guards import can, refuse_if_merged


def _person_page(
    request: HttpRequest,
    found: Person,
    *,
    revealed: bool = False,
    restriction_form: RestrictionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The person page for a person loaded (and so recorded) through ``person_for``."""
    editable = not found.is_merged and can(request, "clients:edit")
    response = render(
        request,
        "clients/person.html",
        {
            "person": found,
            "identity": found.identity,
            "revealed": revealed,
            "restrictions": list(active_restrictions(found).select_related("created_by")),
            "households": person_households(found),
            "merged_records": list(found.merged_records.select_related("identity")),
            "sections": person_sections(found, acting_user(request)),
            "editable": editable,
            "can_merge": not found.is_merged and can(request, "clients:merge_pick"),
            "restriction_form": restriction_form or RestrictionForm(),
            "reveal_form": RevealNumberForm(),
        },
        status=status,
    )
    return response


@never_cache
def person(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_page(request, person_for(request, person_id))


@never_cache
def reveal_number(request: HttpRequest, person_id: int) -> HttpResponse:
    """The full national register number, shown in answer to a POST (never a URL),
    with its own entry in the access log."""
    found = person_for(request, person_id)
    if request.method != "POST":
        return redirect("clients:person", person_id=found.pk)
    form = RevealNumberForm(request.POST)
    reason = form.cleaned_data["reason"].strip() if form.is_valid() else ""
    record_number_shown(
        request,
        found,
        reason=_("Full national register number shown. %(reason)s") % {"reason": reason},
    )
    return _person_page(request, found, revealed=True)


def restriction_add(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = refuse_if_merged(request, found)
    if refused is not None:
        return refused
    form = RestrictionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.restriction_add(
                actor=acting_user(request),
                person=found,
                channel=form.cleaned_data["channel"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error("channel", error)
        else:
            messages.success(request, _("The contact wish was recorded."))
            return redirect("clients:person", person_id=found.pk)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "person": found,
            "title": _("Contact wish of %(name)s") % {"name": found.identity.full_name},
            "submit": _("Record the wish"),
        },
        status=400 if form.errors else 200,
    )


def restriction_lift(request: HttpRequest, restriction_id: int) -> HttpResponse:
    restriction = restriction_for(request, restriction_id)
    if request.method == "POST":
        services.restriction_lift(actor=acting_user(request), restriction=restriction)
        messages.success(request, _("The contact wish was lifted."))
        return redirect("clients:person", person_id=restriction.person_id)
    return render(
        request,
        "clients/restriction_lift.html",
        {"restriction": restriction, "person": restriction.person},
    )
