"""Breaking the glass: a social worker's reasoned access to a dossier they are not on."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.dossiers import queries, services
from sociaalhuis.dossiers.forms import BreakGlassForm
from sociaalhuis.dossiers.views.page import refusing


@refusing
def break_glass(request: HttpRequest, dossier_id: int) -> HttpResponse:
    user = acting_user(request)
    dossier = queries.break_glass_for(request, dossier_id)
    if dossier is None:
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
