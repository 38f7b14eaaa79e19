"""Request pipeline: session lifetime, tenant context, and the authorization matrix."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sociaalhuis.accounts.authorization import Access, Rule, rule_for
from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.otp import is_verified
from sociaalhuis.accounts.partner_access import (
    PartnerAccess,
    PartnerCredential,
    partner_access,
)
from sociaalhuis.accounts.queries import Workspace, workspace_for, workspace_of
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action, Result
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.core import tenancy
from sociaalhuis.core.http import LANGUAGE_CODES, is_htmx, wants_json
from sociaalhuis.core.views import permission_denied

logger = logging.getLogger(__name__)

Handler = Callable[[HttpRequest], HttpResponse]

LOGIN_AT_SESSION_KEY = "login_at"
LAST_SEEN_SESSION_KEY = "last_seen_at"


class SessionLifetimeMiddleware:
    """Ends a session after 30 idle minutes or 12 hours in all, and says so."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            login_at = request.session.get(LOGIN_AT_SESSION_KEY, now)
            last_seen = request.session.get(LAST_SEEN_SESSION_KEY, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            too_long = now - login_at > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if idle or too_long:
                logout(request)
                return login_required_response(request, reason="expired")
            request.session[LOGIN_AT_SESSION_KEY] = login_at
            request.session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


# Set on a request authenticated by a partner API token (the token is the request's
# second factor: see second_factor_pending).
PARTNER_ATTRIBUTE = "partner_token"


def bearer_secret(request: HttpRequest) -> str | None:
    """The secret of an ``Authorization: Bearer`` header on an API path, else None."""
    if not request.path.startswith("/api/"):
        return None
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    return secret.strip() if scheme.lower() == "bearer" else None


def partner_token_of(request: HttpRequest) -> PartnerCredential | None:
    """The partner credential (API token) that authenticated this request, if one did."""
    credential: PartnerCredential | None = getattr(request, PARTNER_ATTRIBUTE, None)
    return credential


def _token_workspace(token: PartnerCredential) -> Workspace:
    """A token works as a partner worker of its one organisation in its one municipality."""
    roles = frozenset({Role.PARTNER_WORKER})
    return Workspace(
        municipality=token.municipality,
        roles=roles,
        organisation_ids=frozenset({token.organisation_id}),
        municipalities=(token.municipality,),
        all_roles=roles,
    )


class TenantMiddleware:
    """Fixes the municipality of the request and runs the rest of it in one transaction.

    Everything after this middleware (views, templates, audit writes) happens inside
    ``tenancy.activate``: tenant-scoped managers filter on the active municipality and,
    on PostgreSQL, row-level security does the same for any query at all.

    An API request with ``Authorization: Bearer <partner token>`` never uses a
    session: a live token makes the token's maker the user (without logging in),
    restricted to partner worker of the token's organisation in its municipality, on
    the paths the token opens; elsewhere the request is anonymous. A token that is not
    live answers 401. The tokens belong to a higher app, which offers them through
    ``accounts.partner_access``; with none registered a bearer header is ignored.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        access = partner_access()
        secret = bearer_secret(request) if access is not None else None
        if access is not None and secret is not None:
            refused = self._authenticate_token(request, access, secret)
            if refused is not None:
                return refused
        user = request.user if isinstance(request.user, User) else None
        token = partner_token_of(request)
        if token is not None:
            workspace = _token_workspace(token)
        elif user is not None:
            workspace = workspace_for(user, request.session)
        else:
            workspace = Workspace()
        request.workspace = workspace  # type: ignore[attr-defined]  # read via workspace_of()
        with tenancy.activate(workspace.context(user.pk if user is not None else None)):
            response = self.get_response(request)
            if response.status_code >= 500:
                # The view's exception was already turned into this response; make sure
                # none of its half-done writes are committed.
                transaction.set_rollback(True)
        if token is not None:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response

    @staticmethod
    def _authenticate_token(
        request: HttpRequest, access: PartnerAccess, secret: str
    ) -> HttpResponse | None:
        token = access.authenticate(secret)
        if token is None:
            response = JsonResponse(
                {
                    "detail": _(
                        "This API token is not valid: it is unknown or revoked, or its "
                        "maker no longer works for the organisation here."
                    )
                },
                status=401,
            )
            response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
            return response
        # Never the session's user, whatever cookies came along.
        request.user = AnonymousUser()
        if access.opens(request.path):
            access.used(token)
            request.user = token.user
            setattr(request, PARTNER_ATTRIBUTE, token)
            chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "") in LANGUAGE_CODES
            if not chosen and token.user.preferred_language in LANGUAGE_CODES:
                # As for a signed-in worker: the language cookie, else their account's.
                translation.activate(token.user.preferred_language)
                request.LANGUAGE_CODE = token.user.preferred_language
        return None


def login_required_response(request: HttpRequest, reason: str = "") -> HttpResponse:
    params = {"next": request.get_full_path()}
    if reason:
        params["reason"] = reason
    login_url = f"{reverse(settings.LOGIN_URL)}?{urlencode(params)}"
    if wants_json(request):
        return JsonResponse({"detail": _("Log in to continue.")}, status=401)
    if is_htmx(request):
        response = HttpResponse(status=401)
        response["HX-Redirect"] = login_url
        return response
    return HttpResponseRedirect(login_url)


def second_factor_pending(request: HttpRequest) -> bool:
    if partner_token_of(request) is not None:
        return False  # a partner API token is a factor of its own, never a password
    workspace = workspace_of(request)
    return (
        settings.OTP_REQUIRED and workspace.requires_second_factor and not is_verified(request.user)
    )


def is_allowed(request: HttpRequest, rule: Rule) -> bool:
    """Whether the matrix lets this request through (no side effects; used for menus too)."""
    if rule.access == Access.PUBLIC:
        return True
    if not request.user.is_authenticated:
        return False
    if rule.access == Access.SIGNED_IN:
        return True
    if second_factor_pending(request):
        return False
    if rule.access == Access.VERIFIED:
        return True
    if workspace_of(request).municipality is None:
        return False
    return rule.permission is None or request.user.has_perm(rule.permission)


class AuthorizationMiddleware:
    """Enforces ``accounts.authorization.ROUTES`` before any view runs (deny by default)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        view_name = match.view_name if match else ""
        rule = rule_for(view_name)
        if rule is None:
            logger.error("Route %r is not in the authorization matrix; refused.", view_name)
            return permission_denied(request)
        if is_allowed(request, rule):
            return None
        if not request.user.is_authenticated:
            return login_required_response(request)
        if second_factor_pending(request):
            target = (
                reverse("accounts:otp_verify") + "?" + urlencode({"next": request.get_full_path()})
            )
            return HttpResponseRedirect(target)
        if workspace_of(request).municipality is not None:
            access_record_for_request(
                request,
                action=Action.ACCESS,
                object_type="route",
                object_id=view_name,
                result=Result.DENIED,
            )
        return permission_denied(request)
