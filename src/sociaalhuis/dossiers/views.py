"""Screens of the help dossier: my dossiers, the dossier page, notes, attachments, team.

The authorization matrix lets social workers and cell specialists reach these pages;
``queries.dossier_for`` decides per dossier (404 for another municipality, 403 with an
offer to break the glass when not on the care team). Every page that shows a dossier's
contents records the read in the access log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, colleagues
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.queries import household_for, person_for
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import (
    AttachmentForm,
    BreakGlassForm,
    CareTeamAddForm,
    DossierEditForm,
    DossierFilterForm,
    DossierOpenForm,
    ManagerForm,
    NoteEditForm,
    NoteForm,
    ReasonForm,
)
from sociaalhuis.dossiers.models import JournalNote
from sociaalhuis.dossiers.queries import DossierView

DossierHandler = Callable[..., HttpResponseBase]


def _no_access(request: HttpRequest, denied: queries.DossierAccessDenied) -> HttpResponse:
    queries.record_refusal(request, denied)
    return render(
        request,
        "dossiers/no_access.html",
        {"dossier_id": denied.dossier.pk, "can_break_glass": denied.can_break_glass},
        status=403,
    )


def with_dossier(handler: DossierHandler) -> DossierHandler:
    """Resolve ``dossier_id`` to the dossier as this user may see it, or refuse."""

    @wraps(handler)
    def wrapper(request: HttpRequest, dossier_id: int, **kwargs: Any) -> HttpResponseBase:
        try:
            view = queries.dossier_for(acting_user(request), dossier_id)
        except queries.DossierAccessDenied as denied:
            return _no_access(request, denied)
        return handler(request, view, **kwargs)

    return wrapper


def _require_work(view: DossierView) -> None:
    if not view.can_work:
        raise PermissionDenied


def _context(view: DossierView, **extra: Any) -> dict[str, Any]:
    return {"view": view, "dossier": view.dossier, **extra}


def _detail(view: DossierView) -> HttpResponse:
    return redirect("dossiers:detail", dossier_id=view.dossier.pk)


# --- My dossiers and opening one ---------------------------------------------------------


def dossier_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    can_take_on = tenancy.current().has_role(Role.SOCIAL_WORKER)
    waiting = can_take_on and request.GET.get("waiting") == "1"
    form = DossierFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    page = queries.dossiers_page(user, form.to_filter(waiting=waiting), page_number(request))
    return render(
        request,
        "dossiers/list.html",
        {
            "form": form,
            "page": page,
            "waiting": waiting,
            "can_take_on": can_take_on,
            "query": query_without_page(request),
            "invalid": invalid,
        },
        status=400 if invalid else 200,
    )


def dossier_open(request: HttpRequest) -> HttpResponse:
    person_id, household_id = request.GET.get("person", ""), request.GET.get("household", "")
    person = person_for(request, person_id) if person_id.isdigit() else None
    household = (
        household_for(request, int(household_id))
        if household_id.isdigit() and person is None
        else None
    )
    if person is None and household is None:
        return render(request, "dossiers/open_choose.html", status=400 if request.GET else 200)
    form = DossierOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_open(
                actor=acting_user(request),
                reason=form.cleaned_data["reason"],
                person=person,
                household=household,
                life_domains=form.cleaned_data["life_domains"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Dossier %(reference)s was opened.") % {"reference": dossier.reference}
            )
            return redirect("dossiers:detail", dossier_id=dossier.pk)
    return render(
        request,
        "dossiers/open.html",
        {
            "form": form,
            "person": person,
            "household": household,
            "may_open": tenancy.current().has_role(Role.SOCIAL_WORKER),
        },
        status=400 if form.errors else 200,
    )


# --- The dossier page ---------------------------------------------------------------------


@with_dossier
def dossier_detail(request: HttpRequest, view: DossierView) -> HttpResponse:
    queries.record_read(request, view)
    return render(
        request,
        "dossiers/detail.html",
        _context(
            view,
            timeline=queries.timeline_page(view, page_number(request)),
            life_domains=queries.life_domains_of(view.dossier),
        ),
    )


@with_dossier
def dossier_edit(request: HttpRequest, view: DossierView) -> HttpResponse:
    _require_work(view)
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
            form = _rebased(DossierEditForm, request, conflict.version)
            form.add_error(None, _conflict_message())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dossier was saved."))
            return _detail(view)
    else:
        queries.record_read(request, view)
    return render(
        request,
        "dossiers/edit.html",
        _context(
            view,
            form=form,
            conflict=conflict,
            conflict_domains=queries.life_domains_of(dossier) if conflict else None,
        ),
        status=409 if conflict else 400 if form.errors else 200,
    )


def _conflict_message() -> str:
    return _(
        "A colleague saved this in the meantime. Their version is shown below; your text is "
        "kept in the form. Check both and save again to keep yours."
    )


def _rebased[F: Any](form_class: type[F], request: HttpRequest, version: int, **kwargs: Any) -> F:
    """The submitted form again, now based on the stored version (so a second save wins)."""
    data = request.POST.copy()
    data["version"] = str(version)
    form: F = form_class(data, **kwargs)
    form.is_valid()
    return form


# --- Manager, care team, status ------------------------------------------------------------


@require_POST
@with_dossier
def dossier_take_on(request: HttpRequest, view: DossierView) -> HttpResponse:
    try:
        services.dossier_take_on(view.dossier, actor=acting_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You are now the dossier manager."))
    return _detail(view)


@with_dossier
def manager_change(request: HttpRequest, view: DossierView) -> HttpResponse:
    # Others see who manages the dossier and that only the manager hands it over.
    form = ManagerForm(
        request.POST or None,
        colleagues=colleagues(Role.SOCIAL_WORKER).exclude(pk=view.user.pk),
    )
    if request.method == "POST" and form.is_valid():
        if not view.is_manager:
            raise PermissionDenied
        try:
            services.manager_change(
                view.dossier, actor=acting_user(request), new_manager=form.cleaned_data["manager"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The dossier has a new dossier manager."))
            return _detail(view)
    else:
        queries.record_read(request, view)
    return render(
        request,
        "dossiers/manager.html",
        _context(view, form=form if view.is_manager and view.dossier.is_open else None),
        status=400 if form.errors else 200,
    )


@with_dossier
def care_team(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = CareTeamAddForm(request.POST or None, colleagues=colleagues(*services.CARE_TEAM_ROLES))
    if request.method == "POST":
        _require_work(view)
        if form.is_valid():
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
    else:
        queries.record_read(request, view)
    return render(
        request,
        "dossiers/team.html",
        _context(view, form=form, former=queries.former_members(view.dossier)),
        status=400 if form.errors else 200,
    )


@require_POST
@with_dossier
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
    _require_work(view)
    if view.dossier.is_open != closing:
        return _detail(view)
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
            return _detail(view)
    return render(
        request,
        "dossiers/status.html",
        _context(view, form=form, closing=closing),
        status=400 if form.errors else 200,
    )


@with_dossier
def dossier_close(request: HttpRequest, view: DossierView) -> HttpResponse:
    return _status_form(request, view, closing=True)


@with_dossier
def dossier_reopen(request: HttpRequest, view: DossierView) -> HttpResponse:
    return _status_form(request, view, closing=False)


# --- Journal notes ---------------------------------------------------------------------------


@with_dossier
def notes(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST":
        _require_work(view)
        if form.is_valid():
            try:
                services.note_add(
                    view.dossier,
                    actor=acting_user(request),
                    text=form.cleaned_data["text"],
                    confidentiality=form.cleaned_data["confidentiality"],
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("The note was added."))
                return redirect("dossiers:notes", dossier_id=view.dossier.pk)
    queries.record_read(request, view)
    return render(
        request,
        "dossiers/notes.html",
        _context(
            view,
            form=form,
            notes=queries.notes_page(view, page_number(request)),
            query=query_without_page(request),
        ),
        status=400 if form.errors else 200,
    )


@with_dossier
def note(request: HttpRequest, view: DossierView, note_id: int) -> HttpResponse:
    """One note with its earlier versions; its author edits it here."""
    found = queries.note_for(view, note_id)
    may_edit = view.can_work and found.author_id == acting_user(request).pk
    initial = {
        "text": found.text,
        "confidentiality": found.confidentiality,
        "version": found.version,
    }
    form = NoteEditForm(request.POST or None, initial=initial) if may_edit else None
    conflict: JournalNote | None = None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.note_edit(
                    found.pk,
                    actor=acting_user(request),
                    based_on_version=form.cleaned_data["version"],
                    text=form.cleaned_data["text"],
                    confidentiality=form.cleaned_data["confidentiality"],
                )
            except EditConflictError as error:
                conflict = queries.note_as_saved(view, error.current.pk)
                form = _rebased(NoteEditForm, request, conflict.version)
                form.add_error(None, _conflict_message())
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("The note was saved."))
                return redirect("dossiers:notes", dossier_id=view.dossier.pk)
    queries.record_read(request, view, found)
    return render(
        request,
        "dossiers/note.html",
        _context(
            view,
            note=conflict or found,
            form=form,
            conflict=conflict,
            versions=found.versions.select_related("saved_by").order_by("-version"),
        ),
        status=409 if conflict else 400 if form is not None and form.errors else 200,
    )


# --- Attachments --------------------------------------------------------------------------------


@with_dossier
def attachments(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        _require_work(view)
        if form.is_valid():
            try:
                services.attachment_add(
                    view.dossier,
                    actor=acting_user(request),
                    upload=form.cleaned_data["file"],
                    description=form.cleaned_data["description"],
                    confidentiality=form.cleaned_data["confidentiality"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("The attachment was added."))
                return redirect("dossiers:attachments", dossier_id=view.dossier.pk)
    queries.record_read(request, view)
    return render(
        request,
        "dossiers/attachments.html",
        _context(
            view,
            form=form,
            attachments=queries.attachments_of(view),
            max_megabytes=services.attachment_max_bytes() // (1024 * 1024),
        ),
        status=400 if form.errors else 200,
    )


@with_dossier
def attachment_download(
    request: HttpRequest, view: DossierView, attachment_id: Any
) -> HttpResponseBase:
    """The file, after the rules are checked again on this very request."""
    attachment = queries.attachment_for(view, attachment_id)
    try:
        stream = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    queries.record_read(request, view, attachment)
    response = FileResponse(
        stream,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Break the glass ------------------------------------------------------------------------------


def break_glass(request: HttpRequest, dossier_id: int) -> HttpResponse:
    user = acting_user(request)
    dossier = queries.dossier_for_break_glass(user, dossier_id)
    try:
        queries.dossier_for(user, dossier_id)
    except queries.DossierAccessDenied as denied:
        if not denied.can_break_glass:
            return _no_access(request, denied)
    else:
        # Already allowed to read it (care team, or a dossier to take on).
        return redirect("dossiers:detail", dossier_id=dossier_id)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.emergency_access_grant(dossier, actor=user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.warning(
                request,
                _(
                    "Emergency access until the end of the working day. Every page you open "
                    "is recorded with your reason."
                ),
            )
            return redirect("dossiers:detail", dossier_id=dossier_id)
    return render(
        request,
        "dossiers/break_glass.html",
        {"form": form, "dossier_id": dossier_id, "reference": dossier.reference},
        status=400 if form.errors else 200,
    )
