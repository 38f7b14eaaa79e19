"""Helpers for tests that drive pages: signing in, counting queries, following mailed links."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.mail import EmailMessage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sociaalhuis.accounts.models import User

if TYPE_CHECKING:
    # What django.test.Client returns: an HttpResponse with the test client's extras
    # (templates, context, json()). django-stubs gives it only a private name.
    from django.test.client import _MonkeyPatchedWSGIResponse as ClientResponse
else:
    from django.http import HttpResponse as ClientResponse

__all__ = ["ClientResponse", "link_path_in_mail", "log_in", "queries_for"]


def link_path_in_mail(message: EmailMessage, marker: str) -> str:
    """The path of the first link in the body of ``message`` that contains ``marker``."""
    body = str(message.body)
    link = next(line for line in body.splitlines() if marker in line and "://" in line)
    return "/" + link.strip().split("://", 1)[1].split("/", 1)[1]


def queries_for(client: Client, url: str) -> int:
    """How many database queries one GET of ``url`` runs (asserting it succeeds)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries)


def log_in(client: Client, user: User, *, second_factor: bool = True) -> Client:
    """Log ``user`` in on ``client``, with the second factor confirmed unless told otherwise."""
    client.force_login(user)
    if second_factor:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, name="test", defaults={"confirmed": True}
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client
