"""Reads for appointments: free slots, the day view, calendars, the feed.

A calendar is one of three owners: a worker, a cell, or a partner service holding an
office day (zitdag) in the Sociaal Huis. Its bookable slots come from its weekly
``Availability`` rows in "slots" mode and, for a partner service, also from the
social map's office hours (``directory.Schedule`` of kind office_hours at the
municipality's Sociaal Huis), cut into half hours.

Every function here runs a fixed number of queries, whatever the number of
appointments or slots. ``appointment_for`` is the door the pages use: it records the
read of the appointment's person.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from sociaalhuis.accounts.authorization import CASEWORK_ROLES
from sociaalhuis.accounts.models import Cell, CellMember, User
from sociaalhuis.accounts.queries import colleagues
from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record_for_request
from sociaalhuis.clients.models import ContactRestriction, Person
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Schedule, Service
from sociaalhuis.directory.queries import occurs_on
from sociaalhuis.dossiers.models import Dossier, DossierStatus
from sociaalhuis.frontdesk.appointments.services import token_hash
from sociaalhuis.frontdesk.models import (
    Appointment,
    AppointmentStatus,
    Availability,
    AvailabilityMode,
    CalendarFeed,
)

OFFICE_DAY_SLOT_MINUTES = 30
MAX_RANGE_DAYS = 31


@dataclass(frozen=True)
class Owner:
    """Whose calendar: exactly one of worker, cell, service."""

    worker: User | None = None
    cell: Cell | None = None
    service: Service | None = None

    @property
    def key(self) -> str:
        if self.worker is not None:
            return f"worker:{self.worker.pk}"
        if self.cell is not None:
            return f"cell:{self.cell.pk}"
        assert self.service is not None
        return f"service:{self.service.pk}"

    @property
    def label(self) -> str:
        return str(self.worker or self.cell or self.service)

    def filter(self) -> Q:
        if self.worker is not None:
            return Q(worker=self.worker)
        if self.cell is not None:
            return Q(cell=self.cell)
        return Q(service=self.service)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    location: str = ""

    @property
    def value(self) -> str:
        """How the booking form carries the slot (a radio button's value)."""
        return f"{self.starts_at.isoformat()}|{self.ends_at.isoformat()}"


# --- Who has a calendar ----------------------------------------------------------------


def workers() -> QuerySet[User]:
    """Users holding a casework role in the active municipality."""
    return colleagues(*CASEWORK_ROLES)


def hours_in_force(user: User, service_ids: list[int]) -> QuerySet[Availability]:
    """The hours that apply today or later of the user, their cells and the office-day
    services they keep hours for."""
    today = timezone.localdate()
    return (
        Availability.objects.filter(
            Q(worker=user) | Q(cell__in=my_cells(user)) | Q(service_id__in=service_ids)
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .select_related("worker", "cell")
        .prefetch_related("service__texts")
        .order_by("worker", "cell", "service", "weekday", "starts_at")
    )


def cells() -> QuerySet[Cell]:
    return Cell.objects.filter(active=True).order_by("name_nl")


def office_day_services() -> QuerySet[Service]:
    """Partner services that hold office days in this municipality's Sociaal Huis."""
    municipality_id = tenancy.require_municipality_id()
    scheduled = Schedule.objects.filter(
        kind=Schedule.Kind.OFFICE_HOURS, location__social_house_of_id=municipality_id
    ).values("service_id")
    planned = Availability.objects.filter(service__isnull=False).values("service_id")
    return (
        Service.objects.filter(municipalities=municipality_id)
        .filter(Q(pk__in=scheduled) | Q(pk__in=planned))
        .prefetch_related("texts")
        .distinct()
    )


def my_cells(user: User) -> QuerySet[Cell]:
    return cells().filter(pk__in=CellMember.objects.filter(user=user).values("cell_id"))


def owner_from_key(key: str, default_user: User) -> Owner:
    """ "worker:12" / "cell:3" / "service:5" → the owner, 404 for anything not ours."""
    kind, _sep, raw = key.partition(":")
    if not raw.isdigit():
        return Owner(worker=default_user)
    pk = int(raw)
    if kind == "worker":
        found_worker = workers().filter(pk=pk).first()
        if found_worker is None:
            raise Http404
        return Owner(worker=found_worker)
    if kind == "cell":
        found_cell = cells().filter(pk=pk).first()
        if found_cell is None:
            raise Http404
        return Owner(cell=found_cell)
    if kind == "service":
        found_service = office_day_services().filter(pk=pk).first()
        if found_service is None:
            raise Http404
        return Owner(service=found_service)
    return Owner(worker=default_user)


# --- Free slots ------------------------------------------------------------------------


def _applies(rule: Availability, day: date) -> bool:
    return (
        rule.weekday == day.isoweekday()
        and rule.valid_from <= day
        and (rule.valid_until is None or rule.valid_until >= day)
    )


def _cut(day: date, starts: time, ends: time, minutes: int, location: str) -> list[Slot]:
    slots = []
    cursor = timezone.make_aware(datetime.combine(day, starts))
    last = timezone.make_aware(datetime.combine(day, ends))
    step = timedelta(minutes=minutes)
    while cursor + step <= last:
        slots.append(Slot(cursor, cursor + step, location))
        cursor += step
    return slots


def _rules(owner: Owner, mode: str, first: date, last: date) -> list[Availability]:
    return list(
        Availability.objects.filter(owner.filter(), mode=mode, valid_from__lte=last)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=first))
        .order_by("weekday", "starts_at")
    )


def _office_hours(owner: Owner) -> list[Schedule]:
    if owner.service is None:
        return []
    return list(
        Schedule.objects.filter(
            service=owner.service,
            kind=Schedule.Kind.OFFICE_HOURS,
            location__social_house_of_id=tenancy.require_municipality_id(),
        ).select_related("location")
    )


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def free_slots(owner: Owner, first: date, last: date) -> list[Slot]:
    """Bookable slots of ``owner`` from ``first`` to ``last`` (inclusive) not yet booked.

    Three queries: the weekly rules, the map's office hours, the booked appointments.
    """
    last = min(last, first + timedelta(days=MAX_RANGE_DAYS - 1))
    rules = _rules(owner, AvailabilityMode.SLOTS, first, last)
    office_hours = _office_hours(owner)
    candidates: dict[datetime, Slot] = {}
    for day in _days(first, last):
        for rule in rules:
            if _applies(rule, day):
                for slot in _cut(
                    day, rule.starts_at, rule.ends_at, rule.slot_minutes, rule.location
                ):
                    candidates.setdefault(slot.starts_at, slot)
        for schedule in office_hours:
            if occurs_on(schedule, day):
                place = schedule.location.name if schedule.location else ""
                for slot in _cut(
                    day, schedule.opens_at, schedule.closes_at, OFFICE_DAY_SLOT_MINUTES, place
                ):
                    candidates.setdefault(slot.starts_at, slot)
    if not candidates:
        return []
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min))
    taken = list(
        Appointment.objects.filter(owner.filter(), starts_at__lt=end, ends_at__gt=start)
        .exclude(status=AppointmentStatus.CANCELLED)
        .values_list("starts_at", "ends_at")
    )
    now = timezone.now()
    return [
        slot
        for _start, slot in sorted(candidates.items())
        if slot.starts_at > now
        and not any(
            slot.starts_at < busy_end and slot.ends_at > busy_start
            for busy_start, busy_end in taken
        )
    ]


# --- Day view --------------------------------------------------------------------------


@dataclass
class DayView:
    owner: Owner
    day: date
    appointments: list[Appointment] = field(default_factory=list)
    open_hours: list[Availability] = field(default_factory=list)
    slot_hours: list[Availability] = field(default_factory=list)

    @property
    def previous_day(self) -> date:
        return self.day - timedelta(days=1)

    @property
    def next_day(self) -> date:
        return self.day + timedelta(days=1)


def _with_people(appointments: QuerySet[Appointment]) -> QuerySet[Appointment]:
    """Appointments with the person's name and active contact restrictions (two queries)."""
    return appointments.select_related(
        "person__identity", "worker", "cell", "dossier"
    ).prefetch_related(
        Prefetch(
            "person__restrictions",
            queryset=ContactRestriction.objects.filter(lifted_at__isnull=True),
            to_attr="active_restrictions",
        )
    )


def day_view(owner: Owner, day: date) -> DayView:
    """A calendar's appointments and hours of one day: four queries at most."""
    start = timezone.make_aware(datetime.combine(day, time.min))
    end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
    appointments = list(
        _with_people(
            Appointment.objects.filter(owner.filter(), starts_at__lt=end, ends_at__gt=start)
        ).order_by("starts_at", "pk")
    )
    hours = list(
        Availability.objects.filter(owner.filter(), weekday=day.isoweekday())
        .filter(valid_from__lte=day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))
        .order_by("starts_at")
    )
    return DayView(
        owner=owner,
        day=day,
        appointments=appointments,
        open_hours=[rule for rule in hours if rule.mode == AvailabilityMode.OPEN_HOURS],
        slot_hours=[rule for rule in hours if rule.mode == AvailabilityMode.SLOTS],
    )


# --- One appointment, a person's appointments ----------------------------------------


def bookable_dossiers(person: Person) -> QuerySet[Dossier]:
    """The person's dossiers an appointment can be booked in (all but closed ones)."""
    return Dossier.objects.filter(person=person).exclude(status=DossierStatus.CLOSED)


def appointment_for(request: HttpRequest, appointment_id: int) -> Appointment:
    """One appointment of the active municipality (404 for any other), recorded as a
    read of its person's identity (the page shows their name and contact wishes)."""
    found = _appointment_detail(appointment_id)
    if found.person_id is not None:
        access_record_for_request(
            request,
            action=Action.READ,
            object_type="clients.identity",
            object_id=str(found.person_id),
            person_id=found.person_id,
        )
    return found


def _appointment_detail(appointment_id: int) -> Appointment:
    """One appointment of the active municipality (404 for any other)."""
    found = (
        _with_people(Appointment.objects.filter(pk=appointment_id))
        .select_related("service", "created_by", "question")
        .first()
    )
    if found is None:
        raise Http404
    return found


def upcoming_of_person(person_id: int, limit: int = 10) -> list[Appointment]:
    return list(
        Appointment.objects.filter(
            person_id=person_id,
            status=AppointmentStatus.PLANNED,
            ends_at__gte=timezone.now(),
        )
        .select_related("worker", "cell")
        .order_by("starts_at")[:limit]
    )


# --- Feeds -----------------------------------------------------------------------------

FEED_PAST_DAYS = 30
FEED_FUTURE_DAYS = 365


def active_feed(user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_owner(token: str) -> User | None:
    """The worker whose live feed this token opens, in the active municipality.

    Revoked tokens, unknown tokens and workers who no longer hold a casework role here
    all answer None (the view turns that into 404, telling nothing more).
    """
    feed = (
        CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not workers().filter(pk=feed.user_id).exists():
        return None
    return feed.user


def feed_appointments(user: User) -> list[Appointment]:
    now = timezone.now()
    return list(
        Appointment.objects.filter(
            worker=user,
            starts_at__gte=now - timedelta(days=FEED_PAST_DAYS),
            starts_at__lte=now + timedelta(days=FEED_FUTURE_DAYS),
        )
        .exclude(status=AppointmentStatus.CANCELLED)
        .order_by("starts_at")
    )
