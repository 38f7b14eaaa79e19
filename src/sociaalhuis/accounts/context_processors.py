from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from sociaalhuis.accounts.authorization import ROUTES
from sociaalhuis.accounts.middleware import is_allowed


def workspace(request: HttpRequest) -> dict[str, Any]:
    """The active municipality, the switcher and the menu the user's roles allow."""
    current = getattr(request, "workspace", None)
    if current is None:
        return {}
    menu = []
    if current.municipality is not None:
        current_name = request.resolver_match.view_name if request.resolver_match else ""
        for name, rule in ROUTES.items():
            if rule.menu and is_allowed(request, rule):
                menu.append(
                    {"label": rule.menu, "url": reverse(name), "current": name == current_name}
                )
    return {"workspace": current, "menu": menu}
