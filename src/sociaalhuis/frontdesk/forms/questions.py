"""The questions of a contact: one form per question (topic, outcome, referral, dossier,
callback) and the formset with spare forms the desk fills in."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.clients.models import Person
from sociaalhuis.core.forms import choice_field, model_choice_field
from sociaalhuis.directory.models import Service
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk import queries
from sociaalhuis.frontdesk.forms.fields import DATETIME_FORMATS, datetime_widget
from sociaalhuis.frontdesk.models import Outcome, Topic
from sociaalhuis.frontdesk.services import QuestionInput, question_errors
from sociaalhuis.tenants.models import LifeDomain

QUESTION_FORMS = 3
MAX_QUESTIONS = 10
NEW_DOSSIER = "new"


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
        widget=datetime_widget(),
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
