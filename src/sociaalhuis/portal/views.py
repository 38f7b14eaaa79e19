from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.accounts.roles import ROLE_DESCRIPTIONS, Role
from sociaalhuis.frontdesk.worklists.queries import SPECS, counts_for
from sociaalhuis.portal.panels import panels_for
from sociaalhuis.tenants.models import Municipality


def index(request: HttpRequest) -> HttpResponse:
    """The front page: staff go to their workspace, everyone else sees the municipalities."""
    if request.user.is_authenticated and workspace_of(request).municipality is not None:
        return redirect("portal:home")
    municipalities = Municipality.objects.filter(active=True).order_by("name")
    return render(request, "portal/index.html", {"municipalities": municipalities})


def home(request: HttpRequest) -> HttpResponse:
    """The home page of a user's roles in the active municipality."""
    roles = workspace_of(request).roles
    role_cards = [
        (Role(role).label, ROLE_DESCRIPTIONS[role]) for role in Role.values if role in roles
    ]
    # Counts only (no names), so this summary needs no entry in the access log.
    my_work = (
        [(count, SPECS[count.kind]) for count in counts_for(acting_user(request), roles)]
        if request.user.has_perm("frontdesk.worklist")
        else None
    )
    return render(
        request,
        "portal/home.html",
        {
            "role_cards": role_cards,
            "panels": panels_for(roles, acting_user(request)),
            "my_work": my_work,
        },
    )
