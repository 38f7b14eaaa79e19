"""Writes for appointments and consultation hours: every change goes through here.

Each function checks who may act, validates, writes, audits (with the person) and
adds a line to the dossier's timeline in one transaction. A booking first takes a
lock per calendar (worker, cell, partner office day) and per person, then checks for
overlaps: two desks booking the same slot at the same moment are served one after
the other, and the second one is told the slot is taken.

Home visits and the person's contact wishes: a person who asked not to be visited
at home (an active ``ContactRestriction`` for ``Channel.HOME_VISIT``) is not booked
for a home visit unless the worker states why it is agreed this time
(``override_reason``). The reason goes into the access log and on the appointment,
so the exception is visible to everyone who opens it.

This package is the sub-domain's write API (callers write ``services.appointment_book``);
the work lives in ``hours``, ``bookings`` and ``feeds``.
"""

from sociaalhuis.frontdesk.appointments.services.bookings import (
    active_restriction,
    appointment_book,
    appointment_cancel,
    appointment_record_outcome,
    appointment_reschedule,
    office_day_book_for_partner,
)
from sociaalhuis.frontdesk.appointments.services.feeds import (
    calendar_feed_create,
    calendar_feed_revoke,
    token_hash,
)
from sociaalhuis.frontdesk.appointments.services.hours import (
    MAX_SLOT_MINUTES,
    MIN_SLOT_MINUTES,
    availability_add,
    availability_end,
    is_cell_member,
)

__all__ = [
    "MAX_SLOT_MINUTES",
    "MIN_SLOT_MINUTES",
    "active_restriction",
    "appointment_book",
    "appointment_cancel",
    "appointment_record_outcome",
    "appointment_reschedule",
    "availability_add",
    "availability_end",
    "calendar_feed_create",
    "calendar_feed_revoke",
    "is_cell_member",
    "office_day_book_for_partner",
    "token_hash",
]
