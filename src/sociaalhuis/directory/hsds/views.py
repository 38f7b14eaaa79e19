"""Import and export of the map as Open Referral HSDS (administrators only).

Thin views: the work is in ``directory.hsds``. The authorization matrix lets only
a municipality administrator in; the municipality is the active one.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from sociaalhuis.directory import queries
from sociaalhuis.directory.hsds import export as hsds_export
from sociaalhuis.directory.hsds import jobs
from sociaalhuis.directory.hsds.serialise import DEFAULT_LANGUAGE, DOCUMENT_LANGUAGES
from sociaalhuis.directory.models import ImportJob

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
FORMATS = {"json": "application/json", "zip": "application/zip"}
SHOWN_ERRORS = 500


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("HSDS file"),
        help_text=gettext_lazy(
            "A JSON document or a zip datapackage exported from a social map, at most 50 MB."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 50 MB."), code="too_large")
        return upload


def _language_choices() -> list[tuple[str, str]]:
    names = {"nl": _("Dutch"), "fr": _("French"), "en": _("English")}
    return [(code, names[code]) for code in DOCUMENT_LANGUAGES]


def _exchange_page(request: HttpRequest, form: ImportForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "directory/exchange/exchange.html",
        {
            "form": form,
            "languages": _language_choices(),
            "jobs": ImportJob.objects.select_related("created_by")[:10],
        },
        status=status,
    )


@require_GET
def exchange(request: HttpRequest) -> HttpResponse:
    return _exchange_page(request, ImportForm())


@require_GET
def export(request: HttpRequest, format: str) -> HttpResponse:
    if format not in FORMATS:
        raise Http404
    language = request.GET.get("lang", DEFAULT_LANGUAGE)
    language = language if language in DOCUMENT_LANGUAGES else DEFAULT_LANGUAGE
    municipality = queries.active_municipality()
    writer = hsds_export.export_json if format == "json" else hsds_export.export_zip
    response = HttpResponse(writer(municipality, language), content_type=FORMATS[format])
    name = hsds_export.filename(municipality, language, format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
def import_file(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _exchange_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    job = jobs.start_import(user_id=request.user.pk, filename=upload.name, data=upload.read())
    return redirect("directory:import_job", job_id=job.uuid)


SUMMARY_LABELS = {
    "organisations": gettext_lazy("Organisations"),
    "locations": gettext_lazy("Locations"),
    "services": gettext_lazy("Services"),
    "taxonomies": gettext_lazy("Taxonomies"),
    "taxonomy_terms": gettext_lazy("Taxonomy terms"),
    "life_domains": gettext_lazy("Life domains"),
}


def _summary_rows(summary: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    return [
        (str(label), summary[kind]) for kind, label in SUMMARY_LABELS.items() if kind in summary
    ]


@require_GET
def import_job(request: HttpRequest, job_id: str) -> HttpResponse:
    job = get_object_or_404(ImportJob.objects.select_related("created_by"), uuid=job_id)
    done, total = jobs.progress_of(job)
    polled = request.headers.get("HX-Request") == "true"
    return render(
        request,
        "directory/exchange/_job.html" if polled else "directory/exchange/job.html",
        {
            "job": job,
            "done": done,
            "total": total,
            "percent": jobs.percentage(done, total) if job.finished or total else 0,
            "summary": _summary_rows(job.summary),
            "ignored": job.summary.get("ignored", {}),
            "errors": job.errors[:SHOWN_ERRORS],
            "more_errors": max(0, len(job.errors) - SHOWN_ERRORS),
        },
    )
