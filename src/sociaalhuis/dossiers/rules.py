"""Who may see and do what in a help dossier (object rules, django-rules predicates).

The authorization matrix lets social workers and cell specialists reach the dossier
pages at all; these rules decide which dossier:

- members of the care team (and the dossier manager) see it;
- a social worker sees a dossier that has no manager yet, to take it on;
- a social worker of the same municipality may "break the glass" with a reason and
  then sees it for the rest of the working day, each read marked in the access log;
- notes and attachments marked "dossier manager only" are for the manager and their
  author.

Reception never sees dossier contents; partners see referrals, never the dossier.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.rules import signed_in
from sociaalhuis.core import tenancy
from sociaalhuis.core.predicates import predicate, set_rule
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Confidentiality,
    Dossier,
    EmergencyAccess,
)


def _in_municipality(dossier: Dossier) -> bool:
    return dossier.municipality_id == tenancy.current_municipality_id()


@predicate
def is_on_care_team(user: User | AnonymousUser, dossier: Dossier) -> bool:
    if not signed_in(user) or not _in_municipality(dossier):
        return False
    if dossier.manager_id == user.pk:
        return True
    return CareTeamMember.objects.filter(dossier=dossier, user=user, left_at__isnull=True).exists()


@predicate
def is_manager(user: User | AnonymousUser, dossier: Dossier) -> bool:
    return signed_in(user) and _in_municipality(dossier) and dossier.manager_id == user.pk


@predicate
def is_social_worker(user: User | AnonymousUser, dossier: Dossier | None = None) -> bool:
    return tenancy.current().has_role(Role.SOCIAL_WORKER)


@predicate
def has_emergency_access(user: User | AnonymousUser, dossier: Dossier) -> bool:
    if not signed_in(user) or not _in_municipality(dossier):
        return False
    return EmergencyAccess.objects.filter(
        dossier=dossier, user=user, expires_at__gt=timezone.now()
    ).exists()


@predicate
def awaits_a_manager(user: User | AnonymousUser, dossier: Dossier) -> bool:
    return _in_municipality(dossier) and dossier.manager_id is None and dossier.is_open


can_view_dossier = is_on_care_team | has_emergency_access | (is_social_worker & awaits_a_manager)
# Writing needs the care team (an emergency access is for reading what is needed).
can_work_in_dossier = is_on_care_team
can_take_on_dossier = is_social_worker & awaits_a_manager
can_manage_dossier = is_manager
can_break_the_glass = is_social_worker & ~is_on_care_team


def can_read_confidential(
    user: User | AnonymousUser, dossier: Dossier, confidentiality: str, author_id: int | None
) -> bool:
    """A note or attachment marked for the dossier manager: the manager and its author."""
    if confidentiality != Confidentiality.MANAGER:
        return True
    return dossier.manager_id == user.pk or author_id == user.pk


set_rule("dossiers.view", can_view_dossier)
set_rule("dossiers.work_in", can_work_in_dossier)
set_rule("dossiers.take_on", can_take_on_dossier)
set_rule("dossiers.manage", can_manage_dossier)
set_rule("dossiers.break_glass", can_break_the_glass)
