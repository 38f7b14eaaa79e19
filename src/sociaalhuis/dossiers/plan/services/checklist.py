"""The rights check-list: one row per right, saved together, conflicts refused per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core.concurrency import save_new_version
from sociaalhuis.dossiers.models import (
    Dossier,
    Right,
    RightCheck,
    RightCheckChange,
    RightStatus,
    TimelineKind,
)
from sociaalhuis.dossiers.plan.services.trail import not_in_future, require_work
from sociaalhuis.dossiers.services import timeline_add


@dataclass(frozen=True)
class RightChange:
    right_id: int
    status: str
    status_on: date
    note: str
    # The version of the check the editor saw (0: there was none yet).
    version: int


class RightsConflictError(Exception):
    """Other people changed some rights since the list was opened; nothing was saved."""

    def __init__(self, current: dict[int, RightCheck]) -> None:
        super().__init__("Rights changed since the list was opened.")
        self.current = current


def rights_save(dossier: Dossier, *, actor: User, changes: list[RightChange]) -> int:
    """Save the rows of the check-list that changed, all or none. Returns how many changed.

    A row whose check moved on since the editor opened the list is a conflict: the
    whole save is refused with every conflicting check, so the screen can show them
    and keep what was typed.
    """
    require_work(actor, dossier)
    for change in changes:
        if change.status not in RightStatus.values:
            raise ValidationError(_("Choose a status for every right."), code="invalid")
        not_in_future(change.status_on, "status_on", _("A date cannot lie in the future."))
    rights = Right.objects.in_bulk([change.right_id for change in changes])
    if len(rights) != len({change.right_id for change in changes}):
        raise ValidationError(_("This right is not on the list."), code="unknown_right")
    with transaction.atomic():
        checks = {
            check.right_id: check
            for check in RightCheck.objects.select_for_update().filter(
                dossier=dossier, right_id__in=list(rights)
            )
        }
        conflicts = {
            change.right_id: checks[change.right_id]
            for change in changes
            if (checks[change.right_id].version if change.right_id in checks else 0)
            != change.version
        }
        if conflicts:
            raise RightsConflictError(conflicts)
        saved: list[str] = []
        for change in changes:
            check = checks.get(change.right_id)
            if _unchanged(check, change):
                continue
            check = _apply_right_change(dossier, actor, check, change)
            RightCheckChange.objects.create(
                right_check=check,
                status=check.status,
                status_on=check.status_on,
                note=check.note,
                by=actor,
            )
            saved.append(f"{rights[change.right_id].name}: {check.get_status_display()}")
        if saved:
            timeline_add(
                dossier,
                kind=TimelineKind.RIGHT,
                summary=_("Rights: %(changes)s") % {"changes": "; ".join(saved)},
                actor=actor,
            )
            access_record(
                actor=actor,
                action=Action.UPDATE,
                object_type="dossiers.rightcheck",
                object_id=str(dossier.pk),
                person_id=dossier.person_id,
            )
    return len(saved)


def _unchanged(check: RightCheck | None, change: RightChange) -> bool:
    if check is None:
        return change.status == RightStatus.NOT_CHECKED and not change.note.strip()
    return (check.status, check.status_on, check.note) == (
        change.status,
        change.status_on,
        change.note.strip(),
    )


def _apply_right_change(
    dossier: Dossier, actor: User, check: RightCheck | None, change: RightChange
) -> RightCheck:
    if check is None:
        return RightCheck.objects.create(
            dossier=dossier,
            right_id=change.right_id,
            status=change.status,
            status_on=change.status_on,
            note=change.note.strip(),
            updated_by=actor,
        )
    check.status = change.status
    check.status_on = change.status_on
    check.note = change.note.strip()
    check.updated_by = actor
    check.updated_at = timezone.now()
    save_new_version(check, ["status", "status_on", "note", "updated_by", "updated_at"])
    return check
