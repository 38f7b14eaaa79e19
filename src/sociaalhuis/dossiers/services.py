"""Writes to help dossiers. Every function checks the rules, writes, and records the
access and a timeline line in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sociaalhuis.audit.models import Action
from sociaalhuis.audit.services import access_record
from sociaalhuis.clients.models import Household, Person
from sociaalhuis.core import tenancy
from sociaalhuis.dossiers.models import (
    CareTeamMember,
    Confidentiality,
    Dossier,
    DossierLifeDomain,
    StatusChange,
    TeamRole,
    TimelineEntry,
    TimelineKind,
)
from sociaalhuis.tenants.models import LifeDomain


def timeline_add(
    dossier: Dossier,
    *,
    kind: str,
    summary: str,
    actor: Any,
    obj: models.Model | None = None,
    confidentiality: str = Confidentiality.CARE_TEAM,
    at: Any = None,
) -> TimelineEntry:
    """Add a line to a dossier's timeline (other apps call this for their events)."""
    return TimelineEntry.objects.create(
        dossier=dossier,
        kind=kind,
        summary=summary[:300],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        confidentiality=confidentiality,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        at=at or timezone.now(),
    )


def _next_reference(year: int) -> str:
    # Serialised by the lock on the municipality's dossiers of this year; a clash on
    # the unique constraint would roll the whole registration back, never duplicate.
    prefix = f"{year}-"
    last = (
        Dossier.objects.select_for_update()
        .filter(reference__startswith=prefix)
        .aggregate(last=Max("reference"))["last"]
    )
    number = int(last.split("-")[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def dossier_open(
    *,
    actor: Any,
    reason: str,
    person: Person | None = None,
    household: Household | None = None,
    manager: Any = None,
    life_domains: Iterable[LifeDomain] = (),
) -> Dossier:
    """Open a help dossier for a person or a household, with a reason.

    Reception opens dossiers from the desk (usually without a manager: the dossier then
    waits on the social workers' worklist); a social worker who opens one becomes its
    manager unless they name another.
    """
    context = tenancy.current()
    if not context.has_role("reception", "social_worker"):
        raise PermissionDenied
    if person is None and household is None:
        raise ValidationError(_("A dossier is for a person or a household."), code="no_client")
    if not reason.strip():
        raise ValidationError(_("State why the dossier is opened."), code="no_reason")
    if person is not None and person.is_merged:
        raise ValidationError(
            _("This record was merged into another one; open the dossier there."), code="merged"
        )
    if manager is None and context.has_role("social_worker"):
        manager = actor
    with transaction.atomic():
        now = timezone.now()
        dossier = Dossier.objects.create(
            reference=_next_reference(timezone.localdate(now).year),
            person=person,
            household=household,
            reason=reason.strip(),
            manager=manager,
            opened_by=actor,
            opened_at=now,
        )
        for life_domain in life_domains:
            DossierLifeDomain.objects.create(dossier=dossier, life_domain=life_domain)
        StatusChange.objects.create(
            dossier=dossier, kind=StatusChange.Kind.OPENED, reason=reason.strip(), by=actor, at=now
        )
        if manager is not None:
            CareTeamMember.objects.create(
                dossier=dossier, user=manager, role=TeamRole.MANAGER, added_by=actor, joined_at=now
            )
        timeline_add(
            dossier,
            kind=TimelineKind.STATUS,
            summary=_("Dossier opened: %(reason)s") % {"reason": reason.strip()},
            actor=actor,
            obj=dossier,
            at=now,
        )
        access_record(
            actor=actor,
            action=Action.CREATE,
            obj=dossier,
            person_id=person.pk if person is not None else None,
        )
    return dossier
