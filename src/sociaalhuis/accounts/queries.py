"""Reads for accounts: the workspace of a request and the members of a municipality.

Staff names and e-mail addresses are personal data too: the functions that take the
``request`` (``members_listed``, ``member_for``) record the read in the access log.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import ROLES_REQUIRING_SECOND_FACTOR
from sociaalhuis.audit.models import Action, Result
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Municipality

ACTIVE_MUNICIPALITY_SESSION_KEY = "active_municipality_id"


@dataclass(frozen=True)
class Workspace:
    """Where and as what the user of a request is working."""

    municipality: Municipality | None = None
    roles: frozenset[str] = frozenset()
    organisation_ids: frozenset[int] = frozenset()
    municipalities: tuple[Municipality, ...] = ()
    all_roles: frozenset[str] = field(default=frozenset())

    @property
    def requires_second_factor(self) -> bool:
        return not self.all_roles.isdisjoint(ROLES_REQUIRING_SECOND_FACTOR)

    def context(self, user_id: int | None) -> tenancy.TenantContext:
        return tenancy.TenantContext(
            municipality_id=self.municipality.pk if self.municipality else None,
            user_id=user_id,
            roles=self.roles,
            organisation_ids=self.organisation_ids,
        )


def workspace_of(request: HttpRequest) -> Workspace:
    """The workspace TenantMiddleware attached to the request (empty outside it)."""
    workspace = getattr(request, "workspace", None)
    return workspace if isinstance(workspace, Workspace) else Workspace()


def acting_user(request: HttpRequest) -> User:
    """The signed-in user of a request that the authorization matrix let through."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def active_memberships(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, active=True, municipality__active=True
    ).select_related("municipality")


def colleagues(*roles: str) -> QuerySet[User]:
    """Users who hold one of ``roles`` (any role when none is named) in the active
    municipality now: the people a worker may choose as receiver, owner or member.

    Both the role and the account must be active: a switched-off account keeps its
    memberships for the record, but is never offered and never accepted.
    """
    local = Membership.objects.filter(
        municipality_id=tenancy.require_municipality_id(), active=True
    )
    if roles:
        local = local.filter(role__in=roles)
    return User.objects.filter(pk__in=local.values("user_id"), is_active=True).order_by(
        "full_name", "email"
    )


def is_colleague(user: User, *roles: str) -> bool:
    """Whether ``user`` is one of ``colleagues(*roles)`` (one query)."""
    return colleagues(*roles).filter(pk=user.pk).exists()


def workspace_for(user: User, session: SessionBase) -> Workspace:
    """Resolve the active municipality from the session and the user's memberships (one query)."""
    memberships = list(active_memberships(user).order_by("municipality__name", "role"))
    if not memberships:
        return Workspace()
    municipalities = {m.municipality_id: m.municipality for m in memberships}
    active_id = session.get(ACTIVE_MUNICIPALITY_SESSION_KEY)
    if active_id not in municipalities:
        active_id = memberships[0].municipality_id
        session[ACTIVE_MUNICIPALITY_SESSION_KEY] = active_id
    here = [m for m in memberships if m.municipality_id == active_id]
    return Workspace(
        municipality=municipalities[active_id],
        roles=frozenset(m.role for m in here),
        organisation_ids=frozenset(m.organisation_id for m in here if m.organisation_id),
        municipalities=tuple(municipalities.values()),
        all_roles=frozenset(m.role for m in memberships),
    )


def members(role: str = "", search: str = "") -> QuerySet[User]:
    """Users with a role (active or past) in the active municipality, with those roles.

    With ``role``, only users who hold that role here now; with ``search``, only those
    whose name or e-mail address contains it.
    """
    municipality_id = tenancy.require_municipality_id()
    local = Membership.objects.filter(municipality_id=municipality_id)
    if role:
        local = local.filter(role=role, active=True)
    users = User.objects.filter(pk__in=local.values("user_id"))
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    return users.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(municipality_id=municipality_id)
            .select_related("organisation")
            .order_by("-active", "role"),
            to_attr="local_memberships",
        )
    ).order_by("full_name", "email")


def get_member(user_id: int) -> User:
    """A user of the active municipality, or 404: other municipalities' users do not exist here."""
    try:
        return members().get(pk=user_id)
    except User.DoesNotExist as missing:
        raise Http404 from missing


def members_listed(request: HttpRequest, *, role: str = "", search: str = "") -> QuerySet[User]:
    """``members`` for the members page, recorded as one read of the staff list."""
    access_record_for_request(request, action=Action.READ, object_type="accounts.user")
    return members(role=role, search=search)


def member_for(request: HttpRequest, user_id: int) -> User:
    """``get_member``, recorded as a read of that user's account."""
    member = get_member(user_id)
    access_record_for_request(request, action=Action.READ, obj=member)
    return member


def record_switch_refused(request: HttpRequest) -> None:
    """Record an attempt to work in a municipality where the user holds no role."""
    if workspace_of(request).municipality is not None:
        access_record_for_request(
            request,
            action=Action.ACCESS,
            object_type="tenants.municipality",
            object_id=request.POST.get("municipality", "")[:64],
            result=Result.DENIED,
        )


def get_local_membership(membership_id: int) -> Membership:
    try:
        return Membership.objects.select_related("user", "organisation").get(
            pk=membership_id, municipality_id=tenancy.require_municipality_id()
        )
    except Membership.DoesNotExist as missing:
        raise Http404 from missing
