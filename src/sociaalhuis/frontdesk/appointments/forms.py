"""Forms of the appointment screens. They only parse input; rules live in appointments.py."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sociaalhuis.accounts.models import Cell, User
from sociaalhuis.core.forms import choice_field, model_choice_field
from sociaalhuis.directory.models import Service
from sociaalhuis.directory.models.schedules import Weekday
from sociaalhuis.dossiers.models import Dossier
from sociaalhuis.frontdesk.appointments.queries import Slot
from sociaalhuis.frontdesk.models import (
    AppointmentKind,
    AppointmentStatus,
    Availability,
    AvailabilityMode,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


def calendar_choices(
    workers: list[User], cells: list[Cell], services: list[Service]
) -> list[tuple[Any, Any]]:
    """Grouped choices "worker:12", "cell:3", "service:5" for one select."""
    choices: list[tuple[Any, Any]] = [
        (_("Workers"), [(f"worker:{user.pk}", str(user)) for user in workers])
    ]
    if cells:
        choices.append((_("Cells"), [(f"cell:{cell.pk}", str(cell)) for cell in cells]))
    if services:
        choices.append(
            (
                _("Partner office days"),
                [(f"service:{service.pk}", service.display_name) for service in services],
            )
        )
    return choices


class CalendarForm(forms.Form):
    """Which calendar and which day (a GET form: the page works without JavaScript)."""

    calendar = forms.ChoiceField(label=_("Calendar"))
    date = forms.DateField(label=_("Day"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, choices: list[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "calendar").choices = choices


class BookForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of appointment"), choices=AppointmentKind.choices)
    # A CharField, not a ChoiceField: a slot taken meanwhile gets our own message.
    slot = forms.CharField(
        label=_("Free time"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Choose a free time, or enter another time below."),
    )
    day = forms.DateField(label=_("Other time: day"), required=False, widget=DateInput())
    starts = forms.TimeField(label=_("from"), required=False, widget=TimeInput())
    ends = forms.TimeField(label=_("until"), required=False, widget=TimeInput())
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Address of the home visit"),
        max_length=200,
        required=False,
        help_text=_("Required for a home visit."),
    )
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=300,
        required=False,
        help_text=_("Required for a home visit. Shown in the person's confirmation."),
    )
    dossier = forms.ModelChoiceField(
        label=_("Help dossier"), queryset=Dossier.unscoped.none(), required=False
    )
    override_reason = forms.CharField(
        label=_("Why a home visit is agreed this time"),
        max_length=300,
        required=False,
        help_text=_("Only when the person asked not to be visited at home."),
    )

    def __init__(
        self,
        *args: Any,
        slots: list[Slot],
        dossiers: Any = None,
        restricted_home_visit: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.slots = {slot.value: slot for slot in slots}
        self.fields["slot"].widget.choices = [(slot.value, _slot_label(slot)) for slot in slots]
        if dossiers is not None:
            model_choice_field(self, "dossier").queryset = dossiers
        if not restricted_home_visit:
            del self.fields["override_reason"]

    def clean_slot(self) -> str:
        value = self.cleaned_data.get("slot") or ""
        if value and value not in self.slots:
            raise forms.ValidationError(
                _("That time is no longer free. Choose another."), code="slot_taken"
            )
        return str(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        slot_value = data.get("slot")
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if slot_value:
            slot = self.slots[slot_value]
            data["starts_at"], data["ends_at"], data["slot_location"] = (
                slot.starts_at,
                slot.ends_at,
                slot.location,
            )
        elif day and starts and ends:
            data["starts_at"] = _aware(day, starts)
            data["ends_at"] = _aware(day, ends)
            data["slot_location"] = ""
        elif "slot" not in self.errors:
            raise forms.ValidationError(
                _("Choose a free time, or enter a day with a start and an end."), code="no_time"
            )
        return data


def _aware(day: date, moment: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, moment))


def _slot_label(slot: Slot) -> str:
    starts = timezone.localtime(slot.starts_at)
    ends = timezone.localtime(slot.ends_at)
    label = f"{date_format(starts, 'D j/n')} {starts:%H:%M}\u2013{ends:%H:%M}"
    return f"{label} · {slot.location}" if slot.location else label


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class RescheduleForm(VersionForm):
    day = forms.DateField(label=_("Day"), widget=DateInput())
    starts = forms.TimeField(label=_("from"), widget=TimeInput())
    ends = forms.TimeField(label=_("until"), widget=TimeInput())

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return _aware(data["day"], data["starts"]), _aware(data["day"], data["ends"])


class CancelForm(VersionForm):
    reason = forms.CharField(label=_("Why is it cancelled?"), max_length=300)


class OutcomeForm(VersionForm):
    outcome = forms.ChoiceField(
        choices=[
            (AppointmentStatus.DONE, AppointmentStatus.DONE.label),
            (AppointmentStatus.NO_SHOW, AppointmentStatus.NO_SHOW.label),
        ],
        widget=forms.HiddenInput,
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AvailabilityForm(forms.ModelForm[Availability]):
    owner = forms.ChoiceField(label=_("Whose hours"))

    class Meta:
        model = Availability
        fields = [
            "mode",
            "weekday",
            "starts_at",
            "ends_at",
            "slot_minutes",
            "location",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "weekday": forms.Select(choices=Weekday.choices),
            "starts_at": TimeInput(),
            "ends_at": TimeInput(),
            "valid_from": DateInput(),
            "valid_until": DateInput(),
        }

    def __init__(self, *args: Any, owners: list[tuple[Any, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "owner").choices = owners
        self.order_fields(["owner", *self.Meta.fields])
        choice_field(self, "mode").choices = AvailabilityMode.choices
        self.fields["mode"].initial = AvailabilityMode.SLOTS
