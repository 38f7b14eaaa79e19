"""What the desk screens share: the municipality here, a link to a route the user may
open (or none), and the contact wishes that matter on the phone."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from sociaalhuis.clients.models import Channel, ContactRestriction
from sociaalhuis.core import tenancy
from sociaalhuis.tenants.models import Municipality

PHONE_CHANNELS = (Channel.PHONE, Channel.VOICEMAIL)


def municipality_here() -> Municipality:
    return Municipality.objects.get(pk=tenancy.require_municipality_id())


def link(*names: str, **kwargs: Any) -> str:
    """The URL of another part's page (the first name that exists), or ""."""
    for name in names:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return ""


def phone_warnings(restrictions: list[ContactRestriction]) -> list[ContactRestriction]:
    return [restriction for restriction in restrictions if restriction.channel in PHONE_CHANNELS]
