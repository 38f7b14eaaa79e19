"""Forms of the step plan, housing situation, rights check-list and consents."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.queries import colleagues
from sociaalhuis.accounts.roles import Role
from sociaalhuis.clients.models import ConsentForm as ConsentFormChoice
from sociaalhuis.clients.models import ConsentPurpose
from sociaalhuis.core import tenancy
from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.directory.models import Organisation
from sociaalhuis.dossiers.models import Ethos, GoalStatus, RightStatus, StepStatus
from sociaalhuis.tenants.models import LifeDomain

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class PlanForm(forms.Form):
    review_on = forms.DateField(
        label=_("Review the plan on"),
        required=False,
        widget=DATE,
        help_text=_("When you will look at the plan again with the person."),
    )


class ReviewForm(VersionedForm, PlanForm):
    pass


class GoalForm(forms.Form):
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none()
    )
    description = forms.CharField(
        label=_("Goal"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the person wants to reach, in their words."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.all()


class GoalEditForm(GoalForm):
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)
    plan_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class StepForm(forms.Form):
    description = forms.CharField(label=_("Step"), max_length=500)
    owner = forms.ModelChoiceField(
        label=_("Who takes it: a colleague"), queryset=User.objects.none(), required=False
    )
    owner_name = forms.CharField(
        label=_("… or someone without an account"),
        max_length=150,
        required=False,
        help_text=_("For example the client, a buddy or a partner's worker."),
    )
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Step owners: the colleagues who work with citizens.
        owners = colleagues(Role.SOCIAL_WORKER, Role.CELL_SPECIALIST, Role.RECEPTION)
        model_choice_field(self, "owner").queryset = owners
        model_choice_field(self, "owner").empty_label = _("— nobody with an account —")


class StepEditForm(StepForm):
    status = forms.ChoiceField(label=_("Status"), choices=StepStatus.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class HousingForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Housing situation"), choices=Ethos.choices, widget=forms.RadioSelect
    )
    since = forms.DateField(label=_("Since"), widget=DATE)
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        required=False,
        help_text=_("For example: sleeps at friends', eviction claim pending, damp rented flat."),
    )


class RightRowForm(forms.Form):
    right = forms.IntegerField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    status = forms.ChoiceField(label=_("Status"), choices=RightStatus.choices)
    status_on = forms.DateField(label=_("Since"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_status_on(self) -> Any:
        day = self.cleaned_data["status_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A date cannot lie in the future."), code="future")
        return day


RightsFormSet = forms.formset_factory(RightRowForm, extra=0, max_num=500, validate_max=True)


class ConsentRecordForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    scope = forms.CharField(
        label=_("Scope"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which data, for whom, for how long — as agreed with the person."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("When the consent is for one organisation."),
    )
    form = forms.ChoiceField(label=_("How it was given"), choices=ConsentFormChoice.choices)
    given_on = forms.DateField(label=_("Given on"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "organisation").queryset = Organisation.objects.filter(
            municipalities=tenancy.require_municipality_id()
        ).order_by("name")


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
