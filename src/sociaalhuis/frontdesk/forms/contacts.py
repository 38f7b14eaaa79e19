"""The contact form: who came or called, by which channel, and the person as typed
(registered, looked up, or anonymous)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sociaalhuis.clients.models import Language, Person
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.frontdesk.forms.fields import DATE_FORMATS
from sociaalhuis.frontdesk.models import ContactChannel
from sociaalhuis.tenants.models import Neighbourhood


class ContactForm(forms.Form):
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput)
    queue = forms.IntegerField(required=False, widget=forms.HiddenInput)
    person_query = forms.CharField(
        label=_("Find the person"),
        required=False,
        max_length=100,
        help_text=_("Name, birth date (dd/mm/yyyy) or national register number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "autofocus": True}),
    )
    # Rendered by hand as radio buttons in the look-up results.
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    anonymous = forms.BooleanField(
        label=_("Anonymous contact"),
        required=False,
        help_text=_("The person does not give their name; the contact still counts."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood (for the statistics)"),
        queryset=Neighbourhood.unscoped.none(),
        required=False,
    )
    given_name = forms.CharField(label=_("Given name"), required=False, max_length=100)
    family_name = forms.CharField(label=_("Family name"), required=False, max_length=100)
    birth_date = forms.DateField(
        label=_("Birth date"),
        required=False,
        input_formats=DATE_FORMATS,
        help_text=_("dd/mm/yyyy"),
        widget=forms.DateInput(format="%d/%m/%Y"),
    )
    national_number = forms.CharField(
        label=_("National register number"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    new_phone = forms.CharField(label=_("Phone"), required=False, max_length=30)
    confirmed_new = forms.BooleanField(
        label=_("This is someone else: register a new person"), required=False
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=ContactChannel.choices,
        initial=ContactChannel.DESK,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language spoken"), choices=Language.choices, initial=Language.DUTCH
    )
    note = forms.CharField(
        label=_("Note on the contact"),
        required=False,
        max_length=500,
        help_text=_("Short and factual. No details of the person's situation."),
    )

    def __init__(self, *args: Any, chosen_person: Person | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._posted_person = chosen_person
        model_choice_field(self, "neighbourhood").queryset = Neighbourhood.objects.all()
        self.fields["person_query"].widget.attrs.update(
            {
                # POST, so a national register number typed here never lands in a URL.
                "hx-post": reverse("frontdesk:person_lookup"),
                "hx-trigger": "input changed delay:250ms, search",
                "hx-target": "#person-results",
                "hx-params": "person_query,csrfmiddlewaretoken",
                "hx-sync": "this:replace",
                "data-results": "person-results",
                "aria-controls": "person-results",
            }
        )
        self.chosen_person: Person | None = None

    @property
    def wants_new_person(self) -> bool:
        data = self.data
        return bool(
            str(data.get("given_name", "")).strip() or str(data.get("family_name", "")).strip()
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # The view loaded the posted person through the door (clients.queries), which
        # recorded the read; the form only checks that the id it was given was found.
        self.chosen_person = self._posted_person if cleaned.get("person") else None
        if cleaned.get("person") and self.chosen_person is None:
            self.add_error(None, _("This person could not be found. Search again."))
        chosen = [
            self.chosen_person is not None,
            bool(cleaned.get("anonymous")),
            self.wants_new_person,
        ]
        if sum(chosen) == 0:
            self.add_error(
                None,
                _("Choose the person, register a new person, or tick 'Anonymous contact'."),
            )
        elif sum(chosen) > 1:
            self.add_error(
                None,
                _("Choose one: an existing person, a new person, or an anonymous contact."),
            )
        if self.wants_new_person and self.chosen_person is None:
            for name in ("given_name", "family_name"):
                if not cleaned.get(name):
                    self.add_error(name, _("Fill in the name of the new person."))
        return cleaned

    def new_person(self) -> PersonInput | None:
        if self.chosen_person is not None or not self.wants_new_person:
            return None
        data = self.cleaned_data
        return PersonInput(
            given_name=data["given_name"],
            family_name=data["family_name"],
            birth_date=data.get("birth_date"),
            national_number=data.get("national_number", ""),
            phone=data.get("new_phone", ""),
        )

    @staticmethod
    def fresh_key() -> uuid.UUID:
        return uuid.uuid4()
