"""The administrator's referral settings: the default response time and the response
time agreed with each partner service."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from sociaalhuis.accounts.queries import acting_user, workspace_of
from sociaalhuis.referrals import services
from sociaalhuis.referrals.forms import ResponseTimeForm, SettingsForm
from sociaalhuis.referrals.models import ReferralSettings, ServiceResponseTime


def settings_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    municipality = workspace_of(request).municipality
    assert municipality is not None  # the matrix requires a municipality
    current = ReferralSettings.objects.first() or ReferralSettings()
    posted = request.POST if request.method == "POST" else None
    which = request.POST.get("form", "")
    settings_form = SettingsForm(posted if which == "default" else None, instance=current)
    time_form = ResponseTimeForm(posted if which == "service" else None, municipality=municipality)
    if which == "default" and settings_form.is_valid():
        try:
            services.settings_update(
                actor=user,
                default_response_days=settings_form.cleaned_data["default_response_days"],
            )
        except ValidationError as error:
            settings_form.add_error(None, error)
        else:
            messages.success(request, _("The default response time was saved."))
            return redirect("referrals:settings")
    if which == "service" and time_form.is_valid():
        try:
            services.service_response_time_set(
                actor=user,
                service=time_form.cleaned_data["service"],
                response_days=time_form.cleaned_data["response_days"],
            )
        except ValidationError as error:
            time_form.add_error(None, error)
        else:
            messages.success(request, _("The response time of the service was saved."))
            return redirect("referrals:settings")
    agreed = (
        ServiceResponseTime.objects.select_related("service__organisation")
        .prefetch_related("service__texts")
        .order_by("service__organisation__name", "service_id")
    )
    return render(
        request,
        "referrals/settings.html",
        {
            "settings_form": settings_form,
            "time_form": time_form,
            "agreed": agreed,
            "default_days": current.default_response_days,
        },
        status=400 if request.method == "POST" else 200,
    )
