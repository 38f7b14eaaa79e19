"""Households: creating one, and a person joining or leaving it."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import (
    Household,
    HouseholdMember,
    Person,
)
from sociaalhuis.clients.services.trail import require_client_role


def household_create(*, actor: User, name: str, note: str = "") -> Household:
    require_client_role()
    if not name.strip():
        raise ValidationError({"name": _("Give the household a name.")}, code="required")
    return Household.objects.create(name=name.strip(), note=note.strip(), created_by=actor)


def household_member_add(
    *,
    actor: User,
    household: Household,
    person: Person,
    relation: str,
    joined_on: date | None = None,
) -> HouseholdMember:
    require_client_role()
    if person.is_merged:
        raise ValidationError(_("This record was merged into another one."), code="merged")
    if HouseholdMember.objects.filter(
        household=household, person=person, left_on__isnull=True
    ).exists():
        raise ValidationError(
            _("This person is already a member of the household."), code="already_member"
        )
    with transaction.atomic():
        member = HouseholdMember.objects.create(
            household=household, person=person, relation=relation, joined_on=joined_on
        )
        access_record(actor=actor, action=Action.UPDATE, obj=household, person_id=person.pk)
    return member


def household_member_leave(*, actor: User, member: HouseholdMember, left_on: date) -> None:
    require_client_role()
    if member.joined_on is not None and left_on < member.joined_on:
        raise ValidationError(
            _("A member cannot leave before they joined."), code="left_before_joined"
        )
    with transaction.atomic():
        HouseholdMember.objects.filter(pk=member.pk, left_on__isnull=True).update(left_on=left_on)
        access_record(
            actor=actor, action=Action.UPDATE, obj=member.household, person_id=member.person_id
        )
