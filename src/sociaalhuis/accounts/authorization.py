"""The authorization matrix: the one place that says which role may do what.

``PERMISSIONS`` maps each permission to the roles that hold it (in the active
municipality). ``ROUTES`` gives every URL name of the project, API operations
included, the access it needs. ``AuthorizationMiddleware`` enforces ``ROUTES`` before
any view runs, and a route that is missing here is refused (deny by default); the
matrix test fails for it too, so a new page stays closed until someone decides.

Object-level rules (which dossier, which referral) are django-rules predicates in
``<app>/rules.py`` and are checked by each app's ``queries.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.roles import Role
from sociaalhuis.core.text import StrOrPromise

ALL_ROLES: frozenset[str] = frozenset(Role.values)
# The roles that work with individual citizens in the Sociaal Huis itself.
CASEWORK_ROLES: frozenset[str] = frozenset(
    {Role.RECEPTION, Role.SOCIAL_WORKER, Role.CELL_SPECIALIST}
)

PERMISSIONS: dict[str, frozenset[str]] = {
    # Reference data of the municipality (neighbourhoods, life domains): every role.
    "tenants.view_reference_data": ALL_ROLES,
    # Invite users, give and take roles in the active municipality.
    "accounts.manage_members": frozenset({Role.MUNICIPALITY_ADMIN}),
    # Read the access log of personal data.
    "audit.view_log": frozenset({Role.DPO}),
    # Search the social map from inside the platform (capacity, five B's): every role.
    "directory.search": ALL_ROLES,
    # Keep an organisation's services current: partners propose, administrators publish.
    "directory.maintain": frozenset({Role.PARTNER_WORKER, Role.MUNICIPALITY_ADMIN}),
    # Organisations, locations, hours, approvals, import and export of the map.
    "directory.manage": frozenset({Role.MUNICIPALITY_ADMIN}),
    # Find persons and see their identity, contact history and appointments (never
    # dossier notes), register and correct them, their households and contact wishes.
    "clients.view": CASEWORK_ROLES,
    "clients.register": CASEWORK_ROLES,
    # Join two records of the same person (audited, nothing is lost).
    "clients.merge": frozenset({Role.RECEPTION, Role.SOCIAL_WORKER}),
    # Register contacts and help questions, the waiting queue, callback requests.
    "frontdesk.register": CASEWORK_ROLES,
    # Appointments, consultation hours, day views and calendar feeds.
    "frontdesk.appointments": CASEWORK_ROLES,
    # Personal worklists (callbacks, dossiers, steps, appointments, cell questions).
    "frontdesk.worklist": CASEWORK_ROLES,
    # Help dossiers: which ones is decided per dossier by dossiers.rules (care team,
    # dossier manager, emergency access).
    "dossiers.work": frozenset({Role.SOCIAL_WORKER, Role.CELL_SPECIALIST}),
    # Reference lists of casework: cells and their members, topics, the rights
    # check-list, the streets of each neighbourhood.
    "casework.configure": frozenset({Role.MUNICIPALITY_ADMIN}),
}


class Access(StrEnum):
    PUBLIC = "public"  # anyone, also without an account (portal, login, language)
    SIGNED_IN = "signed_in"  # password given; second factor may still be pending
    VERIFIED = "verified"  # password and, where the roles require it, second factor
    MEMBER = "member"  # verified and holding a role in the active municipality


@dataclass(frozen=True)
class Rule:
    access: Access = Access.MEMBER
    permission: str | None = None
    menu: StrOrPromise | None = None  # label when the route belongs in the navigation

    def __post_init__(self) -> None:
        if self.permission is not None and self.permission not in PERMISSIONS:
            raise ValueError(f"Unknown permission {self.permission!r} in the authorization matrix.")


def allow(permission: str, menu: StrOrPromise | None = None) -> Rule:
    return Rule(Access.MEMBER, permission, menu)


PUBLIC = Rule(Access.PUBLIC)
SIGNED_IN = Rule(Access.SIGNED_IN)
VERIFIED = Rule(Access.VERIFIED)
MEMBER = Rule(Access.MEMBER)

ROUTES: dict[str, Rule] = {
    # Public pages
    "portal:index": PUBLIC,
    "set_language": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:password_reset": PUBLIC,
    "accounts:password_reset_done": PUBLIC,
    "accounts:password_reset_confirm": PUBLIC,
    "accounts:password_reset_complete": PUBLIC,
    "accounts:invitation_accept": PUBLIC,
    # The public social map of a municipality (no account)
    "map:search": PUBLIC,
    "map:service": PUBLIC,
    "map:today": PUBLIC,
    # Between password and second factor
    "accounts:logout": SIGNED_IN,
    "accounts:otp_verify": SIGNED_IN,
    "accounts:otp_setup": SIGNED_IN,
    # Own account
    "accounts:profile": VERIFIED,
    "accounts:password_change": VERIFIED,
    "accounts:password_change_done": VERIFIED,
    "accounts:switch_municipality": VERIFIED,
    # Workspace
    "portal:home": Rule(Access.MEMBER, menu=_("Home")),
    "tenants:reference_data": allow("tenants.view_reference_data", menu=_("Municipality")),
    "accounts:members": allow("accounts.manage_members", menu=_("Users and roles")),
    "accounts:member_invite": allow("accounts.manage_members"),
    "accounts:member_detail": allow("accounts.manage_members"),
    "accounts:member_add_role": allow("accounts.manage_members"),
    "accounts:member_revoke_role": allow("accounts.manage_members"),
    "accounts:member_reinvite": allow("accounts.manage_members"),
    "audit:log": allow("audit.view_log", menu=_("Access log")),
    # Social map
    "directory:search": allow("directory.search", menu=_("Social map")),
    "directory:service": allow("directory.search"),
    "directory:organisations": allow("directory.maintain", menu=_("Map maintenance")),
    "directory:organisation": allow("directory.maintain"),
    "directory:organisation_create": allow("directory.manage"),
    "directory:organisation_edit": allow("directory.manage"),
    "directory:service_create": allow("directory.maintain"),
    "directory:service_edit": allow("directory.maintain"),
    "directory:service_capacity": allow("directory.maintain"),
    "directory:service_verify": allow("directory.maintain"),
    "directory:service_history": allow("directory.maintain"),
    "directory:service_hours": allow("directory.manage"),
    "directory:schedule_remove": allow("directory.manage"),
    "directory:service_status": allow("directory.manage"),
    "directory:locations": allow("directory.manage"),
    "directory:location_create": allow("directory.manage"),
    "directory:location_edit": allow("directory.manage"),
    "directory:reviews": allow("directory.manage"),
    "directory:review": allow("directory.manage"),
    "directory:worklist": allow("directory.maintain"),
    "directory:life_domains": allow("directory.manage"),
    "directory:exchange": allow("directory.manage"),
    "directory:export": allow("directory.manage"),
    "directory:import": allow("directory.manage"),
    "directory:import_job": allow("directory.manage"),
    # Clients and households (section owned by the reception work)
    # -- clients routes --
    # Front desk: contacts, questions, queue, callbacks
    # -- frontdesk routes --
    # Appointments
    # -- appointments routes --
    # Worklists
    # -- worklist routes --
    # Help dossiers
    # -- dossier routes --
    # Step plans, housing, rights, consents
    # -- plan routes --
    # Reference lists of casework
    # -- casework configuration routes --
    # API operations (session authentication; tokens come with partner integrations)
    "api:api-root": PUBLIC,
    "api:openapi-json": PUBLIC,
    "api:me": VERIFIED,
    "api:neighbourhood_list": allow("tenants.view_reference_data"),
    "api:life_domain_list": allow("tenants.view_reference_data"),
    # Open Referral HSDS 3.0: the public social map of a municipality
    **{
        f"api:hsds_{name}": PUBLIC
        for name in (
            "root",
            "services",
            "service",
            "organizations",
            "organization",
            "service_at_locations",
            "service_at_location",
            "locations",
            "location",
            "schedules",
            "taxonomies",
            "taxonomy",
            "taxonomy_terms",
            "taxonomy_term",
        )
    },
}


def rule_for(view_name: str) -> Rule | None:
    return ROUTES.get(view_name)
