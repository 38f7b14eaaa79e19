from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from sociaalhuis.core.http import LANGUAGE_CODES


class LanguageMiddleware:
    """Dutch unless the person chose otherwise: the language cookie, then their account.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: the
    platform of a Flemish municipality opens in Dutch, and French or English are one
    click away on every page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if code not in LANGUAGE_CODES:
            code = getattr(request.user, "preferred_language", "") or ""
        if code not in LANGUAGE_CODES:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code  # Django's own convention
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", code)
        translation.deactivate()
        return response
