"""Keeping a service up to date: its content, status, capacity, verification, history, hours.

An administrator's change is published at once; a partner worker's waits as a
revision for review (``directory.services`` decides which).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.directory import queries, rules, services
from sociaalhuis.directory.content import snapshot_of
from sociaalhuis.directory.forms import CapacityForm, ExceptionForm, ScheduleForm, ServiceForm
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceNeighbourhood,
    ServiceRevision,
    TaxonomyTerm,
)


def _user_email(request: HttpRequest) -> str:
    return str(getattr(request.user, "email", ""))


def _service_form(
    request: HttpRequest,
    organisation: Organisation,
    data: Any = None,
    initial: Any = None,
    service: Service | None = None,
) -> ServiceForm:
    municipalities = organisation.municipalities.order_by("name")
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by(
        "taxonomy__code", "position", "name_nl"
    )
    locations = Location.objects.filter(
        Q(organisation=organisation) | Q(social_house_of__isnull=False)
    )
    initial = dict(initial or {})
    if service is not None:
        initial["neighbourhoods"] = list(
            ServiceNeighbourhood.objects.filter(service=service).values_list(
                "neighbourhood_id", flat=True
            )
        )
    form = ServiceForm(
        data,
        initial=initial,
        organisation=organisation,
        municipality_choices=[(m.nis_code, m.name) for m in municipalities],
        term_choices=[(str(term.uuid), f"{term.taxonomy.name}: {term.name}") for term in terms],
        location_choices=[
            (str(location.uuid), str(location)) for location in locations.order_by("name")
        ],
    )
    if not rules.can_manage_map():
        # The municipality's own data: set by its administrator, not proposed by partners.
        del form.fields["neighbourhoods"]
    return form


def _save_neighbourhoods(form: ServiceForm, service_id: int) -> None:
    if "neighbourhoods" in form.fields:
        service = Service.objects.get(pk=service_id)
        chosen = [neighbourhood.pk for neighbourhood in form.cleaned_data["neighbourhoods"]]
        services.service_neighbourhoods_set(service, chosen)


def service_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    found = queries.editable_organisation(organisation_id)
    initial = {"municipalities": [queries.active_municipality().nis_code], "languages": "nl"}
    form = _service_form(request, found, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        outcome = services.service_propose(
            None, form.snapshot(), base_version=None, summary=form.cleaned_data["summary"]
        )
        _save_neighbourhoods(form, outcome.revision.service_id)
        _announce(request, outcome)
        return redirect("directory:service", service_id=outcome.revision.service_id)
    return render(
        request,
        "directory/service_form.html",
        {"form": form, "organisation": found, "title": _("New service")},
        status=400 if form.errors else 200,
    )


def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    initial = ServiceForm.initial_from(snapshot_of(current), current.version)
    form = _service_form(request, current.organisation, request.POST or None, initial, current)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.service_propose(
                current,
                form.snapshot(),
                base_version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
            )
        except services.VersionConflictError as error:
            # Keep what they typed; show what is saved now; let them save again on top.
            conflict = snapshot_of(error.current)
            form = _service_form(
                request, current.organisation, _with_version(request.POST, error.current.version)
            )
            form.is_valid()
        else:
            _save_neighbourhoods(form, current.pk)
            _announce(request, outcome)
            return redirect("directory:service", service_id=current.pk)
    return render(
        request,
        "directory/service_form.html",
        {
            "form": form,
            "organisation": current.organisation,
            "service": current,
            "title": current.display_name,
            "conflict": conflict,
            "pending": current.revisions.filter(status=ServiceRevision.Status.PENDING).exists(),
        },
        status=409 if conflict else 400 if form.errors else 200,
    )


def _with_version(post: Any, version: int) -> Any:
    data = post.copy()
    data["version"] = str(version)
    return data


def _announce(request: HttpRequest, outcome: services.Outcome) -> None:
    if outcome.published:
        messages.success(request, _("The change is saved and published."))
    else:
        messages.info(
            request, _("Thank you. An administrator will check your change before it is published.")
        )


@require_POST
def service_status(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    if request.POST.get("action") == "archive":
        services.service_archive(current)
        messages.success(request, _("The service is no longer shown on the map."))
    else:
        services.service_republish(current)
        messages.success(request, _("The service is shown on the map again."))
    return redirect("directory:service", service_id=current.pk)


def service_capacity(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    form = CapacityForm(
        request.POST or None,
        initial={"capacity": current.capacity, "waiting_days": current.waiting_days},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.capacity_confirm(current, data["capacity"], data["waiting_days"], data["note"])
        messages.success(request, _("Thank you: the capacity is confirmed for today."))
        return redirect("directory:service", service_id=current.pk)
    return render(
        request,
        "directory/form_page.html",
        {"form": form, "title": _("Capacity of %(service)s") % {"service": current.display_name}},
        status=400 if form.errors else 200,
    )


@require_POST
def service_verify(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    services.service_verify(current, _user_email(request))
    messages.success(request, _("Marked as checked today."))
    if request.POST.get("next") == "worklist":
        return redirect("directory:worklist")
    return redirect("directory:service", service_id=current.pk)


def service_history(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    return render(
        request,
        "directory/history.html",
        {
            "service": current,
            "revisions": queries.service_history(current)[:100],
            "capacity_updates": current.capacity_updates.select_related("confirmed_by")[:50],
        },
    )


def service_hours(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    schedule_form = ScheduleForm(request.POST if request.POST.get("form") == "schedule" else None)
    model_choice_field(schedule_form, "location").queryset = Location.objects.filter(
        Q(organisation=current.organisation) | Q(social_house_of__isnull=False)
    )
    exception_form = ExceptionForm(
        request.POST if request.POST.get("form") == "exception" else None
    )
    if request.method == "POST":
        form = schedule_form if request.POST.get("form") == "schedule" else exception_form
        if form.is_valid():
            item = form.save(commit=False)
            item.service = current
            try:
                if isinstance(item, Schedule):
                    services.schedule_add(item)
                else:
                    services.exception_add(item)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The hours were added."))
                return redirect("directory:service_hours", service_id=current.pk)
    return render(
        request,
        "directory/hours.html",
        {
            "service": current,
            "schedules": current.schedules.select_related("location").order_by(
                "kind", "weekday", "opens_at"
            ),
            "exceptions": current.schedule_exceptions.order_by("-date")[:20],
            "schedule_form": schedule_form,
            "exception_form": exception_form,
        },
        status=400 if schedule_form.errors or exception_form.errors else 200,
    )


@require_POST
def schedule_remove(request: HttpRequest, schedule_id: int) -> HttpResponse:
    schedule = get_object_or_404(
        Schedule, pk=schedule_id, service__in=queries.editable_services().values("pk")
    )
    services.schedule_remove(schedule)
    messages.success(request, _("The hours were removed."))
    return redirect("directory:service_hours", service_id=schedule.service_id)
