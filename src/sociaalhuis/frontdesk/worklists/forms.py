"""The filter form shown above every worklist (GET parameters, works without JS)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sociaalhuis.core.forms import choice_field
from sociaalhuis.frontdesk.worklists.queries import Filters, ListSpec
from sociaalhuis.tenants.models import LifeDomain, Neighbourhood


class WorklistFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    life_domain = forms.TypedChoiceField(
        label=_("Life domain"), required=False, coerce=int, empty_value=None
    )
    neighbourhood = forms.TypedChoiceField(
        label=_("Neighbourhood"), required=False, coerce=int, empty_value=None
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, spec: ListSpec, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Plain choices, loaded once each (one query per list, none per row or per
        # validation): the querysets are tenant-scoped, so built now.
        all_ = [("", _("All"))]
        choice_field(self, "status").choices = list(spec.statuses)
        choice_field(self, "life_domain").choices = all_ + [
            (domain.pk, domain.name)
            for domain in LifeDomain.objects.only("name_nl", "name_fr", "name_en")
        ]
        choice_field(self, "neighbourhood").choices = all_ + list(
            Neighbourhood.objects.values_list("pk", "name")
        )
        self.fields["date_from"].label = _("%(what)s from") % {"what": spec.date_label}
        self.fields["date_to"].label = _("%(what)s until") % {"what": spec.date_label}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date comes before the start date."))
        return cleaned

    def filters(self) -> Filters:
        """The filters to apply; the list's defaults when the form is empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            status=data["status"] or "",
            life_domain_id=data["life_domain"],
            neighbourhood_id=data["neighbourhood"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
