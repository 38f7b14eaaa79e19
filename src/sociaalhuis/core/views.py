"""Views every app relies on: language switch and the translated error pages."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.core.http import LANGUAGE_CODES, safe_next_url, set_language_cookie, wants_json


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered in a cookie and on the user's account."""
    code = request.POST.get("language", "")
    if code not in LANGUAGE_CODES:
        return render(
            request,
            "errors/error.html",
            {
                "status": 400,
                "title": _("Unknown language"),
                "message": _("This language is not available. Choose Dutch, French or English."),
            },
            status=400,
        )
    translation.activate(code)
    response = HttpResponseRedirect(safe_next_url(request, request.POST.get("next"), "/"))
    set_language_cookie(response, code)
    user = request.user
    if user.is_authenticated and getattr(user, "preferred_language", code) != code:
        get_user_model()._default_manager.filter(pk=user.pk).update(preferred_language=code)
    return response


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if wants_json(request):
        return JsonResponse({"detail": message}, status=status)
    return render(
        request,
        "errors/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        400,
        _("Bad request"),
        _("The request could not be understood. Nothing was changed."),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        403,
        _("No access"),
        _("You do not have access to this page with your current role and municipality."),
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request,
        404,
        _("Page not found"),
        _("This page does not exist, or it belongs to another municipality."),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the database may be unusable here.
    body = loader.get_template("errors/500.html").render({})
    return HttpResponse(body, status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("Form expired"),
        _("This form was open too long or was sent twice. Go back, reload the page and try again."),
    )
