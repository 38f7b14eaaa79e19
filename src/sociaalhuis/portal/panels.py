"""What a user's home page shows, per role, in the active municipality.

Each panel is a small, cheap summary with a link to the screen where the work is
done. Later domain apps add their panels here (a worklist for social workers, the
queue for reception, ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Membership, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import AccessLogEntry, Result
from sociaalhuis.core import tenancy
from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.referrals import queries as referral_queries
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


@dataclass(frozen=True)
class Figure:
    label: StrOrPromise
    value: int


@dataclass(frozen=True)
class Panel:
    title: StrOrPromise
    figures: tuple[Figure, ...]
    link_label: StrOrPromise
    url: str


def _municipality_panel() -> Panel:
    return Panel(
        title=_("Your municipality"),
        figures=(
            Figure(
                _("attention neighbourhoods"),
                Neighbourhood.objects.filter(is_attention_area=True).count(),
            ),
            Figure(_("life domains in the policy plan"), LifeDomain.objects.count()),
        ),
        link_label=_("Neighbourhoods and life domains"),
        url=reverse("tenants:reference_data"),
    )


def _members_panel() -> Panel:
    municipality_id = tenancy.require_municipality_id()
    local = Membership.objects.filter(municipality_id=municipality_id, active=True)
    return Panel(
        title=_("Users and roles"),
        figures=(
            Figure(_("people with a role"), local.values("user").distinct().count()),
            Figure(
                _("invitations not yet accepted"),
                local.filter(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
                .values("user")
                .distinct()
                .count(),
            ),
        ),
        link_label=_("Manage users and roles"),
        url=reverse("accounts:members"),
    )


def _audit_panel() -> Panel:
    since = timezone.now() - timedelta(days=1)
    recent = AccessLogEntry.objects.filter(at__gte=since)
    return Panel(
        title=_("Access log, last 24 hours"),
        figures=(
            Figure(_("accesses recorded"), recent.count()),
            Figure(_("accesses refused"), recent.exclude(result=Result.ALLOWED).count()),
        ),
        link_label=_("Open the access log"),
        url=reverse("audit:log"),
    )


def _referral_inbox_panel(user: User) -> Panel:
    counts = referral_queries.counts_for(user)
    return Panel(
        title=_("Referrals for you"),
        figures=(
            Figure(_("new, not opened yet"), counts.inbox_new),
            Figure(_("to answer, overdue"), counts.inbox_overdue),
        ),
        link_label=_("Open the referral inbox"),
        url=reverse("referrals:inbox"),
    )


def panels_for(roles: frozenset[str], user: User | None = None) -> list[Panel]:
    panels = [_municipality_panel()]
    if Role.PARTNER_WORKER in roles and user is not None:
        # Partners have no "My work": their inbox is their worklist.
        panels.append(_referral_inbox_panel(user))
    if Role.MUNICIPALITY_ADMIN in roles:
        panels.append(_members_panel())
    if Role.DPO in roles:
        panels.append(_audit_panel())
    return panels
