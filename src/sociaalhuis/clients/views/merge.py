"""Merging two records of the same person: pick the other, compare, the result."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients import services
from sociaalhuis.clients.forms import MergeForm, PersonSearchForm
from sociaalhuis.clients.models import Identity
from sociaalhuis.clients.queries import (
    duplicate_candidates,
    merge_for,
    person_for,
    persons_looked_up,
    record_counts,
)
from sociaalhuis.clients.views.guards import refuse_if_merged


@never_cache
def merge_pick(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = refuse_if_merged(request, found)
    if refused is not None:
        return refused
    identity = found.identity
    suggestions = duplicate_candidates(
        given_name=identity.given_name,
        family_name=identity.family_name,
        birth_date=identity.birth_date,
        national_number=identity.national_number,
        exclude_id=found.pk,
    )
    form = PersonSearchForm(request.POST or None)
    results: list[Any] = []
    if request.method == "POST" and form.is_valid():
        found_rows = persons_looked_up(request, form.cleaned_data["q"])
        results = [row for row in found_rows if row.pk != found.pk]
    return render(
        request,
        "clients/merge_pick.html",
        {"person": found, "suggestions": suggestions, "form": form, "results": results},
        status=400 if form.errors else 200,
    )


COMPARED_FIELDS = (
    "given_name",
    "family_name",
    "birth_date",
    "gender",
    "street",
    "house_number",
    "box",
    "postcode",
    "city",
    "phone",
    "email",
)


def _display(identity: Identity, name: str) -> Any:
    display = getattr(identity, f"get_{name}_display", None)
    return display() if display is not None else getattr(identity, name)


@never_cache
def merge_compare(request: HttpRequest, person_id: int, other_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    other = person_for(request, other_id)
    if found.pk == other.pk:
        raise Http404
    for record in (found, other):
        refused = refuse_if_merged(request, record)
        if refused is not None:
            return refused
    pair = {str(found.pk): found, str(other.pk): other}
    form = MergeForm(
        request.POST or None,
        choices=[(key, f"{p.identity.full_name} (#{p.pk})") for key, p in pair.items()],
        initial={"keep": str(found.pk)},
    )
    if request.method == "POST" and form.is_valid():
        survivor = pair[form.cleaned_data["keep"]]
        duplicate = other if survivor is found else found
        try:
            merge = services.person_merge(
                actor=acting_user(request),
                survivor=survivor,
                duplicate=duplicate,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The records were merged."))
            return redirect("clients:merge_result", merge_id=merge.pk)
    rows = []
    for name in COMPARED_FIELDS:
        left, right = _display(found.identity, name), _display(other.identity, name)
        rows.append(
            {
                "label": getattr(Identity._meta.get_field(name), "verbose_name", name),
                "left": left,
                "right": right,
                "same": left == right,
            }
        )
    return render(
        request,
        "clients/merge_compare.html",
        {
            "person": found,
            "other": other,
            "rows": rows,
            "same_number": bool(found.identity.national_number)
            and found.identity.national_number == other.identity.national_number,
            "counts": {"left": record_counts(found), "right": record_counts(other)},
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def merge_result(request: HttpRequest, merge_id: int) -> HttpResponse:
    merge = merge_for(request, merge_id)
    moved = []
    for label, count in sorted(merge.moved.items()):
        try:
            name = str(apps.get_model(label)._meta.verbose_name_plural)
        except LookupError:
            name = label
        moved.append((name, count))
    return render(request, "clients/merge_result.html", {"merge": merge, "moved": moved})
