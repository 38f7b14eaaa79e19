"""What a person screen may offer or change: a route the role may open, a record not merged."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from sociaalhuis.accounts.authorization import ROUTES
from sociaalhuis.accounts.middleware import is_allowed
from sociaalhuis.clients.models import Person


def can(request: HttpRequest, route_name: str) -> bool:
    return is_allowed(request, ROUTES[route_name])


def refuse_if_merged(request: HttpRequest, person: Person) -> HttpResponse | None:
    if person.is_merged:
        messages.error(
            request, _("This record was merged into another one and can no longer be changed.")
        )
        return redirect("clients:person", person_id=person.pk)
    return None
