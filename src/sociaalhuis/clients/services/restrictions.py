"""Contact wishes: recording and lifting a channel a person does not want to be reached by."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import (
    ContactRestriction,
    Person,
)
from sociaalhuis.clients.services.trail import require_client_role


def restriction_add(
    *, actor: User, person: Person, channel: str, note: str = ""
) -> ContactRestriction:
    require_client_role()
    if person.is_merged:
        raise ValidationError(_("This record was merged into another one."), code="merged")
    if ContactRestriction.objects.filter(
        person=person, channel=channel, lifted_at__isnull=True
    ).exists():
        raise ValidationError(_("This wish is already recorded."), code="restriction_exists")
    with transaction.atomic():
        restriction = ContactRestriction.objects.create(
            person=person, channel=channel, note=note.strip(), created_by=actor
        )
        access_record(actor=actor, action=Action.UPDATE, obj=person, person_id=person.pk)
    return restriction


def restriction_lift(*, actor: User, restriction: ContactRestriction) -> None:
    require_client_role()
    with transaction.atomic():
        updated = ContactRestriction.objects.filter(
            pk=restriction.pk, lifted_at__isnull=True
        ).update(lifted_at=timezone.now(), lifted_by=actor)
        if updated:
            access_record(
                actor=actor,
                action=Action.UPDATE,
                obj=restriction.person,
                person_id=restriction.person_id,
            )
