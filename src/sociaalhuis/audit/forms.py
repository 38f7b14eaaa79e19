from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from sociaalhuis.audit.models import Action, Result
from sociaalhuis.audit.queries import LogFilter
from sociaalhuis.core import tenancy


class LogFilterForm(forms.Form):
    person = forms.IntegerField(label=_("Person number"), required=False, min_value=1)
    user = forms.ModelChoiceField(
        label=_("User"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("All users"),
    )
    date_from = forms.DateField(label=_("From"), required=False, help_text=_("dd/mm/yyyy"))
    date_to = forms.DateField(label=_("Until"), required=False, help_text=_("dd/mm/yyyy"))
    action = forms.ChoiceField(
        label=_("Action"), choices=[("", _("All actions")), *Action.choices], required=False
    )
    result = forms.ChoiceField(
        label=_("Result"), choices=[("", _("All results")), *Result.choices], required=False
    )
    break_glass = forms.BooleanField(label=_("Only emergency access"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only people who work (or worked) in the active municipality can be chosen.
        user_field = self.fields["user"]
        assert isinstance(user_field, forms.ModelChoiceField)
        user_field.queryset = (
            get_user_model()
            .objects.filter(memberships__municipality_id=tenancy.require_municipality_id())
            .distinct()
            .order_by("full_name")
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def to_filter(self) -> LogFilter:
        data = self.cleaned_data
        user = data.get("user")
        return LogFilter(
            person_id=data.get("person"),
            actor_id=user.pk if user else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            action=data.get("action") or "",
            result=data.get("result") or "",
            break_glass=bool(data.get("break_glass")),
        )
