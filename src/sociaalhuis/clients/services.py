"""Writes to persons, their identity, households and contact wishes.

Every write checks the input, refuses a likely duplicate unless the worker confirms
it is someone else, and records the access in the same transaction.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.accounts.authorization import PERMISSIONS
from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.identity import (
    birth_date_check,
    birth_date_from_number,
    national_number_clean,
    search_name_for,
)
from sociaalhuis.clients.merging import person_references
from sociaalhuis.clients.models import (
    ContactRestriction,
    Household,
    HouseholdMember,
    Identity,
    Language,
    NameWord,
    Person,
    PersonMerge,
)
from sociaalhuis.clients.queries import DuplicateCandidate, duplicate_candidates
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import lock_for_edit, save_new_version
from sociaalhuis.core.text import fold
from sociaalhuis.tenants.models import Neighbourhood, NeighbourhoodStreet


class DuplicateSuspectedError(Exception):
    """The new person looks like someone already registered; the worker must decide."""

    def __init__(self, candidates: list[DuplicateCandidate]) -> None:
        super().__init__("A person like this is already registered.")
        self.candidates = candidates


@dataclass
class PersonInput:
    """What a worker types about a person (also the shape of the forms' cleaned data)."""

    given_name: str
    family_name: str
    birth_date: date | None = None
    gender: str = ""
    gender_description: str = ""
    national_number: str = ""
    street: str = ""
    house_number: str = ""
    box: str = ""
    postcode: str = ""
    city: str = ""
    no_fixed_address: bool = False
    phone: str = ""
    email: str = ""
    preferred_language: str = Language.DUTCH
    other_language: str = ""
    interpreter_needed: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    PERSON_FIELDS = ("preferred_language", "other_language", "interpreter_needed")


def _require_client_role() -> None:
    if not tenancy.current().has_role(*PERMISSIONS["clients.register"]):
        raise PermissionDenied


def _clean(data: PersonInput) -> PersonInput:
    errors: dict[str, list[ValidationError]] = {}
    data.given_name = " ".join(data.given_name.split())
    data.family_name = " ".join(data.family_name.split())
    if not data.family_name:
        errors.setdefault("family_name", []).append(
            ValidationError(_("Fill in the family name."), code="required")
        )
    if not data.given_name:
        errors.setdefault("given_name", []).append(
            ValidationError(_("Fill in the given name."), code="required")
        )
    try:
        data.national_number = national_number_clean(data.national_number)
    except ValidationError as error:
        errors.setdefault("national_number", []).append(error)
    if data.birth_date is None and data.national_number:
        # The number holds the birth date: fill it in, so duplicates by birth date
        # are found for people registered with the number only.
        data.birth_date = birth_date_from_number(data.national_number)
    try:
        birth_date_check(data.birth_date, data.national_number)
    except ValidationError as error:
        errors.setdefault("birth_date", []).append(error)
    if data.preferred_language == Language.OTHER and not data.other_language.strip():
        errors.setdefault("other_language", []).append(
            ValidationError(_("Which language does the person speak?"), code="required")
        )
    if errors:
        raise ValidationError(errors)
    return data


def neighbourhood_for_address(
    street: str, house_number: str, postcode: str
) -> Neighbourhood | None:
    """The neighbourhood the address lies in, from the municipality's street list."""
    key = fold(street)
    if not key:
        return None
    number = int("".join(ch for ch in house_number if ch.isdigit())[:6] or 0) or None
    for candidate in NeighbourhoodStreet.objects.filter(street_key=key).select_related(
        "neighbourhood"
    ):
        if candidate.postcode and postcode and candidate.postcode != postcode:
            continue
        if number is not None:
            if candidate.first_number is not None and number < candidate.first_number:
                continue
            if candidate.last_number is not None and number > candidate.last_number:
                continue
        return candidate.neighbourhood
    return None


def name_words_save(person: Person, search_name: str) -> None:
    """Keep the look-up's word index of a person in step with their folded name."""
    NameWord.objects.filter(person=person).delete()
    NameWord.objects.bulk_create(
        [
            NameWord(person=person, word=word[:100], municipality_id=person.municipality_id)
            for word in sorted(set(search_name.split()))
        ]
    )


def _identity_fields(data: PersonInput) -> dict[str, Any]:
    values = asdict(data)
    for name in (*PersonInput.PERSON_FIELDS, "extra"):
        values.pop(name)
    values["search_name"] = search_name_for(data.given_name, data.family_name)
    return values


def person_register(*, actor: User, data: PersonInput, confirmed_new: bool = False) -> Person:
    """Register a new person. A likely duplicate raises DuplicateSuspectedError unless
    the worker confirmed it is someone else (``confirmed_new``); the same national
    register number is never registered twice.
    """
    _require_client_role()
    data = _clean(data)
    candidates = duplicate_candidates(
        given_name=data.given_name,
        family_name=data.family_name,
        birth_date=data.birth_date,
        national_number=data.national_number,
    )
    if any(candidate.same_number for candidate in candidates):
        raise DuplicateSuspectedError([c for c in candidates if c.same_number])
    if candidates and not confirmed_new:
        raise DuplicateSuspectedError(candidates)
    with transaction.atomic():
        person = Person.objects.create(
            preferred_language=data.preferred_language,
            other_language=data.other_language.strip(),
            interpreter_needed=data.interpreter_needed,
            neighbourhood=neighbourhood_for_address(data.street, data.house_number, data.postcode),
            created_by=actor,
        )
        identity = Identity.objects.create(person=person, **_identity_fields(data))
        name_words_save(person, identity.search_name)
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=person,
            person_id=person.pk,
            reason=_("Registered despite a similar person") if candidates else "",
        )
    return person


def person_update(
    *, actor: User, person: Person, based_on_version: int, data: PersonInput
) -> Person:
    """Correct a person's data; a concurrent edit raises EditConflictError (nothing saved)."""
    _require_client_role()
    data = _clean(data)
    if data.national_number:
        clash = [
            candidate
            for candidate in duplicate_candidates(
                given_name="", family_name="", birth_date=None, national_number=data.national_number
            )
            if candidate.person.pk != person.pk
        ]
        if clash:
            raise DuplicateSuspectedError(clash)
    with transaction.atomic():
        current = lock_for_edit(Person, person.pk, based_on_version)
        if current.is_merged:
            raise ValidationError(
                _("This record was merged into another one and can no longer be changed."),
                code="merged",
            )
        for name in PersonInput.PERSON_FIELDS:
            setattr(current, name, getattr(data, name))
        current.neighbourhood = neighbourhood_for_address(
            data.street, data.house_number, data.postcode
        )
        save_new_version(current, [*PersonInput.PERSON_FIELDS, "neighbourhood", "updated_at"])
        fields = _identity_fields(data)
        Identity.objects.filter(person=current).update(**fields)
        name_words_save(current, fields["search_name"])
        access_record(actor=actor, action=Action.UPDATE, obj=current, person_id=current.pk)
    return current


def restriction_add(
    *, actor: User, person: Person, channel: str, note: str = ""
) -> ContactRestriction:
    _require_client_role()
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
    _require_client_role()
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


def household_create(*, actor: User, name: str, note: str = "") -> Household:
    _require_client_role()
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
    _require_client_role()
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
    _require_client_role()
    if member.joined_on is not None and left_on < member.joined_on:
        raise ValidationError(
            _("A member cannot leave before they joined."), code="left_before_joined"
        )
    with transaction.atomic():
        HouseholdMember.objects.filter(pk=member.pk, left_on__isnull=True).update(left_on=left_on)
        access_record(
            actor=actor, action=Action.UPDATE, obj=member.household, person_id=member.person_id
        )


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
