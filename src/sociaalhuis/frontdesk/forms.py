"""Forms of the front desk. They only shape input; the rules live in services.py
(``question_errors`` and ``callback_errors`` are shared so a message appears beside
its field)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.clients.models import Language, Person
from sociaalhuis.clients.services import PersonInput
from sociaalhuis.core.forms import choice_field, model_choice_field
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk import queries
from sociaalhuis.frontdesk.models import ContactChannel, Outcome, Topic
from sociaalhuis.frontdesk.services import QuestionInput, callback_errors, question_errors
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
QUESTION_FORMS = 3
MAX_QUESTIONS = 10
NEW_DOSSIER = "new"


def _datetime_widget() -> forms.DateTimeInput:
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


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


def _topic_choices() -> list[Any]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for topic in queries.topics():
        groups.setdefault(topic.life_domain.name, []).append((str(topic.pk), topic.name))
    return [("", _("(no topic)")), *groups.items()]


class QuestionForm(forms.Form):
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none(), required=False
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    description = forms.CharField(
        label=_("Question"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, required=False, widget=forms.RadioSelect
    )
    answer = forms.CharField(
        label=_("Information given"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    service_query = forms.CharField(
        label=_("Search the social map"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    # Rendered by hand as radio buttons in the social-map results.
    service = forms.IntegerField(required=False, widget=forms.HiddenInput)
    referred_to = forms.CharField(label=_("Referred to"), required=False, max_length=200)
    dossier = forms.ChoiceField(label=_("Help dossier"), required=False)
    to_user = forms.ModelChoiceField(
        label=_("Call back by colleague"), queryset=User.objects.none(), required=False
    )
    cell = forms.ModelChoiceField(label=_("Cell"), queryset=Cell.unscoped.none(), required=False)
    due_at = forms.DateTimeField(
        label=_("Call back before"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=_datetime_widget(),
    )
    phone = forms.CharField(label=_("Phone number to call"), required=False, max_length=30)

    def __init__(
        self,
        *args: Any,
        person: Person | None = None,
        has_person: bool = False,
        municipality: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.has_person = has_person or person is not None
        self.municipality = municipality
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.order_by(
            "position", "name_nl"
        )
        choice_field(self, "topic").choices = _topic_choices()
        model_choice_field(self, "to_user").queryset = queries.colleagues()
        model_choice_field(self, "cell").queryset = queries.cells()
        self.open_dossiers = queries.open_dossiers_of(person)
        choice_field(self, "dossier").choices = dossier_choices(self.open_dossiers)
        self.fields["dossier"].initial = NEW_DOSSIER
        self.fields["service_query"].widget.attrs.update(
            {
                "hx-get": reverse("frontdesk:service_search"),
                "hx-trigger": "input changed delay:300ms, search",
                "hx-target": f"#{self.prefix}-services",
                "hx-vals": json.dumps({"prefix": self.prefix}),
                "hx-sync": "this:replace",
                "data-results": f"{self.prefix}-services",
                "aria-controls": f"{self.prefix}-services",
            }
        )
        self.chosen_service: Service | None = None

    @cached_property
    def selected_service(self) -> Service | None:
        """The service ticked in this form, to show it again when the page comes back."""
        value = str(self.data.get(self.add_prefix("service"), "")) if self.is_bound else ""
        if not value.isdigit() or self.municipality is None:
            return None
        return (
            queries.services_shown(self.municipality)
            .select_related("organisation")
            .prefetch_related("texts")
            .filter(pk=int(value))
            .first()
        )

    @property
    def service_choices(self) -> list[Service]:
        return [self.selected_service] if self.selected_service else []

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        service_id = cleaned.get("service")
        if service_id and self.municipality is not None:
            self.chosen_service = (
                queries.services_shown(self.municipality).filter(pk=service_id).first()
            )
            if self.chosen_service is None:
                self.add_error("service_query", _("This service is not on the social map."))
        if cleaned.get("outcome") == Outcome.CALLBACK and not cleaned.get("phone"):
            identity = getattr(self.person, "identity", None)
            if identity is not None and identity.phone:
                cleaned["phone"] = identity.phone
        for name, messages in question_errors(
            self.question_input(), has_person=self.has_person
        ).items():
            for message in messages:
                self.add_error(name if name in self.fields else None, message)
        return cleaned

    def question_input(self) -> QuestionInput:
        data = self.cleaned_data
        topic_id = data.get("topic")
        topic = Topic.objects.filter(pk=topic_id).first() if topic_id else None
        dossier_choice = data.get("dossier") or NEW_DOSSIER
        dossier = next(
            (found for found in self.open_dossiers if str(found.pk) == dossier_choice), None
        )
        return QuestionInput(
            life_domain=data.get("life_domain"),
            outcome=data.get("outcome") or "",
            topic=topic,
            description=data.get("description", ""),
            answer=data.get("answer", ""),
            service=self.chosen_service,
            referred_to=data.get("referred_to", ""),
            dossier=dossier,
            to_user=data.get("to_user"),
            cell=data.get("cell"),
            due_at=data.get("due_at"),
            phone=data.get("phone", ""),
        )


def dossier_choices(dossiers: list[Dossier]) -> list[tuple[str, str]]:
    return [
        (NEW_DOSSIER, str(_("A new help dossier"))),
        *[
            (
                str(dossier.pk),
                str(_("Dossier %(reference)s, opened %(date)s"))
                % {"reference": dossier.reference, "date": f"{dossier.opened_at:%d/%m/%Y}"},
            )
            for dossier in dossiers
        ],
    ]


class BaseQuestionFormSet(forms.BaseFormSet[QuestionForm]):
    def filled_forms(self) -> list[QuestionForm]:
        """The questions typed in; the empty spare forms are ignored."""
        return [form for form in self.forms if form.has_changed()]


QuestionFormSet = forms.formset_factory(
    QuestionForm,
    formset=BaseQuestionFormSet,
    extra=QUESTION_FORMS,
    max_num=MAX_QUESTIONS,
    absolute_max=MAX_QUESTIONS,
)


class QueueEntryForm(forms.Form):
    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    label = forms.CharField(
        label=_("Who"),
        required=False,
        max_length=80,
        help_text=_("How to call them, when the person is not registered (no full names)."),
    )
    reason = forms.CharField(label=_("For what"), required=False, max_length=200)
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.order_by(
            "position", "name_nl"
        )


class CallForm(forms.Form):
    desk = forms.CharField(label=_("Desk"), required=False, max_length=40)


class CallbackForm(forms.Form):
    caller_name = forms.CharField(
        label=_("Name of the caller"),
        required=False,
        max_length=120,
        help_text=_("When the person is not registered."),
    )
    phone = forms.CharField(label=_("Phone number to call"), required=False, max_length=30)
    message = forms.CharField(
        label=_("What is it about?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    to_user = forms.ModelChoiceField(
        label=_("For colleague"), queryset=User.objects.none(), required=False
    )
    to_cell = forms.ModelChoiceField(
        label=_("Or for cell"), queryset=Cell.unscoped.none(), required=False
    )
    due_at = forms.DateTimeField(
        label=_("Call back before"),
        required=False,
        input_formats=DATETIME_FORMATS,
        widget=_datetime_widget(),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "to_user").queryset = queries.colleagues()
        model_choice_field(self, "to_cell").queryset = queries.cells()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        errors = callback_errors(
            to_user=cleaned.get("to_user"),
            to_cell=cleaned.get("to_cell"),
            due_at=cleaned.get("due_at"),
            phone=cleaned.get("phone", ""),
        )
        for name, messages in errors.items():
            for message in messages:
                self.add_error(name, message)
        return cleaned


class CallbackActionForm(forms.Form):
    result = forms.CharField(
        label=_("Result"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
