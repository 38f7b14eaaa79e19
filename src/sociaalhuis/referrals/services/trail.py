"""What every referral write leaves behind, and the lock it takes.

A step on a referral adds a ``ReferralUpdate`` (what either side sees happened), an
access-log line, and, for a referral from a dossier or a dossier's question, a line
on that dossier's timeline. Writes take the referral's row lock first.
"""

from __future__ import annotations

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.services import access_record
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.dossiers.services import timeline_add
from sociaalhuis.referrals.models import Referral, ReferralUpdate, Side, TargetKind


def target_label(referral: Referral) -> str:
    if referral.target_kind == TargetKind.COLLEAGUE and referral.to_user is not None:
        return str(referral.to_user.full_name or referral.to_user.email)
    if referral.target_kind == TargetKind.CELL and referral.to_cell is not None:
        return referral.to_cell.name
    if referral.to_service is not None:
        return f"{referral.to_service} ({referral.to_organisation})"
    return ""


def dossier_of(referral: Referral) -> Dossier | None:
    """The dossier whose timeline shows this referral (its own, or its question's)."""
    if referral.dossier_id is not None:
        return referral.dossier
    if referral.question is not None and referral.question.dossier_id is not None:
        return referral.question.dossier
    return None


def add_to_timeline(referral: Referral, *, kind: str, summary: str, actor: User) -> None:
    dossier = dossier_of(referral)
    if dossier is not None:
        timeline_add(dossier, kind=kind, summary=summary, actor=actor, obj=referral)


def record_update(
    referral: Referral,
    *,
    actor: User,
    side: str,
    from_status: str = "",
    to_status: str = "",
    reason_code: str = "",
    reason_text: str = "",
    got_help: bool | None = None,
    note: str = "",
    via_api: bool = False,
) -> ReferralUpdate:
    return ReferralUpdate.objects.create(
        referral=referral,
        by=actor if getattr(actor, "is_authenticated", False) else None,
        by_label=_side_label(referral, actor, side),
        side=side,
        from_status=from_status,
        to_status=to_status,
        reason_code=reason_code,
        reason_text=reason_text,
        got_help=got_help,
        note=note,
        via_api=via_api,
    )


def _side_label(referral: Referral, actor: User, side: str) -> str:
    name = str(getattr(actor, "full_name", "") or getattr(actor, "email", ""))
    if side == Side.RECEIVER and referral.target_kind == TargetKind.SERVICE:
        return f"{name} ({referral.to_organisation})"[:200]
    if side == Side.RECEIVER and referral.target_kind == TargetKind.CELL and referral.to_cell:
        return f"{name} ({referral.to_cell.name})"[:200]
    return name[:200]


def locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("to_service", "to_organisation", "to_cell", "to_user", "question")
        .get(pk=referral.pk)
    )


def audit(actor: User, referral: Referral, action: str, reason: str = "") -> None:
    access_record(
        actor=actor, action=action, obj=referral, person_id=referral.person_id, reason=reason
    )
