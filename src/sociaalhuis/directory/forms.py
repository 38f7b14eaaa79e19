"""Forms of the social map: the search form and the maintenance forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.forms import choice_field, model_choice_field
from sociaalhuis.core.models import concrete_field
from sociaalhuis.directory.content import SCALAR_FIELDS, TEXT_FIELDS
from sociaalhuis.directory.models import (
    Capacity,
    Location,
    Organisation,
    Schedule,
    ScheduleException,
    Service,
    ServiceText,
    Taxonomy,
    TaxonomyTerm,
)
from sociaalhuis.directory.models.services import FIVE_BS, TEXT_LANGUAGES
from sociaalhuis.directory.search import MAX_QUERY_LENGTH, SearchFilters
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


class SearchForm(forms.Form):
    """What a citizen or a worker looks for. Every field is optional."""

    q = forms.CharField(
        label=_("What is your question?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("In your own words, e.g. rent arrears, debts, childcare."),
        error_messages={
            "max_length": _(
                "Your search is too long. Use at most %(limit_value)d characters: "
                "a few words are enough."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    life_domain = forms.ModelChoiceField(
        label=_("Life domain"), queryset=LifeDomain.unscoped.none(), required=False
    )
    target_group = forms.ModelChoiceField(
        label=_("For whom"), queryset=TaxonomyTerm.objects.none(), required=False
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Neighbourhood"), queryset=Neighbourhood.unscoped.none(), required=False
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)
    wheelchair = forms.BooleanField(label=_("Wheelchair accessible"), required=False)
    evenings = forms.BooleanField(label=_("Open in the evening"), required=False)
    french = forms.BooleanField(label=_("French spoken"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are tenant-scoped: build them when the municipality is active.
        model_choice_field(self, "life_domain").queryset = LifeDomain.objects.all()
        model_choice_field(self, "target_group").queryset = TaxonomyTerm.objects.filter(
            taxonomy__code=Taxonomy.TARGET_GROUPS
        )
        model_choice_field(self, "neighbourhood").queryset = Neighbourhood.objects.all()
        for name in ("life_domain", "target_group", "neighbourhood"):
            model_choice_field(self, name).empty_label = _("All")

    def filters(self) -> SearchFilters:
        if not self.is_valid():
            return SearchFilters()
        data = self.cleaned_data
        return SearchFilters(
            text=data["q"].strip(),
            life_domain=data["life_domain"],
            target_group=data["target_group"],
            neighbourhood=data["neighbourhood"],
            open_now=data["open_now"],
            free=data["free"],
            wheelchair=data["wheelchair"],
            evenings=data["evenings"],
            spoken_language="fr" if data["french"] else "",
        )

    @property
    def has_options(self) -> bool:
        """Whether any filter beyond the words is set (the details open then)."""
        if not self.is_bound or not self.is_valid():
            return False
        return any(value for name, value in self.cleaned_data.items() if name != "q")


# --- Maintenance ---------------------------------------------------------------

TEXT_LEGENDS = {"nl": _("Texts in Dutch"), "fr": _("Texts in French"), "en": _("Texts in English")}


class ServiceForm(forms.Form):
    """A service's content, edited as one snapshot (see ``directory.content``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    summary = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        required=False,
        help_text=_("A short note for the history and the reviewer."),
    )
    url = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    languages = forms.CharField(
        label=_("Languages spoken"),
        required=False,
        max_length=100,
        help_text=_("Language codes separated by commas, e.g. nl, fr, en, ar."),
    )
    minimum_age = forms.IntegerField(
        label=_("Minimum age"), min_value=0, max_value=120, required=False
    )
    maximum_age = forms.IntegerField(
        label=_("Maximum age"), min_value=0, max_value=120, required=False
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False)
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities served"), widget=forms.CheckboxSelectMultiple, required=False
    )
    terms = forms.MultipleChoiceField(
        label=_("Rubrics and target groups"), widget=forms.CheckboxSelectMultiple, required=False
    )
    locations = forms.MultipleChoiceField(
        label=_("Locations"), widget=forms.CheckboxSelectMultiple, required=False
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Works specifically in these neighbourhoods"),
        queryset=Neighbourhood.unscoped.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty for a service for the whole municipality."),
    )

    def __init__(
        self,
        *args: Any,
        organisation: Any,
        municipality_choices: list[tuple[str, str]],
        term_choices: list[tuple[str, str]],
        location_choices: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        choice_field(self, "municipalities").choices = municipality_choices
        choice_field(self, "terms").choices = term_choices
        choice_field(self, "locations").choices = location_choices
        model_choice_field(self, "neighbourhoods").queryset = Neighbourhood.objects.all()
        for name, _dutch in FIVE_BS:
            model_field = self._service_field(f"{name}_score")
            self.fields[f"{name}_score"] = forms.TypedChoiceField(
                label=model_field.verbose_name,
                choices=[("", "—"), *model_field.choices],
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"{name}_remark"] = forms.CharField(
                label=_("Remark"), max_length=500, required=False
            )
        for language in TEXT_LANGUAGES:
            for field_name in TEXT_FIELDS:
                model_field = concrete_field(ServiceText, field_name)
                long = field_name not in (
                    "name",
                    "alternate_name",
                    "keywords",
                    "interpretation_services",
                )
                self.fields[f"{language}_{field_name}"] = forms.CharField(
                    label=model_field.verbose_name,
                    required=language == "nl" and field_name in ("name", "description"),
                    max_length=getattr(model_field, "max_length", None) or 20_000,
                    widget=forms.Textarea(attrs={"rows": 4}) if long else forms.TextInput,
                    help_text=model_field.help_text,
                )
        self.text_languages = TEXT_LANGUAGES
        self.text_fields = TEXT_FIELDS

    @staticmethod
    def _service_field(name: str) -> Any:
        return Service._meta.get_field(name)

    def language_fields(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (
                str(TEXT_LEGENDS[language]),
                [self[f"{language}_{name}"] for name in self.text_fields],
            )
            for language in self.text_languages
        ]

    def accessibility_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"{name}_score"], self[f"{name}_remark"]) for name, _dutch in FIVE_BS]

    def clean_languages(self) -> list[str]:
        codes = [
            code.strip().lower()
            for code in self.cleaned_data["languages"].split(",")
            if code.strip()
        ]
        invalid = [code for code in codes if not (code.isalpha() and 2 <= len(code) <= 3)]
        if invalid:
            raise forms.ValidationError(
                _("Use two- or three-letter language codes, e.g. nl, fr, ar. Not: %(codes)s"),
                params={"codes": ", ".join(invalid)},
            )
        return list(dict.fromkeys(codes))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error(
                "maximum_age", _("The maximum age cannot be lower than the minimum age.")
            )
        for language in self.text_languages[1:]:
            used = any(data.get(f"{language}_{name}") for name in self.text_fields)
            for required in ("name", "description"):
                if used and not data.get(f"{language}_{required}"):
                    self.add_error(
                        f"{language}_{required}",
                        _("Fill this in too, or leave every field of this language empty."),
                    )
        return data

    def snapshot(self) -> dict[str, Any]:
        data = self.cleaned_data
        snapshot: dict[str, Any] = {"organisation": str(self.organisation.uuid)}
        for name in SCALAR_FIELDS:
            snapshot[name] = data.get(name)
            if isinstance(self.fields[name], forms.CharField) and snapshot[name] is None:
                snapshot[name] = ""
        snapshot["municipalities"] = sorted(data["municipalities"])
        snapshot["terms"] = sorted(data["terms"])
        snapshot["locations"] = sorted(data["locations"])
        snapshot["texts"] = {
            language: {
                name: data.get(f"{language}_{name}", "").strip() for name in self.text_fields
            }
            for language in self.text_languages
            if data.get(f"{language}_name")
        }
        return snapshot

    @staticmethod
    def initial_from(snapshot: dict[str, Any], version: int | None) -> dict[str, Any]:
        initial = {
            key: value for key, value in snapshot.items() if key not in ("texts", "languages")
        }
        initial["languages"] = ", ".join(snapshot.get("languages") or [])
        initial["version"] = version
        for language, values in snapshot.get("texts", {}).items():
            for name, value in values.items():
                initial[f"{language}_{name}"] = value
        return initial


class CapacityForm(forms.Form):
    capacity = forms.ChoiceField(label=_("Does the service take new people?"))
    waiting_days = forms.IntegerField(
        label=_("Expected waiting time in days"), min_value=0, max_value=3650, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "capacity").choices = Capacity.choices


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    note = forms.CharField(
        label=_("Note for the partner"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject."),
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "alternate_name",
            "kbo_number",
            "description",
            "website",
            "email",
            "phone",
            "active",
        ]


class LocationForm(forms.ModelForm[Location]):
    class Meta:
        model = Location
        fields = [
            "name",
            "street_address",
            "postal_code",
            "city",
            "latitude",
            "longitude",
            "wheelchair_accessible",
            "accessibility_description",
            "transportation",
            "description",
        ]
        widgets = {"wheelchair_accessible": forms.NullBooleanSelect}


class ScheduleForm(forms.ModelForm[Schedule]):
    class Meta:
        model = Schedule
        fields = [
            "kind",
            "location",
            "weekday",
            "week_of_month",
            "opens_at",
            "closes_at",
            "valid_from",
            "valid_to",
            "by_appointment",
            "notes",
        ]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_to": forms.DateInput(attrs={"type": "date"}),
        }

    def _post_clean(self) -> None:
        # The model's constraints are checked by directory.services.check_schedule
        # with messages in plain language; skip Django's generic ones here.
        pass


class ExceptionForm(forms.ModelForm[ScheduleException]):
    class Meta:
        model = ScheduleException
        fields = ["date", "closed", "opens_at", "closes_at", "reason"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "opens_at": forms.TimeInput(attrs={"type": "time"}),
            "closes_at": forms.TimeInput(attrs={"type": "time"}),
        }

    def _post_clean(self) -> None:
        pass
