"""What every plan screen shares: the way back to the dossier, the page with its
context, the version an edit is based on, and whether the worker may change things."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.core import predicates
from sociaalhuis.dossiers.models import Dossier

# The dossier page belongs to the dossier core; link to it when its route exists.
DOSSIER_PAGE_ROUTES = ("dossiers:detail", "dossiers:dossier")


def dossier_url(dossier: Dossier) -> str:
    for name in DOSSIER_PAGE_ROUTES:
        try:
            return reverse(name, kwargs={"dossier_id": dossier.pk})
        except NoReverseMatch:
            continue
    return reverse("dossierplan:plan", kwargs={"dossier_id": dossier.pk})


def plan_page(
    request: HttpRequest, template: str, dossier: Dossier, context: dict[str, Any], status: int
) -> HttpResponse:
    context = {"dossier": dossier, "dossier_url": dossier_url(dossier), **context}
    return render(request, f"dossiers/plan/{template}", context, status=status)


def with_version(post: Any, name: str, version: int) -> Any:
    data = post.copy()
    data[name] = str(version)
    return data


def may_work(request: HttpRequest, dossier: Dossier) -> bool:
    return dossier.is_open and predicates.test_rule(
        "dossiers.work_in", acting_user(request), dossier
    )
