"""Small HTTP helpers shared by the domain apps."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, candidate: str | None, fallback: str) -> str:
    """The ``next`` target if it stays on this site, else ``fallback`` (no open redirect)."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def page_number(request: HttpRequest) -> int:
    """The ``page`` query parameter as a positive number; 1 when absent or nonsense."""
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and 0 < len(value) < 6 and int(value) > 0 else 1


def query_without_page(request: HttpRequest) -> str:
    """The current query string minus ``page``, for links to other pages of a list."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get(
        "Accept", ""
    )


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


LANGUAGE_CODES = frozenset(code for code, _name in settings.LANGUAGES)


def set_language_cookie(response: HttpResponseBase, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=60 * 60 * 24 * 365,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
