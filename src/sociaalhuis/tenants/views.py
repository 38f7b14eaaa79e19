from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


def reference_data(request: HttpRequest) -> HttpResponse:
    """The active municipality's profile: its neighbourhoods and the life domains of its plan."""
    return render(
        request,
        "tenants/reference_data.html",
        {
            "neighbourhoods": Neighbourhood.objects.all(),
            "life_domains": LifeDomain.objects.all(),
        },
    )
