"""Forms of the help dossier. They check the shape of input; the rules live in services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import User
from sociaalhuis.core.forms import model_choice_field
from sociaalhuis.core.text import StrOrPromise
from sociaalhuis.dossiers import filetypes
from sociaalhuis.dossiers.models import Confidentiality, DossierStatus, TeamRole
from sociaalhuis.dossiers.queries import DossierFilter
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood

REASON_MAX_LENGTH = 4000


def _life_domain_field() -> forms.ModelMultipleChoiceField[LifeDomain]:
    return forms.ModelMultipleChoiceField(
        label=_("Life domains"),
        queryset=LifeDomain.unscoped.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class _LifeDomainsMixin:
    fields: dict[str, Any]

    def _scope_life_domains(self) -> None:
        # Querysets are tenant-scoped: build them when the municipality is active.
        self.fields["life_domains"].queryset = LifeDomain.objects.all()


class DossierOpenForm(_LifeDomainsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the dossier opened?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("In a few sentences: the question and what help is needed."),
    )
    life_domains = _life_domain_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._scope_life_domains()


class DossierEditForm(DossierOpenForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReasonForm(forms.Form):
    """Closing or reopening: the reason is mandatory."""

    reason = forms.CharField(
        label=_("Reason"), max_length=REASON_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3})
    )


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this dossier now?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: the client is at the desk in crisis and their dossier manager is "
            "absent. Your reason and every page you open are shown to the data protection "
            "officer."
        ),
    )


class NoteForm(forms.Form):
    # No max_length here: the service refuses a note that is too long with a message
    # that says how long it is, and the form keeps the text.
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 8}), strip=False)
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Confidentiality.choices,
        initial=Confidentiality.CARE_TEAM,
        widget=forms.RadioSelect,
    )


class NoteEditForm(NoteForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, photo (JPEG, PNG), Word, Excel, OpenDocument text or plain text."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in filetypes.ACCEPTED_EXTENSIONS)}
        ),
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    confidentiality = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Confidentiality.choices,
        initial=Confidentiality.CARE_TEAM,
        widget=forms.RadioSelect,
    )


class ColleagueChoiceField(forms.ModelChoiceField[User]):
    """A colleague by name, or by e-mail address when no name is filled in."""

    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class CareTeamAddForm(forms.Form):
    ROLE_CHOICES: list[tuple[str, StrOrPromise]] = [
        choice for choice in TeamRole.choices if choice[0] != TeamRole.MANAGER
    ]

    user = ColleagueChoiceField(
        label=_("Colleague"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A colleague with an account gets access to the dossier."),
    )
    name = forms.CharField(
        label=_("Or: name of someone without an account"),
        max_length=150,
        required=False,
        help_text=_("For example a buddy or a partner's worker. They get no access."),
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role in the team"), choices=ROLE_CHOICES)

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "user").queryset = colleagues


class ManagerForm(forms.Form):
    manager = ColleagueChoiceField(label=_("New dossier manager"), queryset=User.objects.none())

    def __init__(self, *args: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "manager").queryset = colleagues


class DossierFilterForm(forms.Form):
    STATUS_CHOICES = [("", _("All")), *DossierStatus.choices]

    status = forms.ChoiceField(
        label=_("Status"), choices=STATUS_CHOICES, required=False, initial=DossierStatus.OPEN
    )
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none(), required=False
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.unscoped.none(), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.all()
        model_choice_field(self, "neighbourhood").queryset = Neighbourhood.objects.all()
        for name in ("life_domain", "neighbourhood"):
            model_choice_field(self, name).empty_label = _("All")

    def to_filter(self, *, waiting: bool) -> DossierFilter:
        if not self.is_bound:
            return DossierFilter(waiting=waiting)
        if not self.is_valid():
            return DossierFilter(waiting=waiting)
        data = self.cleaned_data
        return DossierFilter(
            waiting=waiting,
            status=data["status"],
            life_domain=data["life_domain"],
            neighbourhood=data["neighbourhood"],
        )
