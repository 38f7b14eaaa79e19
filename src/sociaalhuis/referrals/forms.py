"""Forms of the referral screens. They collect input; the rules live in ``services``."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.accounts.queries import colleagues
from sociaalhuis.clients.consents.queries import active_consents
from sociaalhuis.clients.models import Consent, Person
from sociaalhuis.directory.models import Service
from sociaalhuis.directory.search import published_services
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.appointments.queries import Slot
from sociaalhuis.frontdesk.models import HelpQuestion
from sociaalhuis.referrals import sharing
from sociaalhuis.referrals.lifecycle import ReferralAction, Transition
from sociaalhuis.referrals.models import (
    LegalBasis,
    ReasonCode,
    ReferralSettings,
    ReferralStatus,
    TargetKind,
    Urgency,
)
from sociaalhuis.referrals.queries import StatusGroup
from sociaalhuis.referrals.services import (
    RECEIVING_COLLEAGUE_ROLES,
    REFERRAL_CONSENT_PURPOSES,
    ReferralInput,
)
from sociaalhuis.tenants.models import LifeDomain, Municipality


class ServiceChoiceField(forms.ModelChoiceField[Service]):
    def label_from_instance(self, obj: Service) -> str:
        return f"{obj} — {obj.organisation.name}"


class ColleagueChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        return str(obj.full_name or obj.email)


class ConsentChoiceField(forms.ModelChoiceField[Consent]):
    def label_from_instance(self, obj: Consent) -> str:
        scope = obj.scope if len(obj.scope) <= 80 else obj.scope[:79] + "…"
        given = obj.given_on.strftime("%d/%m/%Y")
        limited = f" ({obj.organisation.name})" if obj.organisation is not None else ""
        return f"{obj.get_purpose_display()}{limited}, {given}: {scope}"


def _shareable_choices() -> list[tuple[str, str]]:
    return [
        (f.code, f"{f.label} — {f.help}" if f.help else str(f.label)) for f in sharing.SHAREABLE
    ]


class ReferralForm(forms.Form):
    target_kind = forms.ChoiceField(
        label=_("Refer to"), choices=TargetKind.choices, widget=forms.RadioSelect
    )
    to_service = ServiceChoiceField(
        label=_("Service of a partner organisation"),
        queryset=Service.objects.none(),
        required=False,
        help_text=_("Services on the social map that serve our municipality."),
    )
    to_cell = forms.ModelChoiceField(label=_("Cell"), queryset=Cell.unscoped.none(), required=False)
    to_user = ColleagueChoiceField(
        label=_("Colleague"), queryset=User.objects.none(), required=False
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the person needs from the receiver, in a few sentences."),
    )
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none(), required=False
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        initial=Urgency.ROUTINE,
        widget=forms.RadioSelect,
    )
    response_due_on = forms.DateField(
        label=_("Answer expected by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for the response time agreed with the receiver."),
    )
    shared_fields = forms.MultipleChoiceField(
        label=_("Data shared with the receiver"),
        choices=_shareable_choices,
        required=False,
        initial=list(sharing.DEFAULT_SHARED),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Share only what the receiver needs. The purpose is always shared. You see "
            "exactly what will be shared before you send."
        ),
    )
    legal_basis = forms.ChoiceField(
        label=_("Legal basis for sharing (external organisations)"),
        choices=[
            (LegalBasis.CONSENT, LegalBasis.CONSENT.label),
            (LegalBasis.SHARED_SECRECY, LegalBasis.SHARED_SECRECY.label),
        ],
        required=False,
        widget=forms.RadioSelect,
    )
    consent = ConsentChoiceField(
        label=_("Consent"),
        queryset=Consent.unscoped.none(),
        required=False,
        help_text=_("A valid consent of the person for a referral or for sharing data."),
    )
    legal_basis_note = forms.CharField(
        label=_("Why shared professional secrecy applies"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(
        self,
        *args: Any,
        person: Person,
        municipality: Municipality,
        actor: User,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        fields: Any = self.fields
        fields["to_service"].queryset = (
            published_services(municipality)
            .select_related("organisation")
            .prefetch_related("texts")
            .order_by("organisation__name", "pk")
        )
        fields["to_cell"].queryset = Cell.objects.filter(active=True).order_by("name_nl")
        fields["to_user"].queryset = colleagues(*RECEIVING_COLLEAGUE_ROLES).exclude(pk=actor.pk)
        fields["life_domain"].queryset = LifeDomain.objects.order_by("position")
        consents: QuerySet[Consent] = active_consents(person).filter(
            purpose__in=REFERRAL_CONSENT_PURPOSES
        )
        fields["consent"].queryset = consents

    def to_input(self, *, dossier: Dossier | None, question: HelpQuestion | None) -> ReferralInput:
        data = self.cleaned_data
        return ReferralInput(
            person=self.person,
            target_kind=data["target_kind"],
            purpose=data["purpose"],
            to_user=data.get("to_user"),
            to_cell=data.get("to_cell"),
            to_service=data.get("to_service"),
            dossier=dossier,
            question=question,
            life_domain=data.get("life_domain"),
            urgency=data["urgency"],
            response_due_on=data.get("response_due_on"),
            shared_fields=list(data.get("shared_fields") or []),
            legal_basis=data.get("legal_basis") or "",
            consent=data.get("consent"),
            legal_basis_note=data.get("legal_basis_note") or "",
        )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StepForm(forms.Form):
    """One step of the lifecycle, with what that step needs (reason, got help)."""

    action = forms.ChoiceField(label=_("What happened"), widget=forms.RadioSelect)
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        choices=[("", "—"), *ReasonCode.choices],
        required=False,
    )
    reason_text = forms.CharField(
        label=_("Reason explained"),
        max_length=500,
        required=False,
        help_text=_("Needed when the reason is “Other”."),
    )
    got_help = forms.TypedChoiceField(
        label=_("Did the person get help?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Needed when you complete the referral."),
    )
    note = forms.CharField(
        label=_("Message or outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, transitions: list[Transition], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["action"].choices = [(t.action.value, t.label) for t in transitions]
        if len(transitions) == 1:
            # One possible step: the button says it, no choice to make.
            fields["action"].initial = transitions[0].action.value
            fields["action"].widget = forms.HiddenInput()
        self.only_step = transitions[0].label if len(transitions) == 1 else None
        # Only what one of the offered steps asks for; the service checks it per step.
        with_reason = [str(t.label) for t in transitions if t.needs_reason]
        if with_reason:
            fields["reason_code"].help_text = _("Needed for: %(steps)s.") % {
                "steps": ", ".join(with_reason)
            }
        else:
            del fields["reason_code"], fields["reason_text"]
        if not any(t.needs_got_help for t in transitions):
            del fields["got_help"]
            fields["note"].label = _("Message")

    @property
    def chosen_action(self) -> ReferralAction:
        return ReferralAction(self.cleaned_data["action"])


class MessageForm(forms.Form):
    note = forms.CharField(
        label=_("Message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class SlotForm(forms.Form):
    slot = forms.ChoiceField(label=_("Free times at the office day"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, slots: list[Slot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.slots = {slot.value: slot for slot in slots}
        fields: Any = self.fields
        fields["slot"].choices = [
            (
                slot.value,
                f"{slot.starts_at:%d/%m/%Y %H:%M} - {slot.ends_at:%H:%M}"
                + (f" ({slot.location})" if slot.location else ""),
            )
            for slot in slots
        ]

    @property
    def chosen(self) -> Slot:
        return self.slots[self.cleaned_data["slot"]]


class ListFilterForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            (StatusGroup.OPEN.value, _("Under way")),
            (StatusGroup.NEW.value, _("New, not opened yet")),
            (StatusGroup.OVERDUE.value, _("Overdue: no answer in time")),
            (StatusGroup.FEEDBACK.value, _("New feedback")),
            (StatusGroup.DRAFT.value, _("Drafts")),
            (StatusGroup.CLOSED.value, pgettext_lazy("referrals", "Closed")),
            (StatusGroup.ALL.value, _("All")),
        ],
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *ReferralStatus.choices],
    )

    def __init__(self, *args: Any, sender: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not sender:
            fields: Any = self.fields
            fields["group"].choices = [
                choice
                for choice in fields["group"].choices
                if choice[0] not in (StatusGroup.FEEDBACK, StatusGroup.DRAFT)
            ]
            fields["status"].choices = [
                choice for choice in fields["status"].choices if choice[0] != ReferralStatus.DRAFT
            ]


class SettingsForm(forms.ModelForm[ReferralSettings]):
    class Meta:
        model = ReferralSettings
        fields = ["default_response_days"]


class ResponseTimeForm(forms.Form):
    service = ServiceChoiceField(label=_("Service"), queryset=Service.objects.none())
    response_days = forms.IntegerField(
        label=_("Response time (days)"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_("Leave empty to use the municipality's default again."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["service"].queryset = (
            published_services(municipality)
            .select_related("organisation")
            .prefetch_related("texts")
            .order_by("organisation__name", "pk")
        )
