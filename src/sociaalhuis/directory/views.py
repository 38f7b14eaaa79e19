"""Screens of the social map inside the platform: search at the desk, maintenance.

Route access is decided by the authorization matrix before these run; which
organisation or service a user may touch by ``directory.rules`` through
``directory.queries`` (404 for what is not theirs) and ``directory.services``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.core import tenancy
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.directory import queries, rules, services
from sociaalhuis.directory.content import changed_fields, field_label, snapshot_of
from sociaalhuis.directory.forms import (
    CapacityForm,
    ExceptionForm,
    LocationForm,
    OrganisationForm,
    ReviewForm,
    ScheduleForm,
    SearchForm,
    ServiceForm,
)
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    Schedule,
    Service,
    ServiceNeighbourhood,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.search import search as search_services
from sociaalhuis.tenants.models import LifeDomain, Municipality


def _municipality() -> Municipality:
    return Municipality.objects.get(pk=tenancy.require_municipality_id())


def _user_email(request: HttpRequest) -> str:
    return str(getattr(request.user, "email", ""))


# --- Search at the desk --------------------------------------------------------


def map_search(request: HttpRequest, municipality: Municipality) -> tuple[dict[str, Any], int]:
    """Context and status of a search page: the desk's here, the citizen's portal."""
    form = SearchForm(request.GET if request.GET else None)
    valid = form.is_bound and form.is_valid()
    results = (
        search_services(municipality, form.filters(), page=page_number(request)) if valid else None
    )
    context = {"form": form, "results": results, "query": query_without_page(request)}
    return context, 400 if form.is_bound and not valid else 200


def search(request: HttpRequest) -> HttpResponse:
    context, status = map_search(request, _municipality())
    return render(request, "directory/search.html", context, status=status)


def service(request: HttpRequest, service_id: int) -> HttpResponse:
    municipality = _municipality()
    editable = queries.editable_services().filter(pk=service_id).exists()
    page = queries.service_page(municipality, service_id, include_unpublished=editable)
    return render(
        request,
        "directory/service.html",
        {
            "page": page,
            "service": page.service,
            "text": page.service.text(),
            "editable": editable,
            "can_manage": rules.can_manage_map(),
            "capacity_history": page.service.capacity_updates.select_related("confirmed_by")[:5],
        },
    )


# --- Organisations -------------------------------------------------------------


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


# --- Service content -------------------------------------------------------------


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
    initial = {"municipalities": [_municipality().nis_code], "languages": "nl"}
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


# --- Hours -------------------------------------------------------------------------


def service_hours(request: HttpRequest, service_id: int) -> HttpResponse:
    current = queries.editable_service(service_id)
    schedule_form = ScheduleForm(request.POST if request.POST.get("form") == "schedule" else None)
    schedule_form.fields["location"].queryset = Location.objects.filter(  # type: ignore[attr-defined]
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


# --- Locations ---------------------------------------------------------------------


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


# --- Review and worklist -----------------------------------------------------------


def reviews(request: HttpRequest) -> HttpResponse:
    return render(
        request, "directory/reviews.html", {"revisions": queries.pending_revisions()[:200]}
    )


def review(request: HttpRequest, revision_id: int) -> HttpResponse:
    revision = get_object_or_404(
        ServiceRevision.objects.select_related("service__organisation", "author"),
        pk=revision_id,
        service__in=queries.editable_services().values("pk"),
    )
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                services.revision_approve(revision, form.cleaned_data["note"])
                messages.success(request, _("The change is approved and published."))
            else:
                services.revision_reject(revision, form.cleaned_data["note"])
                messages.success(request, _("The change is rejected; the partner sees your note."))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("directory:reviews")
    current = snapshot_of(revision.service)
    return render(
        request,
        "directory/review.html",
        {
            "revision": revision,
            "form": form,
            "rows": _differences(current, revision.data),
            "stale": revision.base_version != revision.service.version,
        },
        status=400 if form.errors else 200,
    )


def _differences(current: dict[str, Any], proposed: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(label, now, proposed) for every field the proposal changes."""
    rows = []
    for name in changed_fields(current, proposed):
        if name.startswith("texts."):
            _texts, language, field = name.split(".")
            before = current.get("texts", {}).get(language, {}).get(field, "")
            after = proposed.get("texts", {}).get(language, {}).get(field, "")
        else:
            before, after = _readable(name, current.get(name)), _readable(name, proposed.get(name))
        rows.append((field_label(name), before, after))
    return rows


# Snapshot lists hold identifiers; the reviewer reads names.
_NAMED_LISTS: dict[str, tuple[Any, str]] = {
    "municipalities": (Municipality, "nis_code"),
    "terms": (TaxonomyTerm, "uuid"),
    "locations": (Location, "uuid"),
    "organisation": (Organisation, "uuid"),
}


def _readable(name: str, value: Any) -> Any:
    if name not in _NAMED_LISTS or not value:
        return ", ".join(value) if isinstance(value, list) else value
    model, key = _NAMED_LISTS[name]
    keys = value if isinstance(value, list) else [value]
    return ", ".join(sorted(str(item) for item in model.objects.filter(**{f"{key}__in": keys})))


def worklist(request: HttpRequest) -> HttpResponse:
    return render(
        request, "directory/worklist.html", {"services": queries.services_to_verify()[:200]}
    )


def life_domains(request: HttpRequest) -> HttpResponse:
    """Which rubrics of the shared map each life domain of the municipality covers."""
    domains = list(LifeDomain.objects.prefetch_related("map_terms").order_by("position", "name_nl"))
    rubrics = list(queries.terms_of(Taxonomy.RUBRICS))
    if request.method == "POST":
        for domain in domains:
            chosen = [
                int(value)
                for value in request.POST.getlist(f"domain-{domain.pk}")
                if value.isdigit()
            ]
            services.life_domain_rubrics_set(domain, chosen)
        messages.success(request, _("The life domains are linked to the rubrics."))
        return redirect("directory:life_domains")
    rows = [(domain, {link.term_id for link in domain.map_terms.all()}) for domain in domains]
    return render(request, "directory/life_domains.html", {"rows": rows, "rubrics": rubrics})
