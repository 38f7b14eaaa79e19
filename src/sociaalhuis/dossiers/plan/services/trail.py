"""What every write to a dossier's plan checks first and records: the care team, an
open dossier, no date in the future; the access-log line."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import predicates
from sociaalhuis.dossiers.models import Dossier


def require_work(actor: User, dossier: Dossier) -> None:
    if not predicates.test_rule("dossiers.work_in", actor, dossier):
        raise PermissionDenied
    if not dossier.is_open:
        raise ValidationError(
            _("The dossier is closed. Reopen it before you change it."), code="closed"
        )


def audit(actor: User, action: str, obj: Any, dossier: Dossier) -> None:
    access_record(actor=actor, action=action, obj=obj, person_id=dossier.person_id)


def not_in_future(day: date | None, field: str, message: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: ValidationError(message, code="future")})
