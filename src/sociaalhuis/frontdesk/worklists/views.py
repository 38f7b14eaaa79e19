"""Worklists: "My work" and one filtered, paginated list per kind of work.

The authorization matrix lets casework roles in (``frontdesk.worklist``; the dossier
lists need ``dossiers.work``); ``worklist_queries`` narrows every list to the worker's
own work and cells. A list names persons, so each view of a list is one read in the
access log (for the page, not for every row).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.core.http import is_htmx, page_number, query_without_page
from sociaalhuis.frontdesk.worklists import queries
from sociaalhuis.frontdesk.worklists.forms import WorklistFilterForm
from sociaalhuis.frontdesk.worklists.queries import SPECS, ListKind
from sociaalhuis.frontdesk.worklists.services import question_take_on


def summary(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    roles = tenancy.current().roles
    counts, items = queries.summary_for(request, user, roles)
    return render(
        request,
        "frontdesk/worklist/summary.html",
        {
            "counts": [(count, SPECS[count.kind]) for count in counts],
            "callbacks": items.get(ListKind.CALLBACKS),
            "appointments": items.get(ListKind.APPOINTMENTS),
            "steps": items.get(ListKind.STEPS),
            "questions": items.get(ListKind.QUESTIONS),
        },
    )


def _list_page(request: HttpRequest, kind: ListKind) -> HttpResponse:
    user = acting_user(request)
    roles = tenancy.current().roles
    fitting = queries.kinds_for(roles)
    if kind not in fitting and kind != ListKind.UNMANAGED:
        raise PermissionDenied
    spec = SPECS[kind]
    form = WorklistFilterForm(request.GET or None, spec=spec)
    page = queries.list_page(request, kind, user, roles, form.filters(), page_number(request))
    context: dict[str, Any] = {
        "kind": str(kind),
        "spec": spec,
        "form": form,
        "page": page,
        "query": query_without_page(request),
        "kinds": [(other, SPECS[other]) for other in fitting],
        # Cell specialists reach the page (they hold dossiers.work) but only social
        # workers take on a dossier without a manager (dossiers.rules).
        "not_for_role": kind == ListKind.UNMANAGED and Role.SOCIAL_WORKER not in roles,
        "rows_template": f"frontdesk/worklist/rows/{kind}.html",
    }
    template = (
        "frontdesk/worklist/_results.html" if is_htmx(request) else "frontdesk/worklist/list.html"
    )
    return render(request, template, context)


def callbacks(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.CALLBACKS)


def sent(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.SENT)


def questions(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.QUESTIONS)


def appointments(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.APPOINTMENTS)


def steps(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.STEPS)


def dossiers(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.DOSSIERS)


def unmanaged(request: HttpRequest) -> HttpResponse:
    return _list_page(request, ListKind.UNMANAGED)


@require_POST
def question_take_on_view(request: HttpRequest, question_id: int) -> HttpResponse:
    try:
        question_take_on(question_id, acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You took the question on. It is now on your name."))
    return redirect("worklist:questions")
