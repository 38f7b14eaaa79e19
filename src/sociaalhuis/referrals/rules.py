"""Who may see and do what with a referral (object rules, django-rules predicates).

Two sides, never mixed on one screen:

- the **sender side**: the worker who made the referral and, for a referral from a
  dossier, that dossier's care team. They see the whole referral and its feedback.
- the **receiver side**: the colleague it was sent to, the members of the cell, or
  the partner workers of the organisation whose service it was sent to (in the
  active municipality). They see only what was shared, never a draft, never the
  dossier.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from sociaalhuis.accounts.models import CellMember, User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.accounts.rules import signed_in
from sociaalhuis.core import tenancy
from sociaalhuis.core.predicates import predicate, set_rule
from sociaalhuis.dossiers import rules as dossier_rules
from sociaalhuis.referrals.models import Referral, TargetKind

# A colleague one can refer to: someone who takes on casework.
RECEIVING_COLLEAGUE_ROLES = (Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


def _here(referral: Referral) -> bool:
    return referral.municipality_id == tenancy.current_municipality_id()


@predicate
def is_sender(user: User | AnonymousUser, referral: Referral) -> bool:
    return signed_in(user) and _here(referral) and referral.created_by_id == user.pk


@predicate
def is_on_dossier_team(user: User | AnonymousUser, referral: Referral) -> bool:
    if referral.dossier_id is None or not signed_in(user) or not _here(referral):
        return False
    return bool(dossier_rules.is_on_care_team.test(user, referral.dossier))


@predicate
def is_receiver(user: User | AnonymousUser, referral: Referral) -> bool:
    if not signed_in(user) or not _here(referral):
        return False
    if referral.sent_at is None:
        # Never sent: a draft, or a draft the sender cancelled. Nothing reached anyone.
        return False
    context = tenancy.current()
    if referral.target_kind == TargetKind.COLLEAGUE:
        # Only while they take on casework here (as ``queries.received_by`` lists).
        return referral.to_user_id == user.pk and context.has_role(*RECEIVING_COLLEAGUE_ROLES)
    if referral.target_kind == TargetKind.CELL:
        return (
            referral.to_cell_id is not None
            and CellMember.objects.filter(cell_id=referral.to_cell_id, user=user).exists()
        )
    return (
        context.has_role(Role.PARTNER_WORKER)
        and referral.to_organisation_id in context.organisation_ids
    )


is_sender_side = is_sender | is_on_dossier_team

set_rule("referrals.view_as_sender", is_sender_side)
set_rule("referrals.view_as_receiver", is_receiver)
