"""Registering a person and correcting their identity (a concurrent edit is shown side by side)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients import services
from sociaalhuis.clients.forms import PersonForm
from sociaalhuis.clients.models import Person
from sociaalhuis.clients.queries import person_for
from sociaalhuis.clients.views.guards import refuse_if_merged
from sociaalhuis.core.concurrency import EditConflictError


@never_cache
def register(request: HttpRequest) -> HttpResponse:
    form = PersonForm(request.POST or None)
    candidates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = services.person_register(
                actor=acting_user(request),
                data=form.person_input(),
                confirmed_new=request.POST.get("confirmed_new") == "1",
            )
        except services.DuplicateSuspectedError as error:
            candidates = error.candidates
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person was registered."))
            return redirect("clients:person", person_id=created.pk)
    return render(
        request,
        "clients/person_form.html",
        {
            "form": form,
            "title": _("Register a person"),
            "candidates": candidates,
            "same_number": any(candidate.same_number for candidate in candidates),
            "typed": form.cleaned_data if candidates else None,
        },
        status=400 if form.errors else 200,
    )


def _conflict_rows(form: PersonForm, current: Person) -> list[dict[str, Any]]:
    """The fields where the stored record (saved by a colleague meanwhile) and what
    this worker typed differ, as labels and display values."""
    stored = PersonForm.initial_for(current, current.identity)
    rows = []
    for name, field in form.fields.items():
        if name == "version" or field.widget.is_hidden:
            continue
        theirs, mine = stored.get(name), form.cleaned_data.get(name)
        if (theirs or "") == (mine or ""):
            continue
        choices = dict(getattr(field, "choices", []) or [])
        rows.append(
            {
                "label": field.label,
                "stored": choices.get(theirs, theirs),
                "typed": choices.get(mine, mine),
            }
        )
    return rows


@never_cache
def edit(request: HttpRequest, person_id: int) -> HttpResponse:
    found = person_for(request, person_id)
    refused = refuse_if_merged(request, found)
    if refused is not None:
        return refused
    conflict: list[dict[str, Any]] | None = None
    candidates: list[Any] = []
    status = 200
    if request.method == "POST":
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                services.person_update(
                    actor=acting_user(request),
                    person=found,
                    based_on_version=form.cleaned_data["version"] or 0,
                    data=form.person_input(),
                )
            except EditConflictError:
                current = person_for(request, found.pk)
                conflict = _conflict_rows(form, current)
                # Keep what they typed; saving again is a deliberate choice over the
                # colleague's version, so the form now starts from the stored one.
                data = request.POST.copy()
                data["version"] = str(current.version)
                form = PersonForm(data)
                form.is_valid()
                status = 409
            except services.DuplicateSuspectedError as error:
                candidates = error.candidates
                form.add_error(
                    "national_number",
                    ValidationError(
                        _("This national register number belongs to another person."),
                        code="number_in_use",
                    ),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect("clients:person", person_id=found.pk)
        if form.errors:
            status = 400
    else:
        form = PersonForm(initial=PersonForm.initial_for(found, found.identity))
    return render(
        request,
        "clients/person_form.html",
        {
            "form": form,
            "person": found,
            "title": _("Correct the data of %(name)s") % {"name": found.identity.full_name},
            "conflict": conflict,
            "candidates": candidates,
            "same_number": bool(candidates),
        },
        status=status,
    )
