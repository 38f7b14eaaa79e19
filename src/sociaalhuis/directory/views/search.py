"""Searching the social map at the desk, and a service's page (the portal reuses the search)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.directory import queries, rules
from sociaalhuis.directory.forms import SearchForm
from sociaalhuis.directory.search import search as search_services
from sociaalhuis.tenants.models import Municipality


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
    context, status = map_search(request, queries.active_municipality())
    return render(request, "directory/search.html", context, status=status)


def service(request: HttpRequest, service_id: int) -> HttpResponse:
    municipality = queries.active_municipality()
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
