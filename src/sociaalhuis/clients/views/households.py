"""Households: making one, its page, members joining and leaving."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients import services
from sociaalhuis.clients.forms import (
    HouseholdForm,
    MemberAddForm,
    MemberLeaveForm,
    PersonSearchForm,
)
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.queries import (
    household_for,
    household_with_members,
    member_for,
    person_for,
    persons_looked_up,
)
from sociaalhuis.clients.views.guards import can, refuse_if_merged


def household_create(request: HttpRequest) -> HttpResponse:
    first: Person | None = None
    person_param = request.GET.get("person", "")
    if person_param.isdigit():
        first = person_for(request, person_param)
        refused = refuse_if_merged(request, first)
        if refused is not None:
            return refused
    form = HouseholdForm(request.POST or None)
    if first is None:
        del form.fields["relation"]
    elif not request.POST:
        form.initial["name"] = _("Family %(name)s") % {"name": first.identity.family_name}
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(
                actor=acting_user(request),
                name=form.cleaned_data["name"],
                note=form.cleaned_data["note"],
            )
            if first is not None:
                services.household_member_add(
                    actor=acting_user(request),
                    household=household,
                    person=first,
                    relation=form.cleaned_data["relation"] or "reference",
                    joined_on=timezone.localdate(),
                )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The household was created."))
            return redirect("clients:household", household_id=household.pk)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "person": first,
            "title": _("New household"),
            "submit": _("Create the household"),
        },
        status=400 if form.errors else 200,
    )


def household(request: HttpRequest, household_id: int) -> HttpResponse:
    found, members = household_with_members(request, household_id)
    return render(
        request,
        "clients/household.html",
        {
            "household": found,
            "current": [member for member in members if member.left_on is None],
            "former": [member for member in members if member.left_on is not None],
            "can_change": can(request, "clients:household_member_add"),
        },
    )


@never_cache
def household_member_add(request: HttpRequest, household_id: int) -> HttpResponse:
    """Search the person (by POST, so a number may be typed), then add them."""
    found = household_for(request, household_id)
    search_form = PersonSearchForm(request.POST if "q" in request.POST else None)
    add_form = MemberAddForm(request.POST if "person_id" in request.POST else None)
    results: list[Any] = []
    status = 200
    if search_form.is_bound:
        if search_form.is_valid():
            results = persons_looked_up(request, search_form.cleaned_data["q"])
        else:
            status = 400
    elif add_form.is_bound:
        if add_form.is_valid():
            try:
                try:
                    chosen = person_for(request, add_form.cleaned_data["person_id"])
                except Http404:
                    raise ValidationError(
                        _("This person was not found."), code="not_found"
                    ) from None
                services.household_member_add(
                    actor=acting_user(request),
                    household=found,
                    person=chosen,
                    relation=add_form.cleaned_data["relation"],
                    joined_on=add_form.cleaned_data["joined_on"],
                )
            except ValidationError as error:
                add_form.add_error(None, error)
            else:
                messages.success(request, _("The member was added."))
                return redirect("clients:household", household_id=found.pk)
        status = 400
    return render(
        request,
        "clients/member_add.html",
        {
            "household": found,
            "search_form": search_form,
            "add_form": add_form,
            "results": results,
            "relation_field": MemberAddForm()["relation"],
        },
        status=status,
    )


def member_leave(request: HttpRequest, member_id: int) -> HttpResponse:
    member = member_for(request, member_id)
    form = MemberLeaveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_member_leave(
                actor=acting_user(request), member=member, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            form.add_error("left_on", error)
        else:
            messages.success(request, _("The member left the household."))
            return redirect("clients:household", household_id=member.household_id)
    return render(
        request,
        "clients/form_page.html",
        {
            "form": form,
            "title": _("%(name)s leaves %(household)s")
            % {"name": member.person.identity.full_name, "household": member.household.name},
            "submit": _("Save"),
        },
        status=400 if form.errors else 200,
    )
