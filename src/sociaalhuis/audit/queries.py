from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from sociaalhuis.audit.models import AccessLogEntry, Action
from sociaalhuis.audit.services import access_record_for_request


@dataclass(frozen=True)
class LogFilter:
    person_id: int | None = None
    actor_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    action: str = ""
    result: str = ""
    break_glass: bool = False  # only emergency ("break the glass") access


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def log_entries(log_filter: LogFilter) -> QuerySet[AccessLogEntry]:
    """Entries of the active municipality, newest first, matching the filter."""
    entries = AccessLogEntry.objects.select_related("actor")
    if log_filter.person_id is not None:
        entries = entries.filter(person_id=log_filter.person_id)
    if log_filter.actor_id is not None:
        entries = entries.filter(actor_id=log_filter.actor_id)
    if log_filter.date_from is not None:
        entries = entries.filter(at__gte=_start_of(log_filter.date_from))
    if log_filter.date_to is not None:
        entries = entries.filter(at__lt=_start_of(log_filter.date_to + timedelta(days=1)))
    if log_filter.action:
        entries = entries.filter(action=log_filter.action)
    if log_filter.result:
        entries = entries.filter(result=log_filter.result)
    if log_filter.break_glass:
        entries = entries.filter(break_glass=True)
    return entries.order_by("-at", "-id")


def access_log_for(request: HttpRequest, log_filter: LogFilter) -> QuerySet[AccessLogEntry]:
    """``log_entries`` for the DPO screen. The log names people, so reading it is itself
    an access to record. Recorded before the page is counted: counting first and then
    slicing would show this read and drop the oldest entry of the page.
    """
    access_record_for_request(
        request,
        action=Action.READ,
        object_type="audit.accesslog",
        person_id=log_filter.person_id,
    )
    return log_entries(log_filter)
