"""Helpers for tests that drive pages: signing in, counting queries, following mailed links."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sociaalhuis.accounts.models import User


def link_path_in_mail(body: str, marker: str) -> str:
    """The path of the first link in an e-mail body that contains ``marker``."""
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
