"""Merging two records of the same person: everything moves to the survivor, the
duplicate stays and points at it, both identities as they were are kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.authorization import PERMISSIONS
from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.merging import person_references
from sociaalhuis.clients.models import (
    ContactRestriction,
    HouseholdMember,
    Identity,
    NameWord,
    Person,
    PersonMerge,
)
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import save_new_version


def _identity_snapshot(person: Person) -> dict[str, Any]:
    identity = Identity.objects.get(person=person)
    return {
        name: "" if getattr(identity, name) is None else str(getattr(identity, name))
        for name in (
            "given_name",
            "family_name",
            "birth_date",
            "gender",
            "national_number",
            "street",
            "house_number",
            "box",
            "postcode",
            "city",
            "phone",
            "email",
        )
    }


def _settle_overlaps(survivor: Person, duplicate: Person) -> None:
    # Rows that would exist twice after the move (the same household, the same
    # contact wish) are closed on the duplicate's side first, not deleted.
    today = timezone.localdate()
    shared_households = HouseholdMember.objects.filter(
        person=survivor, left_on__isnull=True
    ).values("household_id")
    HouseholdMember.objects.filter(
        person=duplicate, left_on__isnull=True, household_id__in=shared_households
    ).update(left_on=today)
    shared_channels = ContactRestriction.objects.filter(
        person=survivor, lifted_at__isnull=True
    ).values("channel")
    ContactRestriction.objects.filter(
        person=duplicate, lifted_at__isnull=True, channel__in=shared_channels
    ).update(lifted_at=timezone.now())


def person_merge(*, actor: User, survivor: Person, duplicate: Person, reason: str) -> PersonMerge:
    """Join two records of the same person into ``survivor``.

    Every record of the duplicate (contacts, questions, dossiers, appointments,
    households, restrictions, consents, and whatever other apps registered) moves to
    the survivor; the duplicate itself stays, with its identity, pointing at the
    survivor. The merge, with both identities as they were, is kept and audited.
    """
    if not tenancy.current().has_role(*PERMISSIONS["clients.merge"]):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("State why these are the same person."), code="no_reason")
    if survivor.pk == duplicate.pk:
        raise ValidationError(_("Choose two different records."), code="same_person")
    with transaction.atomic():
        locked = {
            person.pk: person
            for person in Person.objects.select_for_update().filter(
                pk__in=[survivor.pk, duplicate.pk]
            )
        }
        survivor, duplicate = locked[survivor.pk], locked[duplicate.pk]
        if survivor.is_merged or duplicate.is_merged:
            raise ValidationError(
                _("One of these records was already merged."), code="already_merged"
            )
        _settle_overlaps(survivor, duplicate)
        moved: dict[str, int] = {}
        for model, field_name in person_references():
            count = model._default_manager.filter(**{field_name: duplicate}).update(
                **{field_name: survivor}
            )
            if count:
                moved[model._meta.label_lower] = count
        merge = PersonMerge.objects.create(
            survivor=survivor,
            duplicate=duplicate,
            reason=reason.strip(),
            survivor_before=_identity_snapshot(survivor),
            duplicate_before=_identity_snapshot(duplicate),
            moved=moved,
            merged_by=actor,
        )
        duplicate.merged_into = survivor
        # A merged record is no longer found by the look-up (its identity stays).
        NameWord.objects.filter(person=duplicate).delete()
        save_new_version(duplicate, ["merged_into", "updated_at"])
        for person in (survivor, duplicate):
            access_record(
                actor=actor,
                action=Action.UPDATE,
                obj=person,
                person_id=person.pk,
                reason=_("Merge: %(reason)s") % {"reason": reason.strip()},
            )
    return merge
