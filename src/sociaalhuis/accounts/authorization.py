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
    # Referrals: send them (from a help question or a dossier) and follow the feedback.
    "referrals.send": CASEWORK_ROLES,
    # Receive them: a colleague, a cell's members, a partner organisation's workers.
    "referrals.receive": frozenset({Role.SOCIAL_WORKER, Role.CELL_SPECIALIST, Role.PARTNER_WORKER}),
    # Open one referral (which ones, and which side of it, is decided by referrals.rules).
    "referrals.view": CASEWORK_ROLES | {Role.PARTNER_WORKER},
    # Loop metrics: counts only (small counts hidden from the policy coordinator).
    "referrals.metrics": frozenset({Role.POLICY_COORDINATOR, Role.MUNICIPALITY_ADMIN}),
    # Response times per partner service and the municipality's default.
    "referrals.configure": frozenset({Role.MUNICIPALITY_ADMIN}),
    # A partner's own system updates its referrals' FHIR Task through the API.
    "referrals.partner_api": frozenset({Role.PARTNER_WORKER}),
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
    "clients:search": allow("clients.view", menu=_("Persons")),
    "clients:person": allow("clients.view"),
    "clients:reveal_number": allow("clients.view"),
    "clients:register": allow("clients.register"),
    "clients:edit": allow("clients.register"),
    "clients:restriction_add": allow("clients.register"),
    "clients:restriction_lift": allow("clients.register"),
    "clients:household_create": allow("clients.register"),
    "clients:household": allow("clients.view"),
    "clients:household_member_add": allow("clients.register"),
    "clients:member_leave": allow("clients.register"),
    "clients:merge_pick": allow("clients.merge"),
    "clients:merge_compare": allow("clients.merge"),
    "clients:merge_result": allow("clients.view"),
    # Front desk: contacts, questions, queue, callbacks
    # -- frontdesk routes --
    "frontdesk:register": allow("frontdesk.register", menu=_("Front desk")),
    "frontdesk:person_lookup": allow("frontdesk.register"),
    "frontdesk:person_card": allow("frontdesk.register"),
    "frontdesk:service_search": allow("frontdesk.register"),
    "frontdesk:contact": allow("frontdesk.register"),
    "frontdesk:queue": allow("frontdesk.register", menu=_("Waiting queue")),
    "frontdesk:queue_list": allow("frontdesk.register"),
    "frontdesk:queue_add": allow("frontdesk.register"),
    "frontdesk:queue_call_next": allow("frontdesk.register"),
    "frontdesk:queue_call": allow("frontdesk.register"),
    "frontdesk:queue_done": allow("frontdesk.register"),
    "frontdesk:queue_left": allow("frontdesk.register"),
    "frontdesk:callbacks_sent": allow("frontdesk.register"),
    "frontdesk:callback_create": allow("frontdesk.register"),
    "frontdesk:callback": allow("frontdesk.register"),
    # Appointments
    # -- appointments routes --
    "appointments:day": allow("frontdesk.appointments", menu=_("Appointments")),
    "appointments:book": allow("frontdesk.appointments"),
    "appointments:detail": allow("frontdesk.appointments"),
    "appointments:cancel": allow("frontdesk.appointments"),
    "appointments:outcome": allow("frontdesk.appointments"),
    "appointments:reschedule": allow("frontdesk.appointments"),
    "appointments:download": allow("frontdesk.appointments"),
    "appointments:availability": allow("frontdesk.appointments"),
    "appointments:availability_end": allow("frontdesk.appointments"),
    "appointments:feed_settings": allow("frontdesk.appointments"),
    # A calendar app cannot log in: the secret address is the key (404 otherwise).
    "appointments:feed": PUBLIC,
    # Worklists
    # -- worklist routes --
    "worklist:summary": allow("frontdesk.worklist", menu=_("My work")),
    "worklist:callbacks": allow("frontdesk.worklist"),
    "worklist:sent": allow("frontdesk.worklist"),
    "worklist:questions": allow("frontdesk.worklist"),
    "worklist:question_take_on": allow("frontdesk.worklist"),
    "worklist:appointments": allow("frontdesk.worklist"),
    "worklist:steps": allow("dossiers.work"),
    "worklist:dossiers": allow("dossiers.work"),
    "worklist:unmanaged": allow("dossiers.work"),
    # Help dossiers
    # -- dossier routes --
    "dossiers:list": allow("dossiers.work", menu=_("My dossiers")),
    "dossiers:open": allow("dossiers.work"),
    "dossiers:detail": allow("dossiers.work"),
    "dossiers:edit": allow("dossiers.work"),
    "dossiers:take_on": allow("dossiers.work"),
    "dossiers:manager": allow("dossiers.work"),
    "dossiers:team": allow("dossiers.work"),
    "dossiers:team_remove": allow("dossiers.work"),
    "dossiers:close": allow("dossiers.work"),
    "dossiers:reopen": allow("dossiers.work"),
    "dossiers:notes": allow("dossiers.work"),
    "dossiers:note": allow("dossiers.work"),
    "dossiers:attachments": allow("dossiers.work"),
    "dossiers:attachment_download": allow("dossiers.work"),
    "dossiers:break_glass": allow("dossiers.work"),
    # Step plans, housing, rights, consents
    # -- plan routes --
    "dossierplan:plan": allow("dossiers.work"),
    "dossierplan:plan_create": allow("dossiers.work"),
    "dossierplan:plan_review": allow("dossiers.work"),
    "dossierplan:late": allow("dossiers.work"),
    "dossierplan:goal_add": allow("dossiers.work"),
    "dossierplan:goal_edit": allow("dossiers.work"),
    "dossierplan:step_add": allow("dossiers.work"),
    "dossierplan:step_edit": allow("dossiers.work"),
    "dossierplan:step_done": allow("dossiers.work"),
    "dossierplan:housing": allow("dossiers.work"),
    "dossierplan:rights": allow("dossiers.work"),
    "dossierplan:consents": allow("dossiers.work"),
    "dossierplan:consent_withdraw": allow("dossiers.work"),
    # Reference lists of casework
    # -- casework configuration routes --
    "casework:settings": allow("casework.configure", menu=_("Casework settings")),
    "casework:cells": allow("casework.configure"),
    "casework:cell_create": allow("casework.configure"),
    "casework:cell_edit": allow("casework.configure"),
    "casework:topics": allow("casework.configure"),
    "casework:topic_create": allow("casework.configure"),
    "casework:topic_edit": allow("casework.configure"),
    "casework:rights": allow("casework.configure"),
    "casework:right_create": allow("casework.configure"),
    "casework:right_edit": allow("casework.configure"),
    "casework:rights_load_default": allow("casework.configure"),
    "casework:streets": allow("casework.configure"),
    "casework:street_create": allow("casework.configure"),
    "casework:street_edit": allow("casework.configure"),
    "casework:street_remove": allow("casework.configure"),
    # Referrals and their feedback
    # -- referral routes --
    "referrals:create": allow("referrals.send"),
    "referrals:detail": allow("referrals.view"),
    "referrals:edit": allow("referrals.send"),
    "referrals:send": allow("referrals.send"),
    "referrals:transition": allow("referrals.view"),
    "referrals:message": allow("referrals.view"),
    "referrals:book": allow("referrals.receive"),
    "referrals:sent": allow("referrals.send", menu=_("My referrals")),
    "referrals:inbox": allow("referrals.receive", menu=_("Referral inbox")),
    "referrals:settings": allow("referrals.configure", menu=_("Referral settings")),
    "referrals:metrics": allow("referrals.metrics", menu=_("Referral figures")),
    "referrals:metrics_xlsx": allow("referrals.metrics"),
    "referrals:tokens": allow("referrals.partner_api"),
    "referrals:token_create": allow("referrals.partner_api"),
    "referrals:token_revoke": allow("referrals.partner_api"),
    # FHIR R4 closed-loop referral API: ServiceRequest and Task (session or partner token)
    "api:fhir_service_requests": allow("referrals.view"),
    "api:fhir_service_request": allow("referrals.view"),
    "api:fhir_tasks": allow("referrals.view"),
    "api:fhir_task": allow("referrals.view"),
    "api:fhir_task_update": allow("referrals.view"),
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
