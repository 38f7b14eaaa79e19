"""The e-mail confirmation of an appointment, sent as a Django task after the booking.

Sent only to a person with an e-mail address who did not ask us not to e-mail them
(an active ``ContactRestriction`` for ``Channel.EMAIL``), in their preferred language,
with the appointment as an .ics attachment. A mail server that fails never costs the
appointment: the failure is logged, ``confirmation_sent_at`` stays empty and the
appointment page says the confirmation was not sent.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from sociaalhuis.clients.models import Channel, ContactRestriction, Identity
from sociaalhuis.core import tenancy
from sociaalhuis.frontdesk.appointments.ical import person_calendar
from sociaalhuis.frontdesk.models import Appointment, AppointmentStatus

logger = logging.getLogger(__name__)

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@dataclass(frozen=True)
class Recipient:
    address: str
    language: str


def recipient_for(appointment: Appointment) -> tuple[Recipient | None, str]:
    """Where the confirmation goes, or why none goes: (recipient, reason code)."""
    if appointment.person_id is None:
        return None, "no_person"
    identity = Identity.objects.filter(person_id=appointment.person_id).first()
    if identity is None or not identity.email:
        return None, "no_email"
    if ContactRestriction.objects.filter(
        person_id=appointment.person_id, channel=Channel.EMAIL, lifted_at__isnull=True
    ).exists():
        return None, "email_restricted"
    language = appointment.person.preferred_language if appointment.person else "nl"
    return Recipient(identity.email, language if language in LANGUAGE_CODES else "nl"), ""


def _message(appointment: Appointment, recipient: Recipient) -> EmailMessage:
    with translation.override(recipient.language):
        context = {
            "appointment": appointment,
            "starts": timezone.localtime(appointment.starts_at),
            "ends": timezone.localtime(appointment.ends_at),
            "municipality": appointment.municipality,
        }
        subject = _("Your appointment at the Sociaal Huis on %(day)s") % {
            "day": f"{context['starts']:%d/%m/%Y %H:%M}"
        }
        body = render_to_string("frontdesk/appointments/email/confirmation.txt", context)
        attachment = person_calendar(appointment)
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.address])
    message.attach("appointment.ics", attachment, "text/calendar")
    return message


@task
def send_confirmation(appointment_id: int, municipality_id: int) -> None:
    with tenancy.for_municipality(municipality_id):
        appointment = (
            Appointment.objects.select_related("person", "municipality")
            .filter(pk=appointment_id, status=AppointmentStatus.PLANNED)
            .first()
        )
        if appointment is None:
            return
        recipient, _reason = recipient_for(appointment)
        if recipient is None:
            return
        message = _message(appointment, recipient)
    try:
        message.send()
    except Exception:
        # The appointment stands; the page shows "not sent" and the desk can call.
        logger.exception("Confirmation of appointment %s could not be sent", appointment_id)
        return
    with tenancy.for_municipality(municipality_id):
        Appointment.objects.filter(pk=appointment_id).update(confirmation_sent_at=timezone.now())
