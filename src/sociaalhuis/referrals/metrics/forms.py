"""The filter above the referral figures (GET parameters, works without JavaScript)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sociaalhuis.referrals.metrics.figures import (
    GROUPING_LABELS,
    FiguresFilter,
    Grouping,
    Period,
    year_before,
)

# Far enough back for any referral, and never past the last day a date can follow.
EARLIEST = date(2000, 1, 1)
LATEST = date(2099, 12, 31)


class FiguresFilterForm(forms.Form):
    date_from = forms.DateField(label=_("Sent from"), required=False, help_text=_("dd/mm/yyyy"))
    date_to = forms.DateField(label=_("Sent until"), required=False, help_text=_("dd/mm/yyyy"))
    grouping = forms.ChoiceField(
        label=_("Figures per"),
        choices=[(grouping.value, label) for grouping, label in GROUPING_LABELS.items()],
        required=False,
    )

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        default = Period.last_twelve_months(self.today)
        # Shown in the empty form, so the page says which period it counts.
        self.fields["date_from"].initial = default.start
        self.fields["date_to"].initial = default.end
        self.fields["grouping"].initial = Grouping.PARTNER.value

    def _clean_day(self, name: str) -> date | None:
        day: date | None = self.cleaned_data.get(name)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(
                _("Choose a date between %(first)s and %(last)s."),
                code="out_of_range",
                params={
                    "first": EARLIEST.strftime("%d/%m/%Y"),
                    "last": LATEST.strftime("%d/%m/%Y"),
                },
            )
        return day

    def clean_date_from(self) -> date | None:
        return self._clean_day("date_from")

    def clean_date_to(self) -> date | None:
        return self._clean_day("date_to")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned

    def to_filter(self) -> FiguresFilter:
        """The filter to apply: the last 12 months by partner when empty or invalid."""
        if not self.is_bound or not self.is_valid():
            return FiguresFilter(period=Period.last_twelve_months(self.today))
        data = self.cleaned_data
        end: date = data.get("date_to") or self.today
        start: date = data.get("date_from") or year_before(end) + timedelta(days=1)
        if start > end:  # only "from" given, and it lies in the future
            end = start
        return FiguresFilter(
            period=Period(start=start, end=end),
            grouping=Grouping(data.get("grouping") or Grouping.PARTNER),
        )
