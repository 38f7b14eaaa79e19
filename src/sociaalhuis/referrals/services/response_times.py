"""How long a receiver has to answer: the municipality's default, a service's agreement.

Administrators of the municipality set both; a new referral's answer date follows
from them unless the sender picks one.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from sociaalhuis.accounts.models import User
from sociaalhuis.accounts.roles import Role
from sociaalhuis.core import tenancy
from sociaalhuis.directory.models import Service
from sociaalhuis.referrals.models import ReferralSettings, ServiceResponseTime


def response_days_for(service: Service | None) -> int:
    """Days to answer: the service's agreed time, else the municipality's default."""
    if service is not None:
        agreed = ServiceResponseTime.objects.filter(service=service).first()
        if agreed is not None:
            return agreed.response_days
    settings_row = ReferralSettings.objects.first()
    return settings_row.default_response_days if settings_row else 10


def default_due_date(service: Service | None, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=response_days_for(service))


def settings_update(*, actor: User, default_response_days: int) -> ReferralSettings:
    if not tenancy.current().has_role(Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    row = ReferralSettings.objects.first() or ReferralSettings(
        municipality_id=tenancy.require_municipality_id()
    )
    row.default_response_days = default_response_days
    row.full_clean(exclude=["municipality"])
    row.save()
    return row


def service_response_time_set(
    *, actor: User, service: Service, response_days: int | None
) -> ServiceResponseTime | None:
    """Agree a response time with a service (``None`` returns it to the default)."""
    if not tenancy.current().has_role(Role.MUNICIPALITY_ADMIN):
        raise PermissionDenied
    if not service.municipalities.filter(pk=tenancy.require_municipality_id()).exists():
        raise PermissionDenied
    existing = ServiceResponseTime.objects.filter(service=service).first()
    if response_days is None:
        if existing is not None:
            existing.delete()
        return None
    row = existing or ServiceResponseTime(
        service=service, municipality_id=tenancy.require_municipality_id()
    )
    row.response_days = response_days
    row.full_clean(exclude=["municipality", "service"])
    row.save()
    return row
