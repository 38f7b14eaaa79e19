"""What an administrator of the map reviews and keeps up: proposed changes, services due
for verification, and which rubrics each life domain covers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.directory import queries, services
from sociaalhuis.directory.content import changed_fields, field_label, snapshot_of
from sociaalhuis.directory.forms import ReviewForm
from sociaalhuis.directory.models import (
    Location,
    Organisation,
    ServiceRevision,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality


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
