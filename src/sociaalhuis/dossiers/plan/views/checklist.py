"""The rights check-list, saved row by row with a version per row."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.dossiers.models import RightStatus
from sociaalhuis.dossiers.plan import queries as plan_queries
from sociaalhuis.dossiers.plan import services as plan_services
from sociaalhuis.dossiers.plan.forms import RightsFormSet
from sociaalhuis.dossiers.plan.views.page import may_work, plan_page


def rights(request: HttpRequest, dossier_id: int) -> HttpResponse:
    dossier = plan_queries.dossier_for_plan(
        request, dossier_id, shows="dossiers.rightcheck", write=request.method == "POST"
    )
    rows = plan_queries.rights_checklist(dossier)
    today = timezone.localdate()
    initial = [
        {
            "right": row.right.pk,
            "version": row.version,
            "status": row.status,
            "status_on": row.check.status_on if row.check else today,
            "note": row.check.note if row.check else "",
        }
        for row in rows
    ]
    conflicts: dict[int, Any] = {}
    if request.method == "POST":
        formset = RightsFormSet(request.POST, initial=initial)
        if formset.is_valid():
            changes = [
                plan_services.RightChange(
                    right_id=data["right"],
                    status=data["status"],
                    status_on=data["status_on"],
                    note=data["note"],
                    version=data["version"],
                )
                for data in formset.cleaned_data
            ]
            try:
                saved = plan_services.rights_save(
                    dossier, actor=acting_user(request), changes=changes
                )
            except plan_services.RightsConflictError as error:
                conflicts = error.current
                formset = RightsFormSet(_rights_with_versions(request.POST, formset, conflicts))
                formset.is_valid()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                if saved:
                    messages.success(request, _("The rights check-list is saved."))
                else:
                    messages.info(request, _("Nothing was changed."))
                return redirect("dossierplan:rights", dossier_id=dossier.pk)
    else:
        formset = RightsFormSet(initial=initial)
    by_right = {row.right.pk: row for row in rows}
    lines = []
    for form in formset.forms:
        row = by_right.get(_right_of(form) or 0)
        if row is not None:
            lines.append((row, form, conflicts.get(row.right.pk)))
    return plan_page(
        request,
        "rights.html",
        dossier,
        {
            "formset": formset,
            "lines": lines,
            "conflicts": conflicts,
            "can_work": may_work(request, dossier),
            "statuses": RightStatus.choices,
        },
        409 if conflicts else 400 if formset.total_error_count() else 200,
    )


def _right_of(form: Any) -> int | None:
    """The right a row of the check-list is about (as posted, or as offered)."""
    if not form.is_bound:
        offered: int | None = form.initial.get("right")  # the view offers a Right's pk
        return offered
    value = form.data.get(form.add_prefix("right"), "")
    return int(value) if str(value).isdigit() else None


def _rights_with_versions(post: Any, formset: Any, conflicts: dict[int, Any]) -> Any:
    """The posted rows with the conflicting rows' versions moved on: saving again wins."""
    data = post.copy()
    for form in formset.forms:
        right_id = form.cleaned_data["right"]
        if right_id in conflicts:
            data[form.add_prefix("version")] = str(conflicts[right_id].version)
    return data
