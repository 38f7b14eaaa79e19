"""Breaking the glass: a social worker's reasoned access until the end of the working day."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.core import predicates
from sociaalhuis.dossiers.models import Dossier, EmergencyAccess
from sociaalhuis.dossiers.services.trail import person_id_of

# Emergency access ends with the working day; after hours it lasts until midnight.
END_OF_WORKING_DAY = time(18, 0)


def _end_of_working_day(now: datetime) -> datetime:
    local = timezone.localtime(now)
    end = timezone.make_aware(datetime.combine(local.date(), END_OF_WORKING_DAY))
    if end <= now:
        end = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return end


def emergency_access_grant(dossier: Dossier, *, actor: User, reason: str) -> EmergencyAccess:
    """A social worker outside the care team opens the dossier, saying why.

    The access and every read under it are marked in the access log (break_glass) with
    this reason, so the data protection officer sees them at once.
    """
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            _("State why you need this dossier now. The reason goes into the access log."),
            code="no_reason",
        )
    if not predicates.test_rule("dossiers.break_glass", actor, dossier):
        raise PermissionDenied
    with transaction.atomic():
        now = timezone.now()
        access = EmergencyAccess.objects.create(
            dossier=dossier,
            user=actor,
            reason=reason,
            granted_at=now,
            expires_at=_end_of_working_day(now),
        )
        access_record(
            actor=actor,
            action=Action.ACCESS,
            obj=dossier,
            person_id=person_id_of(dossier),
            reason=reason,
            break_glass=True,
        )
    return access
