"""Callbacks: a request to call someone back, and what the worker did about it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.frontdesk import queries
from sociaalhuis.frontdesk.forms.fields import DATETIME_FORMATS, datetime_widget
from sociaalhuis.frontdesk.services import callback_errors


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
        widget=datetime_widget(),
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
