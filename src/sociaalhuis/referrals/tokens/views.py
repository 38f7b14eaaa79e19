"""A partner's API tokens: make one (its secret shown once), see them, revoke one.

The matrix lets partner workers in (``referrals.partner_api``); ``referrals.tokens``
limits everything to the tokens of their own organisation in the active municipality.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.core.forms import add_service_errors
from sociaalhuis.directory.models import Organisation
from sociaalhuis.referrals.tokens import services as token_services


class TokenForm(forms.Form):
    label = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=token_services.LABEL_MAX_LENGTH,
        help_text=gettext_lazy("Which system uses it, e.g. “Case management system”."),
    )
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        choices = list(organisations)
        if len(choices) == 1:
            # One organisation (the usual case): nothing to choose.
            field.initial = choices[0].pk
            field.widget = forms.HiddenInput()


def _api_address(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("api:fhir_tasks")).rsplit("/", 1)[0] + "/"


def tokens(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "referrals/tokens.html",
        {
            "tokens": list(token_services.tokens_here()),
            "api_address": _api_address(request),
            "municipality": workspace_of(request).municipality,
        },
    )


def token_create(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = TokenForm(request.POST or None, organisations=token_services.organisations_here())
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = token_services.token_create(
                actor=user,
                label=form.cleaned_data["label"],
                organisation=form.cleaned_data["organisation"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # Shown once, in this answer only: never stored, never in a session or a URL.
            response = render(
                request,
                "referrals/tokens_created.html",
                {"token": token, "secret": secret, "api_address": _api_address(request)},
            )
            response["Cache-Control"] = "no-store"
            return response
    return render(
        request,
        "referrals/tokens_new.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = token_services.token_here(token_id)
    token_services.token_revoke(token, actor=acting_user(request))
    messages.success(
        request,
        _("The token “%(label)s” no longer works.") % {"label": token.label},
    )
    return redirect("referrals:tokens")
