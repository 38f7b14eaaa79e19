"""Writing the access log. Fail-closed: if the write fails, the caller's work fails.

Call these inside the same transaction as the read or write they record (every
request runs in one, see ``core.tenancy.activate``); an exception here propagates
and rolls the whole request back, so no personal data leaves without its record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.http import HttpRequest

from sociaalhuis.audit.models import AccessLogEntry, Action, Result
from sociaalhuis.core import tenancy

if TYPE_CHECKING:
    # By name only at run time (settings.AUTH_USER_MODEL): audit sits below accounts.
    from sociaalhuis.accounts.models import User


def _describe(obj: models.Model | None, object_type: str | None) -> tuple[str, str]:
    if obj is not None:
        return obj._meta.label_lower, str(obj.pk)
    return object_type or "", ""


def access_record(
    *,
    actor: User | AnonymousUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    person_id: int | None = None,
    result: str = Result.ALLOWED,
    reason: str = "",
    path: str = "",
    break_glass: bool = False,
) -> AccessLogEntry:
    if action not in Action.values:
        raise ValueError(f"Unknown audit action {action!r}")
    if break_glass and not reason.strip():
        raise ValueError("Emergency access must state a reason.")
    described_type, described_id = _describe(obj, object_type)
    signed_in = actor if actor is not None and not isinstance(actor, AnonymousUser) else None
    entry = AccessLogEntry(
        actor=signed_in,
        actor_email=signed_in.email if signed_in is not None else "",
        person_id=person_id,
        object_type=described_type,
        object_id=object_id if object_id is not None else described_id,
        action=action,
        result=result,
        reason=reason,
        path=path[:300],
        break_glass=break_glass,
    )
    # An access that cannot be attributed to a municipality cannot happen: with no
    # active municipality this raises, and so does the caller's work.
    entry.municipality_id = tenancy.require_municipality_id()
    entry.full_clean(exclude=["municipality", "actor"])
    entry.save(force_insert=True)
    return entry


def access_record_for_request(request: HttpRequest, **kwargs: Any) -> AccessLogEntry:
    return access_record(actor=request.user, path=request.get_full_path(), **kwargs)
