"""Appointments as iCalendar (RFC 5545) with the icalendar library.

Two audiences: the worker's calendar (feed and download) gets a neutral event — when,
what kind, where — never the client's name, the purpose or a home address, because a
calendar address can leak and phones sync calendars to third parties. The person's own
confirmation carries the purpose and the address of their home visit.

Times are in Europe/Brussels with the VTIMEZONE included; the UID is the appointment's
uuid, so a moved or cancelled appointment replaces the earlier one in the calendar app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from sociaalhuis.frontdesk.models import Appointment, AppointmentKind, AppointmentStatus

PRODID = "-//Sociaal Huis//Appointments//NL"


def _serialised(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    # icalendar leaves Component.to_ical unannotated; it returns the RFC 5545 text as bytes.
    text: bytes = calendar.to_ical()
    return text


def _local(moment: datetime) -> datetime:
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def _calendar(name: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if name:
        calendar.add("x-wr-calname", name)
    return calendar


def _place(appointment: Appointment) -> str:
    if appointment.kind == AppointmentKind.HOME_VISIT:
        return _("Home visit (address in the platform)")
    if appointment.kind == AppointmentKind.PHONE:
        return _("By phone")
    return appointment.location


def _event(appointment: Appointment, summary: str, location: str, url: str) -> Event:
    event = Event()
    event.add("uid", str(appointment.uuid))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", _local(appointment.starts_at))
    event.add("dtend", _local(appointment.ends_at))
    event.add("sequence", appointment.version)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    cancelled = appointment.status == AppointmentStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def worker_event(appointment: Appointment, url: str = "") -> Event:
    """The neutral event for a worker's calendar: kind, time and place only."""
    summary = _("Sociaal Huis: %(kind)s") % {"kind": appointment.get_kind_display()}
    return _event(appointment, summary, _place(appointment), url)


def worker_calendar(
    appointments: Iterable[Appointment],
    name: str,
    url_of: Callable[[Appointment], str] | None = None,
) -> bytes:
    calendar = _calendar(name)
    for appointment in appointments:
        url = url_of(appointment) if url_of is not None else ""
        calendar.add_component(worker_event(appointment, url))
    return _serialised(calendar)


def person_calendar(appointment: Appointment) -> bytes:
    """The person's own copy, attached to the confirmation (in the active language)."""
    calendar = _calendar()
    calendar.add("method", "PUBLISH")
    location = (
        appointment.address
        if appointment.kind == AppointmentKind.HOME_VISIT
        else _place(appointment)
    )
    summary = _("Appointment at the Sociaal Huis: %(kind)s") % {
        "kind": appointment.get_kind_display()
    }
    event = _event(appointment, summary, location, "")
    if appointment.purpose:
        event.add("description", appointment.purpose)
    calendar.add_component(event)
    return _serialised(calendar)
