"""Attachments: the list with an upload, and the download (recorded in the access log)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import AttachmentForm
from sociaalhuis.dossiers.queries import DossierView
from sociaalhuis.dossiers.views.page import (
    page_context,
    refusing,
    to_work_in_dossier_on_post,
)


@to_work_in_dossier_on_post
def attachments(request: HttpRequest, view: DossierView) -> HttpResponse:
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
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
    return render(
        request,
        "dossiers/attachments.html",
        page_context(
            view,
            form=form,
            attachments=queries.attachments_of(view),
            max_megabytes=services.attachment_max_bytes() // (1024 * 1024),
        ),
        status=400 if form.errors else 200,
    )


@refusing
def attachment_download(
    request: HttpRequest, dossier_id: int, attachment_id: Any
) -> HttpResponseBase:
    """The file, after the rules are checked again on this very request."""
    attachment, stream = queries.attachment_file_for(request, dossier_id, attachment_id)
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
