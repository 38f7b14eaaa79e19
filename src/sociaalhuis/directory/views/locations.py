"""The locations on the map: the list, adding and editing one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.core import tenancy
from sociaalhuis.directory import queries, services
from sociaalhuis.directory.forms import LocationForm
from sociaalhuis.directory.models import Location


def locations(request: HttpRequest) -> HttpResponse:
    organisation_ids = queries.editable_organisations().values("pk")
    listed = Location.objects.filter(
        Q(organisation__in=organisation_ids) | Q(social_house_of=tenancy.require_municipality_id())
    )
    return render(
        request,
        "directory/locations.html",
        {"locations": listed.select_related("organisation").order_by("name")},
    )


def location_create(request: HttpRequest) -> HttpResponse:
    return _location_form(request, Location())


def location_edit(request: HttpRequest, location_id: int) -> HttpResponse:
    organisation_ids = queries.editable_organisations().values("pk")
    found = get_object_or_404(
        Location.objects.filter(
            Q(organisation__in=organisation_ids)
            | Q(social_house_of=tenancy.require_municipality_id())
        ),
        pk=location_id,
    )
    return _location_form(request, found)


def _location_form(request: HttpRequest, instance: Location) -> HttpResponse:
    form = LocationForm(request.POST or None, instance=instance)
    form.fields["organisation"] = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=queries.editable_organisations().order_by("name"),
        required=False,
        initial=instance.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        location = form.save(commit=False)
        location.organisation = form.cleaned_data.get("organisation")
        try:
            services.location_save(location)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("directory:locations")
    return render(
        request,
        "directory/form_page.html",
        {"form": form, "title": instance.name or _("New location")},
        status=400 if form.errors else 200,
    )
