from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Organisation


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct. Try again."),
        "inactive": _("This account is no longer active. Ask your administrator."),
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
    )

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise ValidationError(_("The code consists of six digits."))
        return token


def _organisation_choices() -> forms.ModelChoiceField[Organisation]:
    # Only organisations that serve the active municipality can have partner workers here.
    return forms.ModelChoiceField(
        label=_("Organisation (partner workers only)"),
        queryset=Organisation.objects.filter(
            active=True, municipalities__id=tenancy.require_municipality_id()
        ).order_by("name"),
        required=False,
        empty_label=_("No organisation"),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _organisation_choices()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("role") == Role.PARTNER_WORKER and not cleaned.get("organisation"):
            self.add_error(
                "organisation", _("Choose the organisation this partner worker works for.")
            )
        return cleaned


class InviteForm(RoleForm):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"))
    preferred_language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))],
    )
    field_order = ["full_name", "email", "preferred_language", "role", "organisation"]
