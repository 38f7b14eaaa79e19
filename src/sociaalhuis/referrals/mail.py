"""Sending the referral e-mails kept in ``OutgoingMail``: the task and the retry.

Each mail is sent on its own, with its row locked (``skip_locked``) so the task that
follows a commit and the ``send_referral_mail`` command never send one twice at the
same time. A failure of the mail server is recorded on the row (``attempts``,
``last_error``) and logged, never raised: the referral step it announces is already
saved, and the command tries again later, waiting twice as long after every failure
(1, 2, 4 … minutes, at most four hours) so a mail server that is down is not hammered.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from sociaalhuis.core import tenancy
from sociaalhuis.referrals.models import OutgoingMail

logger = logging.getLogger(__name__)

# After this many failed attempts a mail is left alone (``last_error`` says why).
MAX_ATTEMPTS = 10
ERROR_MAX_LENGTH = 300
LONGEST_WAIT = timedelta(hours=4)


def wait_after(attempts: int) -> timedelta:
    """How long to wait before the next try after ``attempts`` failures."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), LONGEST_WAIT)


@dataclass
class SendResult:
    sent: int = 0
    failed: int = 0

    def add(self, other: SendResult) -> None:
        self.sent += other.sent
        self.failed += other.failed


def _send_one(municipality_id: int, mail_id: int, connection: BaseEmailBackend) -> bool | None:
    """Send one mail: True when sent, False when the server refused, None when skipped."""
    with tenancy.for_municipality(municipality_id):
        row = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=mail_id, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return None  # sent already, or being sent by another worker right now
        message = EmailMessage(
            subject=row.subject,
            body=row.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[row.to_address],
        )
        try:
            connection.send_messages([message])
        except Exception as error:
            # Whatever the backend raises (refused, timed out, unreachable), the row keeps it.
            row.attempts += 1
            row.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX_LENGTH]
            row.next_attempt_at = timezone.now() + wait_after(row.attempts)
            row.save(update_fields=["attempts", "last_error", "next_attempt_at"])
            logger.warning(
                "Referral mail %s (%s) could not be sent, attempt %s: %s",
                row.pk,
                row.kind,
                row.attempts,
                row.last_error,
            )
            # A broken connection is opened again for the next mail.
            _close_quietly(connection)
            return False
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["sent_at", "last_error"])
        return True


def _close_quietly(connection: BaseEmailBackend) -> None:
    try:
        connection.close()
    except Exception:
        # Closing a dead connection may fail too; the next open() starts afresh.
        logger.debug("Closing the mail connection failed", exc_info=True)


def send_outgoing(municipality_id: int, mail_ids: Iterable[int]) -> SendResult:
    """Send the given mails of one municipality that are still unsent."""
    result = SendResult()
    ids = list(mail_ids)
    if not ids:
        return result
    connection = mailers.default
    try:
        for mail_id in ids:
            outcome = _send_one(municipality_id, mail_id, connection)
            if outcome is True:
                result.sent += 1
            elif outcome is False:
                result.failed += 1
    finally:
        _close_quietly(connection)
    return result


def pending_ids(municipality_id: int, *, due_by: datetime | None = None) -> list[int]:
    """Unsent mails of one municipality that are worth another try, oldest first.

    Only those whose wait after a failure is over by ``due_by`` (now); ``None`` also
    takes those still waiting (after the mail server was repaired, say).
    """
    with tenancy.for_municipality(municipality_id):
        rows = OutgoingMail.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        if due_by is not None:
            rows = rows.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=due_by))
        return list(rows.order_by("created_at", "pk").values_list("pk", flat=True))


def retry_pending(municipality_id: int, *, due_by: datetime | None = None) -> SendResult:
    return send_outgoing(municipality_id, pending_ids(municipality_id, due_by=due_by))


@task
def send_mails(municipality_id: int, mail_ids: list[int]) -> dict[str, int]:
    """The task enqueued after a referral step commits."""
    result = send_outgoing(municipality_id, mail_ids)
    return {"sent": result.sent, "failed": result.failed}
