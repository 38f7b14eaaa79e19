"""Forms of the person and household screens. They only shape input: the checks that
matter (valid number, birth date, duplicates) are in clients.services, whose errors
the views put back by the field they concern.
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.clients.models import Channel, Gender, Identity, Language, Person, Relation
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.core.forms import choice_field

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SEARCH_MAX_LENGTH = 100


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, birth date or national register number"),
        max_length=SEARCH_MAX_LENGTH,
        help_text=_(
            "For example: peeters jan, or 17/05/1980, or the eleven digits of the "
            "national register number."
        ),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class PersonForm(forms.Form):
    """Everything a worker records about a person; the fields of ``PersonInput``."""

    given_name = forms.CharField(label=_("Given name"), max_length=100)
    family_name = forms.CharField(label=_("Family name"), max_length=100)
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DATE_WIDGET)
    national_number = forms.CharField(
        label=_("National register number"),
        max_length=20,
        required=False,
        help_text=_("Eleven digits, or a BIS number. Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    gender = forms.ChoiceField(
        label=_("Sex or gender, as the person states it"),
        choices=Gender.choices,
        required=False,
    )
    gender_description = forms.CharField(
        label=_("In their own words"),
        max_length=60,
        required=False,
        help_text=_("Only if the person wants to describe it themselves."),
    )
    street = forms.CharField(label=_("Street"), max_length=120, required=False)
    house_number = forms.CharField(label=_("Number"), max_length=12, required=False)
    box = forms.CharField(label=_("Box"), max_length=12, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=8, required=False)
    city = forms.CharField(label=_("City"), max_length=80, required=False)
    no_fixed_address = forms.BooleanField(
        label=_("No fixed address"),
        required=False,
        help_text=_("For example homeless, with a reference address at the OCMW."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=Language.choices, initial=Language.DUTCH
    )
    other_language = forms.CharField(
        label=_("Language spoken"),
        max_length=60,
        required=False,
        help_text=_("When the preferred language is another language: which one."),
    )
    interpreter_needed = forms.BooleanField(label=_("Interpreter needed"), required=False)
    # The version the worker started from (optimistic locking on edit).
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    FIELD_GROUPS = (
        (_("Name and identity"), ("given_name", "family_name", "birth_date", "national_number")),
        (_("Sex or gender"), ("gender", "gender_description")),
        (
            _("Address"),
            ("street", "house_number", "box", "postcode", "city", "no_fixed_address"),
        ),
        (_("Contact and language"), ("phone", "email", "preferred_language", "other_language")),
        (None, ("interpreter_needed",)),
    )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELD_GROUPS]

    def person_input(self) -> PersonInput:
        data = self.cleaned_data
        names = {f.name for f in dataclass_fields(PersonInput)} - {"extra"}
        return PersonInput(**{name: data[name] for name in names if name in data})

    @staticmethod
    def initial_for(person: Person, identity: Identity) -> dict[str, Any]:
        initial: dict[str, Any] = {
            f.name: getattr(identity, f.name)
            for f in dataclass_fields(PersonInput)
            if f.name not in ("extra", *PersonInput.PERSON_FIELDS)
        }
        for name in PersonInput.PERSON_FIELDS:
            initial[name] = getattr(person, name)
        initial["version"] = person.version
        return initial


class RestrictionForm(forms.Form):
    channel = forms.ChoiceField(label=_("Do not contact by"), choices=Channel.choices)
    note = forms.CharField(
        label=_("Explanation"),
        max_length=300,
        required=False,
        help_text=_("For example: letters go to the sister's address."),
    )


class RevealNumberForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need the full number? (optional)"),
        max_length=300,
        required=False,
    )


class HouseholdForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("How colleagues recognise it, e.g. Family Janssens."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    relation = forms.ChoiceField(
        label=_("Relation of the person to the household"),
        choices=Relation.choices,
        initial=Relation.REFERENCE,
        required=False,
    )


class MemberAddForm(forms.Form):
    person_id = forms.IntegerField(widget=forms.HiddenInput)
    relation = forms.ChoiceField(label=_("Relation"), choices=Relation.choices)
    joined_on = forms.DateField(label=_("Member since"), required=False, widget=DATE_WIDGET)


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE_WIDGET)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["left_on"].initial = timezone.localdate()


class MergeForm(forms.Form):
    keep = forms.ChoiceField(label=_("Which record do you keep?"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why are these the same person?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: same person registered twice, birth date typed wrongly."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "keep").choices = choices
