"""Appointment screens: day view, booking, one appointment, hours, calendar feed.

Route access ("frontdesk.appointments") is decided by the authorization matrix before
these run; objects come through the tenant-scoped managers, so an appointment of
another municipality answers 404. The calendar feed is the one public route: a
calendar app cannot log in, so the secret address is the key.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sociaalhuis.accounts.queries import acting_user
from sociaalhuis.clients.models import Channel, Person
from sociaalhuis.clients.queries import active_restrictions, person_for
from sociaalhuis.core import tenancy
from sociaalhuis.core.concurrency import EditConflictError
from sociaalhuis.directory.models.schedules import Weekday
from sociaalhuis.frontdesk.appointments import queries, services
from sociaalhuis.frontdesk.appointments.forms import (
    AvailabilityForm,
    BookForm,
    CalendarForm,
    CancelForm,
    OutcomeForm,
    RescheduleForm,
    calendar_choices,
)
from sociaalhuis.frontdesk.appointments.ical import worker_calendar
from sociaalhuis.frontdesk.appointments.mail import recipient_for
from sociaalhuis.frontdesk.models import Appointment, AppointmentStatus, Availability
from sociaalhuis.tenants.models import Municipality

BOOKING_DAYS = 7


def _day_from(text: str | None) -> date:
    try:
        return date.fromisoformat(text) if text else timezone.localdate()
    except ValueError:
        return timezone.localdate()


def _calendar_choices() -> list[tuple[Any, Any]]:
    return calendar_choices(
        list(queries.workers()), list(queries.cells()), list(queries.office_day_services())
    )


def _day_url(key: str, day: date) -> str:
    return f"{reverse('appointments:day')}?{urlencode({'calendar': key, 'date': day.isoformat()})}"


# --- Day view ---------------------------------------------------------------------------


def day(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    key = request.GET.get("calendar") or f"worker:{user.pk}"
    owner = queries.owner_from_key(key, user)
    shown = _day_from(request.GET.get("date"))
    form = CalendarForm(initial={"calendar": owner.key, "date": shown}, choices=_calendar_choices())
    view = queries.day_view(owner, shown)
    return render(
        request,
        "frontdesk/appointments/day.html",
        {
            "form": form,
            "view": view,
            "is_today": shown == timezone.localdate(),
            "previous_url": _day_url(owner.key, view.previous_day),
            "next_url": _day_url(owner.key, view.next_day),
            "today_url": _day_url(owner.key, timezone.localdate()),
        },
    )


# --- Booking ---------------------------------------------------------------------------


def _person_for_booking(request: HttpRequest) -> Person | None:
    raw = request.POST.get("person") or request.GET.get("person") or ""
    return person_for(request, raw, current_only=True) if raw else None


def book(request: HttpRequest) -> HttpResponse:
    person = _person_for_booking(request)
    if person is None:
        return render(request, "frontdesk/appointments/book_no_person.html", status=200)
    source = request.POST if request.method == "POST" else request.GET
    user = acting_user(request)
    key = source.get("calendar") or f"worker:{user.pk}"
    owner = queries.owner_from_key(key, user)
    first = max(_day_from(source.get("from")), timezone.localdate())
    slots = queries.free_slots(owner, first, first + timedelta(days=BOOKING_DAYS - 1))
    restrictions = list(active_restrictions(person))
    restricted_home_visit = any(r.channel == Channel.HOME_VISIT for r in restrictions)
    form = BookForm(
        request.POST if request.method == "POST" else None,
        slots=slots,
        dossiers=queries.bookable_dossiers(person),
        restricted_home_visit=restricted_home_visit,
        initial={"kind": "office_day" if owner.service is not None else "office"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.appointment_book(
                actor=acting_user(request),
                kind=data["kind"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                person=person,
                worker=owner.worker,
                cell=owner.cell,
                service=owner.service,
                location=data["location"] or data["slot_location"],
                address=data["address"],
                purpose=data["purpose"],
                dossier=data["dossier"],
                override_reason=data.get("override_reason") or "",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The appointment was booked."))
            return redirect("appointments:detail", appointment_id=appointment.pk)
    next_from = first + timedelta(days=BOOKING_DAYS)
    return render(
        request,
        "frontdesk/appointments/book.html",
        {
            "person": person,
            "identity": getattr(person, "identity", None),
            "restrictions": restrictions,
            "restricted_home_visit": restricted_home_visit,
            "calendar_form": CalendarForm(
                initial={"calendar": owner.key, "date": first}, choices=_calendar_choices()
            ),
            "owner": owner,
            "first": first,
            "last": first + timedelta(days=BOOKING_DAYS - 1),
            "next_url": f"{reverse('appointments:book')}?"
            + urlencode(
                {"person": str(person.pk), "calendar": owner.key, "from": next_from.isoformat()}
            ),
            "form": form,
            "slot_count": len(slots),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# --- One appointment ----------------------------------------------------------------------


def _confirmation_state(appointment: Appointment) -> str:
    if appointment.confirmation_sent_at is not None:
        return "sent"
    _recipient, reason = recipient_for(appointment)
    return reason or "not_sent"


def _detail(
    request: HttpRequest, appointment: Appointment, status: int = 200, **forms: Any
) -> HttpResponse:
    local_start = timezone.localtime(appointment.starts_at)
    local_end = timezone.localtime(appointment.ends_at)
    version = {"version": appointment.version}
    context = {
        "appointment": appointment,
        "restrictions": getattr(appointment.person, "active_restrictions", []),
        "planned": appointment.status == AppointmentStatus.PLANNED,
        "started": appointment.starts_at <= timezone.now(),
        "confirmation": _confirmation_state(appointment),
        "cancel_form": forms.get("cancel_form") or CancelForm(initial=version),
        "reschedule_form": forms.get("reschedule_form")
        or RescheduleForm(
            initial={
                **version,
                "day": local_start.date(),
                "starts": local_start.time(),
                "ends": local_end.time(),
            }
        ),
        "version": appointment.version,
        "conflict": forms.get("conflict"),
    }
    return render(request, "frontdesk/appointments/detail.html", context, status=status)


def detail(request: HttpRequest, appointment_id: int) -> HttpResponse:
    return _detail(request, queries.appointment_for(request, appointment_id))


@require_POST
def cancel(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = queries.appointment_for(request, appointment_id)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_cancel(
                appointment,
                actor=acting_user(request),
                based_on_version=form.cleaned_data["version"],
                reason=form.cleaned_data["reason"],
            )
        except EditConflictError:
            return _conflict(request, appointment_id, cancel_form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The appointment was cancelled."))
            return redirect("appointments:detail", appointment_id=appointment_id)
    return _detail(request, appointment, status=400, cancel_form=form)


@require_POST
def outcome(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = queries.appointment_for(request, appointment_id)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_record_outcome(
                appointment,
                actor=acting_user(request),
                based_on_version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except EditConflictError:
            return _conflict(request, appointment_id)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _detail(request, appointment, status=400)
        messages.success(request, _("The outcome was recorded."))
        return redirect("appointments:detail", appointment_id=appointment_id)
    return _detail(request, appointment, status=400)


@require_POST
def reschedule(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = queries.appointment_for(request, appointment_id)
    form = RescheduleForm(request.POST)
    if form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.appointment_reschedule(
                appointment,
                actor=acting_user(request),
                based_on_version=form.cleaned_data["version"],
                starts_at=starts_at,
                ends_at=ends_at,
            )
        except EditConflictError:
            return _conflict(request, appointment_id, reschedule_form=form)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The appointment was moved."))
            return redirect("appointments:detail", appointment_id=appointment_id)
    return _detail(request, appointment, status=400, reschedule_form=form)


def _conflict(request: HttpRequest, appointment_id: int, **forms: Any) -> HttpResponse:
    """Someone changed the appointment meanwhile: show it as it is now, keep the input."""
    current = queries.appointment_for(request, appointment_id)
    for form in forms.values():
        # Their text stays; the version moves on so a deliberate second try can pass.
        form.data = form.data.copy()
        form.data["version"] = current.version
    return _detail(request, current, status=409, conflict=True, **forms)


def download(request: HttpRequest, appointment_id: int) -> HttpResponse:
    appointment = queries.appointment_for(request, appointment_id)
    url = request.build_absolute_uri(reverse("appointments:detail", args=[appointment.pk]))
    body = worker_calendar([appointment], _("Sociaal Huis"), lambda _a: url)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="appointment-{appointment.uuid}.ics"'
    return response


# --- Consultation hours and slots ------------------------------------------------------


def _hour_owners(request: HttpRequest) -> list[tuple[Any, Any]]:
    owners: list[tuple[Any, Any]] = [("me", _("My own hours"))]
    owners += [(f"cell:{cell.pk}", str(cell)) for cell in queries.my_cells(acting_user(request))]
    owners += [
        (f"service:{service.pk}", _("Office day: %(service)s") % {"service": service.display_name})
        for service in queries.office_day_services()
    ]
    return owners


def availability(request: HttpRequest) -> HttpResponse:
    owners = _hour_owners(request)
    form = AvailabilityForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        item: Availability = form.save(commit=False)
        kind, _sep, raw = form.cleaned_data["owner"].partition(":")
        if kind == "me":
            item.worker = acting_user(request)
        elif kind == "cell":
            item.cell = get_object_or_404(queries.my_cells(acting_user(request)), pk=int(raw))
        else:
            item.service = get_object_or_404(queries.office_day_services(), pk=int(raw))
        try:
            services.availability_add(item, actor=acting_user(request))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The hours were added."))
            return redirect("appointments:availability")
    service_ids = [int(key.split(":")[1]) for key, _label in owners if key.startswith("service:")]
    listed = queries.hours_in_force(acting_user(request), service_ids)
    return render(
        request,
        "frontdesk/appointments/availability.html",
        {"form": form, "hours": [(rule, Weekday(rule.weekday).label) for rule in listed]},
        status=400 if form.errors else 200,
    )


@require_POST
def availability_end(request: HttpRequest, availability_id: int) -> HttpResponse:
    item = get_object_or_404(Availability, pk=availability_id)
    services.availability_end(item, actor=acting_user(request))
    messages.success(request, _("These hours no longer apply from today."))
    return redirect("appointments:availability")


# --- Calendar feed ---------------------------------------------------------------------


def feed_settings(request: HttpRequest) -> HttpResponse:
    token = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.calendar_feed_revoke(actor=acting_user(request))
            messages.success(request, _("The calendar address no longer works."))
            return redirect("appointments:feed_settings")
        token = services.calendar_feed_create(actor=acting_user(request))
    municipality = Municipality.objects.get(pk=tenancy.require_municipality_id())
    address = (
        request.build_absolute_uri(
            reverse("appointments:feed", kwargs={"municipality": municipality.slug, "token": token})
        )
        if token
        else ""
    )
    return render(
        request,
        "frontdesk/appointments/feed.html",
        {"feed": queries.active_feed(acting_user(request)), "address": address},
    )


def feed(request: HttpRequest, municipality: str, token: str) -> HttpResponse:
    place = get_object_or_404(Municipality, slug=municipality, active=True)
    with tenancy.activate(tenancy.TenantContext(municipality_id=place.pk)):
        owner = queries.feed_owner(token)
        if owner is None:
            raise Http404
        body = worker_calendar(
            queries.feed_appointments(owner),
            _("Sociaal Huis %(municipality)s") % {"municipality": place.name},
        )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
