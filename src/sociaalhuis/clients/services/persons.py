"""Registering and correcting a person: the input checked, a likely duplicate refused
unless the worker confirms it is someone else, the name words and neighbourhood kept
with the identity."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sociaalhuis.accounts.models import User
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.identity import (
    birth_date_check,
    birth_date_from_number,
    national_number_clean,
    search_name_for,
)
from sociaalhuis.clients.models import (
    Identity,
    Language,
    NameWord,
    Person,
)
from sociaalhuis.clients.queries import DuplicateCandidate, duplicate_candidates
from sociaalhuis.clients.services.trail import require_client_role
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
    require_client_role()
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
    require_client_role()
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
