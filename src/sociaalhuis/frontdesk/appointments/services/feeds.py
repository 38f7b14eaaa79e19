"""Calendar feeds: a worker's private iCalendar address (only its hash is stored)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.frontdesk.appointments.services.hours import require_casework
from sociaalhuis.frontdesk.models import CalendarFeed


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def calendar_feed_create(*, actor: User) -> str:
    """A new secret feed address for the actor (the old one stops working).

    Returns the token, shown once; only its hash is kept.
    """
    require_casework()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        CalendarFeed.objects.create(user=actor, token_hash=token_hash(token))
    return token


def calendar_feed_revoke(*, actor: User) -> int:
    require_casework()
    return CalendarFeed.objects.filter(user=actor, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
