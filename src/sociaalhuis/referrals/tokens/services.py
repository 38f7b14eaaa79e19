"""Partner API tokens: a partner's own system answers its referrals through the FHIR API.

A partner worker makes a token for their organisation in the active municipality.
The secret is shown once and never stored: only its SHA-256 hash is kept (a secret of
256 random bits needs no slow hash), with the first characters so a partner can tell
their tokens apart. A token acts as the worker who made it, as a partner worker of
that one organisation in that one municipality, and only on the FHIR API
(``API_PATHS``). It stops working when it is revoked, or when its maker's account or
role there ends. Making and revoking are written to the access log.

``authenticate`` is called by ``accounts.middleware.TenantMiddleware`` for
``Authorization: Bearer`` requests, before any tenant is active (``PartnerToken`` is
read to *establish* the tenant, like ``Membership``), through ``PartnerTokenAccess``,
which the referrals app registers with ``accounts.partner_access`` in its ``ready()``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.partner_access import PartnerCredential
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Organisation
from sociaalhuis.referrals.models import PartnerToken

# Recognisable in logs and by secret scanners ("Sociaal Huis partner").
KEY_MARK = "shp_"
PREFIX_LENGTH = 12
MAX_SECRET_LENGTH = 200
LABEL_MAX_LENGTH = 100
# Where a token is accepted; elsewhere a token request is anonymous.
API_PATHS = ("/api/v1/fhir/",)
# last_used_at is written at most this often per token (a busy integration would
# otherwise write on every call).
TOUCH_EVERY = timedelta(minutes=1)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def opens(path: str) -> bool:
    """Whether a token is accepted at this path."""
    return path.startswith(API_PATHS)


# --- Managing tokens (the partner's pages) -----------------------------------------------


def _require_partner() -> tenancy.TenantContext:
    context = tenancy.current()
    if not context.has_role(Role.PARTNER_WORKER) or not context.organisation_ids:
        raise PermissionDenied
    return context


def organisations_here() -> QuerySet[Organisation]:
    """The organisations the acting partner worker may make tokens for."""
    context = _require_partner()
    return Organisation.objects.filter(pk__in=context.organisation_ids).order_by("name")


def tokens_here() -> QuerySet[PartnerToken]:
    """The tokens of the acting partner's organisations in the active municipality."""
    context = _require_partner()
    return PartnerToken.objects.filter(
        municipality_id=tenancy.require_municipality_id(),
        organisation_id__in=context.organisation_ids,
    ).select_related("user", "organisation")


def token_here(token_id: int) -> PartnerToken:
    """One token of the partner's organisations here; 404 for any other."""
    token = tokens_here().filter(pk=token_id).first()
    if token is None:
        raise Http404
    return token


def token_create(
    *, actor: User, label: str, organisation: Organisation
) -> tuple[PartnerToken, str]:
    """Make a token; returns it with its secret, which is never shown again."""
    context = _require_partner()
    if organisation.pk not in context.organisation_ids:
        raise PermissionDenied
    label = label.strip()
    if not label:
        raise ValidationError(
            {"label": ValidationError(_("Give the token a name."), code="required")}
        )
    if len(label) > LABEL_MAX_LENGTH:
        raise ValidationError(
            {
                "label": ValidationError(
                    _("Keep the name to at most %(max)d characters.") % {"max": LABEL_MAX_LENGTH},
                    code="too_long",
                )
            }
        )
    secret = KEY_MARK + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = PartnerToken.objects.create(
            municipality_id=tenancy.require_municipality_id(),
            organisation=organisation,
            user=actor,
            label=label,
            token_hash=secret_hash(secret),
            prefix=secret[:PREFIX_LENGTH],
        )
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=token,
            reason=_("Partner API token “%(label)s” (%(prefix)s…) for %(organisation)s")
            % {"label": label, "prefix": token.prefix, "organisation": organisation.name},
        )
    return token, secret


def token_revoke(token: PartnerToken, *, actor: User) -> PartnerToken:
    """Stop a token at once (any partner worker of its organisation may). Idempotent."""
    context = _require_partner()
    if (
        token.municipality_id != tenancy.require_municipality_id()
        or token.organisation_id not in context.organisation_ids
    ):
        raise PermissionDenied
    with transaction.atomic():
        current = PartnerToken.objects.select_for_update().get(pk=token.pk)
        if current.revoked_at is not None:
            return current
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at"])
        access_record(
            actor=actor,
            action=Action.UPDATE,
            obj=current,
            reason=_("Partner API token “%(label)s” (%(prefix)s…) revoked")
            % {"label": current.label, "prefix": current.prefix},
        )
    return current


# --- Using a token (the middleware) -------------------------------------------------------


def authenticate(secret: str) -> PartnerToken | None:
    """The live token with this secret, or None.

    Live: known, not revoked, its maker's account active, and the maker still a partner
    worker of the token's organisation in the token's (active) municipality.
    """
    secret = secret.strip()
    if not secret.startswith(KEY_MARK) or len(secret) > MAX_SECRET_LENGTH:
        return None
    token = (
        PartnerToken.objects.select_related("user", "municipality", "organisation")
        .filter(token_hash=secret_hash(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or not token.municipality.active:
        return None
    still_partner = Membership.objects.filter(
        user_id=token.user_id,
        municipality_id=token.municipality_id,
        organisation_id=token.organisation_id,
        role=Role.PARTNER_WORKER,
        active=True,
    ).exists()
    return token if still_partner else None


def touch(token: PartnerToken) -> None:
    """Remember when the token was last used (at most once per ``TOUCH_EVERY``)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


class PartnerTokenAccess:
    """The partner API tokens, as ``accounts.partner_access`` asks for them."""

    def authenticate(self, secret: str) -> PartnerToken | None:
        return authenticate(secret)

    def opens(self, path: str) -> bool:
        return opens(path)

    def used(self, credential: PartnerCredential) -> None:
        # Only what authenticate() returned comes back here: always a PartnerToken.
        if isinstance(credential, PartnerToken):
            touch(credential)


# The one instance: registering it again (a second ready()) is then a no-op.
PARTNER_TOKEN_ACCESS = PartnerTokenAccess()
