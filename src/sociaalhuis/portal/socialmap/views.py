"""The public social map of a municipality: search, service page, today.

No account needed. Each view switches on the municipality named in the address
(``tenancy.activate`` with no user and no roles), so the tenant-owned lists it
shows (life domains, neighbourhoods) are that municipality's and nobody else's.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.directory import queries
from sociaalhuis.directory.views.search import map_search
from sociaalhuis.tenants.models import Municipality


def _municipality(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug, active=True)


def search(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _municipality(municipality)
    with tenancy.activate(tenancy.TenantContext(municipality_id=place.pk)):
        context, status = map_search(request, place)
        context |= {
            "portal_municipality": place,
            "today": queries.office_hours_on(place, timezone.localdate()),
        }
        return render(request, "portal/map/search.html", context, status=status)


def service(request: HttpRequest, municipality: str, service_id: int) -> HttpResponse:
    place = _municipality(municipality)
    with tenancy.activate(tenancy.TenantContext(municipality_id=place.pk)):
        page = queries.service_page(place, service_id)
        return render(
            request,
            "portal/map/service.html",
            {
                "portal_municipality": place,
                "page": page,
                "service": page.service,
                "text": page.service.text(),
                "back": request.GET.get("terug", ""),
            },
        )


def today(request: HttpRequest, municipality: str) -> HttpResponse:
    place = _municipality(municipality)
    day = timezone.localdate()
    with tenancy.activate(tenancy.TenantContext(municipality_id=place.pk)):
        return render(
            request,
            "portal/map/today.html",
            {
                "portal_municipality": place,
                "day": day,
                "slots": queries.office_hours_on(place, day),
                "social_house": queries.social_house(place),
            },
        )
