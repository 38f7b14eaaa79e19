"""Reading HSDS schedules back into opening hours, office hours and exceptions.

The checks are those of ``directory.services.check_schedule`` (closing after
opening, a period that ends after it starts, no overlap, office hours inside the
Sociaal Huis's opening hours), done in memory: the rows they would be compared
with are the file's own, not yet written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sociaalhuis.directory.hsds import serialise
from sociaalhuis.directory.hsds.problems import Where, where_of
from sociaalhuis.directory.hsds.serialise import DAY_CODES, EXTENSION
from sociaalhuis.directory.hsds.values import (
    Checker,
    as_date,
    as_flag,
    as_text,
    as_time,
    as_uuid,
)
from sociaalhuis.directory.models import Schedule, ScheduleException
from sociaalhuis.directory.models.schedules import WeekOfMonth

WEEKDAYS = {code: number for number, code in DAY_CODES.items()}
SCHEDULE_FIELDS = {
    "weekday": "byday",
    "week_of_month": "byday",
    "opens_at": "opens_at",
    "closes_at": "closes_at",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "notes": "notes",
    "kind": f"{EXTENSION}.kind",
    "date": "valid_from",
    "reason": "notes",
}


@dataclass
class Slot:
    schedule: Schedule
    location_id: str | None
    where: Where


@dataclass
class DayOff:
    exception: ScheduleException
    location_id: str | None
    where: Where


@dataclass
class Hours:
    slots: list[Slot] = field(default_factory=list)
    days: list[DayOff] = field(default_factory=list)

    def identified(self) -> list[tuple[str, Where]]:
        return [(str(slot.schedule.uuid), slot.where) for slot in self.slots] + [
            (str(day.exception.uuid), day.where) for day in self.days
        ]


def _is_exception(item: dict[str, Any], extension: dict[str, Any]) -> bool:
    if "exception" in extension:
        return bool(extension["exception"])
    valid_from = item.get("valid_from")
    return not item.get("freq") and bool(valid_from) and valid_from == item.get("valid_to")


def _weekdays(value: str, where: Where, checker: Checker) -> list[tuple[int, int | None]]:
    """``byday`` ("TU", "1TU", "-1TU", "MO,TH") as (weekday, week of the month)."""
    days = []
    for part in (part.strip().upper() for part in value.split(",") if part.strip()):
        code, prefix = part[-2:], part[:-2]
        week = int(prefix) if prefix.lstrip("-").isdigit() else None
        if code not in WEEKDAYS or (prefix and week not in WeekOfMonth.values):
            checker.add(
                where,
                "byday",
                _("Use a day like MO, TU, ... or, monthly, 1TU for the first Tuesday."),
            )
            return []
        days.append((WEEKDAYS[code], week))
    if not days:
        checker.add(where, "byday", _("This field is required."))
    return days


def _kind(item: dict[str, Any], extension: dict[str, Any]) -> str:
    if extension.get("kind") in Schedule.Kind.values:
        return str(extension["kind"])
    if item.get("attending_type") == serialise.OFFICE_HOURS_ATTENDING_TYPE:
        return Schedule.Kind.OFFICE_HOURS
    return Schedule.Kind.OPENING_HOURS


def _by_appointment(
    item: dict[str, Any], extension: dict[str, Any], where: Where, checker: Checker
) -> bool:
    if "by_appointment" in extension:
        return bool(
            checker.read(where, f"{EXTENSION}.by_appointment", as_flag, extension["by_appointment"])
        )
    return item.get("description") == serialise.BY_APPOINTMENT_DESCRIPTION


def _clean(instance: Schedule | ScheduleException, where: Where, checker: Checker) -> None:
    try:
        instance.full_clean(
            exclude=["service", "location", "uuid"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as error:
        checker.model(where, error, SCHEDULE_FIELDS)


def _check_times(
    item: dict[str, Any], opens: Any, closes: Any, where: Where, checker: Checker
) -> bool:
    if opens is None or closes is None:
        for name, value in (("opens_at", opens), ("closes_at", closes)):
            if value is None and not item.get(name):  # (an unreadable one is reported)
                checker.add(where, name, _("This field is required."))
        return False
    if closes <= opens:
        checker.add(where, "closes_at", _("The closing time must be later than the opening time."))
        return False
    return True


def _slots(item: dict[str, Any], where: Where, checker: Checker, identifier: str) -> list[Slot]:
    extension = item.get(EXTENSION) or {}
    if item.get("freq") not in (None, "", "WEEKLY", "MONTHLY"):
        checker.add(where, "freq", _("Only WEEKLY and MONTHLY schedules can be imported."))
        return []
    opens = checker.read(where, "opens_at", as_time, item.get("opens_at"))
    closes = checker.read(where, "closes_at", as_time, item.get("closes_at"))
    valid_from = checker.read(where, "valid_from", as_date, item.get("valid_from"))
    valid_to = checker.read(where, "valid_to", as_date, item.get("valid_to"))
    if valid_from and valid_to and valid_to < valid_from:
        checker.add(where, "valid_to", _("The end date must not be before the start date."))
    times_ok = _check_times(item, opens, closes, where, checker)
    location_id = _location_id(item, where, checker)
    days = _weekdays(as_text(item.get("byday")), where, checker)
    slots = []
    for index, (weekday, week) in enumerate(days):
        schedule = Schedule(  # type: ignore[misc]  # times may be missing: reported above
            uuid=identifier if index == 0 else serialise.derived_id(identifier, weekday),
            kind=_kind(item, extension),
            weekday=weekday,
            week_of_month=week,
            opens_at=opens,
            closes_at=closes,
            valid_from=valid_from,
            valid_to=valid_to,
            by_appointment=_by_appointment(item, extension, where, checker),
            notes=checker.read(where, "notes", as_text, item.get("notes")) or "",
        )
        if times_ok:
            _clean(schedule, where, checker)
        slots.append(Slot(schedule, location_id, where))
    return slots


def _day_off(
    item: dict[str, Any], where: Where, checker: Checker, identifier: str
) -> DayOff | None:
    extension = item.get(EXTENSION) or {}
    when = checker.read(where, "valid_from", as_date, item.get("valid_from") or item.get("dtstart"))
    if when is None:
        checker.add(where, "valid_from", _("This field is required."))
        return None
    closed = (
        bool(checker.read(where, f"{EXTENSION}.closed", as_flag, extension["closed"]))
        if "closed" in extension
        else item.get("description") == serialise.CLOSED_DESCRIPTION or not item.get("opens_at")
    )
    opens = closes = None
    if not closed:
        opens = checker.read(where, "opens_at", as_time, item.get("opens_at"))
        closes = checker.read(where, "closes_at", as_time, item.get("closes_at"))
        _check_times(item, opens, closes, where, checker)
    exception = ScheduleException(
        uuid=identifier,
        date=when,
        closed=closed,
        opens_at=opens,
        closes_at=closes,
        reason=checker.read(where, "notes", as_text, item.get("notes")) or "",
    )
    _clean(exception, where, checker)
    return DayOff(exception, _location_id(item, where, checker), where)


def _location_id(item: dict[str, Any], where: Where, checker: Checker) -> str | None:
    value = item.get("location_id")
    return checker.read(where, "location_id", as_uuid, value) if value else None


def read_hours(items: Any, parent: Where, checker: Checker, *, key: str = "schedules") -> Hours:
    hours = Hours()
    if not isinstance(items, list):
        if items is not None:
            checker.add(parent, key, _("This must be a list."))
        return hours
    for index, item in enumerate(items):
        where = where_of(item, parent.inside(key, index)) if isinstance(item, dict) else parent
        if not isinstance(item, dict):
            checker.add(where, key, _("This must be a list of objects."))
            continue
        identifier = checker.read(where, "id", as_uuid, item.get("id"))
        if identifier is None:
            continue
        if _is_exception(item, item.get(EXTENSION) or {}):
            day_off = _day_off(item, where, checker, identifier)
            if day_off is not None:
                hours.days.append(day_off)
        else:
            hours.slots += _slots(item, where, checker, identifier)
    check_overlaps(hours, checker)
    return hours


def _weeks_meet(first: int | None, second: int | None) -> bool:
    return first is None or second is None or first == second


def _overlap(first: Schedule, second: Schedule) -> bool:
    return (
        first.kind == second.kind
        and first.weekday == second.weekday
        and _weeks_meet(first.week_of_month, second.week_of_month)
        and first.opens_at < second.closes_at
        and first.closes_at > second.opens_at
    )


def check_overlaps(hours: Hours, checker: Checker) -> None:
    valid = [slot for slot in hours.slots if slot.schedule.opens_at and slot.schedule.closes_at]
    for index, slot in enumerate(valid):
        if any(
            earlier.location_id == slot.location_id and _overlap(earlier.schedule, slot.schedule)
            for earlier in valid[:index]
        ):
            checker.add(
                slot.where,
                "opens_at",
                _("These hours overlap with hours already entered for that day."),
            )


def check_office_hours(
    hours: Hours,
    checker: Checker,
    *,
    is_social_house: Callable[[str], bool],
    opening_hours: Callable[[str], list[Schedule]],
) -> None:
    """Office hours are held at a Sociaal Huis, within its opening hours."""
    for slot in hours.slots:
        schedule = slot.schedule
        if schedule.kind != Schedule.Kind.OFFICE_HOURS or schedule.opens_at is None:
            continue
        if slot.location_id is None or not is_social_house(slot.location_id):
            checker.add(
                slot.where,
                "location_id",
                _("Office hours are held at a Sociaal Huis: choose its location."),
            )
            continue
        if not any(
            opening.weekday == schedule.weekday
            and opening.opens_at <= schedule.opens_at
            and opening.closes_at >= schedule.closes_at
            for opening in opening_hours(slot.location_id)
        ):
            checker.add(
                slot.where,
                "opens_at",
                _(
                    "The Sociaal Huis is not open for the whole of that time. "
                    "Choose hours within its opening hours."
                ),
            )
