"""What every dossier write checks first and leaves behind.

The object rule and an open dossier before; the row lock during; the access-log
line and the timeline line after (other apps add their own lines through
``timeline_add``).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import is_colleague
from sociaalhuis.accounts.roles import Role
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import predicates
from sociaalhuis.dossiers.models import Confidentiality, Dossier, TimelineEntry

# Roles whose holders can be on a care team with access to the dossier.
CARE_TEAM_ROLES = (Role.SOCIAL_WORKER, Role.CELL_SPECIALIST)


def timeline_add(
    dossier: Dossier,
    *,
    kind: str,
    summary: str,
    actor: User,
    obj: models.Model | None = None,
    confidentiality: str = Confidentiality.CARE_TEAM,
    at: Any = None,
) -> TimelineEntry:
    """Add a line to a dossier's timeline (other apps call this for their events)."""
    return TimelineEntry.objects.create(
        dossier=dossier,
        kind=kind,
        summary=summary[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        confidentiality=confidentiality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        at=at or timezone.now(),
    )


def require(rule: str, actor: User, dossier: Dossier) -> None:
    if not predicates.test_rule(rule, actor, dossier):
        raise PermissionDenied


def require_open(dossier: Dossier) -> None:
    if not dossier.is_open:
        raise ValidationError(
            _("This dossier is closed. Reopen it first (with a reason)."), code="closed"
        )


def person_id_of(dossier: Dossier) -> int | None:
    return dossier.person_id


def audit_write(
    actor: User, obj: models.Model, dossier: Dossier, action: str = Action.UPDATE
) -> None:
    access_record(actor=actor, action=action, obj=obj, person_id=person_id_of(dossier))


def locked(dossier: Dossier) -> Dossier:
    """The dossier row, locked for this transaction (serialises two clicks on one button)."""
    return Dossier.objects.select_for_update().get(pk=dossier.pk)


def is_casework_colleague(user: User) -> bool:
    """A colleague who may be on a care team here: social worker or cell specialist."""
    return is_colleague(user, *CARE_TEAM_ROLES)


def name_of(user: User) -> str:
    return str(getattr(user, "full_name", "") or getattr(user, "email", "") or user)


def confidentiality_check(value: str) -> str:
    if value not in Confidentiality.values:
        raise ValidationError(_("Choose who may read it."), code="confidentiality")
    return value
