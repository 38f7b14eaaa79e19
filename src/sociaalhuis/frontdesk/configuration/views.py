"""Casework settings: the administrator keeps cells, topics, the rights list and streets.

The authorization matrix admits only the municipality administrator; objects are
looked up through the tenant-scoped managers, so another municipality's are 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.models import Cell
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.core.http import query_without_page
from sociaalhuis.dossiers.models import Right
from sociaalhuis.frontdesk.configuration import services
from sociaalhuis.frontdesk.configuration.forms import (
    CellForm,
    RightForm,
    StreetFilterForm,
    StreetForm,
    TopicForm,
)
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import NeighbourhoodStreet

STREETS_PER_PAGE = 100


def settings_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "frontdesk/configuration/settings.html",
        {
            "cells": Cell.objects.count(),
            "topics": Topic.objects.count(),
            "rights": Right.objects.filter(active=True).count(),
            "streets": NeighbourhoodStreet.objects.count(),
        },
    )


def _save(
    request: HttpRequest,
    form: ModelForm[Any],
    save: Any,
    *,
    title: str,
    back: str,
    done: str,
) -> HttpResponse:
    """Validate ``form`` and hand its unsaved instance to the service ``save``."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.save(commit=False))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "frontdesk/configuration/form.html",
        {"form": form, "title": title, "back": back},
        status=400 if form.errors else 200,
    )


# --- Cells ---------------------------------------------------------------------------------


def cells(request: HttpRequest) -> HttpResponse:
    listed = (
        Cell.objects.select_related("life_domain")
        .annotate(member_count=Count("cellmember"))
        .order_by("-active", "name_nl")
    )
    return render(request, "frontdesk/configuration/cells.html", {"cells": listed})


def cell_create(request: HttpRequest) -> HttpResponse:
    return _cell_form(request, Cell())


def cell_edit(request: HttpRequest, cell_id: int) -> HttpResponse:
    return _cell_form(request, get_object_or_404(Cell.objects.all(), pk=cell_id))


def _cell_form(request: HttpRequest, cell: Cell) -> HttpResponse:
    form = CellForm(request.POST or None, instance=cell)

    def save(instance: Cell) -> Cell:
        members = [user.pk for user in form.cleaned_data["members"]]
        return services.cell_save(instance, member_ids=members)

    return _save(
        request,
        form,
        save,
        title=cell.name if cell.pk else _("New cell"),
        back="casework:cells",
        done=_("The cell is saved."),
    )


# --- Topics --------------------------------------------------------------------------------


def topics(request: HttpRequest) -> HttpResponse:
    listed = Topic.objects.select_related("life_domain").order_by(
        "life_domain__name_nl", "-active", "name_nl"
    )
    return render(request, "frontdesk/configuration/topics.html", {"topics": listed})


def topic_create(request: HttpRequest) -> HttpResponse:
    return _topic_form(request, Topic())


def topic_edit(request: HttpRequest, topic_id: int) -> HttpResponse:
    return _topic_form(request, get_object_or_404(Topic.objects.all(), pk=topic_id))


def _topic_form(request: HttpRequest, topic: Topic) -> HttpResponse:
    return _save(
        request,
        TopicForm(request.POST or None, instance=topic),
        services.topic_save,
        title=topic.name if topic.pk else _("New topic"),
        back="casework:topics",
        done=_("The topic is saved."),
    )


# --- Rights --------------------------------------------------------------------------------


def rights(request: HttpRequest) -> HttpResponse:
    listed = Right.objects.order_by("-active", "position", "name_nl")
    return render(request, "frontdesk/configuration/rights.html", {"rights": listed})


def right_create(request: HttpRequest) -> HttpResponse:
    return _right_form(request, Right())


def right_edit(request: HttpRequest, right_id: int) -> HttpResponse:
    return _right_form(request, get_object_or_404(Right.objects.all(), pk=right_id))


def _right_form(request: HttpRequest, right: Right) -> HttpResponse:
    return _save(
        request,
        RightForm(request.POST or None, instance=right),
        services.right_save,
        title=right.name if right.pk else _("New right"),
        back="casework:rights",
        done=_("The right is saved."),
    )


@require_POST
def rights_load_default(request: HttpRequest) -> HttpResponse:
    added = services.rights_load_default()
    if added:
        messages.success(
            request,
            _("%(count)d rights of the standard list were added.") % {"count": added},
        )
    else:
        messages.info(request, _("Every right of the standard list is already on your list."))
    return redirect("casework:rights")


# --- Streets -------------------------------------------------------------------------------


def streets(request: HttpRequest) -> HttpResponse:
    filters = StreetFilterForm(request.GET or None)
    listed = NeighbourhoodStreet.objects.select_related("neighbourhood").order_by(
        "neighbourhood__name", "street_key", "first_number", "pk"
    )
    if filters.is_valid() and filters.cleaned_data["neighbourhood"] is not None:
        listed = listed.filter(neighbourhood=filters.cleaned_data["neighbourhood"])
    page = Paginator(listed, STREETS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "frontdesk/configuration/streets.html",
        {"page": page, "filters": filters, "query": query_without_page(request)},
    )


def street_create(request: HttpRequest) -> HttpResponse:
    initial = {"neighbourhood": request.GET.get("neighbourhood")}
    form = StreetForm(request.POST or None, instance=NeighbourhoodStreet(), initial=initial)
    return _save(
        request,
        form,
        services.street_save,
        title=_("New street"),
        back="casework:streets",
        done=_("The street is saved."),
    )


def street_edit(request: HttpRequest, street_id: int) -> HttpResponse:
    street = get_object_or_404(NeighbourhoodStreet.objects.all(), pk=street_id)
    return _save(
        request,
        StreetForm(request.POST or None, instance=street),
        services.street_save,
        title=street.street,
        back="casework:streets",
        done=_("The street is saved."),
    )


@require_POST
def street_remove(request: HttpRequest, street_id: int) -> HttpResponse:
    street = get_object_or_404(NeighbourhoodStreet.objects.all(), pk=street_id)
    services.street_remove(street)
    messages.success(request, _("The street is removed from the neighbourhood."))
    return redirect("casework:streets")
