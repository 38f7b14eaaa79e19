"""Journal notes: the list with a new note, and one note with its versions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.core.http import page_number, query_without_page
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import NoteEditForm, NoteForm
from sociaalhuis.dossiers.models import JournalNote
from sociaalhuis.dossiers.queries import DossierView
from sociaalhuis.dossiers.views.page import (
    conflict_message,
    page_context,
    rebased,
    refusing,
    to_work_in_dossier_on_post,
)


@to_work_in_dossier_on_post
def notes(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
    return render(
        request,
        "dossiers/notes.html",
        page_context(
            view,
            form=form,
            notes=queries.notes_page(view, page_number(request)),
            query=query_without_page(request),
        ),
        status=400 if form.errors else 200,
    )


@refusing
def note(request: HttpRequest, dossier_id: int, note_id: int) -> HttpResponse:
    """One note with its earlier versions; its author edits it here."""
    view, found = queries.note_for(request, dossier_id, note_id, to_edit=request.method == "POST")
    may_edit = queries.may_edit_note(view, found)
    initial = {
        "text": found.text,
        "confidentiality": found.confidentiality,
        "version": found.version,
    }
    form = NoteEditForm(request.POST or None, initial=initial) if may_edit else None
    conflict: JournalNote | None = None
    if request.method == "POST" and form is not None and form.is_valid():
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
            form = rebased(NoteEditForm, request, conflict.version)
            form.add_error(None, conflict_message())
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(request, _("The note was saved."))
            return redirect("dossiers:notes", dossier_id=view.dossier.pk)
    return render(
        request,
        "dossiers/note.html",
        page_context(
            view,
            note=conflict or found,
            form=form,
            conflict=conflict,
            versions=found.versions.select_related("saved_by").order_by("-version"),
        ),
        status=409 if conflict else 400 if form is not None and form.errors else 200,
    )
