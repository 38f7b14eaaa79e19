"""Opening hours, office hours in the Sociaal Huis (zitdagen) and exceptions.

A ``Schedule`` is a weekly (or monthly: "first Tuesday") time slot, the shape of an
HSDS schedule with ``freq``/``byday``. Opening hours belong to a service or to a
location; office hours always to a service held at a Sociaal Huis location.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")
    SUNDAY = 7, _("Sunday")


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, _("first")
    SECOND = 2, _("second")
    THIRD = 3, _("third")
    FOURTH = 4, _("fourth")
    LAST = -1, _("last")


def week_of_month(day: date) -> int:
    """1 for the first seven days of the month, 2 for the next seven, ..."""
    return (day.day - 1) // 7 + 1


def in_last_week(day: date) -> bool:
    """Whether ``day`` is the last of its weekday in its month ("last Friday")."""
    return day.day + 7 > calendar.monthrange(day.year, day.month)[1]


# One message per ordinal, so that each language can put the words in its own order.
MONTHLY_DAY_LABELS = {
    1: _("first %(day)s of the month"),
    2: _("second %(day)s of the month"),
    3: _("third %(day)s of the month"),
    4: _("fourth %(day)s of the month"),
    -1: _("last %(day)s of the month"),
}


class Schedule(models.Model):
    class Kind(models.TextChoices):
        OPENING_HOURS = "opening_hours", _("Opening hours")
        OFFICE_HOURS = "office_hours", _("Office hours in the Sociaal Huis")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(
        _("kind"), max_length=14, choices=Kind.choices, default=Kind.OPENING_HOURS
    )
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="schedules",
        null=True,
        blank=True,
        verbose_name=_("service"),
    )
    location = models.ForeignKey(
        "directory.Location",
        on_delete=models.CASCADE,
        related_name="schedules",
        null=True,
        blank=True,
        verbose_name=_("location"),
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        choices=WeekOfMonth.choices,
        null=True,
        blank=True,
        help_text=_("Leave empty for every week."),
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    by_appointment = models.BooleanField(_("by appointment only"), default=False)
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["weekday", "opens_at"]
        indexes = [models.Index(fields=["kind", "weekday"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(location__isnull=False),
                name="schedule_has_service_or_location",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day_label()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    def day_label(self) -> str:
        """ "Tuesday", or "second Tuesday of the month"."""
        day = str(self.get_weekday_display())
        if self.week_of_month is None:
            return day
        return str(MONTHLY_DAY_LABELS[self.week_of_month]) % {"day": day}


class ScheduleException(models.Model):
    """A closing day or different hours on one date (holidays, training days)."""

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    service = models.ForeignKey(
        "directory.Service",
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
        null=True,
        blank=True,
    )
    location = models.ForeignKey(
        "directory.Location",
        on_delete=models.CASCADE,
        related_name="schedule_exceptions",
        null=True,
        blank=True,
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exception to the hours")
        verbose_name_plural = _("exceptions to the hours")
        ordering = ["date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False) | models.Q(location__isnull=False),
                name="scheduleexception_has_service_or_location",
            ),
            models.CheckConstraint(
                condition=models.Q(closed=True)
                | models.Q(
                    opens_at__isnull=False,
                    closes_at__isnull=False,
                    closes_at__gt=models.F("opens_at"),
                ),
                name="scheduleexception_hours_when_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.reason}".strip()
