"""The waiting queue: someone joins it, and the desk calls the next one."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.tenants.models import LifeDomain


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
