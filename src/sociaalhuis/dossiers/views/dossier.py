"""The dossier page: its description, manager, care team and status (close, reopen)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, colleagues
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.http import page_number
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import CareTeamAddForm, DossierEditForm, ManagerForm, ReasonForm
from sociaalhuis.dossiers.queries import DossierView
from sociaalhuis.dossiers.views.page import (
    conflict_message,
    detail_page,
    page_context,
    rebased,
    to_change_dossier,
    to_manage_dossier_on_post,
    to_work_in_dossier,
    to_work_in_dossier_on_post,
    with_dossier,
)


@with_dossier
def dossier_detail(request: HttpRequest, view: DossierView) -> HttpResponse:
    return render(
        request,
        "dossiers/detail.html",
        page_context(
            view,
            timeline=queries.timeline_page(view, page_number(request)),
            life_domains=queries.life_domains_of(view.dossier),
        ),
    )


@to_work_in_dossier
def dossier_edit(request: HttpRequest, view: DossierView) -> HttpResponse:
    dossier = view.dossier
    initial = {
        "reason": dossier.reason,
        "life_domains": queries.life_domains_of(dossier),
        "version": dossier.version,
    }
    form = DossierEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_update(
                dossier.pk,
                actor=acting_user(request),
                based_on_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
                life_domains=form.cleaned_data["life_domains"],
            )
        except EditConflictError:
            conflict = queries.dossier_as_saved(view)
            form = rebased(DossierEditForm, request, conflict.version)
            form.add_error(None, conflict_message())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dossier was saved."))
            return detail_page(view)
    return render(
        request,
        "dossiers/edit.html",
        page_context(
            view,
            form=form,
            conflict=conflict,
            conflict_domains=queries.life_domains_of(dossier) if conflict else None,
        ),
        status=409 if conflict else 400 if form.errors else 200,
    )


@require_POST
@to_change_dossier
def dossier_take_on(request: HttpRequest, view: DossierView) -> HttpResponse:
    try:
        services.dossier_take_on(view.dossier, actor=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are now the dossier manager."))
    return detail_page(view)


@to_manage_dossier_on_post
def manager_change(request: HttpRequest, view: DossierView) -> HttpResponse:
    # Others see who manages the dossier and that only the manager hands it over.
    form = ManagerForm(
        request.POST or None,
        colleagues=colleagues(Role.SOCIAL_WORKER).exclude(pk=view.user.pk),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.manager_change(
                view.dossier, actor=acting_user(request), new_manager=form.cleaned_data["manager"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dossier has a new dossier manager."))
            return detail_page(view)
    return render(
        request,
        "dossiers/manager.html",
        page_context(view, form=form if view.is_manager and view.dossier.is_open else None),
        status=400 if form.errors else 200,
    )


@to_work_in_dossier_on_post
def care_team(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = CareTeamAddForm(request.POST or None, colleagues=colleagues(*services.CARE_TEAM_ROLES))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.care_team_add(
                view.dossier,
                actor=acting_user(request),
                role=data["role"],
                user=data["user"],
                name=data["name"],
                organisation_name=data["organisation_name"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The care team was updated."))
            return redirect("dossiers:team", dossier_id=view.dossier.pk)
    return render(
        request,
        "dossiers/team.html",
        page_context(view, form=form, former=queries.former_members(view.dossier)),
        status=400 if form.errors else 200,
    )


@require_POST
@to_change_dossier
def care_team_remove(request: HttpRequest, view: DossierView, member_id: int) -> HttpResponse:
    member = queries.team_member_for(view, member_id)
    try:
        services.care_team_remove(member, actor=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s left the care team.") % {"name": str(member)})
    return redirect("dossiers:team", dossier_id=view.dossier.pk)


def _status_form(request: HttpRequest, view: DossierView, *, closing: bool) -> HttpResponse:
    if view.dossier.is_open != closing:
        return detail_page(view)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        change = services.dossier_close if closing else services.dossier_reopen
        try:
            change(view.dossier, actor=acting_user(request), reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The dossier was closed.") if closing else _("The dossier was reopened."),
            )
            return detail_page(view)
    return render(
        request,
        "dossiers/status.html",
        page_context(view, form=form, closing=closing),
        status=400 if form.errors else 200,
    )


@to_work_in_dossier
def dossier_close(request: HttpRequest, view: DossierView) -> HttpResponse:
    return _status_form(request, view, closing=True)


@to_work_in_dossier
def dossier_reopen(request: HttpRequest, view: DossierView) -> HttpResponse:
    return _status_form(request, view, closing=False)
