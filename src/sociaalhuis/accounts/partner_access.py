"""The hook through which a higher app lets partner systems in with a bearer secret.

``accounts.middleware.TenantMiddleware`` establishes who makes a request. Besides
the session, a partner's own system may call the API with
``Authorization: Bearer <secret>``; the credentials behind such secrets (the partner
API tokens) belong to ``referrals``, which sits above ``accounts`` in the order of
apps. So ``accounts`` owns this small contract and ``referrals`` fills it in its
``AppConfig.ready()``::

    from sociaalhuis.accounts.partner_access import register_partner_access
    register_partner_access(PartnerTokenAccess())

Without a registration there is no partner access at all: a bearer header is then
ignored and the request is treated like any other (session or anonymous).

One authenticator at most: two apps answering for the same header would make it
ambiguous which one decides, so a second, different registration is refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from sociaalhuis.accounts.models import User
    from sociaalhuis.tenants.models import Municipality


class PartnerCredential(Protocol):
    """A live credential: it acts as ``user``, a partner worker of one organisation in
    one municipality (``referrals.PartnerToken`` is one)."""

    @property
    def user(self) -> User: ...

    @property
    def municipality(self) -> Municipality: ...

    @property
    def organisation_id(self) -> int: ...

    @property
    def prefix(self) -> str:
        """The secret's first characters: names the credential in the access log."""
        ...


class PartnerAccess(Protocol):
    """What the middleware asks of the app that owns the credentials."""

    def authenticate(self, secret: str) -> PartnerCredential | None:
        """The live credential with this secret, or None (the request answers 401).

        Called before any municipality is active: the credential establishes it.
        """
        ...

    def opens(self, path: str) -> bool:
        """Whether a credential is accepted at this path (elsewhere: anonymous)."""
        ...

    def used(self, credential: PartnerCredential) -> None:
        """A request at an open path goes ahead with this credential."""
        ...


# At most one entry (a list rather than a global statement).
_REGISTERED: list[PartnerAccess] = []


def register_partner_access(access: PartnerAccess) -> None:
    """Let ``access`` decide bearer requests (once; the same object again is a no-op)."""
    if _REGISTERED and _REGISTERED[0] is not access:
        raise ImproperlyConfigured(
            f"Partner access is already provided by {_REGISTERED[0]!r}; "
            f"refusing a second provider {access!r}."
        )
    _REGISTERED[:] = [access]


def unregister_partner_access() -> PartnerAccess | None:
    """Remove the registration and return it (tests put it back afterwards)."""
    previous = partner_access()
    _REGISTERED.clear()
    return previous


def partner_access() -> PartnerAccess | None:
    """The registered authenticator, or None when no app offers partner access."""
    return _REGISTERED[0] if _REGISTERED else None
