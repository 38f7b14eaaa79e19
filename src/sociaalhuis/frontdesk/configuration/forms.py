"""Forms of the casework settings (the municipality's reference lists)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.queries import colleagues
from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.dossiers.models import Right
from sociaalhuis.frontdesk.models import Topic
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood, NeighbourhoodStreet

NAMES = ["name_nl", "name_fr", "name_en"]


def _life_domain_field(*, required: bool) -> forms.ModelChoiceField[LifeDomain]:
    # Declared here, not derived from the model: the model's default manager is
    # tenant-scoped and cannot be queried when the form class is built.
    return forms.ModelChoiceField(
        label=_("life domain"), queryset=LifeDomain.unscoped.none(), required=required
    )


class CellForm(forms.ModelForm[Cell]):
    life_domain = _life_domain_field(required=False)
    members = forms.ModelMultipleChoiceField(
        label=_("Members"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Cell
        fields = ["code", *NAMES, "life_domain", "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.all()
        model_choice_field(self, "members").queryset = colleagues()
        if self.instance.pk is not None and not self.is_bound:
            self.initial["members"] = list(
                CellMember.objects.filter(cell=self.instance).values_list("user_id", flat=True)
            )


class TopicForm(forms.ModelForm[Topic]):
    life_domain = _life_domain_field(required=True)

    class Meta:
        model = Topic
        fields = ["life_domain", "code", *NAMES, "active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.all()


class RightForm(forms.ModelForm[Right]):
    class Meta:
        model = Right
        fields = ["code", *NAMES, "description", "position", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class StreetForm(forms.ModelForm[NeighbourhoodStreet]):
    neighbourhood = forms.ModelChoiceField(
        label=_("neighbourhood"), queryset=Neighbourhood.unscoped.none()
    )

    class Meta:
        model = NeighbourhoodStreet
        fields = ["neighbourhood", "street", "postcode", "first_number", "last_number"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "neighbourhood").queryset = Neighbourhood.objects.all()
        self.fields["first_number"].help_text = _("Leave both numbers empty for the whole street.")


class StreetFilterForm(forms.Form):
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.unscoped.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "neighbourhood").queryset = Neighbourhood.objects.all()
        model_choice_field(self, "neighbourhood").empty_label = _("All neighbourhoods")
